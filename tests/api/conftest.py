"""Fixtures for the /api/v1 tests: the app on a real SQLite or PostgreSQL database, an editor
key, builders that create records through the API, and the one check of the problem document
that every error test uses.

- `api`: a fresh, migrated, empty database per test (for writes), with an editor key.
- `seeded`: a database with the seed data loaded, one per backend and test module (read-only).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import pytest
from litestar.testing import TestClient
from sqlalchemy.engine import Engine

from atlas import migrate
from atlas.app import create_app
from atlas.db import session_scope
from atlas.models import ApiKeyRole
from atlas.services.apikeys import create_api_key
from atlas.settings import PROJECT_ROOT, Settings

API = "/api/v1"
SEEDS_DIR = PROJECT_ROOT / "seeds"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
PROBLEM_MEMBERS = {"type", "title", "status", "instance", "detail", "errors", "references"}


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The RFC 9457 contract of every error: media type, members, no internals leaked."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert isinstance(body["type"], str) and body["type"]
    assert isinstance(body["title"], str) and body["title"]
    assert body["instance"] == response.request.url.path
    assert set(body) <= PROBLEM_MEMBERS, f"unexpected members: {set(body) - PROBLEM_MEMBERS}"
    for leak in ("Traceback", 'File "', "sqlalchemy", "psycopg", "sqlite3", "SELECT "):
        assert leak not in response.text
    if status == 422:
        assert body["errors"], "a 422 names the fields to correct"
        for error in body["errors"]:
            assert set(error) == {"field", "message"}
            assert error["field"] and error["message"]
    return body


def error_fields(response: httpx.Response) -> set[str]:
    """The fields a 422 problem document names."""
    return {error["field"] for error in assert_problem(response, 422)["errors"]}


def make_client(engine: Engine) -> TestClient[Any]:
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False))
    # Server errors become 500 responses, so a test asserts on the status rather than crashing.
    return TestClient(create_app(settings, engine=engine), raise_server_exceptions=False)


def new_editor_key(engine: Engine, name: str = "test-editor") -> str:
    """A committed editor key: the app checks it on a connection of its own."""
    with session_scope(engine) as session:
        _, key = create_api_key(session, name, ApiKeyRole.editor)
    return key


class Api:
    """The API as a client sees it: paths relative to /api/v1, writes with the editor's key."""

    problem = staticmethod(assert_problem)
    error_fields = staticmethod(error_fields)

    def __init__(self, client: TestClient[Any], headers: Mapping[str, str] | None = None) -> None:
        self.client = client
        self.headers = dict(headers or {})

    @staticmethod
    def url(path: str) -> str:
        return f"{API}/{path.strip('/')}"

    def get(self, path: str, params: Any = None, **kwargs: Any) -> httpx.Response:
        return self.client.get(self.url(path), params=params, follow_redirects=False, **kwargs)

    def post(
        self, path: str, body: Any, headers: Mapping[str, str] | None = None
    ) -> httpx.Response:
        return self.client.post(self.url(path), json=body, headers=self._auth(headers))

    def patch(
        self,
        path: str,
        body: Any,
        if_match: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        return self.client.patch(
            self.url(path),
            json=body,
            headers=self._auth(headers, if_match),
            follow_redirects=False,
        )

    def delete(
        self,
        path: str,
        params: Any = None,
        if_match: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        return self.client.delete(
            self.url(path),
            params=params,
            headers=self._auth(headers, if_match),
            follow_redirects=False,
        )

    def _auth(
        self, headers: Mapping[str, str] | None, if_match: str | None = None
    ) -> dict[str, str]:
        merged = dict(self.headers if headers is None else headers)
        if if_match is not None:
            merged["If-Match"] = if_match
        return merged

    def page(self, path: str, params: Any = None) -> dict[str, Any]:
        """One page of a list; asserts the envelope."""
        response = self.get(path, params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert {"items", "total", "limit", "offset"} <= set(body)
        return body

    def keys(self, path: str, params: Any = None, key: str = "slug") -> list[Any]:
        """The slugs (or ids) of a whole filtered list, in order; asserts it fits one page."""
        query = [*_pairs(params), ("limit", 500)]
        body = self.page(path, query)
        assert body["total"] == len(body["items"])
        return [item[key] for item in body["items"]]

    def detail(self, path: str) -> dict[str, Any]:
        response = self.get(path)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def _pairs(params: Any) -> list[tuple[str, Any]]:
    if params is None:
        return []
    if isinstance(params, Mapping):
        pairs: list[tuple[str, Any]] = []
        for name, value in params.items():
            values = value if isinstance(value, list) else [value]
            pairs.extend((name, item) for item in values)
        return pairs
    return list(params)


def press_release(title: str, body: str, day: str = "12.03.2021") -> str:
    """A raw text as the Federal Foreign Office publishes it: site marker, headline, date line."""
    return (
        "Willkommen auf den Seiten des Auswärtigen Amts\n\n"
        f"{title}\n\n"
        f"{day} - Pressemitteilung\n\n"
        f"{body}\n\n"
        "nach oben\n"
    )


class Make:
    """Creates valid records through the API (asserting 201); tests give only what matters."""

    press_release = staticmethod(press_release)

    def __init__(self, api: Api) -> None:
        self.api = api
        self.numbers = itertools.count(1)

    def create(self, resource: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.api.post(resource, body)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def topic(self, **fields: Any) -> dict[str, Any]:
        number = next(self.numbers)
        fields.setdefault("label_de", f"Thema {number}")
        fields.setdefault("label_en", f"Topic {number}")
        return self.create("topics", fields)

    def actor(self, **fields: Any) -> dict[str, Any]:
        fields.setdefault("name", f"Akteur {next(self.numbers)}")
        fields.setdefault("kind", "state")
        return self.create("actors", fields)

    def initiative(self, **fields: Any) -> dict[str, Any]:
        fields.setdefault("name", f"Initiative {next(self.numbers)}")
        fields.setdefault("kind", "alliance")
        return self.create("initiatives", fields)

    def event(self, **fields: Any) -> dict[str, Any]:
        fields.setdefault("name", f"Treffen {next(self.numbers)}")
        return self.create("events", fields)

    def document(self, body: str | None = None, **fields: Any) -> dict[str, Any]:
        number = next(self.numbers)
        text = body or f"Deutschland und Frankreich unterzeichnen heute Abkommen Nummer {number}."
        fields.setdefault("raw_text", press_release(f"Meldung Nummer {number}", text))
        return self.create("documents", fields)

    def participation(self, **fields: Any) -> dict[str, Any]:
        if "actor" not in fields:
            fields["actor"] = self.actor()["slug"]
        if "initiative" not in fields and "event" not in fields:
            fields["initiative"] = self.initiative()["slug"]
        fields.setdefault("role", "member")
        return self.create("participations", fields)

    def affiliation(self, **fields: Any) -> dict[str, Any]:
        if "actor" not in fields:
            fields["actor"] = self.actor(kind="person")["slug"]
        if "organization" not in fields:
            fields["organization"] = self.actor()["slug"]
        fields.setdefault("title", "Außenminister")
        return self.create("affiliations", fields)

    def mention(self, **fields: Any) -> dict[str, Any]:
        if "document" not in fields:
            fields["document"] = self.document()["slug"]
        if "entity" not in fields:
            fields["entity"] = f"actor:{self.actor()['slug']}"
        fields.setdefault("start", 0)
        fields.setdefault("end", 11)
        return self.create("mentions", fields)


# --- a fresh database per test ------------------------------------------------------------------


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """A new database on each backend, migrated to head, for one test."""
    migrate.upgrade(empty_engine)
    return empty_engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient[Any]]:
    with make_client(engine) as test_client:
        yield test_client


@pytest.fixture
def editor_headers(engine: Engine) -> dict[str, str]:
    return {"Authorization": f"Bearer {new_editor_key(engine)}"}


@pytest.fixture
def api(client: TestClient[Any], editor_headers: dict[str, str]) -> Api:
    return Api(client, editor_headers)


@pytest.fixture
def make(api: Api) -> Make:
    return Make(api)


# --- the seed data (tests/conftest.py's seeded_engine, one per backend; never written to) ---------


@pytest.fixture(scope="module")
def seeded(seeded_engine: Engine) -> Iterator[Api]:
    """The seeded directory through the API, without a key."""
    with make_client(seeded_engine) as test_client:
        yield Api(test_client)
