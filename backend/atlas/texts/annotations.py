"""Curated annotations of the seed texts: loading, validating and cross-checking the YAML files.

The annotation folder (``seeds/annotations/``) holds YAML files in one schema, documented in
``docs/seeds.md``. Every file is a mapping whose keys are section names (``topics``, ``actors``,
``initiatives``, ``events``, ``participations``, ``affiliations``, ``documents``,
``exclusions``); each section is a list of entries. Sections may be split over several files;
files are read in name order and the lists are concatenated.

This module is pure: no database. :func:`load_annotations` reads and validates the entries
(schema problems are collected, not raised); :func:`check_annotations` cross-checks them
against each other and against the parsed texts. The database seeder should refuse to load
annotations while :func:`check_annotations` reports any problem.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    model_validator,
)

from atlas.models.enums import ActorKind, InitiativeKind, InitiativeStatus, ParticipationRole
from atlas.texts.dates import parse_iso_partial
from atlas.texts.names import find_name_candidates
from atlas.texts.parse import parse_text
from atlas.texts.yaml_lines import LineDict, load_yaml_with_lines

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ENTITY_PATTERN = r"^(actor|initiative|event):([a-z0-9]+(?:-[a-z0-9]+)*)$"


def _partial_date_text(value: Any) -> Any:
    # YAML reads an unquoted 2020-09-25 as a date and 2014 as a number; both mean the text.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _valid_partial_date(value: str) -> str:
    if parse_iso_partial(value) is None:
        raise ValueError("must be a partial ISO date: yyyy, yyyy-mm or yyyy-mm-dd")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
PartialDate = Annotated[
    str, BeforeValidator(_partial_date_text), AfterValidator(_valid_partial_date)
]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
EntityRef = Annotated[str, StringConstraints(pattern=ENTITY_PATTERN)]


@dataclass(frozen=True)
class Location:
    """Where an entry stands: its file, its first line and the line of each of its keys."""

    file: str
    line: int
    key_lines: Mapping[str, int] = field(default_factory=dict)

    def of(self, key: str) -> int:
        """The line of ``key`` in this entry, or the entry's first line if the key is absent."""
        return self.key_lines.get(key, self.line)


class Entry(BaseModel):
    """Base of all annotation entries: unknown keys are errors; the source location is kept."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    _location: Location = PrivateAttr(default=Location("", 0))

    @property
    def location(self) -> Location:
        """The file and line this entry was read from."""
        return self._location


class Topic(Entry):
    slug: Slug
    label_de: Text
    label_en: Text


class NamedEntry(Entry):
    """An actor, initiative or event: something mentions can point to."""

    slug: Slug
    name: Text
    name_en: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    description: Text | None = None

    def names(self) -> list[str]:
        """Name, English name and aliases: every string that names this entry."""
        return [self.name, *([self.name_en] if self.name_en else []), *self.aliases]


class Actor(NamedEntry):
    kind: ActorKind
    country: CountryCode | None = None
    website: Url | None = None
    topics: list[Slug] = Field(default_factory=list)


class Initiative(NamedEntry):
    kind: InitiativeKind
    status: InitiativeStatus = InitiativeStatus.unknown
    founded: PartialDate | None = None
    parent: Slug | None = None
    website: Url | None = None
    topics: list[Slug] = Field(default_factory=list)


class Event(NamedEntry):
    initiative: Slug | None = None
    starts: PartialDate | None = None
    ends: PartialDate | None = None
    place: Text | None = None
    virtual: bool = False


class Evidence(Entry):
    document: Slug
    quote: Text
    occurrence: Annotated[int, Field(ge=1)] | None = None


class Participation(Entry):
    actor: Slug
    initiative: Slug | None = None
    event: Slug | None = None
    role: ParticipationRole
    start: PartialDate | None = None
    end: PartialDate | None = None
    evidence: Evidence
    note: Text | None = None

    @model_validator(mode="after")
    def _exactly_one_target(self) -> Participation:
        if (self.initiative is None) == (self.event is None):
            raise ValueError("give exactly one of initiative and event")
        return self


class Affiliation(Entry):
    actor: Slug
    organization: Slug
    title: Text
    title_en: Text | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    evidence: Evidence
    note: Text | None = None


class Mention(Entry):
    entity: EntityRef
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=1)]
    text: Text


class Document(Entry):
    file: Text
    slug: Slug
    title: Text | None = None
    topics: list[Slug] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Exclusion(Entry):
    text: Text
    reason: Text


SECTIONS: dict[str, type[Entry]] = {
    "topics": Topic,
    "actors": Actor,
    "initiatives": Initiative,
    "events": Event,
    "participations": Participation,
    "affiliations": Affiliation,
    "documents": Document,
    "exclusions": Exclusion,
}


@dataclass(frozen=True)
class Problem:
    """Something wrong in the annotations, with the file and line to fix."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


