"""The /api/v1 resources: one controller per resource, built from a declaration, so that every
resource lists, reads, pages, facets and answers errors the same way.

This module deliberately has no `from __future__ import annotations`: the handlers are made in a
factory and Litestar must see their concrete types for validation and the OpenAPI document.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from litestar import Controller, Response, delete, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.enums import RequestEncodingType
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Body, HeaderParameter, Parameter, PathParameter
from litestar.response import Redirect
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from pydantic import BaseModel
from sqlmodel import Session

from atlas.api import filters, listings, views
from atlas.api.auth import AUTH_RESPONSES, WRITE_SECURITY, editor_guard
from atlas.api.dependencies import provide_page
from atlas.api.examples import EXAMPLES
from atlas.api.exports import ExportableListOperation, ExportFormat, export_stream
from atlas.api.listing import Listing, PageRequest, list_rows
from atlas.api.problems import problem_responses
from atlas.api.schemas import (
    ActorDetail,
    ActorIn,
    ActorOut,
    ActorPatch,
    AffiliationIn,
    AffiliationOut,
    AffiliationPatch,
    DocumentDetail,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    EventDetail,
    EventIn,
    EventOut,
    EventPatch,
    InitiativeDetail,
    InitiativeIn,
    InitiativeOut,
    InitiativePatch,
    MentionIn,
    MentionOut,
    MentionPatch,
    Page,
    ParticipationIn,
    ParticipationOut,
    ParticipationPatch,
    TopicDetail,
    TopicIn,
    TopicOut,
    TopicPatch,
)
from atlas.errors import InvalidInput
from atlas.models import (
    Actor,
    Affiliation,
    Document,
    EntityType,
    Event,
    Initiative,
    Mention,
    Participation,
    Topic,
)
from atlas.services.records import (
    KINDS,
    Moved,
    create_record,
    delete_record,
    etag_of,
    find_by_id,
    find_by_slug,
    update_record,
)

API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class Resource:
    """How one resource is listed and shown."""

    name: str  # the path segment, e.g. "actors"
    label: str  # singular, for messages and docs
    model: Any
    listing: Listing
    filters: Callable[..., dict[str, Any]]
    out: Any  # schema of a list item
    many: Callable[[Session, Sequence[Any]], list[Any]]
    detail_out: Any  # schema of the detail
    detail: Callable[[Session, Any], Any]
    entity_type: EntityType | None  # records with slugs; relations (None) go by id
    create_in: Any  # body of POST
    patch_in: Any  # body of PATCH

    @property
    def kind(self) -> Any:
        return KINDS[self.label]

    def url(self, row: Any) -> str:
        key = row.slug if self.entity_type is not None else row.id
        return f"{API_PREFIX}/{self.name}/{key}"


IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        required=False,
        description="The ETag you read; the write is refused with 412 if the record changed since.",
    ),
]
WRITE_OPTIONS: dict[str, Any] = {
    "guards": [editor_guard],
    "security": WRITE_SECURITY,
    "sync_to_thread": True,
}


def _list_handler(resource: Resource) -> Any:
    @get(
        "/",
        operation_id=f"list_{resource.name}",
        summary=f"List {resource.name}",
        description=(
            f"Filter, search, sort and page {resource.name}; `facets=` adds counts over the "
            "filtered set. `format=csv` or `format=ndjson` streams the whole filtered set "
            "instead of one page."
        ),
        responses=problem_responses(422),
        operation_class=ExportableListOperation,
        sync_to_thread=True,
    )
    def list_records(
        self: Any,
        session: NamedDependency[Session],
        state: State,
        filters: NamedDependency[dict[str, Any]],
        page: NamedDependency[PageRequest],
        format: ExportFormat = Parameter(
            default=ExportFormat.json,
            description="`json` (a page), or `csv` / `ndjson` (the whole filtered set).",
        ),
    ) -> Page[resource.out]:  # type: ignore[name-defined]
        if format is not ExportFormat.json:
            return export_stream(  # type: ignore[return-value]
                state.engine, resource.listing, resource.out, resource.many, filters, page,
                format, resource.name, state.settings.export_max_rows,
            )  # fmt: skip
        result = list_rows(session, resource.listing, filters, page)
        return Page[resource.out](  # type: ignore[name-defined]
            items=resource.many(session, result.rows),
            total=result.total,
            limit=page.limit,
            offset=page.offset,
            facets=result.facets,
        )

    return list_records


def _key_of(resource: Resource) -> tuple[str, Any]:
    """The path of one record and the type of its key: a slug, or an id for relations."""
    if resource.entity_type is not None:
        return "/{key:str}", Annotated[str, PathParameter(description="The record's slug.")]
    return "/{key:int}", Annotated[int, PathParameter(description="The record's id.")]


def _find(session: Session, resource: Resource, key: Any) -> Any:
    if resource.entity_type is not None:
        return find_by_slug(session, resource.model, resource.entity_type, key)
    return find_by_id(session, resource.model, key, resource.label)


def _body(schema: Any, name: str, action: str) -> Any:
    """A JSON request body, with the documented example of that resource's `action`."""
    return Annotated[
        schema,
        Body(
            media_type=RequestEncodingType.JSON,
            examples=[Example(summary=f"{action.title()} {name}", value=EXAMPLES[name][action])],
        ),
    ]


