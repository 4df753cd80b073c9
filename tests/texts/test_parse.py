"""The parser's output for the five seed texts, and for variants that exercise each rule."""

# German typographic quotes and dashes are the data under test here, not look-alike typos.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from atlas.texts.dates import find_dates, parse_iso_partial
from atlas.texts.parse import (
    ParsedText,
    derive_title,
    drop_duplicate_paragraphs,
    parse_published_date,
    parse_text,
    shorten_title,
    split_captions,
    strip_site_chrome,
)
from atlas.texts.slugs import slugify

AA_WELCOME = "Willkommen auf den Seiten des Auswärtigen Amts"
CREDIT = "© Janine Schmitz/photothek.net"


@dataclass(frozen=True)
class Expected:
    title: str
    publisher: str | None
    kind: str
    published_on: date | None
    precision: str | None
    place: str | None
    first_paragraph: str
    last_paragraph: str
    captions: tuple[str, ...]
    paragraph_count: int


EXPECTED: dict[str, Expected] = {
    "000_c4ceba19eb4f3812.txt": Expected(
        title=(
            "September 2019: Am Rande der UN-Generalversammlung findet in New York das erste "
            "große Treffen…"
        ),
        publisher=None,
        kind="other",
        published_on=date(2020, 9, 1),
        precision="month",
        place=None,
        first_paragraph=(
            "September 2019: Am Rande der UN-Generalversammlung findet in New York das erste "
            "große Treffen der Allianz für den Multilateralismus statt. Gut 50 "
            "Außenministerinnen und Außenminister kommen in einem prall gefüllten Konferenzraum "
            "zusammen um zu zeigen: weltweite Probleme können nur gemeinsam gelöst werden, durch "
            "multilaterale Zusammenarbeit."
        ),
        last_paragraph=(
            "Kein Land kann die Herausforderungen der heutigen Zeit alleine bewältigen: Diese "
            "Überzeugung liegt der Allianz für den Multilateralismus zugrunde. Die Allianz ist ein "
            "flexibles Netzwerk aus Staaten und Institutionen, die in unterschiedlichen "
            "Zusammensetzungen zu verschiedenen Themen zusammenarbeiten und ein Zeichen für die "
            "regelbasierte Ordnung und internationale Zusammenarbeit setzen. Derzeit engagieren "
            "sich etwa 60 Staaten aus allen Regionen der Welt dauerhaft in dem Netzwerk. Aktuelle "
            "Themen der Allianz sind zum Beispiel eine gerechte weltweite Verteilung künftiger "
            "Covid-19-Impfstoffe und der Umgang mit Desinformation auch im Zusammenhang mit der "
            "Pandemie."
        ),
        captions=(),
        paragraph_count=6,
    ),
    "001_f3c0e1d4b4a7f588.txt": Expected(
        title="Kasachstans Bedeutung als wichtige Mittelmacht und Brückenbauer wächst",
        publisher=None,
        kind="press_release",
        published_on=date(2025, 3, 1),
        precision="month",
        place="Berlin/Astana",
        first_paragraph=(
            "Kasachstans Bedeutung als wichtige Mittelmacht und Brückenbauer wächst. Die "
            "UN-Generalversammlung hat auf ihrer jüngsten Sitzung einstimmig eine Resolution zur "
            "Einrichtung des UN-Regionalzentrums für nachhaltige Entwicklungsziele (SDGs) für "
            "Zentralasien und Afghanistan angenommen. 152 UN-Mitgliedsstaaten, darunter "
            "Deutschland und die Mehrheit der EU-Mitgliedsstaaten unterstützten die Resolution "
            "als Mitunterzeichner und setzen damit großes Vertrauen in Kasachstan. Das "
            "neuntgrößte Land der Welt fungiert zudem zunehmend als internationale Plattform zum "
            "Austausch brennender globaler Fragen und veranstaltet unter der Schirmherrschaft des "
            "kasachischen Präsidenten Kassym-Schomart Tokajew vom 29. bis 30. Mai 2025 in der "
            "Hauptstadt Kasachstans das Astana International Forum 2025."
        ),
        last_paragraph=(
            "Ziel der Veranstaltung ist es, neue Partnerschaften aufzubauen und bestehende "
            "Kooperationen zu vertiefen. In den Themenbereichen Außenpolitik und internationale "
            "Sicherheit, Energie und Klimawandel sowie Wirtschaft und Finanzen werden neue "
            "Perspektiven zu diplomatischen, wirtschaftlichen und sozialen Fragen diskutiert, die "
            "das nächste Jahrzehnt prägen werden. Unter dem Motto „Connecting Minds, Shaping the "
            "Future“ will das diesjährige Astana International Forum die Weichen für eine neue Ära "
            "des Multilateralismus und der Diplomatie stellen. Interessierte Teilnehmerinnen und "
            "Teilnehmer können sich ab sofort unter https://astanainternationalforum.org/ "
            "anmelden."
        ),
        captions=(),
        paragraph_count=8,
    ),
    "002_7cd85c10abe7fb97.txt": Expected(
        title="Südkorea: strategischer Partner in Asien",
        publisher="Auswärtiges Amt",
        kind="article",
        published_on=date(2020, 8, 10),
        precision="day",
        place=None,
        first_paragraph=(
            "Außenminister Heiko Maas und seine südkoreanische Amtskollegin Kang Kyung-wha trafen "
            "sich zum zweiten Mal zu einem sog. „strategischen Dialog“, um über wichtige aktuelle "
            "Themen zu sprechen."
        ),
        last_paragraph=(
            "Deutschland und Südkorea eint die Erfahrung, durch eine hochgerüstete Grenze geteilt "
            "zu sein. Im Falle Deutschlands gehört dies glücklicherweise der Vergangenheit an, in "
            "Südkorea dagegen ist die Bedrohung durch nukleare Aufrüstung weiterhin greifbar. "
            "Gemeinsam mit 14 weiteren Mitgliedern engagieren sich beide Länder in der sog. "
            "„Stockholm-Initiative“. Ziel dieser Initiative ist es, der nuklearen Abrüstung neue "
            "Impulse zu geben und den Dialog zwischen Nuklearwaffenstaaten und "
            "Nichtnuklearwaffenstaaten zu stärken, um den weltweiten Trend zu Aufrüstung zu "
            "stoppen und umzukehren."
        ),
        captions=(
            "Menschen mit Mund-Nasen-Bedeckung, dahinter Gebäude",
            "Außenminister Heiko Maas um seine koreanische Amtskollegin Kang Kyung-wha besuchen "
            f"die Gedenkstätte Berliner Mauer., {CREDIT}",
            "Zwei Menschen stehen einander zugewandt auf einer Treppe, dahinter ein Garten und "
            "Bäume.",
            "Außenminister Heiko Maas empfängt die koreanische Außenministerin "
            f"Kang Kyung-wha{CREDIT}",
            "Zwei Personen stehen hinter Rednerpulten, hinter jedem stehen die Flaggen der EU, "
            "Deutschlands und Südkoreas.",
            f"Gemeinsame Pressebegegnung: Heiko Maas und Kang Kyung-wha{CREDIT}",
        ),
        paragraph_count=9,
    ),
    "003_00c4cb91bad456ae.txt": Expected(
        title="Außenminister Maas beim virtuellen Treffen der Anti-IS-Koalition",
        publisher="Auswärtiges Amt",
        kind="press_release",
        published_on=date(2020, 6, 4),
        precision="day",
        place="Den Haag",
        first_paragraph=(
            "Nach der Außenminister-Videokonferenz der Small Group der Anti-IS-Koalition erklärte "
            "Außenminister Heiko Maas heute (04.06.) in Den Haag:"
        ),
        last_paragraph=(
            "Zur Gemeinsamen Erklärung der Small Group der Anti-IS-Koalition gelangen Sie hier."
        ),
        captions=(),
        paragraph_count=7,
    ),
    "004_4174dc7cc0066331.txt": Expected(
        title=(
            "Partnerschaften2030 hat gemeinsam mit mehreren Partner*innen im Rahmen des UN ECE "
            "Regionalforums…"
        ),
        publisher="Partnerschaften2030",
        kind="news",
        published_on=date(2023, 3, 27),
        precision="day",
        place=None,
        first_paragraph=(
            "Partnerschaften2030 hat gemeinsam mit mehreren Partner*innen im Rahmen des UN ECE "
            "Regionalforums 2023 ein Side Event durchgeführt. Dabei konnte in einer "
            "Panel-Diskussion und in Breakout-Räumen Wissen zu partnerschaftlichen Ansätzen in der "
            "Internationalen Zusammenarbeit gesammelt werden."
        ),
        last_paragraph="Die Aufzeichnung ist hier online verfügbar.",
        captions=(),
        paragraph_count=9,
    ),
}

