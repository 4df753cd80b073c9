"""Request body limits: a body over ATLAS_MAX_BODY_SIZE answers 413 with a problem document,
announced or streamed; a route may name its own, larger cap; the OpenAPI document says so."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar, Request, post
from litestar.testing import TestClient
from sqlalchemy.engine import Engine
from tests.api.conftest import Api, assert_problem

from atlas.api.security import ENVELOPE_ALLOWANCE, body_limit
from atlas.app import create_app
from atlas.settings import Settings

MIB = 1024 * 1024


def _topic(padding: int = 0) -> bytes:
    """A topic's JSON body, with a field of `padding` bytes when asked (413 comes first)."""
    fields = {"label_de": "Thema", "label_en": "Topic"}
    if padding:
        fields["padding"] = "a" * padding
    return json.dumps(fields).encode()


def test_the_default_limit_is_one_mebibyte() -> None:
    assert Settings().max_body_size == MIB


def test_a_body_over_the_limit_is_refused_with_413(api: Api) -> None:
    body = b'{"label_de": "' + b"a" * (MIB + 1) + b'", "label_en": "x"}'
    response = api.client.post(
        api.url("topics"), content=body, headers={**api.headers, "Content-Type": "application/json"}
    )
    assert_problem(response, 413)
    assert api.keys("topics") == []


def test_a_streamed_body_is_counted_too(api: Api) -> None:
    # No Content-Length: the server counts what arrives and stops at the limit.
    def chunks() -> Iterator[bytes]:
        yield b'{"label_de": "'
        for _ in range(20):
            yield b"a" * 100_000
        yield b'", "label_en": "x"}'

    response = api.client.post(
        api.url("topics"),
        content=chunks(),
        headers={**api.headers, "Content-Type": "application/json"},
    )
    assert "content-length" not in response.request.headers
    assert_problem(response, 413)


def _client(engine: Engine, **settings: Any) -> TestClient[Litestar]:
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, **settings), engine=engine)
    return TestClient(app, raise_server_exceptions=False)


def test_the_limit_is_configurable(engine: Engine, editor_headers: dict[str, str]) -> None:
    headers = {**editor_headers, "Content-Type": "application/json"}
    with _client(engine, max_body_size=2000) as client:
        small = client.post("/api/v1/topics", content=_topic(), headers=headers)
        assert small.status_code == 201, small.text
        large = client.post("/api/v1/topics", content=_topic(padding=3000), headers=headers)
        assert_problem(large, 413)


@post("/test/upload", opt=body_limit("ingest_max_bytes"))
async def upload(request: Request[Any, Any, Any]) -> dict[str, int]:
    """A route that takes uploads: its cap is ATLAS_INGEST_MAX_BYTES, not ATLAS_MAX_BODY_SIZE."""
    return {"received": len(await request.body())}


@pytest.fixture
def upload_client(engine: Engine) -> Iterator[TestClient[Litestar]]:
    with _client(engine, max_body_size=1000, ingest_max_bytes=100_000) as client:
        client.app.register(upload)
        yield client


def test_a_route_can_name_its_own_larger_cap(
    upload_client: TestClient[Litestar], editor_headers: dict[str, str]
) -> None:
    headers = {**editor_headers, "Content-Type": "application/octet-stream"}
    accepted = upload_client.post("/test/upload", content=b"x" * 50_000, headers=headers)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json() == {"received": 50_000}
    # The other routes keep the app's limit …
    assert_problem(
        upload_client.post("/api/v1/topics", content=_topic(padding=50_000), headers=headers), 413
    )
    # … and the route's own cap holds (the payload plus room for a form around it).
    too_large = b"x" * (100_000 + ENVELOPE_ALLOWANCE + 1)
    assert_problem(upload_client.post("/test/upload", content=too_large, headers=headers), 413)


def test_each_app_keeps_its_own_caps(engine: Engine) -> None:
    # The handler object is shared; the cap is set on each app's own copy of it.
    with _client(engine, ingest_max_bytes=10) as small, _client(engine) as default:
        small.app.register(upload)
        default.app.register(upload)
        body = b"x" * (10 + ENVELOPE_ALLOWANCE + 1)
        assert_problem(small.post("/test/upload", content=body), 413)
        assert default.post("/test/upload", content=body).status_code == 201


def test_a_route_cap_must_name_a_setting() -> None:
    with pytest.raises(ValueError, match="no such setting"):
        body_limit("ingest_max_megabytes")


def test_every_operation_with_a_body_documents_413(engine: Engine) -> None:
    with _client(engine) as client:
        document = client.get("/schema/openapi.json").json()
    with_body = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            documented = operation["responses"].get("413")
            if "requestBody" in operation:
                with_body += 1
                assert documented, f"{method.upper()} {path} does not document 413"
                assert set(documented["content"]) == {"application/problem+json"}
            elif method == "get":
                assert documented is None, f"GET {path} takes no body"
    assert with_body >= 16  # create and update of each of the eight resources
