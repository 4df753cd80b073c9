"""/api/v1/changes: the history of every record (who changed what, when, from what to what),
and the restore of deleted records from it.

Reading the history needs an editor key too: it names the keys that wrote, and keeps what a
deletion removed, which was removed for a reason.

No `from __future__ import annotations`: Litestar reads the handlers' types at runtime.
"""

import re
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter, PathParameter
from litestar.status_codes import HTTP_201_CREATED
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from atlas.api.auth import AUTH_RESPONSES, WRITE_SECURITY, editor_guard
from atlas.api.dependencies import provide_page
from atlas.api.listing import Facet, Filter, Listing, PageRequest, in_values, list_rows
from atlas.api.problems import problem_responses
from atlas.api.resources import API_PREFIX
from atlas.api.schemas import Page
from atlas.errors import InvalidInput
from atlas.models import Change, ChangeAction, EntityType, RecordType
from atlas.services.history import find_change, restore_deleted, restored_changeset, set_author

# No text a client may filter by holds them; PostgreSQL refuses NUL in a query outright.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ChangeId = Annotated[int, PathParameter(description="The change's id.")]
SLUGGED = frozenset(RecordType(type_.value) for type_ in EntityType)


class ChangeOut(BaseModel):
    """One recorded change of one record."""

    id: int
    changeset: str = Field(description="Shared by every change committed together.")
    at: datetime = Field(description="When it was committed (UTC).")
    who: str = Field(
        description="The name of the API key, or `cli`, `seed`, `ingest` (the command line), "
        "`system` (anything else)."
    )
    action: ChangeAction
    type: RecordType
    record_id: int
    slug: str | None = Field(description="The record's slug after the change (before a delete).")
    version: int | None = Field(description="The record's row version after the change.")
    before: dict[str, Any] | None = Field(
        description="Column values before: the whole record for a delete, the changed fields "
        "for an update, null for a create or restore. Carriers list their `topics` by slug."
    )
    after: dict[str, Any] | None = Field(
        description="Column values after: the whole record for a create or restore, the "
        "changed fields for an update, null for a delete."
    )


class RestoredOut(BaseModel):
    """What a restore brought back: the record first, then what its cascade had removed."""

    changes: list[ChangeOut]


def changes_out(rows: Any) -> list[ChangeOut]:
    return [
        ChangeOut(
            id=row.id,
            changeset=row.changeset,
            at=row.at,
            who=row.who,
            action=row.action,
            type=row.record_type,
            record_id=row.record_id,
            slug=row.slug,
            version=row.version,
            before=row.before,
            after=row.after,
        )
        for row in rows
    ]


def _records(values: list[str]) -> Any:
    """`type:slug` (all changes of the records that had the slug) or `type:id`."""
    named = Change.__table__.alias("named")  # type: ignore[attr-defined]
    clauses = []
    for value in values:
        type_name, _, key = value.partition(":")
        if type_name not in RecordType.__members__ or not key:
            raise InvalidInput(
                "record", f"{value!r} is not type:key (e.g. actor:deutschland, mention:12)"
            )
        type_ = RecordType(type_name)
        if type_ in SLUGGED:
            ids = sa.select(named.c.record_id).where(
                named.c.record_type == type_, named.c.slug == key
            )
            clauses.append(
                sa.and_(col(Change.record_type) == type_, col(Change.record_id).in_(ids))
            )
        elif key.isdigit():
            clauses.append(
                sa.and_(col(Change.record_type) == type_, col(Change.record_id) == int(key))
            )
        else:
            raise InvalidInput("record", f"a {type_.value} is named by its id, not {key!r}")
    return sa.or_(*clauses)


CHANGES = Listing(
    model=Change,
    sorts={"id": Change.id, "at": Change.at},
    default_sort="-id",
    text_columns=(Change.slug, Change.who),
    filters={
        "type": Filter(in_values(Change.record_type)),
        "record": Filter(_records, by_value=True),
        "who": Filter(in_values(Change.who)),
        "action": Filter(in_values(Change.action)),
        "changeset": Filter(in_values(Change.changeset)),
        "since": Filter(lambda values: col(Change.at) >= values[0]),
        "until": Filter(lambda values: col(Change.at) < values[0]),
    },
    facets={
        "type": Facet(Change.record_type),
        "action": Facet(Change.action),
        "who": Facet(Change.who),
    },
)


