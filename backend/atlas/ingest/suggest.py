"""Suggest what a text names that the directory does not know yet, and the relations it states.

:func:`suggest_entities` looks at the name-like spans no linked mention covers. Each rule has a
short id (``SuggestedEntity.rule``) and comes from how German press releases of the Auswärtiges
Amt, the BMZ and partner organisations write names, not from the seed texts alone:

``acronym_definition``
    a name followed by its acronym in parentheses: "Global Coalition against Daesh (GCAD)",
    "Bundesministerium für … Entwicklung (BMZ)"; the acronym becomes an alias.
``title_person``
    a person behind an office: "Premierminister al-Kadhimi", "Außenministerin Baerbock",
    "des UN-Generalsekretärs António Guterres"; a state adjective before the title gives the
    country ("kasachischen Präsidenten Kassym-Schomart Tokajew" → KZ).
``person_apposition``
    a person followed by an office: "Daniel Haas, Referatsleiter …".
``keyword_phrase``
    a capitalised name with a head noun of initiatives or organisations ("… Initiative",
    "… Alliance", "… Partnership", "… Forum", "Stockholm-Initiative", "Anti-IS-Koalition"),
    optionally with a German complement ("Allianz für den Multilateralismus", "Bundesministerium
    für wirtschaftliche Zusammenarbeit und Entwicklung"); "UN-…" compounds ending in such a noun
    ("UN-Regionalzentrums"); with a trailing year it is an event ("Astana International Forum
    2025").
``state`` / ``state_adjective``
    a member state of the United Nations (``states.tsv``) by name or adjective.
``capitalised_run``, ``inner_capital``, ``acronym``
    the name-like strings of :func:`atlas.texts.names.find_name_candidates` (two or more
    capitalised words that are not ordinary German words, "Partnerschaften2030", "FSG").

Spans inside or across a linked mention, known names, excluded texts and ordinary German words
are never suggested. Every place the text names a suggestion (inflected, or its surname later)
is in ``spans``.

:func:`suggest_relations` reads affiliations and participations from fixed patterns (see its
docstring).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from atlas.ingest.lexicon import (
    COMBINING,
    COUNTERPART_TITLES,
    HOME_OFFICES,
    LATIN_CAPITALS,
    LATIN_TRANSLITERATION,
    LOWER,
    TITLE,
    TITLES,
    UPPER,
    base_title,
    states,
    states_by_adjective,
)
from atlas.ingest.link import Catalogue, KnownEntity, LinkedMention, name_key, starts_sentence
from atlas.search.analysis import STOPWORDS, fold
from atlas.texts.dates import MONTHS
from atlas.texts.names import find_name_candidates, looks_german
from atlas.texts.parse import detect_publisher


@dataclass(frozen=True)
class SuggestedEntity:
    """A name the text uses for something the directory does not know."""

    name: str
    entity_type: str  # "actor", "initiative" or "event"
    kind: str  # an ActorKind or InitiativeKind value; "event" for events
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    evidence_start: int
    evidence_end: int
    evidence: str
    rule: str
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Party:
    """One side of a suggested relation: a linked entity (``ref``) or a suggested one (None).

    ``start`` and ``end`` are -1 when the text does not name the party (a person's state taken
    from the directory)."""

    name: str
    start: int
    end: int
    ref: str | None


@dataclass(frozen=True)
class SuggestedRelation:
    """An affiliation or participation a sentence states."""

    kind: str  # "affiliation" or "participation"
    subject: Party
    object: Party | None
    role: str  # a ParticipationRole value, or an affiliation title ("Außenminister")
    evidence_start: int
    evidence_end: int
    evidence: str
    rule: str


# --- words ------------------------------------------------------------------------------------

# Head nouns of initiatives and organisations, folded, with the kind they suggest.
_INITIATIVE_HEADS: Final = {
    "allianz": "alliance",
    "alliance": "alliance",
    "buendnis": "alliance",
    "koalition": "coalition",
    "coalition": "coalition",
    "forum": "forum",
    "plattform": "platform",
    "platform": "platform",
    "dialog": "dialogue",
    "dialogue": "dialogue",
    "zentrum": "centre",
    "centre": "centre",
    "center": "centre",
    "kampagne": "campaign",
    "campaign": "campaign",
    "principles": "principles",
    "prinzipien": "principles",
    "call": "principles",
    "charta": "principles",
    "charter": "principles",
    "programm": "programme",
    "programme": "programme",
    "program": "programme",
    "initiative": "other",
    "initiatives": "other",
    "partnership": "other",
    "partnerschaft": "other",
    "group": "other",
    "gruppe": "other",
    "pakt": "other",
    "pact": "other",
    "fonds": "other",
    "fund": "other",
    "facility": "other",
}
_ACTOR_HEADS: Final = {
    "ministerium": "government_body",
    "ministry": "government_body",
    "amt": "government_body",
    "behoerde": "government_body",
    "agentur": "government_body",
    "agency": "government_body",
    "kommission": "international_organisation",
    "commission": "international_organisation",
    "organisation": "international_organisation",
    "organization": "international_organisation",
    "rat": "international_organisation",
    "council": "international_organisation",
    "bank": "international_organisation",
    "stiftung": "ngo",
    "foundation": "ngo",
    "institut": "ngo",
    "institute": "ngo",
    "netzwerk": "network",
    "network": "network",
    "accelerator": "network",
}
_EVENT_HEADS: Final = frozenset(
    {"konferenz", "conference", "gipfel", "summit", "treffen", "tagung", "forum", "forums"}
)
_DEFINITE: Final = frozenset(
    {"die", "der", "den", "dem", "des", "diese", "dieser", "diesem", "diesen", "dieses"}
)
_CONNECTORS: Final = frozenset(
    {"of", "for", "on", "the", "and", "to", "against", "de", "la", "du", "des"}
)
# Lower-case words a long name may contain before its acronym in parentheses.
_NAME_LINKS: Final = frozenset(
    {
        "für",
        "und",
        "der",
        "des",
        "zur",
        "zum",
        "in",
        "im",
        "gegen",
        "of",
        "for",
        "the",
        "and",
        "on",
        "against",
        "to",
    }
)
# Lower-case parts of a name before a surname (al-Kadhimi, von der Leyen, de la Cruz).
_PARTICLE: Final = (
    r"(?:(?:von|van|de)\s(?:der|den|la|las|los)|al|el|bin|ibn|abu|van|von|de|da|di|du|dos|del"
    r"|le|la|ter|ten)[-\s]"
)
# A word of a name in any Latin script: Šimonytė, Çavuşoğlu, O'Brien, al-Kadhimi, Kyung-wha.
_NAME_WORD: Final = (
    rf"(?:{_PARTICLE})?[{UPPER}][\w'\u2019{COMBINING}]*(?:-[\w'\u2019{COMBINING}]+)*"
)
_PERSON_AFTER_TITLE: Final = re.compile(rf"\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")
_CAPITAL_WORD: Final = rf"[{UPPER}][\w!'\u2019&{COMBINING}]*(?:-[\w!'\u2019&{COMBINING}]+)*"
_RUN: Final = re.compile(
    rf"(?<![\w-]){_CAPITAL_WORD}"
    rf"(?:\s+(?:(?:of|for|on|the|and|to|against|de|la|du)\s+)*{_CAPITAL_WORD})*"
)
# A declined adjective in lower case (not an article: "und dem Forum" has none).
_ADJECTIVE: Final = r"(?!(?:d(?:er|ie|as|em|en|es)|eine[mnrs]?)\b)[a-zäöüß]+(?:e|en|er|es|em)"
_NOUN: Final = r"[A-ZÄÖÜ][\w]*(?:-[\w]+)*"
# The complement of a German head noun: "für den Multilateralismus", "für wirtschaftliche
# Zusammenarbeit und Entwicklung", "gegen Hunger".
_COMPLEMENT: Final = re.compile(
    rf"\s+(?:für|gegen|zur|zum)\s+(?:(?:den|die|das|dem|der|des)\s+)?"
    rf"(?:{_ADJECTIVE}\s+)?{_NOUN}"
    rf"(?:(?:,\s+|\s+und\s+)(?:{_ADJECTIVE}\s+)?{_NOUN})*"
)
_GENITIVE: Final = re.compile(rf"\s+(?:der|des)\s+(?:{_NOUN})")
# A numbered session or conference: "75. Generalversammlung", "28. Weltklimakonferenz".
_ORDINAL_EVENT: Final = re.compile(
    r"(?<![\w.])\d{1,3}\.\s+[A-ZÄÖÜ]\w*(?:versammlung|konferenz|gipfel|tagung|sitzung|forum)"
    r"(?:\s+(?:der|des)\s+Vereinten\s+Nationen)?(?![\w])"
)
_YEAR: Final = re.compile(r"\s+((?:19|20)\d\d)(?![\w])")
_ACRONYM_IN_PARENTHESES: Final = re.compile(r"\s\(([A-ZÄÖÜ][A-ZÄÖÜ0-9&-]{1,9}s?)\)")
_APPOSITION_OFFICE: Final = re.compile(
    r",\s+(?:[a-zäöüß]+\s+)?[A-ZÄÖÜ]\w*(?:leiter|leiterin|direktor|direktorin|sprecher|"
    r"sprecherin|beauftragter?|vorsitzender?|präsident|präsidentin|minister|ministerin|"
    r"gründer|gründerin|koordinator|koordinatorin|referent|referentin|chef|chefin|"
    r"sekretär|sekretärin|botschafter|botschafterin)\b"
)
# One word of a person's name: a capital, then small letters, inner capitals after an
# apostrophe or in "Mc" names (O'Brien, McDonald), a hyphenated second part (Kyung-wha).
_PERSON_WORD: Final = (
    rf"[{UPPER}](?:[{LOWER}{COMBINING}]+|['\u2019](?=[{UPPER}]))"
    rf"(?:['\u2019]?[{UPPER}][{LOWER}{COMBINING}]+)*(?:-[{UPPER}]?[{LOWER}{COMBINING}]+)?"
)
_PERSON_NAME: Final = re.compile(rf"(?<![\w-])({_PERSON_WORD}\s+(?:{_PARTICLE})?{_PERSON_WORD})")
_SENTENCE_BOUNDARY: Final = re.compile(rf"(?<=[.!?])\s+(?=[\"\u201e\u201c(]?[{UPPER}0-9])|\n+")
_ROMAN: Final = re.compile(r"^[IVXLC]+$")
# Endings of German nouns that are never a person's name (Stabilisierung, Gesundheit, …).
_NOUN_ENDINGS: Final = ("ung", "ungen", "heit", "keit", "schaft", "schaften", "ismus", "tät")
# The longest curated name has 12 words; a longer "name" is a run of something else.
_MAX_NAME_WORDS: Final = 20
# Priorities when candidates overlap: the more specific rule wins.
_PRIORITY: Final = {
    "acronym_definition": 9,
    "title_person": 8,
    "person_apposition": 7,
    "keyword_phrase": 6,
    "state": 5,
    "state_adjective": 5,
    "capitalised_run": 3,
    "inner_capital": 3,
    "acronym": 2,
}


@dataclass
class _Candidate:
    start: int
    end: int
    name: str
    entity_type: str
    kind: str
    rule: str
    country: str | None = None
    aliases: tuple[str, ...] = ()


def _head(word: str) -> str:
    """The folded last part of a (hyphenated) word, without a genitive s."""
    return fold(word.rsplit("-", 1)[-1])


# Ends of German compounds that make them head nouns of initiatives (Klimadialog,
# Aktionsprogramm, Klimafonds, Migrationspakt), also in the genitive.
_COMPOUND_HEADS: Final = (
    ("forum", "forum"),
    ("zentrum", "centre"),
    ("allianz", "alliance"),
    ("dialog", "dialogue"),
    ("programm", "programme"),
    ("plattform", "platform"),
    ("kampagne", "campaign"),
    ("koalition", "coalition"),
    ("initiative", "other"),
    ("partnerschaft", "other"),
    ("fonds", "other"),
    ("pakt", "other"),
)


def _head_kind(word: str) -> tuple[str, str] | None:
    """(entity type, kind) when the word's head (or its compound end) is a known head noun."""
    head = _head(word).rstrip("!")
    for candidate in (head, head[:-1] if head.endswith("s") else head):
        if candidate in _INITIATIVE_HEADS:
            return "initiative", _INITIATIVE_HEADS[candidate]
        if candidate in _ACTOR_HEADS:
            return "actor", _ACTOR_HEADS[candidate]
    for suffix, kind in _COMPOUND_HEADS:
        if head.endswith((suffix, suffix + "s", suffix + "es")):
            return "initiative", kind
    for suffix in ("ministerium", "ministeriums", "kommission", "agentur", "behoerde"):
        if head.endswith(suffix):
            return "actor", _ACTOR_HEADS[suffix.removesuffix("s")]
    return None


