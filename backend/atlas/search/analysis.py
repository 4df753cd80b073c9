"""German-aware text analysis, shared by indexing and querying on every database engine.

Both engines index the *terms* made here (SQLite's FTS5 with its plain `unicode61` tokenizer,
PostgreSQL's `simple` text search configuration), so that a query finds the same records on
both: one analyzer, in one place, instead of two engines' differing German dictionaries.

A term is a word folded and stemmed by the Snowball German stemmer: case goes, ß becomes ss,
umlauts and their spelled-out forms meet (Abrüstung, Abruestung → `abrust`), inflections meet
(Impfstoffe → `impfstoff`, kasachischen → `kasach`), and accents of other languages go
(António → `antoni`). Hyphenated compounds are split into their parts (Corona-Pandemie).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

# PyStemmer ships no type hints.
import Stemmer  # type: ignore[import-not-found]

_WORD: Final = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMER: Final = Stemmer.Stemmer("german")
# Words a query may leave out (articles, prepositions, conjunctions, German and English):
# several words mean all of them, and "Allianz für den Multilateralismus" should not require
# "den". Inside a quoted phrase they stay.
STOPWORDS: Final = frozenset(
    [
        "aber",
        "als",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "beim",
        "bis",
        "das",
        "dass",
        "de",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "für",
        "fuer",
        "gegen",
        "hat",
        "im",
        "in",
        "ist",
        "mit",
        "nach",
        "nicht",
        "noch",
        "oder",
        "ohne",
        "sich",
        "sie",
        "sind",
        "so",
        "über",
        "ueber",
        "um",
        "und",
        "uns",
        "unter",
        "vom",
        "von",
        "vor",
        "war",
        "wie",
        "wir",
        "zu",
        "zum",
        "zur",
        "a",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)
# Shorter terms match only as whole terms; longer ones also as the start of a longer term, so
# that a word finds the compounds it begins (Impfstoff → Impfstoffplattform).
MIN_PREFIX_LENGTH: Final = 4
# The shortest inner part of a long name word that is indexed on its own (see name_terms).
MIN_PART_LENGTH: Final = 5


@dataclass(frozen=True)
class Token:
    """A word of a text with its place (character offsets) and its term."""

    start: int
    end: int
    term: str


def fold(text: str) -> str:
    """Lower case without accents; ß → ss, and umlauts keep their German spelled-out form."""
    if text.isascii():  # most words: nothing to decompose
        return text.lower()
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65_536)
def term(word: str) -> str:
    """The index term of one word."""
    stem: str = _STEMMER.stemWord(fold(word))
    return stem


def tokens(text: str) -> list[Token]:
    """The words of a text with their offsets and terms (hyphens and punctuation separate)."""
    return [Token(m.start(), m.end(), term(m.group())) for m in _WORD.finditer(text)]


def terms(text: str) -> str:
    """A text as the space-separated terms both engines index."""
    return " ".join(term(word) for word in _WORD.findall(text))


def name_terms(text: str) -> str:
    """The terms of a name, followed by the terms of the inner parts of its long words, so that a
    part finds the compound name (reich → Frankreich, Österreich). Names are short; texts are not
    treated so."""
    parts: list[str] = []
    for word in _WORD.findall(text):
        folded = fold(word)
        parts.extend(term(folded[start:]) for start in range(1, len(folded) - MIN_PART_LENGTH + 1))
    return " ".join([terms(text), *parts]).strip()


# A text's skeleton: each accented letter (of either case) as its plain lower-case letter, ß as s,
# one character for one, so that offsets in the skeleton are offsets in the text.
_PLAIN_LETTERS: Final = tuple(
    (accented, plain)
    for plain, letters in {
        "a": "äàáâãåÄÀÁÂÃÅ",
        "o": "öòóôõøÖÒÓÔÕØ",
        "u": "üùúûÜÙÚÛ",
        "e": "éèêëÉÈÊË",
        "i": "íìîïÍÌÎÏ",
        "c": "çčÇČ",
        "n": "ñńÑŃ",
        "s": "ßšśŠŚ",
        "z": "žźŽŹ",
    }.items()
    for accented in letters
)


def skeleton(text: str) -> tuple[str, bool]:
    """A text in lower case with its accented letters plain (see `surface_pattern`), one
    character for one; and whether it is in lower case: a text whose lower case is longer (İ)
    keeps its case, to be searched ignoring case."""
    lowered = text.lower()
    lower_case = len(lowered) == len(text)
    subject = lowered if lower_case else text
    if not subject.isascii():
        # A replace per letter present: several times faster than str.translate on such text.
        for accented, plain in _PLAIN_LETTERS:
            if accented in subject:
                subject = subject.replace(accented, plain)
    return subject, lower_case


@lru_cache(maxsize=4096)
def surface_pattern(stem: str) -> str:
    """A regular expression matching, in a text's `skeleton`, the start of every word whose term
    may begin with `stem`: abrüstung and abruestung for `abrust`. It finds candidates quickly
    (mostly literal letters, which the regular expression engine looks for first); `term()` of
    the word decides."""
    parts = []
    i = 0
    while i < len(stem):
        letter = stem[i]
        if stem.startswith("ss", i):  # ss or ß
            parts.append("ss?")
            i += 2
        elif letter in "aou":  # ä, ae or a (the stemmer treats them alike)
            parts.append(f"{letter}e?")
            i += 2 if stem.startswith("e", i + 1) else 1
        else:
            parts.append(re.escape(letter))
            i += 1
    return "".join(parts)


def words(text: str) -> list[str]:
    """The words of a text, unchanged."""
    return _WORD.findall(text)


def trigrams(word: str) -> set[str]:
    """The trigrams of a folded word, padded as pg_trgm pads them (two spaces before, one after),
    for typo-tolerant matching of names."""
    padded = f"  {fold(word)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(left: str, right: str) -> float:
    """Trigram similarity of two words (shared trigrams over all trigrams), 0 to 1."""
    a, b = trigrams(left), trigrams(right)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)
