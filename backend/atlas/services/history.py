"""The change history: every create, update and delete of a directory record, recorded in the
transaction that makes it, and the restore of deleted records from it.

Capturing works on the ORM session, so every write path is covered without calling anything:
the API, the CLI, seeding, ingest and review all change records through a session.

- `before_flush`: the first time a transaction touches an existing record (changes, deletes it,
  or adds or removes one of its topic links), its row as the database still holds it is read.
- `after_flush`: records a flush inserted are noted as new (their ids exist only now).
- `before_commit`: the rows of every noted record are read again, and one history row per
  record that ends up different is written: create, update (changed fields only), delete or
  restore. A record changed in several flushes of one transaction gets one row; one created and
  deleted in the same transaction gets none. Rows of one commit share a changeset.

Who made a change is the session's `info["changed_by"]`, else the context's author (set per API
request to the key's name, and by the CLI's commands), else "system".
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, col, select

from atlas.errors import Conflict, NotFound
from atlas.models import (
    Actor,
    ActorTopic,
    Affiliation,
    Document,
    DocumentTopic,
    EntityType,
    Event,
    Initiative,
    InitiativeTopic,
    Mention,
    Participation,
    SlugRedirect,
    Topic,
)
from atlas.models.base import UTCDateTime, utcnow
from atlas.models.changes import Change, ChangeAction, RecordType
from atlas.search.index import SOURCES, index_records
from atlas.services.records import MAX_RECORD_ID

DEFAULT_AUTHOR: Final = "system"
BATCH_SIZE: Final = 500
# Columns that move with every update: the change row's own time and version say it.
BOOKKEEPING: Final = frozenset({"version", "updated_at"})

# In the order a restore inserts them: what a record points at comes before it.
MODELS: Final[dict[RecordType, Any]] = {
    RecordType.topic: Topic,
    RecordType.actor: Actor,
    RecordType.initiative: Initiative,
    RecordType.event: Event,
    RecordType.document: Document,
    RecordType.mention: Mention,
    RecordType.participation: Participation,
    RecordType.affiliation: Affiliation,
}
TYPE_OF_MODEL: Final = {model: type_ for type_, model in MODELS.items()}
TYPE_OF_TABLE: Final = {model.__tablename__: type_ for type_, model in MODELS.items()}
# A carrier's topics are part of its record: (link table, the link's column of the carrier).
TOPIC_LINKS: Final[dict[RecordType, tuple[Any, str]]] = {
    RecordType.actor: (ActorTopic, "actor_id"),
    RecordType.initiative: (InitiativeTopic, "initiative_id"),
    RecordType.document: (DocumentTopic, "document_id"),
}
CARRIER_OF_LINK: Final = {link: (type_, column) for type_, (link, column) in TOPIC_LINKS.items()}

Key = tuple[RecordType, int]
Snapshot = dict[str, Any]

# --- who ------------------------------------------------------------------------------------------

_author: ContextVar[str | None] = ContextVar("atlas_change_author", default=None)


def set_author(author: str | None) -> None:
    """Name the author of the changes made from here on in this context (an API request)."""
    _author.set(author)


@contextmanager
def changes_by(author: str) -> Iterator[None]:
    """Record the changes made inside as made by `author` ("cli", "seed", "ingest", …)."""
    token = _author.set(author)
    try:
        yield
    finally:
        _author.reset(token)


def current_author(session: Session) -> str:
    return str(session.info.get("changed_by") or _author.get() or DEFAULT_AUTHOR)


# --- snapshots ------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), BATCH_SIZE):
        yield ordered[start : start + BATCH_SIZE]


def snapshots(connection: Connection, type_: RecordType, ids: Iterable[int]) -> dict[int, Snapshot]:
    """The records' column values as JSON values, with a carrier's topic slugs (sorted)."""
    table = MODELS[type_].__table__
    found: dict[int, Snapshot] = {}
    for batch in _batches(ids):
        for row in connection.execute(sa.select(table).where(table.c.id.in_(batch))).mappings():
            found[row["id"]] = {name: _jsonable(value) for name, value in row.items()}
        if type_ in TOPIC_LINKS and found:
            link, column = TOPIC_LINKS[type_]
            for snapshot in found.values():
                snapshot.setdefault("topics", [])
            carrier = getattr(link, column)
            linked = connection.execute(
                sa.select(carrier, col(Topic.slug))
                .join(Topic, col(Topic.id) == link.topic_id)
                .where(col(carrier).in_(batch))
                .order_by(Topic.slug)
            )
            for carrier_id, slug in linked:
                if carrier_id in found:
                    found[carrier_id]["topics"].append(slug)
    return found


@dataclass(frozen=True)
class Reference:
    """A foreign key of a record: the column, what it points at, whether the database deletes
    the record with its target (ON DELETE CASCADE), and whether it empties the column instead
    (ON DELETE SET NULL; a restore may leave such a reference empty too)."""

    column: str
    target: RecordType
    cascades: bool
    optional: bool


def references_of(type_: RecordType) -> list[Reference]:
    table = MODELS[type_].__table__
    found = []
    for column in table.columns:
        for key in column.foreign_keys:
            target = TYPE_OF_TABLE.get(key.column.table.name)
            if target is not None:
                ondelete = (key.ondelete or "").upper()
                optional = bool(column.nullable) and ondelete == "SET NULL"
                found.append(Reference(column.name, target, ondelete == "CASCADE", optional))
    return found


# What the database changes by itself when a record is deleted: (referring type, reference).
REFERRERS: Final[dict[RecordType, list[tuple[RecordType, Reference]]]] = {
    target: [
        (source, reference)
        for source in MODELS
        for reference in references_of(source)
        if reference.target is target and (reference.cascades or reference.optional)
    ]
    for target in MODELS
}


# --- capturing ------------------------------------------------------------------------------------

_INFO_KEY: Final = "atlas.history"


@dataclass
class _Pending:
    """What one transaction touched: each record's state before it (None: it did not exist)."""

    changeset: str = field(default_factory=lambda: uuid.uuid4().hex)
    before: dict[Key, Snapshot | None] = field(default_factory=dict)
    restored: set[Key] = field(default_factory=set)


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_INFO_KEY)
    if pending is None:
        pending = session.info[_INFO_KEY] = _Pending()
    return pending


