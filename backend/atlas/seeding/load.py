"""Seeding: the curated annotations and the texts they describe become rows.

The seed owns what it describes, and nothing else:
- actors, initiatives, events, topics and documents with a slug in the annotations are created,
  or updated in place when the annotations change (a record added through the API is left alone);
- curated mentions of the seed documents, and participations and affiliations whose evidence is a
  seed document, are made to match the annotations exactly: new ones added, changed ones updated,
  removed ones deleted.
A second run with the same files changes nothing. The caller runs it in one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from atlas import models
from atlas.models import MentionMethod, ReviewStatus
from atlas.texts import ParsedText, parse_text
from atlas.texts import annotations as schema
from atlas.texts.annotations import Annotations, Problem, check_annotations, evidence_span
from atlas.texts.dates import parse_iso_partial

Progress = Callable[[str], None]
Row = TypeVar("Row", bound=SQLModel)
Slugged = TypeVar(
    "Slugged", models.Actor, models.Initiative, models.Event, models.Document, models.Topic
)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass
class SeedReport:
    """What a seed run did, per kind of record."""

    counts: dict[str, Counts] = field(default_factory=dict)

    def of(self, kind: str) -> Counts:
        return self.counts.setdefault(kind, Counts())

    @property
    def changed(self) -> bool:
        return any(counts.changed for counts in self.counts.values())


@dataclass(frozen=True)
class SeedText:
    """A source text as read from seeds/texts/: its exact bytes' text and what the parser made."""

    file: str
    raw_text: str
    sha256: str
    parsed: ParsedText


@dataclass(frozen=True)
class SeedBundle:
    """Everything in seeds/, read and checked, ready to load."""

    annotations: Annotations
    texts: dict[str, SeedText]
    problems: list[Problem]


def read_seed_bundle(seeds_dir: Path) -> SeedBundle:
    """Read seeds/texts and seeds/annotations and cross-check them; nothing is written."""
    texts: dict[str, SeedText] = {}
    for path in sorted((seeds_dir / "texts").glob("*.txt")):
        raw_bytes = path.read_bytes()
        raw_text = raw_bytes.decode("utf-8")
        texts[path.name] = SeedText(
            file=path.name,
            raw_text=raw_text,
            sha256=hashlib.sha256(raw_bytes).hexdigest(),
            parsed=parse_text(raw_text),
        )
    annotations = schema.load_annotations(seeds_dir / "annotations")
    clean_texts = {name: text.parsed.clean_text for name, text in texts.items()}
    # check_annotations includes the problems found while loading.
    problems = check_annotations(annotations, clean_texts)
    return SeedBundle(annotations=annotations, texts=texts, problems=problems)


def seed_database(
    session: Session, bundle: SeedBundle, progress: Progress | None = None
) -> SeedReport:
    """Make the database hold what the bundle says. Raises ValueError if the bundle has problems."""
    if bundle.problems:
        raise ValueError(f"the seed files have {len(bundle.problems)} problem(s)")
    return _Seeder(session, bundle, progress or (lambda _message: None)).run()


def _partial(value: str | None) -> tuple[date | None, str | None]:
    parsed = parse_iso_partial(value) if value else None
    return parsed if parsed else (None, None)


def _period(start: str | None, end: str | None) -> dict[str, Any]:
    start_on, start_precision = _partial(start)
    end_on, end_precision = _partial(end)
    return {
        "start_on": start_on,
        "end_on": end_on,
        "date_precision": start_precision or end_precision,
    }


