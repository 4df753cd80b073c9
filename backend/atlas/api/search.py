"""GET /api/v1/search and GET /api/v1/suggest: thin handlers over `atlas.search.service`."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar import get
from litestar.di import NamedDependency
from litestar.params import Parameter
from pydantic import Field
from sqlmodel import Session

from atlas.api.dependencies import MAX_OFFSET
from atlas.api.listing import MAX_LIMIT
from atlas.api.problems import problem_responses
from atlas.api.schemas import FacetValue, Schema
from atlas.errors import InvalidInput
from atlas.search import service

SearchType = Literal["document", "actor", "initiative", "event"]
TYPE_LABELS = {
    "document": ("Dokument", "Document"),
    "actor": ("Akteur", "Actor"),
    "initiative": ("Initiative", "Initiative"),
    "event": ("Ereignis", "Event"),
}


class SearchHit(Schema):
    type: SearchType
    slug: str
    name: str = Field(description="The name; a document's title.")
    kind: str | None
    snippet: str = Field(description="The matched passage, as plain text.")
    score: float = Field(description="Relevance; higher is better. Comparable within one answer.")
    highlights: list[tuple[int, int]] = Field(
        description="[start, end) character offsets of the matches in `snippet`."
    )


class SearchPage(Schema):
    items: list[SearchHit]
    total: int = Field(description="Results of the requested types.")
    limit: int
    offset: int
    facets: dict[str, list[FacetValue]] = Field(
        description="`type`: results per type, over all types (whatever `type=` asks for)."
    )


class Completion(Schema):
    type: Literal["actor", "initiative", "event", "topic"]
    slug: str
    name: str
    kind: str | None
    matched: str = Field(description="The name or alias the input completes.")


class Completions(Schema):
    items: list[Completion]


# The length is checked by the search itself, so that every unusable query is a 400.
Query = Annotated[
    str,
    Parameter(
        description='Words (all required) and "quoted phrases", at most '
        f"{service.MAX_QUERY_LENGTH} characters; case, umlauts and inflection do not matter.",
    ),
]


def _types(value: str | None) -> list[str]:
    if not value:
        return list(service.SEARCH_TYPES)
    types = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in types if name not in service.SEARCH_TYPES]
    if unknown or not types:
        raise InvalidInput(
            "type", f"unknown type {', '.join(unknown)}; one of: {', '.join(service.SEARCH_TYPES)}"
        )
    return types


@get(
    "/api/v1/search",
    operation_id="search",
    summary="Search documents, actors, initiatives and events",
    tags=["search"],
    responses=problem_responses(400, 422),
    sync_to_thread=True,
)
def search(
    session: NamedDependency[Session],
    q: Query,
    type: str | None = Parameter(
        default=None, description="Comma-separated types: document, actor, initiative, event."
    ),
    limit: int = Parameter(default=20, ge=1, le=MAX_LIMIT, description="Page size."),
    offset: int = Parameter(default=0, ge=0, le=MAX_OFFSET, description="Results to skip."),
) -> SearchPage:
    """Ranked across types: a name match first, then documents that mention what the query names,
    then passing mentions. Snippets are plain text with highlight offsets."""
    hits, result = service.search_page(session.connection(), q, _types(type), limit, offset)
    return SearchPage(
        items=[
            SearchHit(
                type=hit.candidate.type,
                slug=hit.candidate.slug,
                name=hit.candidate.name,
                kind=hit.candidate.kind,
                snippet=hit.snippet.text,
                score=hit.candidate.score,
                highlights=hit.snippet.highlights,
            )
            for hit in hits
        ],
        total=result.total,
        limit=limit,
        offset=offset,
        facets={
            "type": [
                FacetValue(
                    value=name,
                    label=TYPE_LABELS[name][0],
                    label_en=TYPE_LABELS[name][1],
                    count=result.counts.get(name, 0),
                )
                for name in service.SEARCH_TYPES
                if result.counts.get(name, 0)
            ]
        },
    )


@get(
    "/api/v1/suggest",
    operation_id="suggest",
    summary="Complete names for a search box",
    tags=["search"],
    responses=problem_responses(400, 422),
    sync_to_thread=True,
)
def suggest(
    session: NamedDependency[Session],
    q: Query,
    limit: int = Parameter(default=10, ge=1, le=50, description="Completions at most."),
) -> Completions:
    """Names and aliases of actors, initiatives, events and topics that the input begins at a
    word start (`multi` → Allianz für den Multilateralismus); whole names first."""
    return Completions(
        items=[
            Completion(
                type=item.type,
                slug=item.slug,
                name=item.name,
                kind=item.kind,
                matched=item.matched,
            )
            for item in service.suggest(session.connection(), q, limit)
        ]
    )