def _ordinary(word: str, ordinary_words: frozenset[str]) -> bool:
    """An everyday German word that no person is called."""
    lowered = word.lower()
    return (
        word in ordinary_words
        or lowered in MONTHS
        or lowered.endswith(_NOUN_ENDINGS)
        or _head_kind(word) is not None
    )


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence (or paragraph line) holding ``text[start:end]``."""
    starts, ends = _sentence_boundaries(text)
    begin = starts[bisect.bisect_right(starts, start) - 1]
    index = bisect.bisect_left(ends, end)
    return begin, ends[index] if index < len(ends) else len(text)


@lru_cache(maxsize=4)
def _sentence_boundaries(text: str) -> tuple[list[int], list[int]]:
    """Where sentences start and where the gaps after them start, found once per text."""
    starts, ends = [0], []
    for match in _SENTENCE_BOUNDARY.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    return starts, ends


@cache
def _state_catalogue() -> Catalogue:
    """Every member state by its German names and adjective, for the ``state`` rules."""
    return Catalogue(
        KnownEntity(
            "actor", state.code.lower(), "state", state.name, None, state.other_names, state.code
        )
        for state in states()
    )


# --- rules ------------------------------------------------------------------------------------


def _acronym_definitions(text: str) -> Iterable[_Candidate]:
    for match in _ACRONYM_IN_PARENTHESES.finditer(text):
        acronym = match.group(1)
        letters = [char for char in acronym.rstrip("s") if char.isalpha()]
        sentence_start, _ = sentence_around(text, match.start(), match.start())
        before = text[sentence_start : match.start()]
        words = list(re.finditer(r"[\w'\u2019-]+", before))[-12:]
        long_name = None
        first_letter = None  # the nearest start with the acronym's first letter
        for index in range(len(words) - 1, -1, -1):
            word = words[index].group()
            adjective = re.fullmatch(_ADJECTIVE, word) and fold(word) not in STOPWORDS
            if not (word[:1].isupper() or word in _NAME_LINKS or adjective):
                break  # a verb, an article or the like: the name cannot start before it
            if not word[:1].isupper() or word[0].lower() != letters[0].lower():
                continue
            span = before[words[index].start() :]
            first_letter = first_letter or (sentence_start + words[index].start(), match.start())
            if _is_subsequence("".join(letters).lower(), span.lower()):
                long_name = (sentence_start + words[index].start(), match.start())
                break  # the nearest start that spells the acronym
        # An English acronym of a German name (OECD, FAO) shares only its first letter.
        long_name = long_name or first_letter
        if long_name is None:
            yield _Candidate(
                match.start(1), match.end(1), acronym, "actor", "other", "acronym_definition"
            )
            continue
        start, end = long_name
        name = text[start:end]
        entity_type, kind = _classify(name)
        yield _Candidate(
            start, end, name, entity_type, kind, "acronym_definition", aliases=(acronym,)
        )


def _is_subsequence(letters: str, text: str) -> bool:
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def _classify(name: str) -> tuple[str, str]:
    """Entity type and kind of a name from its head nouns (last one wins), else an actor."""
    found: tuple[str, str] | None = None
    for word in re.findall(r"[\w!-]+", name):
        kind = _head_kind(word)
        if kind is not None:
            found = kind
    if _YEAR.search(" " + name.split()[-1]) and found and found[0] == "initiative":
        return "event", "event"
    return found or ("actor", "other")


# Roles that, like titles, stand right before a person's name ("Gastgeber Lula da Silva").
_ROLE_BEFORE_NAME: Final = re.compile(r"(?<![\w-])(Gastgeber(?:in)?)(?![\w])")


def _title_persons(text: str, ordinary_words: frozenset[str]) -> Iterable[_Candidate]:
    triggers = sorted(
        [*TITLE.finditer(text), *_ROLE_BEFORE_NAME.finditer(text)], key=lambda m: m.start()
    )
    for match in triggers:
        after = _PERSON_AFTER_TITLE.match(text, match.end())
        if after is None:
            continue
        words = list(re.finditer(_NAME_WORD, after.group(1)))
        kept = []
        for word in words:
            # "von Frankreich" or "von der SPD" after a name is no part of it; "al-Kadhimi" is.
            core = re.sub(rf"^{_PARTICLE}", "", word.group())
            if (
                _ordinary(core, ordinary_words)
                or looks_like_state(core)
                or (core != word.group() and _is_acronym_word(core))
            ):
                break
            kept.append(word)
        if not kept:
            continue
        start = after.start(1) + kept[0].start()
        end = after.start(1) + kept[-1].end()
        yield _Candidate(
            start,
            end,
            text[start:end],
            "actor",
            "person",
            "title_person",
            country=_country_before(text, match.start()),
        )


def looks_like_state(word: str) -> bool:
    """Whether a word is (the genitive of) a member state's German name."""
    return _state_catalogue().knows(word)