class _Seeder:
    def __init__(self, session: Session, bundle: SeedBundle, progress: Progress) -> None:
        self.session = session
        self.bundle = bundle
        self.annotations = bundle.annotations
        self.progress = progress
        self.report = SeedReport()
        self.ids: dict[str, int] = {}  # "actor:slug" → id, likewise for the other types
        self.document_texts: dict[str, str] = {}  # document slug → clean text
        self.mentions_by_document: dict[int, list[models.Mention]] = {}

    def run(self) -> SeedReport:
        self._step("topics", self._seed_topics)
        self._step("actors", self._seed_actors)
        self._step("initiatives", self._seed_initiatives)
        self._step("events", self._seed_events)
        self._step("documents", self._seed_documents)
        self._step("topic links", self._seed_topic_links)
        self._step("mentions", self._seed_mentions)
        self._step("participations", self._seed_participations)
        self._step("affiliations", self._seed_affiliations)
        return self.report

    def _step(self, name: str, action: Callable[[], None]) -> None:
        action()
        self.session.flush()
        counts = self.report.of(name)
        self.progress(
            f"{name}: {counts.created} new, {counts.updated} updated, "
            f"{counts.unchanged} unchanged, {counts.removed} removed"
        )

    # Entities: upsert by slug --------------------------------------------------------------

    def _upsert(self, kind: str, model: type[Slugged], slug: str, values: dict[str, Any]) -> None:
        row = self.session.exec(select(model).where(model.slug == slug)).one_or_none()
        counts = self.report.of(kind)
        if row is None:
            row = model(slug=slug, **values)
            self.session.add(row)
            self.session.flush()
            counts.created += 1
        elif _assign_changes(row, values):
            counts.updated += 1
        else:
            counts.unchanged += 1
        assert row.id is not None
        self.ids[f"{model.__tablename__}:{slug}"] = row.id

    def _seed_topics(self) -> None:
        for topic in self.annotations.topics:
            values = {"label_de": topic.label_de, "label_en": topic.label_en}
            self._upsert("topics", models.Topic, topic.slug, values)

    def _seed_actors(self) -> None:
        for actor in self.annotations.actors:
            values = {
                "name": actor.name,
                "name_en": actor.name_en,
                "aliases": list(actor.aliases),
                "kind": actor.kind,
                "country": actor.country,
                "description": actor.description,
                "website": actor.website,
            }
            self._upsert("actors", models.Actor, actor.slug, values)

    def _seed_initiatives(self) -> None:
        # Parents first, so that a sub-group's parent already has its id.
        for initiative in _parents_first(self.annotations.initiatives):
            founded_on, founded_precision = _partial(initiative.founded)
            values = {
                "name": initiative.name,
                "name_en": initiative.name_en,
                "aliases": list(initiative.aliases),
                "kind": initiative.kind,
                "status": initiative.status,
                "description": initiative.description,
                "founded_on": founded_on,
                "founded_precision": founded_precision,
                "website": initiative.website,
                "parent_id": self.ids[f"initiative:{initiative.parent}"]
                if initiative.parent
                else None,
            }
            self._upsert("initiatives", models.Initiative, initiative.slug, values)

    def _seed_events(self) -> None:
        for event in self.annotations.events:
            starts_on, precision = _partial(event.starts)
            ends_on, _ = _partial(event.ends)
            values = {
                "name": event.name,
                "name_en": event.name_en,
                "aliases": list(event.aliases),
                "initiative_id": self.ids[f"initiative:{event.initiative}"]
                if event.initiative
                else None,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "date_precision": precision,
                "place": event.place,
                "virtual": event.virtual,
                "description": event.description,
            }
            self._upsert("events", models.Event, event.slug, values)

    def _seed_documents(self) -> None:
        for document in self.annotations.documents:
            text = self.bundle.texts[document.file]
            parsed = text.parsed
            values = {
                "title": document.title or parsed.title,
                "publisher": parsed.publisher,
                "kind": parsed.kind,
                "language": parsed.language,
                "published_on": parsed.published_on,
                "date_precision": parsed.date_precision,
                "place": parsed.place,
                "clean_text": parsed.clean_text,
                "raw_text": text.raw_text,
                "captions": list(parsed.captions),
                "sha256": text.sha256,
            }
            self._upsert("documents", models.Document, document.slug, values)
            self.document_texts[document.slug] = parsed.clean_text

    # Links and relations: the seed's share is made to match exactly ---------------------------

    def _sync(
        self,
        kind: str,
        model: type[Row],
        existing: Iterable[Row],
        key: Callable[[Row], Hashable],
        wanted: Mapping[Hashable, dict[str, Any]],
    ) -> dict[Hashable, Row]:
        counts = self.report.of(kind)
        rows: dict[Hashable, Row] = {}
        for row in existing:
            row_key = key(row)
            if row_key not in wanted or row_key in rows:
                self.session.delete(row)
                counts.removed += 1
                continue
            rows[row_key] = row
            if _assign_changes(row, wanted[row_key]):
                counts.updated += 1
            else:
                counts.unchanged += 1
        self.session.flush()
        for row_key, values in wanted.items():
            if row_key not in rows:
                rows[row_key] = model(**values)
                self.session.add(rows[row_key])
                counts.created += 1
        self.session.flush()
        return rows

    def _seed_topic_links(self) -> None:
        carriers: list[tuple[type[SQLModel], str, str, Iterable[Any]]] = [
            (models.ActorTopic, "actor_id", "actor", self.annotations.actors),
            (models.InitiativeTopic, "initiative_id", "initiative", self.annotations.initiatives),
            (models.DocumentTopic, "document_id", "document", self.annotations.documents),
        ]
        for link, carrier_column, prefix, entries in carriers:
            carrier_ids = {self.ids[f"{prefix}:{entry.slug}"]: entry for entry in entries}
            wanted: dict[Hashable, dict[str, Any]] = {
                (carrier_id, self.ids[f"topic:{topic}"]): {
                    carrier_column: carrier_id,
                    "topic_id": self.ids[f"topic:{topic}"],
                }
                for carrier_id, entry in carrier_ids.items()
                for topic in entry.topics
            }
            existing = self.session.exec(
                select(link).where(col(getattr(link, carrier_column)).in_(list(carrier_ids)))
            )
            self._sync("topic links", link, existing, _topic_link_key(carrier_column), wanted)

    def _document_ids(self) -> list[int]:
        return [self.ids[f"document:{document.slug}"] for document in self.annotations.documents]

    def _seed_mentions(self) -> None:
        wanted: dict[Hashable, dict[str, Any]] = {}
        for document in self.annotations.documents:
            document_id = self.ids[f"document:{document.slug}"]
            for mention in document.mentions:
                target = _target_columns(mention.entity, self.ids)
                values = {
                    "document_id": document_id,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    **target,
                    "method": MentionMethod.curated,
                    "confidence": 1.0,
                    "status": ReviewStatus.confirmed,
                }
                wanted[_mention_key(values)] = values
        existing = self.session.exec(
            select(models.Mention).where(
                col(models.Mention.document_id).in_(self._document_ids()),
                models.Mention.method == MentionMethod.curated,
            )
        )
        rows = self._sync("mentions", models.Mention, existing, _mention_key, wanted)
        for row in rows.values():
            self.mentions_by_document.setdefault(row.document_id, []).append(row)

    def _evidence(self, evidence: schema.Evidence, *entity_refs: str) -> dict[str, Any]:
        """Evidence columns: the document, the quote's span, and the mention inside it that names
        the first of `entity_refs` found there."""
        text = self.document_texts[evidence.document]
        span = evidence_span(evidence, text)
        assert span is not None  # check_annotations has verified every quote
        document_id = self.ids[f"document:{evidence.document}"]
        mention_id = None
        candidates = self.mentions_by_document.get(document_id, [])
        for ref in entity_refs:
            target = _target_columns(ref, self.ids)
            inside = [
                mention
                for mention in candidates
                if span[0] <= mention.start
                and mention.end <= span[1]
                and all(getattr(mention, column) == value for column, value in target.items())
            ]
            if inside:
                mention_id = min(inside, key=lambda mention: mention.start).id
                break
        return {
            "evidence_document_id": document_id,
            "evidence_mention_id": mention_id,
            "evidence_start": span[0],
            "evidence_end": span[1],
        }

    def _seed_participations(self) -> None:
        wanted: dict[Hashable, dict[str, Any]] = {}
        for participation in self.annotations.participations:
            place = (
                f"initiative:{participation.initiative}"
                if participation.initiative
                else f"event:{participation.event}"
            )
            actor = f"actor:{participation.actor}"
            values = {
                "actor_id": self.ids[actor],
                "initiative_id": self.ids.get(place) if participation.initiative else None,
                "event_id": self.ids.get(place) if participation.event else None,
                "role": participation.role,
                "note": participation.note,
                **_period(participation.start, participation.end),
                **self._evidence(participation.evidence, actor, place),
            }
            wanted[_participation_key(values)] = values
        existing = self.session.exec(
            select(models.Participation).where(
                col(models.Participation.evidence_document_id).in_(self._document_ids())
            )
        )
        self._sync("participations", models.Participation, existing, _participation_key, wanted)

    def _seed_affiliations(self) -> None:
        wanted: dict[Hashable, dict[str, Any]] = {}
        for affiliation in self.annotations.affiliations:
            actor = f"actor:{affiliation.actor}"
            organization = f"actor:{affiliation.organization}"
            values = {
                "actor_id": self.ids[actor],
                "organization_id": self.ids[organization],
                "title": affiliation.title,
                "title_en": affiliation.title_en,
                "note": affiliation.note,
                **_period(affiliation.start, affiliation.end),
                **self._evidence(affiliation.evidence, actor, organization),
            }
            wanted[_affiliation_key(values)] = values
        existing = self.session.exec(
            select(models.Affiliation).where(
                col(models.Affiliation.evidence_document_id).in_(self._document_ids())
            )
        )
        self._sync("affiliations", models.Affiliation, existing, _affiliation_key, wanted)


