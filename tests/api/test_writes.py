"""Writing the directory through the API, on a fresh database per test: create, read, list,
change and delete every resource; ETags and If-Match; API keys; conflicts, references and
cascades; slugs made from names and renamed slugs; and the problem document of every error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

ENTITY_RESOURCES = ["actors", "initiatives", "events", "topics", "documents"]
RELATION_RESOURCES = ["participations", "affiliations", "mentions"]
REF_KEYS = {"slug", "name", "kind"}
AGREEMENT = "Deutschland und Frankreich haben heute ein Abkommen unterzeichnet. Es gilt ab sofort."


def key_of(resource: str, record: dict[str, Any]) -> Any:
    return record["id"] if resource in RELATION_RESOURCES else record["slug"]


def path_of(resource: str, record: dict[str, Any]) -> str:
    return f"{resource}/{key_of(resource, record)}"


def listed_keys(api: Any, resource: str, params: Any = None) -> list[Any]:
    key = "id" if resource in RELATION_RESOURCES else "slug"
    return list(api.keys(resource, params, key=key))


# --- create → read → list → change → delete, for every resource ------------------------------


@dataclass
class Lifecycle:
    """What a resource's round trip sends, and what its answers must hold."""

    create: dict[str, Any]
    change: dict[str, Any]
    created: dict[str, Any] = field(default_factory=dict)  # expected in the created record
    changed: dict[str, Any] = field(default_factory=dict)  # expected after the change


def topic_case(make: Any) -> Lifecycle:
    return Lifecycle(
        create={"label_de": "Außenpolitik", "label_en": "Foreign policy"},
        change={"label_en": "Foreign affairs"},
        created={"slug": "aussenpolitik", "label_de": "Außenpolitik"},
        changed={"label_en": "Foreign affairs"},
    )


def actor_case(make: Any) -> Lifecycle:
    topic = make.topic(label_de="Klima", label_en="Climate")
    return Lifecycle(
        create={
            "name": "Frankreich",
            "name_en": "France",
            "kind": "state",
            "country": "FR",
            "aliases": ["Französische Republik"],
            "topics": [topic["slug"]],
        },
        change={"name_en": "French Republic", "topics": []},
        created={
            "slug": "frankreich",
            "country": "FR",
            "aliases": ["Französische Republik"],
            "topics": [{"slug": "klima", "label_de": "Klima", "label_en": "Climate"}],
            "participations": [],
            "affiliations": [],
            "documents": [],
            "evidence": None,
        },
        changed={"name_en": "French Republic", "topics": [], "name": "Frankreich"},
    )


def initiative_case(make: Any) -> Lifecycle:
    parent = make.initiative(name="Europäische Zusammenarbeit")
    topic = make.topic()
    return Lifecycle(
        create={
            "name": "Weimarer Dreieck",
            "kind": "dialogue",
            "status": "active",
            "founded_on": "1991-08-29",
            "parent": parent["slug"],
            "topics": [topic["slug"]],
        },
        change={"status": "ended", "founded_on": None},
        created={
            "slug": "weimarer-dreieck",
            "founded_precision": "day",
            "parent": {"slug": parent["slug"], "name": parent["name"], "kind": "alliance"},
            "participants": {},
            "sub_initiatives": [],
            "events": [],
        },
        changed={"status": "ended", "founded_on": None, "founded_precision": None},
    )


def event_case(make: Any) -> Lifecycle:
    initiative = make.initiative(name="Weimarer Dreieck", kind="dialogue")
    return Lifecycle(
        create={
            "name": "Gipfel in Weimar 2021",
            "initiative": initiative["slug"],
            "starts_on": "2021-06-01",
            "ends_on": "2021-06-02",
            "place": "Weimar",
        },
        change={"virtual": True, "place": None},
        created={
            "slug": "gipfel-in-weimar-2021",
            "date_precision": "day",
            "virtual": False,
            "initiative": {
                "slug": "weimarer-dreieck",
                "name": "Weimarer Dreieck",
                "kind": "dialogue",
            },
            "participants": {},
        },
        changed={"virtual": True, "place": None, "starts_on": "2021-06-01"},
    )


def document_case(make: Any) -> Lifecycle:
    from_parser = make.press_release("Abkommen in Paris", AGREEMENT, day="12.03.2021")
    return Lifecycle(
        create={"raw_text": from_parser},
        change={"title": "Abkommen in Paris unterzeichnet"},
        created={
            "slug": "abkommen-in-paris",
            "title": "Abkommen in Paris",
            "publisher": "Auswärtiges Amt",
            "kind": "press_release",
            "published_on": "2021-03-12",
            "date_precision": "day",
            "clean_text": AGREEMENT,
            "raw_text": from_parser,
            "mentions": [],
        },
        changed={"title": "Abkommen in Paris unterzeichnet", "slug": "abkommen-in-paris"},
    )


def participation_case(make: Any) -> Lifecycle:
    actor = make.actor(name="Frankreich")
    initiative = make.initiative(name="Weimarer Dreieck", kind="dialogue")
    document = make.document(AGREEMENT)
    return Lifecycle(
        create={
            "actor": actor["slug"],
            "initiative": initiative["slug"],
            "role": "founder",
            "start_on": "1991-08-29",
            "evidence": {"document": document["slug"], "start": 16, "end": 26},
        },
        change={"role": "member", "note": "Gründungsmitglied"},
        created={
            "actor": {"slug": "frankreich", "name": "Frankreich", "kind": "state"},
            "initiative": {
                "slug": "weimarer-dreieck",
                "name": "Weimarer Dreieck",
                "kind": "dialogue",
            },
            "event": None,
            "date_precision": "day",
            "evidence": {
                "document": document["slug"],
                "start": 16,
                "end": 26,
                "quote": "Frankreich",
                "mention_id": None,
            },
        },
        changed={"role": "member", "note": "Gründungsmitglied", "start_on": "1991-08-29"},
    )


