"""Ingest one text: store it as a document, link what it names, queue what is new for review.

`ingest_source` is one document in the caller's transaction, so that a failure anywhere leaves
nothing behind (the CLI commits per file, the API per request). The same text twice (by SHA-256)
is the same document: the second time nothing is written and the answer says "unchanged".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from atlas.db import session_scope
from atlas.errors import AtlasError
from atlas.ingest.catalogue import catalogue_from_connection
from atlas.ingest.link import Catalogue, LinkedMention, name_key
from atlas.ingest.sources import SourceError, SourceText
from atlas.ingest.suggest import (
    SuggestedEntity,
    SuggestedRelation,
    suggest_entities,
    suggest_relations,
)
from atlas.models import Document, Mention, Suggestion
from atlas.models.enums import (
    EntityType,
    MentionMethod,
    ReviewStatus,
    SuggestionKind,
    SuggestionStatus,
)
from atlas.services.records import ENTITY_MODELS, KINDS, create_record
from atlas.texts.annotate import read_word_list
from atlas.texts.dates import parse_iso_partial

# A linked mention at least this sure is confirmed at once; below it (adjectives, short
# references) it is stored as suggested, for an editor to confirm.
CONFIRMED_FROM = 0.9


@dataclass(frozen=True)
class Ingested:
    """What ingesting one text did."""

    document: str  # the document's slug
    new: bool  # False: the same text was already there, nothing was written
    mentions: int = 0
    suggestions: int = 0


@dataclass(frozen=True)
class Vocabulary:
    """Words the suggester must not take for names: the lexicon of ordinary German nouns."""

    ordinary_words: frozenset[str] = frozenset()

    @classmethod
    def from_seeds(cls, seeds_dir: Path) -> Vocabulary:
        lexicon = seeds_dir / "lexicon" / "common-german-nouns.txt"
        return cls(read_word_list(lexicon) if lexicon.is_file() else frozenset())


@dataclass
class CatalogueCache:
    """The catalogue of known names, rebuilt only when actors, initiatives or events changed.

    Building it reads every name, which takes a noticeable time for a large directory; a cheap
    stamp (counts and latest change of the three tables) tells whether the cached one is still
    right, so several app instances over one database each stay correct without coordination.
    """

    stamp: tuple[Any, ...] | None = None
    catalogue: Catalogue | None = field(default=None, repr=False)

    def get(self, connection: Connection) -> Catalogue:
        stamp = directory_stamp(connection)
        if self.catalogue is None or stamp != self.stamp:
            self.catalogue, self.stamp = catalogue_from_connection(connection), stamp
        return self.catalogue


def directory_stamp(connection: Connection) -> tuple[Any, ...]:
    parts = [
        sa.select(sa.func.count(), sa.func.max(model.updated_at))
        for model in ENTITY_MODELS.values()
    ]
    return tuple(tuple(connection.execute(part).one()) for part in parts)


def suggestion_key(kind: SuggestionKind | str, *names: str) -> str:
    """The identity of a suggestion across documents: its kind and its names as the linker
    indexes them (folded, stemmed, Łukasz = Lukasz), so that a decision holds for every
    inflected form. A rejected key is not suggested again."""
    return ":".join([str(kind), *(" ".join(name_key(name)) for name in names)])[:500]


def ingest_source(
    session: Session, source: SourceText, catalogue: Catalogue, vocabulary: Vocabulary
) -> Ingested:
    """Store `source` as a document with its linked mentions and suggestions (flushed, not
    committed). Raises the domain errors of `create_record` for a text it cannot store."""
    existing = session.exec(select(Document.slug).where(Document.sha256 == source.sha256)).first()
    if existing is not None:
        return Ingested(existing, new=False)
    document = create_record(session, KINDS["document"], _document_fields(source))
    text = document.clean_text
    linked = catalogue.link_mentions(text)
    mentions = _store_mentions(session, document.id, linked)
    entities = suggest_entities(
        text, linked, ordinary_words=vocabulary.ordinary_words, catalogue=catalogue
    )
    relations = suggest_relations(text, linked, entities, catalogue, document.publisher)
    suggestions = _store_suggestions(session, document.id, entities, relations)
    session.flush()
    return Ingested(document.slug, new=True, mentions=mentions, suggestions=suggestions)


@dataclass(frozen=True)
class Outcome:
    """One input of a batch: what it made, or why it failed (one line)."""

    name: str
    ingested: Ingested | None = None
    error: str | None = None


@dataclass
class Summary:
    """The counts a batch reports at the end."""

    new: int = 0
    unchanged: int = 0
    failed: int = 0
    mentions: int = 0
    suggestions: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.ingested is None:
            self.failed += 1
        elif outcome.ingested.new:
            self.new += 1
            self.mentions += outcome.ingested.mentions
            self.suggestions += outcome.ingested.suggestions
        else:
            self.unchanged += 1


Reader = Callable[[], SourceText]


def ingest_each(
    engine: Engine, inputs: Iterable[tuple[str, Reader]], vocabulary: Vocabulary
) -> Iterator[Outcome]:
    """Read and ingest each input in its own transaction: one that fails (unreadable, refused,
    a text the directory cannot store) is reported and the others go on."""
    with engine.connect() as connection:
        catalogue = catalogue_from_connection(connection)
    for name, read in inputs:
        try:
            source = read()
            with session_scope(engine) as session:
                ingested = ingest_source(session, source, catalogue, vocabulary)
        except (SourceError, AtlasError) as exc:
            yield Outcome(name, error=str(exc))
        except SQLAlchemyError as exc:
            # The driver's message names host and port, never the password.
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            yield Outcome(name, error=f"database error: {reason[0] if reason else 'unknown'}")
        else:
            yield Outcome(name, ingested=ingested)


def _document_fields(source: SourceText) -> dict[str, Any]:
    # The parser reads title, date, publisher and place from the text; what the page's own
    # metadata says (an HTML title, a publication date) goes first where there is some.
    fields: dict[str, Any] = {"raw_text": source.text, "source_url": source.source_url}
    if source.title:
        fields["title"] = source.title[:500]
    published = parse_iso_partial(source.published) if source.published else None
    if published is not None:
        fields["published_on"], fields["date_precision"] = published
    return fields


def entity_ids(session: Session, refs: Iterable[str]) -> dict[str, int]:
    """Ids of entities given as `type:slug` references, in one query per type."""
    slugs: dict[str, set[str]] = {}
    for ref in refs:
        entity_type, _, slug = ref.partition(":")
        slugs.setdefault(entity_type, set()).add(slug)
    ids: dict[str, int] = {}
    for entity_type, wanted in slugs.items():
        model = ENTITY_MODELS[entity_type]
        rows = session.exec(select(model.id, model.slug).where(col(model.slug).in_(wanted)))
        ids.update({f"{entity_type}:{slug}": row_id for row_id, slug in rows})
    return ids


def mention_target(entity_type: str, entity_id: int) -> dict[str, Any]:
    """The mention column that points at an entity of this type."""
    return {f"{entity_type}_id": entity_id}


def _store_mentions(session: Session, document_id: int, linked: Sequence[LinkedMention]) -> int:
    ids = entity_ids(session, (mention.ref for mention in linked))
    stored = 0
    for mention in linked:
        entity_id = ids.get(mention.ref)
        if entity_id is None:  # deleted since the catalogue was read
            continue
        confirmed = mention.confidence >= CONFIRMED_FROM and mention.is_name
        session.add(
            Mention(
                document_id=document_id,
                start=mention.start,
                end=mention.end,
                text=mention.text[:500],
                method=MentionMethod.linked,
                confidence=round(mention.confidence, 3),
                status=ReviewStatus.confirmed if confirmed else ReviewStatus.suggested,
                **mention_target(mention.entity_type, entity_id),
            )
        )
        stored += 1
    return stored


def _store_suggestions(
    session: Session,
    document_id: int,
    entities: Sequence[SuggestedEntity],
    relations: Sequence[SuggestedRelation],
) -> int:
    rows = [_entity_suggestion(document_id, entity) for entity in entities]
    rows += [_relation_suggestion(document_id, relation) for relation in relations]
    # A relation goes with a rejected name of one of its ends that the directory does not know.
    needed = {
        id(row): {suggestion_key(SuggestionKind.entity, name) for name in unknown_ends(row)}
        for row in rows
    }
    keys = {row.key for row in rows}.union(*needed.values())
    rejected = set(
        session.exec(
            select(Suggestion.key).where(
                col(Suggestion.key).in_(keys), Suggestion.status == SuggestionStatus.rejected
            )
        ).all()
    )
    seen: set[str] = set()
    for row in rows:
        if row.key in rejected or row.key in seen or needed[id(row)] & rejected:
            continue
        seen.add(row.key)
        session.add(row)
    return len(seen)


def unknown_ends(row: Suggestion) -> list[str]:
    """Names of a relation suggestion's ends that the text did not link to a known entity."""
    relation = row.relation or {}
    ends = (relation.get("subject"), relation.get("object"))
    return [end["name"] for end in ends if end and end.get("ref") is None]


