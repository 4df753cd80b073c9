"""An editor with an API key creates and changes records from the page; the API's validation
errors show next to the fields."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect
from tests.live_server import Server
from tests.web.conftest import Console, screenshot


def enter_key(page: Page, key: str) -> None:
    page.locator("#field-api-key").fill(key)


def test_a_validation_error_shows_next_to_its_field_then_the_fix_saves(
    page: Page, server: Server, api: httpx.Client, console: Console
) -> None:
    page.goto("/actors")
    page.locator("a.new-link").click()
    expect(page).to_have_url(re.compile(r"/edit/actors$"))
    enter_key(page, server.api_key)
    page.locator("#field-name").fill("Ständige Vertretung bei der OSZE")
    page.locator("#field-kind").select_option("government_body")
    page.locator("#field-country").fill("XY")
    page.locator("button[type=submit]").click()

    error = page.locator("#field-country-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("ISO 3166")
    expect(page.locator("#field-country")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#field-country")).to_be_focused()
    screenshot(page, "edit-validation-error")

    page.locator("#field-country").fill("DE")
    page.locator("button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text("Ständige Vertretung bei der OSZE")
    slug = page.url.rsplit("/", 1)[1]
    saved = api.get(f"/actors/{slug}").json()
    assert (saved["kind"], saved["country"]) == ("government_body", "DE")
    # The 422 is the browser's own report of the failed request; nothing else went wrong.
    assert [problem for problem in console.problems if "422" not in problem] == []


def test_an_edit_changes_only_what_was_changed_and_the_key_is_remembered(
    page: Page, server: Server, api: httpx.Client
) -> None:
    before = api.get("/initiatives/covax").json()
    page.goto("/initiatives/covax")
    page.locator(".edit-links a", has_text="Bearbeiten").click()
    enter_key(page, server.api_key)
    expect(page.locator("#field-name")).to_have_value(before["name"])
    page.locator("#field-name_en").fill("COVAX Facility")
    page.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"^http://[^/]+/initiatives/covax$"))
    expect(page.locator(".other-name")).to_have_text("COVAX Facility")
    after = api.get("/initiatives/covax").json()
    assert after["name_en"] == "COVAX Facility"
    assert after["version"] == before["version"] + 1
    assert (after["name"], after["kind"], after["aliases"]) == (
        before["name"],
        before["kind"],
        before["aliases"],
    )
    page.goto("/edit/initiatives/covax")
    expect(page.locator("#field-api-key")).to_have_value(server.api_key)


def test_a_participation_is_added_from_the_initiative_page(
    page: Page, server: Server, api: httpx.Client
) -> None:
    page.goto("/initiatives/covax")
    page.locator(".edit-links a", has_text="Beteiligung hinzufügen").click()
    enter_key(page, server.api_key)
    expect(page.locator("#field-initiative")).to_have_value("covax")
    page.locator("#field-actor").fill("gibt-es-nicht")
    page.locator("#field-role").select_option("member")
    page.locator("button[type=submit]").click()
    expect(page.locator("#field-actor-error")).to_contain_text("gibt-es-nicht")

    page.locator("#field-actor").fill("kasachstan")
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"^http://[^/]+/initiatives/covax$"))
    expect(page.locator(".role-group", has_text="Mitglied")).to_contain_text("Kasachstan")
    members = api.get("/participations", params={"initiative": "covax", "actor": "kasachstan"})
    assert members.json()["total"] == 1


def test_a_wrong_key_is_reported_at_the_key_field(page: Page, api: httpx.Client) -> None:
    page.goto("/edit/actors")
    enter_key(page, "not-a-key")
    page.locator("#field-name").fill("Niemand")
    page.locator("#field-kind").select_option("other")
    page.locator("button[type=submit]").click()

    expect(page.locator("#field-api-key-error")).to_be_visible()
    assert api.get("/actors", params={"q": "Niemand"}).json()["total"] == 0
