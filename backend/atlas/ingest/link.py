"""Find the known actors, initiatives and events a German text names.

Every name, English name and alias of a known entity is cut into words and each word turned
into its search term (:func:`atlas.search.analysis.term`: case and accents folded, ß → ss,
umlauts spelled out, Snowball-stemmed). The term sequences go into a trie. Linking walks the
words of a text once and, at each word, follows the trie as far as the text allows, so the
cost grows with the length of the text, not with the number of known names.

Stemming makes inflected forms meet their name ("Kasachstans", "des Auswärtigen Amts", "der
Allianz für den Multilateralismus"). On top of the names, the linker derives:

* for states (kind ``state``), the German, other and English names of ``states.tsv`` and the
  adjective ("kasachisch", "südkoreanische", "niederländischen" → the state);
* short references after a full mention: a person's surname ("Maas" after "Heiko Maas") and
  the head noun of an initiative after a determiner ("die Allianz" after "Allianz für den
  Multilateralismus", "der Koalition" after "Anti-IS-Koalition").

Matches never start or end inside a word (hyphens separate words, so "UN" is found in
"UN-Generalversammlung" when that name is not known itself); the longest match wins and
matches do not overlap. Acronyms match only in capitals ("IS" is not "is").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, NamedTuple

from atlas.ingest.lexicon import COMBINING, LATIN_TRANSLITERATION, State, states_by_code
from atlas.models.enums import EntityType
from atlas.search.analysis import STOPWORDS, fold, term

# Letters and digits; accents of a decomposed text (S + U+030C) stay inside their word.
_WORD: Final = re.compile(rf"[^\W_]+(?:[{COMBINING}]+[^\W_]*)*")
# What may stand between two words of one name in a text: a space, a hyphen or dash, an
# apostrophe or slash; a full stop or parenthesis only where the name itself has one
# ("75. Generalversammlung", "Entwicklungsziele (SDGs) für").
_GAP: Final = re.compile(r"[ \-\u2010\u2011\u2013\u2014'\u2019/.()]{1,3}")
_MARKED_GAP: Final = frozenset(".()")
_SENTENCE_END: Final = re.compile(r"(?:^|[.!?:;]\s+|\n)[\"\u201e\u201c\u201a\u2018(]*\s*$")
_VOWELS: Final = frozenset("aeiouyäöü")
# Endings of German declension (and the English plural s) that may differ between a name as
# stored and as written: Amt/Amts/Amtes, Auswärtiges/Auswärtigen, Vereinte/Vereinten.
_ENDINGS: Final = frozenset({"", "s", "es", "n", "en", "e", "er", "ern", "em", "ns", "ens"})
_DETERMINERS: Final = frozenset(
    {"die", "der", "den", "dem", "des", "diese", "dieser", "diesem", "diesen", "dieses"}
)
# Lower-case words that may sit between a person's given name and surname (al-Kadhimi).
_PARTICLES: Final = frozenset({"al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "le"})
# Words after an initiative's head noun that make the rest of the name its complement
# (Allianz für den Multilateralismus, Small Group der Anti-IS-Koalition).
_COMPLEMENT_WORDS: Final = frozenset(
    {"für", "fuer", "der", "des", "gegen", "zur", "zum", "von", "of", "for", "against", "on"}
)

CONFIDENCE: Final = {
    "name": 1.0,
    "alias": 0.95,
    "inflection": 0.9,
    "adjective": 0.75,
    "short_reference": 0.7,
}


@dataclass(frozen=True)
class KnownEntity:
    """An actor, initiative or event the directory knows, with every name it goes by."""

    type: EntityType | str
    slug: str
    kind: str
    name: str
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None

    @property
    def ref(self) -> str:
        """``"actor:slug"``, ``"initiative:slug"`` or ``"event:slug"``."""
        return f"{_type_value(self.type)}:{self.slug}"


@dataclass(frozen=True)
class LinkedMention:
    """A place in a text that names a known entity.

    ``text[start:end] == mention.text``; ``method`` says how it was found (``name``, ``alias``,
    ``inflection``, ``adjective``, ``short_reference``); ``is_name`` is False for adjectives.
    """

    start: int
    end: int
    text: str
    entity_type: str
    slug: str
    confidence: float
    method: str
    is_name: bool

    @property
    def ref(self) -> str:
        """The entity as ``"actor:slug"`` (or initiative, event)."""
        return f"{self.entity_type}:{self.slug}"


class _Word(NamedTuple):
    """A word of a text (a tuple: texts have thousands and they are made for every link)."""

    start: int
    end: int
    surface: str
    key: str


@dataclass(frozen=True)
class _Variant:
    """One way of writing an entity's name, as stored in the trie."""

    ref: str
    method: str  # "name" or "alias"
    folded: tuple[str, ...]  # the folded words, to tell an exact match from an inflected one
    acronyms: tuple[bool, ...]  # words that must be written in capitals in the text
    capitalised: bool  # the first word must start with a capital
    marked_gaps: tuple[frozenset[str], ...]  # the full stops and parentheses of each gap