def affiliation_case(make: Any) -> Lifecycle:
    person = make.actor(name="Annalena Baerbock", kind="person")
    state = make.actor(name="Deutschland")
    document = make.document(AGREEMENT)
    return Lifecycle(
        create={
            "actor": person["slug"],
            "organization": state["slug"],
            "title": "Außenministerin",
            "title_en": "Foreign Minister",
            "evidence": {"document": document["slug"], "start": 0, "end": 11},
        },
        change={"title": "Bundesaußenministerin", "evidence": None},
        created={
            "actor": {"slug": "annalena-baerbock", "name": "Annalena Baerbock", "kind": "person"},
            "organization": {"slug": "deutschland", "name": "Deutschland", "kind": "state"},
            "evidence": {
                "document": document["slug"],
                "start": 0,
                "end": 11,
                "quote": "Deutschland",
                "mention_id": None,
            },
        },
        changed={
            "title": "Bundesaußenministerin",
            "evidence": None,
            "title_en": "Foreign Minister",
        },
    )


def mention_case(make: Any) -> Lifecycle:
    actor = make.actor(name="Frankreich")
    document = make.document(AGREEMENT)
    return Lifecycle(
        create={"document": document["slug"], "start": 16, "end": 26, "entity": "actor:frankreich"},
        change={"status": "suggested", "confidence": 0.5},
        created={
            "text": "Frankreich",
            "entity": {
                "type": "actor",
                "slug": actor["slug"],
                "name": "Frankreich",
                "kind": "state",
            },
            "document": {
                "slug": document["slug"],
                "name": document["title"],
                "kind": "press_release",
            },
            "method": "curated",
            "status": "confirmed",
            "confidence": 1.0,
        },
        changed={"status": "suggested", "confidence": 0.5, "text": "Frankreich"},
    )


LIFECYCLES: dict[str, Callable[[Any], Lifecycle]] = {
    "topics": topic_case,
    "actors": actor_case,
    "initiatives": initiative_case,
    "events": event_case,
    "documents": document_case,
    "participations": participation_case,
    "affiliations": affiliation_case,
    "mentions": mention_case,
}


# Request fields that name other records (or the raw text) and come back in another shape.
SENT_AS_SLUGS = {
    "topics", "parent", "initiative", "actor", "organization", "evidence", "document", "entity",
    "raw_text",
}  # fmt: skip


def assert_holds(record: dict[str, Any], expected: dict[str, Any]) -> None:
    assert {name: record[name] for name in expected} == expected


@pytest.mark.parametrize("resource", list(LIFECYCLES))
def test_create_read_list_change_delete(api: Any, make: Any, resource: str) -> None:
    case = LIFECYCLES[resource](make)

    created = api.post(resource, case.create)
    assert created.status_code == 201, created.text
    record = created.json()
    sent_as_is = {k: v for k, v in case.create.items() if k not in SENT_AS_SLUGS}
    assert_holds(record, sent_as_is)
    assert_holds(record, case.created)
    assert record["version"] == 1
    path = path_of(resource, record)
    assert created.headers["location"] == f"/api/v1/{path}"
    etag = created.headers["etag"]

    read = api.get(path)
    assert read.status_code == 200
    assert read.json() == record
    assert read.headers["etag"] == etag
    assert key_of(resource, record) in listed_keys(api, resource)

    changed = api.patch(path, case.change)
    assert changed.status_code == 200, changed.text
    assert_holds(changed.json(), case.changed)
    assert changed.json()["version"] > record["version"]
    assert changed.headers["etag"] != etag
    assert api.get(path).json() == changed.json()

    deleted = api.delete(path)
    assert deleted.status_code == 204
    assert deleted.content == b""
    api.problem(api.get(path), 404)
    assert key_of(resource, record) not in listed_keys(api, resource)
    api.problem(api.delete(path), 404)
    api.problem(api.patch(path, case.change), 404)


def test_a_created_record_counts_in_lists_and_facets(api: Any, make: Any) -> None:
    make.actor(kind="state", country="FR")
    before = api.page("actors", {"facets": "kind,country"})

    make.actor(kind="ngo", country="FR")

    after = api.page("actors", {"facets": "kind,country"})
    assert after["total"] == before["total"] + 1
    assert {v["value"]: v["count"] for v in after["facets"]["kind"]} == {"state": 1, "ngo": 1}
    assert {v["value"]: v["count"] for v in after["facets"]["country"]} == {"FR": 2}
    assert [v["label"] for v in after["facets"]["country"]] == ["Frankreich"]


# --- documents ----------------------------------------------------------------------------------


def test_a_document_takes_title_date_and_publisher_from_its_raw_text(api: Any, make: Any) -> None:
    raw_text = make.press_release("Neues Abkommen unterzeichnet", AGREEMENT, day="05.11.2021")

    document = make.create("documents", {"raw_text": raw_text})

    assert document["slug"] == "neues-abkommen-unterzeichnet"
    assert document["title"] == "Neues Abkommen unterzeichnet"
    assert document["publisher"] == "Auswärtiges Amt"
    assert document["kind"] == "press_release"
    assert (document["published_on"], document["date_precision"]) == ("2021-11-05", "day")
    assert document["language"] == "de"
    assert document["clean_text"] == AGREEMENT
    assert document["raw_text"] == raw_text
    assert document["sha256"] == hashlib.sha256(raw_text.encode()).hexdigest()
    assert api.keys(
        "documents", {"published_from": "2021-11-05", "publisher": "Auswärtiges Amt"}
    ) == [document["slug"]]


