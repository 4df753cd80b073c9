"""The editors' review page (`/edit/review`) in real Chromium against the real server: texts are
ingested through the API (with the editor key the server fixture creates), then an editor reads
the queue, accepts, merges and rejects suggestions, and ingests a text from the page.

Each test ingests its own press release naming its own people: the server is shared by every
browser test, and a decision settles every pending suggestion of the same name."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from tests.live_server import Server
from tests.web.conftest import Console, screenshot
from tests.web.test_accessibility import AXE, serious_findings

REVIEW = "/edit/review"


def press_release(title: str, body: str, day: str = "18.05.2021") -> str:
    """A raw text as the Federal Foreign Office publishes it: site marker, headline, date line."""
    return (
        "Willkommen auf den Seiten des Auswärtigen Amts\n\n"
        f"{title}\n\n"
        f"{day} - Pressemitteilung\n\n"
        f"{body}\n\n"
        "nach oben\n"
    )


@pytest.fixture
def editor(server: Server, api: httpx.Client) -> httpx.Client:
    api.headers["Authorization"] = f"Bearer {server.api_key}"
    return api


Ingest = Callable[[str, str], dict[str, Any]]


@pytest.fixture
def ingest(editor: httpx.Client) -> Ingest:
    def ingest(title: str, body: str) -> dict[str, Any]:
        response = editor.post("/documents/ingest", json={"text": press_release(title, body)})
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    return ingest


def queued(editor: httpx.Client, document: str, name_part: str) -> dict[str, Any]:
    """The pending entity suggestion of a document whose name contains `name_part`."""
    items = editor.get(
        "/suggestions", params={"document": document, "kind": "entity", "limit": 100}
    ).json()["items"]
    matching = [item for item in items if name_part in item["name"]]
    assert matching, [item["name"] for item in items]
    suggestion: dict[str, Any] = matching[0]
    return suggestion


def open_review(page: Page, key: str, document: str = "") -> None:
    """The review page of one document's suggestions, after entering the key it asks for."""
    page.goto(f"{REVIEW}?document={document}" if document else REVIEW)
    page.locator("#field-api-key").fill(key)
    page.locator(".key-form button[type=submit]").click()
    expect(page.locator("#queue-heading")).to_be_visible()
    expect(page.locator("main")).not_to_have_attribute("aria-busy", "true")


def card(page: Page, suggestion: dict[str, Any]) -> Locator:
    return page.locator(f"#suggestion-{suggestion['id']}")


def test_without_a_key_the_page_asks_for_one(page: Page, server: Server) -> None:
    page.goto(REVIEW)
    expect(page.locator("main h1")).to_have_text("Vorschläge prüfen")
    expect(page.locator("#field-api-key")).to_be_visible()
    expect(page.locator(".review-item")).to_have_count(0)

    page.locator("#field-api-key").fill("not-a-key")
    page.locator(".key-form button[type=submit]").click()
    expect(page.locator("#field-api-key-error")).to_contain_text("gültigen API-Schlüssel")
    expect(page.locator("#field-api-key")).to_have_attribute("aria-invalid", "true")

    page.locator("#field-api-key").fill(server.api_key)
    page.locator(".key-form button[type=submit]").click()
    expect(page.locator("#queue-heading")).to_have_text("Offene Vorschläge")
    # An editor now finds the page in the navigation, and can forget the key again.
    expect(page.locator("#site-nav a", has_text="Vorschläge prüfen")).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("button", name="Schlüssel vergessen").click()
    expect(page.locator("#field-api-key")).to_be_visible()


