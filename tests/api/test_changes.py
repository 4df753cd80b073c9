"""The change history through the API, on a fresh SQLite and PostgreSQL database per test: every
write is recorded with who, when, before and after; deleted records come back with restore."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from tests.api.conftest import Api, Make

from atlas.db import session_scope
from atlas.models import ApiKeyRole
from atlas.services.apikeys import create_api_key

ATLAS = str(Path(sys.executable).with_name("atlas"))


def changes(api: Api, **params: Any) -> list[dict[str, Any]]:
    """The changes (newest first) as an editor reads them."""
    response = api.get("changes", {**params, "limit": 500}, headers=api.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["total"] == len(body["items"])
    return list(body["items"])


def restore(api: Api, change_id: int, headers: dict[str, str] | None = None) -> httpx.Response:
    return api.client.post(
        api.url(f"changes/{change_id}/restore"),
        headers=api.headers if headers is None else headers,
    )


def test_create_update_delete_are_recorded_with_who_before_and_after(api: Api, make: Make) -> None:
    topic = make.topic()
    make.actor(name="Frankreich", kind="state", topics=[topic["slug"]])
    assert api.patch("actors/frankreich", {"name_en": "France", "topics": []}).status_code == 200
    assert api.delete("actors/frankreich").status_code == 204

    deleted, updated, created = changes(api, record="actor:frankreich")

    assert {item["who"] for item in (deleted, updated, created)} == {"test-editor"}
    assert created["action"] == "create" and created["before"] is None
    assert created["after"]["name"] == "Frankreich"
    assert created["after"]["topics"] == [topic["slug"]]
    assert (created["slug"], created["version"]) == ("frankreich", 1)
    assert deleted["record_id"] == updated["record_id"] == created["record_id"]
    assert updated["action"] == "update" and updated["version"] == 2
    assert updated["before"] == {"name_en": None, "topics": [topic["slug"]]}
    assert updated["after"] == {"name_en": "France", "topics": []}
    assert deleted["action"] == "delete" and deleted["after"] is None
    assert deleted["before"]["name_en"] == "France"
    assert deleted["before"]["kind"] == "state"
    assert deleted["at"] >= updated["at"] >= created["at"]
    assert deleted["id"] > updated["id"] > created["id"]


def test_relations_and_documents_are_recorded(api: Api, make: Make) -> None:
    participation = make.participation(role="member")
    mention = make.mention()
    assert (
        api.patch(f"participations/{participation['id']}", {"role": "founder"}).status_code == 200
    )
    assert api.delete(f"mentions/{mention['id']}").status_code == 204

    (changed,) = changes(api, record=f"participation:{participation['id']}", action="update")
    assert (changed["before"], changed["after"]) == ({"role": "member"}, {"role": "founder"})
    created_document = changes(api, type="document")[0]
    assert created_document["action"] == "create"
    assert created_document["after"]["raw_text"].startswith("Willkommen")
    deleted, created = changes(api, record=f"mention:{mention['id']}")
    assert (deleted["action"], created["action"]) == ("delete", "create")
    assert deleted["before"]["start"] == 0 and deleted["before"]["end"] == 11


def test_filters_and_facets(api: Api, make: Make) -> None:
    make.actor()
    make.topic()
    everything = changes(api)
    assert [item["action"] for item in everything] == ["create", "create"]
    assert [item["type"] for item in changes(api, type="topic")] == ["topic"]
    assert changes(api, who="somebody-else") == []
    assert changes(api, since=everything[0]["at"]) == [everything[0]]
    assert changes(api, until=everything[0]["at"]) == [everything[1]]
    response = api.get("changes", {"facets": "type,action,who"}, headers=api.headers)
    facets = response.json()["facets"]
    assert [(value["value"], value["count"]) for value in facets["who"]] == [("test-editor", 2)]
    one = api.get(f"changes/{everything[0]['id']}", headers=api.headers)
    assert one.json() == everything[0]
    for name, bad in (
        ("record", "actor"),
        ("record", "nothing:x"),
        ("record", "mention:abc"),
        ("who", "a\x00b"),
        ("since", "0001-01-01T00:00:00+01:00"),
    ):
        response = api.get("changes", {name: bad}, headers=api.headers)
        assert api.error_fields(response) == {name}
    api.problem(api.get(f"changes/{2**70}", headers=api.headers), 404)


def test_a_cli_delete_is_recorded_as_cli(api: Api, make: Make, engine: Any) -> None:
    make.actor(name="Italien")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    environment["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    result = subprocess.run(
        [ATLAS, "actors", "delete", "italien"],
        capture_output=True, text=True, env=environment, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    deleted = changes(api, record="actor:italien")[0]
    assert (deleted["action"], deleted["who"]) == ("delete", "cli")
    assert deleted["before"]["name"] == "Italien"


def test_restore_brings_back_a_deleted_actor_with_its_cascade(api: Api, make: Make) -> None:
    topic = make.topic()
    make.actor(name="Polen", topics=[topic["slug"]])
    participation = make.participation(actor="polen", role="member")
    affiliation = make.affiliation(organization="polen")
    document = make.document("Polen und Frankreich beraten heute in Warschau.")
    mention = make.mention(document=document["slug"], entity="actor:polen", start=0, end=5)
    before = api.detail("actors/polen")
    assert api.delete("actors/polen", {"cascade": "true"}).status_code == 204
    assert api.get("actors/polen").status_code == 404

    deletion = changes(api, record="actor:polen")[0]
    response = restore(api, deletion["id"])

    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/api/v1/actors/polen"
    restored = response.json()["changes"]
    assert (restored[0]["type"], restored[0]["action"]) == ("actor", "restore")
    assert {(item["type"], item["record_id"]) for item in restored} == {
        ("actor", deletion["record_id"]),
        ("participation", participation["id"]),
        ("affiliation", affiliation["id"]),
        ("mention", mention["id"]),
    }
    assert {item["who"] for item in restored} == {"test-editor"}
    after = api.detail("actors/polen")
    assert after["version"] == before["version"] + 1
    for same in ("name", "kind", "topics", "participations", "affiliations", "documents"):
        assert _without_versions(after[same]) == _without_versions(before[same]), same
    assert "polen" in api.keys("actors", {"q": "Polen"})
    assert api.detail(f"mentions/{mention['id']}")["start"] == 0


def _without_versions(value: Any) -> Any:
    if isinstance(value, list):
        return [_without_versions(item) for item in value]
    if isinstance(value, dict):
        return {k: _without_versions(v) for k, v in value.items() if k != "version"}
    return value


def test_restore_refusals(api: Api, make: Make, client: Any, engine: Engine) -> None:
    make.actor(name="Spanien")
    created = changes(api, record="actor:spanien")[0]
    assert api.problem(restore(api, created["id"]), 409)["detail"].endswith(
        "only a deletion can be restored."
    )
    assert api.delete("actors/spanien").status_code == 204
    deletion = changes(api, record="actor:spanien")[0]
    make.actor(name="Andorra")  # (SQLite gives it the deleted actor's id again)
    make.actor(name="Spanien")  # the slug is taken again
    assert "slug" in api.problem(restore(api, deletion["id"]), 409)["detail"]

    api.problem(restore(api, 999_999), 404)
    api.problem(restore(api, deletion["id"], headers={}), 401)
    with session_scope(engine) as session:
        _, reader_key = create_api_key(session, "test-reader", ApiKeyRole.reader)
    reader = {"Authorization": f"Bearer {reader_key}"}
    api.problem(restore(api, deletion["id"], headers=reader), 403)
    api.problem(client.get("/api/v1/changes", headers=reader), 403)
    api.problem(client.get("/api/v1/changes"), 401)
    api.problem(client.get(f"/api/v1/changes/{deletion['id']}"), 401)


def test_a_restored_record_cannot_be_restored_twice(api: Api, make: Make) -> None:
    make.topic(label_de="Gesundheit", label_en="Health")
    assert api.delete("topics/gesundheit").status_code == 204
    deletion = changes(api, record="topic:gesundheit")[0]
    assert restore(api, deletion["id"]).status_code == 201
    assert "exists" in api.problem(restore(api, deletion["id"]), 409)["detail"]


def test_a_relation_whose_actor_is_gone_is_not_restored(api: Api, make: Make) -> None:
    participation = make.participation()
    assert api.delete(f"participations/{participation['id']}").status_code == 204
    deletion = changes(api, record=f"participation:{participation['id']}")[0]
    actor = participation["actor"]["slug"]
    assert api.delete(f"actors/{actor}").status_code == 204

    detail = api.problem(restore(api, deletion["id"]), 409)["detail"]
    assert "restore that first" in detail


def test_ingest_records_the_document_and_its_mentions_in_one_changeset(
    api: Api, make: Make
) -> None:
    make.actor(name="Kasachstan", kind="state", country="KZ")
    text = make.press_release("Treffen in Astana", "Kasachstan lädt zum Treffen nach Astana ein.")
    response = api.post("documents/ingest", {"text": text})
    assert response.status_code == 201, response.text

    document, *mentions = sorted(
        changes(api, type=["document", "mention"]), key=lambda item: item["type"]
    )
    assert document["type"] == "document" and mentions
    assert {item["action"] for item in [document, *mentions]} == {"create"}
    assert {item["who"] for item in [document, *mentions]} == {"test-editor"}
    assert {item["changeset"] for item in mentions} == {document["changeset"]}


def test_a_restored_topic_is_linked_again_to_its_carriers(api: Api, make: Make) -> None:
    make.topic(label_de="Klima", label_en="Climate")
    make.actor(name="Chile", topics=["klima"])
    make.initiative(name="Klimaclub", topics=["klima"])
    assert api.delete("topics/klima", {"cascade": "true"}).status_code == 204
    assert api.detail("actors/chile")["topics"] == []

    deletion = changes(api, record="topic:klima")[0]
    response = restore(api, deletion["id"])

    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/api/v1/topics/klima"
    assert [item["slug"] for item in api.detail("actors/chile")["topics"]] == ["klima"]
    assert [item["slug"] for item in api.detail("initiatives/klimaclub")["topics"]] == ["klima"]
    relinked = [item for item in response.json()["changes"] if item["action"] == "update"]
    assert {item["slug"] for item in relinked} == {"chile", "klimaclub"}
    assert {tuple(item["after"]["topics"]) for item in relinked} == {("klima",)}


def test_restoring_an_initiative_brings_back_its_events_and_their_participations(
    api: Api, make: Make
) -> None:
    make.initiative(name="Weimarer Dreieck")
    make.event(name="Gipfel in Weimar", initiative="weimarer-dreieck", starts_on="2021-06-01")
    participation = make.participation(event="gipfel-in-weimar", role="host")
    assert api.delete("initiatives/weimarer-dreieck", {"cascade": "true"}).status_code == 204
    assert api.get("events/gipfel-in-weimar").status_code == 404

    deletion = changes(api, record="initiative:weimarer-dreieck")[0]
    response = restore(api, deletion["id"])

    assert response.status_code == 201, response.text
    assert [(item["type"], item["action"]) for item in response.json()["changes"]] == [
        ("initiative", "restore"),
        ("event", "restore"),
        ("participation", "restore"),
    ]
    assert api.detail("events/gipfel-in-weimar")["initiative"]["slug"] == "weimarer-dreieck"
    assert api.detail(f"participations/{participation['id']}")["role"] == "host"