def test_a_document_keeps_the_month_its_text_states(make: Any) -> None:
    document = make.create("documents", {"raw_text": f"date 2020-09 {AGREEMENT}"})

    assert (document["published_on"], document["date_precision"]) == ("2020-09-01", "month")


def test_fields_given_win_over_the_parser(make: Any) -> None:
    raw_text = make.press_release("Schlagzeile", AGREEMENT)

    document = make.create(
        "documents",
        {"raw_text": raw_text, "title": "Eigener Titel", "publisher": "Redaktion", "slug": "eigen"},
    )

    assert (document["slug"], document["title"], document["publisher"]) == (
        "eigen",
        "Eigener Titel",
        "Redaktion",
    )


def test_the_same_text_twice_is_409(api: Any, make: Any) -> None:
    raw_text = make.press_release("Abkommen", AGREEMENT)
    first = make.create("documents", {"raw_text": raw_text})

    again = api.post("documents", {"raw_text": raw_text, "title": "Anderer Titel"})

    body = api.problem(again, 409)
    assert first["slug"] in body["detail"]
    assert api.keys("documents") == [first["slug"]]


def test_changing_a_text_into_another_documents_text_is_409(api: Any, make: Any) -> None:
    first = make.document()
    second = make.document()

    response = api.patch(f"documents/{second['slug']}", {"raw_text": first["raw_text"]})

    api.problem(response, 409)
    assert api.detail(f"documents/{second['slug']}")["raw_text"] == second["raw_text"]


def test_changing_the_raw_text_recomputes_clean_text_and_hash(api: Any, make: Any) -> None:
    document = make.document()
    raw_text = make.press_release("Andere Schlagzeile", "Ein ganz neuer Text. Zweiter Satz.")

    changed = api.patch(f"documents/{document['slug']}", {"raw_text": raw_text}).json()

    assert changed["clean_text"] == "Ein ganz neuer Text. Zweiter Satz."
    assert changed["sha256"] == hashlib.sha256(raw_text.encode()).hexdigest()
    assert changed["title"] == document["title"], "a change of text keeps the title"


@pytest.mark.parametrize(
    ("body", "field"),
    [({"raw_text": ""}, "raw_text"), ({"title": "Ohne Text"}, "raw_text")],
)
def test_a_document_needs_a_text(api: Any, body: dict[str, Any], field: str) -> None:
    assert field in api.error_fields(api.post("documents", body))


# --- relations and mentions -----------------------------------------------------------------------


def test_a_participation_in_an_event_embeds_both_ends(api: Any, make: Any) -> None:
    actor = make.actor(name="Italien")
    event = make.event(name="Videokonferenz", starts_on="2020-06-04")

    participation = make.participation(actor=actor["slug"], event=event["slug"], role="host")

    assert participation["initiative"] is None
    assert participation["event"] == {
        "slug": "videokonferenz",
        "name": "Videokonferenz",
        "kind": "event",
    }
    assert set(participation["actor"]) == REF_KEYS
    event_detail = api.detail(f"events/{event['slug']}")
    assert [p["id"] for p in event_detail["participants"]["host"]] == [participation["id"]]
    actor_detail = api.detail(f"actors/{actor['slug']}")
    assert [p["id"] for p in actor_detail["participations"]] == [participation["id"]]


@pytest.mark.parametrize(
    ("span", "field"),
    [
        ({"start": 0, "end": len(AGREEMENT) + 1}, "evidence"),
        ({"start": len(AGREEMENT), "end": len(AGREEMENT) + 5}, "evidence"),
        ({"start": 10, "end": 10}, "evidence"),
        ({"start": 12, "end": 4}, "evidence"),
    ],
)
@pytest.mark.parametrize("resource", ["participations", "affiliations"])
def test_evidence_outside_the_text_is_422(
    api: Any, make: Any, resource: str, span: dict[str, int], field: str
) -> None:
    document = make.document(AGREEMENT)
    body: dict[str, Any] = {
        "actor": make.actor(kind="person")["slug"],
        "evidence": {"document": document["slug"], **span},
    }
    if resource == "participations":
        body.update(initiative=make.initiative()["slug"], role="member")
    else:
        body.update(organization=make.actor()["slug"], title="Botschafter")

    response = api.post(resource, body)

    assert field in api.error_fields(response)
    assert api.keys(resource, key="id") == []


def test_the_whole_text_is_a_valid_evidence_span(make: Any) -> None:
    document = make.document(AGREEMENT)

    participation = make.participation(
        evidence={"document": document["slug"], "start": 0, "end": len(AGREEMENT)}
    )

    assert participation["evidence"]["quote"] == AGREEMENT


