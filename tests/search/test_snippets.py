"""Snippets mark every spelling of a query word: case, umlauts, ß, accents, inflection, compounds;
never a word that only contains it."""

from __future__ import annotations

import pytest

from atlas.search.service import parse_query, snippet


def marked(text: str, q: str) -> list[str]:
    found = snippet(text, parse_query(q))
    return [found.text[start:end] for start, end in found.highlights]


@pytest.mark.parametrize(
    ("q", "text", "expected"),
    [
        ("abruestung", "Fragen der Abrüstung und der ABRUESTUNG.", ["Abrüstung", "ABRUESTUNG"]),
        ("Abrüstung", "Die abruestung kommt.", ["abruestung"]),
        (
            "aussenminister",
            "Der Außenminister und die AUSSENMINISTERIN.",
            ["Außenminister", "AUSSENMINISTERIN"],
        ),
        ("Antonio", "António Guterres sprach.", ["António"]),
        ("Impfstoffe", "Impfstoffplattform für Impfstoff.", ["Impfstoffplattform", "Impfstoff"]),
        ("kasachisch", "Die kasachischen Partner.", ["kasachischen"]),
        ("Wasser", "Trinkwasser und Wasserressourcen.", ["Wasserressourcen"]),
        ("Straße", "Die STRASSE, die Strasse, die Straßen.", ["STRASSE", "Strasse", "Straßen"]),
        ("Istanbul", "İSTANBUL und Istanbul.", ["İSTANBUL", "Istanbul"]),
        ("Plan", "Planung im Arbeitsplan.", ["Planung"]),
    ],
)
def test_the_snippet_marks_each_spelling_of_the_words(
    q: str, text: str, expected: list[str]
) -> None:
    assert marked(text, q) == expected


def test_marks_keep_their_offsets_in_a_text_whose_lower_case_is_longer() -> None:
    text = "İzmir: Gespräche über Abrüstung in İSTANBUL."
    assert marked(text, "abrüstung") == ["Abrüstung"]