def test_the_queue_shows_the_evidence_and_accepting_creates_the_entity(
    page: Page, server: Server, editor: httpx.Client, ingest: Ingest, console: Console
) -> None:
    result = ingest(
        "Außenminister Maas empfängt armenischen Premierminister",
        "Außenminister Heiko Maas hat am Dienstag in Berlin den armenischen Premierminister "
        "Nikol Paschinjan empfangen. Beide würdigten die Arbeit der Allianz für den "
        "Multilateralismus und sprachen über die Lage im Südkaukasus.",
    )
    slug = result["document"]["slug"]
    person = queued(editor, slug, "Paschinjan")
    open_review(page, server.api_key, slug)

    item = card(page, person)
    expect(item.locator("h3")).to_have_text(person["name"])
    expect(item.locator(".facts")).to_contain_text("Akteur")
    expect(item.locator(".facts")).to_contain_text(person["rule"])
    expect(item.locator("blockquote mark")).to_have_text(person["name"])
    expect(item.locator("blockquote")).to_contain_text("Premierminister Nikol Paschinjan empfangen")
    expect(item.locator("figcaption a")).to_have_attribute("href", f"/documents/{slug}")
    # A known name is linked, not suggested.
    expect(
        page.locator(".review-item h3", has_text="Allianz für den Multilateralismus")
    ).to_have_count(0)
    screenshot(page, "review-queue")

    item.get_by_label("Name", exact=True).fill("Nikol Paschinjan")
    item.get_by_label("Land (ISO-Code)").fill("am")
    item.get_by_role("button", name="Annehmen").click()

    expect(page.locator("#review-status")).to_contain_text("angenommen")
    expect(item).to_have_count(0)
    decided = editor.get(f"/suggestions/{person['id']}").json()
    assert decided["status"] == "accepted"
    entity_type, _, entity = decided["outcome"].partition(":")
    assert entity_type == "actor"
    actor = editor.get(f"/actors/{entity}").json()
    assert (actor["name"], actor["kind"], actor["country"]) == ("Nikol Paschinjan", "person", "AM")
    expect(page.locator("#review-status a")).to_have_attribute("href", f"/actors/{entity}")
    assert console.problems == []


def test_merging_gives_the_chosen_entity_the_name_as_alias(
    page: Page, server: Server, editor: httpx.Client, ingest: Ingest
) -> None:
    created = editor.post(
        "/actors", json={"name": "Ilham Aliyev", "kind": "person", "country": "AZ"}
    )
    assert created.status_code == 201, created.text
    target = created.json()
    result = ingest(
        "Telefonat mit dem aserbaidschanischen Präsidenten",
        "Außenminister Heiko Maas telefonierte am Mittwoch mit Präsident Ilham Alijew. Im "
        "Mittelpunkt standen die humanitäre Lage und der Austausch von Gefangenen.",
    )
    slug = result["document"]["slug"]
    person = queued(editor, slug, "Alijew")
    open_review(page, server.api_key, slug)

    item = card(page, person)
    toggle = item.get_by_role("button", name="Zusammenführen mit …")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    search = item.get_by_role("combobox", name="Bekannten Eintrag suchen")
    expect(search).to_be_focused()
    search.press_sequentially("Ilham Ali", delay=30)
    expect(item.locator("[role=option]", has_text="Ilham Aliyev")).to_be_visible()
    search.press("ArrowDown")
    search.press("Enter")
    expect(search).to_have_value("Ilham Aliyev")
    item.get_by_role("button", name="Zusammenführen", exact=True).click()

    expect(page.locator("#review-status")).to_contain_text("angenommen")
    expect(item).to_have_count(0)
    aliases = editor.get(f"/actors/{target['slug']}").json()["aliases"]
    assert person["name"] in aliases


def test_rejecting_removes_it_from_the_queue(
    page: Page, server: Server, editor: httpx.Client, ingest: Ingest
) -> None:
    result = ingest(
        "Gespräch mit dem tadschikischen Präsidenten",
        "Staatsminister Niels Annen traf in Duschanbe Präsident Emomali Rahmon. Es ging um "
        "Grenzsicherung, Wasser und die Zusammenarbeit in Zentralasien.",
    )
    slug = result["document"]["slug"]
    person = queued(editor, slug, "Rahmon")
    open_review(page, server.api_key, slug)
    before = editor.get("/suggestions", params={"document": slug, "status": "pending"}).json()

    card(page, person).get_by_role("button", name="Ablehnen").click()

    expect(page.locator("#review-status")).to_contain_text("abgelehnt")
    expect(card(page, person)).to_have_count(0)
    assert editor.get(f"/suggestions/{person['id']}").json()["status"] == "rejected"
    after = editor.get("/suggestions", params={"document": slug, "status": "pending"}).json()
    expect(page.locator("#queue-count")).to_contain_text(str(after["total"]))
    assert after["total"] < before["total"]