def test_a_span_is_checked_against_the_clean_text_on_change(api: Any, make: Any) -> None:
    document = make.document(AGREEMENT)
    participation = make.participation(
        evidence={"document": document["slug"], "start": 0, "end": 11}
    )
    path = f"participations/{participation['id']}"

    too_far = {"evidence": {"document": document["slug"], "start": 0, "end": 999}}
    assert "evidence" in api.error_fields(api.patch(path, too_far))
    assert api.detail(path)["evidence"]["end"] == 11

    moved = api.patch(path, {"evidence": {"document": document["slug"], "start": 16, "end": 26}})
    assert moved.json()["evidence"]["quote"] == "Frankreich"
    cleared = api.patch(path, {"evidence": None})
    assert cleared.json()["evidence"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"actor": "nobody", "initiative": "weimarer-dreieck", "role": "member"}, "actor"),
        ({"actor": "frankreich", "initiative": "nothing", "role": "member"}, "initiative"),
        ({"actor": "frankreich", "event": "nothing", "role": "member"}, "event"),
        ({"actor": "frankreich", "role": "member"}, "initiative"),
        (
            {
                "actor": "frankreich",
                "initiative": "weimarer-dreieck",
                "event": "gipfel",
                "role": "member",
            },
            "initiative",
        ),
        ({"actor": "frankreich", "initiative": "weimarer-dreieck", "role": "emperor"}, "role"),
        ({"actor": "frankreich", "initiative": "weimarer-dreieck"}, "role"),
        (
            {
                "actor": "frankreich",
                "initiative": "weimarer-dreieck",
                "role": "member",
                "evidence": {"document": "nothing", "start": 0, "end": 2},
            },
            "evidence.document",
        ),
    ],
)
def test_an_invalid_participation_is_422(
    api: Any, make: Any, body: dict[str, Any], field: str
) -> None:
    make.actor(name="Frankreich")
    make.initiative(name="Weimarer Dreieck")
    make.event(name="Gipfel")

    assert field in api.error_fields(api.post("participations", body))
    assert api.keys("participations", key="id") == []


def test_an_actor_cannot_be_affiliated_with_itself(api: Any, make: Any) -> None:
    actor = make.actor()

    body = {"actor": actor["slug"], "organization": actor["slug"], "title": "Selbst"}

    assert "organization" in api.error_fields(api.post("affiliations", body))


def test_a_mention_takes_its_text_from_the_span(api: Any, make: Any) -> None:
    document = make.document(AGREEMENT)
    initiative = make.initiative(name="Abkommen")

    start = AGREEMENT.index("Abkommen")

    mention = make.mention(
        document=document["slug"],
        start=start,
        end=start + 8,
        entity=f"initiative:{initiative['slug']}",
    )

    assert mention["text"] == "Abkommen"
    assert mention["entity"] == {
        "type": "initiative",
        "slug": "abkommen",
        "name": "Abkommen",
        "kind": "alliance",
    }
    moved = api.patch(f"mentions/{mention['id']}", {"start": 16, "end": 26})
    assert moved.json()["text"] == "Frankreich"
    embedded = api.detail(f"documents/{document['slug']}")["mentions"]
    assert [(m["id"], m["text"]) for m in embedded] == [(mention["id"], "Frankreich")]


def test_a_mention_links_the_document_to_its_entity(api: Any, make: Any) -> None:
    actor = make.actor(name="Deutschland")
    document = make.document(AGREEMENT)

    mention = make.mention(document=document["slug"], entity="actor:deutschland")

    detail = api.detail(f"actors/{actor['slug']}")
    assert [d["slug"] for d in detail["documents"]] == [document["slug"]]
    assert detail["evidence"] == {
        "document": document["slug"],
        "start": 0,
        "end": 11,
        "quote": "Deutschland",
        "mention_id": mention["id"],
    }
    assert api.keys("documents", {"mentions": "actor:deutschland"}) == [document["slug"]]
    assert api.keys("documents", {"mentions": "deutschland"}) == [document["slug"]]
    assert api.keys("documents", {"mentions": "initiative:deutschland"}) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": 0, "end": len(AGREEMENT) + 1}, "end"),
        ({"start": 30, "end": 20}, "end"),
        ({"start": -1}, "start"),
        ({"entity": "actor:nobody"}, "entity"),
        ({"entity": "person:deutschland"}, "entity"),
        ({"entity": "deutschland"}, "entity"),
        ({"confidence": 1.5}, "confidence"),
        ({"status": "maybe"}, "status"),
        ({"document": "nothing"}, "document"),
    ],
)
def test_an_invalid_mention_is_422(api: Any, make: Any, change: dict[str, Any], field: str) -> None:
    make.actor(name="Deutschland")
    document = make.document(AGREEMENT)
    body = {"document": document["slug"], "start": 0, "end": 11, "entity": "actor:deutschland"}

    assert field in api.error_fields(api.post("mentions", {**body, **change}))
    assert api.keys("mentions", key="id") == []


def test_mentions_filter_by_entity_status_and_method(api: Any, make: Any) -> None:
    make.actor(name="Deutschland")
    make.actor(name="Frankreich")
    document = make.document(AGREEMENT)
    confirmed = make.mention(document=document["slug"], entity="actor:deutschland")
    suggested = make.mention(
        document=document["slug"], start=16, end=26, entity="actor:frankreich",
        method="linked", status="suggested", confidence=0.4,
    )  # fmt: skip

    def ids(query: dict[str, Any]) -> list[int]:
        return list(api.keys("mentions", query, key="id"))

    assert ids({"entity": "actor:frankreich"}) == [suggested["id"]]
    assert ids({"entity": "deutschland"}) == [confirmed["id"]]
    assert ids({"entity": "event:deutschland"}) == []
    assert ids({"status": "suggested"}) == [suggested["id"]]
    assert ids({"status": "rejected"}) == []
    assert ids({"method": "curated"}) == [confirmed["id"]]
    assert ids({"method": "linked", "status": "confirmed"}) == []
    assert ids({"sort": "-confidence"}) == [confirmed["id"], suggested["id"]]
    facets = api.page("mentions", {"facets": "status,method"})["facets"]
    assert {v["value"]: (v["label"], v["count"]) for v in facets["status"]} == {
        "confirmed": ("bestätigt", 1),
        "suggested": ("vorgeschlagen", 1),
    }
    assert {v["value"]: v["label_en"] for v in facets["method"]} == {
        "curated": "curated",
        "linked": "linked automatically",
    }