@dataclass
class Annotations:
    """All curated annotations, section by section, plus the problems found while loading."""

    topics: list[Topic] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def named_entries(self) -> Iterator[tuple[str, NamedEntry]]:
        """Every actor, initiative and event with its reference (``"actor:slug"`` …)."""
        for prefix, entries in (
            ("actor", self.actors),
            ("initiative", self.initiatives),
            ("event", self.events),
        ):
            for entry in entries:
                yield f"{prefix}:{entry.slug}", entry


_EntryT = TypeVar("_EntryT", bound=Entry)


def _attach_locations(entry: Entry, data: Any, file: str) -> None:
    """Copy the YAML positions of ``data`` onto ``entry`` and its nested entries."""
    if not isinstance(data, LineDict):
        return
    entry._location = Location(file, data.line, dict(data.key_lines))
    for name in type(entry).model_fields:
        value = getattr(entry, name)
        raw = data.get(name)
        if isinstance(value, Entry):
            _attach_locations(value, raw, file)
        elif isinstance(value, list) and isinstance(raw, list):
            for item, raw_item in zip(value, raw, strict=False):
                if isinstance(item, Entry):
                    _attach_locations(item, raw_item, file)


def _error_line(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line a pydantic error location points to, as close as the YAML positions allow."""
    line = data.line if isinstance(data, LineDict) else None
    current = data
    for part in loc:
        if isinstance(current, LineDict) and isinstance(part, str):
            line = current.key_lines.get(part, line)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            if isinstance(current, LineDict):
                line = current.line
        else:
            break
    return line


def _validate_entry(
    model: type[_EntryT], data: Any, file: str, problems: list[Problem]
) -> _EntryT | None:
    if isinstance(data, LineDict):
        for key, line in data.duplicate_keys:
            problems.append(Problem(file, line, f"key {key!r} given twice"))
    try:
        entry = model.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            where = ".".join(str(part) for part in detail["loc"]) or "entry"
            problems.append(
                Problem(file, _error_line(data, detail["loc"]), f"{where}: {detail['msg']}")
            )
        return None
    _attach_locations(entry, data, file)
    return entry


def load_annotations(folder: Path) -> Annotations:
    """Read every ``*.yaml`` file in ``folder`` (in name order) into :class:`Annotations`.

    Malformed YAML, unknown sections, unknown keys and invalid values are reported in
    ``Annotations.problems`` with file and line; invalid entries are left out.
    """
    annotations = Annotations()
    for path in sorted(folder.glob("*.yaml")):
        file = path.name
        try:
            content = load_yaml_with_lines(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            annotations.problems.append(Problem(file, line, f"invalid YAML: {error}"))
            continue
        if content is None:
            continue
        if not isinstance(content, LineDict):
            annotations.problems.append(Problem(file, 1, "the file must be a mapping of sections"))
            continue
        for key, line in content.duplicate_keys:
            annotations.problems.append(Problem(file, line, f"section {key!r} given twice"))
        for section, items in content.items():
            line = content.key_lines[section]
            model = SECTIONS.get(section)
            if model is None:
                known = ", ".join(SECTIONS)
                message = f"unknown section {section!r} (known: {known})"
                annotations.problems.append(Problem(file, line, message))
                continue
            if not isinstance(items, list):
                annotations.problems.append(Problem(file, line, f"{section} must be a list"))
                continue
            target: list[Any] = getattr(annotations, section)
            for item in items:
                entry = _validate_entry(model, item, file, annotations.problems)
                if entry is not None:
                    target.append(entry)
    return annotations


def load_clean_texts(texts_folder: Path) -> dict[str, str]:
    """Parse every ``*.txt`` in ``texts_folder``: {file name: clean text}, for the checks."""
    return {
        path.name: parse_text(path.read_bytes().decode("utf-8")).clean_text
        for path in sorted(texts_folder.glob("*.txt"))
    }


def _problem(entry: Entry, key: str, message: str) -> Problem:
    return Problem(entry.location.file, entry.location.of(key), message)


def _duplicates(entries: Iterable[Entry], key: str, label: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Entry] = {}
    for entry in entries:
        value = getattr(entry, key)
        if value in seen:
            first = seen[value].location
            message = f"duplicate {label} {value!r} (first at {first.file}:{first.line})"
            problems.append(_problem(entry, key, message))
        else:
            seen[value] = entry
    return problems


def _date_order(entry: Entry, first: str, last: str) -> list[Problem]:
    start, end = getattr(entry, first), getattr(entry, last)
    if end is None:
        return []
    if start is None:
        return [_problem(entry, last, f"{last} given without {first}")]
    start_date, end_date = parse_iso_partial(start), parse_iso_partial(end)
    if start_date and end_date and end_date[0] < start_date[0]:
        return [_problem(entry, last, f"{last} {end} is before {first} {start}")]
    return []


def count_occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``quote`` in ``text``."""
    return [match.start() for match in re.finditer(f"(?={re.escape(quote)})", text)]


def evidence_span(evidence: Evidence, text: str) -> tuple[int, int] | None:
    """The offsets of an evidence quote in its document's clean text (None if not found)."""
    starts = count_occurrences(text, evidence.quote)
    index = (evidence.occurrence or 1) - 1
    if index >= len(starts):
        return None
    return starts[index], starts[index] + len(evidence.quote)


def _check_evidence(
    owner: Entry, evidence: Evidence, texts_by_slug: Mapping[str, str]
) -> list[Problem]:
    text = texts_by_slug.get(evidence.document)
    if text is None:
        return [_problem(evidence, "document", f"unknown document {evidence.document!r}")]
    starts = count_occurrences(text, evidence.quote)
    if not starts:
        message = f"quote not found in {evidence.document}: {evidence.quote!r}"
        return [_problem(evidence, "quote", message)]
    if evidence.occurrence is None and len(starts) > 1:
        message = f"quote occurs {len(starts)} times; add occurrence: N (1-based)"
        return [_problem(evidence, "quote", message)]
    if evidence.occurrence is not None and evidence.occurrence > len(starts):
        message = f"occurrence {evidence.occurrence} but the quote occurs {len(starts)} times"
        return [_problem(evidence, "occurrence", message)]
    return []


def _check_references(annotations: Annotations) -> list[Problem]:
    problems: list[Problem] = []
    topics = {topic.slug for topic in annotations.topics}
    actors = {actor.slug for actor in annotations.actors}
    initiatives = {initiative.slug: initiative for initiative in annotations.initiatives}
    events = {event.slug for event in annotations.events}
    refs = {ref for ref, _ in annotations.named_entries()}

    topical: list[Actor | Initiative | Document] = [
        *annotations.actors,
        *annotations.initiatives,
        *annotations.documents,
    ]
    for entry in topical:
        problems.extend(
            _problem(entry, "topics", f"unknown topic {topic!r}")
            for topic in entry.topics
            if topic not in topics
        )
    for initiative in annotations.initiatives:
        parent, seen = initiative.parent, {initiative.slug}
        while parent is not None:
            if parent not in initiatives:
                message = f"unknown parent initiative {parent!r}"
                problems.append(_problem(initiative, "parent", message))
                break
            if parent in seen:
                problems.append(_problem(initiative, "parent", "parent chain forms a cycle"))
                break
            seen.add(parent)
            parent = initiatives[parent].parent
    for event in annotations.events:
        if event.initiative is not None and event.initiative not in initiatives:
            message = f"unknown initiative {event.initiative!r}"
            problems.append(_problem(event, "initiative", message))
        problems.extend(_date_order(event, "starts", "ends"))
    for participation in annotations.participations:
        if participation.actor not in actors:
            message = f"unknown actor {participation.actor!r}"
            problems.append(_problem(participation, "actor", message))
        if participation.initiative is not None and participation.initiative not in initiatives:
            message = f"unknown initiative {participation.initiative!r}"
            problems.append(_problem(participation, "initiative", message))
        if participation.event is not None and participation.event not in events:
            message = f"unknown event {participation.event!r}"
            problems.append(_problem(participation, "event", message))
        problems.extend(_date_order(participation, "start", "end"))
    for affiliation in annotations.affiliations:
        for key in ("actor", "organization"):
            if getattr(affiliation, key) not in actors:
                message = f"unknown actor {getattr(affiliation, key)!r}"
                problems.append(_problem(affiliation, key, message))
        if affiliation.actor == affiliation.organization:
            problems.append(_problem(affiliation, "organization", "an actor cannot join itself"))
        problems.extend(_date_order(affiliation, "start", "end"))
    for document in annotations.documents:
        problems.extend(
            _problem(mention, "entity", f"unknown entity {mention.entity!r}")
            for mention in document.mentions
            if mention.entity not in refs
        )
    return problems


def _check_uniqueness(annotations: Annotations) -> list[Problem]:
    problems: list[Problem] = []
    for section, key in (
        ("topics", "slug"),
        ("actors", "slug"),
        ("initiatives", "slug"),
        ("events", "slug"),
        ("documents", "slug"),
        ("documents", "file"),
        ("exclusions", "text"),
    ):
        problems.extend(_duplicates(getattr(annotations, section), key, f"{section} {key}"))
    # A name or alias must identify one entity, or a linker could not tell them apart.
    owners: dict[str, str] = {}
    for ref, entry in annotations.named_entries():
        for name in dict.fromkeys(name.casefold() for name in entry.names()):
            if name in owners and owners[name] != ref:
                message = f"name or alias {name!r} also belongs to {owners[name]}"
                problems.append(_problem(entry, "aliases", message))
            owners.setdefault(name, ref)
    for exclusion in annotations.exclusions:
        owner = owners.get(exclusion.text.casefold())
        if owner is not None:
            message = f"excluded text {exclusion.text!r} is a name of {owner}"
            problems.append(_problem(exclusion, "text", message))
    return problems


def _check_documents(annotations: Annotations, texts: Mapping[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    covered = {document.file for document in annotations.documents}
    problems.extend(
        Problem("documents", None, f"text {name} has no document entry")
        for name in sorted(set(texts) - covered)
    )
    for document in annotations.documents:
        text = texts.get(document.file)
        if text is None:
            problems.append(_problem(document, "file", f"no text file {document.file!r}"))
            continue
        previous: Mention | None = None
        for mention in sorted(document.mentions, key=lambda item: (item.start, item.end)):
            if mention.end <= mention.start or mention.end > len(text):
                message = f"offsets {mention.start}-{mention.end} out of range"
                problems.append(_problem(mention, "start", message))
                continue
            actual = text[mention.start : mention.end]
            if actual != mention.text:
                message = (
                    f"text at {mention.start}-{mention.end} is {actual!r}, not {mention.text!r}"
                )
                problems.append(_problem(mention, "text", message))
            if previous is not None and mention.start < previous.end:
                message = f"overlaps the mention {previous.text!r} at {previous.start}"
                problems.append(_problem(mention, "start", message))
            previous = mention
    return problems


def check_annotations(annotations: Annotations, texts: Mapping[str, str]) -> list[Problem]:
    """All problems: those found while loading, then cross-checks against each other and
    against ``texts`` ({text file name: clean text}, see :func:`load_clean_texts`).

    Checked: unique slugs, files and exclusions; no name or alias shared by two entities;
    every reference resolves; dates in order; every text has exactly one document entry;
    every mention's offsets give its text; mentions do not overlap; every evidence quote occurs
    in its document (once, or with ``occurrence``).
    """
    problems = list(annotations.problems)
    problems.extend(_check_uniqueness(annotations))
    problems.extend(_check_references(annotations))
    problems.extend(_check_documents(annotations, texts))
    texts_by_slug = {
        document.slug: texts[document.file]
        for document in annotations.documents
        if document.file in texts
    }
    owners: list[Participation | Affiliation] = [
        *annotations.participations,
        *annotations.affiliations,
    ]
    for owner in owners:
        problems.extend(_check_evidence(owner, owner.evidence, texts_by_slug))
    return problems


def check_completeness(
    annotations: Annotations,
    texts: Mapping[str, str],
    ordinary_words: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Name-like strings of the clean texts that the annotations do not account for.

    A candidate from :func:`atlas.texts.names.find_name_candidates` is accounted for when it is
    a name or alias of an entity or an excluded text (ignoring case), when curated mentions
    cover all of its characters, or when it lies inside an occurrence of a name, alias or
    excluded text (so "Haag" inside "Den Haag" needs no entry of its own).
    """
    known = [name for _, entry in annotations.named_entries() for name in entry.names()]
    known += [exclusion.text for exclusion in annotations.exclusions]
    known_folded = {name.casefold() for name in known}
    problems: list[Problem] = []
    for document in annotations.documents:
        text = texts.get(document.file)
        if text is None:
            continue
        covered = bytearray(len(text))
        for mention in document.mentions:
            covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        for name in known:
            for start in count_occurrences(text, name):
                covered[start : start + len(name)] = b"\x01" * len(name)
        unexplained: Counter[str] = Counter()
        for candidate in find_name_candidates(text, ordinary_words):
            if candidate.text.casefold() in known_folded:
                continue
            if all(covered[candidate.start : candidate.end]):
                continue
            unexplained[candidate.text] += 1
        problems.extend(
            _problem(
                document,
                "mentions",
                f"{document.slug}: {name!r} ({count}x) is neither an annotated name, "
                "a mention nor an exclusion",
            )
            for name, count in sorted(unexplained.items())
        )
    return problems


def entity_names(annotations: Annotations) -> dict[str, str]:
    """Every name and alias, mapped to the entity it names (``"actor:slug"`` …)."""
    names: dict[str, str] = {}
    for ref, entry in annotations.named_entries():
        for name in entry.names():
            names.setdefault(name, ref)
    return names
