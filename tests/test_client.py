"""atlas.client and `atlas --url …` against the real app: `atlas serve` in a subprocess on a free
port, over a migrated and seeded database, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import json
import subprocess
import uuid
from collections.abc import Iterator

import httpx
import pytest
from tests.live_server import Server, atlas, free_port, seeded_server

from atlas.api.exports import csv_columns
from atlas.api.resources import RESOURCES
from atlas.api.schemas import (
    ActorDetail,
    ActorOut,
    DocumentDetail,
    FacetValue,
    Page,
    ParticipationOut,
)
from atlas.client import (
    ENDPOINTS,
    AsyncAtlasClient,
    AtlasAPIError,
    AtlasClient,
    AtlasConnectionError,
    ConflictError,
    NotFoundError,
    PreconditionFailedError,
    UnauthorizedError,
    UnexpectedAnswerError,
    UnprocessableError,
)
from atlas.models import ActorKind

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('client') / 'atlas.db'}"
    request.getfixturevalue("postgres_available")
    databases = request.getfixturevalue("postgres_databases")
    return str(databases.create())


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """`atlas serve` on a free port over a migrated, seeded database, with an editor key."""
    database_url = _database_url(request.param, request, tmp_path_factory)
    with seeded_server(database_url, tmp_path_factory.mktemp("server") / "server.log") as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[AtlasClient]:
    with AtlasClient(server.url, api_key=server.api_key) as atlas_client:
        yield atlas_client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def new_slug() -> str:
    return f"client-test-{uuid.uuid4().hex[:8]}"


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("atlas: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


# --- the description of the resources ------------------------------------------------------------


def test_the_client_knows_every_resource_as_the_api_declares_it() -> None:
    assert set(ENDPOINTS) == {resource.name for resource in RESOURCES}
    for resource in RESOURCES:
        endpoint = ENDPOINTS[resource.name]
        assert endpoint.item is resource.out
        assert endpoint.detail is resource.detail_out
        assert endpoint.key is (str if resource.entity_type is not None else int)


# --- the sync client ----------------------------------------------------------------------------


def test_health_and_ready(client: AtlasClient) -> None:
    assert client.health() == {"status": "ok"}
    assert client.ready()["status"] == "ready"


def test_list_with_filters_gives_typed_pages(client: AtlasClient) -> None:
    page = client.actors.list(kind=[ActorKind.state], country="DE", limit=5)

    assert isinstance(page, Page)
    assert all(isinstance(actor, ActorOut) for actor in page.items)
    assert {actor.kind for actor in page.items} == {ActorKind.state}
    assert {actor.country for actor in page.items} == {"DE"}
    assert "deutschland" in [actor.slug for actor in page.items]
    assert page.total == len(page.items)
    assert page.limit == 5


def test_list_with_facets_and_sort(client: AtlasClient) -> None:
    page = client.actors.list(kind="state", facets=["country"], sort="-slug", limit=3)

    assert page.facets is not None
    assert all(isinstance(value, FacetValue) for value in page.facets["country"])
    assert sum(value.count for value in page.facets["country"]) == page.total
    slugs = [actor.slug for actor in page.items]
    assert slugs == sorted(slugs, reverse=True)


def test_iterate_walks_every_page(client: AtlasClient) -> None:
    everything = client.actors.list(sort="slug", limit=500)

    iterated = list(client.actors.iterate(sort="slug", page_size=2))

    assert everything.total > 4
    assert [actor.slug for actor in iterated] == [actor.slug for actor in everything.items]


def test_get_gives_the_detail_with_its_relations(client: AtlasClient) -> None:
    germany = client.actors.get("deutschland")

    assert isinstance(germany, ActorDetail)
    assert germany.name == "Deutschland"
    assert all(isinstance(item, ParticipationOut) for item in germany.participations)
    assert "anti-is-koalition" in {
        p.initiative.slug for p in germany.participations if p.initiative
    }

    first = client.participations.list(limit=1).items[0]
    assert client.participations.get(first.id) == first


def test_create_update_and_delete_with_etags(client: AtlasClient) -> None:
    slug = new_slug()
    created = client.actors.create(
        {"slug": slug, "name": "Clientland", "kind": "state", "country": "DE"}
    )
    assert isinstance(created, ActorDetail)
    assert (created.slug, created.version) == (slug, 1)

    read = client.actors.get_with_etag(slug)
    updated = client.actors.update(slug, {"name": "Clientland II"}, if_match=read.etag)
    assert (updated.name, updated.version) == ("Clientland II", 2)

    with pytest.raises(PreconditionFailedError) as stale:
        client.actors.update(slug, {"name": "Clientland III"}, if_match=read.etag)
    assert stale.value.status == 412
    assert stale.value.title
    assert client.actors.get(slug).name == "Clientland II"

    with pytest.raises(PreconditionFailedError):
        client.actors.delete(slug, if_match=read.etag)
    client.actors.delete(slug, if_match=client.actors.get_with_etag(slug).etag)
    with pytest.raises(NotFoundError):
        client.actors.get(slug)


def test_a_renamed_slug_is_followed(client: AtlasClient) -> None:
    old, new = new_slug(), new_slug()
    client.actors.create({"slug": old, "name": "Movingland", "kind": "state"})
    client.actors.update(old, {"slug": new})

    assert client.actors.get(old).slug == new  # 301
    assert client.actors.update(old, {"name": "Moved"}).slug == new  # 308
    client.actors.delete(old)  # 308
    with pytest.raises(NotFoundError):
        client.actors.get(new)


def test_not_found_carries_the_problem_document(client: AtlasClient) -> None:
    with pytest.raises(NotFoundError) as raised:
        client.actors.get("no-such-actor")

    error = raised.value
    assert isinstance(error, AtlasAPIError)
    assert error.status == 404
    assert error.title
    assert error.detail is not None and "no-such-actor" in error.detail
    assert error.problem["instance"] == "/api/v1/actors/no-such-actor"
    assert str(error) == f"404 {error.title}: {error.detail}"


def test_unprocessable_carries_the_field_errors(client: AtlasClient) -> None:
    with pytest.raises(UnprocessableError) as invalid_body:
        client.actors.create({"name": "", "kind": "planet"})
    assert invalid_body.value.status == 422
    assert {error.field for error in invalid_body.value.errors} == {"name", "kind"}
    assert "kind:" in str(invalid_body.value)

    with pytest.raises(UnprocessableError) as invalid_query:
        client.actors.list(limit=501)
    assert [error.field for error in invalid_query.value.errors] == ["limit"]


def test_conflict_lists_what_refers_to_the_record(client: AtlasClient) -> None:
    with pytest.raises(ConflictError) as refused:
        client.actors.delete("deutschland")

    assert refused.value.status == 409
    assert refused.value.problem["references"]["participations"] > 0
    assert client.actors.get("deutschland").slug == "deutschland"


def test_writes_need_a_key_that_is_never_shown(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ATLAS_API_KEY", raising=False)
    with AtlasClient(server.url) as anonymous, pytest.raises(UnauthorizedError):
        anonymous.actors.create({"name": "Keyless", "kind": "state"})

    secret = "atlas_not-a-real-key-0123456789abcdef"
    with AtlasClient(server.url, api_key=secret) as wrong:
        with pytest.raises(UnauthorizedError) as refused:
            wrong.actors.create({"name": "Keyless", "kind": "state"})
        shown = [repr(wrong), str(refused.value), repr(refused.value)]
    assert all(secret not in text for text in shown)
    assert repr(wrong) == f"AtlasClient('{server.url}', api_key=<set>)"

    monkeypatch.setenv("ATLAS_API_KEY", server.api_key)
    with AtlasClient(server.url) as from_environment:
        slug = from_environment.actors.create(
            {"slug": new_slug(), "name": "Envland", "kind": "ngo"}
        )
        from_environment.actors.delete(slug.slug)


def test_export_streams_csv_and_ndjson_lines(client: AtlasClient) -> None:
    states = client.actors.list(kind="state", limit=500)

    lines = list(client.actors.export("csv", kind="state"))
    rows = list(csv.reader(lines))
    assert rows[0] == csv_columns(ActorOut)
    assert [row[rows[0].index("slug")] for row in rows[1:]] == [a.slug for a in states.items]
    assert all(line.endswith("\r\n") for line in lines)

    records = [json.loads(line) for line in client.actors.export("ndjson", kind="state")]
    assert [record["slug"] for record in records] == [a.slug for a in states.items]

    with pytest.raises(UnprocessableError):
        list(client.actors.export("csv", kind="planet"))


def test_an_unreachable_server_raises_a_connection_error() -> None:
    with AtlasClient(f"http://127.0.0.1:{free_port()}", timeout=5) as nowhere:
        with pytest.raises(AtlasConnectionError, match="cannot reach the Atlas API"):
            nowhere.health()
        with pytest.raises(AtlasConnectionError):
            list(nowhere.documents.export("csv"))


def test_an_answer_that_is_not_the_atlas_api_raises_a_clear_error() -> None:
    def not_atlas(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>a shop</html>")

    with AtlasClient("http://shop.invalid", transport=httpx.MockTransport(not_atlas)) as shop:
        with pytest.raises(UnexpectedAnswerError, match="is not the Atlas API's"):
            shop.actors.list()
        with pytest.raises(UnexpectedAnswerError):
            shop.health()


# --- the async client ---------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_client_reads(server: Server) -> None:
    async with AsyncAtlasClient(server.url) as client:
        assert (await client.ready())["status"] == "ready"
        page = await client.actors.list(kind=["state"], limit=3)
        assert all(isinstance(actor, ActorOut) for actor in page.items)
        assert {actor.kind for actor in page.items} == {ActorKind.state}

        everything = await client.documents.list(limit=500)
        iterated = [document.slug async for document in client.documents.iterate(page_size=2)]
        assert iterated == [document.slug for document in everything.items]

        document = await client.documents.get(iterated[0])
        assert isinstance(document, DocumentDetail)

        lines = [line async for line in client.documents.export("ndjson")]
        assert len(lines) == everything.total

        with pytest.raises(NotFoundError) as missing:
            await client.topics.get("no-such-topic")
        assert missing.value.detail is not None and "no-such-topic" in missing.value.detail


@pytest.mark.anyio
async def test_async_client_writes(server: Server) -> None:
    slug = new_slug()
    async with AsyncAtlasClient(server.url, api_key=server.api_key) as client:
        created = await client.topics.create(
            {"slug": slug, "label_de": "Kundenthema", "label_en": "Client topic"}
        )
        assert created.slug == slug

        read = await client.topics.get_with_etag(slug)
        await client.topics.update(slug, {"label_en": "Client subject"}, if_match=read.etag)
        with pytest.raises(PreconditionFailedError):
            await client.topics.update(slug, {"label_en": "Stale"}, if_match=read.etag)

        with pytest.raises(UnprocessableError) as invalid:
            await client.topics.create({"label_de": ""})
        assert "label_de" in {error.field for error in invalid.value.errors}

        await client.topics.delete(slug)
        with pytest.raises(NotFoundError):
            await client.topics.get(slug)


# --- the command line, against a remote Atlas ---------------------------------------------------


def test_cli_lists_remote_actors_as_json(server: Server, client: AtlasClient) -> None:
    result = atlas("--url", server.url, "actors", "list", "--kind", "state", "--format", "json")

    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert {item["kind"] for item in page["items"]} == {"state"}
    states = client.actors.list(kind="state")
    assert [item["slug"] for item in page["items"]] == [actor.slug for actor in states.items]
    assert page["total"] == states.total


def test_cli_shows_a_table_and_a_record(server: Server) -> None:
    table = atlas("actors", "list", "--kind", "state", "--country", "DE", ATLAS_URL=server.url)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split() == ["SLUG", "KIND", "COUNTRY", "NAME"]
    assert "deutschland" in table.stdout

    record = atlas("--url", server.url, "participations", "get", "1")
    assert record.returncode == 0, record.stderr
    assert json.loads(record.stdout)["id"] == 1


def test_cli_reports_api_errors_in_one_line(server: Server) -> None:
    assert_one_line_error(
        atlas("--url", server.url, "actors", "get", "no-such-actor"), "404", "no-such-actor"
    )
    # Deleting needs a key; the 401 comes back as one line too.
    assert_one_line_error(atlas("--url", server.url, "topics", "delete", "energie"), "401")


def test_cli_deletes_with_the_key_from_the_environment(server: Server, client: AtlasClient) -> None:
    slug = client.topics.create({"slug": new_slug(), "label_de": "Weg", "label_en": "Gone"}).slug

    result = atlas("--url", server.url, "topics", "delete", slug, ATLAS_API_KEY=server.api_key)

    assert result.returncode == 0, result.stderr
    with pytest.raises(NotFoundError):
        client.topics.get(slug)


def test_cli_reports_an_unreachable_server_in_one_line() -> None:
    closed = f"http://127.0.0.1:{free_port()}"

    assert_one_line_error(atlas("--url", closed, "actors", "list"), "cannot reach", closed)


def test_cli_reads_the_local_database_as_the_api_does(server: Server) -> None:
    remote = atlas("--url", server.url, "actors", "list", "--format", "ndjson", "--sort", "slug")
    local = atlas(
        "actors", "list", "--format", "ndjson", "--sort", "slug", DATABASE_URL=server.database_url
    )

    assert remote.returncode == 0, remote.stderr
    assert local.returncode == 0, local.stderr
    assert remote.stdout == local.stdout
    assert len(remote.stdout.splitlines()) > 10
