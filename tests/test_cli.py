"""The `atlas` command as an operator runs it: real process, real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from atlas.db import create_db_engine

ATLAS = str(Path(sys.executable).with_name("atlas"))


def atlas(
    *args: str, database_url: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    if database_url is not None:
        environment["DATABASE_URL"] = database_url
    environment.update(env)
    return subprocess.run(
        [ATLAS, *args], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("atlas: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["db"],
        ["db", "upgrade"],
        ["db", "downgrade"],
        ["db", "current"],
        ["db", "revision"],
        ["db", "backup"],
        ["serve"],
        ["export"],
        ["import"],
        ["ingest"],
        ["review"],
        ["review", "list"],
        ["review", "accept"],
        ["review", "reject"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = atlas(*command, "--help")

    assert result.returncode == 0
    assert "Usage: atlas" in result.stdout


def test_upgrade_current_and_downgrade(empty_database_url: str) -> None:
    assert "no schema yet" in atlas("db", "current", database_url=empty_database_url).stdout

    upgraded = atlas("db", "upgrade", database_url=empty_database_url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "(head)" in upgraded.stdout
    assert "(head)" in atlas("db", "current", database_url=empty_database_url).stdout

    downgraded = atlas("db", "downgrade", "base", database_url=empty_database_url)
    assert downgraded.returncode == 0, downgraded.stderr
    engine = create_db_engine(empty_database_url)
    try:
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()


def test_default_database_is_a_sqlite_file_under_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [ATLAS, "db", "upgrade"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "atlas.db").is_file()


def test_unknown_revision(empty_database_url: str) -> None:
    result = atlas("db", "upgrade", "no-such-revision", database_url=empty_database_url)

    assert_one_line_error(result, "no-such-revision")


def test_unreachable_database_does_not_print_the_password() -> None:
    result = atlas("db", "upgrade", database_url="postgresql://atlas:s3cret@127.0.0.1:1/atlas")

    assert_one_line_error(result, "database error", "127.0.0.1")
    assert "s3cret" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("url", "fragment"),
    [("mysql://u@h/db", "sqlite:// or postgresql://"), ("::nonsense", "not a database URL")],
)
def test_bad_database_url(url: str, fragment: str) -> None:
    assert_one_line_error(atlas("db", "current", database_url=url), fragment)


def test_bad_setting_is_named() -> None:
    result = atlas("serve", ATLAS_PORT="eighty")

    assert_one_line_error(result, "port")


def test_unknown_command_exits_non_zero() -> None:
    result = atlas("frobnicate")

    assert result.returncode == 2
    assert "No such command" in result.stderr
