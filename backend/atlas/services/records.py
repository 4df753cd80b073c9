"""Finding, creating, changing and deleting directory records: the rules the API and CLI share.

- Slugs are made from names when not given (German-aware), are unique per type, and change only
  when asked; the old slug is kept as a redirect.
- Related records are named by slug and resolved here; spans are checked against the text.
- Writes honour a version precondition (ETag) and the row version guards concurrent writers.
- Deleting a record that others reference is refused, unless the caller cascades.
Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import sqlalchemy as sa
from babel import Locale
from sqlmodel import Session, col, select

from atlas.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from atlas.models import (
    Actor,
    ActorTopic,
    Affiliation,
    DatePrecision,
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
from atlas.models.base import utcnow
from atlas.texts import parse_text, slugify

Values = dict[str, Any]


class Moved(Exception):
    """The slug belonged to this record before it was renamed: its URL is now `slug`."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


# --- finding ------------------------------------------------------------------------------------


def find_by_slug(session: Session, model: Any, entity_type: EntityType, slug: str) -> Any:
    """The record with this slug. Raises Moved for a former slug, NotFound for an unknown one."""
    row = session.exec(_by_slug_statement(model), params={"slug": slug}).first()
    if row is not None:
        return row
    redirect = session.exec(
        select(SlugRedirect).where(
            SlugRedirect.entity_type == entity_type, SlugRedirect.old_slug == slug
        )
    ).first()
    if redirect is not None:
        current = session.get(model, redirect.entity_id)
        if current is not None:
            raise Moved(current.slug)
    raise NotFound(f"No {entity_type.value} has the slug {slug!r}.")


@cache
def _by_slug_statement(model: Any) -> Any:
    # Built once per model: every read of a record by its URL starts here.
    return select(model).where(model.slug == sa.bindparam("slug"))


# Ids are 64-bit integers in both databases; a larger number names no record (and would make the
# SQLite driver raise OverflowError, PostgreSQL a NumericValueOutOfRange).
MAX_RECORD_ID = 2**63 - 1


def find_by_id(session: Session, model: Any, record_id: int, label: str) -> Any:
    row = session.get(model, record_id) if 0 < record_id <= MAX_RECORD_ID else None
    if row is None:
        raise NotFound(f"No {label} has the id {record_id}.")
    return row


def _id_of(session: Session, model: Any, slug: str, field_name: str) -> int:
    row_id = session.exec(select(model.id).where(model.slug == slug)).first()
    if row_id is None:
        raise InvalidInput(field_name, f"no {model.__tablename__} has the slug {slug!r}")
    return int(row_id)


def etag_of(row: Any) -> str:
    """A strong ETag: the record's identity and row version."""
    return f'"{row.id}-{row.version}"'


def check_precondition(row: Any, if_match: str | None) -> None:
    """Refuse a write made against an older version of the record (If-Match)."""
    if if_match is None or if_match.strip() == "*":
        return
    # If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches.
    if etag_of(row) not in [tag.strip() for tag in if_match.split(",")]:
        raise PreconditionFailed(
            f"The record changed since you read it (now {etag_of(row)}); read it again."
        )


# --- how each kind of record is written ---------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of record: its table, how request fields become columns, what refers to it."""

    label: str
    model: Any
    prepare: Callable[[Session, Values, Any], Values]
    entity_type: EntityType | None = None  # records with a slug
    slug_source: str = "name"
    topic_link: tuple[Any, str] | None = None  # (link table, its column for this record)
    dependents: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)


def _plain(_session: Session, values: Values, _row: Any) -> Values:
    return values


# ISO 3166-1 alpha-2 codes, from CLDR's territories less its groupings (EU, UN, …) and unknown.
COUNTRY_CODES = frozenset(
    code
    for code in map(str, Locale("en").territories)
    if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}
)


def _prepare_actor(_session: Session, values: Values, _row: Any) -> Values:
    country = values.get("country")
    if country is not None and country not in COUNTRY_CODES:
        raise InvalidInput("country", f"{country!r} is not an ISO 3166-1 alpha-2 country code")
    return values


def _dated(values: Values, on: str, precision: str) -> Values:
    # A date without a stated precision is taken to be exact to the day.
    if values.get(on) is not None and values.get(precision) is None:
        values[precision] = DatePrecision.day
    if on in values and values[on] is None:
        values[precision] = None
    return values