# --- slugs --------------------------------------------------------------------------------------


def test_a_slug_is_made_from_the_name_the_german_way(make: Any) -> None:
    first = make.actor(name="Außenministerium", kind="government_body")
    second = make.actor(name="Außenministerium", kind="government_body")
    third = make.actor(name="AUSSENMINISTERIUM", kind="government_body")

    assert [first["slug"], second["slug"], third["slug"]] == [
        "aussenministerium",
        "aussenministerium-2",
        "aussenministerium-3",
    ]
    assert make.actor(name="Südkorea")["slug"] == "suedkorea"
    assert make.actor(name="António Guterres", kind="person")["slug"] == "antonio-guterres"
    assert (
        make.topic(label_de="Gesundheit & Öffentlichkeit")["slug"] == "gesundheit-oeffentlichkeit"
    )


def test_slugs_are_unique_per_resource_not_across(make: Any) -> None:
    actor = make.actor(name="Weimarer Dreieck")
    initiative = make.initiative(name="Weimarer Dreieck")

    assert actor["slug"] == initiative["slug"] == "weimarer-dreieck"


def test_a_given_slug_is_kept_and_a_taken_one_is_409(api: Any, make: Any) -> None:
    make.actor(name="Frankreich", slug="fr")

    body = api.problem(api.post("actors", {"name": "France", "kind": "state", "slug": "fr"}), 409)

    assert "fr" in body["detail"]
    assert api.keys("actors") == ["fr"]


@pytest.mark.parametrize(
    "slug", ["Not A Slug", "umlaut-ä", "-leading", "trailing-", "a--b", "x" * 121]
)
def test_an_invalid_slug_is_422(api: Any, slug: str) -> None:
    assert "slug" in api.error_fields(
        api.post("actors", {"name": "X", "kind": "state", "slug": slug})
    )


def test_renaming_to_a_taken_slug_is_409_and_changes_nothing(api: Any, make: Any) -> None:
    make.actor(name="Frankreich")
    italien = make.actor(name="Italien")

    api.problem(api.patch("actors/italien", {"slug": "frankreich", "name": "Rom"}), 409)

    assert api.detail("actors/italien") == italien
    assert sorted(api.keys("actors")) == ["frankreich", "italien"]


def test_a_renamed_slug_redirects(api: Any, make: Any) -> None:
    make.actor(name="Frankreich")

    renamed = api.patch("actors/frankreich", {"slug": "franzoesische-republik"})
    assert renamed.status_code == 200
    assert renamed.json()["slug"] == "franzoesische-republik"

    read = api.get("actors/frankreich")
    assert read.status_code == 301
    assert read.headers["location"] == "/api/v1/actors/franzoesische-republik"
    change = api.patch("actors/frankreich", {"name": "Französische Republik"})
    assert change.status_code == 308
    assert change.headers["location"] == "/api/v1/actors/franzoesische-republik"
    assert api.detail("actors/franzoesische-republik")["name"] == "Frankreich"
    assert api.keys("actors") == ["franzoesische-republik"]
    # The old slug stays reserved for the redirect: a new record of that name gets another.
    assert make.actor(name="Frankreich")["slug"] == "frankreich-2"


def test_a_delete_on_a_renamed_slug_is_redirected(api: Any, make: Any) -> None:
    make.actor(name="Frankreich")
    api.patch("actors/frankreich", {"slug": "fr"})

    response = api.delete("actors/frankreich")

    assert response.status_code == 308
    assert response.headers["location"] == "/api/v1/actors/fr"
    assert api.keys("actors") == ["fr"]


def test_a_slug_renamed_twice_and_back_redirects_to_the_current_one(api: Any, make: Any) -> None:
    make.topic(label_de="Klima")
    api.patch("topics/klima", {"slug": "klimaschutz"})
    api.patch("topics/klimaschutz", {"slug": "klimapolitik"})

    assert api.get("topics/klima").headers["location"] == "/api/v1/topics/klimapolitik"
    assert api.get("topics/klimaschutz").headers["location"] == "/api/v1/topics/klimapolitik"

    back = api.patch("topics/klimapolitik", {"slug": "klima"})
    assert back.status_code == 200
    assert api.get("topics/klima").status_code == 200
    assert api.get("topics/klimapolitik").headers["location"] == "/api/v1/topics/klima"


def test_a_former_slug_given_to_another_record_can_be_renamed_again(api: Any, make: Any) -> None:
    make.actor(name="Frankreich")
    api.patch("actors/frankreich", {"slug": "fr"})
    other = make.actor(name="Frankreich (alt)", slug="frankreich")
    assert api.detail("actors/frankreich")["name"] == other["name"]

    renamed = api.patch("actors/frankreich", {"slug": "frankreich-alt"})

    assert renamed.status_code == 200, renamed.text
    assert api.get("actors/frankreich").headers["location"] == "/api/v1/actors/frankreich-alt"
    assert api.detail("actors/fr")["name"] == "Frankreich"


# --- ETag and If-Match ----------------------------------------------------------------------------


def etag(api: Any, path: str) -> str:
    response = api.get(path)
    assert response.status_code == 200
    return str(response.headers["etag"])


@dataclass
class Target:
    """A record whose writes are guarded by If-Match, and two changes to it."""

    path: str
    change: dict[str, Any]
    other_change: dict[str, Any]


@pytest.fixture(params=["actors", "participations"])
def target(request: pytest.FixtureRequest, make: Any) -> Target:
    if request.param == "actors":
        path = f"actors/{make.actor(name='Frankreich')['slug']}"
        return Target(path, {"description": "Nachbar"}, {"name": "Paris"})
    path = f"participations/{make.participation()['id']}"
    return Target(path, {"note": "Gründungsmitglied"}, {"role": "chair"})


