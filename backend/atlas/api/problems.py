"""Every error the API answers is an RFC 9457 problem document, built here and nowhere else."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.types import ExceptionHandlersMap
from msgspec import Struct
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from atlas.errors import AtlasError

PROBLEM_MEDIA_TYPE = "application/problem+json"

logger = logging.getLogger("atlas.api")


class Problem(Struct, omit_defaults=True):
    """RFC 9457 problem document (the schema of every error response)."""

    type: str
    title: str
    status: int
    instance: str
    detail: str | None = None
    errors: list[dict[str, Any]] | None = None


def problem_responses(*status_codes: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the error statuses a route can answer, and the 400 every route with
    parameters or a body can (Litestar documents its own as application/json)."""
    return {
        code: ResponseSpec(
            data_container=Problem,
            media_type=PROBLEM_MEDIA_TYPE,
            description=HTTPStatus(code).phrase,
            generate_examples=False,
        )
        for code in sorted({400, *status_codes})
    }


def problem_response(
    request: Request[Any, Any, Any],
    status_code: int,
    detail: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    **members: Any,
) -> Response[dict[str, Any]]:
    """A problem document: type, title, status, detail, instance, plus extension members."""
    body: dict[str, Any] = {
        "type": "about:blank",
        # For type "about:blank" the title is the status phrase (RFC 9457 §4.2.1).
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
    }
    if detail:
        body["detail"] = detail
    body["instance"] = request.url.path
    body.update(members)
    return Response(body, status_code=status_code, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _atlas_error(request: Request[Any, Any, Any], exc: AtlasError) -> Response[dict[str, Any]]:
    return problem_response(
        request,
        exc.status_code,
        str(exc),
        headers=exc.headers or None,
        **exc.members,
    )


def _http_exception(
    request: Request[Any, Any, Any], exc: HTTPException
) -> Response[dict[str, Any]]:
    if isinstance(exc, ValidationException):
        # Litestar reports one entry per invalid field or parameter; the API answers 422.
        errors = [
            {
                "field": entry.get("key") or entry.get("source") or "body",
                "message": entry["message"],
            }
            for entry in (exc.extra if isinstance(exc.extra, list) else [])
            if isinstance(entry, dict) and "message" in entry
        ]
        return problem_response(
            request,
            422,
            "The request has invalid fields; see errors.",
            errors=errors,
        )
    detail = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else None
    return problem_response(request, exc.status_code, detail, headers=exc.headers)


def _integrity_error(
    request: Request[Any, Any, Any], exc: IntegrityError
) -> Response[dict[str, Any]]:
    # The services check what they can; a constraint that still fires means a concurrent write
    # got there first (two creates of one slug). The database's wording is not the client's.
    logger.info("integrity error on %s %s: %s", request.method, request.url.path, exc.orig)
    return problem_response(
        request, 409, "The change conflicts with data written meanwhile; read and try again."
    )


def _stale_data(request: Request[Any, Any, Any], exc: StaleDataError) -> Response[dict[str, Any]]:
    return problem_response(
        request, 412, "The record changed while this change was made; read it again."
    )


def _database_unavailable(
    request: Request[Any, Any, Any], exc: OperationalError
) -> Response[dict[str, Any]]:
    # The server is down, restarting, or (SQLite) busy past the timeout: the client's request was
    # fine and may be sent again. The driver's message names host and port, so it stays in the log.
    logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc.orig)
    return problem_response(
        request,
        503,
        "The database cannot be reached right now; try again shortly.",
        headers={"Retry-After": "5"},
    )


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    # Never leak internals (stack traces, SQL, URLs) to the client; the log keeps them.
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(request, 500, "An unexpected error occurred; it has been logged.")


exception_handlers: ExceptionHandlersMap = {
    AtlasError: _atlas_error,
    HTTPException: _http_exception,
    IntegrityError: _integrity_error,
    StaleDataError: _stale_data,
    OperationalError: _database_unavailable,
    Exception: _unexpected,
}