def _country_before(text: str, position: int) -> str | None:
    """The state whose adjective stands right before ``position`` ("kasachischen Präsidenten")."""
    before = text[max(0, position - 40) : position].split()
    if not before:
        return None
    state = states_by_adjective().get(fold(before[-1]))
    return state.code if state else None


def _appositions(text: str, ordinary_words: frozenset[str]) -> Iterable[_Candidate]:
    for match in _APPOSITION_OFFICE.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        person = None
        for found in _PERSON_NAME.finditer(before):
            if found.end() == len(before):
                person = found
        if person is None:
            continue
        words = person.group(1).split()
        if any(_ordinary(word, ordinary_words) for word in words):
            continue
        start = match.start() - len(before) + person.start(1)
        if starts_sentence(text, start) and words[0] in ordinary_words:
            continue
        yield _Candidate(
            start, match.start(), person.group(1), "actor", "person", "person_apposition"
        )


def _keyword_phrases(text: str, ordinary_words: frozenset[str]) -> Iterable[_Candidate]:
    for run in _RUN.finditer(text):
        words = list(re.finditer(r"[\w!'\u2019&-]+", run.group()))
        heads = [index for index, word in enumerate(words) if _head_kind(word.group())]
        if not heads:
            continue
        start = run.start()
        head_start = words[heads[0]].start()
        # Articles, connectors and ordinary words before the name are not part of it.
        while (
            len(words) > 1
            and words[0].start() < head_start
            and (
                fold(words[0].group()) in STOPWORDS
                or words[0].group() in ordinary_words
                or (
                    starts_sentence(text, start + words[0].start())
                    and looks_german(words[0].group(), ordinary_words)
                )
            )
        ):
            words.pop(0)
        if not words:
            continue
        first = words[0]
        begin = run.start() + first.start()
        end = run.end()
        capitalised = [w for w in words if w.group()[:1].isupper()]
        named = [
            w
            for w in capitalised
            if not looks_german(w.group(), ordinary_words) or _head_kind(w.group()) is None
        ]
        single = len(capitalised) == 1
        word = capitalised[0].group() if single else ""
        hyphen_named = (
            single and "-" in word and not looks_german(word.split("-")[0], ordinary_words)
        )
        complement = _COMPLEMENT.match(text, end)
        edition = _YEAR.match(text, end)
        if single and not hyphen_named and edition is not None and _head(word) in _EVENT_HEADS:
            yield _Candidate(
                begin,
                edition.end(),
                text[begin : edition.end()],
                "event",
                "event",
                "keyword_phrase",
            )
            continue  # "des Forums 2023": an edition
        if single and not hyphen_named and complement is None:
            continue  # a bare head noun ("das Forum", "Bundesministerium") is generic
        if single and not hyphen_named and not _definite_before(text, begin):
            continue  # "eine Initiative für mehr Klimaschutz", "als wichtige Plattform für …"
        if not single and not named:
            continue
        if single and starts_sentence(text, begin) and not hyphen_named and complement is None:
            continue
        if complement is not None and _head_kind(words[-1].group()):
            end = complement.end()
        else:
            genitive = _GENITIVE.match(text, end)
            if genitive is not None and (
                "-" in genitive.group() or _is_acronym_word(genitive.group().split()[-1])
            ):
                end = genitive.end()
        year = _YEAR.match(text, end)
        name = text[begin:end]
        entity_type, kind = _classify(name)
        if year is not None and entity_type == "initiative":
            end = year.end()
            name = text[begin:end]
            entity_type, kind = "event", "event"
        yield _Candidate(begin, end, name, entity_type, kind, "keyword_phrase")
    for match in _ORDINAL_EVENT.finditer(text):
        yield _Candidate(
            match.start(), match.end(), match.group(), "event", "event", "keyword_phrase"
        )
    for match in re.finditer(r"(?<![\w-])([A-ZÄÖÜ]{2,}-[A-ZÄÖÜ][\w]*)", text):
        compound = match.group(1)
        head = _head_kind(compound)
        if head is None or compound.endswith(("en", "ern")):
            continue  # plurals ("UN-Organisationen") are no names
        yield _Candidate(match.start(1), match.end(1), compound, head[0], head[1], "keyword_phrase")


