"""Liveness, readiness, the OpenAPI document and the shape of every error."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient
from sqlalchemy.engine import Engine

from atlas import migrate
from atlas.app import create_app
from atlas.db import create_db_engine
from atlas.settings import Settings


def _client(engine: Engine) -> TestClient:
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False))
    return TestClient(create_app(settings, engine=engine))


@pytest.fixture
def client(migrated_engine: Engine) -> Iterator[TestClient]:
    with _client(migrated_engine) as test_client:
        yield test_client


def assert_problem(response, status: int) -> dict:
    """The RFC 9457 contract every error response keeps."""
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["type"] == "about:blank"
    assert "Traceback" not in response.text
    return body


def test_health_answers_without_touching_the_database() -> None:
    engine = create_db_engine("postgresql://postgres@127.0.0.1:1/unreachable")
    with _client(engine) as client:
        response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_when_migrated_to_head(client: TestClient) -> None:
    response = client.get("/ready")

    assert response.status_code == 200
    assert response.json()["revision"] == ",".join(migrate.head_revisions())


def test_not_ready_before_migrations(empty_engine: Engine) -> None:
    with _client(empty_engine) as client:
        body = assert_problem(client.get("/ready"), 503)

    assert "atlas db upgrade" in body["detail"]


def test_not_ready_when_behind_head(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    with empty_engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")

    with _client(empty_engine) as client:
        body = assert_problem(client.get("/ready"), 503)

    assert "older" in body["detail"]


def test_not_ready_when_the_database_is_unreachable() -> None:
    engine = create_db_engine("postgresql://atlas:secret-password@127.0.0.1:1/atlas")
    with _client(engine) as client:
        response = client.get("/ready")

    body = assert_problem(response, 503)
    assert body["detail"] == "The database cannot be reached."
    assert "secret-password" not in response.text


def test_unknown_path_is_a_problem_document(client: TestClient) -> None:
    body = assert_problem(client.get("/no/such/page"), 404)

    assert body["instance"] == "/no/such/page"


def test_wrong_method_is_a_problem_document(client: TestClient) -> None:
    assert_problem(client.post("/health"), 405)


def test_openapi_document_lists_the_service_routes(client: TestClient) -> None:
    response = client.get("/schema/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/health", "/ready"} <= set(paths)
    assert "503" in paths["/ready"]["get"]["responses"]


def test_docs_page_works_offline(client: TestClient) -> None:
    page = client.get("/schema")

    assert page.status_code == 200
    assert "swagger-ui-bundle.js" in page.text
    # Every script and stylesheet comes from this server, none from a CDN.
    external = re.findall(r"""(?:src|href)=['"](https?://[^'"]+)""", page.text)
    assert external == []
    for asset in re.findall(r"""(?:src|href)=['"](/[^'"]+)""", page.text):
        assert client.get(asset).status_code == 200, asset


def test_home_page_is_served(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert "<title>Atlas</title>" in response.text
