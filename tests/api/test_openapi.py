"""The OpenAPI document is valid 3.1 and complete: every operation, parameter and response."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient
from openapi_spec_validator import validate
from sqlalchemy.engine import Engine

from atlas.api.examples import EXAMPLES
from atlas.api.resources import RESOURCES
from atlas.app import create_app
from atlas.settings import Settings

METHODS = {"get", "post", "patch", "put", "delete"}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('openapi') / 'atlas.db'}"
    with TestClient(create_app(Settings(database_url=url))) as client:
        yield client.get("/schema/openapi.json").json()


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_resource_has_all_five_operations(document: dict[str, Any]) -> None:
    for resource in RESOURCES:
        base = f"/api/v1/{resource.name}"
        assert set(document["paths"][base]) >= {"get", "post"}, resource.name
        assert set(document["paths"][f"{base}/{{key}}"]) >= {"get", "patch", "delete"}


def test_every_operation_is_named_and_described(document: dict[str, Any]) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids))
    for path, method, operation in operations(document):
        assert operation.get("summary") or operation.get("description"), (path, method)


def test_every_parameter_is_described(document: dict[str, Any]) -> None:
    undescribed = [
        (path, method, parameter["name"])
        for path, method, operation in operations(document)
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert undescribed == []


def test_writes_document_their_key_and_errors(document: dict[str, Any]) -> None:
    for path, method, operation in operations(document):
        if method == "get":
            continue
        assert operation.get("security") == [{"bearer": []}], (path, method)
        assert {"401", "403"} <= set(operation["responses"]), (path, method)
        if method in {"post", "patch"}:
            assert "422" in operation["responses"], (path, method)
        if "{key}" in path:
            assert "404" in operation["responses"], (path, method)
    assert "bearer" in document["components"]["securitySchemes"]


def test_error_responses_are_problem_documents(document: dict[str, Any]) -> None:
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")) and status != "400":
                assert "application/problem+json" in response.get("content", {}), (
                    path,
                    method,
                    status,
                )


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.name)
def test_request_examples_are_valid_bodies(resource: Any, document: dict[str, Any]) -> None:
    resource.create_in.model_validate(EXAMPLES[resource.name]["create"])
    resource.patch_in.model_validate(EXAMPLES[resource.name]["update"])
    body = document["paths"][f"/api/v1/{resource.name}"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["examples"]


def test_the_shipped_participation_example_points_at_its_passage(seeded_engine: Engine) -> None:
    example = EXAMPLES["participations"]["create"]["evidence"]
    with seeded_engine.connect() as connection:
        text = connection.exec_driver_sql(
            "SELECT clean_text FROM document WHERE slug = ?"
            if seeded_engine.dialect.name == "sqlite"
            else "SELECT clean_text FROM document WHERE slug = %s",
            (example["document"],),
        ).scalar_one()
    assert "Stockholm-Initiative" in text[example["start"] : example["end"]]
