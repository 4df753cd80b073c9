"""docker-compose.yml and the Dockerfile. No Docker engine runs here, so the compose file is
validated against the compose specification, and the containers' commands are run as processes
with the compose environment, pointed at the local PostgreSQL instead of the `db` service."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy.engine import make_url

from atlas.settings import PROJECT_ROOT

COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yml"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def test_compose_file_follows_the_compose_specification() -> None:
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.compose-spec", COMPOSE_FILE],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_services_start_in_order(compose: dict) -> None:
    services = compose["services"]

    assert set(services) == {"db", "migrate", "app"}
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["db"]["volumes"])
    assert services["migrate"]["command"] == ["atlas", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["app"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    for name in ("migrate", "app"):
        assert make_url(services[name]["environment"]["DATABASE_URL"]).host == "db"


def test_image_is_slim_non_root_and_locked() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")

    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.MULTILINE)
    assert "uv sync --frozen --no-dev" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}


def _container_environment(service: dict, database_url: str, **overrides: str) -> dict[str, str]:
    """The service's environment, as compose would resolve it, aimed at the test database."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    environment.update({key: str(value) for key, value in service["environment"].items()})
    environment["DATABASE_URL"] = database_url
    environment.update(overrides)
    return environment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.postgres
def test_container_commands_run_against_postgresql(
    compose: dict, postgres_available: None, postgres_databases
) -> None:
    database_url = postgres_databases.create()
    services = compose["services"]
    migrate, app = services["migrate"], services["app"]

    migrated = subprocess.run(
        [BIN / migrate["command"][0], *migrate["command"][1:]],
        env=_container_environment(migrate, database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr

    port = _free_port()
    server = subprocess.Popen(
        [BIN / app["command"][0], *app["command"][1:]],
        env=_container_environment(app, database_url, ATLAS_HOST="127.0.0.1", ATLAS_PORT=str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        ready = _wait_until_ready(f"http://127.0.0.1:{port}/ready", server)
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_ready(url: str, server: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited early:\n{server.stdout.read() if server.stdout else ''}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("server did not answer within 60 s")