@event.listens_for(Session, "before_flush")
def _note_before(session: Session, _context: Any, _instances: Any) -> None:
    """Read the rows this flush will change or delete, unless the transaction already did."""
    wanted: dict[RecordType, set[int]] = defaultdict(set)
    deleted: dict[RecordType, set[int]] = defaultdict(set)
    for instance in (*session.dirty, *session.deleted, *session.new):
        model = type(instance)
        if model in TYPE_OF_MODEL:
            if instance in session.new:
                continue
            if instance in session.deleted:
                deleted[TYPE_OF_MODEL[model]].add(instance.id)
            if instance in session.deleted or session.is_modified(instance):
                wanted[TYPE_OF_MODEL[model]].add(instance.id)
        elif model in CARRIER_OF_LINK:
            type_, column = CARRIER_OF_LINK[model]
            carrier_id = getattr(instance, column)
            if carrier_id is not None:
                wanted[type_].add(carrier_id)
    if not wanted:
        return
    pending = _pending(session)
    connection = session.connection()
    _add_database_effects(connection, deleted, wanted)
    for type_, ids in wanted.items():
        new_ids = {id_ for id_ in ids if id_ is not None and (type_, id_) not in pending.before}
        if not new_ids:
            continue
        found = snapshots(connection, type_, new_ids)
        for id_ in sorted(new_ids):
            pending.before[(type_, id_)] = found.get(id_)


def _add_database_effects(
    connection: Connection,
    deleted: dict[RecordType, set[int]],
    wanted: dict[RecordType, set[int]],
) -> None:
    """Add the records the database itself deletes (ON DELETE CASCADE) or changes (SET NULL)
    along with the deleted ones: the session never sees them, the history must."""
    frontier = {type_: set(ids) for type_, ids in deleted.items() if ids}
    while frontier:
        cascaded: dict[RecordType, set[int]] = defaultdict(set)
        for target, target_ids in frontier.items():
            for source, reference in REFERRERS[target]:
                table = MODELS[source].__table__
                for batch in _batches(target_ids):
                    found = connection.execute(
                        sa.select(table.c.id).where(table.c[reference.column].in_(batch))
                    ).scalars()
                    for record_id in found:
                        if reference.cascades and record_id not in deleted[source]:
                            deleted[source].add(record_id)
                            cascaded[source].add(record_id)
                        wanted[source].add(record_id)
        frontier = cascaded


@event.listens_for(Session, "after_flush")
def _note_created(session: Session, _context: Any) -> None:
    for instance in session.new:
        type_ = TYPE_OF_MODEL.get(type(instance))
        if type_ is not None and instance.id is not None:
            _pending(session).before.setdefault((type_, instance.id), None)


@event.listens_for(Session, "before_commit")
def _write_changes(session: Session) -> None:
    if session.in_nested_transaction():
        return
    session.flush()
    pending = session.info.get(_INFO_KEY)
    if pending is None or not pending.before:
        return
    record_changes(session.connection(), pending, current_author(session))


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_INFO_KEY, None)