def _detail_response(
    session: Session, resource: Resource, row: Any, status_code: int = 200
) -> Response[Any]:
    headers = {"ETag": etag_of(row)}
    if status_code == HTTP_201_CREATED:
        headers["Location"] = resource.url(row)
    return Response(resource.detail(session, row), headers=headers, status_code=status_code)


def _moved(resource: Resource, moved: Moved, status_code: Literal[301, 308]) -> Any:
    return Redirect(f"{API_PREFIX}/{resource.name}/{moved.slug}", status_code=status_code)


def _detail_handler(resource: Resource) -> Any:
    path, key_type = _key_of(resource)

    @get(
        path,
        operation_id=f"get_{resource.label}",
        summary=f"One {resource.label}, with what it links to",
        description="Answers 301 to the new URL when the slug was renamed.",
        responses=problem_responses(404),
        sync_to_thread=True,
    )
    def get_record(
        self: Any,
        session: NamedDependency[Session],
        key: key_type,  # type: ignore[valid-type]
    ) -> Response[resource.detail_out]:  # type: ignore[name-defined]
        try:
            row = _find(session, resource, key)
        except Moved as moved:
            return _moved(resource, moved, 301)  # type: ignore[no-any-return]
        return _detail_response(session, resource, row)

    return get_record


def _create_handler(resource: Resource) -> Any:
    @post(
        "/",
        operation_id=f"create_{resource.label}",
        summary=f"Create a {resource.label}",
        description="Needs an editor key. Answers 201 with the record, its ETag and Location.",
        responses={**AUTH_RESPONSES, **problem_responses(409, 422)},
        **WRITE_OPTIONS,
    )
    def create(
        self: Any,
        session: NamedDependency[Session],
        data: _body(resource.create_in, resource.name, "create"),  # type: ignore[valid-type]
    ) -> Response[resource.detail_out]:  # type: ignore[name-defined]
        row = create_record(session, resource.kind, data.model_dump(exclude_unset=True))
        session.commit()
        return _detail_response(session, resource, row, status_code=HTTP_201_CREATED)

    return create


def _required_fields(model: type[BaseModel]) -> set[str]:
    return {
        name
        for name, info in model.model_fields.items()
        if info.is_required() or info.default is not None or info.default_factory is not None
    }


def _changes(resource: Resource, data: BaseModel) -> dict[str, Any]:
    """The fields a PATCH sent; null is refused for fields a record cannot be without."""
    changes = data.model_dump(exclude_unset=True)
    for name in _required_fields(resource.create_in) & set(changes):
        if changes[name] is None and name != "slug":
            raise InvalidInput(name, "may not be null")
    return changes


def _update_handler(resource: Resource) -> Any:
    path, key_type = _key_of(resource)

    @patch(
        path,
        operation_id=f"update_{resource.label}",
        summary=f"Change a {resource.label}",
        description="Send only the fields to change. Needs an editor key; honours If-Match.",
        responses={**AUTH_RESPONSES, **problem_responses(404, 409, 412, 422)},
        **WRITE_OPTIONS,
    )
    def update(
        self: Any,
        session: NamedDependency[Session],
        key: key_type,  # type: ignore[valid-type]
        data: _body(resource.patch_in, resource.name, "update"),  # type: ignore[valid-type]
        if_match: IfMatch = None,
    ) -> Response[resource.detail_out]:  # type: ignore[name-defined]
        try:
            row = _find(session, resource, key)
        except Moved as moved:
            return _moved(resource, moved, 308)  # type: ignore[no-any-return]
        row = update_record(session, resource.kind, row, _changes(resource, data), if_match)
        session.commit()
        return _detail_response(session, resource, row)

    return update


