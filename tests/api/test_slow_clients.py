"""A client that sends its body too slowly gets 408 and frees its worker: a real uvicorn server on
a free port, a raw socket that stalls halfway through the body."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from sqlalchemy.engine import Engine
from tests.api.conftest import new_editor_key
from tests.live_server import free_port

from atlas.app import create_app
from atlas.settings import Settings


@pytest.fixture
def key(engine: Engine) -> bytes:
    return f"Authorization: Bearer {new_editor_key(engine)}\r\n".encode()


@pytest.fixture
def server(engine: Engine) -> Iterator[int]:
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False), request_timeout_seconds=1
    )
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.02)
    yield port
    running.should_exit = True
    thread.join(timeout=10)


def request(port: int, head: bytes, body: bytes, timeout: float = 10) -> tuple[bytes, float]:
    """Send the head and part of a body, then wait for the answer without sending the rest."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(head + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer, time.monotonic() - started


def test_a_stalled_body_gets_408_after_the_timeout(server: int, key: bytes) -> None:
    head = (
        b"POST /api/v1/topics HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + key
        + b"Content-Length: 100\r\n\r\n"
    )

    answer, elapsed = request(server, head, b'{"label_de": ')

    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line == b"HTTP/1.1 408 Request Timeout", answer
    assert b"application/problem+json" in answer
    assert 0.9 <= elapsed < 5


def test_a_body_sent_in_time_is_answered(server: int, key: bytes) -> None:
    body = b'{"label_de": "Wasser", "label_en": "Water"}'
    head = (
        b"POST /api/v1/topics HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + key
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
    )

    answer, _ = request(server, head, body)

    assert answer.split(b"\r\n", 1)[0] == b"HTTP/1.1 201 Created", answer
