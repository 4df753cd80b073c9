"""Reading the directory: lists (filters, facets, sort, paging, `q`), details and their embedded
relations and evidence, and a bounded number of queries per request.

Expectations are computed from the seed annotations (seeds/annotations/*.yaml), not copied from
responses, so a wrong filter, count or label fails here. Documents' dates, publishers and kinds
come from the parser and are stated as the texts state them.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from atlas.models import (
    Actor,
    ActorKind,
    ActorTopic,
    Affiliation,
    DatePrecision,
    Document,
    DocumentTopic,
    Event,
    Initiative,
    InitiativeKind,
    InitiativeTopic,
    Mention,
    MentionMethod,
    Participation,
    ParticipationRole,
    Topic,
)
from atlas.settings import PROJECT_ROOT
from atlas.texts.annotations import Annotations, load_annotations

# The five seed documents, by slug, with what their texts state.
ALLIANZ = "2020-09-allianz-fuer-den-multilateralismus-ministertreffen"  # 2020-09 (month), -, other
KASACHSTAN = "2025-03-kasachstan-un-regionalzentrum-astana-international-forum"  # 2025-03 (month)
SUEDKOREA = "2020-08-10-suedkorea-strategischer-partner-in-asien"  # 2020-08-10, AA, article
ANTI_IS = "2020-06-04-aussenminister-maas-virtuelles-treffen-anti-is-koalition"  # 2020-06-04, AA
P2030 = "2023-03-27-partnerschaften2030-side-event-un-ece-regionalforum"  # 2023-03-27, P2030, news
ALL_DOCUMENTS = {ALLIANZ, KASACHSTAN, SUEDKOREA, ANTI_IS, P2030}
ALLIANZ_INITIATIVE = "allianz-fuer-den-multilateralismus"

RESOURCES = [
    "actors",
    "initiatives",
    "events",
    "topics",
    "documents",
    "participations",
    "affiliations",
    "mentions",
]
ENTITY_RESOURCES = RESOURCES[:5]
RELATION_RESOURCES = RESOURCES[5:]


@cache
def seed() -> Annotations:
    annotations = load_annotations(PROJECT_ROOT / "seeds" / "annotations")
    assert not annotations.problems
    return annotations


def signature(resource: str, item: dict[str, Any]) -> Any:
    """What identifies a list item independently of database ids."""
    if resource == "participations":
        place = item["initiative"] or item["event"]
        return (item["actor"]["slug"], place["slug"], item["role"])
    if resource == "affiliations":
        return (item["actor"]["slug"], item["organization"]["slug"], item["title"])
    if resource == "mentions":
        return (item["document"]["slug"], item["start"], item["end"])
    return item["slug"]


def listed(api: Any, resource: str, params: Any = None) -> list[Any]:
    """Signatures of the whole filtered list, in order."""
    query = [*(params or []), ("limit", 500)]
    body = api.page(resource, query)
    assert body["total"] == len(body["items"])
    return [signature(resource, item) for item in body["items"]]


# --- what the seed annotations say ---------------------------------------------------------------


def actors_where(test: Callable[[Any], bool]) -> set[str]:
    return {actor.slug for actor in seed().actors if test(actor)}


def initiatives_where(test: Callable[[Any], bool]) -> set[str]:
    return {initiative.slug for initiative in seed().initiatives if test(initiative)}


def events_where(test: Callable[[Any], bool]) -> set[str]:
    return {item.slug for item in seed().events if test(item)}


def participants_of(initiative: str) -> set[str]:
    return {p.actor for p in seed().participations if p.initiative == initiative}


def participation_signatures(test: Callable[[Any], bool]) -> set[tuple[str, str, str]]:
    return {
        (p.actor, p.initiative or p.event or "", str(p.role))
        for p in seed().participations
        if test(p)
    }


def affiliation_signatures(test: Callable[[Any], bool]) -> set[tuple[str, str, str]]:
    return {(a.actor, a.organization, a.title) for a in seed().affiliations if test(a)}


def mention_signatures(test: Callable[[str, Any], bool]) -> set[tuple[str, int, int]]:
    return {
        (document.slug, mention.start, mention.end)
        for document in seed().documents
        for mention in document.mentions
        if test(document.slug, mention)
    }


def documents_mentioning(*refs: str) -> set[str]:
    return {
        document.slug
        for document in seed().documents
        if any(mention.entity in refs for mention in document.mentions)
    }


def country_of(slug: str) -> str | None:
    return next(actor.country for actor in seed().actors if actor.slug == slug)


def kind_of(slug: str) -> str:
    return str(next(actor.kind for actor in seed().actors if actor.slug == slug))


def filter_cases() -> Iterator[Any]:
    """(resource, query, expected signatures) for every filter: matches and non-matches."""
    annotations = seed()
    both = [("initiative", "stockholm-initiative"), ("initiative", ALLIANZ_INITIATIVE)]
    cases: list[tuple[str, str, list[tuple[str, Any]], set[Any]]] = [
        # actors
        ("actors", "kind", [("kind", "state")], actors_where(lambda a: a.kind == "state")),
        ("actors", "kind-none", [("kind", "ngo"), ("kind", "company")], {"the-partnering-initiative", "fsg"}),  # noqa: E501
        ("actors", "country", [("country", "DE")], actors_where(lambda a: a.country == "DE")),
        ("actors", "country-none", [("country", "FR")], set()),
        ("actors", "topic", [("topic", "abruestung")], actors_where(lambda a: "abruestung" in a.topics)),  # noqa: E501
        ("actors", "topic-any", [("topic", "abruestung"), ("topic", "partnerschaften")], actors_where(lambda a: {"abruestung", "partnerschaften"} & set(a.topics))),  # noqa: E501
        ("actors", "topic-none", [("topic", "wasser")], set()),
        ("actors", "initiative", [("initiative", "anti-is-koalition")], participants_of("anti-is-koalition")),  # noqa: E501
        ("actors", "initiative-all", both, {"deutschland", "suedkorea"}),
        ("actors", "initiative-all-yaml", both, participants_of("stockholm-initiative") & participants_of(ALLIANZ_INITIATIVE)),  # noqa: E501
        ("actors", "initiative-all-narrow", [("initiative", "stockholm-initiative"), ("initiative", "anti-is-koalition")], {"deutschland"}),  # noqa: E501
        ("actors", "initiative-all-none", [("initiative", "stockholm-initiative"), ("initiative", "astana-international-forum")], set()),  # noqa: E501
        ("actors", "role", [("role", "co_chair")], {p.actor for p in annotations.participations if p.role == "co_chair"}),  # noqa: E501
        ("actors", "role-none", [("role", "chair")], set()),
        ("actors", "combined", [("kind", "person"), ("country", "DE")], actors_where(lambda a: a.kind == "person" and a.country == "DE")),  # noqa: E501
        # initiatives
        ("initiatives", "kind", [("kind", "coalition")], initiatives_where(lambda i: i.kind == "coalition")),  # noqa: E501
        ("initiatives", "kind-none", [("kind", "programme")], set()),
        ("initiatives", "status", [("status", "planned")], initiatives_where(lambda i: i.status == "planned")),  # noqa: E501
        ("initiatives", "status-none", [("status", "ended")], set()),
        ("initiatives", "topic", [("topic", "energie")], initiatives_where(lambda i: "energie" in i.topics)),  # noqa: E501
        ("initiatives", "topic-none", [("topic", "desinformation"), ("topic", "wasser")], initiatives_where(lambda i: {"desinformation", "wasser"} & set(i.topics))),  # noqa: E501
        ("initiatives", "actor", [("actor", "suedkorea")], {p.initiative for p in annotations.participations if p.actor == "suedkorea" and p.initiative}),  # noqa: E501
        ("initiatives", "actor-none", [("actor", "fsg")], set()),
        ("initiatives", "country", [("country", "KZ")], {p.initiative for p in annotations.participations if p.initiative and country_of(p.actor) == "KZ"}),  # noqa: E501
        ("initiatives", "country-none", [("country", "NL")], set()),
        ("initiatives", "parent", [("parent", "anti-is-koalition")], initiatives_where(lambda i: i.parent == "anti-is-koalition")),  # noqa: E501
        ("initiatives", "parent-none", [("parent", "covax")], set()),
        # anti-is-koalition was founded in 2014 (year precision): any day of 2014 reaches it.
        ("initiatives", "founded_from-year", [("founded_from", "2014-06-01")], {"anti-is-koalition"}),  # noqa: E501
        ("initiatives", "founded_from-after", [("founded_from", "2015-01-01")], set()),
        ("initiatives", "founded_to", [("founded_to", "2014-01-01")], {"anti-is-koalition"}),
        ("initiatives", "founded_to-before", [("founded_to", "2013-12-31")], set()),
        # events
        ("events", "initiative", [("initiative", "anti-is-koalition")], events_where(lambda e: e.initiative == "anti-is-koalition")),  # noqa: E501
        ("events", "initiative-none", [("initiative", "covax")], set()),
        # un-generalversammlung-75 starts 2020-09 (month): the whole month; the meeting 2020-09-25.
        ("events", "starts-range", [("starts_from", "2020-09-15"), ("starts_to", "2020-09-30")], {"un-generalversammlung-75", "allianz-multilateralismus-ministertreffen-2020"}),  # noqa: E501
        ("events", "starts-month-only", [("starts_from", "2020-09-26"), ("starts_to", "2020-09-30")], {"un-generalversammlung-75"}),  # noqa: E501
        ("events", "starts-year", [("starts_from", "2023-06-01"), ("starts_to", "2023-12-31")], {"astana-international-forum-2023", "unece-regionalforum-2023"}),  # noqa: E501
        ("events", "starts-none", [("starts_from", "2020-10-01"), ("starts_to", "2022-12-31")], set()),  # noqa: E501
        ("events", "starts_to", [("starts_to", "2019-02-28")], {"anti-is-koalition-aussenministertreffen-2019-washington"}),  # noqa: E501
        ("events", "virtual", [("virtual", "true")], events_where(lambda e: e.virtual)),
        ("events", "not-virtual", [("virtual", "false")], events_where(lambda e: not e.virtual)),
        # documents
        ("documents", "publisher", [("publisher", "Auswärtiges Amt")], {SUEDKOREA, ANTI_IS}),
        ("documents", "publisher-none", [("publisher", "Reuters")], set()),
        ("documents", "kind", [("kind", "press_release")], {KASACHSTAN, ANTI_IS}),
        ("documents", "kind-none", [("kind", "interview")], set()),
        ("documents", "language", [("language", "de")], ALL_DOCUMENTS),
        ("documents", "language-none", [("language", "en")], set()),
        ("documents", "published-month", [("published_from", "2020-09-15"), ("published_to", "2020-09-20")], {ALLIANZ}),  # noqa: E501
        ("documents", "published-after-month", [("published_from", "2020-10-01")], {KASACHSTAN, P2030}),  # noqa: E501
        ("documents", "published-day", [("published_from", "2020-08-10"), ("published_to", "2020-08-10")], {SUEDKOREA}),  # noqa: E501
        ("documents", "published_to-day-before", [("published_to", "2020-08-09")], {ANTI_IS}),
        ("documents", "published_from-month-end", [("published_from", "2025-03-31")], {KASACHSTAN}),
        ("documents", "mentions-typed", [("mentions", "actor:heiko-maas")], documents_mentioning("actor:heiko-maas")),  # noqa: E501
        ("documents", "mentions-bare", [("mentions", "heiko-maas")], documents_mentioning("actor:heiko-maas")),  # noqa: E501
        ("documents", "mentions-event", [("mentions", "event:un-generalversammlung-75")], {ALLIANZ}),  # noqa: E501
        ("documents", "mentions-any", [("mentions", "actor:kasachstan"), ("mentions", "actor:daniel-haas")], {KASACHSTAN, P2030}),  # noqa: E501
        ("documents", "mentions-wrong-type", [("mentions", "initiative:heiko-maas")], set()),
        ("documents", "topic", [("topic", "abruestung")], {d.slug for d in annotations.documents if "abruestung" in d.topics}),  # noqa: E501
        ("documents", "topic-none", [("topic", "wasser")], set()),
        # participations
        ("participations", "actor", [("actor", "kasachstan")], participation_signatures(lambda p: p.actor == "kasachstan")),  # noqa: E501
        ("participations", "actor-none", [("actor", "auswaertiges-amt")], set()),
        ("participations", "initiative", [("initiative", "stockholm-initiative")], participation_signatures(lambda p: p.initiative == "stockholm-initiative")),  # noqa: E501
        ("participations", "initiative-none", [("initiative", "gavi")], set()),
        ("participations", "event", [("event", "partnerschaften2030-side-event-2023-03-27")], participation_signatures(lambda p: p.event == "partnerschaften2030-side-event-2023-03-27")),  # noqa: E501
        ("participations", "event-none", [("event", "allianz-multilateralismus-ministertreffen-2019")], set()),  # noqa: E501
        ("participations", "role", [("role", "host")], participation_signatures(lambda p: p.role == "host")),  # noqa: E501
        ("participations", "role-none", [("role", "chair")], set()),
        ("participations", "document", [("document", ANTI_IS)], participation_signatures(lambda p: p.evidence.document == ANTI_IS)),  # noqa: E501
        ("participations", "document-none", [("document", "no-such-document")], set()),
        # affiliations: `actor` is either end
        ("affiliations", "actor-either-end", [("actor", "deutschland")], affiliation_signatures(lambda a: "deutschland" in (a.actor, a.organization))),  # noqa: E501
        ("affiliations", "actor", [("actor", "heiko-maas")], affiliation_signatures(lambda a: a.actor == "heiko-maas")),  # noqa: E501
        ("affiliations", "actor-none", [("actor", "fsg")], set()),
        ("affiliations", "organization", [("organization", "vereinte-nationen")], affiliation_signatures(lambda a: a.organization == "vereinte-nationen")),  # noqa: E501
        ("affiliations", "organization-none", [("organization", "heiko-maas")], set()),
        ("affiliations", "role", [("role", "Außenminister")], affiliation_signatures(lambda a: a.title == "Außenminister")),  # noqa: E501
        ("affiliations", "role-none", [("role", "Außen")], set()),
        ("affiliations", "document", [("document", SUEDKOREA)], affiliation_signatures(lambda a: a.evidence.document == SUEDKOREA)),  # noqa: E501
        ("affiliations", "document-none", [("document", ALLIANZ), ("document", KASACHSTAN)], affiliation_signatures(lambda a: a.evidence.document in (ALLIANZ, KASACHSTAN))),  # noqa: E501
        # mentions
        ("mentions", "document", [("document", P2030)], mention_signatures(lambda d, _: d == P2030)),  # noqa: E501
        ("mentions", "document-none", [("document", "no-such-document")], set()),
        ("mentions", "entity-typed", [("entity", "actor:heiko-maas")], mention_signatures(lambda _, m: m.entity == "actor:heiko-maas")),  # noqa: E501
        ("mentions", "entity-bare", [("entity", "stockholm-initiative")], mention_signatures(lambda _, m: m.entity == "initiative:stockholm-initiative")),  # noqa: E501
        ("mentions", "entity-event", [("entity", "event:astana-international-forum-2025")], mention_signatures(lambda _, m: m.entity == "event:astana-international-forum-2025")),  # noqa: E501
        ("mentions", "entity-wrong-type", [("entity", "event:heiko-maas")], set()),
        ("mentions", "status", [("status", "confirmed")], mention_signatures(lambda _, __: True)),
        ("mentions", "status-none", [("status", "suggested"), ("status", "rejected")], set()),
        ("mentions", "method", [("method", "curated")], mention_signatures(lambda _, __: True)),
        ("mentions", "method-none", [("method", "linked")], set()),
    ]  # fmt: skip
    for resource, name, query, expected in cases:
        yield pytest.param(resource, query, expected, id=f"{resource}-{name}")


# --- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("resource", "query", "expected"), list(filter_cases()))
def test_filter(
    seeded: Any, resource: str, query: list[tuple[str, str]], expected: set[Any]
) -> None:
    found = listed(seeded, resource, query)

    assert set(found) == expected
    assert len(found) == len(set(found))


def test_the_repeated_initiative_filter_means_all_of_them(seeded: Any) -> None:
    one = set(seeded.keys("actors", {"initiative": "stockholm-initiative"}))
    other = set(seeded.keys("actors", {"initiative": ALLIANZ_INITIATIVE}))
    both = seeded.keys("actors", {"initiative": ["stockholm-initiative", ALLIANZ_INITIATIVE]})

    assert set(both) == one & other == {"deutschland", "suedkorea"}


def test_a_month_dated_document_matches_a_range_inside_its_month(seeded: Any) -> None:
    document = seeded.detail(f"documents/{ALLIANZ}")
    assert (document["published_on"], document["date_precision"]) == ("2020-09-01", "month")

    inside = {"published_from": "2020-09-15", "published_to": "2020-09-20"}
    assert ALLIANZ in seeded.keys("documents", inside)
    assert ALLIANZ not in seeded.keys("documents", {"published_from": "2020-10-01"})
    assert ALLIANZ not in seeded.keys("documents", {"published_to": "2020-08-31"})


@pytest.mark.parametrize(
    ("resource", "query", "field"),
    [
        ("actors", {"kind": "planet"}, "kind"),
        ("actors", {"role": "king"}, "role"),
        ("initiatives", {"founded_from": "2014-13-01"}, "founded_from"),
        ("events", {"starts_to": "soon"}, "starts_to"),
        ("events", {"virtual": "perhaps"}, "virtual"),
        ("documents", {"published_from": "2020-02-30"}, "published_from"),
        ("documents", {"kind": "tweet"}, "kind"),
        ("mentions", {"status": "maybe"}, "status"),
        ("participations", {"role": "boss"}, "role"),
    ],
)
def test_an_invalid_filter_value_is_422(
    seeded: Any, resource: str, query: dict[str, str], field: str
) -> None:
    assert field in seeded.error_fields(seeded.get(resource, query))


# --- full text `q` ------------------------------------------------------------------------------


def _text_of(entry: Any) -> str:
    return " ".join(
        [entry.name, entry.name_en or "", *entry.aliases, entry.description or ""]
    ).lower()


@pytest.mark.parametrize(
    ("resource", "q"),
    [
        ("actors", "stockholm"),
        ("actors", "ANTI-IS-Koalition"),
        ("actors", "außenminister den haag"),
        ("initiatives", "allianz"),
        ("initiatives", "Koalition Daesh"),
        ("events", "neapel"),
    ],
)
def test_q_finds_every_word_in_names_aliases_and_descriptions(
    seeded: Any, resource: str, q: str
) -> None:
    entries = {"actors": seed().actors, "initiatives": seed().initiatives, "events": seed().events}
    words = q.lower().split()
    expected = {
        entry.slug
        for entry in entries[resource]
        if all(word in _text_of(entry) + " " + (getattr(entry, "place", None) or "").lower()
               for word in words)
    }  # fmt: skip
    assert expected, "the case must match something"

    assert set(seeded.keys(resource, {"q": q})) == expected


def test_q_matches_an_alias_with_an_umlaut(seeded: Any) -> None:
    # Only the alias "Königreich der Niederlande" holds the word.
    assert seeded.keys("actors", {"q": "königreich"}) == ["niederlande"]


@pytest.mark.parametrize(
    ("resource", "q", "expected"),
    [
        ("topics", "klima", {"klima"}),
        ("topics", "Disarmament", {"abruestung"}),
        ("documents", "Tokajew", {KASACHSTAN}),
        ("documents", "Stockholm-Initiative Südkorea", {SUEDKOREA}),
        ("participations", "Rede Eröffnung", {("antonio-guterres", "un-generalversammlung-75", "participant")}),  # noqa: E501
        ("affiliations", "Secretary-General", {("antonio-guterres", "vereinte-nationen", "UN-Generalsekretär")}),  # noqa: E501
        # A mention is found by its entity, however it is spelled ("Kang"), or by its own text.
        ("mentions", "Kyung-wha", mention_signatures(lambda _, m: m.entity == "actor:kang-kyung-wha")),  # noqa: E501
    ],
)  # fmt: skip
def test_q_searches_each_resource(seeded: Any, resource: str, q: str, expected: set[Any]) -> None:
    assert set(listed(seeded, resource, [("q", q)])) == expected


@pytest.mark.parametrize("q", ["xyzzy", "e-mail", "a'b", "deutschland xyzzy"])
def test_q_without_a_match_is_an_empty_list(seeded: Any, q: str) -> None:
    body = seeded.page("actors", {"q": q})

    assert (body["items"], body["total"]) == ([], 0)


@pytest.mark.parametrize("q", ["%", "_", "\\", "*", '" "'])
def test_q_without_words_is_a_400(seeded: Any, q: str) -> None:
    seeded.problem(seeded.get("actors", {"q": q}), 400)


@pytest.mark.parametrize("q", ["", "   "])
def test_a_blank_q_filters_nothing(seeded: Any, q: str) -> None:
    assert seeded.page("actors", {"q": q})["total"] == seeded.page("actors")["total"]


# --- paging ---------------------------------------------------------------------------------------


def test_a_list_answers_the_envelope_with_the_defaults(seeded: Any) -> None:
    body = seeded.page("actors")

    assert set(body) == {"items", "total", "limit", "offset", "facets"}
    assert (body["total"], body["limit"], body["offset"], body["facets"]) == (28, 50, 0, None)
    assert len(body["items"]) == len(seed().actors) == 28


def test_limit_one_gives_one_item_and_the_whole_total(seeded: Any) -> None:
    body = seeded.page("mentions", {"limit": 1})

    assert len(body["items"]) == 1
    assert body["limit"] == 1
    assert body["total"] == sum(len(document.mentions) for document in seed().documents)


def test_limit_500_is_allowed(seeded: Any) -> None:
    body = seeded.page("mentions", {"limit": 500})

    assert body["limit"] == 500
    assert len(body["items"]) == body["total"] == 114


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 501}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": -1}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "x"}, "offset"),
        ({"sort": "bogus"}, "sort"),
        ({"sort": "-"}, "sort"),
        ({"sort": "--name"}, "sort"),
        ({"facets": "kind,bogus"}, "facets"),
        ({"facets": ",".join(["kind"] * 11)}, "facets"),
        ({"q": "x" * 1001}, "q"),
    ],
)
@pytest.mark.parametrize("resource", ["actors", "participations"])
def test_invalid_paging_sorting_and_facets_are_422(
    seeded: Any, resource: str, query: dict[str, Any], field: str
) -> None:
    assert field in seeded.error_fields(seeded.get(resource, query))


@pytest.mark.parametrize("resource", RESOURCES)
def test_an_unknown_facet_is_422_on_every_list(seeded: Any, resource: str) -> None:
    assert seeded.error_fields(seeded.get(resource, {"facets": "no_such_facet"})) == {"facets"}


@pytest.mark.parametrize("resource", RESOURCES)
def test_an_offset_beyond_the_end_gives_no_items_and_the_right_total(
    seeded: Any, resource: str
) -> None:
    total = seeded.page(resource)["total"]
    assert total > 0

    for offset in (total, total + 7):
        body = seeded.page(resource, {"offset": offset})
        assert (body["items"], body["total"], body["offset"]) == ([], total, offset)


@pytest.mark.parametrize(
    ("resource", "sort"),
    [
        ("actors", None),
        ("actors", "-country"),
        ("actors", "kind"),
        ("initiatives", "-status"),
        ("initiatives", "founded_on"),
        ("events", None),
        ("events", "-starts_on"),
        ("topics", "label_en"),
        ("documents", None),
        ("participations", "role"),
        ("participations", "-start_on"),
        ("affiliations", "title"),
        ("mentions", "-start"),
        ("mentions", "confidence"),
    ],
)
def test_pages_concatenate_to_the_whole_sorted_list(
    seeded: Any, resource: str, sort: str | None
) -> None:
    sorting = [] if sort is None else [("sort", sort)]
    whole = listed(seeded, resource, sorting)
    pages: list[Any] = []
    offset = 0
    while True:
        body = seeded.page(resource, [*sorting, ("limit", 4), ("offset", offset)])
        assert body["total"] == len(whole)
        if not body["items"]:
            break
        assert len(body["items"]) <= 4
        pages.extend(signature(resource, item) for item in body["items"])
        offset += 4

    assert pages == whole
    assert len(set(pages)) == len(pages)


def test_sort_ascending_and_descending_with_empty_values_last(seeded: Any) -> None:
    ascending = [item["country"] for item in seeded.page("actors", {"sort": "country"})["items"]]
    descending = [item["country"] for item in seeded.page("actors", {"sort": "-country"})["items"]]
    known = [country for country in ascending if country is not None]
    unknown = len(actors_where(lambda a: a.country is None))

    assert unknown > 0
    assert ascending == sorted(known) + [None] * unknown
    assert descending == sorted(known, reverse=True) + [None] * unknown


def test_sort_descending_is_the_reverse_of_ascending(seeded: Any) -> None:
    ascending = seeded.keys("actors", {"sort": "name"})
    descending = seeded.keys("actors", {"sort": "-name"})

    assert descending == list(reversed(ascending))
    assert len(set(ascending)) == 28


def test_documents_are_newest_first_by_default(seeded: Any) -> None:
    default = seeded.keys("documents")

    assert default == [KASACHSTAN, P2030, ALLIANZ, SUEDKOREA, ANTI_IS]
    assert seeded.keys("documents", {"sort": "published_on"}) == list(reversed(default))


def test_events_are_in_date_order_by_default(seeded: Any) -> None:
    items = seeded.page("events", {"limit": 500})["items"]
    dates = [item["starts_on"] for item in items]

    assert dates == sorted(dates)
    assert items[0]["slug"] == "anti-is-koalition-aussenministertreffen-2019-washington"


# --- facets ---------------------------------------------------------------------------------------


def facet(body: dict[str, Any], name: str) -> dict[str, int]:
    return {value["value"]: value["count"] for value in body["facets"][name]}


def labels(body: dict[str, Any], name: str) -> dict[str, tuple[str, str]]:
    return {value["value"]: (value["label"], value["label_en"]) for value in body["facets"][name]}


def distinct_counts(pairs: Any) -> dict[str, int]:
    """Counts of distinct records per value, from (value, record) pairs."""
    records: dict[str, set[Any]] = defaultdict(set)
    for value, record in pairs:
        if value is not None:
            records[str(value)].add(record)
    return {value: len(found) for value, found in records.items()}


def test_actor_facets_count_the_whole_set(seeded: Any) -> None:
    actors = seed().actors
    participations = seed().participations
    body = seeded.page("actors", {"facets": "kind,country,topic,initiative,role", "limit": 1})

    assert len(body["items"]) == 1
    assert facet(body, "kind") == dict(Counter(str(actor.kind) for actor in actors))
    assert facet(body, "country") == dict(Counter(a.country for a in actors if a.country))
    assert facet(body, "topic") == dict(Counter(t for actor in actors for t in actor.topics))
    assert facet(body, "initiative") == distinct_counts(
        (p.initiative, p.actor) for p in participations
    )
    assert facet(body, "role") == distinct_counts((p.role, p.actor) for p in participations)


def test_actor_facets_count_only_the_filtered_set(seeded: Any) -> None:
    states = [actor for actor in seed().actors if actor.kind == "state"]
    body = seeded.page("actors", {"kind": "state", "facets": "kind,country,topic,role"})

    assert body["total"] == len(states)
    assert facet(body, "kind") == {"state": len(states)}
    assert facet(body, "country") == dict(Counter(actor.country for actor in states))
    assert facet(body, "topic") == dict(Counter(t for actor in states for t in actor.topics))
    assert facet(body, "role") == distinct_counts(
        (p.role, p.actor) for p in seed().participations if kind_of(p.actor) == "state"
    )


def test_initiative_facets(seeded: Any) -> None:
    initiatives = seed().initiatives
    body = seeded.page("initiatives", {"facets": "kind,status,topic,country"})

    assert facet(body, "kind") == dict(Counter(str(i.kind) for i in initiatives))
    assert facet(body, "status") == dict(Counter(str(i.status) for i in initiatives))
    assert facet(body, "topic") == dict(Counter(t for i in initiatives for t in i.topics))
    assert facet(body, "country") == distinct_counts(
        (country_of(p.actor), p.initiative) for p in seed().participations if p.initiative
    )


def test_event_facets(seeded: Any) -> None:
    events = seed().events
    body = seeded.page("events", {"facets": "initiative,year"})

    assert facet(body, "initiative") == dict(Counter(e.initiative for e in events if e.initiative))
    assert facet(body, "year") == dict(Counter(str(e.starts)[:4] for e in events if e.starts))


def test_document_facets(seeded: Any) -> None:
    body = seeded.page("documents", {"facets": "publisher,kind,language,topic,year"})

    assert facet(body, "publisher") == {"Auswärtiges Amt": 2, "Partnerschaften2030": 1}
    assert facet(body, "kind") == {"press_release": 2, "article": 1, "news": 1, "other": 1}
    assert facet(body, "language") == {"de": 5}
    assert facet(body, "year") == {"2020": 3, "2023": 1, "2025": 1}
    assert facet(body, "topic") == dict(Counter(t for d in seed().documents for t in d.topics))


def test_relation_facets(seeded: Any) -> None:
    participations = seed().participations
    affiliations = seed().affiliations
    mentions = sum(len(document.mentions) for document in seed().documents)

    body = seeded.page("participations", {"facets": "role,initiative,actor_kind"})
    assert facet(body, "role") == dict(Counter(str(p.role) for p in participations))
    assert facet(body, "initiative") == dict(
        Counter(p.initiative for p in participations if p.initiative)
    )
    assert facet(body, "actor_kind") == dict(Counter(kind_of(p.actor) for p in participations))

    body = seeded.page("affiliations", {"facets": "role,organization"})
    assert facet(body, "role") == dict(Counter(a.title for a in affiliations))
    assert facet(body, "organization") == dict(Counter(a.organization for a in affiliations))

    body = seeded.page("mentions", {"facets": "status,method"})
    assert facet(body, "status") == {"confirmed": mentions}
    assert facet(body, "method") == {"curated": mentions}


@pytest.mark.parametrize(
    ("resource", "facets", "query"),
    [
        ("actors", "kind,country,topic,role", {"initiative": ALLIANZ_INITIATIVE}),
        ("actors", "kind,country,topic,initiative", {"topic": "multilateralismus"}),
        ("initiatives", "kind,status,topic,country", {"topic": "sicherheit"}),
        ("events", "initiative", {"virtual": "false"}),
        ("documents", "publisher,kind,language,topic", {"published_from": "2020-07-01"}),
        ("participations", "role,initiative", {"document": KASACHSTAN}),
        ("affiliations", "role,organization", {"q": "minister"}),
        ("mentions", "status,method", {"document": ANTI_IS}),
    ],
)
def test_each_facet_count_equals_the_total_of_that_filter(
    seeded: Any, resource: str, facets: str, query: dict[str, str]
) -> None:
    body = seeded.page(resource, {**query, "facets": facets, "limit": 1})
    assert body["total"] > 0

    # A facet of a filter already in the query is left out: repeating that filter widens it.
    for name in set(facets.split(",")) - set(query):
        counts = facet(body, name)
        assert counts, name
        for value, count in counts.items():
            narrowed = seeded.page(resource, {**query, name: value, "limit": 1})
            assert narrowed["total"] == count, (name, value)


@pytest.mark.parametrize(
    ("resource", "facets"),
    [
        ("actors", "kind,country,topic,initiative,role"),
        ("initiatives", "kind,status,topic,country"),
        ("documents", "publisher,kind,topic,year"),
        ("participations", "role,initiative,actor_kind"),
        ("affiliations", "role,organization"),
    ],
)
def test_facet_values_are_largest_first_then_by_label(
    seeded: Any, resource: str, facets: str
) -> None:
    body = seeded.page(resource, {"facets": facets})

    assert list(body["facets"]) == facets.split(",")
    for values in body["facets"].values():
        order = [(-value["count"], value["label"].casefold()) for value in values]
        assert order == sorted(order)


def test_facet_labels_are_german_and_english(seeded: Any) -> None:
    actors = seeded.page("actors", {"facets": "kind,country,topic,initiative,role"})
    initiatives = seeded.page("initiatives", {"facets": "kind,status"})
    documents = seeded.page("documents", {"facets": "kind,publisher"})
    participations = seeded.page("participations", {"facets": "actor_kind"})
    affiliations = seeded.page("affiliations", {"facets": "organization"})
    mentions = seeded.page("mentions", {"facets": "status,method"})

    assert labels(actors, "kind")["state"] == ("Staat", "State")
    assert labels(actors, "kind")["international_organisation"] == (
        "Internationale Organisation",
        "International organisation",
    )
    assert labels(actors, "country")["DE"] == ("Deutschland", "Germany")
    assert labels(actors, "country")["KR"] == ("Südkorea", "South Korea")
    assert labels(actors, "topic")["abruestung"] == ("Abrüstung", "Disarmament")
    assert labels(actors, "initiative")[ALLIANZ_INITIATIVE] == (
        "Allianz für den Multilateralismus",
        "Alliance for Multilateralism",
    )
    assert labels(actors, "role")["co_chair"] == ("Ko-Vorsitz", "Co-chair")
    assert labels(initiatives, "kind")["coalition"] == ("Koalition", "Coalition")
    assert labels(initiatives, "status")["active"] == ("aktiv", "active")
    assert labels(documents, "kind")["press_release"] == ("Pressemitteilung", "Press release")
    assert labels(documents, "publisher")["Auswärtiges Amt"] == ("Auswärtiges Amt",) * 2
    assert labels(participations, "actor_kind")["network"] == ("Netzwerk", "Network")
    assert labels(affiliations, "organization")["vereinte-nationen"] == (
        "Vereinte Nationen",
        "United Nations",
    )
    assert labels(mentions, "status")["confirmed"] == ("bestätigt", "confirmed")
    assert labels(mentions, "method")["curated"] == ("kuratiert", "curated")


def test_topics_have_no_facets(seeded: Any) -> None:
    assert seeded.page("topics")["facets"] is None
    assert seeded.error_fields(seeded.get("topics", {"facets": "topic"})) == {"facets"}


# --- details ------------------------------------------------------------------------------------

REF_KEYS = {"slug", "name", "kind"}
EVIDENCE_KEYS = {"document", "start", "end", "quote", "mention_id"}


@pytest.fixture(scope="module")
def clean_texts(seeded: Any) -> dict[str, str]:
    return {slug: seeded.detail(f"documents/{slug}")["clean_text"] for slug in ALL_DOCUMENTS}


def assert_evidence(
    clean_texts: dict[str, str], evidence: dict[str, Any], document: str, quote: str
) -> None:
    assert set(evidence) == EVIDENCE_KEYS
    assert evidence["document"] == document
    assert evidence["quote"] == quote
    assert clean_texts[document][evidence["start"] : evidence["end"]] == quote


def test_a_detail_has_an_etag(seeded: Any) -> None:
    response = seeded.get("actors/deutschland")

    assert response.status_code == 200
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2
    assert seeded.get("actors/deutschland").headers["etag"] == etag
    assert seeded.get("actors/suedkorea").headers["etag"] != etag


def test_an_actor_embeds_participations_affiliations_documents_and_evidence(
    seeded: Any, clean_texts: dict[str, str]
) -> None:
    detail = seeded.detail("actors/deutschland")

    expected = {
        (p.actor, p.initiative or p.event, str(p.role)): p for p in seed().participations
        if p.actor == "deutschland"
    }  # fmt: skip
    found = {signature("participations", item): item for item in detail["participations"]}
    assert set(found) == set(expected)
    for key, item in found.items():
        assert set(item["actor"]) == REF_KEYS
        assert item["actor"] == {"slug": "deutschland", "name": "Deutschland", "kind": "state"}
        evidence = expected[key].evidence
        assert_evidence(clean_texts, item["evidence"], evidence.document, evidence.quote)
    allianz = found[("deutschland", ALLIANZ_INITIATIVE, "member")]
    assert allianz["initiative"] == {
        "slug": ALLIANZ_INITIATIVE,
        "name": "Allianz für den Multilateralismus",
        "kind": "alliance",
    }
    assert allianz["event"] is None

    # Affiliations both ways: the minister of the state, and the state's ministries.
    assert {signature("affiliations", item) for item in detail["affiliations"]} == (
        affiliation_signatures(lambda a: "deutschland" in (a.actor, a.organization))
    )
    maas = next(a for a in detail["affiliations"] if a["actor"]["slug"] == "heiko-maas")
    assert maas["actor"] == {"slug": "heiko-maas", "name": "Heiko Maas", "kind": "person"}
    assert maas["organization"]["slug"] == "deutschland"

    assert {document["slug"] for document in detail["documents"]} == documents_mentioning(
        "actor:deutschland"
    )
    # The first confirmed mention in the earliest document (2020-06-04).
    assert detail["evidence"]["document"] == ANTI_IS
    assert (detail["evidence"]["start"], detail["evidence"]["end"]) == (1637, 1648)
    assert detail["evidence"]["quote"] == "Deutschland"
    assert isinstance(detail["evidence"]["mention_id"], int)
    assert [topic["slug"] for topic in detail["topics"]] == [
        "abruestung",
        "multilateralismus",
        "stabilisierung",
        "terrorismusbekaempfung",
    ]


def test_an_initiative_embeds_participants_by_role_sub_initiatives_and_events(
    seeded: Any,
) -> None:
    detail = seeded.detail("initiatives/anti-is-koalition")

    assert detail["founded_on"] == "2014-01-01"
    assert detail["founded_precision"] == "year"
    assert {ref["slug"] for ref in detail["sub_initiatives"]} == initiatives_where(
        lambda i: i.parent == "anti-is-koalition"
    )
    assert all(set(ref) == REF_KEYS for ref in detail["sub_initiatives"])
    assert [event["slug"] for event in detail["events"]] == [
        "anti-is-koalition-aussenministertreffen-2019-washington",
        "anti-is-koalition-aussenministertreffen-2020-neapel",
    ]
    grouped = {
        role: {item["actor"]["slug"] for item in items}
        for role, items in detail["participants"].items()
    }
    expected: dict[str, set[str]] = defaultdict(set)
    for p in seed().participations:
        if p.initiative == "anti-is-koalition":
            expected[str(p.role)].add(p.actor)
    assert grouped == expected
    assert {d["slug"] for d in detail["documents"]} == documents_mentioning(
        "initiative:anti-is-koalition"
    )

    child = seeded.detail("initiatives/small-group-anti-is-koalition")
    assert child["parent"] == {
        "slug": "anti-is-koalition",
        "name": "Anti-IS-Koalition",
        "kind": "coalition",
    }


def test_an_event_embeds_its_initiative_and_participants(seeded: Any) -> None:
    slug = "small-group-anti-is-koalition-videokonferenz-2020-06-04"
    detail = seeded.detail(f"events/{slug}")

    assert detail["initiative"]["slug"] == "small-group-anti-is-koalition"
    assert set(detail["initiative"]) == REF_KEYS
    grouped = {
        role: sorted(item["actor"]["slug"] for item in items)
        for role, items in detail["participants"].items()
    }
    expected: dict[str, list[str]] = defaultdict(list)
    for p in seed().participations:
        if p.event == slug:
            expected[str(p.role)].append(p.actor)
    assert grouped == {role: sorted(actors) for role, actors in expected.items()}
    for items in detail["participants"].values():
        for item in items:
            assert item["event"] == {"slug": slug, "name": detail["name"], "kind": "event"}
    assert detail["evidence"]["document"] == ANTI_IS
    assert detail["evidence"]["quote"] == "Außenminister-Videokonferenz"


def test_a_topic_lists_what_carries_it(seeded: Any) -> None:
    detail = seeded.detail("topics/abruestung")

    assert (detail["label_de"], detail["label_en"]) == ("Abrüstung", "Disarmament")
    assert {ref["slug"] for ref in detail["actors"]} == actors_where(
        lambda a: "abruestung" in a.topics
    )
    assert {ref["slug"] for ref in detail["initiatives"]} == initiatives_where(
        lambda i: "abruestung" in i.topics
    )
    assert [ref["slug"] for ref in detail["documents"]] == [SUEDKOREA]


def test_a_document_embeds_its_mentions_with_their_text(seeded: Any) -> None:
    detail = seeded.detail(f"documents/{SUEDKOREA}")
    annotated = next(d for d in seed().documents if d.slug == SUEDKOREA)

    assert detail["title"] == "Südkorea: strategischer Partner in Asien"
    assert (detail["publisher"], detail["kind"]) == ("Auswärtiges Amt", "article")
    assert (detail["published_on"], detail["date_precision"]) == ("2020-08-10", "day")
    assert detail["sha256"] == hashlib.sha256(detail["raw_text"].encode()).hexdigest()
    assert [(m["start"], m["end"], m["text"]) for m in detail["mentions"]] == [
        (m.start, m.end, m.text) for m in annotated.mentions
    ]
    for mention in detail["mentions"]:
        assert detail["clean_text"][mention["start"] : mention["end"]] == mention["text"]
        assert mention["document"]["slug"] == SUEDKOREA
        assert f"{mention['entity']['type']}:{mention['entity']['slug']}" in {
            m.entity for m in annotated.mentions
        }


@pytest.mark.parametrize("resource", RELATION_RESOURCES)
def test_a_relation_detail_equals_its_list_item(seeded: Any, resource: str) -> None:
    items = seeded.page(resource, {"limit": 500})["items"]

    for item in items[:: max(1, len(items) // 5)]:
        response = seeded.get(f"{resource}/{item['id']}")
        assert response.status_code == 200
        assert response.json() == item
        assert response.headers["etag"]


def test_every_participation_and_affiliation_quotes_its_evidence(
    seeded: Any, clean_texts: dict[str, str]
) -> None:
    by_signature = {
        (p.actor, p.initiative or p.event, str(p.role)): p.evidence for p in seed().participations
    }
    by_signature.update(
        {(a.actor, a.organization, a.title): a.evidence for a in seed().affiliations}
    )

    for resource in ("participations", "affiliations"):
        for item in seeded.page(resource, {"limit": 500})["items"]:
            evidence = by_signature[signature(resource, item)]
            assert_evidence(clean_texts, item["evidence"], evidence.document, evidence.quote)


@pytest.mark.parametrize("resource", ENTITY_RESOURCES)
def test_an_unknown_slug_is_404(seeded: Any, resource: str) -> None:
    body = seeded.problem(seeded.get(f"{resource}/no-such-record"), 404)

    assert "no-such-record" in body["detail"]


@pytest.mark.parametrize("resource", RELATION_RESOURCES)
@pytest.mark.parametrize("key", ["999999", "0", "not-a-number"])
def test_an_unknown_id_is_404(seeded: Any, resource: str, key: str) -> None:
    seeded.problem(seeded.get(f"{resource}/{key}"), 404)


# --- a fixed number of queries per request (no N+1) ---------------------------------------------


@contextmanager
def counted_statements(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


class Directory:
    """A directory that grows around a few central records, written straight to the database.

    Core: topic `common`, actor `hub`, initiative `parent`, event `summit` (of `parent`) and
    document `digest` that mentions the three. Each member n adds an actor, an initiative (child of
    `parent`), an event, a document, mentions, participations and an affiliation, all tied to the
    core, so that every embedded list of a core record grows with the members.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.size = 0
        with Session(engine, expire_on_commit=False) as session:
            self.common = Topic(slug="common", label_de="Gemeinsam", label_en="Common")
            self.hub = Actor(slug="hub", name="Hub", kind=ActorKind.state, country="DE")
            self.parent = Initiative(slug="parent", name="Parent", kind=InitiativeKind.alliance)
            session.add_all([self.common, self.hub, self.parent])
            session.flush()
            self.summit = Event(slug="summit", name="Summit", initiative_id=self.parent.id)
            self.digest = self._document(session, "digest", "Hub, Parent und Summit im Digest.")
            session.add(self.summit)
            session.flush()
            session.add_all(
                [
                    InitiativeTopic(initiative_id=self.parent.id, topic_id=self.common.id),
                    self._mention(self.digest, actor_id=self.hub.id),
                    self._mention(self.digest, initiative_id=self.parent.id),
                    self._mention(self.digest, event_id=self.summit.id),
                ]
            )
            session.commit()

    def _document(self, session: Session, slug: str, text: str) -> Document:
        document = Document(
            slug=slug, title=slug.title(), raw_text=text, clean_text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            published_on=date(2020, 1, 1), date_precision=DatePrecision.day,
        )  # fmt: skip
        session.add(document)
        session.flush()
        session.add(DocumentTopic(document_id=document.id, topic_id=self.common.id))
        return document

    @staticmethod
    def _mention(document: Document, **target: Any) -> Mention:
        return Mention(
            document_id=document.id, start=0, end=3, text=document.clean_text[:3], **target
        )

    def grow(self, members: int) -> None:
        with Session(self.engine) as session:
            for n in range(self.size, self.size + members):
                actor = Actor(slug=f"actor-{n:03d}", name=f"Akteur {n:03d}", kind=ActorKind.person)
                initiative = Initiative(
                    slug=f"initiative-{n:03d}", name=f"Initiative {n:03d}",
                    kind=InitiativeKind.forum, parent_id=self.parent.id,
                )  # fmt: skip
                session.add_all([actor, initiative])
                session.flush()
                event_row = Event(
                    slug=f"event-{n:03d}", name=f"Treffen {n:03d}", initiative_id=initiative.id
                )
                document = self._document(
                    session, f"document-{n:03d}", f"Akteur {n:03d} trifft Hub."
                )
                session.add(event_row)
                session.flush()
                evidence = {
                    "evidence_document_id": document.id,
                    "evidence_start": 0,
                    "evidence_end": 6,
                }
                role = ParticipationRole
                session.add_all(
                    [
                        ActorTopic(actor_id=actor.id, topic_id=self.common.id),
                        InitiativeTopic(initiative_id=initiative.id, topic_id=self.common.id),
                        Mention(document_id=document.id, start=0, end=10, text=f"Akteur {n:03d}", actor_id=actor.id, method=MentionMethod.linked),  # noqa: E501
                        self._mention(self.digest, actor_id=actor.id),
                        self._mention(document, actor_id=self.hub.id),
                        self._mention(document, initiative_id=self.parent.id),
                        self._mention(document, event_id=self.summit.id),
                        Participation(actor_id=actor.id, initiative_id=initiative.id, role=role.member, **evidence),  # noqa: E501
                        Participation(actor_id=actor.id, initiative_id=self.parent.id, role=role.supporter, **evidence),  # noqa: E501
                        Participation(actor_id=actor.id, event_id=self.summit.id, role=role.participant, **evidence),  # noqa: E501
                        Participation(actor_id=self.hub.id, initiative_id=initiative.id, role=role.founder, **evidence),  # noqa: E501
                        Participation(actor_id=self.hub.id, event_id=event_row.id, role=role.host, **evidence),  # noqa: E501
                        Affiliation(actor_id=actor.id, organization_id=self.hub.id, title="Mitglied", **evidence),  # noqa: E501
                    ]
                )  # fmt: skip
            session.commit()
        self.size += members