def _delete_handler(resource: Resource) -> Any:
    path, key_type = _key_of(resource)

    @delete(
        path,
        operation_id=f"delete_{resource.label}",
        summary=f"Delete a {resource.label}",
        description="Refused with 409 while others refer to it, unless `cascade=true`.",
        responses={
            HTTP_204_NO_CONTENT: ResponseSpec(None, description="Deleted; no content."),
            **AUTH_RESPONSES,
            **problem_responses(404, 409, 412, 422),
        },
        status_code=HTTP_204_NO_CONTENT,
        **WRITE_OPTIONS,
    )
    def remove(
        self: Any,
        session: NamedDependency[Session],
        key: key_type,  # type: ignore[valid-type]
        if_match: IfMatch = None,
        cascade: bool = Parameter(
            default=False,
            description="Also delete what refers to the record (the 409 lists it).",
        ),
    ) -> Response[None]:
        try:
            row = _find(session, resource, key)
        except Moved as moved:
            return _moved(resource, moved, 308)  # type: ignore[no-any-return]
        delete_record(session, resource.kind, row, cascade=cascade, if_match=if_match)
        session.commit()
        return Response(None, status_code=HTTP_204_NO_CONTENT)

    return remove


def controller_for(resource: Resource) -> type[Controller]:
    """The controller of one resource at /api/v1/<name>."""
    handlers = {
        "list_records": _list_handler(resource),
        "get_record": _detail_handler(resource),
        "create_record": _create_handler(resource),
        "update_record": _update_handler(resource),
        "delete_record": _delete_handler(resource),
    }
    return type(
        f"{resource.label.title().replace(' ', '')}Controller",
        (Controller,),
        {
            "path": f"{API_PREFIX}/{resource.name}",
            "tags": [resource.name],
            "dependencies": {
                "filters": Provide(resource.filters, sync_to_thread=False),
                "page": Provide(provide_page, sync_to_thread=False),
            },
            **handlers,
        },
    )


def _single(many: Callable[[Session, Sequence[Any]], list[Any]]) -> Callable[[Session, Any], Any]:
    return lambda session, row: many(session, [row])[0]


def _entity(
    name: str,
    model: Any,
    listing: Listing,
    filters_of: Callable[..., dict[str, Any]],
    schemas: tuple[Any, Any, Any, Any],
    views_of: tuple[Any, Any],
    entity_type: EntityType,
) -> Resource:
    out, detail_out, create_in, patch_in = schemas
    many, detail = views_of
    label = name.removesuffix("s")
    return Resource(
        name, label, model, listing, filters_of, out, many, detail_out, detail, entity_type,
        create_in, patch_in,
    )  # fmt: skip


def _relation(
    name: str,
    model: Any,
    listing: Listing,
    filters_of: Callable[..., dict[str, Any]],
    schemas: tuple[Any, Any, Any],
    many: Callable[[Session, Sequence[Any]], list[Any]],
) -> Resource:
    out, create_in, patch_in = schemas
    return Resource(
        name, name.removesuffix("s"), model, listing, filters_of, out, many, out, _single(many),
        None, create_in, patch_in,
    )  # fmt: skip


RESOURCES = [
    _entity(
        "actors", Actor, listings.ACTORS, filters.actor_filters,
        (ActorOut, ActorDetail, ActorIn, ActorPatch),
        (views.actors_out, views.actor_detail), EntityType.actor,
    ),
    _entity(
        "initiatives", Initiative, listings.INITIATIVES, filters.initiative_filters,
        (InitiativeOut, InitiativeDetail, InitiativeIn, InitiativePatch),
        (views.initiatives_out, views.initiative_detail), EntityType.initiative,
    ),
    _entity(
        "events", Event, listings.EVENTS, filters.event_filters,
        (EventOut, EventDetail, EventIn, EventPatch),
        (views.events_out, views.event_detail), EntityType.event,
    ),
    _entity(
        "topics", Topic, listings.TOPICS, filters.topic_filters,
        (TopicOut, TopicDetail, TopicIn, TopicPatch),
        (views.topics_out, views.topic_detail), EntityType.topic,
    ),
    _entity(
        "documents", Document, listings.DOCUMENTS, filters.document_filters,
        (DocumentOut, DocumentDetail, DocumentIn, DocumentPatch),
        (views.documents_out, views.document_detail), EntityType.document,
    ),
    _relation(
        "participations", Participation, listings.PARTICIPATIONS, filters.participation_filters,
        (ParticipationOut, ParticipationIn, ParticipationPatch), views.participations_out,
    ),
    _relation(
        "affiliations", Affiliation, listings.AFFILIATIONS, filters.affiliation_filters,
        (AffiliationOut, AffiliationIn, AffiliationPatch), views.affiliations_out,
    ),
    _relation(
        "mentions", Mention, listings.MENTIONS, filters.mention_filters,
        (MentionOut, MentionIn, MentionPatch), views.mentions_out,
    ),
]  # fmt: skip

controllers = [controller_for(resource) for resource in RESOURCES]
