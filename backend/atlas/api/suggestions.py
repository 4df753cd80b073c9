"""/api/v1/suggestions: the review queue of what ingest proposed, for editors.

The queue holds claims nobody has checked yet, so even reading it needs an editor key; what an
editor accepts becomes part of the public directory.

No `from __future__ import annotations`: Litestar reads the handlers' types at runtime.
"""

from collections.abc import Sequence
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.enums import RequestEncodingType
from litestar.params import Body, Parameter, PathParameter
from sqlmodel import Session, col, select

from atlas.api.auth import AUTH_RESPONSES, WRITE_SECURITY, editor_guard
from atlas.api.dependencies import provide_page
from atlas.api.listing import PageRequest, list_rows
from atlas.api.listings import SUGGESTIONS
from atlas.api.problems import problem_responses
from atlas.api.resources import API_PREFIX
from atlas.api.schemas import (
    DecisionIn,
    Evidence,
    Page,
    SuggestedParty,
    SuggestedRelationOut,
    SuggestionOut,
)
from atlas.ingest.pipeline import suggestion_key, unknown_ends
from atlas.ingest.review import (
    Decision,
    accept_suggestion,
    find_suggestion,
    reject_suggestion,
)
from atlas.models import Document, EntityType, Suggestion, SuggestionKind, SuggestionStatus

SuggestionId = Annotated[int, PathParameter(description="The suggestion's id.")]


def suggestions_out(session: Session, rows: Sequence[Any]) -> list[SuggestionOut]:
    """Queue items with their evidence, in two queries whatever their number: the documents'
    slugs and titles, and what the unknown ends of relations have been accepted as since."""
    documents: dict[int, tuple[str, str]] = {
        document_id: (slug, title)
        for document_id, slug, title in session.exec(
            select(Document.id, Document.slug, Document.title).where(
                col(Document.id).in_({row.document_id for row in rows})
            )
        )
        if document_id is not None
    }
    names = {name for row in rows for name in unknown_ends(row)}
    accepted = dict(
        session.exec(
            select(Suggestion.key, Suggestion.outcome).where(
                col(Suggestion.key).in_({suggestion_key("entity", name) for name in names}),
                Suggestion.status == SuggestionStatus.accepted,
            )
        ).all()
    )
    return [
        SuggestionOut(
            id=row.id,
            kind=row.kind,
            status=row.status,
            name=row.name,
            entity_type=row.entity_type,
            entity_kind=row.entity_kind,
            country=row.country,
            aliases=list(row.aliases),
            start=row.start,
            end=row.end,
            spans=[list(span) for span in row.spans],
            document_title=documents[row.document_id][1],
            evidence=Evidence(
                document=documents[row.document_id][0],
                start=row.evidence_start,
                end=row.evidence_end,
                quote=row.quote,
            ),
            rule=row.rule,
            relation=_relation_out(row.relation, accepted),
            created_at=row.created_at,
            decided_at=row.decided_at,
            outcome=row.outcome,
            version=row.version,
        )
        for row in rows
    ]


def _relation_out(
    relation: dict[str, Any] | None, accepted: dict[str, str | None]
) -> SuggestedRelationOut | None:
    if not relation:
        return None

    def party(end: dict[str, Any] | None) -> SuggestedParty | None:
        if not end:
            return None
        ref = end.get("ref") or accepted.get(suggestion_key("entity", end["name"]))
        return SuggestedParty(**{**end, "ref": ref})

    subject = party(relation["subject"])
    assert subject is not None
    return SuggestedRelationOut(
        role=relation["role"], subject=subject, object=party(relation.get("object"))
    )


def suggestion_filters(
    status: list[SuggestionStatus] | None = Parameter(
        default=None, description="`pending`, `accepted` or `rejected`."
    ),
    kind: list[SuggestionKind] | None = Parameter(
        default=None, description="`entity`, `participation` or `affiliation`."
    ),
    entity_type: list[EntityType] | None = Parameter(
        default=None, description="Of a suggested entity: `actor`, `initiative` or `event`."
    ),
    document: list[str] | None = Parameter(
        default=None, description="Suggested by this document (slug)."
    ),
) -> dict[str, Any]:
    return {"status": status, "kind": kind, "entity_type": entity_type, "document": document}


class SuggestionController(Controller):
    path = f"{API_PREFIX}/suggestions"
    tags = ("suggestions",)
    guards = (editor_guard,)
    security = WRITE_SECURITY
    # Litestar reads these class attributes once, when the app is made.
    dependencies = {  # noqa: RUF012
        "filters": Provide(suggestion_filters, sync_to_thread=False),
        "page": Provide(provide_page, sync_to_thread=False),
    }

    @get(
        "/",
        operation_id="list_suggestions",
        summary="The review queue",
        description="Filter, sort and page the suggestions ingest made; `facets=status,kind` "
        "adds counts. Needs an editor key.",
        responses={**AUTH_RESPONSES, **problem_responses(422)},
        sync_to_thread=True,
    )
    def list_suggestions(
        self,
        session: NamedDependency[Session],
        filters: NamedDependency[dict[str, Any]],
        page: NamedDependency[PageRequest],
    ) -> Page[SuggestionOut]:
        result = list_rows(session, SUGGESTIONS, filters, page)
        return Page[SuggestionOut](
            items=suggestions_out(session, result.rows),
            total=result.total,
            limit=page.limit,
            offset=page.offset,
            facets=result.facets,
        )

    @get(
        "/{suggestion_id:int}",
        operation_id="get_suggestion",
        summary="One suggestion",
        responses={**AUTH_RESPONSES, **problem_responses(404, 422)},
        sync_to_thread=True,
    )
    def get_suggestion(
        self, session: NamedDependency[Session], suggestion_id: SuggestionId
    ) -> SuggestionOut:
        return suggestions_out(session, [find_suggestion(session, suggestion_id)])[0]

    @post(
        "/{suggestion_id:int}/accept",
        operation_id="accept_suggestion",
        summary="Accept a suggestion",
        description="Creates the entity (or merges it into `into`, which gains the name as an "
        "alias) and confirms its mentions in every document that names it; or creates the "
        "relation with the passage as evidence. Applies to every pending suggestion of the "
        "same name. 409 when it was already decided; 422 when a relation's end is not in the "
        "directory yet (accept that entity first, or name it in `subject`/`object`).",
        status_code=200,
        responses={**AUTH_RESPONSES, **problem_responses(404, 409, 422)},
        sync_to_thread=True,
    )
    def accept(
        self,
        session: NamedDependency[Session],
        suggestion_id: SuggestionId,
        data: Annotated[DecisionIn | None, Body(media_type=RequestEncodingType.JSON)] = None,
    ) -> SuggestionOut:
        decision = Decision(**(data.model_dump() if data else {}))
        suggestion = accept_suggestion(session, suggestion_id, decision)
        session.commit()
        return suggestions_out(session, [suggestion])[0]

    @post(
        "/{suggestion_id:int}/reject",
        operation_id="reject_suggestion",
        summary="Reject a suggestion",
        description="Rejects it and every pending suggestion of the same name; ingest never "
        "suggests that name again. 409 when it was already decided.",
        status_code=200,
        responses={**AUTH_RESPONSES, **problem_responses(404, 409, 422)},
        sync_to_thread=True,
    )
    def reject(
        self, session: NamedDependency[Session], suggestion_id: SuggestionId
    ) -> SuggestionOut:
        suggestion = reject_suggestion(session, suggestion_id)
        session.commit()
        return suggestions_out(session, [suggestion])[0]