def _is_acronym_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _definite_before(text: str, position: int) -> bool:
    """Whether a definite article or demonstrative (or a sentence start) precedes ``position``:
    "der Allianz für …" names one thing, "eine (neue) Allianz für …" does not."""
    if starts_sentence(text, position):
        return True
    before = text[max(0, position - 12) : position].split()
    return bool(before) and before[-1].lower() in _DEFINITE


def _states(text: str) -> Iterable[_Candidate]:
    for mention in _state_catalogue().link_mentions(text):
        if mention.method == "short_reference":
            continue
        code = mention.slug.upper()
        state = next(s for s in states() if s.code == code)
        rule = "state_adjective" if mention.method == "adjective" else "state"
        yield _Candidate(
            mention.start, mention.end, state.name, "actor", "state", rule, country=code
        )


@cache
def _ascii_capitals() -> dict[int, str]:
    """One character for one: capitals beyond ASCII (but not Ä, Ö, Ü) as their base letter,
    accents of a decomposed text as a small letter."""
    table: dict[int, str] = {}
    for capital in LATIN_CAPITALS:
        if capital in "ÄÖÜ":
            continue
        base = unicodedata.normalize("NFKD", capital.translate(LATIN_TRANSLITERATION))[:1]
        table[ord(capital)] = base if base.isascii() and base.isupper() else "X"
    for code in range(0x300, 0x370):
        table[code] = "x"
    return table


def _name_candidates(text: str, ordinary_words: frozenset[str]) -> Iterable[_Candidate]:
    # find_name_candidates knows capitals of German only: it reads a copy of the text with the
    # same offsets in which "Šimonytė" is "Simonytė"; the names come from the text itself.
    shadow = text if text.isascii() else text.translate(_ascii_capitals())
    for candidate in find_name_candidates(shadow, ordinary_words):
        name = text[candidate.start : candidate.end]
        if candidate.rule == "acronym":
            if _ROMAN.match(name.rstrip("s")):
                continue
            yield _Candidate(candidate.start, candidate.end, name, "actor", "other", "acronym")
        elif candidate.rule == "inner_capital":
            start = candidate.start
            # An acronym right before belongs to the name ("MAP YouthCan!").
            previous = re.search(r"(?<![\w-])([A-ZÄÖÜ]{2,})\s$", text[max(0, start - 12) : start])
            if previous is not None:
                start -= len(previous.group(0))
            yield _Candidate(
                start, candidate.end, text[start : candidate.end], "actor", "other", "inner_capital"
            )
        else:
            words = name.split()
            while words and fold(words[0]) in STOPWORDS:
                words.pop(0)  # "Eine Welt ohne Hunger" is a slogan, not a name
            if len(words) < 2 or all(looks_german(w, ordinary_words) for w in words):
                continue
            if any(w in ordinary_words for w in words):
                continue
            entity_type, kind = _classify(name)
            if (
                entity_type == "actor"
                and kind == "other"
                and all(w[:1].isupper() and not _is_acronym_word(w) for w in words)
                and len(words) <= 4
            ):
                kind = "person"
            yield _Candidate(
                candidate.start, candidate.end, name, entity_type, kind, "capitalised_run"
            )


# --- base forms -------------------------------------------------------------------------------

# Grammatical gender of German head nouns (and of English ones German texts decline), by the
# end of the folded word, so that compounds take the gender of their last part (Klimadialog).
_GENDERS: Final = {
    "allianz": "f",
    "koalition": "f",
    "plattform": "f",
    "kampagne": "f",
    "initiative": "f",
    "partnerschaft": "f",
    "gruppe": "f",
    "charta": "f",
    "organisation": "f",
    "kommission": "f",
    "bank": "f",
    "stiftung": "f",
    "agentur": "f",
    "behoerde": "f",
    "konferenz": "f",
    "tagung": "f",
    "versammlung": "f",
    "union": "f",
    "gemeinschaft": "f",
    "gesellschaft": "f",
    "vereinigung": "f",
    "akademie": "f",
    "universitaet": "f",
    "hochschule": "f",
    "kammer": "f",
    "dialog": "m",
    "pakt": "m",
    "fonds": "m",
    "rat": "m",
    "gipfel": "m",
    "prozess": "m",
    "dienst": "m",
    "verband": "m",
    "gerichtshof": "m",
    "fund": "m",
    "council": "m",
    "club": "m",
    "klub": "m",
    "forum": "n",
    "zentrum": "n",
    "programm": "n",
    "amt": "n",
    "ministerium": "n",
    "institut": "n",
    "netzwerk": "n",
    "buendnis": "n",
    "sekretariat": "n",
    "buero": "n",
    "komitee": "n",
    "werk": "n",
    "haus": "n",
    "parlament": "n",
    "network": "n",
}
# What a determiner (or a preposition merged with one) before a singular noun says: the genders
# it can go with and the ending of a weak adjective after it (der Globalen Koalition, des
# Globalen Forums, der Strategische Dialog, das Globale Forum).
_DETERMINER_CASES: Final = {
    "des": ({"m", "n"}, "en"),
    "dem": ({"m", "n"}, "en"),
    "diesem": ({"m", "n"}, "en"),
    "im": ({"m", "n"}, "en"),
    "am": ({"m", "n"}, "en"),
    "vom": ({"m", "n"}, "en"),
    "zum": ({"m", "n"}, "en"),
    "beim": ({"m", "n"}, "en"),
    "zur": ({"f"}, "en"),
    "den": ({"m"}, "en"),
    "diesen": ({"m"}, "en"),
    "die": ({"f"}, "e"),
    "diese": ({"f"}, "e"),
    "das": ({"n"}, "e"),
}
# "der" goes with a feminine noun in the genitive or dative and a masculine one in the nominative.
_DER_CASES: Final = {"f": "en", "m": "e"}
# The nominative an editor files a name under has no article: strong endings.
_STRONG_ENDINGS: Final = {"f": "e", "m": "er", "n": "es"}
# Stems that make a capitalised word before the head noun an adjective (Global-, Europäisch-,
# Vereint-, Gemeinsam-), and a few short adjectives without such an ending.
_ADJECTIVE_STEMS: Final = (
    "sch",
    "lich",
    "ig",
    "al",
    "ell",
    "iv",
    "är",
    "ar",
    "sam",
    "bar",
    "haft",
    "los",
    "t",
    "ös",
)
_SHORT_ADJECTIVES: Final = frozenset(
    {
        "neu",
        "groß",
        "gross",
        "hoh",
        "frei",
        "jung",
        "grün",
        "blau",
        "offen",
        "klein",
        "stark",
        "fair",
    }
)
_YEAR_OR_NUMBER: Final = re.compile(r"\d+\.?")