def change_filters(
    type: list[RecordType] | None = Parameter(
        default=None, description="Of records of this type (`actor`, `participation`, …)."
    ),
    record: list[str] | None = Parameter(
        default=None,
        max_length=200,
        description="Of this record: `type:slug` (actor:deutschland; every record that had the "
        "slug, renamed or deleted ones included) or `type:id` for relations (mention:12).",
    ),
    who: list[str] | None = Parameter(
        default=None, description="Made by this API key (its name), or `cli`, `seed`, `ingest`."
    ),
    action: list[ChangeAction] | None = Parameter(
        default=None, description="`create`, `update`, `delete` or `restore`."
    ),
    changeset: list[str] | None = Parameter(
        default=None, max_length=32, description="Committed together with others (a cascade)."
    ),
    since: datetime | None = Parameter(
        default=None,
        description="Made at or after this time (ISO 8601 date-time; UTC without offset).",
    ),
    until: datetime | None = Parameter(
        default=None,
        description="Made before this time (ISO 8601 date-time; UTC without offset).",
    ),
) -> dict[str, Any]:
    for name, values in (("record", record), ("who", who), ("changeset", changeset)):
        if any(_CONTROL.search(value) for value in values or ()):
            raise InvalidInput(name, "control characters are not allowed")
    return {
        "type": type,
        "record": record,
        "who": who,
        "action": action,
        "changeset": changeset,
        "since": [_utc("since", since)] if since else None,
        "until": [_utc("until", until)] if until else None,
    }


def _utc(name: str, moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise InvalidInput(name, "out of range") from None


async def record_change_author(request: Request[Any, Any, Any]) -> None:
    """Name the request's API key (when a guard checked one) as the author of its changes.

    A `before_request` hook: it runs after the guards, in the request's own context, which the
    handler's thread inherits."""
    set_author(request.state.get("api_key_name"))


class ChangeController(Controller):
    path = f"{API_PREFIX}/changes"
    tags = ("changes",)
    guards = (editor_guard,)
    security = WRITE_SECURITY
    # Litestar reads these class attributes once, when the app is made.
    dependencies = {  # noqa: RUF012
        "filters": Provide(change_filters, sync_to_thread=False),
        "page": Provide(provide_page, sync_to_thread=False),
    }

    @get(
        "/",
        operation_id="list_changes",
        summary="The change history",
        description="Every create, update, delete and restore of a record, newest first by "
        "default; `record=actor:slug` gives one record's history. `facets=type,action,who` "
        "adds counts. Needs an editor key.",
        responses={**AUTH_RESPONSES, **problem_responses(400, 422)},
        sync_to_thread=True,
    )
    def list_changes(
        self,
        session: NamedDependency[Session],
        filters: NamedDependency[dict[str, Any]],
        page: NamedDependency[PageRequest],
    ) -> Page[ChangeOut]:
        result = list_rows(session, CHANGES, filters, page)
        return Page[ChangeOut](
            items=changes_out(result.rows),
            total=result.total,
            limit=page.limit,
            offset=page.offset,
            facets=result.facets,
        )

    @get(
        "/{change_id:int}",
        operation_id="get_change",
        summary="One change",
        responses={**AUTH_RESPONSES, **problem_responses(404, 422)},
        sync_to_thread=True,
    )
    def get_change(self, session: NamedDependency[Session], change_id: ChangeId) -> ChangeOut:
        return changes_out([find_change(session, change_id)])[0]

    @post(
        "/{change_id:int}/restore",
        operation_id="restore_change",
        summary="Restore a deleted record",
        description="Re-creates the record a delete removed, from the change's `before`: the "
        "same id and slug, its topics, a new version; with it what the same cascade deleted "
        "(participations, affiliations, mentions, events) as far as their other ends still "
        "exist. Answers 201 with the restore's own changes and the record's Location. 409 when "
        "the change is no deletion, the record exists, a later change of it exists, its slug "
        "is taken meanwhile, or a record it needs is deleted too. Needs an editor key.",
        status_code=HTTP_201_CREATED,
        responses={**AUTH_RESPONSES, **problem_responses(404, 409, 422)},
        sync_to_thread=True,
    )
    def restore(
        self, session: NamedDependency[Session], change_id: ChangeId
    ) -> Response[RestoredOut]:
        restored = restore_deleted(session, change_id)
        changeset = restored_changeset(session)
        session.commit()
        rows = session.exec(
            select(Change).where(Change.changeset == changeset).order_by(col(Change.id))
        ).all()
        # The record first, then its dependents, then carriers a restored topic went back to.
        order = {key: index for index, key in enumerate(restored)}
        rows = sorted(rows, key=lambda row: order.get((row.record_type, row.record_id), len(order)))
        first = rows[0]
        key = first.slug if first.slug is not None else first.record_id
        return Response(
            RestoredOut(changes=changes_out(rows)),
            status_code=HTTP_201_CREATED,
            headers={"Location": f"{API_PREFIX}/{first.record_type.value}s/{key}"},
        )
