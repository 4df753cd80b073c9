"""Rows to response shapes, loading what they embed in a fixed number of queries (no N+1).

Every statement here is built once, with bind parameters for the ids it reads (`@cache` on its
builder), and then only executed: building a statement and computing its cache key costs
SQLAlchemy more than SQLite needs to run it, and a statement object used again also reuses its
compiled form and result metadata.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from atlas.api.schemas import (
    ActorDetail,
    ActorOut,
    AffiliationOut,
    DocumentDetail,
    DocumentOut,
    DocumentRef,
    EntityRef,
    EventDetail,
    EventOut,
    Evidence,
    InitiativeDetail,
    InitiativeOut,
    MentionOut,
    ParticipationOut,
    Ref,
    TopicDetail,
    TopicOut,
    TopicRef,
)
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
    ReviewStatus,
    Topic,
)


def _rows(
    session: Session, statement: Any, parameters: Mapping[str, Any] | None = None
) -> Sequence[Any]:
    """The rows of a statement as plain rows, past the ORM's entity loading: a response only
    reads them, and for a page of rows the loading costs more than the query."""
    return session.connection().execute(statement, parameters).all()


def _table_rows(model: Any) -> Any:
    """SELECT every column of a model's table (rows with the same attribute names)."""
    return sa.select(*model.__table__.columns)


def _ids_param() -> Any:
    """The `:ids` list of a statement built once, expanded at execution to the batch's ids."""
    return sa.bindparam("ids", expanding=True)


def _id_param() -> Any:
    return sa.bindparam("id")


