"""An automated accessibility check of every page (axe-core, vendored for the tests only), at a
wide screen and at a 360 px phone: no serious or critical findings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from tests.live_server import Server
from tests.web.conftest import screenshot

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = [
    "/actors",
    "/actors?kind=state&topic=multilateralismus",
    "/initiatives",
    "/documents",
    "/actors/kasachstan",
    "/initiatives/allianz-fuer-den-multilateralismus",
    "/search?q=Kasachstan",
    "/timeline",
    "/graph",
    "/edit/actors/kasachstan",
    "/actors/gibt-es-nicht",
]


@pytest.fixture(params=[(1280, 900), (360, 740)], ids=["wide", "phone"])
def checked_page(
    request: pytest.FixtureRequest, browser: Browser, server: Server
) -> Iterator[Page]:
    width, height = request.param
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height})
    # An init script runs outside the page's Content-Security-Policy, which allows no such script.
    context.add_init_script(path=str(AXE))
    yield context.new_page()
    context.close()


def serious_findings(page: Page) -> list[dict[str, Any]]:
    report = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {
            "rule": finding["id"],
            "impact": finding["impact"],
            "where": [node["target"] for node in finding["nodes"]],
        }
        for finding in report
        if finding["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_findings(checked_page: Page, path: str) -> None:
    checked_page.goto(path)
    expect(checked_page.locator("main h1")).to_be_visible()
    expect(checked_page.locator("main")).not_to_have_attribute("aria-busy", "true")

    assert serious_findings(checked_page) == []


def test_the_directory_fits_a_phone_even_with_a_long_compound_name(
    checked_page: Page, server: Server
) -> None:
    # German compounds do not break on their own; the page must not scroll sideways for them.
    long_name = "Donaudampfschifffahrtsgesellschaftskapitänsvereinigungsvertretung"
    created = httpx.post(
        f"{server.url}/api/v1/actors",
        json={"name": long_name, "kind": "other"},
        headers={"Authorization": f"Bearer {server.api_key}"},
    )
    assert created.status_code == 201, created.text
    checked_page.goto("/actors?kind=other")
    expect(checked_page.locator(".cards .card", has_text=long_name).first).to_be_visible()

    width = checked_page.evaluate("() => document.documentElement.scrollWidth")
    viewport = checked_page.viewport_size
    assert viewport is not None
    assert width <= viewport["width"]
    screenshot(checked_page, f"actors-{viewport['width']}px")