def record_changes(connection: Connection, pending: _Pending, who: str) -> int:
    """Write one history row per record that the transaction left different; returns how many."""
    keys_by_type: dict[RecordType, list[int]] = defaultdict(list)
    for type_, id_ in pending.before:
        keys_by_type[type_].append(id_)
    after = {
        (type_, id_): snapshot
        for type_, ids in keys_by_type.items()
        for id_, snapshot in snapshots(connection, type_, ids).items()
    }
    at = utcnow()
    rows = []
    for key, before in pending.before.items():
        row = _change_row(key, before, after.get(key), restored=key in pending.restored)
        if row is not None:
            rows.append({**row, "changeset": pending.changeset, "at": at, "who": who})
    pending.before.clear()
    pending.restored.clear()
    if rows:
        connection.execute(sa.insert(Change.__table__), rows)  # type: ignore[attr-defined]
    return len(rows)


def _change_row(
    key: Key, before: Snapshot | None, after: Snapshot | None, *, restored: bool
) -> dict[str, Any] | None:
    type_, record_id = key
    values: dict[str, Any] = {"record_type": type_, "record_id": record_id}
    if before is None and after is None:
        return None
    if before is None:
        assert after is not None
        action = ChangeAction.restore if restored else ChangeAction.create
        return {**values, "action": action, "slug": after.get("slug"),
                "version": after["version"], "before": None, "after": after}  # fmt: skip
    if after is None:
        return {**values, "action": ChangeAction.delete, "slug": before.get("slug"),
                "version": before["version"], "before": before, "after": None}  # fmt: skip
    changed = [
        name for name in after if name not in BOOKKEEPING and before.get(name) != after[name]
    ]
    if not changed:
        return None
    return {
        **values,
        "action": ChangeAction.update,
        "slug": after.get("slug"),
        "version": after["version"],
        "before": {name: before.get(name) for name in changed},
        "after": {name: after[name] for name in changed},
    }


# --- restoring ------------------------------------------------------------------------------------


def find_change(session: Session, change_id: int) -> Change:
    change = session.get(Change, change_id) if 0 < change_id <= MAX_RECORD_ID else None
    if change is None:
        raise NotFound(f"No change has the id {change_id}.")
    return change


def restore_deleted(session: Session, change_id: int) -> list[Key]:
    """Re-create the record a delete removed, with its id, slug and topics, and the records its
    cascade removed in the same changeset. Returns what was restored, the record first.

    Refused (Conflict) when the change is no deletion, the record exists again, a later change
    of it exists, its slug is taken meanwhile, or a record it needs (its actor, document, …) is
    gone. Dependents that cannot come back for those reasons are left out."""
    change = find_change(session, change_id)
    if change.action is not ChangeAction.delete or change.before is None:
        raise Conflict(
            f"Change {change_id} is a {change.action.value} of {change.record_type.value} "
            f"{change.record_id}; only a deletion can be restored."
        )
    key: Key = (change.record_type, change.record_id)
    reason = _why_not_restorable(session, change)
    if reason is not None:
        raise Conflict(reason)
    candidates = {
        (other.record_type, other.record_id): other
        for other in session.exec(
            select(Change).where(
                Change.changeset == change.changeset,
                Change.action == ChangeAction.delete,
                col(Change.id) != change.id,
            )
        ).all()
        if other.before is not None
    }
    chosen: dict[Key, Snapshot] = {key: dict(change.before)}
    _add_dependents(session, chosen, candidates)
    missing = _missing_references(session, chosen, key)
    if missing:
        raise Conflict(missing)
    _insert(session, chosen)
    if change.record_type is RecordType.topic:
        _relink_carriers(session, change)
    return list(chosen)


def _why_not_restorable(session: Session, change: Change) -> str | None:
    """Why this deletion cannot be undone now, or None."""
    type_, record_id = change.record_type, change.record_id
    label = f"{type_.value} {change.slug or record_id!r}"
    model = MODELS[type_]
    holder = session.get(model, record_id)
    if holder is not None and getattr(holder, "slug", None) == change.slug:
        return f"The {label} is not deleted: it exists."
    if change.slug is not None:
        taken = session.exec(select(model.id).where(model.slug == change.slug)).first()
        if taken is not None:
            return f"Another {type_.value} has the slug {change.slug!r} meanwhile."
    if holder is not None:
        # SQLite hands the highest id out again once its record is deleted.
        return f"The id {record_id} of the {label} belongs to another {type_.value} now."
    later = session.exec(
        select(Change.id)
        .where(
            Change.record_type == type_,
            Change.record_id == record_id,
            col(Change.id) > change.id,
        )
        .order_by(col(Change.id).desc())
    ).first()
    if later is not None:
        return f"The {label} changed after this deletion; the latest change is {later}."
    return None