# Strings of site chrome that must never reach the clean text.
CHROME = (
    AA_WELCOME,
    "Schlagworte",
    "nach oben",
    "Inside Partnerschaften2030",
    "Das könnte Sie auch interessieren",
    "news thumbnail",
    "Aktuelles",
    "INTERNER LINK",
    "(ots)",
    " date ",
    "10.08.2020 - Artikel",
    "04.06.2020 - Pressemitteilung",
    "©",
    "photothek",
    "\u00a0",
    "\r",
)


def test_every_seed_text_has_expectations(raw_texts: dict[str, str]) -> None:
    assert set(raw_texts) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_text_metadata(name: str, parsed_texts: dict[str, ParsedText]) -> None:
    parsed, expected = parsed_texts[name], EXPECTED[name]
    assert parsed.title == expected.title
    assert parsed.publisher == expected.publisher
    assert parsed.kind == expected.kind
    assert parsed.language == "de"
    assert parsed.published_on == expected.published_on
    assert parsed.date_precision == expected.precision
    assert parsed.place == expected.place


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_text_body(name: str, parsed_texts: dict[str, ParsedText]) -> None:
    parsed, expected = parsed_texts[name], EXPECTED[name]
    paragraphs = parsed.clean_text.split("\n\n")
    assert paragraphs[0] == expected.first_paragraph
    assert paragraphs[-1] == expected.last_paragraph
    assert len(paragraphs) == expected.paragraph_count
    assert parsed.captions == list(expected.captions)
    for chrome in CHROME:
        assert chrome not in parsed.clean_text, chrome


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_clean_text_layout(name: str, parsed_texts: dict[str, ParsedText]) -> None:
    text = parsed_texts[name].clean_text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert all(line == line.strip() and line for line in text.split("\n\n"))
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_headline_is_not_repeated_in_body(parsed_texts: dict[str, ParsedText]) -> None:
    for name in ("002_7cd85c10abe7fb97.txt", "003_00c4cb91bad456ae.txt"):
        parsed = parsed_texts[name]
        assert parsed.title is not None
        assert parsed.title not in parsed.clean_text


