"""`atlas serve` in a subprocess on a free loopback port, over a migrated and seeded database with
an editor key: the real server, as the client and the browser tests talk to it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ATLAS = str(Path(sys.executable).with_name("atlas"))


@dataclass(frozen=True)
class Server:
    url: str
    api_key: str
    database_url: str


def atlas(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the `atlas` command with a clean environment plus `env`."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    environment.update(env)
    return subprocess.run(
        [ATLAS, *args], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_ready(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"atlas serve exited early:\n{log.read_text(encoding='utf-8')}")
        try:
            if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("atlas serve was not ready within 60 s")


@contextlib.contextmanager
def seeded_server(database_url: str, log: Path) -> Iterator[Server]:
    """Migrate and seed the database, create an editor key, serve it until the block ends."""
    for command in (["db", "upgrade"], ["seed"]):
        result = atlas(*command, DATABASE_URL=database_url)
        assert result.returncode == 0, result.stderr
    created = atlas(
        "apikey", "create", "--name", "live-tests", "--role", "editor", DATABASE_URL=database_url
    )
    assert created.returncode == 0, created.stderr
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    environment["DATABASE_URL"] = database_url
    # A browser test session sends more requests a minute than one person would.
    environment["ATLAS_RATE_LIMIT"] = "off"
    # The log goes to a file: a pipe nobody reads would block the server once full.
    with log.open("wb") as output:
        process = subprocess.Popen(
            [ATLAS, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, process, log)
        yield Server(url=url, api_key=created.stdout.strip(), database_url=database_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