class Refs:
    """Loads the ends of relations by id, one query per table for a whole batch."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _load(self, model: Any, ids: Iterable[int | None]) -> dict[int, Ref]:
        wanted = sorted({i for i in ids if i is not None})
        if not wanted:
            return {}
        rows = _rows(self.session, _refs_statement(model), {"ids": wanted})
        return {
            row[0]: Ref.model_construct(slug=row[1], name=row[2], kind=str(row[3])) for row in rows
        }

    def actors(self, ids: Iterable[int | None]) -> dict[int, Ref]:
        return self._load(Actor, ids)

    def initiatives(self, ids: Iterable[int | None]) -> dict[int, Ref]:
        return self._load(Initiative, ids)

    def events(self, ids: Iterable[int | None]) -> dict[int, Ref]:
        return self._load(Event, ids)

    def documents(self, ids: Iterable[int | None]) -> dict[int, Ref]:
        return self._load(Document, ids)


@cache
def _refs_statement(model: Any) -> Any:
    """id, slug, name and kind of the records with the given ids (a document's name is its
    title; an event's kind is "event")."""
    name = col(Document.title) if model is Document else model.name
    kind = sa.literal("event") if model is Event else model.kind
    return sa.select(model.id, model.slug, name, kind).where(model.id.in_(_ids_param()))


def evidence_of(session: Session, model: Any, rows: Sequence[Any]) -> dict[int, Evidence]:
    """The evidence of a batch of relations, with each quote cut from its text by the database
    (the texts themselves never leave it)."""
    ids = [row.id for row in rows if row.evidence_document_id is not None]
    if not ids:
        return {}
    found = _rows(session, _evidence_statement(model), {"ids": ids})
    return {
        row_id: Evidence.model_construct(
            document=slug, start=start, end=end, quote=text, mention_id=mention_id
        )
        for row_id, slug, start, end, mention_id, text in found
    }


@cache
def _evidence_statement(model: Any) -> Any:
    quote = sa.func.substr(
        Document.clean_text, model.evidence_start + 1, model.evidence_end - model.evidence_start
    )
    return (
        sa.select(
            model.id,
            col(Document.slug),
            model.evidence_start,
            model.evidence_end,
            model.evidence_mention_id,
            quote,
        )
        .join(Document, col(Document.id) == model.evidence_document_id)
        .where(col(model.id).in_(_ids_param()), col(model.evidence_start).is_not(None))
    )


def participations_out(session: Session, rows: Sequence[Any]) -> list[ParticipationOut]:
    refs = Refs(session)
    actors = refs.actors(row.actor_id for row in rows)
    initiatives = refs.initiatives(row.initiative_id for row in rows)
    events = refs.events(row.event_id for row in rows)
    evidence = evidence_of(session, Participation, rows)
    return [
        ParticipationOut.model_construct(
            id=row.id,
            actor=actors[row.actor_id],
            initiative=initiatives.get(row.initiative_id) if row.initiative_id else None,
            event=events.get(row.event_id) if row.event_id else None,
            role=row.role,
            start_on=row.start_on,
            end_on=row.end_on,
            date_precision=row.date_precision,
            note=row.note,
            evidence=evidence.get(row.id or 0),
            version=row.version,
        )
        for row in rows
    ]


def affiliations_out(session: Session, rows: Sequence[Any]) -> list[AffiliationOut]:
    refs = Refs(session)
    actors = refs.actors([row.actor_id for row in rows] + [row.organization_id for row in rows])
    evidence = evidence_of(session, Affiliation, rows)
    return [
        AffiliationOut.model_construct(
            id=row.id,
            actor=actors[row.actor_id],
            organization=actors[row.organization_id],
            title=row.title,
            title_en=row.title_en,
            start_on=row.start_on,
            end_on=row.end_on,
            date_precision=row.date_precision,
            note=row.note,
            evidence=evidence.get(row.id or 0),
            version=row.version,
        )
        for row in rows
    ]


def mentions_out(session: Session, rows: Sequence[Any]) -> list[MentionOut]:
    refs = Refs(session)
    by_type = {
        EntityType.actor: refs.actors(row.actor_id for row in rows),
        EntityType.initiative: refs.initiatives(row.initiative_id for row in rows),
        EntityType.event: refs.events(row.event_id for row in rows),
    }
    documents = refs.documents(row.document_id for row in rows)
    result = []
    for row in rows:
        entity_type, entity_id = mention_target(row)
        target = by_type[entity_type][entity_id]
        result.append(
            MentionOut.model_construct(
                id=row.id,
                document=documents[row.document_id],
                start=row.start,
                end=row.end,
                text=row.text,
                entity=EntityRef.model_construct(
                    type=entity_type, slug=target.slug, name=target.name, kind=target.kind
                ),
                method=row.method,
                confidence=row.confidence,
                status=row.status,
                version=row.version,
            )
        )
    return result


def mention_target(row: Mention) -> tuple[EntityType, int]:
    if row.actor_id is not None:
        return EntityType.actor, row.actor_id
    if row.initiative_id is not None:
        return EntityType.initiative, row.initiative_id
    assert row.event_id is not None  # the database checks that exactly one is set
    return EntityType.event, row.event_id


TOPIC_REF_COLUMNS = (col(Topic.id), col(Topic.slug), col(Topic.label_de), col(Topic.label_en))


def _topics_of(
    session: Session, link: Any, carrier_column: Any, ids: Sequence[int]
) -> dict[int, list[TopicRef]]:
    topics: dict[int, list[TopicRef]] = defaultdict(list)
    if not ids:
        return topics
    rows = _rows(session, _topics_statement(link, carrier_column), {"ids": ids})
    # A page repeats the same few topics; each is built once and shared.
    refs: dict[int, TopicRef] = {}
    for carrier_id, topic_id, slug, label_de, label_en in rows:
        ref = refs.get(topic_id)
        if ref is None:
            ref = refs[topic_id] = TopicRef.model_construct(
                slug=slug, label_de=label_de, label_en=label_en
            )
        topics[carrier_id].append(ref)
    return topics


@cache
def _topics_statement(link: Any, carrier_column: Any) -> Any:
    return (
        sa.select(carrier_column, *TOPIC_REF_COLUMNS)
        .join(Topic, col(Topic.id) == link.topic_id)
        .where(col(carrier_column).in_(_ids_param()))
        .order_by(Topic.label_de)
    )


def _out(schema: Any, row: Any, **embedded: Any) -> Any:
    """A response shape from a table row's columns plus what it embeds.

    The row was validated when it was written, so it is not validated again on the way out.
    """
    columns = {name: getattr(row, name) for name in schema.model_fields if name not in embedded}
    return schema.model_construct(**columns, **embedded)


def _ids(rows: Sequence[Any]) -> list[int]:
    return [row.id for row in rows]


def topics_out(session: Session, rows: Sequence[Any]) -> list[TopicOut]:
    return [TopicOut.model_validate(row) for row in rows]


def actors_out(session: Session, rows: Sequence[Any]) -> list[ActorOut]:
    topics = _topics_of(session, ActorTopic, ActorTopic.actor_id, _ids(rows))
    return [_out(ActorOut, row, topics=topics.get(row.id or 0, [])) for row in rows]


def initiatives_out(session: Session, rows: Sequence[Any]) -> list[InitiativeOut]:
    topics = _topics_of(session, InitiativeTopic, InitiativeTopic.initiative_id, _ids(rows))
    parents = Refs(session).initiatives(row.parent_id for row in rows)
    return [
        _out(
            InitiativeOut,
            row,
            topics=topics.get(row.id or 0, []),
            parent=parents.get(row.parent_id) if row.parent_id else None,
        )
        for row in rows
    ]


def events_out(session: Session, rows: Sequence[Any]) -> list[EventOut]:
    initiatives = Refs(session).initiatives(row.initiative_id for row in rows)
    return [
        _out(
            EventOut,
            row,
            initiative=initiatives.get(row.initiative_id) if row.initiative_id else None,
        )
        for row in rows
    ]


def documents_out(session: Session, rows: Sequence[Any]) -> list[DocumentOut]:
    topics = _topics_of(session, DocumentTopic, DocumentTopic.document_id, _ids(rows))
    return [_out(DocumentOut, row, topics=topics.get(row.id or 0, [])) for row in rows]


# --- details ------------------------------------------------------------------------------------


DOCUMENT_REF_COLUMNS = (
    col(Document.slug),
    col(Document.title),
    col(Document.kind),
    col(Document.published_on),
    col(Document.date_precision),
)


def _mentioning_documents(session: Session, column: Any, entity_id: int) -> list[DocumentRef]:
    rows = _rows(session, _mentioning_documents_statement(column), {"id": entity_id})
    return [DocumentRef.model_construct(**row._mapping) for row in rows]


@cache
def _mentioning_documents_statement(column: Any) -> Any:
    return (
        sa.select(*DOCUMENT_REF_COLUMNS)
        .where(
            col(Document.id).in_(
                select(Mention.document_id).where(
                    column == _id_param(), Mention.status != ReviewStatus.rejected
                )
            )
        )
        .order_by(col(Document.published_on).desc().nulls_last(), Document.slug)
    )


def _first_evidence(session: Session, column: Any, entity_id: int) -> Evidence | None:
    """The earliest confirmed mention of an entity: the passage that introduces it."""
    found = _rows(session, _first_evidence_statement(column), {"id": entity_id})
    if not found:
        return None
    slug, start, end, text, mention_id = found[0]
    return Evidence.model_construct(
        document=slug, start=start, end=end, quote=text, mention_id=mention_id
    )


@cache
def _first_evidence_statement(column: Any) -> Any:
    quote = sa.func.substr(Document.clean_text, Mention.start + 1, Mention.end - Mention.start)
    return (
        sa.select(col(Document.slug), col(Mention.start), col(Mention.end), quote, col(Mention.id))
        .join(Document, col(Document.id) == Mention.document_id)
        .where(column == _id_param(), col(Mention.status) == ReviewStatus.confirmed)
        .order_by(
            col(Document.published_on).asc().nulls_last(), col(Document.id), col(Mention.start)
        )
        .limit(1)
    )


def _by_role(items: list[ParticipationOut]) -> dict[Any, list[ParticipationOut]]:
    grouped: dict[Any, list[ParticipationOut]] = defaultdict(list)
    for item in items:
        grouped[item.role].append(item)
    return dict(grouped)


def _participations(session: Session, column: Any, record_id: int) -> list[ParticipationOut]:
    """The participations whose `column` (actor, initiative or event) is the record."""
    rows = _rows(session, _participations_statement(column), {"id": record_id})
    return participations_out(session, rows)


@cache
def _participations_statement(column: Any) -> Any:
    return _table_rows(Participation).where(column == _id_param()).order_by(Participation.id)


def _detail(schema: Any, summary: Any, **embedded: Any) -> Any:
    """A detail: the record's list item plus what it embeds, all built from rows already
    validated when they were written."""
    return schema.model_construct(**dict(summary), **embedded)


AFFILIATIONS_OF_ACTOR = (
    _table_rows(Affiliation)
    .where(
        sa.or_(
            col(Affiliation.actor_id) == _id_param(),
            col(Affiliation.organization_id) == _id_param(),
        )
    )
    .order_by(col(Affiliation.id))
)


def actor_detail(session: Session, actor: Actor) -> ActorDetail:
    assert actor.id is not None
    affiliations = _rows(session, AFFILIATIONS_OF_ACTOR, {"id": actor.id})
    detail: ActorDetail = _detail(
        ActorDetail,
        actors_out(session, [actor])[0],
        participations=_participations(session, Participation.actor_id, actor.id),
        affiliations=affiliations_out(session, affiliations),
        documents=_mentioning_documents(session, Mention.actor_id, actor.id),
        evidence=_first_evidence(session, Mention.actor_id, actor.id),
    )
    return detail


SUB_INITIATIVES = (
    select(Initiative.slug, Initiative.name, Initiative.kind)
    .where(Initiative.parent_id == _id_param())
    .order_by(Initiative.name)
)
EVENTS_OF_INITIATIVE = (
    _table_rows(Event)
    .where(Event.initiative_id == _id_param())
    .order_by(col(Event.starts_on).asc().nulls_last(), Event.slug)
)


def initiative_detail(session: Session, initiative: Initiative) -> InitiativeDetail:
    assert initiative.id is not None
    children = _rows(session, SUB_INITIATIVES, {"id": initiative.id})
    events = _rows(session, EVENTS_OF_INITIATIVE, {"id": initiative.id})
    detail: InitiativeDetail = _detail(
        InitiativeDetail,
        initiatives_out(session, [initiative])[0],
        participants=_by_role(_participations(session, Participation.initiative_id, initiative.id)),
        sub_initiatives=[
            Ref.model_construct(slug=slug, name=name, kind=str(kind))
            for slug, name, kind in children
        ],
        events=events_out(session, events),
        documents=_mentioning_documents(session, Mention.initiative_id, initiative.id),
        evidence=_first_evidence(session, Mention.initiative_id, initiative.id),
    )
    return detail


def event_detail(session: Session, event: Event) -> EventDetail:
    assert event.id is not None
    detail: EventDetail = _detail(
        EventDetail,
        events_out(session, [event])[0],
        participants=_by_role(_participations(session, Participation.event_id, event.id)),
        documents=_mentioning_documents(session, Mention.event_id, event.id),
        evidence=_first_evidence(session, Mention.event_id, event.id),
    )
    return detail


@cache
def _topic_refs_statement(model: Any, link: Any, carrier: Any) -> Any:
    return (
        sa.select(model.slug, model.name, model.kind)
        .join(link, carrier == model.id)
        .where(link.topic_id == _id_param())
        .order_by(model.name)
    )


DOCUMENTS_OF_TOPIC = (
    sa.select(*DOCUMENT_REF_COLUMNS)
    .join(DocumentTopic, col(DocumentTopic.document_id) == Document.id)
    .where(col(DocumentTopic.topic_id) == _id_param())
    .order_by(col(Document.published_on).desc().nulls_last(), Document.slug)
)


def topic_detail(session: Session, topic: Topic) -> TopicDetail:
    def refs(model: Any, link: Any, carrier: Any) -> list[Ref]:
        rows = _rows(session, _topic_refs_statement(model, link, carrier), {"id": topic.id})
        return [
            Ref.model_construct(slug=slug, name=name, kind=str(kind)) for slug, name, kind in rows
        ]

    documents = _rows(session, DOCUMENTS_OF_TOPIC, {"id": topic.id})
    return TopicDetail(
        **TopicOut.model_validate(topic).model_dump(),
        actors=refs(Actor, ActorTopic, ActorTopic.actor_id),
        initiatives=refs(Initiative, InitiativeTopic, InitiativeTopic.initiative_id),
        documents=[DocumentRef.model_construct(**row._mapping) for row in documents],
    )


MENTIONS_OF_DOCUMENT = (
    _table_rows(Mention).where(Mention.document_id == _id_param()).order_by(Mention.start)
)


def document_detail(session: Session, document: Document) -> DocumentDetail:
    mentions = _rows(session, MENTIONS_OF_DOCUMENT, {"id": document.id})
    detail: DocumentDetail = _detail(
        DocumentDetail,
        documents_out(session, [document])[0],
        clean_text=document.clean_text,
        raw_text=document.raw_text,
        captions=document.captions,
        mentions=mentions_out(session, mentions),
    )
    return detail