def test_teaser_lead_repeated_as_body_appears_once(parsed_texts: dict[str, ParsedText]) -> None:
    text = parsed_texts["002_7cd85c10abe7fb97.txt"].clean_text
    assert text.count("trafen sich zum zweiten Mal") == 1
    assert text.count("Hierzu zählten beispielsweise") == 1


def test_subheadings_stay_as_paragraphs(parsed_texts: dict[str, ParsedText]) -> None:
    paragraphs = parsed_texts["002_7cd85c10abe7fb97.txt"].clean_text.split("\n\n")
    assert "Partner bei der Bewältigung von COVID-19" in paragraphs
    assert "Gemeinsam für mehr Multilateralismus" in paragraphs
    assert "Stockholm-Initiative: Deutschland und Südkorea für nukleare Abrüstung" in paragraphs
    assert "Hintergrund" in parsed_texts["003_00c4cb91bad456ae.txt"].clean_text.split("\n\n")


def test_typography_is_kept(parsed_texts: dict[str, ParsedText]) -> None:
    assert (
        "‚Berlin Principles on One Health‘" in parsed_texts["000_c4ceba19eb4f3812.txt"].clean_text
    )
    assert (
        "„Allianz für den Multilateralismus“" in parsed_texts["002_7cd85c10abe7fb97.txt"].clean_text
    )
    text_004 = parsed_texts["004_4174dc7cc0066331.txt"].clean_text
    assert "Partner*innen" in text_004
    # No-break spaces around links became plain single spaces; the placeholder left no gap.
    assert "der MAP YouthCan! und der gemeinnützigen Beratungsfirma FSG Erfahrungen" in text_004
    assert "wurden klare Strukturen identifiziert" in text_004


def test_teaser_list_is_cut(parsed_texts: dict[str, ParsedText]) -> None:
    text = parsed_texts["004_4174dc7cc0066331.txt"].clean_text
    for teaser in ("Gavi", "Global Alliance for Care", "Global Water Partnership"):
        assert teaser not in text


def test_windows_line_endings_parse_the_same(raw_texts: dict[str, str]) -> None:
    for raw in raw_texts.values():
        assert parse_text(raw.replace("\n", "\r\n")) == parse_text(raw)


# --- variants -------------------------------------------------------------------------------


def test_header_running_into_first_sentence() -> None:
    parsed = parse_text(" date 2021-05-07 Brüssel hat heute neue Regeln beschlossen. Mehr folgt.")
    assert parsed.published_on == date(2021, 5, 7)
    assert parsed.date_precision == "day"
    assert parsed.clean_text == "Brüssel hat heute neue Regeln beschlossen. Mehr folgt."
    assert parsed.title == "Brüssel hat heute neue Regeln beschlossen"


