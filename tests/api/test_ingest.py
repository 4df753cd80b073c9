"""POST /api/v1/documents/ingest and the review queue, as an editor's program uses them, on real
SQLite and PostgreSQL: a text in, its known names linked, the unknown ones queued; accepting and
rejecting; every kind of bad input refused with a problem document and nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy.engine import Engine
from tests.api.conftest import Api, press_release

from atlas.app import create_app
from atlas.settings import Settings

BODY = (
    "Die Allianz für den Multilateralismus hat sich am Rande der Generalversammlung in New York "
    "getroffen. Kasachstans Außenminister sprach über die Zusammenarbeit in Zentralasien. "
    "Premierminister Mustafa al-Kadhimi betonte die Rolle der kasachischen Regierung. "
    "Die Allianz will ihre Arbeit im nächsten Jahr fortsetzen."
)
TEXT = press_release("Allianz trifft sich in New York", BODY)


@pytest.fixture
def directory(make: Any) -> dict[str, Any]:
    return {
        "state": make.actor(name="Kasachstan", name_en="Kazakhstan", kind="state", country="KZ"),
        "alliance": make.initiative(
            name="Allianz für den Multilateralismus",
            name_en="Alliance for Multilateralism",
            kind="alliance",
        ),
    }


def ingest(api: Api, **body: Any) -> Any:
    return api.post("documents/ingest", body)


def queue(api: Api, **params: Any) -> dict[str, Any]:
    """A page of the review queue, read with the editor's key."""
    response = api.get("suggestions", params, headers=api.headers)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def total(api: Api, resource: str, **params: Any) -> int:
    if resource == "suggestions":
        return int(queue(api, **params)["total"])
    count: int = api.page(resource, params)["total"]
    return count


def test_a_text_becomes_a_document_with_its_known_names_linked(
    api: Api, directory: dict[str, Any]
) -> None:
    response = ingest(api, text=TEXT, source_url="https://example.org/allianz")

    assert response.status_code == 201, response.text
    result = response.json()
    slug = result["document"]["slug"]
    assert response.headers["location"] == f"/api/v1/documents/{slug}"
    assert result["status"] == "new"
    assert result["document"]["title"] == "Allianz trifft sich in New York"
    assert result["document"]["published_on"] == "2021-03-12"
    document = api.detail(f"documents/{slug}")
    assert document["source_url"] == "https://example.org/allianz"
    mentions = api.page("mentions", {"document": slug, "limit": 100})["items"]
    assert result["mentions"] == len(mentions)
    linked = {(m["text"], m["entity"]["slug"]) for m in mentions}
    alliance, state = directory["alliance"]["slug"], directory["state"]["slug"]
    assert ("Allianz für den Multilateralismus", alliance) in linked
    assert ("Kasachstans", state) in linked  # inflected
    assert ("kasachischen", state) in linked  # the state's adjective
    assert ("Allianz", alliance) in linked  # a short reference after the full name
    for mention in mentions:
        assert mention["method"] == "linked"
        assert 0 < mention["confidence"] <= 1
        assert document["clean_text"][mention["start"] : mention["end"]] == mention["text"]
    # Sure matches are confirmed; the adjective and the short reference wait for an editor.
    status = {m["text"]: m["status"] for m in mentions}
    assert status["Allianz für den Multilateralismus"] == "confirmed"
    assert status["kasachischen"] == "suggested"


def test_the_same_text_again_is_unchanged_and_writes_nothing(
    api: Api, directory: dict[str, Any]
) -> None:
    first = ingest(api, text=TEXT).json()
    counts = [total(api, name) for name in ("documents", "mentions")]
    queued = total(api, "suggestions")

    again = ingest(api, text=TEXT)

    assert again.status_code == 200, again.text
    assert again.json()["status"] == "unchanged"
    assert again.json()["document"]["slug"] == first["document"]["slug"]
    assert [total(api, name) for name in ("documents", "mentions")] == counts
    assert total(api, "suggestions") == queued


def test_unknown_names_are_queued_with_their_evidence(api: Api, directory: dict[str, Any]) -> None:
    slug = ingest(api, text=TEXT).json()["document"]["slug"]

    pending = queue(api, document=slug, status="pending", limit=100)
    names = {item["name"]: item for item in pending["items"]}
    person = next(item for name, item in names.items() if "al-Kadhimi" in name)
    assert person["kind"] == "entity"
    assert person["entity_type"] == "actor"
    assert person["entity_kind"] == "person"
    document = api.detail(f"documents/{slug}")
    evidence = person["evidence"]
    assert evidence["document"] == slug
    assert document["clean_text"][evidence["start"] : evidence["end"]] == evidence["quote"]
    assert evidence["start"] <= person["start"] < person["end"] <= evidence["end"]
    # Known names are linked, never suggested.
    assert not any(name == "Allianz für den Multilateralismus" for name in names)


