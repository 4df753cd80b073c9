"""Per-client rate limiting: past the limit a 429 problem document with Retry-After; the probes
are never limited; the limit is a setting."""

from __future__ import annotations

import os
from typing import Any

import pytest
import redis
from litestar.testing import TestClient
from sqlalchemy.engine import Engine
from tests.api.conftest import assert_problem

from atlas.app import create_app
from atlas.settings import RateLimit, Settings


def limited_client(engine: Engine, limit: str) -> TestClient[Any]:
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False), rate_limit=limit
    )
    return TestClient(create_app(settings, engine=engine))


def test_past_the_limit_a_client_gets_429_with_retry_after(engine: Engine) -> None:
    with limited_client(engine, "3/minute") as client:
        answers = [client.get("/api/v1/actors") for _ in range(3)]
        assert [answer.status_code for answer in answers] == [200, 200, 200]
        assert answers[-1].headers["ratelimit-remaining"] == "0"

        refused = client.get("/api/v1/topics")

        body = assert_problem(refused, 429)
        assert body["title"] == "Too Many Requests"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        # Writes count too, and are refused before the key is even looked at.
        assert_problem(client.post("/api/v1/topics", json={}), 429)


def test_probes_and_static_files_are_never_limited(engine: Engine) -> None:
    with limited_client(engine, "1/minute") as client:
        assert client.get("/api/v1/actors").status_code == 200
        for _ in range(5):
            assert client.get("/health").status_code == 200
            assert client.get("/ready").status_code == 200
        assert client.get("/api/v1/actors").status_code == 429


def test_off_turns_it_off(engine: Engine) -> None:
    with limited_client(engine, "off") as client:
        assert all(client.get("/health").status_code == 200 for _ in range(3))
        assert all(client.get("/api/v1/topics").status_code == 200 for _ in range(50))


@pytest.mark.parametrize("value", ["5/fortnight", "viele/minute", "-3/second"])
def test_a_bad_limit_is_a_setting_error(value: str) -> None:
    with pytest.raises(ValueError, match="rate_limit"):
        Settings(rate_limit=value)


def test_the_default_limit_and_its_429_is_documented(client: TestClient[Any]) -> None:
    assert Settings.model_fields["rate_limit"].default == RateLimit(1200, "minute")
    document = client.get("/schema/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if path not in ("/health", "/ready"):
                assert "429" in operation["responses"], (method, path)


REDIS_URL = os.environ.get("ATLAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def forget_counts() -> None:
    """Start from no requests counted (another test, or an earlier run, used the store)."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        for key in client.scan_iter(match="atlas-rate-limit*"):
            client.delete(key)
    finally:
        client.close()


def test_instances_share_one_allowance_in_redis(engine: Engine) -> None:
    """Two app instances over one database, as two servers would run them: with the Redis store
    a client's requests count once, whichever instance answers."""
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        rate_limit="4/minute",
        rate_limit_store_url=REDIS_URL,
    )
    first, second = (TestClient(create_app(settings, engine=engine)) for _ in range(2))
    with first, second:
        forget_counts()
        answers = [
            client.get("/api/v1/topics").status_code for client in (first, second, first, second)
        ]

        refused = first.get("/api/v1/topics")
        also_refused = second.get("/api/v1/topics")

    assert answers == [200, 200, 200, 200]
    assert_problem(refused, 429)
    assert_problem(also_refused, 429)
    assert int(also_refused.headers["retry-after"]) >= 1


def test_in_memory_each_instance_counts_for_itself(engine: Engine) -> None:
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False), rate_limit="2/minute"
    )
    first, second = (TestClient(create_app(settings, engine=engine)) for _ in range(2))
    with first, second:
        assert [first.get("/api/v1/topics").status_code for _ in range(3)] == [200, 200, 429]
        assert second.get("/api/v1/topics").status_code == 200