def test_a_bad_decision_shows_the_problem_and_keeps_the_item(
    page: Page, server: Server, editor: httpx.Client, ingest: Ingest
) -> None:
    result = ingest(
        "Gespräch mit der moldauischen Präsidentin",
        "Außenminister Heiko Maas empfing in Berlin Präsidentin Maia Sandu. Beide sprachen "
        "über Reformen, Rechtsstaatlichkeit und die Annäherung an die Europäische Union.",
    )
    slug = result["document"]["slug"]
    person = queued(editor, slug, "Sandu")
    open_review(page, server.api_key, slug)

    item = card(page, person)
    # An initiative needs an initiative's kind; a person's kind is none.
    item.get_by_label("Typ", exact=True).select_option("initiative")
    item.get_by_role("button", name="Annehmen").click()

    kind = item.get_by_label("Art", exact=True)
    expect(kind).to_have_attribute("aria-invalid", "true")
    expect(item.locator(f"#suggestion-{person['id']}-field-kind-error")).to_contain_text("kind")
    expect(kind).to_be_focused()
    assert editor.get(f"/suggestions/{person['id']}").json()["status"] == "pending"
    screenshot(page, "review-problem")

    # A relation whose person is not in the directory yet: the API's field error shows at it.
    items = editor.get(
        "/suggestions", params={"document": slug, "kind": "affiliation", "status": "pending"}
    ).json()["items"]
    office = next(item for item in items if "Sandu" in item["name"])
    relation = card(page, office)
    relation.get_by_role("button", name="Annehmen").click()
    subject = relation.get_by_role("combobox", name="Akteur")
    expect(subject).to_have_attribute("aria-invalid", "true")
    expect(relation.locator(f"#suggestion-{office['id']}-field-subject-error")).to_contain_text(
        "Maia Sandu"
    )

    # Decided elsewhere meanwhile: the API's 409 is said in the item.
    assert editor.post(f"/suggestions/{person['id']}/reject").status_code == 200
    item.get_by_role("button", name="Ablehnen").click()
    expect(item.get_by_role("alert")).to_contain_text("schon entschieden")