def _period(values: Values, row: Any, start: str, end: str) -> Values:
    """Refuse a period that ends before it starts, or has an end without a start."""
    first = values[start] if start in values else getattr(row, start, None)
    last = values[end] if end in values else getattr(row, end, None)
    if last is not None and first is None and end == "ends_on":
        raise InvalidInput(end, f"{end} needs {start}")
    if first is not None and last is not None and last < first:
        raise InvalidInput(end, f"{end} {last} is before {start} {first}")
    return values


def _prepare_initiative(session: Session, values: Values, row: Any) -> Values:
    if "parent" in values:
        parent = values.pop("parent")
        parent_id = _id_of(session, Initiative, parent, "parent") if parent else None
        _refuse_parent_cycle(session, row, parent_id)
        values["parent_id"] = parent_id
    return _dated(values, "founded_on", "founded_precision")


def _refuse_parent_cycle(session: Session, row: Any, parent_id: int | None) -> None:
    seen = {row.id} if row is not None else set()
    current = parent_id
    while current is not None:
        if current in seen:
            raise InvalidInput("parent", "an initiative cannot be its own ancestor")
        seen.add(current)
        current = session.exec(select(Initiative.parent_id).where(Initiative.id == current)).first()


def _prepare_event(session: Session, values: Values, _row: Any) -> Values:
    if "initiative" in values:
        slug = values.pop("initiative")
        values["initiative_id"] = _id_of(session, Initiative, slug, "initiative") if slug else None
    return _period(_dated(values, "starts_on", "date_precision"), _row, "starts_on", "ends_on")


def _prepare_document(session: Session, values: Values, row: Any) -> Values:
    raw_text = values.get("raw_text")
    if raw_text is not None:
        values["sha256"] = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()
        parsed = parse_text(raw_text)
        # What the client leaves out, the parser supplies from the text itself.
        defaults = {
            "clean_text": parsed.clean_text or raw_text,
            "title": parsed.title,
            "publisher": parsed.publisher,
            "kind": parsed.kind,
            "language": parsed.language,
            "published_on": parsed.published_on,
            "date_precision": parsed.date_precision,
            "place": parsed.place,
            "captions": list(parsed.captions),
        }
        for name, value in defaults.items():
            if values.get(name) is None and (row is None or name in ("clean_text", "captions")):
                values[name] = value
        duplicate = session.exec(
            select(Document.slug).where(
                Document.sha256 == values["sha256"], Document.id != (row.id if row else None)
            )
        ).first()
        if duplicate is not None:
            raise Conflict(f"The same text is already the document {duplicate!r}.")
    if row is None and not values.get("title"):
        raise InvalidInput("title", "no title given and none found in the text")
    return _dated(values, "published_on", "date_precision")


def _resolve_evidence(session: Session, values: Values) -> Values:
    if "evidence" not in values:
        return values
    evidence = values.pop("evidence")
    if evidence is None:
        values.update(
            evidence_document_id=None,
            evidence_mention_id=None,
            evidence_start=None,
            evidence_end=None,
        )
        return values
    document = session.exec(select(Document).where(Document.slug == evidence["document"])).first()
    if document is None:
        raise InvalidInput(
            "evidence.document", f"no document has the slug {evidence['document']!r}"
        )
    _check_span(document, evidence["start"], evidence["end"], "evidence")
    values.update(
        evidence_document_id=document.id,
        evidence_start=evidence["start"],
        evidence_end=evidence["end"],
        evidence_mention_id=None,
    )
    return values


def _check_span(document: Document, start: int, end: int, field_name: str) -> None:
    if not 0 <= start < end <= len(document.clean_text):
        raise InvalidInput(
            field_name,
            f"span {start}-{end} is not inside the document's clean text "
            f"(0-{len(document.clean_text)})",
        )


def _prepare_participation(session: Session, values: Values, row: Any) -> Values:
    if "actor" in values:
        values["actor_id"] = _id_of(session, Actor, values.pop("actor"), "actor")
    for name, model in (("initiative", Initiative), ("event", Event)):
        if name in values:
            slug = values.pop(name)
            values[f"{name}_id"] = _id_of(session, model, slug, name) if slug else None
    initiative_id = values.get("initiative_id", row.initiative_id if row else None)
    event_id = values.get("event_id", row.event_id if row else None)
    if (initiative_id is None) == (event_id is None):
        raise InvalidInput("initiative", "give exactly one of initiative and event")
    values = _dated(_resolve_evidence(session, values), "start_on", "date_precision")
    return _period(values, row, "start_on", "end_on")