def statements_for(api: Any, engine: Engine, path: str, params: Any = None) -> int:
    with counted_statements(engine) as statements:
        response = api.get(path, params)
    assert response.status_code == 200, response.text
    return len(statements)


# Each query keeps the items of a page alike (the same kinds of linked records), so that a page of
# one loads the same kinds of records as a page of fifty.
LIST_QUERIES = [
    ("actors", {"facets": "kind,country,topic,initiative,role"}),
    ("initiatives", {"parent": "parent", "facets": "kind,status,topic,country"}),
    ("events", {"facets": "initiative,year"}),
    ("topics", {}),
    ("documents", {"facets": "publisher,kind,language,topic,year"}),
    ("participations", {"role": "member", "facets": "role,initiative,actor_kind"}),
    ("affiliations", {"facets": "role,organization"}),
    ("mentions", {"method": "linked", "facets": "status,method"}),
]


@pytest.mark.parametrize(("resource", "query"), LIST_QUERIES, ids=[r for r, _ in LIST_QUERIES])
def test_a_list_takes_as_many_queries_for_50_items_as_for_1(
    api: Any, engine: Engine, resource: str, query: dict[str, str]
) -> None:
    directory = Directory(engine)
    directory.grow(60)
    if resource == "topics":
        for n in range(60):
            api.post("topics", {"label_de": f"Thema {n}", "label_en": f"Topic {n}"})

    one = statements_for(api, engine, resource, {**query, "limit": 1})
    fifty = statements_for(api, engine, resource, {**query, "limit": 50})

    assert len(api.page(resource, {**query, "limit": 50})["items"]) == 50
    assert fifty == one
    # BEGIN, count, page, what the items embed (at most four tables); per facet counts and labels
    assert one <= 7 + 2 * len(query.get("facets", "").split(","))


