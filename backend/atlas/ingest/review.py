"""The review queue: an editor accepts or rejects what ingest suggested.

Accepting an entity creates it (or, merged into an existing one, gives that one the name as an
alias) and turns every place the pending suggestions of the same name point at into a confirmed
mention. Accepting a relation creates the participation or affiliation with the sentence as its
evidence. Rejecting remembers the folded name, so ingest never suggests it again. A decision
applies to every pending suggestion with the same key, in every document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from atlas.errors import Conflict, InvalidInput, NotFound
from atlas.ingest.pipeline import (
    entity_ids,
    mention_target,
    suggestion_key,
    unknown_ends,
)
from atlas.models import Document, Mention, Suggestion
from atlas.models.enums import (
    ActorKind,
    EntityType,
    InitiativeKind,
    MentionMethod,
    ParticipationRole,
    ReviewStatus,
    SuggestionKind,
    SuggestionStatus,
)
from atlas.services.records import (
    ENTITY_MODELS,
    KINDS,
    create_record,
    find_by_id,
    find_by_slug,
    update_record,
)

# Events have no kind of their own.
KIND_VOCABULARIES: dict[str, Any] = {
    "actor": ActorKind,
    "initiative": InitiativeKind,
    "event": None,
}


@dataclass(frozen=True)
class Decision:
    """What an editor says when accepting; every field may be left out.

    For an entity: `into` merges it into an existing entity (`actor:slug`), or `name`,
    `entity_type`, `kind` and `country` correct what is created. For a relation: `subject`,
    `object` (`type:slug`) and `role` correct or complete what the text was read as.
    """

    into: str | None = None
    name: str | None = None
    entity_type: str | None = None
    kind: str | None = None
    country: str | None = None
    subject: str | None = None
    object: str | None = None
    role: str | None = None


def find_suggestion(session: Session, suggestion_id: int) -> Suggestion:
    return find_by_id(session, Suggestion, suggestion_id, "suggestion")  # type: ignore[no-any-return]


def accept_suggestion(session: Session, suggestion_id: int, decision: Decision) -> Suggestion:
    """Accept a pending suggestion (and every pending one with the same key); flushed."""
    suggestion = _pending(session, suggestion_id)
    if suggestion.kind == SuggestionKind.entity:
        outcome = _accept_entity(session, suggestion, decision)
    else:
        outcome = _accept_relation(session, suggestion, decision)
    _decide(session, suggestion, SuggestionStatus.accepted, outcome)
    session.flush()
    return suggestion


def reject_suggestion(session: Session, suggestion_id: int) -> Suggestion:
    """Reject a pending suggestion and every pending one with the same key, and for an entity
    the pending relations that need it as an end; flushed."""
    suggestion = _pending(session, suggestion_id)
    _decide(session, suggestion, SuggestionStatus.rejected, None)
    if suggestion.kind == SuggestionKind.entity:
        for relation in _relations_needing(session, suggestion.key):
            _decide(session, relation, SuggestionStatus.rejected, None)
    session.flush()
    return suggestion


def _relations_needing(session: Session, entity_key: str) -> list[Suggestion]:
    pending = session.exec(
        select(Suggestion).where(
            Suggestion.kind != SuggestionKind.entity,
            Suggestion.status == SuggestionStatus.pending,
        )
    )
    return [
        row
        for row in pending
        if entity_key in {suggestion_key(SuggestionKind.entity, name) for name in unknown_ends(row)}
    ]


def _pending(session: Session, suggestion_id: int) -> Suggestion:
    suggestion = find_suggestion(session, suggestion_id)
    if suggestion.status != SuggestionStatus.pending:
        raise Conflict(f"Suggestion {suggestion_id} was already {suggestion.status}.")
    return suggestion


def _same_key(session: Session, suggestion: Suggestion) -> list[Suggestion]:
    return list(
        session.exec(
            select(Suggestion)
            .where(Suggestion.key == suggestion.key, Suggestion.status == SuggestionStatus.pending)
            .order_by(col(Suggestion.id))
        ).all()
    )


def _decide(
    session: Session, suggestion: Suggestion, status: SuggestionStatus, outcome: str | None
) -> None:
    now = datetime.now(UTC)
    for row in {
        suggestion.id: suggestion,
        **{r.id: r for r in _same_key(session, suggestion)},
    }.values():
        row.status, row.decided_at, row.outcome = status, now, outcome
        session.add(row)


# --- entities -----------------------------------------------------------------------------------


def _accept_entity(session: Session, suggestion: Suggestion, decision: Decision) -> str:
    if decision.into:
        ref = _merge(session, suggestion, decision.into)
    else:
        ref = _create_entity(session, suggestion, decision)
    entity_id = entity_ids(session, [ref])[ref]
    for row in [suggestion, *_same_key(session, suggestion)]:
        _confirm_mentions(session, row, ref, entity_id)
    return ref


def _entity(session: Session, ref: str, field: str) -> tuple[str, Any]:
    entity_type, _, slug = ref.partition(":")
    if entity_type not in ENTITY_MODELS or not slug:
        raise InvalidInput(
            field, f"give an entity as actor:slug, initiative:slug or event:slug, not {ref!r}"
        )
    try:
        row = find_by_slug(session, ENTITY_MODELS[entity_type], EntityType(entity_type), slug)
    except NotFound:
        raise InvalidInput(field, f"no {entity_type} has the slug {slug!r}") from None
    return entity_type, row


def _merge(session: Session, suggestion: Suggestion, into: str) -> str:
    entity_type, row = _entity(session, into, "into")
    known = {suggestion_key("", name) for name in [row.name, row.name_en, *row.aliases] if name}
    new_names = [
        name
        for name in dict.fromkeys([suggestion.name, *suggestion.aliases])
        if suggestion_key("", name) not in known
    ]
    if new_names:
        update_record(session, KINDS[entity_type], row, {"aliases": [*row.aliases, *new_names]})
    return f"{entity_type}:{row.slug}"


def _create_entity(session: Session, suggestion: Suggestion, decision: Decision) -> str:
    entity_type = decision.entity_type or (suggestion.entity_type and str(suggestion.entity_type))
    if entity_type not in KIND_VOCABULARIES:
        raise InvalidInput("entity_type", "give actor, initiative or event")
    name = (decision.name or suggestion.name).strip()
    values: dict[str, Any] = {"name": name}
    vocabulary = KIND_VOCABULARIES[entity_type]
    if vocabulary is not None:
        kind = decision.kind or suggestion.entity_kind
        if kind not in {str(value) for value in vocabulary}:
            allowed = ", ".join(str(value) for value in vocabulary)
            raise InvalidInput("kind", f"give the {entity_type}'s kind, one of {allowed}")
        values["kind"] = kind
    aliases = [alias for alias in suggestion.aliases if alias != name]
    if decision.name and suggestion.name != name:
        aliases.insert(0, suggestion.name)
    if aliases:
        values["aliases"] = aliases
    if entity_type == "actor" and (decision.country or suggestion.country):
        values["country"] = decision.country or suggestion.country
    row = create_record(session, KINDS[entity_type], values)
    return f"{entity_type}:{row.slug}"


def _confirm_mentions(session: Session, suggestion: Suggestion, ref: str, entity_id: int) -> None:
    """Every span the suggestion names becomes a confirmed mention of the entity."""
    entity_type = ref.partition(":")[0]
    column = getattr(Mention, f"{entity_type}_id")
    document = session.get(Document, suggestion.document_id)
    assert document is not None and document.id is not None  # the foreign key cascades
    existing = set(
        session.exec(
            select(Mention.start, Mention.end).where(
                Mention.document_id == document.id, column == entity_id
            )
        ).all()
    )
    for start, end in suggestion.spans or [[suggestion.start, suggestion.end]]:
        if (start, end) in existing:
            continue
        session.add(
            Mention(
                document_id=document.id,
                start=start,
                end=end,
                text=document.clean_text[start:end][:500],
                method=MentionMethod.linked,
                confidence=1.0,
                status=ReviewStatus.confirmed,
                **mention_target(entity_type, entity_id),
            )
        )


# --- relations ----------------------------------------------------------------------------------


def _accept_relation(session: Session, suggestion: Suggestion, decision: Decision) -> str:
    relation = suggestion.relation or {}
    subject_type, subject = _end(session, relation.get("subject"), decision.subject, "subject")
    object_type, target = _end(session, relation.get("object"), decision.object, "object")
    role = decision.role or relation.get("role") or ""
    document = session.get(Document, suggestion.document_id)
    assert document is not None
    evidence = {
        "document": document.slug,
        "start": suggestion.evidence_start,
        "end": suggestion.evidence_end,
    }
    if subject_type != "actor":
        raise InvalidInput("subject", "the subject of a relation is an actor")
    if suggestion.kind == SuggestionKind.participation:
        if object_type not in ("initiative", "event"):
            raise InvalidInput("object", "a participation is in an initiative or an event")
        if role not in {str(value) for value in ParticipationRole}:
            allowed = ", ".join(str(value) for value in ParticipationRole)
            raise InvalidInput("role", f"give a participation role, one of {allowed}")
        values = {"actor": subject.slug, object_type: target.slug, "role": role}
        row = create_record(session, KINDS["participation"], {**values, "evidence": evidence})
        return f"participation:{row.id}"
    if object_type != "actor":
        raise InvalidInput("object", "an affiliation is with an organisation, an actor")
    if not role.strip():
        raise InvalidInput("role", "give the title, e.g. Außenminister")
    values = {"actor": subject.slug, "organization": target.slug, "title": role.strip()}
    row = create_record(session, KINDS["affiliation"], {**values, "evidence": evidence})
    return f"affiliation:{row.id}"


def _end(
    session: Session, party: dict[str, Any] | None, given: str | None, field: str
) -> tuple[str, Any]:
    """One end of a suggested relation: what the editor names, what the text linked, or the
    entity an accepted suggestion of that name became."""
    ref = given or (party or {}).get("ref") or _accepted_as(session, party)
    if not ref:
        name = (party or {}).get("name")
        missing = f"{name!r} is not in the directory yet" if name else "the text names none"
        raise InvalidInput(field, f"{missing}: accept its suggestion first, or give {field}")
    return _entity(session, ref, field)


def _accepted_as(session: Session, party: dict[str, Any] | None) -> str | None:
    if not party or not party.get("name"):
        return None
    return session.exec(
        select(Suggestion.outcome).where(
            Suggestion.key == suggestion_key(SuggestionKind.entity, party["name"]),
            Suggestion.status == SuggestionStatus.accepted,
        )
    ).first()
