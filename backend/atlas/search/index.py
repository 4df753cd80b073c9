"""The search index: one entry per document, actor, initiative, event and topic, kept in step
with every write.

An entry holds what a search result shows (slug, name, kind) and what it is found by: its names
(name, English name, aliases; a document's title) and its body (description; a document's
text), as analysed terms in the engine's text index (`engines.py`); every word-start of its
names as a key for completion (`search_key`); and the trigrams of its name words for typos
(`search_trigram`).

Entries are (re)built from the database tables, never from request data, so the same function
serves the ORM hook below (API, CLI, seeding: every flush), `atlas search reindex` and the
migration that creates the index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlmodel import Session

from atlas.models import Actor, Document, Event, Initiative, Topic
from atlas.search import analysis, engines
from atlas.search.engines import engine_for

# Completion keys longer than this are cut (a name's tail adds nothing to a prefix search).
KEY_LENGTH: Final = 120
BATCH_SIZE: Final = 500


@dataclass(frozen=True)
class Source:
    """Where entries of one type come from."""

    type: str
    model: Any
    name: Any  # the displayed name
    kind: Any  # the displayed kind
    names: tuple[Any, ...]  # columns of names and name lists (aliases)
    body: tuple[Any, ...]  # columns of text


SOURCES: Final = {
    source.type: source
    for source in (
        Source(
            "document",
            Document,
            Document.title,
            Document.kind,
            (Document.title,),
            (Document.clean_text, Document.captions),
        ),
        Source(
            "actor",
            Actor,
            Actor.name,
            Actor.kind,
            (Actor.name, Actor.name_en, Actor.aliases),
            (Actor.description,),
        ),
        Source(
            "initiative",
            Initiative,
            Initiative.name,
            Initiative.kind,
            (Initiative.name, Initiative.name_en, Initiative.aliases),
            (Initiative.description,),
        ),
        Source(
            "event",
            Event,
            Event.name,
            sa.literal("event"),
            (Event.name, Event.name_en, Event.aliases),
            (Event.place, Event.description),
        ),
        Source(
            "topic",
            Topic,
            Topic.label_de,
            sa.literal("topic"),
            (Topic.label_de, Topic.label_en),
            (),
        ),
    )
}
TYPE_OF_MODEL: Final = {source.model: source.type for source in SOURCES.values()}

entry_table = sa.table(
    "search_entry",
    sa.column("id", sa.BigInteger),
    sa.column("type", sa.String),
    sa.column("record_id", sa.Integer),
    sa.column("slug", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("names", sa.Text),
)
key_table = sa.table(
    "search_key", sa.column("key", sa.String), sa.column("entry_id", sa.BigInteger)
)
trigram_table = sa.table(
    "search_trigram", sa.column("trigram", sa.String), sa.column("entry_id", sa.BigInteger)
)


def _texts(values: Iterable[Any]) -> list[str]:
    """The non-empty strings among column values, lists (aliases, captions) flattened."""
    found: list[str] = []
    for value in values:
        if isinstance(value, list):
            found.extend(str(item) for item in value if item)
        elif value:
            found.append(str(value))
    return found


def completion_keys(names: Sequence[str]) -> set[str]:
    """Every word-start of every name, folded: "Allianz für den Multilateralismus" gives
    "allianz fuer den multilateralismus", "fuer den …", "den …" and "multilateralismus"."""
    keys = set()
    for name in names:
        words = [analysis.fold(word) for word in analysis.words(name)]
        for start in range(len(words)):
            keys.add(" ".join(words[start:])[:KEY_LENGTH])
    return keys


def name_trigrams(names: Sequence[str]) -> set[str]:
    return {
        trigram
        for name in names
        for word in analysis.words(name)
        if len(word) >= 3
        for trigram in analysis.trigrams(word)
    }


def index_records(connection: Connection, type_: str, record_ids: Iterable[int] | None) -> int:
    """(Re)build the entries of these records (all of the type when None); entries of records
    that no longer exist are removed. Returns the number of entries written.

    Records are read and written BATCH_SIZE at a time, each kind of row in one executemany."""
    source = SOURCES[type_]
    engine = engine_for(connection)
    table = source.model.__table__
    if record_ids is None:
        _delete(connection, engine, type_, None)
        wanted = list(connection.execute(sa.select(table.c.id).order_by(table.c.id)).scalars())
    else:
        wanted = sorted(set(record_ids))
    written = 0
    for start in range(0, len(wanted), BATCH_SIZE):
        batch = wanted[start : start + BATCH_SIZE]
        if record_ids is not None:
            _delete(connection, engine, type_, batch)
        rows = connection.execute(
            sa.select(
                table.c.id, table.c.slug, source.name, source.kind, *source.names, *source.body
            ).where(table.c.id.in_(batch))
        ).all()
        entries: list[dict[str, Any]] = []
        texts: list[dict[str, Any]] = []
        keys: list[dict[str, Any]] = []
        trigrams: list[dict[str, Any]] = []
        for record_id, slug, name, kind, *values in rows:
            names = _texts(values[: len(source.names)])
            body = _texts(values[len(source.names) :])
            entry_id = engines.entry_id(type_, record_id)
            entries.append(
                {
                    "id": entry_id,
                    "type": type_,
                    "record_id": record_id,
                    "slug": slug,
                    "name": name,
                    "kind": str(kind),
                    "names": "\n".join(names),
                }
            )
            texts.append(
                {
                    "id": entry_id,
                    "names": analysis.name_terms(" \n ".join(names)),
                    "body": analysis.terms(" \n ".join(body)),
                }
            )
            if type_ != "document":
                keys.extend({"key": key, "entry_id": entry_id} for key in completion_keys(names))
                trigrams.extend(
                    {"trigram": trigram, "entry_id": entry_id} for trigram in name_trigrams(names)
                )
        for target, values in (
            (entry_table, entries),
            (key_table, keys),
            (trigram_table, trigrams),
        ):
            if values:
                connection.execute(target.insert(), values)
        if texts:
            engine.write(connection, texts)
        written += len(entries)
    return written


def _delete(connection: Connection, engine: Any, type_: str, record_ids: list[int] | None) -> None:
    where = entry_table.c.type == type_
    if record_ids is not None:
        where = sa.and_(where, entry_table.c.record_id.in_(record_ids))
    entry_ids = list(connection.execute(sa.select(entry_table.c.id).where(where)).scalars())
    if not entry_ids:
        return
    engine.delete(connection, entry_ids)
    for table in (key_table, trigram_table, entry_table):
        column = table.c.id if table is entry_table else table.c.entry_id
        for start in range(0, len(entry_ids), BATCH_SIZE):
            connection.execute(
                table.delete().where(column.in_(entry_ids[start : start + BATCH_SIZE]))
            )


def reindex(connection: Connection) -> dict[str, int]:
    """Rebuild the whole index; returns the number of entries per type."""
    engine = engine_for(connection)
    for table in (key_table, trigram_table, entry_table):
        connection.execute(table.delete())
    engine.clear(connection)
    counts = {type_: index_records(connection, type_, None) for type_ in SOURCES}
    engine.optimize(connection)
    return counts


def remove_orphan_events(connection: Connection) -> None:
    """Drop entries of events that are gone: the database deletes an initiative's events with
    it, behind the session's back (the only searchable records it deletes by itself)."""
    gone = sa.select(entry_table.c.record_id).where(
        entry_table.c.type == "event",
        ~sa.exists().where(Event.__table__.c.id == entry_table.c.record_id),  # type: ignore[attr-defined]
    )
    ids = list(connection.execute(gone).scalars())
    if ids:
        _delete(connection, engine_for(connection), "event", ids)


# --- keeping the index in step with the ORM -------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _index_flushed(session: Session, _context: Any) -> None:
    """Re-index every searchable record the flush wrote or deleted, in the same transaction."""
    changed: dict[str, set[int]] = defaultdict(set)
    for instance in (*session.new, *session.dirty, *session.deleted):
        type_ = TYPE_OF_MODEL.get(type(instance))
        if type_ is not None and instance.id is not None:
            changed[type_].add(instance.id)
    if not changed:
        return
    connection = session.connection()
    for type_, ids in changed.items():
        index_records(connection, type_, ids)
    if any(isinstance(instance, Initiative) for instance in session.deleted):
        remove_orphan_events(connection)
