"""Every write operation the OpenAPI document lists refuses a request without a valid key, before
it reads the body or touches the database: walked from the document, so a new route is covered
the day it is added."""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from tests.api.conftest import assert_problem

from atlas.db import session_scope
from atlas.models import ApiKeyRole, Document
from atlas.services.apikeys import create_api_key, revoke_api_key

WRITE_METHODS = ("post", "put", "patch", "delete")


def write_operations(client: TestClient[Any]) -> list[tuple[str, str, dict[str, Any]]]:
    document = client.get("/schema/openapi.json").json()
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in WRITE_METHODS
    ]


def concrete(path: str, operation: dict[str, Any]) -> str:
    """The path with a value of the documented type for each parameter; the guard answers
    before the record is looked up."""
    types = {
        parameter["name"]: parameter["schema"].get("type")
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path"
    }
    return re.sub(
        r"\{(\w+)\}", lambda m: "1" if types.get(m.group(1)) == "integer" else "irgendwas", path
    )


def test_the_document_lists_the_writes_of_every_resource(client: TestClient[Any]) -> None:
    operations = {(method, path) for method, path, _ in write_operations(client)}

    for resource in ("documents", "actors", "initiatives", "topics", "events"):
        assert ("post", f"/api/v1/{resource}") in operations
        assert ("patch", f"/api/v1/{resource}/{{key}}") in operations
        assert ("delete", f"/api/v1/{resource}/{{key}}") in operations
    assert ("post", "/api/v1/documents/ingest") in operations
    assert ("post", "/api/v1/suggestions/{suggestion_id}/accept") in operations


def test_every_write_declares_the_key_and_its_401_and_403(client: TestClient[Any]) -> None:
    for method, path, operation in write_operations(client):
        assert operation.get("security") == [{"bearer": []}], (method, path)
        assert {"401", "403"} <= set(operation["responses"]), (method, path)


def test_every_write_refuses_a_missing_or_revoked_key(
    client: TestClient[Any], engine: Engine
) -> None:
    with session_scope(engine) as session:
        _, revoked = create_api_key(session, "gone", ApiKeyRole.editor)
    with session_scope(engine) as session:
        revoke_api_key(session, "gone")
    operations = write_operations(client)
    assert len(operations) >= 20

    for method, path, operation in operations:
        url = concrete(path, operation)
        for headers in ({}, {"Authorization": f"Bearer {revoked}"}, {"Authorization": "Basic x"}):
            response = client.request(
                method.upper(), url, json={"text": "Ein Text."}, headers=headers
            )
            body = assert_problem(response, 401)
            assert revoked not in response.text, (method, path)
            assert body["instance"] == url

    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Document)).scalar_one() == 0


def test_every_write_refuses_a_reader_key_with_403(client: TestClient[Any], engine: Engine) -> None:
    with session_scope(engine) as session:
        _, reader = create_api_key(session, "nur-lesen", ApiKeyRole.reader)

    for method, path, operation in write_operations(client):
        url = concrete(path, operation)
        response = client.request(
            method.upper(),
            url,
            json={"text": "Ein Text."},
            headers={"Authorization": f"Bearer {reader}"},
        )
        body = assert_problem(response, 403)
        assert "reader" in body["detail"], (method, path)
        assert reader not in response.text

    # A reader key reads like no key at all.
    assert (
        client.get("/api/v1/actors", headers={"Authorization": f"Bearer {reader}"}).status_code
        == 200
    )