def _entity_suggestion(document_id: int, entity: SuggestedEntity) -> Suggestion:
    return Suggestion(
        kind=SuggestionKind.entity,
        document_id=document_id,
        name=entity.name[:500],
        key=suggestion_key(SuggestionKind.entity, entity.name),
        entity_type=EntityType(entity.entity_type),
        entity_kind=entity.kind,
        country=entity.country,
        aliases=list(entity.aliases),
        start=entity.start,
        end=entity.end,
        spans=[list(span) for span in entity.spans],
        evidence_start=min(entity.evidence_start, entity.start),
        evidence_end=max(entity.evidence_end, entity.end),
        quote=entity.evidence,
        rule=entity.rule[:40],
    )


def _relation_suggestion(document_id: int, relation: SuggestedRelation) -> Suggestion:
    parties = [relation.subject] + ([relation.object] if relation.object else [])
    # A party the text does not name (a person's state, known from the directory) has no span.
    named = [party for party in parties if party.start >= 0] or [relation.subject]
    kind = SuggestionKind(relation.kind)
    names = [party.name for party in parties]
    return Suggestion(
        kind=kind,
        document_id=document_id,
        name=" → ".join([f"{names[0]} ({relation.role})", *names[1:]])[:500],
        key=suggestion_key(kind, relation.role, *names),
        start=min(party.start for party in named),
        end=max(party.end for party in named),
        spans=[[party.start, party.end] for party in named],
        evidence_start=min(relation.evidence_start, *(party.start for party in named)),
        evidence_end=max(relation.evidence_end, *(party.end for party in named)),
        quote=relation.evidence,
        rule=relation.rule[:40],
        relation={
            "role": relation.role,
            "subject": _party(relation.subject),
            "object": _party(relation.object) if relation.object else None,
        },
    )


def _party(party: Any) -> dict[str, Any]:
    return {"name": party.name, "start": party.start, "end": party.end, "ref": party.ref}