def _parents_first(initiatives: list[schema.Initiative]) -> list[schema.Initiative]:
    by_slug = {initiative.slug: initiative for initiative in initiatives}
    ordered: dict[str, schema.Initiative] = {}

    def visit(initiative: schema.Initiative, path: tuple[str, ...]) -> None:
        if initiative.slug in path:
            raise ValueError(f"initiative parents form a cycle: {' → '.join(path)}")
        parent = by_slug.get(initiative.parent or "")
        if parent is not None and parent.slug not in ordered:
            visit(parent, (*path, initiative.slug))
        ordered.setdefault(initiative.slug, initiative)

    for initiative in initiatives:
        visit(initiative, ())
    return list(ordered.values())


def _assign_changes(row: SQLModel, values: Mapping[str, Any]) -> bool:
    """Set the attributes that differ; untouched rows keep their updated_at."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _target_columns(ref: str, ids: Mapping[str, int]) -> dict[str, int | None]:
    kind = ref.split(":", 1)[0]
    return {
        "actor_id": ids[ref] if kind == "actor" else None,
        "initiative_id": ids[ref] if kind == "initiative" else None,
        "event_id": ids[ref] if kind == "event" else None,
    }


def _get(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


def _topic_link_key(carrier_column: str) -> Callable[[Any], Hashable]:
    return lambda row: (_get(row, carrier_column), _get(row, "topic_id"))


def _mention_key(row: Any) -> Hashable:
    return tuple(
        _get(row, name)
        for name in ("document_id", "start", "end", "actor_id", "initiative_id", "event_id")
    )


def _participation_key(row: Any) -> Hashable:
    return tuple(
        _get(row, name)
        for name in ("actor_id", "initiative_id", "event_id", "role", "evidence_document_id")
    )


def _affiliation_key(row: Any) -> Hashable:
    return tuple(
        _get(row, name) for name in ("actor_id", "organization_id", "title", "evidence_document_id")
    )