@pytest.mark.parametrize(
    "path",
    [
        "actors/hub",
        "initiatives/parent",
        "events/summit",
        "topics/common",
        "documents/digest",
        "participations/1",
        "mentions/1",
    ],
)
def test_a_detail_takes_as_many_queries_however_much_it_embeds(
    api: Any, engine: Engine, path: str
) -> None:
    directory = Directory(engine)
    directory.grow(2)
    small = api.detail(path)
    before = statements_for(api, engine, path)

    directory.grow(40)
    large = api.detail(path)
    after = statements_for(api, engine, path)

    if not path.startswith(("participations", "mentions")):
        assert len(str(large)) > 5 * len(str(small)), "the detail must embed more after growing"
    assert after == before
    assert after <= 16


def test_the_hub_embeds_everything_it_is_linked_to(api: Any, engine: Engine) -> None:
    Directory(engine).grow(30)

    hub = api.detail("actors/hub")

    assert len(hub["participations"]) == 60
    assert {item["role"] for item in hub["participations"]} == {"founder", "host"}
    assert len(hub["affiliations"]) == 30
    assert all(item["organization"]["slug"] == "hub" for item in hub["affiliations"])
    assert len(hub["documents"]) == 31
    assert all(item["evidence"]["quote"] == "Akteur" for item in hub["participations"])