def test_header_with_year_only_beats_body_dates() -> None:
    parsed = parse_text("date 2019 Am 3. Oktober 2019 wurde gefeiert.")
    assert (parsed.published_on, parsed.date_precision) == (date(2019, 1, 1), "year")
    assert parsed.clean_text == "Am 3. Oktober 2019 wurde gefeiert."


def test_invalid_header_is_left_in_text() -> None:
    parsed = parse_text("date 2020-13 Text ohne gültiges Datum.")
    assert parsed.published_on is None
    assert parsed.clean_text.startswith("date 2020-13")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("12.03.2021 - Rede", "speech"),
        ("01.02.2020 - Interview", "interview"),
        ("15.11.2019 – Artikel", "article"),
        ("30.04.2022 - Bericht", "report"),
        ("07.07.2020 - Reiseinformation", "other"),
    ],
)
def test_date_kind_line(line: str, kind: str) -> None:
    raw = f"{AA_WELCOME}\n\nDie Überschrift\n\n{line}\n\nDer erste Absatz des Textes.\n"
    parsed = parse_text(raw)
    day, month, year = (int(part) for part in line[:10].split("."))
    assert parsed.kind == kind
    assert (parsed.published_on, parsed.date_precision) == (date(year, month, day), "day")
    assert parsed.title == "Die Überschrift"
    assert parsed.clean_text == "Der erste Absatz des Textes."


def test_text_without_date() -> None:
    parsed = parse_text("Die Koalition besteht seit dem Jahr 2014 und trifft sich regelmäßig.")
    assert parsed.published_on is None
    assert parsed.date_precision is None
    assert parsed.kind == "other"
    assert parsed.publisher is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Konferenz fand am 5. November 2019 in Genf statt.", (date(2019, 11, 5), "day")),
        ("Das Treffen fand im Februar 2019 in Washington statt.", (date(2019, 2, 1), "month")),
        ("Beschlossen am 1.3.2022 in Berlin.", (date(2022, 3, 1), "day")),
        # The day-precision date wins over the earlier month-precision one.
        ("Im März 2020 geplant, am 4. Juni 2020 abgehalten.", (date(2020, 6, 4), "day")),
    ],
)
def test_dates_in_body(text: str, expected: tuple[date, str]) -> None:
    assert parse_published_date(text) == expected


def test_day_and_month_completed_with_year_elsewhere() -> None:
    raw = "Am 3. Oktober trafen sich die Partner. Es war der Höhepunkt des Jahres 2022."
    assert parse_published_date(raw) == (date(2022, 10, 3), "day")


def test_day_and_month_takes_the_nearest_year() -> None:
    raw = "Im Jahr 1990 begann es. Viele Jahre später, am 3. Oktober beim Fest 2024, war es groß."
    assert parse_published_date(raw) == (date(2024, 10, 3), "day")


def test_day_and_month_without_any_year_is_no_date() -> None:
    assert parse_published_date("Am 3. Oktober trafen sich die Partner.") == (None, None)


def test_numbers_glued_to_words_are_not_years() -> None:
    assert parse_published_date("Am 27. März sprach Partnerschaften2030.") == (None, None)


def test_impossible_dates_are_ignored() -> None:
    assert parse_published_date("Am 31.02.2020 geschah nichts.") == (None, None)


def test_find_dates_positions() -> None:
    text = "vom 29. bis 30. Mai 2025 in Astana"
    (found,) = find_dates(text)
    assert text[found.start : found.end] == "30. Mai 2025"
    assert found.value == date(2025, 5, 30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014", (date(2014, 1, 1), "year")),
        ("2019-02", (date(2019, 2, 1), "month")),
        ("2020-09-25", (date(2020, 9, 25), "day")),
        ("2020-02-30", None),
        ("20-09", None),
    ],
)
def test_parse_iso_partial(value: str, expected: tuple[date, str] | None) -> None:
    assert parse_iso_partial(value) == expected


def test_english_text() -> None:
    raw = (
        "Foreign ministers meet in Geneva\n\n"
        "On 5 May 2021 the ministers of the alliance met in Geneva. They agreed on a plan "
        "for the next year and will report to the members."
    )
    parsed = parse_text(raw)
    assert parsed.language == "en"
    assert parsed.title == "Foreign ministers meet in Geneva"
    assert (parsed.published_on, parsed.date_precision) == (date(2021, 5, 5), "day")


