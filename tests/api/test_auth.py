"""Writes need an API key of the right role; reads need none; errors never echo the key."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar, Request, get, post
from litestar.datastructures import State
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.spec import Components
from litestar.testing import TestClient
from sqlalchemy.engine import Engine

from atlas.api.auth import (
    AUTH_RESPONSES,
    SECURITY_SCHEMES,
    WRITE_SECURITY,
    editor_guard,
    requires,
)
from atlas.api.problems import exception_handlers
from atlas.db import session_scope
from atlas.models import ApiKeyRole
from atlas.services.apikeys import create_api_key, revoke_api_key


@get("/things", sync_to_thread=False)
def read_things() -> dict[str, str]:
    return {"read": "ok"}


@post(
    "/things",
    guards=[editor_guard],
    security=WRITE_SECURITY,
    responses=AUTH_RESPONSES,
    sync_to_thread=False,
)
def write_thing(request: Request[Any, Any, Any]) -> dict[str, str]:
    return {"written_by": request.state.api_key_name}


@post("/admin", guards=[requires(ApiKeyRole.admin)], security=WRITE_SECURITY, sync_to_thread=False)
def admin_only(request: Request[Any, Any, Any]) -> dict[str, str]:
    return {"done_by": request.state.api_key_name}


@pytest.fixture
def client(migrated_engine: Engine) -> Iterator[TestClient[Litestar]]:
    app = Litestar(
        route_handlers=[read_things, write_thing, admin_only],
        state=State({"engine": migrated_engine}),
        exception_handlers=exception_handlers,
        openapi_config=OpenAPIConfig(
            title="test", version="1", components=Components(security_schemes=SECURITY_SCHEMES)
        ),
    )
    with TestClient(app) as test_client:
        yield test_client


def new_key(engine: Engine, role: ApiKeyRole) -> tuple[str, str]:
    """A committed key with a unique name (the app reads it on its own connection)."""
    name = f"test-{role}-{uuid.uuid4().hex[:8]}"
    with session_scope(engine) as session:
        _, key = create_api_key(session, name, role)
    return name, key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_unauthorized(response: Any, *, not_echoing: str | None = None) -> dict[str, Any]:
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"].startswith('Bearer realm="atlas"')
    body: dict[str, Any] = response.json()
    assert body["status"] == 401
    assert body["title"] == "Unauthorized"
    if not_echoing:
        assert not_echoing not in response.text
        assert not_echoing not in str(response.headers)
    return body


def test_reads_need_no_key(client: TestClient[Litestar]) -> None:
    assert client.get("/things").json() == {"read": "ok"}


def test_a_write_without_a_key_is_401(client: TestClient[Litestar]) -> None:
    body = assert_unauthorized(client.post("/things"))

    assert "Bearer" in body["detail"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer atlas_garbage-that-is-no-key",
        "Bearer garbage",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer two words",
    ],
)
def test_a_write_with_a_bad_key_is_401(client: TestClient[Litestar], header: str) -> None:
    secret_part = header.partition(" ")[2]
    response = client.post("/things", headers={"Authorization": header})

    assert_unauthorized(response, not_echoing=secret_part or None)


def test_an_unknown_key_is_named_an_invalid_token(client: TestClient[Litestar]) -> None:
    response = client.post("/things", headers=bearer("atlas_unknown"))

    assert_unauthorized(response, not_echoing="atlas_unknown")
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_an_editor_key_writes(client: TestClient[Litestar], migrated_engine: Engine) -> None:
    name, key = new_key(migrated_engine, ApiKeyRole.editor)

    response = client.post("/things", headers=bearer(key))

    assert response.status_code == 201
    assert response.json() == {"written_by": name}


def test_the_scheme_name_is_case_insensitive(
    client: TestClient[Litestar], migrated_engine: Engine
) -> None:
    _, key = new_key(migrated_engine, ApiKeyRole.editor)

    assert client.post("/things", headers={"Authorization": f"bearer {key}"}).status_code == 201


def test_an_admin_key_may_do_what_an_editor_may(
    client: TestClient[Litestar], migrated_engine: Engine
) -> None:
    name, key = new_key(migrated_engine, ApiKeyRole.admin)

    assert client.post("/things", headers=bearer(key)).json() == {"written_by": name}
    assert client.post("/admin", headers=bearer(key)).json() == {"done_by": name}


def test_an_editor_key_on_an_admin_route_is_403(
    client: TestClient[Litestar], migrated_engine: Engine
) -> None:
    name, key = new_key(migrated_engine, ApiKeyRole.editor)

    response = client.post("/admin", headers=bearer(key))

    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == "Forbidden"
    assert name in body["detail"]
    assert key not in response.text


def test_a_revoked_key_stops_working_at_once(
    client: TestClient[Litestar], migrated_engine: Engine
) -> None:
    name, key = new_key(migrated_engine, ApiKeyRole.editor)
    assert client.post("/things", headers=bearer(key)).status_code == 201

    with session_scope(migrated_engine) as session:
        revoke_api_key(session, name)

    assert_unauthorized(client.post("/things", headers=bearer(key)), not_echoing=key)


def test_the_openapi_document_names_the_scheme(client: TestClient[Litestar]) -> None:
    schema = client.get("/schema/openapi.json").json()

    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    write = schema["paths"]["/things"]["post"]
    assert write["security"] == [{"bearer": []}]
    assert {"401", "403"} <= set(write["responses"])
    assert "security" not in schema["paths"]["/things"]["get"]
