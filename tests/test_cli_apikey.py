"""`atlas apikey` as an operator runs it: real process, real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session

from atlas.db import create_db_engine
from atlas.services.apikeys import authenticate

ATLAS = str(Path(sys.executable).with_name("atlas"))


def atlas(*args: str, database_url: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    if database_url is not None:
        environment["DATABASE_URL"] = database_url
    return subprocess.run(
        [ATLAS, *args], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("atlas: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def database_url(empty_database_url: str) -> str:
    upgraded = atlas("db", "upgrade", database_url=empty_database_url)
    assert upgraded.returncode == 0, upgraded.stderr
    return empty_database_url


def key_name_of(database_url: str, key: str) -> str | None:
    engine = create_db_engine(database_url)
    try:
        with Session(engine) as session:
            api_key = authenticate(session, key)
            return None if api_key is None else api_key.name
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "command", [["apikey"], ["apikey", "create"], ["apikey", "list"], ["apikey", "revoke"]]
)
def test_every_command_has_help(command: list[str]) -> None:
    result = atlas(*command, "--help")

    assert result.returncode == 0
    assert "Usage: atlas" in result.stdout


def test_create_list_and_revoke(database_url: str) -> None:
    created = atlas(
        "apikey", "create", "--name", "importer", "--role", "editor", database_url=database_url
    )

    assert created.returncode == 0, created.stderr
    # The key is standard output's only line, so a script can capture it.
    key = created.stdout.strip()
    assert created.stdout == f"{key}\n"
    assert key.startswith("atlas_")
    assert "not be shown again" in created.stderr
    assert key_name_of(database_url, key) == "importer"

    listed = atlas("apikey", "list", database_url=database_url)
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.strip().splitlines()
    assert header.split() == ["NAME", "ROLE", "PREFIX", "CREATED", "REVOKED"]
    assert row.split()[:3] == ["importer", "editor", key[:12]]
    assert row.endswith("-")
    assert key not in listed.stdout + listed.stderr

    revoked = atlas("apikey", "revoke", "importer", database_url=database_url)
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in revoked.stdout
    assert key_name_of(database_url, key) is None
    assert not atlas("apikey", "list", database_url=database_url).stdout.rstrip().endswith("-")

    again = atlas("apikey", "revoke", "importer", database_url=database_url)
    assert again.returncode == 0, again.stderr


def test_list_without_keys(database_url: str) -> None:
    listed = atlas("apikey", "list", database_url=database_url)

    assert listed.returncode == 0, listed.stderr
    assert "No API keys" in listed.stdout


def test_a_duplicate_name_is_a_one_line_error(database_url: str) -> None:
    first = atlas(
        "apikey", "create", "--name", "twice", "--role", "admin", database_url=database_url
    )
    assert first.returncode == 0, first.stderr

    second = atlas(
        "apikey", "create", "--name", "twice", "--role", "editor", database_url=database_url
    )

    assert_one_line_error(second, "twice", "already exists")
    assert second.stdout == ""


def test_revoking_an_unknown_name_is_a_one_line_error(database_url: str) -> None:
    result = atlas("apikey", "revoke", "nobody", database_url=database_url)

    assert_one_line_error(result, "nobody")


def test_a_bad_role_is_a_usage_error() -> None:
    result = atlas("apikey", "create", "--name", "x", "--role", "superuser")

    assert result.returncode == 2
    assert "superuser" in result.stderr
    assert "Traceback" not in result.stderr