def test_german_text_is_german() -> None:
    assert parse_text("Die Allianz ist ein Netzwerk der Staaten und wird wachsen.").language == "de"


def test_only_chrome() -> None:
    parsed = parse_text(f"{AA_WELCOME}\n\nSchlagworte\n\nnach oben")
    assert parsed.clean_text == ""
    assert parsed.title is None
    assert parsed.captions == []
    assert parsed.publisher == "Auswärtiges Amt"
    assert parsed.published_on is None


def test_empty_string() -> None:
    assert parse_text("") == ParsedText(
        title=None,
        publisher=None,
        kind="other",
        language="de",
        published_on=None,
        date_precision=None,
        place=None,
        clean_text="",
        captions=[],
    )


def test_wire_release_with_sender_and_inline_first_sentence() -> None:
    raw = (
        "Hamburg (ots) - Die Stiftung eröffnet ein Büro.\n\nWeitere Sätze folgen hier.\n\n"
        "Pressekontakt:\nMax Muster\n\n"
        "Original-Content von: Beispielstiftung, übermittelt durch news aktuell"
    )
    parsed = parse_text(raw)
    assert parsed.kind == "press_release"
    assert parsed.place == "Hamburg"
    assert parsed.publisher == "Beispielstiftung"
    assert parsed.clean_text == "Die Stiftung eröffnet ein Büro.\n\nWeitere Sätze folgen hier."


def test_placeholders_and_teasers_are_removed() -> None:
    raw = (
        "Erster Absatz mit Link (INTERNER LINK ZU SEITE X) und Ende.\n\n"
        "Das könnte Sie auch interessieren:\n\nAndere Meldung"
    )
    assert strip_site_chrome(raw) == "Erster Absatz mit Link und Ende."


def test_abbreviation_in_parentheses_is_kept() -> None:
    raw = "Das Bundesministerium für Entwicklung (BMZ) lädt ein (LINK) heute."
    assert strip_site_chrome(raw) == "Das Bundesministerium für Entwicklung (BMZ) lädt ein heute."


def test_split_captions_keeps_subheading_before_described_image() -> None:
    paragraphs = [
        "Überschrift",
        "Zwischenüberschrift",
        f"Zwei Personen an Pulten.\nPressebegegnung{CREDIT}",
        "Text.",
    ]
    body, captions = split_captions(paragraphs)
    assert body == ["Überschrift", "Zwischenüberschrift", "Text."]
    assert captions == ["Zwei Personen an Pulten.", f"Pressebegegnung{CREDIT}"]


def test_split_captions_takes_alt_text_before_bare_caption() -> None:
    paragraphs = ["Überschrift", "Menschen vor Gebäude", f"Der Minister, {CREDIT}", "Text."]
    body, captions = split_captions(paragraphs)
    assert body == ["Überschrift", "Text."]
    assert captions == ["Menschen vor Gebäude", f"Der Minister, {CREDIT}"]


def test_drop_duplicate_paragraphs() -> None:
    paragraphs = ["A eins.", "B zwei.", "A eins. B zwei.", "C drei.", "B zwei."]
    assert drop_duplicate_paragraphs(paragraphs) == ["A eins.", "B zwei.", "C drei."]


def test_derive_title_skips_abbreviations_and_ordinals() -> None:
    text = "Am 27. März traf sich die sog. Gruppe in Berlin. Danach mehr."
    assert derive_title(text) == "Am 27. März traf sich die sog. Gruppe in Berlin"


def test_shorten_title_cuts_at_word_boundary_without_dangling_words() -> None:
    sentence = "Wort " * 15 + "und die Allianz für den Multilateralismus trifft sich zum Austausch"
    title = shorten_title(sentence)
    assert len(title) <= 100
    assert title.endswith("…")
    assert sentence.startswith(title.removesuffix("…"))
    assert title.removesuffix("…").split(" ")[-1] not in {"und", "die", "für", "den"}
    assert shorten_title("Kurz genug") == "Kurz genug"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Südkorea", "suedkorea"),
        ("Auswärtiges Amt", "auswaertiges-amt"),
        ("Allianz für den Multilateralismus", "allianz-fuer-den-multilateralismus"),
        ("Straße der Größe", "strasse-der-groesse"),
        ("António Guterres", "antonio-guterres"),
        ("Kassym-Schomart Tokajew", "kassym-schomart-tokajew"),
        ("MAP YouthCan!", "map-youthcan"),
        ("  Übersee – Ölpreis / 2030 ", "uebersee-oelpreis-2030"),
        ("Ärger", "aerger"),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
