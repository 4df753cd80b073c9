"""The real `atlas serve` (any number of workers) over a fresh database of either backend, for the
reliability tests of issue 8: fuzzing, concurrent writers and crashes."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.live_server import ATLAS, Server, _wait_until_ready, atlas, free_port


def prepare_database(database_url: str, *, seed: bool) -> str:
    """Migrate (and seed) the database; return a new editor key for it."""
    commands = [["db", "upgrade"], ["seed"]] if seed else [["db", "upgrade"]]
    for command in commands:
        result = atlas(*command, DATABASE_URL=database_url)
        assert result.returncode == 0, result.stderr
    created = atlas(
        "apikey", "create", "--name", "reliability", "--role", "editor", DATABASE_URL=database_url
    )
    assert created.returncode == 0, created.stderr
    return created.stdout.strip()


@contextlib.contextmanager
def serve(database_url: str, api_key: str, log: Path, *, workers: int = 1) -> Iterator[Server]:
    """`atlas serve --workers N` on a free loopback port until the block ends."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    environment["DATABASE_URL"] = database_url
    # These tests send thousands of requests a minute from one address, on purpose.
    environment["ATLAS_RATE_LIMIT"] = "off"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [ATLAS, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, process, log)
        yield Server(url=url, api_key=api_key, database_url=database_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_errors(log: Path) -> list[str]:
    """Lines of the server log that report an unhandled error or a locked database."""
    return [
        line
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if '"level":"error"' in line or "database is locked" in line or "Traceback" in line
    ]


@pytest.fixture
def backend(empty_database_url: str) -> str:
    """The backend of `empty_database_url`: sqlite or postgresql."""
    return empty_database_url.split(":", 1)[0].split("+", 1)[0]
