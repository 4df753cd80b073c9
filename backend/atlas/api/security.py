"""HTTP hardening: security headers on every response and a cap on request bodies.

`HttpHardening` is one Litestar plugin that

- adds `Content-Security-Policy`, `X-Content-Type-Options`, `Referrer-Policy` and
  `X-Frame-Options` to every response the app sends: API, page, static files, the docs page and
  errors, including 404s of unknown paths. A response that sets its own policy (the web page's,
  in `web.py`) keeps it; the docs page gets `DOCS_POLICY`; everything else `STRICT_POLICY`, which
  lets a response load, run and frame nothing.
- documents the 413 of every operation that takes a body: the app caps bodies at
  `ATLAS_MAX_BODY_SIZE` (`request_max_body_size` in `create_app`; Litestar counts the bytes, so a
  body without `Content-Length` is stopped too, before the handler runs);
- lets a route take larger bodies by naming the setting that caps them: `opt=body_limit("...")`;
- gives a client `ATLAS_REQUEST_TIMEOUT_SECONDS` to send its whole body (408 after that), so a
  slow or stalled client cannot hold a worker and a database session open.

`OfflineSwaggerRenderPlugin` serves the docs page without inline script, so it runs under its
policy without `'unsafe-inline'` scripts and without any CDN.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

import anyio
from litestar import Request, get
from litestar.config.app import AppConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import ClientException
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import DefineMiddleware
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.plugins import InitPluginProtocol, ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute

from atlas.api.problems import PROBLEM_MEDIA_TYPE, Problem
from atlas.settings import Settings

if TYPE_CHECKING:
    from litestar import Router
    from litestar.types import ASGIApp, Message, Receive, ReceiveMessage, Scope, Send

# Nothing may be loaded, run or framed: right for JSON, files and errors alike.
STRICT_POLICY: Final = (
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
# The docs page (Swagger UI, served from the installed package): its own scripts and styles, the
# schema and "try it out" requests to this origin. Swagger UI sets style attributes as it renders.
DOCS_POLICY: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: Final = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # For browsers that do not know CSP's frame-ancestors.
    "X-Frame-Options": "DENY",
}
BODY_LIMIT_OPT: Final = "max_body_size_setting"
# A route's own cap is for the payload (an uploaded file); the multipart envelope and the other
# form fields around it may take this much more.
ENVELOPE_ALLOWANCE: Final = 64 * 1024

PAYLOAD_TOO_LARGE = ResponseSpec(
    data_container=Problem,
    media_type=PROBLEM_MEDIA_TYPE,
    description="The request body is larger than the limit (`ATLAS_MAX_BODY_SIZE`, 1 MB unless "
    "configured otherwise).",
    generate_examples=False,
)


def body_limit(setting: str) -> dict[str, str]:
    """`opt` for a route whose body may exceed ATLAS_MAX_BODY_SIZE: the Settings field (in bytes)
    that caps its payload instead, e.g. `@post(..., opt=body_limit("ingest_max_bytes"))`."""
    if setting not in Settings.model_fields:
        raise ValueError(f"no such setting: {setting}")
    return {BODY_LIMIT_OPT: setting}


class HttpHardening(InitPluginProtocol, ReceiveRoutePlugin):
    """Security headers on every response and request body limits (see the module docstring)."""

    def __init__(self, settings: Settings, docs_path: str = "/schema") -> None:
        self.settings = settings
        self.docs_path = docs_path.rstrip("/")

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        app_config.before_send.append(self._add_headers)
        app_config.middleware.append(
            DefineMiddleware(BodyDeadline, seconds=self.settings.request_timeout_seconds)
        )
        return app_config

    def receive_route(self, route: BaseRoute) -> None:
        # Each app gets its own copy of a handler, so setting attributes here stays in this app.
        if not isinstance(route, HTTPRoute):
            return
        for handler in {id(item): item for item in route.route_handlers}.values():
            setting = handler.opt.get(BODY_LIMIT_OPT)
            if setting:
                cap = int(getattr(self.settings, setting)) + ENVELOPE_ALLOWANCE
                handler.request_max_body_size = cap
            if setting or _takes_body(handler):
                handler.responses = {413: PAYLOAD_TOO_LARGE, **(handler.responses or {})}

    async def _add_headers(self, message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in SECURITY_HEADERS.items():
            if name not in headers:
                headers[name] = value
        if "Content-Security-Policy" not in headers:
            headers["Content-Security-Policy"] = (
                DOCS_POLICY if self._is_docs_page(scope, headers) else STRICT_POLICY
            )

    def _is_docs_page(self, scope: Scope, headers: MutableScopeHeaders) -> bool:
        path = scope.get("path", "")
        under_docs = path == self.docs_path or path.startswith(self.docs_path + "/")
        return under_docs and headers.get("Content-Type", "").startswith("text/html")


class BodyDeadline:
    """ASGI middleware: the request body must arrive within `seconds` of the request's start.

    Only reading the body is timed: once it is complete, the app may wait on `receive` for a
    disconnect for as long as a streamed response lasts.
    """

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        deadline = anyio.current_time() + self.seconds
        body_complete = False

        async def receive_in_time() -> ReceiveMessage:
            nonlocal body_complete
            if body_complete:
                return await receive()
            with anyio.move_on_after(max(deadline - anyio.current_time(), 0)) as scope_:
                message = await receive()
            if scope_.cancelled_caught:
                raise ClientException(
                    status_code=408,
                    detail=f"The request body did not arrive within {self.seconds:g} seconds.",
                )
            body_complete = message["type"] != "http.request" or not message.get("more_body")
            return message

        await self.app(scope, receive_in_time, send)


def _takes_body(handler: HTTPRouteHandler) -> bool:
    return "data" in handler.parsed_fn_signature.parameters


class OfflineSwaggerRenderPlugin(SwaggerRenderPlugin):
    """Swagger UI with no inline script: the page loads the installed package's files and a small
    start script served beside it, which fetches the OpenAPI document."""

    START_SCRIPT = "swagger-start.js"

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        base = request.app.openapi_config.path if request.app.openapi_config else "/schema"
        title = json.dumps(openapi_schema["info"]["title"])[1:-1]
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <title>{title}</title>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  {self.favicon}
  <link href="{self.css_url}" rel="stylesheet">
</head>
<body>
  <div id="swagger-container" data-spec-url="{base}/openapi.json"></div>
  <script src="{self.js_url}"></script>
  <script src="{self.standalone_preset_js_url}"></script>
  <script src="{base}/{self.START_SCRIPT}"></script>
</body>
</html>
""".encode()

    def receive_router(self, router: Router) -> None:
        super().receive_router(router)
        router.register(
            get(
                f"/{self.START_SCRIPT}",
                media_type="text/javascript",
                sync_to_thread=False,
                include_in_schema=False,
            )(_swagger_start_script)
        )


def _swagger_start_script() -> str:
    return """"use strict";
const container = document.getElementById("swagger-container");
window.ui = SwaggerUIBundle({
  url: container.dataset.specUrl,
  dom_id: "#swagger-container",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis],
});
"""
