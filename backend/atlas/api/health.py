"""Liveness and readiness, for load balancers and orchestrators."""

from __future__ import annotations

from typing import Any

from litestar import get
from litestar.datastructures import State
from sqlalchemy.exc import SQLAlchemyError

from atlas.api.problems import problem_responses
from atlas.errors import ServiceUnavailable
from atlas.migrate import current_revisions


@get("/health", operation_id="health", tags=["service"], sync_to_thread=False)
def health() -> dict[str, str]:
    """Alive: the process answers. Says nothing about the database."""
    return {"status": "ok"}


@get(
    "/ready",
    operation_id="ready",
    tags=["service"],
    sync_to_thread=True,
    responses=problem_responses(503),
)
def ready(state: State) -> dict[str, Any]:
    """Ready: the database answers and is migrated to the newest revision, else 503."""
    try:
        with state.engine.connect() as connection:
            current = current_revisions(connection)
    except SQLAlchemyError:
        raise ServiceUnavailable("The database cannot be reached.") from None
    heads: tuple[str, ...] = state.migration_heads
    if set(current) != set(heads):
        raise ServiceUnavailable(
            f"The database is at revision {', '.join(current) or 'none'}, "
            f"not at {', '.join(heads)}: run `atlas db upgrade`."
        )
    return {"status": "ready", "revision": ",".join(current)}