def _prepare_affiliation(session: Session, values: Values, row: Any) -> Values:
    for name in ("actor", "organization"):
        if name in values:
            values[f"{name}_id"] = _id_of(session, Actor, values.pop(name), name)
    actor_id = values.get("actor_id", row.actor_id if row else None)
    if actor_id == values.get("organization_id", row.organization_id if row else None):
        raise InvalidInput("organization", "an actor cannot be affiliated with itself")
    values = _dated(_resolve_evidence(session, values), "start_on", "date_precision")
    return _period(values, row, "start_on", "end_on")


ENTITY_MODELS: dict[str, Any] = {"actor": Actor, "initiative": Initiative, "event": Event}


def _prepare_mention(session: Session, values: Values, row: Any) -> Values:
    if "document" in values:
        values["document_id"] = _id_of(session, Document, values.pop("document"), "document")
    if "entity" in values:
        kind, _, slug = values.pop("entity").partition(":")
        for name, model in ENTITY_MODELS.items():
            values[f"{name}_id"] = _id_of(session, model, slug, "entity") if name == kind else None
    document = session.get(Document, values.get("document_id", row.document_id if row else None))
    start = values.get("start", row.start if row else None)
    end = values.get("end", row.end if row else None)
    if document is not None and start is not None and end is not None:
        _check_span(document, start, end, "end")
        values["text"] = document.clean_text[start:end]
    return values


def _references(model: Any, *columns: Any) -> Callable[[Any], Any]:
    """Rows of `model` whose any of `columns` points at the record."""
    return lambda row: select(model).where(sa.or_(*(column == row.id for column in columns)))


def _of_events(model: Any, event_column: Any) -> Callable[[Any], Any]:
    """Rows of `model` that refer to one of the initiative's events (they go with the events)."""
    return lambda row: select(model).where(
        col(event_column).in_(select(Event.id).where(Event.initiative_id == row.id))
    )


KINDS: dict[str, Kind] = {
    "topic": Kind(
        "topic",
        Topic,
        _plain,
        EntityType.topic,
        slug_source="label_de",
        dependents={
            "actor topics": _references(ActorTopic, ActorTopic.topic_id),
            "initiative topics": _references(InitiativeTopic, InitiativeTopic.topic_id),
            "document topics": _references(DocumentTopic, DocumentTopic.topic_id),
        },
    ),
    "actor": Kind(
        "actor",
        Actor,
        _prepare_actor,
        EntityType.actor,
        topic_link=(ActorTopic, "actor_id"),
        dependents={
            "participations": _references(Participation, Participation.actor_id),
            "affiliations": _references(
                Affiliation, Affiliation.actor_id, Affiliation.organization_id
            ),
            "mentions": _references(Mention, Mention.actor_id),
        },
    ),
    "initiative": Kind(
        "initiative",
        Initiative,
        _prepare_initiative,
        EntityType.initiative,
        topic_link=(InitiativeTopic, "initiative_id"),
        dependents={
            "participations": _references(Participation, Participation.initiative_id),
            "events": _references(Event, Event.initiative_id),
            "participations in its events": _of_events(Participation, Participation.event_id),
            "mentions of its events": _of_events(Mention, Mention.event_id),
            "sub-initiatives": _references(Initiative, Initiative.parent_id),
            "mentions": _references(Mention, Mention.initiative_id),
        },
    ),
    "event": Kind(
        "event",
        Event,
        _prepare_event,
        EntityType.event,
        dependents={
            "participations": _references(Participation, Participation.event_id),
            "mentions": _references(Mention, Mention.event_id),
        },
    ),
    "document": Kind(
        "document",
        Document,
        _prepare_document,
        EntityType.document,
        slug_source="title",
        topic_link=(DocumentTopic, "document_id"),
        dependents={
            "mentions": _references(Mention, Mention.document_id),
            "participations stated by it": _references(
                Participation, Participation.evidence_document_id
            ),
            "affiliations stated by it": _references(Affiliation, Affiliation.evidence_document_id),
        },
    ),
    "participation": Kind("participation", Participation, _prepare_participation),
    "affiliation": Kind("affiliation", Affiliation, _prepare_affiliation),
    "mention": Kind("mention", Mention, _prepare_mention),
}


# --- writing ------------------------------------------------------------------------------------


