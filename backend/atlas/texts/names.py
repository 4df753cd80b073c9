"""Find the name-like strings of a text: the places where an actor or initiative may be named.

Used to check that curated annotations are complete. German capitalises every noun, so
capitalisation alone does not mark a name; these rules pick what does:

* **acronyms** - two or more capital letters, optionally with a plural ``s`` (``BMZ``, ``EU``,
  ``COVAX``, ``SDGs``), also as part of a hyphenated compound (``UN`` in ``UN-Generalversammlung``);
* **inner capitals or digits** - a word part with a lower-case letter followed by a capital, or a
  letter touching a digit (``Partnerschaften2030``, ``YouthCan``); capitals after a hyphen are
  ordinary German compounding (``Multi-Akteurs-Partnerschaften``) and do not count;
* **runs of capitalised words** - two or more capitalised words in a row, optionally linked by
  English function words (``Berlin Principles on One Health``) or an Arabic article prefix
  (``al-Kadhimi``). In German prose two capitalised words rarely follow each other unless one
  is a name. A word that begins a sentence does not count. Words at either end of a run that look
  like ordinary German nouns or adjectives (see :func:`looks_german`) are trimmed off, so
  "Außenminister Heiko Maas" yields "Heiko Maas".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from atlas.texts.dates import MONTHS

Rule = Literal["acronym", "inner_capital", "capitalised_run"]

_ACRONYM: Final = re.compile(r"(?<![\w])[A-ZÄÖÜ]{2,}s?(?![\w])")
# A word: letters and digits, with inner hyphens, apostrophes (also U+2019) and a closing "!"
# (as in "YouthCan!").
_WORD: Final = re.compile(r"[\w][\w!'\u2019.-]*[\w!]|[\w]")
_INNER_CAPITAL: Final = re.compile(r"[a-zäöüß][A-ZÄÖÜ]|[^\W\d_]\d|\d[^\W\d_]")
_CAPITALISED: Final = re.compile(r"^(?:[A-ZÄÖÜ]|al-[A-Z])")
# English function words that may link the capitalised words of one name.
_CONNECTORS: Final = frozenset({"of", "for", "on", "the", "and", "to", "de", "la"})
# Endings of German nouns (Bildung, Gesundheit, Partnerschaft, Realität, Mission, Tourismus,
# Kollegin) and of inflected nouns and adjectives (Gemeinsamen, Minister, Kolleginnen). Plain -e
# and -s are left out on purpose: too many names and English words end in them.
_GERMAN_ENDINGS: Final = (
    "ung",
    "ungen",
    "heit",
    "keit",
    "schaft",
    "schaften",
    "tät",
    "ion",
    "ionen",
    "ismus",
    "erin",
    "innen",
    "en",
    "er",
    "ern",
    "in",
)
# Unhyphenated words this long are German compounds (Impfstoffplattform), hardly ever names.
_COMPOUND_LENGTH: Final = 14
# A word starts a sentence after a paragraph break or closing punctuation, perhaps behind an
# opening quote (German and English double and single quotes) or parenthesis.
_SENTENCE_BREAK: Final = re.compile(r"(?:^|[.!?:;]\s+|\n)[\"\u201e\u201c\u201a\u2018(]*$")


@dataclass(frozen=True)
class NameCandidate:
    """A name-like string found in a text, with its character offsets."""

    start: int
    end: int
    text: str
    rule: Rule


def looks_german(word: str, ordinary_words: frozenset[str] = frozenset()) -> bool:
    """Whether a capitalised word looks like an ordinary German noun or adjective.

    True for words with umlauts or ß, month names, long unhyphenated compounds, words with a
    typical German ending (judged on the last part of a hyphenated compound), and words in
    ``ordinary_words`` (a small list of everyday German nouns the endings cannot catch, such as
    "Land" or "Staat"). Names and English words mostly fail these tests.
    """
    last = word.split("-")[-1]
    if any(letter in word for letter in "äöüßÄÖÜ") or word in ordinary_words:
        return True
    if word.lower() in MONTHS or ("-" not in word and len(word) >= _COMPOUND_LENGTH):
        return True
    return len(last) > 3 and last.lower().endswith(_GERMAN_ENDINGS)


def _starts_sentence(text: str, position: int) -> bool:
    return bool(_SENTENCE_BREAK.search(text[max(0, position - 4) : position]))


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Maximal runs of capitalised words separated by single spaces (connectors allowed)."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []  # connectors seen since the last capitalised word
    previous_end = -1
    for match in _WORD.finditer(text):
        adjacent = previous_end >= 0 and text[previous_end : match.start()] == " "
        previous_end = match.end()
        word = match.group()
        if not adjacent and current:
            runs.append(current)
            current, pending = [], []
        if _CAPITALISED.match(word) and not (not current and _starts_sentence(text, match.start())):
            current.extend(pending)
            pending = []
            current.append(match)
        elif current and word in _CONNECTORS:
            pending.append(match)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return [run for run in runs if sum(bool(_CAPITALISED.match(m.group())) for m in run) >= 2]


def find_name_candidates(
    text: str, ordinary_words: frozenset[str] = frozenset()
) -> list[NameCandidate]:
    """All name-like strings of ``text`` by the rules in the module docstring, in text order.

    ``ordinary_words`` are everyday German words that :func:`looks_german` should also trim.
    """
    found: list[NameCandidate] = []
    for match in _ACRONYM.finditer(text):
        found.append(NameCandidate(match.start(), match.end(), match.group(), "acronym"))
    for match in _WORD.finditer(text):
        for part in re.finditer(r"[^-]+", match.group()):
            if _INNER_CAPITAL.search(part.group()) and not part.group().isdigit():
                start = match.start() + part.start()
                end = match.start() + part.end()
                found.append(NameCandidate(start, end, text[start:end], "inner_capital"))
    for run in _runs(text):
        words = [m for m in run if m.group() not in _CONNECTORS]
        while words and looks_german(words[0].group(), ordinary_words):
            words.pop(0)
        while words and looks_german(words[-1].group(), ordinary_words):
            words.pop()
        if words:
            start, end = words[0].start(), words[-1].end()
            found.append(NameCandidate(start, end, text[start:end], "capitalised_run"))
    found.sort(key=lambda candidate: (candidate.start, candidate.end))
    return found
