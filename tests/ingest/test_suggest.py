"""Suggestions: names a text uses for what the directory does not know, and stated relations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from atlas.ingest.link import Catalogue, KnownEntity
from atlas.ingest.suggest import (
    SuggestedEntity,
    SuggestedRelation,
    suggest_entities,
    suggest_relations,
)

FIXTURES = Path(__file__).parent / "fixtures"
LEXICON = Path(__file__).resolve().parents[2] / "seeds" / "lexicon" / "common-german-nouns.txt"
ORDINARY = frozenset(
    line.strip()
    for line in LEXICON.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

GERMANY = KnownEntity("actor", "deutschland", "state", "Deutschland", "Germany", (), "DE")
MAAS = KnownEntity("actor", "heiko-maas", "person", "Heiko Maas", country="DE")
ALLIANCE = KnownEntity(
    "initiative", "allianz-fuer-den-multilateralismus", "alliance",
    "Allianz für den Multilateralismus",
)  # fmt: skip
UN = KnownEntity(
    "actor", "vereinte-nationen", "international_organisation", "Vereinte Nationen", None, ("UN",)
)


def suggest(
    text: str, *known: KnownEntity, exclusions: tuple[str, ...] = ()
) -> list[SuggestedEntity]:
    catalogue = Catalogue([GERMANY, MAAS, ALLIANCE, UN, *known])
    linked = catalogue.link_mentions(text)
    return suggest_entities(text, linked, exclusions, ORDINARY, catalogue)


def relations(text: str, *known: KnownEntity) -> list[SuggestedRelation]:
    catalogue = Catalogue([GERMANY, MAAS, ALLIANCE, UN, *known])
    linked = catalogue.link_mentions(text)
    suggested = suggest_entities(text, linked, (), ORDINARY, catalogue)
    return suggest_relations(text, linked, suggested, catalogue)


def named(suggestions: list[SuggestedEntity]) -> dict[str, SuggestedEntity]:
    return {suggestion.name: suggestion for suggestion in suggestions}


def test_a_person_behind_a_title() -> None:
    text = "Dabei traf er Premierminister al-Kadhimi. Außenministerin Baerbock reiste ab."
    found = named(suggest(text))
    assert found["al-Kadhimi"].rule == "title_person"
    assert found["al-Kadhimi"].kind == "person"
    assert found["Baerbock"].entity_type == "actor"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dabei traf sie Premierministerin Ingrida Šimonytė in Vilnius.", "Ingrida Šimonytė"),
        ("Er sprach mit Außenminister Mevlüt Çavuşoğlu über Syrien.", "Mevlüt Çavuşoğlu"),
        ("Gastgeber war Präsident Aleksandar Vučić in Belgrad.", "Aleksandar Vučić"),
        ("Es sprach Ministerpräsident Lars Løkke Rasmussen.", "Lars Løkke Rasmussen"),
        ("Auch Präsident İlham Əliyev nahm teil.", "İlham Əliyev"),
        ("Es sprach Präsident Recep Tayyip Erdoğan lange.", "Recep Tayyip Erdoğan"),
        ("Sie traf Ministerin Ewa Łukasz in Warschau.", "Ewa Łukasz"),
        ("Dort sprach Botschafter Seán O'Brien zuerst.", "Seán O'Brien"),
        ("Es sprach Außenministerin Jasmin Şah\u0131n.", "Jasmin Şah\u0131n"),
        ("Er traf Präsident Kassym-Schomart Tokajew.", "Kassym-Schomart Tokajew"),
        ("Er traf Premierminister Mustafa al-Kadhimi.", "Mustafa al-Kadhimi"),
        ("Er traf Außenministerin Ana Brnabić García.", "Ana Brnabić García"),
        ("Es sprach Präsidentin Ursula von der Leyen.", "Ursula von der Leyen"),
        ("Er traf Botschafter Juan de la Cruz in Madrid.", "Juan de la Cruz"),
        ("Er traf Präsident Lula da Silva in Brasília.", "Lula da Silva"),
    ],
)
def test_names_in_any_latin_script_come_whole_after_a_title(text: str, name: str) -> None:
    suggestion = named(suggest(text))[name]
    assert (suggestion.rule, suggestion.kind) == ("title_person", "person")
    assert text[suggestion.start : suggestion.end] == name


def test_names_in_any_latin_script_come_whole_without_a_title() -> None:
    text = (
        "Zu Gast waren Ingrida Šimonytė und Łukasz Kowalski. "
        "Nach einer Einführung durch Seán O'Brien, Referatsleiter im Ministerium, begann es. "
        "Šimonytė sagte, man sei sich einig."
    )
    found = named(suggest(text))
    assert [text[a:b] for a, b in found["Ingrida Šimonytė"].spans] == [
        "Ingrida Šimonytė",
        "Šimonytė",
    ]
    assert "Łukasz Kowalski" in found
    assert found["Seán O'Brien"].rule == "person_apposition"


def test_a_state_after_a_title_and_a_particle_is_no_person() -> None:
    text = "Er traf den Außenminister von Frankreich in Paris."
    assert [s.name for s in suggest(text)] == ["Frankreich"]


def test_an_organisation_after_a_name_is_no_part_of_it() -> None:
    text = (
        "Es sprach Staatssekretärin Anna Schmidt von der SPD und Botschafter Ben Kohl von UNICEF."
    )
    assert {s.name for s in suggest(text) if s.kind == "person"} == {"Anna Schmidt", "Ben Kohl"}


def test_a_title_with_a_prefix_and_a_state_adjective_gives_the_country() -> None:
    text = (
        "Unter der Schirmherrschaft des kasachischen Präsidenten Kassym-Schomart Tokajew "
        "sprach auch der UN-Generalsekretärs-Stellvertreter nicht."
    )
    person = named(suggest(text))["Kassym-Schomart Tokajew"]
    assert (person.rule, person.country) == ("title_person", "KZ")


def test_a_person_followed_by_an_office() -> None:
    text = "Nach einer Einführung durch Daniel Haas, Referatsleiter im Ministerium, begann es."
    assert named(suggest(text))["Daniel Haas"].rule == "person_apposition"


def test_an_acronym_in_parentheses_names_the_phrase_before_it() -> None:
    text = "Sie sprachen über die Global Coalition against Daesh (GCAD) und ihre Arbeit."
    suggestion = named(suggest(text))["Global Coalition against Daesh"]
    assert suggestion.rule == "acronym_definition"
    assert suggestion.aliases == ("GCAD",)
    assert (suggestion.entity_type, suggestion.kind) == ("initiative", "coalition")


def test_an_acronym_definition_starts_at_the_nearest_word_that_spells_it() -> None:
    text = "Es sprachen die Bundesregierung und die Bundesagentur für Arbeit (BA) miteinander."
    assert "Bundesagentur für Arbeit" in named(suggest(text))


def test_the_acronym_later_in_the_text_is_a_place_of_the_same_suggestion() -> None:
    text = (
        "Das Bundesministerium für Bildung und Forschung (BMBF) fördert das Projekt. "
        "Das BMBF stellt dafür Mittel bereit."
    )
    found = suggest(text)
    assert len(found) == 1
    assert found[0].name == "Bundesministerium für Bildung und Forschung"
    assert found[0].kind == "government_body"
    assert [text[a:b] for a, b in found[0].spans] == [
        "Bundesministerium für Bildung und Forschung",
        "BMBF",
        "BMBF",
    ]


@pytest.mark.parametrize(
    ("text", "name", "entity_type", "kind"),
    [
        (
            "Deutschland unterstützt die Stockholm-Initiative seit Jahren.",
            "Stockholm-Initiative",
            "initiative",
            "other",
        ),
        (
            "Auch die International Solar Alliance stellte sich vor.",
            "International Solar Alliance",
            "initiative",
            "alliance",
        ),
        (
            "Sie ist Mitglied der Global Water Partnership und anderer Netzwerke.",
            "Global Water Partnership",
            "initiative",
            "other",
        ),
        (
            "Im Mittelpunkt stand das Astana International Forum 2025 im Mai.",
            "Astana International Forum 2025",
            "event",
            "event",
        ),
        (
            "Sie sprach vor der Allianz für Ernährungssicherheit in Rom.",
            "Allianz für Ernährungssicherheit",
            "initiative",
            "alliance",
        ),
        (
            "Das Gespräch im UN-Regionalzentrum war kurz.",
            "UN-Regionalzentrum",
            "initiative",
            "centre",
        ),
        (
            "Die Europäische Kommission begrüßte das.",
            "Europäische Kommission",
            "actor",
            "international_organisation",
        ),
        (
            "Zur Eröffnung der 75. Generalversammlung sprach er.",
            "75. Generalversammlung",
            "event",
            "event",
        ),
    ],
)
def test_phrases_with_a_head_noun(text: str, name: str, entity_type: str, kind: str) -> None:
    suggestion = named(suggest(text))[name]
    assert (suggestion.entity_type, suggestion.kind) == (entity_type, kind)


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        (
            "Deutschland ist Mitglied der Globalen Koalition gegen Daesh.",
            "Globale Koalition gegen Daesh",
            "Globalen Koalition gegen Daesh",
        ),
        (
            "Er eröffnete die Sitzung des Berliner Klimadialogs in Berlin.",
            "Berliner Klimadialog",
            "Berliner Klimadialogs",
        ),
        (
            "Ziel des Globalen Forums für Migration und Entwicklung ist der Austausch.",
            "Globales Forum für Migration und Entwicklung",
            "Globalen Forums für Migration und Entwicklung",
        ),
        (
            "Sie sprach auf dem Globalen Forum für Migration und Entwicklung.",
            "Globales Forum für Migration und Entwicklung",
            "Globalen Forum für Migration und Entwicklung",
        ),
        (
            "Deutschland zahlt in den Grünen Klimafonds ein.",
            "Grüner Klimafonds",
            "Grünen Klimafonds",
        ),
        (
            "Er lobte die Arbeit des neuen Petersberger Klimadialogs.",
            "Petersberger Klimadialog",
            "Petersberger Klimadialogs",
        ),
        (
            "Ein Sprecher des Bundesministeriums für Bildung und Forschung (BMBF) sagte das.",
            "Bundesministerium für Bildung und Forschung",
            "Bundesministeriums für Bildung und Forschung",
        ),
        (
            "Die Vertreter des UN-Regionalzentrums kamen.",
            "UN-Regionalzentrum",
            "UN-Regionalzentrums",
        ),
        (
            "Auch die Teilnehmer des Astana International Forums 2025 kamen.",
            "Astana International Forum 2025",
            "Astana International Forums 2025",
        ),
        (
            "Gemeinsam mit der Internationalen Energieagentur (IEA) in Paris.",
            "Internationale Energieagentur",
            "Internationalen Energieagentur",
        ),
        (
            "Er dankte dem Zentralasiatischen Forum.",
            "Zentralasiatisches Forum",
            "Zentralasiatischen Forum",
        ),
        ("Er lobte den Strategischen Dialog.", "Strategischer Dialog", "Strategischen Dialog"),
        (
            "Wir stärken den Globalen Migrationspakt.",
            "Globaler Migrationspakt",
            "Globalen Migrationspakt",
        ),
        ("Die Sitzung des Globalen Fonds war kurz.", "Globaler Fonds", "Globalen Fonds"),
        (
            "Vertreter des Internationalen Währungsfonds kamen.",
            "Internationaler Währungsfonds",
            "Internationalen Währungsfonds",
        ),
        (
            "Ein Stipendium des Deutschen Akademischen Austauschdienstes (DAAD) half.",
            "Deutscher Akademischer Austauschdienst",
            "Deutschen Akademischen Austauschdienstes",
        ),
        (
            "Helfer des Technischen Hilfswerks (THW) waren vor Ort.",
            "Technisches Hilfswerk",
            "Technischen Hilfswerks",
        ),
        (
            "Er besuchte die Räume des Deutschen Instituts für Entwicklungspolitik (DIE) in Bonn.",
            "Deutsches Institut für Entwicklungspolitik",
            "Deutschen Instituts für Entwicklungspolitik",
        ),
    ],
)
def test_suggested_names_are_in_the_nominative_and_spans_point_at_the_text(
    text: str, name: str, written: str
) -> None:
    suggestion = named(suggest(text))[name]
    assert suggestion.spans[0] == (suggestion.start, suggestion.end)
    assert text[suggestion.start : suggestion.end] == written
    assert written in suggestion.evidence


def test_every_inflected_place_of_a_name_is_a_span_of_its_nominative() -> None:
    text = (
        "Die Sitzung des Berliner Klimadialogs begann. Der Berliner Klimadialog tagt jährlich, "
        "und dem Berliner Klimadialog gehören viele an."
    )
    found = suggest(text)
    assert [s.name for s in found] == ["Berliner Klimadialog"]
    assert [text[a:b] for a, b in found[0].spans] == [
        "Berliner Klimadialogs",
        "Berliner Klimadialog",
        "Berliner Klimadialog",
    ]


@pytest.mark.parametrize(
    "excluded", ["Globalen Koalition gegen Daesh", "Globale Koalition gegen Daesh"]
)
def test_a_rejected_name_is_excluded_in_the_text_form_and_the_nominative(excluded: str) -> None:
    text = "Deutschland ist Mitglied der Globalen Koalition gegen Daesh."
    assert suggest(text, exclusions=(excluded,)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Names that end in s or are already nominative stay as written.
        ("Die Sitzung des Japan-Deutschland-Prozess-Forums", "Japan-Deutschland-Prozess-Forum"),
        ("Die Globale Koalition gegen Daesh tagte.", "Globale Koalition gegen Daesh"),
        ("Sie ist Mitglied der Global Water Partnership.", "Global Water Partnership"),
        ("Er sprach vor der Allianz für Ernährungssicherheit.", "Allianz für Ernährungssicherheit"),
        # Plural or unknown head nouns: unsure, so the text's form.
        ("Vertreter der Vereinten Arabischen Emirate kamen.", None),
        # The complement keeps its own case.
        (
            "Das Treffen des Globalen Forums für nachhaltige Entwicklung war kurz.",
            "Globales Forum für nachhaltige Entwicklung",
        ),
    ],
)
def test_base_forms_change_only_what_the_article_proves(text: str, name: str | None) -> None:
    names = [s.name for s in suggest(text) if s.kind not in ("state", "person")]
    if name is not None:
        assert name in names
    assert not any(n.endswith(("Forums", "Emirat", "Nation")) for n in names)


@pytest.mark.parametrize(
    "text",
    [
        "Das Forum tagte in Berlin.",
        "Eine Initiative für mehr Klimaschutz wurde vorgestellt.",
        "Sie dient als wichtige Plattform für die Koordinierung.",
        "Die Koalition trifft sich regelmäßig auf allen Ebenen.",
        "Zahlreiche UN-Organisationen und Multi-Akteurs-Partnerschaften sind beteiligt.",
        "Das Ministerium teilte mit, dass die Gespräche andauern.",
        "Gerade in Zeiten der Krise bedarf es mehr Zusammenarbeit.",
    ],
)
def test_generic_nouns_and_sentence_starts_are_not_suggested(text: str) -> None:
    assert suggest(text) == []


def test_states_by_name_and_adjective() -> None:
    text = "Die neue irakische Regierung lud Syrien ein. Irak und Syrien sprachen."
    found = named(suggest(text))
    assert (found["Irak"].rule, found["Irak"].country) == ("state_adjective", "IQ")
    assert len(found["Irak"].spans) == 2, "the adjective and the name"
    assert (found["Syrien"].rule, found["Syrien"].kind) == ("state", "state")


def test_name_like_strings_without_a_head_noun() -> None:
    text = "Dazu äußerten sich Vertreter der gemeinnützigen Beratungsfirma FSG und MAP YouthCan!"
    found = named(suggest(text))
    assert found["FSG"].rule == "acronym"
    assert found["MAP YouthCan!"].rule in ("inner_capital", "capitalised_run")


def test_known_names_links_and_exclusions_are_not_suggested() -> None:
    text = "Heiko Maas sprach in New York vor den Vereinten Nationen über COVID und die Allianz."
    assert suggest(text, exclusions=("New York", "COVID")) == []


def test_a_run_of_many_words_is_no_name() -> None:
    # Linking the text against such a "name" would take time quadratic in its length.
    text = "Es sprach Präsident " + "Abc-" * 3000 + "Xyz."
    assert [s for s in suggest(text) if s.kind == "person"] == []


def test_evidence_is_the_sentence() -> None:
    text = "Erster Satz. Premierminister al-Kadhimi sprach lange. Dritter Satz."
    suggestion = suggest(text)[0]
    assert suggestion.evidence == "Premierminister al-Kadhimi sprach lange."
    assert text[suggestion.evidence_start : suggestion.evidence_end] == suggestion.evidence
    assert text[suggestion.start : suggestion.end] == "al-Kadhimi"


def test_every_place_a_person_is_named_is_a_span() -> None:
    text = "Präsident Cyril Ramaphosa kam. Ramaphosa sprach, Cyril Ramaphosa ging."
    suggestion = named(suggest(text))["Cyril Ramaphosa"]
    assert [text[a:b] for a, b in suggestion.spans] == [
        "Cyril Ramaphosa",
        "Ramaphosa",
        "Cyril Ramaphosa",
    ]


# --- relations --------------------------------------------------------------------------------


def described(found: list[SuggestedRelation]) -> set[tuple[str, str, str, str | None]]:
    return {(r.kind, r.role, r.subject.name, r.object.name if r.object else None) for r in found}


def test_a_title_makes_an_affiliation_with_the_persons_state() -> None:
    found = relations("Außenminister Heiko Maas empfing Gäste.")
    assert described(found) == {("affiliation", "Außenminister", "Heiko Maas", "Deutschland")}
    relation = found[0]
    assert relation.subject.ref == MAAS.ref
    assert relation.object is not None and relation.object.ref == GERMANY.ref
    assert relation.object.start == -1, "the state is not named in the text"
    assert relation.rule == "title"


def test_a_colleague_holds_the_title_named_before_and_the_adjective_gives_the_state() -> None:
    text = "Außenminister Heiko Maas traf seine südkoreanische Amtskollegin Kang Kyung-wha."
    korea = KnownEntity("actor", "suedkorea", "state", "Südkorea", None, (), "KR")
    found = described(relations(text, korea))
    assert ("affiliation", "Außenministerin", "Kang Kyung-wha", "Südkorea") in found


IRAQ = KnownEntity("actor", "irak", "state", "Irak", "Iraq", (), "IQ")
FRANCE = KnownEntity("actor", "frankreich", "state", "Frankreich", "France", (), "FR")
MAAS_SENTENCE = (
    "Außenminister Heiko Maas traf in Bagdad den irakischen Premierminister Mustafa al-Kadhimi."
)


def affiliations(
    text: str, *known: KnownEntity, publisher: str | None = None
) -> set[tuple[str, str, str | None]]:
    """(title, person, organisation) of every affiliation, with a catalogue that does not know
    Heiko Maas (unlike ``relations``)."""
    catalogue = Catalogue([GERMANY, IRAQ, FRANCE, UN, *known])
    linked = catalogue.link_mentions(text)
    suggested = suggest_entities(text, linked, (), ORDINARY, catalogue)
    found = suggest_relations(text, linked, suggested, catalogue, publisher)
    return {
        (r.role, r.subject.name, r.object.name if r.object else None)
        for r in found
        if r.kind == "affiliation"
    }


@pytest.mark.parametrize(
    "text",
    [
        MAAS_SENTENCE,
        "Außenminister Heiko Maas hat heute den irakischen Premierminister in Berlin empfangen.",
        "Außenminister Heiko Maas und der irakische Premierminister Mustafa al-Kadhimi sprachen.",
        "Außenminister Heiko Maas sprach mit dem irakischen Außenminister Fuad Hussein.",
        "Außenminister Heiko Maas traf seinen irakischen Amtskollegen Fuad Hussein.",
    ],
)
def test_a_state_adjective_of_a_later_title_is_not_the_first_persons(text: str) -> None:
    found = affiliations(text)
    assert ("Außenminister", "Heiko Maas", None) in found
    assert not any(person == "Heiko Maas" and state == "Irak" for _, person, state in found)
    others = {(person, state) for _, person, state in found if person != "Heiko Maas"}
    assert others <= {("Mustafa al-Kadhimi", "Irak"), ("Fuad Hussein", "Irak")}


def test_the_adjective_before_the_title_gives_the_state() -> None:
    text = "Der deutsche Außenminister Heiko Maas traf den irakischen Premierminister al-Kadhimi."
    assert affiliations(text) == {
        ("Außenminister", "Heiko Maas", "Deutschland"),
        ("Premierminister", "al-Kadhimi", "Irak"),
    }


def test_the_directory_gives_a_known_persons_state() -> None:
    assert ("Außenminister", "Heiko Maas", "Deutschland") in affiliations(MAAS_SENTENCE, MAAS)


@pytest.mark.parametrize("publisher", ["Auswärtiges Amt", "Federal Foreign Office"])
def test_the_foreign_offices_own_minister_is_germanys(publisher: str) -> None:
    assert affiliations(MAAS_SENTENCE, publisher=publisher) == {
        ("Außenminister", "Heiko Maas", "Deutschland"),
        ("Premierminister", "Mustafa al-Kadhimi", "Irak"),
    }


def test_the_publisher_is_read_from_the_sites_line() -> None:
    text = f"Willkommen auf den Seiten des Auswärtigen Amts\n\n{MAAS_SENTENCE}"
    assert ("Außenminister", "Heiko Maas", "Deutschland") in affiliations(text)


def test_the_publisher_vouches_only_for_its_own_offices_and_minister() -> None:
    text = (
        "Außenminister Heiko Maas traf Außenminister Jean-Yves Le Drian und Präsident Barham "
        "Salih. Der französische Außenminister Le Drian und Außenminister Maas sprachen lange. "
        "Dann traf Maas seinen Amtskollegen Fuad Hussein."
    )
    found = affiliations(text, publisher="Auswärtiges Amt")
    assert ("Außenminister", "Heiko Maas", "Deutschland") in found
    assert ("Außenminister", "Maas", "Deutschland") in found
    assert ("Außenminister", "Jean-Yves Le Drian", None) in found
    assert ("Außenminister", "Le Drian", "Frankreich") in found
    assert ("Präsident", "Barham Salih", None) in found
    assert ("Außenminister", "Fuad Hussein", None) in found


def test_a_development_ministry_vouches_for_its_minister() -> None:
    text = "Entwicklungsministerin Svenja Schulze besuchte die kenianische Präsidentin."
    assert affiliations(text, publisher="BMZ") == {
        ("Entwicklungsministerin", "Svenja Schulze", "Deutschland")
    }
    assert affiliations(text) == {("Entwicklungsministerin", "Svenja Schulze", None)}


@pytest.mark.parametrize(
    "text",
    [
        # "er" is the one the paragraph is about, not the Premierministerin named before.
        "Außenminister Heiko Maas ist in Bagdad. Dort trifft er Premierministerin Ana Brnabić "
        "und seinen irakischen Amtskollegen Fuad Hussein.",
        # The subject of the sentence, not the office named last.
        "Premierminister Mustafa al-Kadhimi empfing Außenminister Heiko Maas. Danach traf "
        "Maas seinen irakischen Amtskollegen Fuad Hussein.",
    ],
)
def test_a_colleague_holds_the_office_of_the_one_whose_colleague_he_is(text: str) -> None:
    assert ("Außenminister", "Fuad Hussein", "Irak") in affiliations(text)


def test_a_title_without_a_known_state_has_no_object() -> None:
    found = described(relations("Präsident Ferdinand Marcos sprach."))
    assert found == {("affiliation", "Präsident", "Ferdinand Marcos", None)}


def test_membership() -> None:
    text = "Deutschland ist Mitglied der Allianz für den Multilateralismus."
    assert described(relations(text)) == {
        ("participation", "member", "Deutschland", "Allianz für den Multilateralismus")
    }


def test_host() -> None:
    text = "Gastgeber Heiko Maas eröffnete das Treffen der Allianz für den Multilateralismus."
    assert ("participation", "host", "Heiko Maas", "Allianz für den Multilateralismus") in (
        described(relations(text))
    )


def test_founders() -> None:
    france = KnownEntity("actor", "frankreich", "state", "Frankreich", None, (), "FR")
    text = "Frankreich und Deutschland gründeten 2019 die Allianz für den Multilateralismus."
    assert described(relations(text, france)) == {
        ("participation", "founder", "Frankreich", "Allianz für den Multilateralismus"),
        ("participation", "founder", "Deutschland", "Allianz für den Multilateralismus"),
    }


def test_chair() -> None:
    text = "Das Treffen der Allianz für den Multilateralismus fand unter dem Vorsitz von Deutschland statt."  # noqa: E501
    assert described(relations(text)) == {
        ("participation", "chair", "Deutschland", "Allianz für den Multilateralismus")
    }


def test_no_relation_without_a_pattern() -> None:
    text = "Deutschland und die Allianz für den Multilateralismus wurden erwähnt."
    assert relations(text) == []


# --- new press releases -----------------------------------------------------------------------


def _fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def _catalogue(data: dict[str, Any]) -> Catalogue:
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


FIXTURE_NAMES = sorted(path.name for path in FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_new_press_releases_suggest_what_they_name(name: str) -> None:
    data = _fixture(name)
    catalogue = _catalogue(data)
    text = data["text"]
    found = named(suggest_entities(text, catalogue.link_mentions(text), (), ORDINARY, catalogue))
    for expected in data["suggestions"]:
        suggestion = found.get(expected["name"])
        assert suggestion is not None, f"{expected['name']} not suggested: {sorted(found)}"
        for key, value in expected.items():
            actual = getattr(suggestion, key)
            assert actual == (tuple(value) if isinstance(value, list) else value), key
        assert all(text[a:b] for a, b in suggestion.spans)
    for unwanted in data.get("not_suggested", []):
        assert unwanted not in found


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_new_press_releases_state_their_relations(name: str) -> None:
    data = _fixture(name)
    catalogue = _catalogue(data)
    text = data["text"]
    linked = catalogue.link_mentions(text)
    suggested = suggest_entities(text, linked, (), ORDINARY, catalogue)
    found = described(suggest_relations(text, linked, suggested, catalogue, data.get("publisher")))
    for expected in data["relations"]:
        wanted = (expected["kind"], expected["role"], expected["subject"], expected["object"])
        assert wanted in found