def unique_slug(session: Session, kind: Kind, text: str) -> str:
    """A free slug made from `text`: `aussenministerium`, else `aussenministerium-2`, …"""
    base = slugify(text)[:100].strip("-") or kind.label
    taken = set(
        session.exec(select(kind.model.slug).where(col(kind.model.slug).startswith(base))).all()
    ) | set(
        session.exec(
            select(SlugRedirect.old_slug).where(
                SlugRedirect.entity_type == kind.entity_type,
                col(SlugRedirect.old_slug).startswith(base),
            )
        ).all()
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _claim_slug(session: Session, kind: Kind, slug: str, row: Any) -> None:
    """Make `slug` the record's own: refused if another record has it; a redirect that still
    points elsewhere from it is dropped, since a live record wins over a former name."""
    holder = session.exec(select(kind.model.id).where(kind.model.slug == slug)).first()
    if holder is not None and (row is None or holder != row.id):
        raise Conflict(f"Another {kind.label} already has the slug {slug!r}.")
    _drop_redirects(session, kind, col(SlugRedirect.old_slug) == slug)


def _drop_redirects(session: Session, kind: Kind, *where: Any) -> None:
    session.execute(
        sa.delete(SlugRedirect).where(col(SlugRedirect.entity_type) == kind.entity_type, *where)
    )


def _set_topics(session: Session, kind: Kind, row: Any, slugs: list[str]) -> None:
    assert kind.topic_link is not None
    link, column = kind.topic_link
    topic_ids = [_id_of(session, Topic, slug, "topics") for slug in dict.fromkeys(slugs)]
    session.execute(sa.delete(link).where(getattr(link, column) == row.id))
    for topic_id in topic_ids:
        session.add(link(**{column: row.id, "topic_id": topic_id}))


def create_record(session: Session, kind: Kind, data: Values) -> Any:
    """Create a record from request fields; returns the new row (flushed, not committed)."""
    values = dict(data)
    topics = values.pop("topics", None)
    values = kind.prepare(session, values, None)
    if kind.entity_type is not None:
        if values.get("slug"):
            _claim_slug(session, kind, values["slug"], None)
        else:
            values["slug"] = unique_slug(session, kind, str(values.get(kind.slug_source) or ""))
    row = kind.model(**{name: value for name, value in values.items() if value is not None})
    session.add(row)
    session.flush()
    if topics is not None and kind.topic_link is not None:
        _set_topics(session, kind, row, topics)
        session.flush()
    return row


def update_record(
    session: Session, kind: Kind, row: Any, changes: Values, if_match: str | None = None
) -> Any:
    """Apply the fields a client sent. A new slug keeps the old one as a redirect."""
    check_precondition(row, if_match)
    values = dict(changes)
    topics = values.pop("topics", None)
    values = kind.prepare(session, values, row)
    new_slug = values.pop("slug", None)
    if kind.entity_type is not None and new_slug and new_slug != row.slug:
        _claim_slug(session, kind, new_slug, row)
        _drop_redirects(session, kind, col(SlugRedirect.old_slug) == row.slug)
        session.add(SlugRedirect(entity_type=kind.entity_type, old_slug=row.slug, entity_id=row.id))
        row.slug = new_slug
    for name, value in values.items():
        setattr(row, name, value)
    if topics is not None and kind.topic_link is not None:
        # Changing only the topics is a change of the record too: its version moves on, once,
        # with the other fields (the link rewrite below flushes them in one UPDATE).
        row.updated_at = utcnow()
        _set_topics(session, kind, row, topics)
    session.flush()
    session.refresh(row)
    return row


def references_to(session: Session, kind: Kind, row: Any) -> dict[str, int]:
    """What refers to the record, by kind, leaving out nothing that a delete would touch."""
    counts = {}
    for name, query in kind.dependents.items():
        number = len(session.exec(query(row)).all())
        if number:
            counts[name] = number
    return counts


def delete_record(
    session: Session, kind: Kind, row: Any, *, cascade: bool = False, if_match: str | None = None
) -> dict[str, int]:
    """Delete a record. With references, refuse (Conflict) unless `cascade`; then they go too
    (sub-initiatives are kept, without their parent). Returns what was deleted with it."""
    check_precondition(row, if_match)
    references = references_to(session, kind, row)
    if references and not cascade:
        listed = ", ".join(f"{count} {name}" for name, count in references.items())
        error = Conflict(
            f"The {kind.label} {getattr(row, 'slug', row.id)!r} is referenced by {listed}; "
            "delete with cascade=true to remove them too."
        )
        error.members = {"references": references}
        raise error
    for name, query in kind.dependents.items():
        for dependent in session.exec(query(row)).all():
            if name == "sub-initiatives":
                dependent.parent_id = None
            else:
                session.delete(dependent)
    session.flush()
    if kind.entity_type is not None:
        _drop_redirects(session, kind, col(SlugRedirect.entity_id) == row.id)
    session.delete(row)
    session.flush()
    return references
