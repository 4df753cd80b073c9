"""Per-client rate limiting: past `ATLAS_RATE_LIMIT` requests in the window, 429 with a problem
document and `Retry-After`.

Litestar's middleware counts requests per client address in a store: in memory by default (each
process counts for itself, right for one instance), or a shared Redis store
(`ATLAS_RATE_LIMIT_STORE_URL`) when several instances serve one database, so that a client
cannot multiply its allowance by the number of instances. The client address is the socket's
peer, or the `X-Forwarded-For` of a trusted proxy (`atlas serve` runs uvicorn with proxy headers,
trusting the proxies of `FORWARDED_ALLOW_IPS`, 127.0.0.1 by default).

Liveness and readiness probes and static files are not counted: a load balancer polling
/health must never be locked out.
"""

from __future__ import annotations

from time import time
from typing import TYPE_CHECKING, Any, Final

from litestar.middleware.rate_limit import CacheObject, RateLimitConfig, RateLimitMiddleware
from litestar.openapi.datastructures import ResponseSpec
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.stores.redis import RedisStore

from atlas.api.problems import PROBLEM_MEDIA_TYPE, Problem
from atlas.settings import RateLimit, Settings

if TYPE_CHECKING:
    from litestar.stores.base import Store

NOT_COUNTED: Final = ["^/health$", "^/ready$", "^/assets/", "^/static/"]
STORE_NAME: Final = "rate_limit"

TOO_MANY_REQUESTS = ResponseSpec(
    data_container=Problem,
    media_type=PROBLEM_MEDIA_TYPE,
    description="Too many requests from this client (`ATLAS_RATE_LIMIT`); `Retry-After` says "
    "in how many seconds to try again.",
    generate_examples=False,
)


class _RetryAfterMiddleware(RateLimitMiddleware):
    """Litestar's middleware, plus `Retry-After` (RFC 9110) once the allowance is used up."""

    def create_response_headers(self, cache_object: CacheObject) -> dict[str, str]:
        headers = super().create_response_headers(cache_object)
        if len(cache_object.history) >= self.max_requests:
            headers["Retry-After"] = str(max(1, cache_object.reset - int(time())))
        return headers


def rate_limit_config(limit: RateLimit) -> RateLimitConfig:
    return RateLimitConfig(
        rate_limit=(limit.unit, limit.requests),
        exclude=NOT_COUNTED,
        middleware_class=_RetryAfterMiddleware,
        store=STORE_NAME,
    )


def rate_limit_stores(settings: Settings) -> dict[str, Store]:
    """The shared store when one is configured; otherwise Litestar's in-memory default."""
    if not settings.rate_limit_store_url:
        return {}
    store = RedisStore.with_client(url=settings.rate_limit_store_url, namespace="atlas-rate-limit")
    return {STORE_NAME: store}


class DocumentTooManyRequests(ReceiveRoutePlugin):
    """Adds the 429 to every operation of the OpenAPI document, since any may answer it."""

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute) or any(
            route.path == pattern.strip("^$") for pattern in NOT_COUNTED
        ):
            return
        for handler in {id(item): item for item in route.route_handlers}.values():
            if handler.include_in_schema:
                responses: dict[int, Any] = dict(handler.responses or {})
                handler.responses = {429: TOO_MANY_REQUESTS, **responses}