def _gender(word: str) -> str | None:
    """The gender of a head noun by its last part, if it is one of ``_GENDERS``."""
    folded = fold(word.rsplit("-", 1)[-1])
    found = [noun for noun in _GENDERS if folded.endswith(noun)]
    return _GENDERS[max(found, key=len)] if found else None


def _without_genitive_s(word: str) -> str | None:
    """The masculine or neuter head noun without its genitive -s or -es (Klimadialogs →
    Klimadialog, Forums → Forum, Paktes → Pakt), None when the word is no such genitive
    (Fonds, Prozess, Kasachstans)."""
    if _gender(word) is not None or not word.endswith("s"):
        return None
    for ending in ("s", "es"):
        stem = word.removesuffix(ending)
        if word.endswith(ending) and _gender(stem) in ("m", "n"):
            return stem
    return None


def _is_adjective(word: str, ending: str) -> bool:
    """Whether a capitalised word before a head noun is an adjective with ``ending``."""
    if not word.endswith(ending) or len(word) <= len(ending) + 2:
        return False
    stem = word[: -len(ending)].lower()
    return stem.endswith(_ADJECTIVE_STEMS) or stem in _SHORT_ADJECTIVES


def _determiner_before(text: str, start: int) -> str | None:
    """The article (or merged preposition) a name follows, past lower-case adjectives ("des
    neuen Berliner Klimadialogs"); None after punctuation or anything else."""
    before = re.split(r"[^\w\s-]", text[max(0, start - 60) : start])[-1]
    skipped = 0
    for word in reversed(before.split()):
        lowered = word.lower()
        if lowered in _DETERMINER_CASES or lowered == "der":
            return lowered
        if word.islower() and skipped < 2 and re.fullmatch(_ADJECTIVE, word):
            skipped += 1
            continue
        return None
    return None


def nominative(text: str, start: int, end: int) -> str:
    """The name at ``text[start:end]`` as an editor files it: in the nominative without an
    article. Only what the article before it proves is changed, for a head noun of known gender
    ("der Globalen Koalition gegen Daesh" → "Globale Koalition gegen Daesh", "des Berliner
    Klimadialogs" → "Berliner Klimadialog", "den Strategischen Dialog" → "Strategischer
    Dialog"); the complement after the head noun keeps its case. Otherwise the text's form."""
    name = text[start:end]
    determiner = _determiner_before(text, start)
    if determiner is None:
        return name
    parts = re.split(r"(\s+)", name)
    words = parts[::2]
    head = next((i - 1 for i, word in enumerate(words) if not word[:1].isupper()), len(words) - 1)
    while head > 0 and _YEAR_OR_NUMBER.fullmatch(words[head]):
        head -= 1
    if head < 0 or not words[head][:1].isupper():
        return name
    genitive = _without_genitive_s(words[head]) if determiner == "des" else None
    gender = _gender(genitive or words[head])
    if gender is None:
        return name
    if determiner == "der":
        weak = _DER_CASES.get(gender)
    else:
        genders, weak = _DETERMINER_CASES[determiner]
        weak = weak if gender in genders else None
    if weak is None or (determiner == "des" and genitive is None and not words[head].endswith("s")):
        return name  # the article and the noun disagree: keep what the text says
    changed = list(words)
    if genitive is not None:
        changed[head] = genitive
    for index in range(head):
        if _is_adjective(words[index], weak):
            changed[index] = words[index][: -len(weak)] + _STRONG_ENDINGS[gender]
    parts[::2] = changed
    return "".join(parts)


# --- entities ---------------------------------------------------------------------------------


