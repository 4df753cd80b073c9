"""The Litestar application: settings, plugins, routes, static frontend, error mapping."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

import structlog
import swagger_ui_bundle
from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.logging.config import (
    LoggingConfig,
    StructLoggingConfig,
    default_structlog_standard_lib_processors,
)
from litestar.middleware.logging import LoggingMiddlewareConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.spec import Components
from litestar.plugins.structlog import StructlogConfig, StructlogPlugin
from litestar.static_files import create_static_files_router
from sqlalchemy.engine import Engine

from atlas import __doc__ as atlas_description
from atlas.api.auth import SECURITY_SCHEMES
from atlas.api.changes import ChangeController, record_change_author
from atlas.api.dependencies import provide_session
from atlas.api.health import health, ready
from atlas.api.ingest import ingest_context, ingest_document
from atlas.api.problems import exception_handlers
from atlas.api.ratelimit import DocumentTooManyRequests, rate_limit_config, rate_limit_stores
from atlas.api.resources import controllers as resource_controllers
from atlas.api.search import search, suggest
from atlas.api.security import HttpHardening, OfflineSwaggerRenderPlugin
from atlas.api.suggestions import SuggestionController
from atlas.api.web import ASSETS_PATH, FRONTEND_DIR, app_shell, read_app_shell, vocabularies
from atlas.db import engine_from_settings
from atlas.migrate import head_revisions
from atlas.settings import Settings, get_settings

SWAGGER_ASSETS = "/static/swagger-ui"


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> Litestar:
    """Build the app for the given settings (default: the environment's)."""
    settings = settings or get_settings()
    engine = engine or engine_from_settings(settings)

    def dispose_engine() -> None:
        engine.dispose()

    return Litestar(
        route_handlers=[
            health,
            ready,
            *resource_controllers,
            ingest_document,
            SuggestionController,
            ChangeController,
            search,
            suggest,
            vocabularies,
            app_shell,
            # The docs page loads Swagger UI from the installed package, never from a CDN.
            create_static_files_router(
                path=SWAGGER_ASSETS,
                directories=[Path(swagger_ui_bundle.swagger_ui_path)],
                include_in_schema=False,
            ),
            create_static_files_router(
                path=ASSETS_PATH,
                directories=[FRONTEND_DIR / "assets"],
                include_in_schema=False,
                # Revalidated on every load: a new release is picked up at once.
                cache_control=CacheControlHeader(no_cache=True),
            ),
        ],
        state=State(
            {
                "engine": engine,
                "settings": settings,
                "migration_heads": head_revisions(),
                "app_shell": read_app_shell(),
                "ingest": ingest_context(settings),
            }
        ),
        dependencies={"session": Provide(provide_session)},
        before_request=record_change_author,
        exception_handlers=exception_handlers,
        openapi_config=_openapi_config(),
        cors_config=CORSConfig(allow_origins=settings.cors_origins)
        if settings.cors_origins
        else None,
        plugins=[_logging_plugin(settings), HttpHardening(settings), DocumentTooManyRequests()],
        middleware=[rate_limit_config(settings.rate_limit).middleware]
        if settings.rate_limit
        else [],
        stores=rate_limit_stores(settings),
        request_max_body_size=settings.max_body_size,
        on_startup=[_freeze_startup_objects],
        on_shutdown=[dispose_engine],
    )


def _freeze_startup_objects() -> None:
    # What exists once the app has started (routes, schemas, models, SQLAlchemy's metadata) lives
    # as long as the process. Freezing it keeps the cyclic garbage collector from walking those
    # 140,000 objects again in every full collection: about 100 ms each, a stall of the request
    # that happens to trigger it.
    gc.collect()
    gc.freeze()


def _openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Atlas",
        version="1",
        description=atlas_description,
        path="/schema",
        components=Components(security_schemes=SECURITY_SCHEMES),
        render_plugins=[
            OfflineSwaggerRenderPlugin(
                path="/",
                js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
                css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
                standalone_preset_js_url=f"{SWAGGER_ASSETS}/swagger-ui-standalone-preset.js",
                favicon=f"<link rel='icon' href='{SWAGGER_ASSETS}/favicon-32x32.png'>",
            )
        ],
    )


def _logging_plugin(settings: Settings) -> StructlogPlugin:
    # One structured line per request (JSON unless on a terminal), at the configured level; no
    # headers, cookies or bodies, which may hold keys.
    level = logging.getLevelNamesMapping()[settings.log_level]
    as_json = not sys.stderr.isatty()
    processors = default_structlog_standard_lib_processors(as_json=as_json)
    if as_json:
        # Tracebacks of unexpected errors become a string field instead of breaking the JSON.
        processors.insert(-1, structlog.processors.format_exc_info)
    standard_library = LoggingConfig(
        root={"handlers": ["queue_listener"], "level": settings.log_level},
        formatters={
            "standard": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": processors,
            }
        },
        log_exceptions="never",
    )
    return StructlogPlugin(
        StructlogConfig(
            # Unexpected errors are logged once, by the problem handler; others need no trace.
            structlog_logging_config=StructLoggingConfig(
                log_exceptions="never",
                wrapper_class=structlog.make_filtering_bound_logger(level),
                standard_lib_logging_config=standard_library,
            ),
            middleware_logging_config=LoggingMiddlewareConfig(
                request_log_fields=("method", "path", "query"),
                response_log_fields=["status_code"],
            ),
        )
    )
