"""Request-scoped dependencies shared by every controller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from litestar import Request
from litestar.datastructures import State
from litestar.params import Parameter
from sqlmodel import Session

from atlas.api.listing import DEFAULT_LIMIT, MAX_LIMIT, PageRequest
from atlas.db import writing_session
from atlas.errors import InvalidInput

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_QUERY_LENGTH = 1000
# Larger offsets overflow the databases' 64-bit integers (a 500); no directory is that long.
MAX_OFFSET = 2**31 - 1


async def provide_session(state: State, request: Request[Any, Any, Any]) -> AsyncIterator[Session]:
    """A session per request. Writes commit explicitly; anything left uncommitted is rolled back.

    An async generator, so that Litestar closes the session in the event loop: the cleanup of a
    sync one waits for a thread of the pool, and when every thread holds a handler waiting for a
    database connection, the connections of finished requests were never given back (a deadlock
    until the pool's 30 s timeout, found with 32 concurrent writers). Closing only returns the
    connection to the pool: it never waits for a lock.
    """
    if request.method in SAFE_METHODS:
        session = Session(state.engine, expire_on_commit=False)
    else:
        session = writing_session(state.engine)
    try:
        yield session
    finally:
        session.close()


def provide_page(
    q: str | None = Parameter(
        default=None,
        max_length=MAX_QUERY_LENGTH,
        description="Search, as /api/v1/search finds: words (all required) and quoted phrases, "
        "German-aware; a relation is found by its ends.",
    ),
    sort: str | None = Parameter(
        default=None,
        description="Sort field; prefix with `-` for descending (e.g. `-published_on`).",
    ),
    limit: int = Parameter(
        default=DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"Page size (at most {MAX_LIMIT}).",
    ),
    offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET, description="Items to skip."),
    facets: str | None = Parameter(
        default=None,
        description="Comma-separated facet names; their counts over the filtered set are added.",
    ),
) -> PageRequest:
    names = tuple(name.strip() for name in (facets or "").split(",") if name.strip())
    if len(names) > 10:
        raise InvalidInput("facets", "at most 10 facets at once")
    return PageRequest(q=q, sort=sort, limit=limit, offset=offset, facets=names)
