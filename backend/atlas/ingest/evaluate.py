"""How well linking and suggesting work, measured leave-one-out over the curated seed texts.

For each seed text, the catalogue holds only the entities the *other* texts mention, with
their name, English name and the spellings the other texts' curated mentions use (the
``observed`` aliases; ``aliases="curated"`` gives every curated alias instead, which knows
more than the other texts tell). The linker derives the rest (inflection, state names and
adjectives, short references). The held-out text is linked and compared with its curated
mentions of entities that also occur elsewhere; its curated entities that occur nowhere else
should turn up among the suggestions.

Three kinds of link cannot be in the curated mentions by the curators' rules, so they are
reported apart and left out of precision (``strict_precision`` counts them as wrong):

* adjectives ("die irakische Regierung"): the curators annotate names, not adjectives;
* head-noun references to initiatives ("die Allianz" after its full name): not annotated;
* links nested inside a curated mention of another entity ("UN" in "UN-Zentrum", when the
  centre is unknown to the catalogue): curated mentions may not overlap.

Person surnames ("Maas") are annotated by the curators and count like every other link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from atlas.ingest.catalogue import known_entity
from atlas.ingest.link import Catalogue, LinkedMention
from atlas.ingest.suggest import SuggestedEntity, suggest_entities
from atlas.texts.annotations import Annotations, load_annotations, load_clean_texts

PROJECT_ROOT = Path(__file__).resolve().parents[3]
SEEDS = PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class Span:
    """A mention in a text: where, what it says, and which entity it names."""

    document: str
    start: int
    end: int
    text: str
    ref: str
    method: str = "curated"


@dataclass
class Fold:
    """The figures of one held-out text."""

    document: str
    expected: list[Span] = field(default_factory=list)
    linked: list[Span] = field(default_factory=list)
    adjectives: list[Span] = field(default_factory=list)
    head_references: list[Span] = field(default_factory=list)
    nested: list[Span] = field(default_factory=list)
    misses: list[Span] = field(default_factory=list)
    false_positives: list[Span] = field(default_factory=list)
    new_entities: list[str] = field(default_factory=list)
    suggested: list[SuggestedEntity] = field(default_factory=list)
    new_entities_found: list[str] = field(default_factory=list)
    useful_suggestions: list[SuggestedEntity] = field(default_factory=list)

    @property
    def correct(self) -> int:
        return len(self.linked) - len(self.false_positives)


@dataclass
class LeaveOneOutResult:
    """Figures over all held-out texts, and what went wrong, for reading."""

    folds: list[Fold]
    aliases: str

    @property
    def linked(self) -> int:
        return sum(len(fold.linked) for fold in self.folds)

    @property
    def expected(self) -> int:
        return sum(len(fold.expected) for fold in self.folds)

    @property
    def correct(self) -> int:
        return sum(fold.correct for fold in self.folds)

    @property
    def precision(self) -> float:
        return self.correct / self.linked if self.linked else 1.0

    @property
    def strict_precision(self) -> float:
        """Precision counting adjectives, head-noun references and nested links as wrong."""
        every = sum(
            len(f.linked) + len(f.adjectives) + len(f.head_references) + len(f.nested)
            for f in self.folds
        )
        return self.correct / every if every else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def new_entities(self) -> int:
        return sum(len(fold.new_entities) for fold in self.folds)

    @property
    def suggestion_recall(self) -> float:
        found = sum(len(fold.new_entities_found) for fold in self.folds)
        return found / self.new_entities if self.new_entities else 1.0

    @property
    def suggestion_precision(self) -> float:
        """Share of suggestions that name (overlap) a curated mention of an entity the
        catalogue did not know; the rest are places, generic phrases and fragments."""
        useful = sum(len(fold.useful_suggestions) for fold in self.folds)
        return useful / self.suggestions if self.suggestions else 1.0

    @property
    def suggestions(self) -> int:
        return sum(len(fold.suggested) for fold in self.folds)

    @property
    def misses(self) -> list[Span]:
        return [span for fold in self.folds for span in fold.misses]

    @property
    def false_positives(self) -> list[Span]:
        return [span for fold in self.folds for span in fold.false_positives]

    @property
    def suggestion_misses(self) -> list[tuple[str, str]]:
        return [
            (fold.document, ref)
            for fold in self.folds
            for ref in fold.new_entities
            if ref not in fold.new_entities_found
        ]


def _catalogue_without(
    annotations: Annotations,
    held_out: str,
    aliases: Literal["observed", "curated"],
) -> Catalogue:
    seen: dict[str, set[str]] = {}
    for document in annotations.documents:
        if document.file == held_out:
            continue
        for mention in document.mentions:
            seen.setdefault(mention.entity, set()).add(mention.text)
    entries = dict(annotations.named_entries())
    entities = []
    for ref, spellings in seen.items():
        entry = entries[ref]
        chosen = entry.aliases if aliases == "curated" else sorted(spellings - {entry.name})
        entities.append(known_entity(ref, entry, chosen))
    return Catalogue(entities)


def _overlaps(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return span[0] < other[1] and other[0] < span[1]


def evaluate_text(
    document: str,
    text: str,
    catalogue: Catalogue,
    expected: Sequence[Span],
    new_entities: Mapping[str, Sequence[Span]],
    curated: Sequence[Span] = (),
    exclusions: Sequence[str] = (),
    ordinary_words: frozenset[str] = frozenset(),
) -> Fold:
    """Link and suggest on one text and compare with what the curators marked."""
    mentions: list[LinkedMention] = catalogue.link_mentions(text)
    fold = Fold(document=document, expected=list(expected))
    wanted = {(span.start, span.end, span.ref) for span in expected}
    for mention in mentions:
        span = Span(document, mention.start, mention.end, mention.text, mention.ref, mention.method)
        if mention.method == "adjective":
            fold.adjectives.append(span)
            continue
        entity = catalogue.entity(mention.ref)
        if mention.method == "short_reference" and entity and entity.kind != "person":
            fold.head_references.append(span)
            continue
        if any(
            other.ref != span.ref
            and other.start <= span.start
            and span.end <= other.end
            and (other.start, other.end) != (span.start, span.end)
            for other in curated
        ):
            fold.nested.append(span)
            continue
        fold.linked.append(span)
        if (span.start, span.end, span.ref) not in wanted:
            fold.false_positives.append(span)
    got = {(mention.start, mention.end, mention.ref) for mention in mentions}
    fold.misses = [span for span in expected if (span.start, span.end, span.ref) not in got]
    fold.suggested = suggest_entities(text, mentions, exclusions, ordinary_words, catalogue)
    fold.new_entities = sorted(new_entities)
    new_places = [(span.start, span.end) for spans in new_entities.values() for span in spans]
    fold.useful_suggestions = [
        suggestion
        for suggestion in fold.suggested
        if any(_overlaps(place, span) for span in suggestion.spans for place in new_places)
    ]
    for ref, spans in sorted(new_entities.items()):
        places = [(span.start, span.end) for span in spans]
        if any(
            _overlaps(place, suggested_span)
            for suggestion in fold.suggested
            for suggested_span in suggestion.spans
            for place in places
        ):
            fold.new_entities_found.append(ref)
    return fold


def leave_one_out(
    annotations: Annotations | None = None,
    texts: Mapping[str, str] | None = None,
    *,
    aliases: Literal["observed", "curated"] = "observed",
    ordinary_words: frozenset[str] | None = None,
) -> LeaveOneOutResult:
    """Leave-one-out over the seed texts (defaults: ``seeds/``); see the module docstring."""
    annotations = annotations or load_annotations(SEEDS / "annotations")
    texts = texts if texts is not None else load_clean_texts(SEEDS / "texts")
    if ordinary_words is None:
        lexicon = SEEDS / "lexicon" / "common-german-nouns.txt"
        ordinary_words = frozenset(
            line.strip()
            for line in lexicon.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
    exclusions = [exclusion.text for exclusion in annotations.exclusions]
    folds = []
    for document in annotations.documents:
        elsewhere = {
            mention.entity
            for other in annotations.documents
            if other.file != document.file
            for mention in other.mentions
        }
        expected = [
            Span(document.file, m.start, m.end, m.text, m.entity)
            for m in document.mentions
            if m.entity in elsewhere
        ]
        new_entities: dict[str, list[Span]] = {}
        for m in document.mentions:
            if m.entity not in elsewhere:
                span = Span(document.file, m.start, m.end, m.text, m.entity)
                new_entities.setdefault(m.entity, []).append(span)
        curated = [Span(document.file, m.start, m.end, m.text, m.entity) for m in document.mentions]
        catalogue = _catalogue_without(annotations, document.file, aliases)
        folds.append(
            evaluate_text(
                document.file,
                texts[document.file],
                catalogue,
                expected,
                new_entities,
                curated,
                exclusions,
                ordinary_words,
            )
        )
    return LeaveOneOutResult(folds, aliases)
