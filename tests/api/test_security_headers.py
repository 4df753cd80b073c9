"""Security headers on every kind of response, error pages that leak nothing, and the docs page
working offline under its Content-Security-Policy in real Chromium."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from litestar import Litestar, get
from litestar.testing import TestClient
from playwright.sync_api import sync_playwright
from sqlalchemy.engine import Engine
from tests.api.conftest import assert_problem
from tests.live_server import free_port

from atlas import migrate
from atlas.api.security import DOCS_POLICY, SECURITY_HEADERS, STRICT_POLICY
from atlas.api.web import CONTENT_SECURITY_POLICY as PAGE_POLICY
from atlas.app import create_app
from atlas.db import create_db_engine
from atlas.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
SECRET = "SELECT password FROM secrets -- /srv/atlas/backend/atlas/db.py"


@pytest.fixture(scope="module")
def app_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    # Headers do not depend on the database: one SQLite file serves the module.
    engine = create_db_engine(f"sqlite:///{tmp_path_factory.mktemp('headers') / 'atlas.db'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _app(engine: Engine) -> Litestar:
    url = engine.url.render_as_string(hide_password=False)
    return create_app(Settings(database_url=url), engine=engine)


@get("/test/explode", sync_to_thread=False)
def explode() -> None:
    raise RuntimeError(SECRET)


@pytest.fixture(scope="module")
def client(app_engine: Engine) -> Iterator[TestClient[Litestar]]:
    app = _app(app_engine)
    app.register(explode)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


RESPONSES = [
    # (method, path, status, policy)
    ("GET", "/", 200, PAGE_POLICY),
    ("GET", "/actors/nobody", 200, PAGE_POLICY),
    ("GET", "/api/v1/actors", 200, STRICT_POLICY),
    ("GET", "/api/v1/actors/nobody", 404, STRICT_POLICY),
    ("GET", "/health", 200, STRICT_POLICY),
    ("GET", "/assets/app.css", 200, STRICT_POLICY),
    ("GET", "/static/swagger-ui/swagger-ui-bundle.js", 200, STRICT_POLICY),
    ("GET", "/schema", 200, DOCS_POLICY),
    ("GET", "/schema/openapi.json", 200, STRICT_POLICY),
    ("GET", "/schema/swagger-start.js", 200, STRICT_POLICY),
    ("GET", "/no/such/page", 404, STRICT_POLICY),
    ("DELETE", "/api/v1/actors", 405, STRICT_POLICY),
    ("POST", "/api/v1/topics", 401, STRICT_POLICY),
    ("GET", "/test/explode", 500, STRICT_POLICY),
]


@pytest.mark.parametrize(("method", "path", "status", "policy"), RESPONSES)
def test_every_response_carries_the_security_headers(
    client: TestClient[Litestar], method: str, path: str, status: int, policy: str
) -> None:
    response = client.request(method, path, json={} if method == "POST" else None)
    assert response.status_code == status
    assert response.headers["Content-Security-Policy"] == policy
    assert "frame-ancestors 'none'" in policy
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/actors/nobody", 404),
        ("GET", "/no/such/page", 404),
        ("GET", "/assets/no-such-file.js", 404),
        ("PUT", "/api/v1/actors", 405),
        ("GET", "/test/explode", 500),
    ],
)
def test_error_pages_leak_nothing(
    client: TestClient[Litestar], method: str, path: str, status: int
) -> None:
    response = client.request(method, path)
    body = assert_problem(response, status)
    assert SECRET not in response.text
    assert "RuntimeError" not in response.text
    if status == 500:
        assert body["detail"] == "An unexpected error occurred; it has been logged."
    assert client.app.debug is False


def test_the_docs_page_has_no_inline_script_and_loads_nothing_from_elsewhere(
    client: TestClient[Litestar],
) -> None:
    page = client.get("/schema").text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.DOTALL)
    assert scripts
    for attributes, content in scripts:
        assert 'src="/' in attributes and not content.strip()
    assert not re.search(r"\son[a-z]+=", page), "no inline event handlers"
    for url in re.findall(r"""(?:src|href)=["']([^"']+)""", page):
        assert url.startswith("/") and not url.startswith("//"), url


# --- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_url(app_engine: Engine) -> Iterator[str]:
    """The app served by uvicorn on a loopback port, in this process."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(_app(app_engine), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def docs_page(live_url: str) -> Iterator[DocsPage]:
    """The docs page opened in Chromium, with what it logged and where it sent requests."""
    assert CHROMIUM.exists(), "Debian's chromium package is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        try:
            opened = DocsPage(browser.new_page())
            opened.page.on("console", opened.record)
            opened.page.on("pageerror", lambda error: opened.problems.append(f"uncaught: {error}"))
            opened.page.on(
                "request",
                lambda request: (
                    None
                    if request.url.startswith((live_url, "data:"))
                    else opened.foreign.append(request.url)
                ),
            )
            opened.page.goto(f"{live_url}/schema")
            # Swagger UI has fetched the OpenAPI document and rendered something from it.
            opened.page.wait_for_selector(".swagger-ui .information-container, .version-pragma")
            yield opened
        finally:
            browser.close()


class DocsPage:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        self.foreign: list[str] = []

    def record(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"{message.type}: {message.text}")


def test_the_docs_page_runs_under_its_policy_offline(docs_page: DocsPage) -> None:
    assert not docs_page.problems, docs_page.problems
    assert not docs_page.foreign, f"requests left the origin: {docs_page.foreign}"


def test_the_docs_page_renders_every_operation(docs_page: DocsPage) -> None:
    docs_page.page.wait_for_selector(".opblock", timeout=5_000)
    assert docs_page.page.locator(".opblock").count() > 20
    assert "Atlas" in docs_page.page.locator(".info .title").inner_text()
