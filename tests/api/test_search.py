"""GET /api/v1/search, GET /api/v1/suggest and `q` on lists, over the seed data and over records
written through the API (the index follows every write)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import Api, Make

ALLIANCE = "allianz-fuer-den-multilateralismus"
TEXT_000 = "2020-09-allianz-fuer-den-multilateralismus-ministertreffen"


def hits(api: Api, q: str, **params: object) -> list[str]:
    body = api.page("search", {"q": q, **params})
    return [f"{item['type']}:{item['slug']}" for item in body["items"]]


def suggestions(api: Api, q: str) -> list[dict[str, Any]]:
    response = api.get("suggest", {"q": q})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_search_answers_ranked_hits_with_snippets_and_type_facets(seeded: Api) -> None:
    body = seeded.page("search", {"q": "Alliance for Multilateralism"})
    first = body["items"][0]
    assert (first["type"], first["slug"]) == ("initiative", ALLIANCE)
    assert set(first) == {"type", "slug", "name", "kind", "snippet", "score", "highlights"}
    assert first["name"] == "Allianz für den Multilateralismus"
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)
    counts = {facet["value"]: facet["count"] for facet in body["facets"]["type"]}
    assert counts["document"] >= 2 and counts["initiative"] >= 1
    assert body["total"] == sum(counts.values())
    for item in body["items"]:
        for start, end in item["highlights"]:
            assert 0 <= start < end <= len(item["snippet"])
        assert "<" not in item["snippet"] or "<" in item["name"]


def test_a_document_hit_highlights_the_mention_of_the_entity_named_in_other_words(
    seeded: Api,
) -> None:
    body = seeded.page("search", {"q": "Alliance for Multilateralism", "type": "document"})
    document = next(item for item in body["items"] if item["slug"] == TEXT_000)
    marked = [document["snippet"][start:end] for start, end in document["highlights"]]
    assert "Allianz für den Multilateralismus" in marked


@pytest.mark.parametrize("spelling", ["aussenminister", "Außenminister", "AUSSENMINISTER"])
def test_case_umlauts_and_sharp_s_do_not_matter(seeded: Api, spelling: str) -> None:
    assert hits(seeded, spelling) == hits(seeded, "Außenminister")
    assert hits(seeded, spelling)


@pytest.mark.parametrize("q", ["Tokayev", "Alliance for Multilateralism", "Anti-IS-Koalition"])
def test_documents_that_match_or_mention_what_the_query_names_count_once(
    seeded: Api, q: str
) -> None:
    body = seeded.page("search", {"q": q, "type": "document", "limit": 100})
    slugs = [item["slug"] for item in body["items"]]
    assert slugs and len(slugs) == len(set(slugs))
    assert body["total"] == len(slugs)


def test_type_limits_the_hits_but_not_the_type_facet(seeded: Api) -> None:
    everything = seeded.page("search", {"q": "Multilateralismus"})
    actors = seeded.page("search", {"q": "Multilateralismus", "type": "document"})
    assert {item["type"] for item in actors["items"]} == {"document"}
    assert actors["facets"] == everything["facets"]
    assert actors["total"] == next(
        facet["count"] for facet in everything["facets"]["type"] if facet["value"] == "document"
    )


def test_search_pages_through_the_same_ranking(seeded: Api) -> None:
    whole = hits(seeded, "Außenminister", limit=50)
    assert len(whole) >= 4
    pages = hits(seeded, "Außenminister", limit=2) + hits(
        seeded, "Außenminister", limit=2, offset=2
    )
    assert pages == whole[:4]


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "'; DROP TABLE actor; --",
        "NEAR(a b)",
        "* OR ( AND",
        "kasach*",
        'names : "x"',
        "a\x00b\x07",
        "Ä" * 999,
        "NOT -Multilateralismus",
    ],
)
def test_any_query_string_gets_an_answer_or_a_400(seeded: Api, q: str) -> None:
    response = seeded.get("search", {"q": q})
    if response.status_code != 200:
        seeded.problem(response, 400)
    assert seeded.get("actors", {"q": q}).status_code in (200, 400)
    assert seeded.get("suggest", {"q": q}).status_code in (200, 400)


@pytest.mark.parametrize("q", ["", "   ", "!!! ???", "x" * 1001])
def test_a_query_without_words_or_too_long_is_a_400(seeded: Api, q: str) -> None:
    seeded.problem(seeded.get("search", {"q": q}), 400)


def test_an_unknown_type_is_a_422(seeded: Api) -> None:
    assert seeded.error_fields(seeded.get("search", {"q": "Maas", "type": "person"})) == {"type"}


def test_suggest_completes_names_and_aliases_from_any_word_start(seeded: Api) -> None:
    items = suggestions(seeded, "multi")
    slugs = [(item["type"], item["slug"]) for item in items]
    assert ("initiative", ALLIANCE) in slugs
    assert all(set(item) == {"type", "slug", "name", "kind", "matched"} for item in items)
    tokayev = suggestions(seeded, "toka")
    assert tokayev[0]["slug"] == "kassym-schomart-tokajew"
    assert tokayev[0]["matched"] != tokayev[0]["name"]  # the alias it completes


def test_suggest_puts_whole_names_first_and_tolerates_typos(seeded: Api) -> None:
    assert suggestions(seeded, "kasach")[0]["slug"] == "kasachstan"
    assert suggestions(seeded, "Kasachstn")[0]["slug"] == "kasachstan"


def test_q_on_a_list_uses_the_search_and_combines_with_filters_and_facets(seeded: Api) -> None:
    documents = seeded.keys("documents", {"q": "Tokayev"})
    assert documents == ["2025-03-kasachstan-un-regionalzentrum-astana-international-forum"]
    body = seeded.page("actors", {"q": "Außenminister", "facets": "kind"})
    assert body["items"] and body["facets"]["kind"]
    people = seeded.keys("actors", {"q": "Außenminister", "kind": "person"})
    assert people and set(people) <= {item["slug"] for item in body["items"]}
    participations = seeded.page("participations", {"q": "Anti-IS-Koalition", "limit": 500})
    assert participations["items"]
    assert all(
        "anti-is" in (item["initiative"] or item["event"] or {}).get("slug", "")
        or item["actor"]["slug"]
        for item in participations["items"]
    )


def test_the_index_follows_creates_renames_and_deletes(api: Api, make: Make) -> None:
    actor = make.actor(name="Republik Moldau", aliases=["Moldova"])
    assert hits(api, "Moldova") == [f"actor:{actor['slug']}"]
    response = api.patch(f"actors/{actor['slug']}", {"name": "Moldawien"})
    assert response.status_code == 200, response.text
    renamed = response.json()["slug"]
    assert hits(api, "Moldawien") == [f"actor:{renamed}"]
    assert hits(api, "Moldau") == []
    assert api.delete(f"actors/{renamed}").status_code == 204
    assert hits(api, "Moldova") == []


def test_deleting_an_initiative_removes_its_events_from_the_index(api: Api, make: Make) -> None:
    initiative = make.initiative(name="Ostsee-Rat")
    make.event(name="Gipfeltreffen Danzig", initiative=initiative["slug"])
    assert hits(api, "Danzig") != []
    assert api.delete(f"initiatives/{initiative['slug']}", {"cascade": "true"}).status_code == 204
    assert hits(api, "Danzig") == []


def test_several_words_rank_higher_where_they_stand_together(api: Api, make: Make) -> None:
    apart = make.document(
        body="Die Wasserversorgung bleibt schwierig. Viele Gemeinden warten seit Jahren auf "
        "Hilfe, und neue Brunnen sind teuer. Eine Partnerschaft mit Nachbarländern ist geplant."
    )
    together = make.document(
        body="Die Wasserversorgung bleibt schwierig. Eine Wasser-Partnerschaft mit den "
        "Nachbarländern soll helfen, neue Brunnen zu bauen."
    )
    ranked = hits(api, "Wasser Partnerschaft")
    assert ranked == [f"document:{together['slug']}", f"document:{apart['slug']}"]