@dataclass
class _Match:
    first: int  # word indexes, inclusive
    last: int
    start: int
    end: int
    ref: str
    method: str
    confidence: float


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    variants: list[_Variant] = field(default_factory=list)


def _type_value(value: EntityType | str) -> str:
    return value.value if isinstance(value, EntityType) else str(value)


def _inflects(written: str, name: str) -> bool:
    """Whether ``written`` is ``name`` or an inflected form of it (both folded): what is left
    after their common beginning must be an inflection ending on both sides."""
    if written == name:
        return True
    common = 0
    for a, b in zip(written, name, strict=False):
        if a != b:
            break
        common += 1
    return written[common:] in _ENDINGS and name[common:] in _ENDINGS


def _latin(word: str) -> str:
    """The word with the Latin letters Unicode cannot decompose spelled out (ł → l, the
    dotless i → i), so that "Łukasz" in a name and "Lukasz" in a text fold alike."""
    return word if word.isascii() else word.translate(LATIN_TRANSLITERATION)


# Texts repeat their words: fold and stem each distinct word once.
@lru_cache(maxsize=65_536)
def _fold(word: str) -> str:
    return fold(_latin(word))


@lru_cache(maxsize=65_536)
def _term(word: str) -> str:
    return term(_latin(word))


def _genitive(children: dict[str, _Node], word: _Word) -> _Node | None:
    """The child for a word with a genitive s the stemmer keeps after vowels (Südkoreas,
    Kenias): tried only when the word itself leads nowhere."""
    surface = word.surface
    if len(surface) > 3 and surface[-1] == "s" and surface[-2] in _VOWELS:
        return children.get(_term(surface[:-1]))
    return None


def words_of(text: str) -> list[_Word]:
    """The words of a text with offsets, surface and search term (hyphens separate words)."""
    return [_Word(m.start(), m.end(), m.group(), _term(m.group())) for m in _WORD.finditer(text)]


def name_key(name: str) -> tuple[str, ...]:
    """The term sequence a name is indexed by ("Auswärtigen Amts" → ("auswart", "amt"))."""
    return tuple(_term(word) for word in _WORD.findall(name))


def _is_acronym(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters) and len(word) <= 6


def starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` begins a sentence (or paragraph) of ``text``."""
    return bool(_SENTENCE_END.search(text[max(0, position - 6) : position]))


class Catalogue:
    """The known entities, indexed for linking; grows with :meth:`add`."""

    def __init__(self, entities: Iterable[KnownEntity] = ()) -> None:
        self._root = _Node()
        self._entities: dict[str, KnownEntity] = {}
        self._order: dict[str, int] = {}
        self._adjectives: dict[str, list[str]] = {}
        self._state_refs: dict[str, str] = {}
        for entity in entities:
            self.add(entity)

    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[KnownEntity]:
        return iter(self._entities.values())

    def entity(self, ref: str) -> KnownEntity | None:
        """The entity behind ``"actor:slug"`` (or initiative, event), if known."""
        return self._entities.get(ref)

    def state(self, code: str) -> KnownEntity | None:
        """The known state actor of an ISO country code, if any."""
        ref = self._state_refs.get(code)
        return self._entities.get(ref) if ref else None

    def knows(self, name: str) -> bool:
        """Whether ``name`` (in any inflection the stemmer folds) names a known entity."""
        node: _Node | None = self._root
        for key in name_key(name):
            node = node.children.get(key) if node else None
        return bool(node and node.variants)

    def add(self, entity: KnownEntity) -> None:
        """Make ``entity`` known (again): its names, aliases and derived forms are linked from
        now on. Adding an entity with the same reference adds the new names to it."""
        ref = entity.ref
        self._entities[ref] = entity
        self._order.setdefault(ref, len(self._order))
        names = [(entity.name, "name")]
        if entity.name_en:
            names.append((entity.name_en, "name"))
        names.extend((alias, "alias") for alias in entity.aliases)
        state = self._state_of(entity)
        if state is not None:
            names.extend((name, "alias") for name in state.names())
            for form in state.adjective_forms():
                self._adjectives.setdefault(form, []).append(ref)
            self._state_refs.setdefault(state.code, ref)
        for name, method in names:
            self._insert(ref, name, method)

    def _state_of(self, entity: KnownEntity) -> State | None:
        if entity.kind != "state" or _type_value(entity.type) != "actor":
            return None
        by_code = states_by_code()
        if entity.country and entity.country in by_code:
            return by_code[entity.country]
        folded = fold(entity.name)
        return next((s for s in by_code.values() if fold(s.name) == folded), None)

    def _insert(self, ref: str, name: str, method: str) -> None:
        matches = list(_WORD.finditer(name))
        surfaces = [m.group() for m in matches]
        if not surfaces or all(
            _fold(word) in STOPWORDS and not _is_acronym(word) for word in surfaces
        ):
            return
        if len(surfaces) == 1 and len(surfaces[0]) < 2:
            return
        gaps = tuple(
            _MARKED_GAP.intersection(name[a.end() : b.start()])
            for a, b in itertools.pairwise(matches)
        )
        variant = _Variant(
            ref=ref,
            method=method,
            folded=tuple(_fold(word) for word in surfaces),
            acronyms=tuple(_is_acronym(word) for word in surfaces),
            capitalised=surfaces[0][:1].isupper(),
            marked_gaps=gaps,
        )
        node = self._root
        for word in surfaces:
            node = node.children.setdefault(_term(word), _Node())
        if all(existing != variant for existing in node.variants):
            node.variants.append(variant)

    # --- linking -----------------------------------------------------------------------------

    def link_mentions(self, text: str) -> list[LinkedMention]:
        """Every mention of a known entity in ``text``, in text order, without overlaps."""
        words = words_of(text)
        chosen = self._choose(self._full_matches(text, words), len(words))
        taken = bytearray(len(words))
        for match in chosen:
            taken[match.first : match.last + 1] = b"\x01" * (match.last - match.first + 1)
        chosen.extend(self._adjective_matches(text, words, taken))
        chosen.extend(self._short_references(text, words, taken, chosen))
        chosen.sort(key=lambda match: match.start)
        mentions = []
        for match in chosen:
            entity_type, slug = match.ref.split(":", 1)
            mentions.append(
                LinkedMention(
                    start=match.start,
                    end=match.end,
                    text=text[match.start : match.end],
                    entity_type=entity_type,
                    slug=slug,
                    confidence=match.confidence,
                    method=match.method,
                    is_name=match.method != "adjective",
                )
            )
        return mentions

    def _full_matches(self, text: str, words: list[_Word]) -> list[_Match]:
        """At each word, the longest name the trie and the text agree on."""
        found: list[_Match] = []
        count = len(words)
        root_children = self._root.children
        for first in range(count):
            node = root_children.get(words[first].key) or _genitive(root_children, words[first])
            if node is None:
                continue
            best: tuple[int, _Variant, bool] | None = None
            last = first
            while True:
                if node.variants:
                    variant, exact = self._pick_variant(text, words, first, last, node.variants)
                    if variant is not None:
                        best = (last, variant, exact)
                if last + 1 >= count:
                    break
                gap = text[words[last].end : words[last + 1].start]
                if not _GAP.fullmatch(gap):
                    break
                following = node.children.get(words[last + 1].key) or _genitive(
                    node.children, words[last + 1]
                )
                if following is None:
                    break
                node, last = following, last + 1
            if best is not None:
                end_word, variant, exact = best
                method = variant.method if exact else "inflection"
                found.append(
                    _Match(
                        first,
                        end_word,
                        words[first].start,
                        words[end_word].end,
                        variant.ref,
                        method,
                        CONFIDENCE[method],
                    )
                )
        return found

    def _pick_variant(
        self, text: str, words: list[_Word], first: int, last: int, variants: list[_Variant]
    ) -> tuple[_Variant | None, bool]:
        """The variant the words first..last spell, preferring an exact spelling, then the
        entity added first; None when the text's capitals or full stops rule them all out."""
        span = words[first : last + 1]
        folded = tuple(_fold(word.surface) for word in span)
        valid: list[tuple[bool, int, _Variant]] = []
        for variant in variants:
            if variant.capitalised and not span[0].surface[:1].isupper():
                continue
            if any(
                acronym and not word.surface.rstrip("s").isupper()
                for acronym, word in zip(variant.acronyms, span, strict=False)
            ):
                continue
            gaps = [text[a.end : b.start] for a, b in itertools.pairwise(span)]
            if any(
                _MARKED_GAP.intersection(gap) != marked
                for gap, marked in zip(gaps, variant.marked_gaps, strict=False)
            ):
                continue
            if not all(map(_inflects, folded, variant.folded)):
                continue  # "Irakische" shares a stem with "Irak" but is not a form of it
            exact = folded == variant.folded
            valid.append((not exact, self._order.get(variant.ref, 0), variant))
        if not valid:
            return None, False
        valid.sort(key=lambda item: (item[0], item[1]))
        return valid[0][2], not valid[0][0]

    @staticmethod
    def _choose(matches: list[_Match], word_count: int) -> list[_Match]:
        """Longest matches first, then earliest; no two share a word."""
        taken = bytearray(word_count)
        chosen = []
        for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
            if not any(taken[match.first : match.last + 1]):
                taken[match.first : match.last + 1] = b"\x01" * (match.last - match.first + 1)
                chosen.append(match)
        return chosen

    def _adjective_matches(self, text: str, words: list[_Word], taken: bytearray) -> list[_Match]:
        """State adjectives in lower case (or at a sentence start): "irakischen" → Irak."""
        found: list[_Match] = []
        if not self._adjectives:
            return found
        skip_to = 0
        for index, word in enumerate(words):
            if taken[index] or index < skip_to:
                continue
            last = index
            refs = None
            following = index + 1
            if (
                following < len(words)
                and not taken[following]
                and text[word.end : words[following].start] == "-"
            ):
                # Adjectives of hyphenated names: saudi-arabisch, sri-lankische.
                joined = f"{word.surface}-{words[following].surface}"
                refs = self._adjectives.get(_fold(joined))
                last = following if refs else index
            if not refs:
                refs = self._adjectives.get(_fold(word.surface))
            if not refs:
                continue
            if word.surface[:1].isupper() and not starts_sentence(text, word.start):
                continue  # capitalised: a name ("Europäische Union") or a noun ("die Deutschen")
            taken[index : last + 1] = b"\x01" * (last + 1 - index)
            skip_to = last + 1
            found.append(
                _Match(
                    index,
                    last,
                    word.start,
                    words[last].end,
                    refs[0],
                    "adjective",
                    CONFIDENCE["adjective"],
                )
            )
        return found

    def _short_keys(self, ref: str) -> list[tuple[str, ...]]:
        """The short references an entity may be named by after its full name."""
        entity = self._entities[ref]
        surfaces = _WORD.findall(entity.name)
        keys: list[tuple[str, ...]] = []
        if entity.kind == "person":
            if len(surfaces) >= 2 and surfaces[-1][:1].isupper() and len(surfaces[-1]) >= 3:
                keys.append((_term(surfaces[-1]),))
                if len(surfaces) >= 3 and surfaces[-2] in _PARTICLES:
                    keys.append((_term(surfaces[-2]), _term(surfaces[-1])))
            return keys
        if _type_value(entity.type) == "initiative":
            # The head noun is the capitalised word before the complement, after any
            # adjectives: "Allianz" of "(Globale) Allianz gegen Hunger und Armut".
            head = next(
                (
                    word
                    for word, following in itertools.pairwise(surfaces)
                    if word[:1].isupper() and following.casefold() in _COMPLEMENT_WORDS
                ),
                None,
            )
            if head is not None and len(surfaces) >= 3:
                keys.append((_term(head),))
            elif "-" in entity.name and " " not in entity.name.strip():
                keys.append((_term(surfaces[-1]),))
        return [key for key in keys if key[-1] not in STOPWORDS]

    def _short_references(
        self, text: str, words: list[_Word], taken: bytearray, chosen: list[_Match]
    ) -> list[_Match]:
        """Surnames and head nouns after the full mention of their entity."""
        first_seen: dict[str, int] = {}
        for match in chosen:
            if match.method in ("name", "alias", "inflection"):
                first_seen[match.ref] = min(first_seen.get(match.ref, match.first), match.first)
        # key → [(word index of the full mention, ref)], so the latest full mention wins.
        short: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        for match in chosen:
            if match.method in ("name", "alias", "inflection"):
                for key in self._short_keys(match.ref):
                    short.setdefault(key, []).append((match.first, match.ref))
        if not short:
            return []
        first_keys = {key[0] for key in short}
        found = []
        for index, word in enumerate(words):
            if word.key not in first_keys or taken[index]:
                continue
            if not (word.surface[:1].isupper() or word.surface in _PARTICLES):
                continue
            for length in (2, 1):
                last = index + length - 1
                if last >= len(words) or any(taken[index : last + 1]):
                    continue
                key = tuple(w.key for w in words[index : last + 1])
                owners = [(pos, ref) for pos, ref in short.get(key, ()) if pos < index]
                if not owners:
                    continue
                ref = max(owners)[1]
                entity = self._entities[ref]
                if entity.kind != "person" and not self._after_determiner(text, word.start):
                    continue
                taken[index : last + 1] = b"\x01" * length
                found.append(
                    _Match(
                        index,
                        last,
                        word.start,
                        words[last].end,
                        ref,
                        "short_reference",
                        CONFIDENCE["short_reference"],
                    )
                )
                break
        return found

    @staticmethod
    def _after_determiner(text: str, position: int) -> bool:
        before = text[max(0, position - 12) : position].rstrip(" \u201e\"'\u201a")
        previous = before.rsplit(None, 1)[-1] if before.split() else ""
        return previous.casefold() in _DETERMINERS and before.endswith(previous)
