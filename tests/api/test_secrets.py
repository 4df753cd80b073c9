"""No API key, password or database URL reaches a client or the log: an unreachable database
answers 503 without naming itself, and requests with keys are logged without them."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient
from tests.api.conftest import Api, assert_problem

from atlas.app import create_app
from atlas.settings import Settings

PASSWORD = "s3cret-Passw0rt"
UNREACHABLE = f"postgresql://atlas:{PASSWORD}@127.0.0.1:1/atlas"


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/v1/actors"), ("GET", "/api/v1/actors/deutschland"), ("GET", "/api/v1/search")],
)
def test_an_unreachable_database_is_a_503_that_names_nothing(
    method: str, path: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with TestClient(create_app(Settings(database_url=UNREACHABLE))) as client:
        response = client.request(method, path, params={"q": "Wasser"})

    body = assert_problem(response, 503)
    assert response.headers["retry-after"] == "5"
    output = capfd.readouterr()
    for secret in (PASSWORD, UNREACHABLE, "atlas:"):
        assert secret not in response.text
        assert secret not in body["detail"]
        assert secret not in output.out + output.err


def test_readiness_says_the_database_is_down_without_its_url(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with TestClient(create_app(Settings(database_url=UNREACHABLE))) as client:
        response = client.get("/ready")

    assert response.status_code == 503
    output = capfd.readouterr()
    assert PASSWORD not in response.text + output.out + output.err


def test_keys_never_reach_the_log(api: Api, capfd: pytest.CaptureFixture[str]) -> None:
    key = api.headers["Authorization"].removeprefix("Bearer ")
    capfd.readouterr()

    api.post("topics", {"label_de": "Wasser", "label_en": "Water"})
    api.post("topics", {"label_de": "Wasser", "label_en": "Water"})  # 409
    api.client.get("/api/v1/actors", headers={"Authorization": f"Bearer {key}"})
    api.post("topics", {}, headers={"Authorization": f"Bearer {key}x"})  # 401

    output = capfd.readouterr()
    logged: Any = output.out + output.err
    assert "/api/v1/topics" in logged  # the requests were logged …
    assert key not in logged  # … without the key
    assert key[:-1] not in logged