def _excluded_spans(text: str, exclusions: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for excluded in exclusions:
        if not excluded:
            continue
        position = text.find(excluded)
        while position >= 0:
            spans.append((position, position + len(excluded)))
            position = text.find(excluded, position + 1)
    return spans


def suggest_entities(
    text: str,
    linked: Sequence[LinkedMention],
    exclusions: Iterable[str] = (),
    ordinary_words: frozenset[str] = frozenset(),
    catalogue: Catalogue | None = None,
) -> list[SuggestedEntity]:
    """New entities the text names, one per name, in order of first mention.

    ``linked`` are the mentions :meth:`Catalogue.link_mentions` found (their spans are not
    suggested again); ``exclusions`` are texts never to suggest (rejected suggestions, places,
    slogans); ``ordinary_words`` everyday German nouns that are no names; ``catalogue`` lets a
    suggestion be dropped when its name (or an inflection of it) is known.
    """
    exclusions = list(exclusions)
    excluded_names = {fold(excluded) for excluded in exclusions}
    excluded_spans = _excluded_spans(text, exclusions)
    covered = sorted((mention.start, mention.end) for mention in linked)
    candidates: list[_Candidate] = [
        *_acronym_definitions(text),
        *_title_persons(text, ordinary_words),
        *_appositions(text, ordinary_words),
        *_keyword_phrases(text, ordinary_words),
        *_states(text),
        *_name_candidates(text, ordinary_words),
    ]
    kept: list[_Candidate] = []
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        if candidate.end <= candidate.start or fold(candidate.name) in excluded_names:
            continue
        if len(name_key(candidate.name)) > _MAX_NAME_WORDS:
            continue  # no name, and linking the text against it would take quadratic time
        if any(a <= span[0] and span[1] <= b for a, b in excluded_spans):
            continue
        touching = _touching(covered, span)
        if any(_crosses(span, other) for other in touching):
            continue
        contains = touching
        if contains and candidate.rule not in ("keyword_phrase", "acronym_definition"):
            continue
        if contains and any(other == span for other in contains):
            continue
        if (
            catalogue is not None
            and candidate.rule != "state_adjective"
            and catalogue.knows(candidate.name)
        ):
            continue
        if (
            candidate.rule == "state_adjective"
            and catalogue is not None
            and catalogue.state(candidate.country or "")
        ):
            continue
        if candidate.kind not in ("person", "state") and candidate.name == text[slice(*span)]:
            base = nominative(text, *span)
            if fold(base) in excluded_names or (catalogue is not None and catalogue.knows(base)):
                continue
            candidate.name = base
        kept.append(candidate)
    kept.sort(key=lambda c: (-_PRIORITY[c.rule], -(c.end - c.start), c.start))
    chosen: list[_Candidate] = []
    taken = bytearray(len(text))
    for candidate in kept:
        if not any(taken[candidate.start : candidate.end]):
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return _merge(text, chosen, covered)


def _touching(covered: list[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    """The spans of ``covered`` (sorted, not overlapping: linked mentions) that overlap ``span``."""
    first = bisect.bisect_right(covered, (span[0], span[0]))
    while first > 0 and covered[first - 1][1] > span[0]:
        first -= 1
    found = []
    for other in covered[first:]:
        if other[0] >= span[1]:
            break
        if other[1] > span[0]:
            found.append(other)
    return found


def _crosses(span: tuple[int, int], other: tuple[int, int]) -> bool:
    """Overlapping ``other`` without containing it (inside it, or across its boundary)."""
    around = span[0] <= other[0] and other[1] <= span[1]
    return _overlap(span, other) and not around


def _overlap(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return span[0] < other[1] and other[0] < span[1]


def _merge(
    text: str, chosen: list[_Candidate], covered: list[tuple[int, int]]
) -> list[SuggestedEntity]:
    """One suggestion per name; every place the text names it, inflected or shortened."""
    groups: dict[tuple[str, ...], list[_Candidate]] = {}
    for candidate in chosen:
        key = name_key(candidate.name)
        for other_key, members in groups.items():
            if any(key == name_key(alias) for member in members for alias in member.aliases):
                key = other_key
                break
        groups.setdefault(key, []).append(candidate)
    # A name that begins a longer one of the same type is its short form ("Small Group" of
    # "Small Group der Anti-IS-Koalition"); it joins the longer name's places.
    for key in sorted(groups, key=len):
        longer = [
            other
            for other in groups
            if len(other) > len(key)
            and other[: len(key)] == key
            and groups[other][0].entity_type == groups[key][0].entity_type
            and groups[key][0].rule in ("keyword_phrase", "capitalised_run")
        ]
        if longer:
            groups[longer[0]].extend(groups.pop(key))
    entities = []
    for index, members in enumerate(groups.values()):
        first = members[0]
        aliases = tuple(dict.fromkeys(alias for member in members for alias in member.aliases))
        entities.append(
            KnownEntity(
                first.entity_type, f"suggestion-{index}", first.kind, first.name, None, aliases
            )
        )
    places: dict[str, set[tuple[int, int]]] = {}
    for index, members in enumerate(groups.values()):
        places[f"suggestion-{index}"] = {(m.start, m.end) for m in members}
    if entities:
        for mention in Catalogue(entities).link_mentions(text):
            span = (mention.start, mention.end)
            if not _touching(covered, span):
                places[mention.slug].add(span)
    suggestions = []
    for index, members in enumerate(groups.values()):
        first = members[0]
        spans = tuple(sorted(places[f"suggestion-{index}"]))
        evidence_start, evidence_end = sentence_around(text, first.start, first.end)
        suggestions.append(
            SuggestedEntity(
                name=first.name,
                entity_type=first.entity_type,
                kind=first.kind,
                start=first.start,
                end=first.end,
                spans=spans,
                evidence_start=evidence_start,
                evidence_end=evidence_end,
                evidence=text[evidence_start:evidence_end],
                rule=first.rule,
                country=next((m.country for m in members if m.country), None),
                aliases=tuple(dict.fromkeys(a for m in members for a in m.aliases)),
            )
        )
    return suggestions


# --- relations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Named:
    """A linked or suggested name in the text, as relation patterns see it."""

    start: int
    end: int
    name: str
    ref: str | None
    entity_type: str
    kind: str | None
    country: str | None

    def party(self) -> Party:
        return Party(self.name, self.start, self.end, self.ref)


_OPENING: Final = " \t\u201e\u201c\"'\u201a\u2018"
_HOST: Final = re.compile(r"(?<![\w-])(?:Gastgeber(?:in)?|auf Einladung(?: von| des| der)?)\s")
_MEMBER: Final = re.compile(
    r"\s(?:ist|sind|wurde|wurden|bleibt)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:Mitglied|Mitglieder|Mitgliedstaat|Mitgliedsstaat)"
    r"(?:\s+(?:der|des|im|in|in\s+der|in\s+dem|von))?\s"
)
_FOUNDED: Final = re.compile(
    r"\s(?:gründeten|gründete|haben\s+(?:\S+\s+){0,3}gegründet|hat\s+(?:\S+\s+){0,3}gegründet|"
    r"riefen\s+(?:\S+\s+){0,3}ins\s+Leben|rief\s+(?:\S+\s+){0,3}ins\s+Leben)"
)
_CHAIR: Final = re.compile(
    r"(?<![\w-])unter\s+(?:dem\s+)?(Ko-Vorsitz|Vorsitz)\s+(?:von\s+|des\s+|der\s+)?"
)
_CHAIR_HELD: Final = re.compile(
    r"(?<![\w-])(?:den|die|das)\s+(Ko-Vorsitz|Vorsitz)\s+(?:der|des|im)\s"
)
_ENGAGED: Final = re.compile(
    r"\s(?:engagier\w*|beteilig\w*)\s+sich\b|\snahm\w*\s(?=[^.]*\steil\b)|\snehmen\s(?=[^.]*\steil\b)"
)
_INITIATIVE_OR_EVENT: Final = frozenset({"initiative", "event"})


def _named_spans(
    linked: Sequence[LinkedMention],
    suggested: Sequence[SuggestedEntity],
    catalogue: Catalogue | None,
) -> _Names:
    found: list[_Named] = []
    for mention in linked:
        if not mention.is_name:
            continue
        entity = catalogue.entity(mention.ref) if catalogue else None
        found.append(
            _Named(
                mention.start,
                mention.end,
                entity.name if entity else mention.text,
                mention.ref,
                mention.entity_type,
                entity.kind if entity else None,
                entity.country if entity else None,
            )
        )
    for suggestion in suggested:
        for start, end in suggestion.spans:
            found.append(
                _Named(
                    start,
                    end,
                    suggestion.name,
                    None,
                    suggestion.entity_type,
                    suggestion.kind,
                    suggestion.country,
                )
            )
    return _Names(found)


class _Names(list[_Named]):
    """The names of a text in order of their start, looked up by where they start and end."""

    def __init__(self, names: Iterable[_Named]) -> None:
        super().__init__(sorted(names, key=lambda named: named.start))
        self.starts = [named.start for named in self]
        self.by_start: dict[int, _Named] = {}
        self.by_end: dict[int, _Named] = {}
        for named in self:
            self.by_start.setdefault(named.start, named)
            self.by_end.setdefault(named.end, named)

    def between(self, begin: int, finish: int) -> list[_Named]:
        """The names that lie within ``begin``..``finish``."""
        first = bisect.bisect_left(self.starts, begin)
        last = bisect.bisect_left(self.starts, finish)
        return [named for named in self[first:last] if named.end <= finish]


def _starting_at(named: _Names, text: str, position: int) -> _Named | None:
    """The name that begins at ``position``, after spaces and opening quotes."""
    while position < len(text) and text[position] in _OPENING:
        position += 1
    return named.by_start.get(position)


def _ending_at(named: _Names, text: str, position: int) -> _Named | None:
    """The name that ends at ``position``, before spaces and closing quotes."""
    while position > 0 and text[position - 1] in " \t\u201c\u201d\"'\u2018\u2019":
        position -= 1
    return named.by_end.get(position)


def _coordinated_before(named: _Names, text: str, position: int) -> list[_Named]:
    """ "X und Y", "X, Y und Z" ending at ``position``."""
    found: list[_Named] = []
    current = _ending_at(named, text, position)
    while current is not None:
        found.insert(0, current)
        window = max(0, current.start - 12)
        joint = re.search(r"(?:,\s*|\s+und\s+|\s+sowie\s+)$", text[window : current.start])
        if joint is None:
            break
        current = _ending_at(named, text, window + joint.start())
    return found


def _coordinated_after(named: _Names, text: str, position: int) -> list[_Named]:
    """ "X", "X und Y", "X, Y und Z" starting at ``position``."""
    found: list[_Named] = []
    current = _starting_at(named, text, position)
    while current is not None:
        found.append(current)
        joint = re.match(r",\s*|\s+und\s+|\s+sowie\s+", text[current.end :])
        if joint is None:
            break
        current = _starting_at(named, text, current.end + joint.end())
    return found


def _latest_in_paragraph(named: _Names, text: str, position: int) -> Party | None:
    """The initiative or event named last before ``position`` in its paragraph ("Der Club tagt
    unter dem Vorsitz von …" after "des Klimaclubs")."""
    paragraph = text.rfind("\n", 0, position) + 1
    before = _in_sentence(named, paragraph, position, _INITIATIVE_OR_EVENT)
    return before[-1].party() if before else None


def _in_sentence(named: _Names, begin: int, finish: int, types: frozenset[str]) -> list[_Named]:
    return [n for n in named.between(begin, finish) if n.entity_type in types]


def _state_party(
    code: str | None,
    named: _Names,
    catalogue: Catalogue | None,
) -> Party | None:
    """The state of a country code: named in the text, else known, else by its German name."""
    if not code:
        return None
    for candidate in named:
        if candidate.kind == "state" and candidate.country == code:
            return candidate.party()
    known = catalogue.state(code) if catalogue else None
    if known is not None:
        return Party(known.name, -1, -1, known.ref)
    state = next((s for s in states() if s.code == code), None)
    return Party(state.name, -1, -1, None) if state else None


def _same_person(name: str, other: str) -> bool:
    """Whether one name is the other or its surname ("Heiko Maas", "Maas")."""
    return name == other or name.endswith(" " + other) or other.endswith(" " + name)


_PRONOUN: Final = re.compile(r"(?<![\w-])(?:er|sie)(?![\w-])")


def _colleagues_office(
    text: str,
    position: int,
    named: _Names,
    offices: dict[str, str],
    paragraph_first: str | None,
    paragraph_last: str | None,
) -> str | None:
    """The office of the one a colleague at ``position`` ("seinen Amtskollegen …") belongs to:
    of the first person of the sentence whose office the text named ("Dabei traf Maas seinen
    Amtskollegen"), unless "er"/"sie" comes first; after "er"/"sie", of the person the
    paragraph is about (its first office); else the office named last in the paragraph."""
    begin, _ = sentence_around(text, position, position)
    for person in named.between(begin, position):
        office = next((o for name, o in offices.items() if _same_person(name, person.name)), None)
        if office is not None:
            if not _PRONOUN.search(text[begin : person.start]):
                return office
            break
    if _PRONOUN.search(text[begin:position]) and paragraph_first is not None:
        return paragraph_first
    return paragraph_last


def suggest_relations(
    text: str,
    linked: Sequence[LinkedMention],
    suggested: Sequence[SuggestedEntity],
    catalogue: Catalogue | None = None,
    publisher: str | None = None,
) -> list[SuggestedRelation]:
    """Affiliations and participations a sentence states in a simple pattern.

    ``affiliation`` (rule ``title``): "Außenminister X", "Präsident X", "des UN-Generalsekretärs
    X"; the organisation is the one named inside the title ("UN-"), else the state whose
    adjective stands right before it ("der niederländische Amtskollege X"; an adjective of
    another title in the sentence is not X's), else X's state from the directory or the
    suggestion, else the publisher's own state for the offices it names without saying whose
    ("Außenminister Maas" in a release of the Auswärtiges Amt: ``publisher``, or the site's
    line in ``text``), else None. A colleague ("seine Amtskollegin") holds the office of the
    person the sentence names first ("Dabei traf Maas …"), after "er"/"sie" that of the person
    the paragraph is about (its first office), else the office named last in the paragraph.

    ``participation``: ``host`` ("Gastgeber X", "auf Einladung Italiens"), ``member`` ("X ist
    Mitglied der Y", "X und Y sind Mitglieder der Y"), ``founder`` ("X und Y gründeten die Y"),
    ``chair`` / ``co_chair`` ("… unter dem Vorsitz von X", "X hat den Ko-Vorsitz der Y inne"),
    ``participant`` ("X und Y engagieren sich in der Y", "X nahm an Y teil"). The initiative or
    event is the one named in the same sentence, or None.
    """
    named = _named_spans(linked, suggested, catalogue)
    home_country, home_titles = HOME_OFFICES.get(
        fold(publisher or detect_publisher(text) or ""), (None, frozenset())
    )
    home_holders: dict[str, str] = {}
    adjectives_by_end = {m.end: m for m in linked if m.method == "adjective"}
    relations: list[SuggestedRelation] = []
    seen: set[tuple[str, str, str | None, str]] = set()

    def add(kind: str, subject: _Named, obj: Party | None, role: str, rule: str) -> None:
        # The same statement made twice is one suggestion (with its first evidence).
        key = (kind, subject.ref or subject.name, (obj.ref or obj.name) if obj else None, role)
        if key in seen:
            return
        seen.add(key)
        begin, finish = sentence_around(text, subject.start, subject.end)
        relations.append(
            SuggestedRelation(
                kind, subject.party(), obj, role, begin, finish, text[begin:finish], rule
            )
        )

    def target(begin: int, finish: int, after: int) -> Party | None:
        """The initiative or event of the sentence: the first after ``after``, else the last
        before it."""
        candidates = _in_sentence(named, begin, finish, _INITIATIVE_OR_EVENT)
        later = [n for n in candidates if n.start >= after]
        if later:
            return later[0].party()
        return candidates[-1].party() if candidates else None

    # A colleague ("seinen Amtskollegen Y") holds the office of the one whose colleague they
    # are: after "er"/"sie" the person the paragraph is about (its first office), after a
    # name that person's office, else the office named last before in the paragraph.
    previous_title: dict[int, str] = {}
    first_title: dict[int, str] = {}
    offices: dict[str, str] = {}  # person → office, as the text named them so far
    for match in TITLE.finditer(text):
        paragraph = text.rfind("\n", 0, match.start()) + 1
        subject = _starting_at(named, text, match.end())
        title = base_title(match.group(1))
        if title in COUNTERPART_TITLES:
            feminine = title.endswith("in")
            title = (
                _colleagues_office(
                    text,
                    match.start(),
                    named,
                    offices,
                    first_title.get(paragraph),
                    previous_title.get(paragraph),
                )
                or title
            )
            # The colleague's own form: "Amtskollegin" of an "Außenminister" is an
            # "Außenministerin", "Amtskollege" of an "Außenministerin" an "Außenminister".
            if feminine and not title.endswith("in"):
                title += "in"
            elif not feminine and title.endswith("in") and title[:-2] in TITLES:
                title = title[:-2]
        else:
            previous_title[paragraph] = title
            first_title.setdefault(paragraph, title)
            if subject is not None:
                offices.setdefault(subject.name, title)
        if (
            subject is None
            or subject.entity_type != "actor"
            or subject.kind
            not in (
                "person",
                None,
            )
        ):
            continue
        inside = _in_sentence(named, match.start(), match.end(), frozenset({"actor"}))
        obj: Party | None = inside[0].party() if inside else None
        before_title = match.start()
        while before_title > 0 and text[before_title - 1].isspace():
            before_title -= 1
        adjective = adjectives_by_end.get(before_title)
        if obj is None and adjective is not None:
            entity = catalogue.entity(adjective.ref) if catalogue else None
            name = entity.name if entity else adjective.text
            obj = Party(name, adjective.start, adjective.end, adjective.ref)
        if obj is None:
            obj = _state_party(_country_before(text, match.start()), named, catalogue)
        if obj is None and title not in COUNTERPART_TITLES:
            obj = _state_party(subject.country, named, catalogue)
        written = match.group(1)
        if obj is None and "-" not in written and base_title(written) in home_titles:
            # The publisher's own minister is one person: a second "Außenminister X" in the
            # same release is a guest whose state the text does not say.
            holder = home_holders.setdefault(base_title(written), subject.name)
            if _same_person(holder, subject.name):
                obj = _state_party(home_country, named, catalogue)
        add("affiliation", subject, obj, title, "title")

    for match in _HOST.finditer(text):
        subject = _starting_at(named, text, match.end())
        if subject is None or subject.entity_type != "actor":
            continue
        begin, finish = sentence_around(text, match.start(), match.end())
        obj = target(begin, finish, subject.end) or _latest_in_paragraph(named, text, match.start())
        add("participation", subject, obj, "host", "host")

    for match in _MEMBER.finditer(text):
        begin, finish = sentence_around(text, match.start(), match.end())
        obj_named = _starting_at(named, text, match.end())
        if obj_named is None or obj_named.entity_type == "event":
            continue  # "Mitglied in allen Arbeitssträngen" names nothing
        for subject in _coordinated_before(named, text, match.start()):
            if subject.entity_type == "actor":
                add("participation", subject, obj_named.party(), "member", "member")

    for match in _FOUNDED.finditer(text):
        begin, finish = sentence_around(text, match.start(), match.end())
        obj = target(begin, finish, match.end())
        for subject in _coordinated_before(named, text, match.start()):
            if subject.entity_type == "actor":
                add("participation", subject, obj, "founder", "founder")

    for match in _CHAIR.finditer(text):
        subjects = _coordinated_after(named, text, match.end())
        if not subjects:
            continue
        begin, finish = sentence_around(text, match.start(), match.end())
        role = "co_chair" if match.group(1) == "Ko-Vorsitz" else "chair"
        candidates = _in_sentence(named, begin, match.start(), _INITIATIVE_OR_EVENT)
        obj = candidates[-1].party() if candidates else target(begin, finish, subjects[-1].end)
        if obj is None:
            obj = _latest_in_paragraph(named, text, match.start())
        for subject in subjects:
            if subject.entity_type == "actor":
                add("participation", subject, obj, role, "chair")

    for match in _CHAIR_HELD.finditer(text):
        begin, finish = sentence_around(text, match.start(), match.end())
        obj_named = _starting_at(named, text, match.end())
        actors = _in_sentence(named, begin, match.start(), frozenset({"actor"}))
        if obj_named is None or not actors:
            continue
        role = "co_chair" if match.group(1) == "Ko-Vorsitz" else "chair"
        add("participation", actors[0], obj_named.party(), role, "chair")

    for match in _ENGAGED.finditer(text):
        begin, finish = sentence_around(text, match.start(), match.end())
        obj = target(begin, finish, match.end())
        if obj is None:
            continue
        # German puts the subject first ("Südkorea und Deutschland engagieren sich") or right
        # after the verb ("Im Irak engagiert sich Deutschland").
        subjects = _coordinated_before(named, text, match.start())
        if subjects and text[begin : subjects[0].start].strip(_OPENING):
            subjects = []
        if not subjects:
            after = re.match(r"\s*sich\s+", text[match.end() :])
            following = _starting_at(named, text, match.end() + (after.end() if after else 0))
            subjects = [following] if following else []
        for subject in subjects:
            if subject.entity_type == "actor":
                add("participation", subject, obj, "participant", "participant")
    relations.sort(key=lambda relation: relation.evidence_start)
    return relations