def test_the_queue_is_for_editors_only(api: Api, directory: dict[str, Any]) -> None:
    assert api.post("documents/ingest", {"text": TEXT}, headers={}).status_code == 401
    api.problem(api.get("suggestions", headers={}), 401)


def test_accepting_creates_the_entity_and_links_it_from_then_on(
    api: Api, directory: dict[str, Any]
) -> None:
    ingest(api, text=TEXT)
    person = _queued(api, "al-Kadhimi")

    response = api.post(f"suggestions/{person['id']}/accept", {"name": "Mustafa al-Kadhimi"})

    assert response.status_code == 200, response.text
    accepted = response.json()
    assert accepted["status"] == "accepted"
    entity_type, _, slug = accepted["outcome"].partition(":")
    assert entity_type == "actor"
    actor = api.detail(f"actors/{slug}")
    assert actor["name"] == "Mustafa al-Kadhimi"
    assert actor["kind"] == "person"
    mentioned = api.page("mentions", {"entity": f"actor:{slug}"})["items"]
    assert mentioned and all(m["status"] == "confirmed" for m in mentioned)
    # A later text naming him is linked to the new entity, not suggested again.
    later = press_release(
        "Besuch in Bagdad",
        "Der Außenminister traf in Bagdad Mustafa al-Kadhimi zu einem langen Gespräch über die "
        "Lage in der Region und die Zusammenarbeit beider Länder.",
        day="14.03.2021",
    )
    document = ingest(api, text=later).json()["document"]["slug"]
    linked = api.page("mentions", {"document": document, "entity": f"actor:{slug}"})
    assert linked["total"] >= 1
    assert api.post(f"suggestions/{person['id']}/accept", {}).status_code == 409


def test_merging_gives_the_existing_entity_the_name_as_alias(
    api: Api, make: Any, directory: dict[str, Any]
) -> None:
    existing = make.actor(name="Mustafa Al-Kadhimi", kind="person", country="IQ")
    # The catalogue knows "Mustafa Al-Kadhimi"; a differently written name still gets queued.
    ingest(
        api,
        text=press_release(
            "Gespräche",
            "Premierminister Kadhimi empfing die Delegation. Es ging um Wiederaufbau, Handel und "
            "die Sicherheit der Region in den kommenden Jahren.",
        ),
    )
    suggestion = _queued(api, "Kadhimi")

    response = api.post(
        f"suggestions/{suggestion['id']}/accept", {"into": f"actor:{existing['slug']}"}
    )

    assert response.status_code == 200, response.text
    actor = api.detail(f"actors/{existing['slug']}")
    assert suggestion["name"] in actor["aliases"]
    assert total(api, "actors", kind="person") == 1


def test_rejecting_remembers_the_name(api: Api, directory: dict[str, Any]) -> None:
    ingest(api, text=TEXT)
    person = _queued(api, "al-Kadhimi")

    rejected = api.post(f"suggestions/{person['id']}/reject", {})

    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    other = press_release(
        "Weitere Gespräche",
        "Auch Premierminister Mustafa al-Kadhimi nahm an dem Treffen teil, bei dem die "
        "Minister über Wasser, Energie und Handel sprachen.",
        day="20.03.2021",
    )
    slug = ingest(api, text=other).json()["document"]["slug"]
    items = queue(api, document=slug, limit=100)["items"]
    assert not any("al-Kadhimi" in item["name"] for item in items)
    assert api.post(f"suggestions/{person['id']}/reject", {}).status_code == 409


def test_unknown_suggestion_and_bad_decisions(api: Api, directory: dict[str, Any]) -> None:
    api.problem(api.post("suggestions/999999/accept", {}), 404)
    ingest(api, text=TEXT)
    person = _queued(api, "al-Kadhimi")
    bad = api.post(f"suggestions/{person['id']}/accept", {"into": "actor:gibt-es-nicht"})
    assert "into" in api.error_fields(bad)
    wrong_kind = api.post(f"suggestions/{person['id']}/accept", {"kind": "alliance"})
    assert "kind" in api.error_fields(wrong_kind)
    assert queue(api, status="pending")["total"] >= 1


def _queued(api: Api, fragment: str) -> dict[str, Any]:
    pending = queue(api, status="pending", kind="entity", limit=500)["items"]
    found = [item for item in pending if fragment in item["name"]]
    assert found, [item["name"] for item in pending]
    return found[0]