def test_a_stale_if_match_is_412_and_changes_nothing(api: Any, target: Target) -> None:
    stale = etag(api, target.path)
    assert api.patch(target.path, target.change).status_code == 200
    current = api.detail(target.path)

    response = api.patch(target.path, target.other_change, if_match=stale)

    body = api.problem(response, 412)
    assert body["title"] == "Precondition Failed"
    assert api.detail(target.path) == current
    api.problem(api.delete(target.path, if_match=stale), 412)
    assert api.detail(target.path) == current


def test_a_matching_if_match_writes_and_gives_a_new_etag(api: Any, target: Target) -> None:
    before = etag(api, target.path)

    response = api.patch(target.path, target.change, if_match=before)

    assert response.status_code == 200
    after = response.headers["etag"]
    assert after != before
    assert etag(api, target.path) == after
    assert api.detail(target.path)["version"] == 2
    api.problem(api.patch(target.path, target.other_change, if_match=before), 412)
    assert api.delete(target.path, if_match=after).status_code == 204
    api.problem(api.get(target.path), 404)


@pytest.mark.parametrize("header", ["*", " * ", '"0-0", {etag}', '{etag}, "9-9"'])
def test_if_match_accepts_any_and_lists(api: Any, make: Any, header: str) -> None:
    make.actor(name="Frankreich")
    current = etag(api, "actors/frankreich")

    response = api.patch(
        "actors/frankreich", {"name_en": "France"}, if_match=header.format(etag=current)
    )

    assert response.status_code == 200
    assert response.json()["name_en"] == "France"


def test_one_change_moves_the_version_by_one(api: Any, make: Any) -> None:
    topic = make.topic()
    make.actor(name="Frankreich")

    changed = api.patch("actors/frankreich", {"name_en": "France", "topics": [topic["slug"]]})

    assert changed.status_code == 200
    assert changed.json()["version"] == 2


def test_changing_only_the_topics_moves_the_etag(api: Any, make: Any) -> None:
    topic = make.topic()
    make.actor(name="Frankreich")
    before = etag(api, "actors/frankreich")

    response = api.patch("actors/frankreich", {"topics": [topic["slug"]]}, if_match=before)

    assert response.status_code == 200
    assert response.headers["etag"] != before
    api.problem(api.patch("actors/frankreich", {"topics": []}, if_match=before), 412)
    assert [t["slug"] for t in api.detail("actors/frankreich")["topics"]] == [topic["slug"]]


# --- keys -----------------------------------------------------------------------------------------


BAD_KEYS = [
    pytest.param({}, id="no-key"),
    pytest.param({"Authorization": "Bearer atlas_not-a-real-key"}, id="unknown-key"),
    pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="other-scheme"),
]


