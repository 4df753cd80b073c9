"""Who may write: reads are public, writes need an API key sent as `Authorization: Bearer <key>`.

Route handlers that write declare `guards=[editor_guard]` (or `requires(ApiKeyRole.admin)`),
`security=WRITE_SECURITY` and `responses=AUTH_RESPONSES`, so the OpenAPI document says so too.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Reference, SecurityRequirement, SecurityScheme
from litestar.types import Guard
from sqlalchemy.engine import Engine
from sqlmodel import Session

from atlas.api.problems import problem_responses
from atlas.errors import BEARER_CHALLENGE, Forbidden, Unauthorized
from atlas.models.enums import ApiKeyRole
from atlas.services.apikeys import authenticate, role_allows

SECURITY_SCHEMES: dict[str, SecurityScheme | Reference] = {
    "bearer": SecurityScheme(
        type="http",
        scheme="bearer",
        description="An API key, created with `atlas apikey create`. Reads need none.",
    )
}
WRITE_SECURITY: list[SecurityRequirement] = [{"bearer": []}]
AUTH_RESPONSES: dict[int, ResponseSpec] = problem_responses(401, 403)


def requires(role: ApiKeyRole) -> Guard:
    """A guard letting through only requests with an unrevoked key of `role` or a higher one.

    The key's name is kept on `connection.state.api_key_name`, for auditing.
    """

    # A sync guard: Litestar runs it in its thread pool, so the short query does not block.
    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        header = connection.headers.get("authorization")
        if not header:
            raise Unauthorized("This request needs an API key: send `Authorization: Bearer <key>`.")
        presented = _bearer_token(header)
        if presented is None:
            raise Unauthorized("The Authorization header must be `Bearer <key>`.")
        engine: Engine = connection.app.state.engine
        # Looked up on every request, never cached, so a revoked key stops working at once.
        with Session(engine) as session:
            api_key = authenticate(session, presented)
            found = None if api_key is None else (api_key.name, api_key.role)
        if found is None:
            raise Unauthorized(
                "The API key is not valid or has been revoked.",
                headers={"WWW-Authenticate": f'{BEARER_CHALLENGE}, error="invalid_token"'},
            )
        name, key_role = found
        if not role_allows(key_role, role):
            raise Forbidden(f"The API key {name!r} has the role {key_role}; this needs {role}.")
        connection.state.api_key_name = name

    return guard


editor_guard = requires(ApiKeyRole.editor)
admin_guard = requires(ApiKeyRole.admin)


def _bearer_token(header: str) -> str | None:
    # RFC 9110: the scheme name is case-insensitive; the token is one word.
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or any(space in token for space in " \t"):
        return None
    return token