# --- the other ways in -------------------------------------------------------------------------


def test_an_uploaded_file_in_latin_1(api: Api, directory: dict[str, Any]) -> None:
    data = TEXT.encode("latin-1")

    response = api.client.post(
        "/api/v1/documents/ingest",
        files={"file": ("allianz.txt", data, "text/plain")},
        headers=api.headers,
    )

    assert response.status_code == 201, response.text
    slug = response.json()["document"]["slug"]
    assert "Außenminister" in api.detail(f"documents/{slug}")["clean_text"]


def test_a_raw_text_body(api: Api, directory: dict[str, Any]) -> None:
    response = api.client.post(
        "/api/v1/documents/ingest",
        content=TEXT.encode("utf-8"),
        headers={**api.headers, "Content-Type": "text/plain; charset=utf-8"},
    )

    assert response.status_code == 201, response.text
    assert response.json()["mentions"] >= 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "   \n  "}, "text"),
        ({}, "text"),
        ({"text": TEXT, "url": "https://example.org/"}, "text"),
        ({"text": TEXT, "colour": "blau"}, "colour"),
        ({"url": "http://127.0.0.1:9/pressemitteilung"}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data/"}, "url"),
        ({"url": "ftp://example.org/text.txt"}, "url"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    api: Api, directory: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    before = [total(api, name) for name in ("documents", "mentions", "suggestions")]

    assert field in api.error_fields(ingest(api, **body))

    assert [total(api, name) for name in ("documents", "mentions", "suggestions")] == before


def test_a_binary_upload_is_refused(api: Api) -> None:
    response = api.client.post(
        "/api/v1/documents/ingest",
        files={"file": ("bericht.pdf", b"%PDF-1.7\n\x00\x01binary", "application/pdf")},
        headers=api.headers,
    )

    body = api.problem(response, 422)
    assert "binary" in body["detail"]
    assert total(api, "documents") == 0


def test_a_text_over_the_cap_is_refused_with_413(engine: Engine, api: Api) -> None:
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False), ingest_max_bytes=2_000
    )
    with TestClient(create_app(settings, engine=engine)) as client:
        response = client.post(
            "/api/v1/documents/ingest",
            files={"file": ("lang.txt", ("Wort " * 1_000).encode(), "text/plain")},
            headers=api.headers,
        )

    api.problem(response, 413)
    assert total(api, "documents") == 0


def test_html_without_an_article_is_refused(api: Api) -> None:
    page = "<html><head><title>Start</title></head><body><nav>Menü</nav></body></html>".encode()
    response = api.client.post(
        "/api/v1/documents/ingest",
        content=page,
        headers={**api.headers, "Content-Type": "text/html"},
    )

    body = api.problem(response, 422)
    assert "no_article" in body["detail"]


RELATION_TEXT = press_release(
    "Besuch aus Kasachstan",
    "Der kasachische Präsident Kassym-Schomart Tokajew besuchte Berlin. Er sprach über die "
    "Zusammenarbeit in Zentralasien und die Allianz für den Multilateralismus.",
    day="03.05.2021",
)


def _relations_naming(api: Api, fragment: str) -> list[dict[str, Any]]:
    items = queue(api, status="pending", limit=500)["items"]
    return [
        item
        for item in items
        if item["kind"] != "entity" and fragment in item["relation"]["subject"]["name"]
    ]


def test_a_relation_follows_the_decision_on_its_unknown_end(
    api: Api, directory: dict[str, Any]
) -> None:
    ingest(api, text=RELATION_TEXT)
    relations = _relations_naming(api, "Tokajew")
    assert relations, queue(api, limit=500)["items"]
    assert all(item["relation"]["subject"]["ref"] is None for item in relations)
    assert all(item["document_title"] == "Besuch aus Kasachstan" for item in relations)
    person = _queued(api, "Tokajew")

    accepted = api.post(f"suggestions/{person['id']}/accept", {}).json()

    # The relation now names the entity the person became.
    for item in _relations_naming(api, "Tokajew"):
        assert item["relation"]["subject"]["ref"] == accepted["outcome"]


def test_rejecting_a_name_rejects_the_relations_that_need_it(
    api: Api, directory: dict[str, Any]
) -> None:
    ingest(api, text=RELATION_TEXT)
    assert _relations_naming(api, "Tokajew")
    person = _queued(api, "Tokajew")

    assert api.post(f"suggestions/{person['id']}/reject", {}).status_code == 200

    assert _relations_naming(api, "Tokajew") == []
