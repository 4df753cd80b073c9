"""The words linking and suggesting rely on: the states of the world and the titles of people.

States come from ``states.tsv`` beside this module (the 193 member states of the United Nations
with German and English name, ISO code, German adjective stem and other German names). Titles
are the offices German press releases put in front of a name ("Außenministerin Baerbock",
"Premierminister al-Kadhimi"); the list was written from the style of the Auswärtiges Amt's
and the BMZ's releases, not from the seed texts alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from atlas.search.analysis import fold

STATES_FILE: Final = Path(__file__).with_name("states.tsv")

# Endings a German adjective takes after its stem (kasachisch → kasachische, kasachischen, …).
ADJECTIVE_ENDINGS: Final = ("e", "en", "er", "es", "em")


def _latin_letters(upper: bool) -> str:
    """The letters of the Latin script beyond ASCII (Latin-1, Extended-A/B, Extended Additional,
    and the schwa of Azerbaijani) in one case, for regular expression classes."""
    blocks = (range(0xC0, 0x250), range(0x1E00, 0x1F00), (0x259,))
    letters = (chr(code) for block in blocks for code in block)
    return "".join(c for c in letters if (c.isupper() if upper else c.islower()))


# Regular expression classes (without brackets) of capital and small letters of any Latin
# script, so that names such as "Šimonytė", "Çavuşoğlu", "Łukasz", "Øystein" or "İlham" come
# whole; COMBINING are the accents of a text written decomposed (S + U+030C for Š).
LATIN_CAPITALS: Final = _latin_letters(upper=True)
UPPER: Final = "A-Z" + LATIN_CAPITALS
LOWER: Final = "a-z" + _latin_letters(upper=False)
COMBINING: Final = "\u0300-\u036f"

# Letters Unicode does not decompose into a base letter and an accent, spelled as German
# (and English) texts transliterate them: Łukasz → Lukasz, Løkke → Lokke, Turkish dotless i → i.
LATIN_TRANSLITERATION: Final = str.maketrans(
    {
        "\u0131": "i",  # dotless i
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "Ħ": "H",
        "ŧ": "t",
        "Ŧ": "T",
        "ŋ": "n",
        "Ŋ": "N",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ə": "a",
        "Ə": "A",
        "ĸ": "k",
    }
)


@dataclass(frozen=True)
class State:
    """A member state of the United Nations as German texts name it."""

    code: str
    name: str
    name_en: str
    adjective: str
    other_names: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """German name, other German names and English name."""
        return (self.name, *self.other_names, self.name_en)

    def adjective_forms(self) -> tuple[str, ...]:
        """The folded forms of the adjective, bare and inflected (empty when it has none)."""
        if not self.adjective:
            return ()
        stem = fold(self.adjective)
        return (stem, *(stem + ending for ending in ADJECTIVE_ENDINGS))


@cache
def states() -> tuple[State, ...]:
    """Every state of ``states.tsv``, in file order."""
    found: list[State] = []
    for line in STATES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "code\t")):
            continue
        code, name, name_en, adjective, other = (line.split("\t") + [""] * 5)[:5]
        others = tuple(part.strip() for part in other.split("|") if part.strip())
        found.append(State(code, name, name_en, adjective.strip(), others))
    return tuple(found)


@cache
def states_by_code() -> dict[str, State]:
    """The states by ISO 3166-1 alpha-2 code."""
    return {state.code: state for state in states()}


@cache
def states_by_adjective() -> dict[str, State]:
    """The states by each folded, inflected form of their adjective (irakischen → Irak)."""
    return {form: state for state in states() for form in state.adjective_forms()}


# Offices that precede a person's name. Matched with an optional compound prefix
# ("UN-Generalsekretär", "Bundesaußenministerin") and inflection ("Präsidenten").
TITLES: Final = (
    "Außenminister",
    "Außenministerin",
    "Bundesaußenminister",
    "Bundesaußenministerin",
    "Bundeskanzler",
    "Bundeskanzlerin",
    "Bundespräsident",
    "Bundespräsidentin",
    "Bundesminister",
    "Bundesministerin",
    "Entwicklungsminister",
    "Entwicklungsministerin",
    "Minister",
    "Ministerin",
    "Ministerpräsident",
    "Ministerpräsidentin",
    "Premierminister",
    "Premierministerin",
    "Regierungschef",
    "Regierungschefin",
    "Präsident",
    "Präsidentin",
    "Vizepräsident",
    "Vizepräsidentin",
    "Staatspräsident",
    "Staatspräsidentin",
    "Kanzler",
    "Kanzlerin",
    "Staatsminister",
    "Staatsministerin",
    "Staatssekretär",
    "Staatssekretärin",
    "Generalsekretär",
    "Generalsekretärin",
    "Generaldirektor",
    "Generaldirektorin",
    "Direktor",
    "Direktorin",
    "Exekutivdirektor",
    "Exekutivdirektorin",
    "Botschafter",
    "Botschafterin",
    "Sondergesandter",
    "Sondergesandte",
    "Sonderbeauftragter",
    "Sonderbeauftragte",
    "Kommissar",
    "Kommissarin",
    "Kommissionspräsident",
    "Kommissionspräsidentin",
    "Vorsitzender",
    "Vorsitzende",
    "König",
    "Königin",
    "Emir",
    "Scheich",
    "Amtskollege",
    "Amtskollegin",
    "Referatsleiter",
    "Referatsleiterin",
    "Abteilungsleiter",
    "Abteilungsleiterin",
    "Sprecher",
    "Sprecherin",
)
# Titles that name no office of their own: the office is the one named last before in the paragraph
# ("Außenminister Maas … seine Amtskollegin Kang").
COUNTERPART_TITLES: Final = frozenset({"Amtskollege", "Amtskollegin"})


# Offices a publisher's own releases name without saying whose they are: in a release of the
# Auswärtiges Amt, "Außenminister Maas" is Germany's foreign minister. Keyed by the folded
# names of the publisher; the value is the country and the titles (nominative) it vouches for.
_FEDERAL_TITLES: Final = (
    "Bundeskanzler",
    "Bundeskanzlerin",
    "Bundespräsident",
    "Bundespräsidentin",
    "Bundesaußenminister",
    "Bundesaußenministerin",
)
_FOREIGN_OFFICE: Final = (
    "DE",
    frozenset({*_FEDERAL_TITLES, "Außenminister", "Außenministerin"}),
)
_DEVELOPMENT_MINISTRY: Final = (
    "DE",
    frozenset(
        {
            *_FEDERAL_TITLES,
            "Entwicklungsminister",
            "Entwicklungsministerin",
            "Bundesminister",
            "Bundesministerin",
        }
    ),
)
HOME_OFFICES: Final[dict[str, tuple[str, frozenset[str]]]] = {
    fold(name): offices
    for names, offices in (
        (("Auswärtiges Amt", "Federal Foreign Office"), _FOREIGN_OFFICE),
        (
            (
                "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung",
                "BMZ",
                "Federal Ministry for Economic Cooperation and Development",
            ),
            _DEVELOPMENT_MINISTRY,
        ),
    )
    for name in names
}


def _title_pattern() -> str:
    alternatives = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
    # An optional compound prefix (UN-, EU-, Bundes-), then the title and its inflection.
    return rf"(?:[A-ZÄÖÜ][\w]*-)?(?:{alternatives})(?:en|n|s|es)?"


TITLE: Final = re.compile(rf"(?<![\w-])({_title_pattern()})(?![\w])")


def base_title(word: str) -> str:
    """The nominative form of an inflected title, without a compound prefix:
    "UN-Generalsekretärs" → "Generalsekretär", "Präsidenten" → "Präsident"."""
    plain = word.rsplit("-", 1)[-1]
    for ending in ("", "en", "n", "s", "es"):
        candidate = plain[: len(plain) - len(ending)] if ending else plain
        if plain.endswith(ending) and candidate in TITLES:
            return candidate
    return plain