def _add_dependents(
    session: Session, chosen: dict[Key, Snapshot], candidates: dict[Key, Change]
) -> None:
    """Add the deletions of the same changeset that pointed at a chosen record, transitively."""
    growing = True
    while growing:
        growing = False
        for key, other in list(candidates.items()):
            assert other.before is not None
            points_at_chosen = any(
                (reference.target, other.before.get(reference.column)) in chosen
                for reference in references_of(key[0])
            )
            if points_at_chosen and _why_not_restorable(session, other) is None:
                chosen[key] = dict(other.before)
                del candidates[key]
                growing = True


def _missing_references(session: Session, chosen: dict[Key, Snapshot], main: Key) -> str | None:
    """Leave out dependents whose required references are gone (and empty optional ones); say
    what the main record misses, if anything."""
    changed = True
    while changed:
        changed = False
        for key, snapshot in list(chosen.items()):
            for reference in references_of(key[0]):
                target_id = snapshot.get(reference.column)
                if target_id is None or (reference.target, target_id) in chosen:
                    continue
                if _exists(session, reference.target, target_id):
                    continue
                if reference.optional:
                    snapshot[reference.column] = None
                elif key == main:
                    return (
                        f"The {key[0].value} refers to {reference.target.value} {target_id}, "
                        "which is deleted too: restore that first."
                    )
                else:
                    del chosen[key]
                    changed = True
                    break
    return None


def _exists(session: Session, type_: RecordType, record_id: int) -> bool:
    model = MODELS[type_]
    return session.exec(select(model.id).where(model.id == record_id)).first() is not None


def _from_json(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    return value


def _insert(session: Session, chosen: dict[Key, Snapshot]) -> None:
    connection = session.connection()
    pending = _pending(session)
    now = utcnow()
    order = list(MODELS)
    for type_, record_id in sorted(chosen, key=lambda key: (order.index(key[0]), key[1])):
        snapshot = chosen[(type_, record_id)]
        table = MODELS[type_].__table__
        values = {
            column.name: _from_json(column, snapshot[column.name])
            for column in table.columns
            if column.name in snapshot
        }
        # A new version: an ETag read before the deletion must not match the restored record.
        values["version"] = int(snapshot.get("version") or 0) + 1
        values["updated_at"] = now
        connection.execute(table.insert(), values)
        if type_ in TOPIC_LINKS and snapshot.get("topics"):
            link, column = TOPIC_LINKS[type_]
            topic_ids = session.exec(
                select(Topic.id).where(col(Topic.slug).in_(snapshot["topics"]))
            ).all()
            if topic_ids:
                connection.execute(
                    link.__table__.insert(),
                    [{column: record_id, "topic_id": topic_id} for topic_id in topic_ids],
                )
        if "slug" in snapshot:
            # A live record wins over a former name that still redirects elsewhere.
            connection.execute(
                sa.delete(SlugRedirect).where(
                    col(SlugRedirect.entity_type) == EntityType(type_.value),
                    col(SlugRedirect.old_slug) == snapshot["slug"],
                )
            )
        pending.before.setdefault((type_, record_id), None)
        pending.restored.add((type_, record_id))
    for type_ in {type_ for type_, _ in chosen}:
        if type_.value in SOURCES:
            index_records(connection, type_.value, [id_ for t, id_ in chosen if t is type_])


def _relink_carriers(session: Session, deletion: Change) -> None:
    """Link a restored topic again to the carriers its deletion unlinked (those still there)."""
    connection = session.connection()
    pending = _pending(session)
    unlinked = session.exec(
        select(Change).where(
            Change.changeset == deletion.changeset,
            Change.action == ChangeAction.update,
            col(Change.record_type).in_(list(TOPIC_LINKS)),
        )
    ).all()
    for update in unlinked:
        had = (update.before or {}).get("topics") or []
        kept = (update.after or {}).get("topics") or []
        key = (update.record_type, update.record_id)
        if deletion.slug not in had or deletion.slug in kept or not _exists(session, *key):
            continue
        if key not in pending.before:
            pending.before[key] = snapshots(connection, key[0], [key[1]]).get(key[1])
        link, column = TOPIC_LINKS[key[0]]
        connection.execute(
            link.__table__.insert(), {column: key[1], "topic_id": deletion.record_id}
        )


def restored_changeset(session: Session) -> str:
    """The changeset the current transaction's changes will be recorded under."""
    return _pending(session).changeset
