"""Linking: the known entities a German text names, found the way a reader would find them."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from atlas.ingest.link import Catalogue, KnownEntity, LinkedMention

FIXTURES = Path(__file__).parent / "fixtures"

GERMANY = KnownEntity("actor", "deutschland", "state", "Deutschland", "Germany", (), "DE")
KAZAKHSTAN = KnownEntity("actor", "kasachstan", "state", "Kasachstan", "Kazakhstan", (), "KZ")
SOUTH_KOREA = KnownEntity("actor", "suedkorea", "state", "Südkorea", "South Korea", (), "KR")
IRAQ = KnownEntity("actor", "irak", "state", "Irak", "Iraq", (), "IQ")
NETHERLANDS = KnownEntity("actor", "niederlande", "state", "Niederlande", "Netherlands", (), "NL")
MAAS = KnownEntity("actor", "heiko-maas", "person", "Heiko Maas", country="DE")
FOREIGN_OFFICE = KnownEntity(
    "actor", "auswaertiges-amt", "government_body", "Auswärtiges Amt", "Federal Foreign Office"
)
UN = KnownEntity(
    "actor", "vereinte-nationen", "international_organisation", "Vereinte Nationen", None, ("UN",)
)
ISLAMIC_STATE = KnownEntity(
    "actor", "islamischer-staat", "other", "Islamischer Staat", None, ("IS",)
)
ALLIANCE = KnownEntity(
    "initiative", "allianz-fuer-den-multilateralismus", "alliance",
    "Allianz für den Multilateralismus", "Alliance for Multilateralism",
)  # fmt: skip
COALITION = KnownEntity("initiative", "anti-is-koalition", "coalition", "Anti-IS-Koalition")
SMALL_GROUP = KnownEntity(
    "initiative",
    "small-group",
    "other",
    "Small Group der Anti-IS-Koalition",
    None,
    ("Small Group",),
)
UN_ASSEMBLY = KnownEntity(
    "actor", "un-generalversammlung", "international_organisation", "UN-Generalversammlung"
)

EVERYONE = [
    GERMANY, KAZAKHSTAN, SOUTH_KOREA, IRAQ, NETHERLANDS, MAAS, FOREIGN_OFFICE, UN,
    ISLAMIC_STATE, ALLIANCE, COALITION, SMALL_GROUP,
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(EVERYONE)


def found(mentions: list[LinkedMention]) -> list[tuple[str, str, str]]:
    return [(mention.text, mention.ref, mention.method) for mention in mentions]


def test_offsets_index_the_text_exactly(catalogue: Catalogue) -> None:
    text = "Heiko Maas reiste nach Kasachstan.\n\nDort traf Maas Vertreter Kasachstans."
    mentions = catalogue.link_mentions(text)
    assert mentions, "something is linked"
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kasachstans Bedeutung wächst.", ("Kasachstans", "actor:kasachstan", "inflection")),
        (
            "Ein Sprecher des Auswärtigen Amts sagte",
            ("Auswärtigen Amts", "actor:auswaertiges-amt", "inflection"),
        ),
        (
            "das Treffen der Allianz für den Multilateralismus",
            ("Allianz für den Multilateralismus", ALLIANCE.ref, "name"),
        ),
        ("im Auftrag der Vereinten Nationen", ("Vereinten Nationen", UN.ref, "inflection")),
        ("Die Beziehungen Südkoreas zu", ("Südkoreas", SOUTH_KOREA.ref, "inflection")),
    ],
)
def test_inflected_forms_link_to_their_entity(
    catalogue: Catalogue, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in found(catalogue.link_mentions(text))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Gespräche mit SÜDKOREA", "SÜDKOREA"),
        ("Gespräche mit Suedkorea", "Suedkorea"),
        ("das Auswaertige Amt", "Auswaertige Amt"),
        ("the Federal Foreign Office said", "Federal Foreign Office"),
    ],
)
def test_case_umlauts_and_english_names_fold(catalogue: Catalogue, text: str, surface: str) -> None:
    assert surface in [mention.text for mention in catalogue.link_mentions(text)]


def test_sharp_s_folds_to_ss() -> None:
    helmets = KnownEntity("actor", "weisshelme", "ngo", "Weißhelme")
    assert [m.text for m in Catalogue([helmets]).link_mentions("Die Weisshelme halfen.")] == [
        "Weisshelme"
    ]


YILDIRIM = "Binali Y\u0131ld\u0131r\u0131m"  # with the dotless i of Turkish


@pytest.mark.parametrize(
    ("name", "text", "written"),
    [
        ("Ingrida Šimonytė", "Premierministerin Ingrida Šimonytė sprach.", "Ingrida Šimonytė"),
        ("Ingrida Šimonytė", "Premierministerin Ingrida Simonyte sprach.", "Ingrida Simonyte"),
        ("Mevlüt Çavuşoğlu", "Dazu Mevlüt Cavusoglu aus Ankara.", "Mevlüt Cavusoglu"),
        (YILDIRIM, "Dazu Binali Yildirim und andere.", "Binali Yildirim"),
        ("Binali Yildirim", f"Dazu {YILDIRIM} und andere.", YILDIRIM),
        ("Ewa Łukasz", "Die Ministerin Ewa Lukasz sprach.", "Ewa Lukasz"),
        ("Lars Løkke Rasmussen", "Auch Lars Løkke Rasmussen kam.", "Lars Løkke Rasmussen"),
        ("Aleksandar Vučić", "Präsident Aleksandar Vučić sprach.", "Aleksandar Vučić"),
        ("İlham Əliyev", "Präsident İlham Əliyev sprach.", "İlham Əliyev"),
        ("Seán O'Brien", "Seán O\u2019Brien sprach.", "Seán O\u2019Brien"),
        # A text whose accents are separate characters (decomposed, NFD).
        (
            "Ingrida Šimonytė",
            "Mit Ingrida S\u030cimonyte\u0307 sprach er.",
            "Ingrida S\u030cimonyte\u0307",
        ),
    ],
)
def test_names_in_any_latin_script_link_whole_and_fold_alike(
    name: str, text: str, written: str
) -> None:
    person = KnownEntity("actor", "person", "person", name)
    mentions = Catalogue([person]).link_mentions(text)
    assert [(m.text, m.ref, m.method) for m in mentions] == [(written, person.ref, "name")]
    assert text[mentions[0].start : mentions[0].end] == written


def test_a_surname_with_letters_beyond_german_is_a_short_reference() -> None:
    person = KnownEntity("actor", "ingrida-simonyte", "person", "Ingrida Šimonytė")
    text = "Ingrida Šimonytė sprach. Danach sagte Šimonytė, sie sei zufrieden."
    mentions = Catalogue([person]).link_mentions(text)
    assert [(m.text, m.method) for m in mentions] == [
        ("Ingrida Šimonytė", "name"),
        ("Šimonytė", "short_reference"),
    ]


@pytest.mark.parametrize(
    ("text", "adjective", "ref"),
    [
        ("unter der Schirmherrschaft des kasachischen Präsidenten", "kasachischen", KAZAKHSTAN.ref),
        ("seine südkoreanische Amtskollegin", "südkoreanische", SOUTH_KOREA.ref),
        ("die neue irakische Regierung", "irakische", IRAQ.ref),
        ("mit seinem niederländischen Amtskollegen", "niederländischen", NETHERLANDS.ref),
        ("ein kasachisch geprägtes Forum", "kasachisch", KAZAKHSTAN.ref),
        ("die deutsch-irakischen Beziehungen", "irakischen", IRAQ.ref),
    ],
)
def test_adjectives_of_states_link_to_the_state(
    catalogue: Catalogue, text: str, adjective: str, ref: str
) -> None:
    mentions = [m for m in catalogue.link_mentions(text) if m.method == "adjective"]
    assert (adjective, ref) in [(m.text, m.ref) for m in mentions]
    assert all(not m.is_name and m.confidence < 0.9 for m in mentions)


def test_first_part_of_a_compound_adjective_links_too(catalogue: Catalogue) -> None:
    mentions = catalogue.link_mentions("die deutsch-irakischen Beziehungen")
    assert [(m.text, m.ref) for m in mentions] == [
        ("deutsch", GERMANY.ref),
        ("irakischen", IRAQ.ref),
    ]


def test_adjectives_of_hyphenated_state_names() -> None:
    saudi = KnownEntity("actor", "saudi-arabien", "state", "Saudi-Arabien", country="SA")
    mentions = Catalogue([saudi]).link_mentions("die saudi-arabische Delegation")
    assert [(m.text, m.method) for m in mentions] == [("saudi-arabische", "adjective")]


def test_capitalised_adjectives_inside_names_are_not_states(catalogue: Catalogue) -> None:
    assert catalogue.link_mentions("Die Deutschen und die Irakische Kulturstiftung") == []


def test_short_references_follow_a_full_mention(catalogue: Catalogue) -> None:
    text = (
        "Maas war nicht da. Heiko Maas eröffnete das Treffen der Allianz für den "
        "Multilateralismus. Die Allianz will mehr tun, sagte Maas. Der Anti-IS-Koalition "
        "gehören 80 Staaten an; die Koalition trifft sich jährlich."
    )
    mentions = catalogue.link_mentions(text)
    short = [(m.text, m.ref) for m in mentions if m.method == "short_reference"]
    assert short == [("Allianz", ALLIANCE.ref), ("Maas", MAAS.ref), ("Koalition", COALITION.ref)]
    assert mentions[0].text == "Heiko Maas", "no surname before the full name"
    assert all(m.confidence < 0.9 for m in mentions if m.method == "short_reference")


def test_a_head_noun_without_article_is_no_short_reference(catalogue: Catalogue) -> None:
    text = "Die Allianz für den Multilateralismus tagte. Allianz ist ein Wort."
    assert [m.method for m in catalogue.link_mentions(text)] == ["name"]


def test_surname_with_particle() -> None:
    kadhimi = KnownEntity("actor", "mustafa-al-kadhimi", "person", "Mustafa al-Kadhimi")
    text = "Mustafa al-Kadhimi sprach. Später sagte al-Kadhimi, Kadhimi sei zufrieden."
    mentions = Catalogue([kadhimi]).link_mentions(text)
    assert [(m.text, m.method) for m in mentions] == [
        ("Mustafa al-Kadhimi", "name"),
        ("al-Kadhimi", "short_reference"),
        ("Kadhimi", "short_reference"),
    ]


def test_longest_match_wins_and_matches_do_not_overlap(catalogue: Catalogue) -> None:
    text = "Die Small Group der Anti-IS-Koalition tagte; die Small Group tagt oft."
    mentions = catalogue.link_mentions(text)
    assert found(mentions)[0] == ("Small Group der Anti-IS-Koalition", SMALL_GROUP.ref, "name")
    assert ("Small Group", SMALL_GROUP.ref, "alias") in found(mentions)
    spans = [(m.start, m.end) for m in mentions]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_a_longer_known_name_beats_its_acronym_prefix() -> None:
    catalogue = Catalogue([UN, UN_ASSEMBLY])
    text = "Die UN-Generalversammlung und 152 UN-Mitgliedsstaaten"
    assert found(catalogue.link_mentions(text)) == [
        ("UN-Generalversammlung", UN_ASSEMBLY.ref, "name"),
        ("UN", UN.ref, "alias"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Verträge von Maastricht",
        "Der Deutschlandfunk berichtete",
        "Die UNESCO und die UNO",
        "Kasachstanreise",
        "This is what he said",
    ],
)
def test_no_match_inside_another_word_or_in_lower_case_acronyms(
    catalogue: Catalogue, text: str
) -> None:
    assert catalogue.link_mentions(text) == []


def test_acronyms_match_only_in_capitals(catalogue: Catalogue) -> None:
    text = "Der IS ist geschwächt; this is it."
    assert found(catalogue.link_mentions(text)) == [("IS", ISLAMIC_STATE.ref, "alias")]


def test_confidence_is_highest_for_exact_names(catalogue: Catalogue) -> None:
    text = "Kasachstan und Kasachstans kasachische Nachbarn"
    confidence = {m.method: m.confidence for m in catalogue.link_mentions(text)}
    assert confidence["name"] > confidence["inflection"] > confidence["adjective"]


def test_add_makes_an_entity_known_at_once() -> None:
    catalogue = Catalogue([GERMANY])
    text = "Außenministerin Kang Kyung-wha traf Deutschland."
    assert not catalogue.knows("Kang Kyung-wha")
    kang = KnownEntity("actor", "kang-kyung-wha", "person", "Kang Kyung-wha", country="KR")
    catalogue.add(kang)
    assert catalogue.knows("Kang Kyung-wha")
    assert catalogue.entity(kang.ref) == kang
    assert ("Kang Kyung-wha", kang.ref, "name") in found(catalogue.link_mentions(text))


def test_knows_inflected_names_and_not_others(catalogue: Catalogue) -> None:
    assert catalogue.knows("Kasachstans")
    assert catalogue.knows("des Auswärtigen Amtes") is False  # the article is not part of it
    assert catalogue.knows("Auswärtigen Amtes")
    assert not catalogue.knows("Usbekistan")
    assert catalogue.entity("actor:usbekistan") is None


def test_states_are_known_by_their_other_names() -> None:
    catalogue = Catalogue([SOUTH_KOREA])
    assert [m.text for m in catalogue.link_mentions("Die Republik Korea und Südkorea")] == [
        "Republik Korea",
        "Südkorea",
    ]


def test_ambiguous_names_prefer_the_exact_spelling() -> None:
    first = KnownEntity("actor", "staat-a", "other", "Staaten")
    second = KnownEntity("actor", "staat-b", "other", "Staat")
    catalogue = Catalogue([first, second])
    assert [m.ref for m in catalogue.link_mentions("Der Staat")] == ["actor:staat-b"]


def _fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def fixture_catalogue(data: dict[str, Any]) -> Catalogue:
    """The catalogue a fixture says is known before its text is linked."""
    return Catalogue(
        KnownEntity(
            entry["type"],
            entry["slug"],
            entry["kind"],
            entry["name"],
            entry.get("name_en"),
            tuple(entry.get("aliases", ())),
            entry.get("country"),
        )
        for entry in data["known"]
    )


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.yaml")))
def test_new_press_releases_link_as_expected(name: str) -> None:
    data = _fixture(name)
    mentions = fixture_catalogue(data).link_mentions(data["text"])
    got = found(mentions)
    for expected in data["mentions"]:
        assert (expected["text"], expected["ref"], expected["method"]) in got
    linked_texts = {mention.text for mention in mentions}
    for text in data.get("not_linked", []):
        assert text not in linked_texts


def test_full_stops_and_parentheses_only_where_the_name_has_them() -> None:
    centre = KnownEntity(
        "initiative", "un-zentrum", "centre", "Zentrum für Entwicklungsziele (SDGs) in Almaty"
    )
    session = KnownEntity("event", "session-75", "event", "75. Generalversammlung")
    catalogue = Catalogue([centre, session])
    text = "Das Zentrum für Entwicklungsziele (SDGs) in Almaty und die 75. Generalversammlung."
    assert [m.ref for m in catalogue.link_mentions(text)] == [centre.ref, session.ref]
    assert (
        catalogue.link_mentions(
            "Zentrum für Entwicklungsziele SDGs in Almaty, 75 Generalversammlung"
        )
        == []
    )
