"""The web directory in real Chromium (Debian's /usr/bin/chromium, driven by Playwright), against
`atlas serve` over a seeded SQLite database. Screenshots of every page land in
`test-artifacts/screenshots/`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from tests.live_server import Server, seeded_server

from atlas.settings import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("web")
    with seeded_server(f"sqlite:///{folder / 'atlas.db'}", folder / "server.log") as running:
        yield running


# One browser per test module, not per session: a running sync Playwright keeps an asyncio loop
# running in the main thread, which would break every later test in the same worker that starts
# an event loop of its own (anyio tests, another sync_playwright).
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium package is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


class Console:
    """What the page logged as an error or warning, and uncaught exceptions."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def record(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"{message.type}: {message.text} ({message.location['url']})")


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser: Browser, server: Server, console: Console) -> Iterator[Page]:
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("console", console.record)
    tab.on("pageerror", lambda error: console.problems.append(f"uncaught: {error}"))
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def api(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{server.url}/api/v1", timeout=10) as client:
        yield client


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
