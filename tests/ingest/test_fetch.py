"""Fetching URLs against a real HTTP server on 127.0.0.1, and the guard against internal addresses.

The server runs in a thread of the test process. The tests allow 127.0.0.1/32 (the default
settings refuse it, like every loopback address); redirects to private, metadata and other
loopback addresses are refused before any connection is made, so no traffic leaves this machine.
"""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from atlas.ingest.fetch import fetch_url, refusal_reason
from atlas.ingest.sources import SourceError
from atlas.settings import PROJECT_ROOT, Settings

FILES = Path(__file__).parent / "files"
ARTICLE = (FILES / "press_release.html").read_bytes()
NO_ARTICLE = (FILES / "no_article.html").read_bytes()
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF\n"
PLAIN = "Berlin (ots) - Die Allianz für den Multilateralismus trifft sich in New York.\n"
TITLE = "Deutschland und Chile gründen Partnerschaft für grünen Wasserstoff"
CAP = 1_000_000
stopping = threading.Event()


class Handler(BaseHTTPRequestHandler):
    """The pages the tests fetch; each path is one situation."""

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        path = parts.path
        try:
            if path == "/article":
                self.answer(200, "text/html; charset=utf-8", ARTICLE)
            elif path == "/plain":
                self.answer(200, "text/plain; charset=utf-8", PLAIN.encode())
            elif path == "/no-article":
                self.answer(200, "text/html", NO_ARTICLE)
            elif path == "/report.pdf":
                self.answer(200, "application/pdf", PDF)
            elif path == "/pdf-as-text":
                self.answer(200, "text/plain", PDF)
            elif path == "/image":
                self.answer(200, "image/png", b"\x89PNG\r\n\x1a\n")
            elif path == "/host":
                host = self.headers["Host"]
                self.answer(
                    200,
                    "text/plain",
                    f"Host: {host}\nUser-Agent: {self.headers['User-Agent']}\n".encode(),
                )
            elif path == "/missing":
                self.answer(404, "text/plain", b"Nicht gefunden")
            elif path == "/redirect":
                self.redirect(query["to"][0])
            elif path == "/loop":
                self.redirect("/loop")
            elif path.startswith("/chain/"):  # /chain/N redirects N times, then the article
                left = int(path.rsplit("/", 1)[1])
                if left:
                    self.redirect(f"/chain/{left - 1}")
                else:
                    self.answer(200, "text/html; charset=utf-8", ARTICLE)
            elif path == "/huge":
                self.stream(b"a" * 65536, count=48, pause=0)  # 3 MB, no length announced
            elif path == "/huge-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(200_000_000))
                self.end_headers()
                self.wfile.write(b"a" * 1000)
            elif path == "/gzip-bomb":
                body = gzip.compress(b" " * 20_000_000)  # 20 MB of spaces, about 20 kB packed
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif path == "/slow":
                self.stream(b"a", count=1, pause=0)
                stopping.wait(5)  # then silence: the client's read timeout must end it
            elif path == "/drip":
                self.stream(b"a", count=50, pause=0.1)  # a byte every 0.1 s, for 5 s
            else:
                self.answer(404, "text/plain", b"unknown path")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream(self, chunk: bytes, *, count: int, pause: float) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(count):
            self.wfile.write(chunk)
            self.wfile.flush()
            if pause and stopping.wait(pause):
                return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base URL of a server on 127.0.0.1 and a free port, stopped after the module."""
    stopping.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def allowing_loopback(**changes: Any) -> Settings:
    """Settings that let fetches reach the test server (127.0.0.1 only), with short limits."""
    values: dict[str, Any] = {
        "fetch_allowed_networks": ["127.0.0.1/32"],
        "fetch_timeout_seconds": 0.5,
        "fetch_deadline_seconds": 5,
        "fetch_max_bytes": CAP,
        "fetch_max_redirects": 5,
    }
    return Settings(**{**values, **changes})


def refusal(url: str, settings: Settings) -> SourceError:
    with pytest.raises(SourceError) as caught:
        fetch_url(url, settings)
    return caught.value


# --- what is fetched ------------------------------------------------------------------------------


def test_an_article_page_becomes_its_text(server: str) -> None:
    source = fetch_url(f"{server}/article", allowing_loopback())

    assert source.title == TITLE
    assert source.published == "2024-03-14"
    assert (source.name, source.source_url) == (f"{server}/article", f"{server}/article")
    assert source.content_type == "text/html"
    assert source.text.startswith(f"date 2024-03-14\n\n{TITLE}\n\nBerlin/Santiago de Chile")


def test_plain_text_is_taken_as_it_is(server: str) -> None:
    source = fetch_url(f"{server}/plain", allowing_loopback())

    assert source.text == PLAIN
    assert source.content_type == "text/plain"


def test_redirects_are_followed_up_to_the_limit_and_the_final_url_kept(server: str) -> None:
    source = fetch_url(f"{server}/chain/5", allowing_loopback())

    assert source.title == TITLE
    assert source.name == f"{server}/chain/5"
    assert source.source_url == f"{server}/chain/0"


def test_the_connection_goes_to_the_checked_address_with_the_name_in_the_host_header(
    server: str,
) -> None:
    port = urlsplit(server).port
    settings = allowing_loopback(fetch_allowed_networks=["127.0.0.0/8", "::1/128"])

    source = fetch_url(f"http://localhost:{port}/host", settings)

    assert source.text == f"Host: localhost:{port}\nUser-Agent: {settings.fetch_user_agent}\n"


# --- what is refused ------------------------------------------------------------------------------


def test_default_settings_refuse_loopback_by_address_and_by_name(server: str) -> None:
    port = urlsplit(server).port

    by_address = refusal(f"{server}/article", Settings())
    by_name = refusal(f"http://localhost:{port}/article", Settings())

    assert by_address.reason == by_name.reason == "refused_address"
    assert str(by_address) == (
        "refused_address: 127.0.0.1 (loopback); only public addresses are fetched"
    )
    assert str(by_name).startswith("refused_address: localhost resolves to ")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("http://10.0.0.1/intern", "10.0.0.1 (private)"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 (cloud metadata)"),
        ("http://127.0.0.2:{port}/article", "127.0.0.2 (loopback)"),
        ("http://[::1]:{port}/article", "::1 (loopback)"),
        ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1 (private)"),
        ("http://0.0.0.0:{port}/article", "0.0.0.0 (unspecified)"),
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(
    server: str, location: str, expected: str
) -> None:
    target = location.format(port=urlsplit(server).port)

    error = refusal(f"{server}/redirect?to={target}", allowing_loopback())

    assert error.reason == "refused_address"
    assert str(error) == f"refused_address: {expected}; only public addresses are fetched"


def test_a_redirect_loop_ends_after_the_limit(server: str) -> None:
    error = refusal(f"{server}/loop", allowing_loopback(fetch_max_redirects=3))

    assert error.reason == "too_many_redirects"
    assert str(error) == f"too_many_redirects: {server}/loop redirects more than 3 times"


def test_one_redirect_too_many_is_refused(server: str) -> None:
    assert refusal(f"{server}/chain/6", allowing_loopback()).reason == "too_many_redirects"


def test_a_page_without_an_article_is_refused(server: str) -> None:
    assert refusal(f"{server}/no-article", allowing_loopback()).reason == "no_article"


def test_a_pdf_is_refused_by_its_content_type(server: str) -> None:
    error = refusal(f"{server}/report.pdf", allowing_loopback())

    assert error.reason == "bad_content_type"
    assert str(error) == (
        f"bad_content_type: {server}/report.pdf sent application/pdf;"
        " only HTML and plain text can be ingested"
    )
    assert refusal(f"{server}/image", allowing_loopback()).reason == "bad_content_type"


def test_a_pdf_sent_as_text_is_refused_as_binary(server: str) -> None:
    assert refusal(f"{server}/pdf-as-text", allowing_loopback()).reason == "binary"


@pytest.mark.parametrize("path", ["/huge", "/huge-declared", "/gzip-bomb"])
def test_a_body_over_the_cap_is_refused(server: str, path: str) -> None:
    started = time.monotonic()

    error = refusal(f"{server}{path}", allowing_loopback())

    assert error.reason == "too_large"
    assert str(error) == f"too_large: {server}{path} sent more than 1,000,000 bytes (the limit)"
    assert time.monotonic() - started < 3


def test_a_server_that_stops_sending_times_out(server: str) -> None:
    started = time.monotonic()

    error = refusal(f"{server}/slow", allowing_loopback(fetch_timeout_seconds=0.3))

    assert error.reason == "timeout"
    assert time.monotonic() - started < 2


def test_a_body_sent_slowly_ends_at_the_deadline(server: str) -> None:
    started = time.monotonic()

    error = refusal(f"{server}/drip", allowing_loopback(fetch_deadline_seconds=0.6))

    assert error.reason == "timeout"
    assert str(error) == f"timeout: {server}/drip took longer than 0.6 s in all"
    assert time.monotonic() - started < 2


def test_an_error_status_is_refused(server: str) -> None:
    error = refusal(f"{server}/missing", allowing_loopback())

    assert error.reason == "bad_status"
    assert str(error) == f"bad_status: {server}/missing answered 404 Not Found"


def test_a_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and is closed now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    error = refusal(f"http://127.0.0.1:{port}/", allowing_loopback())

    assert error.reason == "unreachable"
    assert str(error).startswith("unreachable: cannot connect to 127.0.0.1: ")


def test_a_name_that_does_not_resolve_is_unreachable() -> None:
    error = refusal("http://atlas-test.invalid/", Settings())

    assert error.reason == "unreachable"
    assert str(error).startswith("unreachable: cannot resolve atlas-test.invalid")


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/file.txt",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "example.org/ohne-schema",
        "http://",
        "http://user:secret@example.org/",
        "http://[::1/",
    ],
)
def test_bad_urls_are_refused_before_anything_is_sent(url: str) -> None:
    assert refusal(url, Settings()).reason == "bad_url"


# --- the address guard ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.178.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("2002:a00:1::1", "private"),  # 6to4 of 10.0.0.1
        ("192.0.2.10", "private"),  # documentation range
        ("93.184.215.14", None),
        ("2a00:1450:4001:80b::200e", None),
        ("::ffff:93.184.215.14", None),
    ],
)
def test_refusal_reason(address: str, reason: str | None) -> None:
    assert refusal_reason(address) == reason


def test_an_allowed_network_lifts_the_refusal() -> None:
    allowed = [ipaddress.ip_network("10.20.0.0/16"), ipaddress.ip_network("169.254.169.254/32")]

    assert refusal_reason("10.20.30.40", allowed) is None
    assert refusal_reason("::ffff:10.20.30.40", allowed) is None
    assert refusal_reason("169.254.169.254", allowed) is None
    assert refusal_reason("10.21.0.1", allowed) == "private"


# --- HTTPS: connected by address, verified by name ------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, list[str | None]]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for ``localhost``; yields its
    port and the server names (SNI) clients sent."""
    openssl = shutil.which("openssl")
    assert openssl is not None, "openssl is needed to make the test certificate"
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert)),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _socket, name, _context: names.append(name)

    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # the clients here refuse the certificate, as they should

        def get_request(self) -> tuple[socket.socket, Any]:
            connection, address = self.socket.accept()
            try:
                return context.wrap_socket(connection, server_side=True), address
            except (ssl.SSLError, OSError):
                connection.close()
                raise

    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], names
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_https_sends_the_name_for_sni_and_checks_the_certificate(
    tls_server: tuple[int, list[str | None]],
) -> None:
    port, names = tls_server
    settings = allowing_loopback(fetch_allowed_networks=["127.0.0.0/8", "::1/128"])

    error = refusal(f"https://localhost:{port}/article", settings)

    # Connected to the checked 127.0.0.1, yet the handshake named localhost; the self-signed
    # certificate is then refused: verification stays on although the URL's host was replaced.
    assert names[-1] == "localhost"
    assert error.reason == "unreachable"
    assert "CERTIFICATE_VERIFY_FAILED" in str(error)


# --- settings -----------------------------------------------------------------------------------


def test_allowed_networks_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_FETCH_ALLOWED_NETWORKS", "10.20.0.0/16, fd00::/8")

    assert Settings().fetch_allowed_networks == [
        ipaddress.ip_network("10.20.0.0/16"),
        ipaddress.ip_network("fd00::/8"),
    ]


def test_a_network_with_host_bits_is_a_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_FETCH_ALLOWED_NETWORKS", "10.20.0.1/16")

    with pytest.raises(ValueError, match="fetch_allowed_networks"):
        Settings()


def test_the_ingest_settings_are_documented() -> None:
    documented = (PROJECT_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    names = [name for name in Settings.model_fields if name.startswith(("fetch_", "ingest_"))]

    assert len(names) == 7
    assert [name for name in names if f"| `ATLAS_{name.upper()}` |" not in documented] == []