@pytest.mark.parametrize("headers", BAD_KEYS)
def test_writes_without_a_valid_key_are_401_and_change_nothing(
    api: Any, make: Any, headers: dict[str, str]
) -> None:
    make.actor(name="Frankreich")
    participation = make.participation(actor="frankreich")
    participation_path = f"participations/{participation['id']}"
    actor = api.detail("actors/frankreich")
    actors = api.keys("actors")

    responses = [
        api.post("actors", {"name": "Italien", "kind": "state"}, headers=headers),
        api.post("topics", {"label_de": "Klima", "label_en": "Climate"}, headers=headers),
        api.patch("actors/frankreich", {"name": "Paris"}, headers=headers),
        api.patch(participation_path, {"role": "chair"}, headers=headers),
        api.delete("actors/frankreich", {"cascade": "true"}, headers=headers),
        api.delete(participation_path, headers=headers),
        api.patch("actors/no-such-actor", {"name": "x"}, headers=headers),
        api.post("actors", {"name": ""}, headers=headers),
    ]

    for response in responses:
        api.problem(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "atlas_not-a-real-key" not in response.text
    assert api.detail("actors/frankreich") == actor
    assert api.detail(participation_path) == participation
    assert api.keys("actors") == actors
    assert api.keys("topics") == []


def test_reads_need_no_key(api: Any, make: Any) -> None:
    make.actor(name="Frankreich")

    response = api.client.get("/api/v1/actors/frankreich")

    assert response.status_code == 200


# --- not found, conflicts, references, cascades ------------------------------------------------


@pytest.mark.parametrize("resource", ENTITY_RESOURCES)
def test_changing_or_deleting_an_unknown_slug_is_404(api: Any, resource: str) -> None:
    api.problem(api.patch(f"{resource}/no-such-slug", {}), 404)
    api.problem(api.delete(f"{resource}/no-such-slug"), 404)


@pytest.mark.parametrize("resource", RELATION_RESOURCES)
def test_changing_or_deleting_an_unknown_id_is_404(api: Any, resource: str) -> None:
    api.problem(api.patch(f"{resource}/424242", {}), 404)
    api.problem(api.delete(f"{resource}/424242"), 404)


def test_deleting_a_referenced_actor_is_409_listing_the_references(api: Any, make: Any) -> None:
    make.actor(name="Deutschland")
    minister = make.actor(name="Annalena Baerbock", kind="person")
    participation = make.participation(actor="deutschland")
    affiliation = make.affiliation(actor=minister["slug"], organization="deutschland")
    mention = make.mention(entity="actor:deutschland")

    response = api.delete("actors/deutschland")

    body = api.problem(response, 409)
    assert body["references"] == {"participations": 1, "affiliations": 1, "mentions": 1}
    assert "cascade=true" in body["detail"]
    assert api.get("actors/deutschland").status_code == 200
    for path in (f"participations/{participation['id']}", f"affiliations/{affiliation['id']}",
                 f"mentions/{mention['id']}"):  # fmt: skip
        assert api.get(path).status_code == 200
    api.problem(api.delete("actors/deutschland", {"cascade": "false"}), 409)


def test_cascade_deletes_what_refers_to_an_actor(api: Any, make: Any) -> None:
    make.actor(name="Deutschland")
    minister = make.actor(name="Annalena Baerbock", kind="person")
    participation = make.participation(actor="deutschland")
    affiliation = make.affiliation(actor=minister["slug"], organization="deutschland")
    mention = make.mention(entity="actor:deutschland")

    assert api.delete("actors/deutschland", {"cascade": "true"}).status_code == 204

    api.problem(api.get("actors/deutschland"), 404)
    for path in (f"participations/{participation['id']}", f"affiliations/{affiliation['id']}",
                 f"mentions/{mention['id']}"):  # fmt: skip
        api.problem(api.get(path), 404)
    assert api.detail(f"actors/{minister['slug']}")["affiliations"] == []
    assert api.get(f"initiatives/{participation['initiative']['slug']}").status_code == 200
    assert api.get(f"documents/{mention['document']['slug']}").status_code == 200


def test_deleting_a_cited_document_is_409_and_cascade_removes_what_rests_on_it(
    api: Any, make: Any
) -> None:
    document = make.document(AGREEMENT)
    evidence = {"document": document["slug"], "start": 0, "end": 11}
    participation = make.participation(evidence=evidence)
    affiliation = make.affiliation(evidence=evidence)
    mention = make.mention(document=document["slug"])
    path = f"documents/{document['slug']}"

    body = api.problem(api.delete(path), 409)
    assert body["references"] == {
        "mentions": 1,
        "participations stated by it": 1,
        "affiliations stated by it": 1,
    }

    assert api.delete(path, {"cascade": "true"}).status_code == 204
    for gone in (path, f"participations/{participation['id']}",
                 f"affiliations/{affiliation['id']}", f"mentions/{mention['id']}"):  # fmt: skip
        api.problem(api.get(gone), 404)
    assert api.get(f"actors/{participation['actor']['slug']}").status_code == 200


def test_deleting_an_initiative_cascades_but_keeps_its_sub_initiatives(api: Any, make: Any) -> None:
    make.initiative(name="Anti-IS-Koalition", kind="coalition")
    child = make.initiative(name="Small Group", parent="anti-is-koalition")
    event = make.event(name="Treffen in Rom", initiative="anti-is-koalition")
    participation = make.participation(initiative="anti-is-koalition")
    at_event = make.participation(event=event["slug"])
    mention = make.mention(entity="initiative:anti-is-koalition")

    references = api.problem(api.delete("initiatives/anti-is-koalition"), 409)["references"]
    # What refers to the initiative itself; the event's own participation may be counted too.
    assert {name: references[name] for name in ("events", "sub-initiatives", "mentions")} == {
        "events": 1,
        "sub-initiatives": 1,
        "mentions": 1,
    }
    assert references["participations"] >= 1

    assert api.delete("initiatives/anti-is-koalition", {"cascade": "true"}).status_code == 204
    assert api.detail(f"initiatives/{child['slug']}")["parent"] is None
    assert api.keys("initiatives", {"parent": "anti-is-koalition"}) == []
    for gone in (f"events/{event['slug']}", f"participations/{participation['id']}",
                 f"participations/{at_event['id']}", f"mentions/{mention['id']}"):  # fmt: skip
        api.problem(api.get(gone), 404)


def test_deleting_a_topic_in_use_is_409_and_cascade_untags(api: Any, make: Any) -> None:
    topic = make.topic(label_de="Klima")
    actor = make.actor(topics=["klima"])
    initiative = make.initiative(topics=["klima"])
    document = make.document(topics=["klima"])

    body = api.problem(api.delete("topics/klima"), 409)
    assert body["references"] == {"actor topics": 1, "initiative topics": 1, "document topics": 1}
    assert [ref["slug"] for ref in api.detail("topics/klima")["actors"]] == [actor["slug"]]

    assert api.delete(f"topics/{topic['slug']}", {"cascade": "true"}).status_code == 204
    for path in (f"actors/{actor['slug']}", f"initiatives/{initiative['slug']}",
                 f"documents/{document['slug']}"):  # fmt: skip
        assert api.detail(path)["topics"] == []


def test_deleting_an_event_in_use_is_409(api: Any, make: Any) -> None:
    event = make.event()
    make.participation(event=event["slug"])

    body = api.problem(api.delete(f"events/{event['slug']}"), 409)

    assert body["references"] == {"participations": 1}


def test_a_deleted_slug_no_longer_redirects(api: Any, make: Any) -> None:
    make.actor(name="Frankreich")
    api.patch("actors/frankreich", {"slug": "fr"})

    assert api.delete("actors/fr").status_code == 204

    api.problem(api.get("actors/frankreich"), 404)
    assert make.actor(name="Frankreich")["slug"] == "frankreich"


# --- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resource", "body", "field"),
    [
        ("actors", {"kind": "state"}, "name"),
        ("actors", {"name": "", "kind": "state"}, "name"),
        ("actors", {"name": "X", "kind": "planet"}, "kind"),
        ("actors", {"name": "X", "kind": "state", "country": "DEU"}, "country"),
        ("actors", {"name": "X", "kind": "state", "country": "de"}, "country"),
        ("actors", {"name": "X", "kind": "state", "topics": ["no-such-topic"]}, "topics"),
        ("actors", {"name": "X" * 301, "kind": "state"}, "name"),
        ("initiatives", {"name": "X", "kind": "alliance", "parent": "nothing"}, "parent"),
        ("initiatives", {"name": "X", "kind": "alliance", "status": "dormant"}, "status"),
        (
            "initiatives",
            {"name": "X", "kind": "alliance", "founded_on": "2020-02-30"},
            "founded_on",
        ),
        ("events", {"name": "X", "initiative": "nothing"}, "initiative"),
        ("events", {"name": "X", "virtual": "often"}, "virtual"),
        ("topics", {"label_de": "Klima"}, "label_en"),
        ("affiliations", {"actor": "a", "organization": "b"}, "title"),
        ("mentions", {"document": "d", "start": 0, "end": 1}, "entity"),
        ("actors", [], "body"),
    ],
)
def test_an_invalid_body_is_422_naming_the_field(
    api: Any, resource: str, body: Any, field: str
) -> None:
    assert field in api.error_fields(api.post(resource, body))
    assert api.page(resource)["total"] == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": None}, "name"),
        ({"kind": None}, "kind"),
        ({"kind": "planet"}, "kind"),
        ({"aliases": None}, "aliases"),
        ({"country": "D"}, "country"),
        ({"topics": ["nothing"]}, "topics"),
        ({"slug": "Kein Slug"}, "slug"),
    ],
)
def test_an_invalid_change_is_422_and_changes_nothing(
    api: Any, make: Any, change: dict[str, Any], field: str
) -> None:
    actor = make.actor(name="Frankreich", aliases=["FR"])

    assert field in api.error_fields(api.patch("actors/frankreich", change))
    assert api.detail("actors/frankreich") == actor


