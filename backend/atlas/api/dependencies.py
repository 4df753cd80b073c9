"""Request-scoped dependencies shared by every controller."""

from __future__ import annotations

from collections.abc import Iterator
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


def provide_session(state: State, request: Request[Any, Any, Any]) -> Iterator[Session]:
    """A session per request. Writes commit explicitly; anything left uncommitted is rolled back."""
    if request.method in SAFE_METHODS:
        session = Session(state.engine, expire_on_commit=False)
    else:
        session = writing_session(state.engine)
    with session:
        yield session


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