def test_the_ingest_form_ingests_a_pasted_text_and_shows_the_counts(
    page: Page, server: Server, editor: httpx.Client
) -> None:
    text = press_release(
        "Außenminister Maas trifft griechischen Premierminister",
        "Außenminister Heiko Maas ist am Donnerstag in Athen mit Premierminister Kyriakos "
        "Mitsotakis zusammengetroffen. Beide betonten die Bedeutung der Allianz für den "
        "Multilateralismus für die Zusammenarbeit im Mittelmeerraum.",
        day="27.05.2021",
    )
    open_review(page, server.api_key)
    form = page.locator(".ingest-form")
    form.get_by_label("Text", exact=True).fill(text)
    form.get_by_role("button", name="Einlesen").click()

    result = page.locator("#ingest-result")
    expect(result).to_contain_text("Neu eingelesen")
    link = result.get_by_role("link", name="Außenminister Maas trifft griechischen Premierminister")
    slug = link.get_attribute("href").rsplit("/", 1)[1]  # type: ignore[union-attr]
    mentions = editor.get("/mentions", params={"document": slug}).json()["total"]
    suggestions = editor.get("/suggestions", params={"document": slug}).json()["total"]
    assert mentions >= 2 and suggestions >= 1
    expect(result.locator(".ingest-mentions")).to_have_text(f"{mentions} Erwähnungen verknüpft")
    expect(result.locator(".ingest-suggestions")).to_contain_text(f"{suggestions} neue")
    screenshot(page, "review-ingested")

    result.get_by_role("link", name="Diese Vorschläge prüfen").click()
    expect(page).to_have_url(re.compile(rf"/edit/review\?document={slug}$"))
    # The URL changes as the new page starts loading; its form replaces the old one when loaded.
    expect(page.locator("main")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".review-item h3", has_text="Mitsotakis").first).to_be_visible()

    # The same text again changes nothing.
    page.locator("#ingest-text").fill(text)
    page.locator(".ingest-form button[type=submit]").click()
    expect(page.locator("#ingest-result")).to_contain_text("Unverändert")

    # A file goes up as a form.
    upload = press_release(
        "Videokonferenz mit dem portugiesischen Außenminister",
        "Außenminister Heiko Maas sprach per Video mit Außenminister Augusto Santos Silva über "
        "die Allianz für den Multilateralismus und die portugiesische Ratspräsidentschaft.",
        day="02.06.2021",
    )
    page.locator("#ingest-file").set_input_files(
        {"name": "santos-silva.txt", "mimeType": "text/plain", "buffer": upload.encode("utf-8")}
    )
    page.locator(".ingest-form button[type=submit]").click()
    expect(page.locator("#ingest-result")).to_contain_text("Neu eingelesen")
    expect(page.locator("#ingest-result")).to_contain_text("Videokonferenz mit dem portugiesischen")

    # Nothing given: the page says so before asking the API; bad input: the API's message.
    page.locator(".ingest-form button[type=submit]").click()
    expect(page.locator("#ingest-errors")).to_contain_text("Bitte einen Text")
    page.locator("#ingest-url").fill("http://127.0.0.1:1/intern")
    page.locator(".ingest-form button[type=submit]").click()
    expect(page.locator("#ingest-url")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ingest-url-error")).not_to_be_empty()


def test_the_page_speaks_english_too(page: Page, server: Server, ingest: Ingest) -> None:
    result = ingest(
        "Gespräch mit dem kasachischen Präsidenten",
        "Außenminister Heiko Maas sprach mit Präsident Kassym-Schomart Tokajew über die "
        "Zusammenarbeit in Zentralasien und die Allianz für den Multilateralismus.",
    )
    open_review(page, server.api_key, result["document"]["slug"])
    page.locator("#language-switch").click()
    expect(page.locator("main h1")).to_have_text("Review suggestions")
    expect(page.locator("#queue-heading")).to_have_text("Pending suggestions")
    expect(page.locator(".review-item button.accept").first).to_have_text("Accept")
    expect(page.locator(".ingest-form h2")).to_have_text("Ingest a text")
    page.locator("#language-switch").click()
    expect(page.locator("main h1")).to_have_text("Vorschläge prüfen")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_review_page_has_no_serious_accessibility_findings(
    browser: Browser, server: Server, ingest: Ingest, width: int
) -> None:
    result = ingest(
        f"Treffen der Allianz in Genf ({width})",
        "Am Rande der Tagung in Genf sprach Außenminister Heiko Maas mit Außenministerin "
        f"Ann Linde über die Allianz für den Multilateralismus. Die Delegation Nummer {width} "
        "war zufrieden.",
    )
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": 800})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        open_review(page, server.api_key, result["document"]["slug"])
        expect(page.locator(".review-item").first).to_be_visible()
        page.locator(".review-item button.secondary", has_text="Zusammenführen").first.click()
        assert serious_findings(page) == []
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        # Keyboard: the first decision button is reachable with Tab from the name field.
        page.locator(".review-item input").first.focus()
        for _ in range(8):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.classList.contains('accept')"):
                break
        expect(page.locator(".review-item button.accept").first).to_be_focused()
        screenshot(page, f"review-{width}px")
    finally:
        context.close()