def test_an_initiative_cannot_become_its_own_ancestor(api: Any, make: Any) -> None:
    make.initiative(name="Koalition")
    make.initiative(name="Gruppe", parent="koalition")

    assert api.error_fields(api.patch("initiatives/koalition", {"parent": "gruppe"})) == {"parent"}
    assert api.error_fields(api.patch("initiatives/koalition", {"parent": "koalition"})) == {
        "parent"
    }
    assert api.detail("initiatives/koalition")["parent"] is None


@pytest.mark.parametrize(
    ("resource", "body", "field"),
    [
        (
            "events",
            {"name": "Gipfel", "starts_on": "2021-06-02", "ends_on": "2021-06-01"},
            "ends_on",
        ),
        ("events", {"name": "Gipfel", "ends_on": "2021-06-01"}, "ends_on"),
    ],
)
def test_an_end_before_the_start_is_422(
    api: Any, resource: str, body: dict[str, Any], field: str
) -> None:
    response = api.post(resource, body)

    assert field in api.error_fields(response)


def test_a_period_ending_before_it_starts_is_422(api: Any, make: Any) -> None:
    body = {
        "actor": make.actor()["slug"],
        "initiative": make.initiative()["slug"],
        "role": "member",
        "start_on": "2021-06-02",
        "end_on": "2021-06-01",
    }

    assert "end_on" in api.error_fields(api.post("participations", body))


def test_malformed_json_is_a_problem_document(api: Any) -> None:
    response = api.client.post(
        "/api/v1/actors",
        content=b"{not json",
        headers={**api.headers, "Content-Type": "application/json"},
    )

    assert response.status_code in (400, 422)
    api.problem(response, response.status_code)


# --- q on what was written ------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["österreich", "ÖSTERREICH", "Österreich", "reich"])
def test_q_ignores_case_beyond_ascii(api: Any, make: Any, q: str) -> None:
    make.actor(name="Österreich", aliases=["Republik Österreich"])
    make.actor(name="Frankreich")

    expected = ["oesterreich"] if q.lower() != "reich" else ["frankreich", "oesterreich"]

    assert sorted(api.keys("actors", {"q": q})) == expected


# --- the problem document, everywhere -------------------------------------------------------------


def test_every_error_is_a_problem_document(api: Any, make: Any) -> None:
    make.actor(name="Frankreich")
    make.participation(actor="frankreich")
    stale = '"0-0"'
    requests = [
        (api.get("actors/nothing"), 404),
        (api.get("mentions/1"), 404),
        (api.get("nothing-here"), 404),
        (api.client.put("/api/v1/actors/frankreich", json={}), 405),
        (api.get("actors", {"limit": 501}), 422),
        (api.get("actors", {"sort": "bogus"}), 422),
        (api.get("actors", {"facets": "bogus"}), 422),
        (api.get("actors", {"format": "xml"}), 422),
        (api.post("actors", {"name": "Frankreich", "kind": "state", "slug": "frankreich"}), 409),
        (api.post("actors", {"name": "Frankreich"}), 422),
        (api.post("actors", {"name": "X", "kind": "state"}, headers={}), 401),
        (api.patch("actors/frankreich", {"name": "X"}, if_match=stale), 412),
        (api.delete("actors/frankreich", if_match=stale), 412),
        (api.delete("actors/frankreich"), 409),
        (api.delete("participations/999"), 404),
    ]

    for response, status in requests:
        api.problem(response, status)


@pytest.mark.parametrize("country", ["XX", "EU", "ZZ"])
def test_a_country_must_be_an_iso_3166_code(api: Any, country: str) -> None:
    created = api.post("actors", {"name": "Irgendwo", "kind": "state", "country": country})
    assert api.problem(created, 422)["errors"][0]["field"] == "country"

    api.post("actors", {"name": "Portugal", "kind": "state", "country": "PT", "slug": "portugal"})
    changed = api.patch("actors/portugal", {"country": "XX"})
    assert api.problem(changed, 422)["errors"][0]["field"] == "country"
    assert api.get("actors/portugal").json()["country"] == "PT"
