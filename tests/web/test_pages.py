"""What a reader of the web directory relies on, in real Chromium."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect
from tests.live_server import Server
from tests.web.conftest import Console, screenshot

from atlas.settings import PROJECT_ROOT

ALLIANCE = "allianz-fuer-den-multilateralismus"


def open_page(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("main")).not_to_have_attribute("aria-busy", "true")


def results(page: Page) -> list[str]:
    return page.locator(".cards .card h2").all_inner_texts()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Akteure"),
        ("/actors", "Akteure"),
        ("/initiatives", "Initiativen"),
        ("/documents", "Dokumente"),
        ("/actors/kasachstan", "Kasachstan"),
        (f"/initiatives/{ALLIANCE}", "Allianz für den Multilateralismus"),
        ("/search?q=Impfstoff", "Suche: „Impfstoff“"),
        ("/timeline", "Zeitleiste"),
        ("/graph", "Netzwerk"),
        ("/topics/multilateralismus", "Multilateralismus"),
    ],
)
def test_every_page_renders_without_console_errors(
    page: Page, console: Console, path: str, heading: str
) -> None:
    open_page(page, path)

    expect(page.locator("main h1")).to_have_text(heading)
    screenshot(page, re.sub(r"\W+", "-", path).strip("-") or "home")
    assert console.problems == []


def test_shell_is_served_with_a_strict_content_security_policy(server: Server) -> None:
    response = httpx.get(f"{server.url}/actors/kasachstan?x=1")

    policy = response.headers["content-security-policy"]
    assert response.status_code == 200
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    # Scripts only from files: no inline code the policy would have to allow.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.text) == []


def test_directory_counts_match_the_api_and_a_facet_narrows_the_list(
    page: Page, api: httpx.Client
) -> None:
    everyone = api.get("/actors", params={"facets": "kind", "limit": 1}).json()
    states = next(item for item in everyone["facets"]["kind"] if item["value"] == "state")
    open_page(page, "/actors")
    expect(page.locator("#result-count")).to_have_text(f"{everyone['total']} Treffer")

    option = page.locator("#facet-kind label", has_text="Staat")
    expect(option.locator(".count")).to_have_text(str(states["count"]))
    option.locator("input").check()

    expect(page).to_have_url(re.compile(r"/actors\?kind=state$"))
    expect(page.locator("#result-count")).to_have_text(f"{states['count']} Treffer")
    expect(page.locator(".cards .card .facts").first).to_contain_text("Staat")
    assert len(results(page)) == states["count"]
    # The ticked box keeps the keyboard focus across the re-render.
    expect(page.locator("#facet-kind input[value=state]")).to_be_focused()


def test_a_filtered_url_opens_directly_and_survives_back_and_forward(
    page: Page, api: httpx.Client
) -> None:
    expected = api.get("/actors", params={"kind": "state", "country": "DE"}).json()
    open_page(page, "/actors?kind=state&country=DE")

    expect(page.locator("#facet-kind input[value=state]")).to_be_checked()
    expect(page.locator("#facet-country input[value=DE]")).to_be_checked()
    assert results(page) == [item["name"] for item in expected["items"]]

    page.locator(".cards .card h2 a").first.click()
    expect(page).to_have_url(re.compile(r"/actors/deutschland$"))
    expect(page.locator("main h1")).to_have_text("Deutschland")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/actors\?kind=state&country=DE$"))
    expect(page.locator("#facet-country input[value=DE]")).to_be_checked()
    page.go_forward()
    expect(page.locator("main h1")).to_have_text("Deutschland")


def test_several_initiatives_find_who_takes_part_in_all_of_them(
    page: Page, api: httpx.Client
) -> None:
    both = ["allianz-fuer-den-multilateralismus", "anti-is-koalition"]
    expected = api.get("/actors", params={"initiative": both}).json()
    open_page(page, f"/actors?initiative={both[0]}&initiative={both[1]}")

    expect(page.locator("#facet-initiative .hint")).to_be_visible()
    assert results(page) == [item["name"] for item in expected["items"]]
    assert expected["total"] < api.get("/actors", params={"initiative": both[0]}).json()["total"]


def test_a_query_without_results_says_how_to_widen(page: Page) -> None:
    open_page(page, "/actors?q=Quarkstrudelverband")

    expect(page.locator(".empty")).to_contain_text("Keine Einträge zu „Quarkstrudelverband“")
    expect(page.locator("#announcer")).to_have_text("Akteure: 0 Treffer")


def test_autocomplete_suggests_names_and_opens_the_chosen_one(page: Page) -> None:
    open_page(page, f"/initiatives/{ALLIANCE}")
    page.keyboard.press("/")
    search = page.locator("input[type=search]#search-input")
    expect(search).to_be_focused()
    search.press_sequentially("Kasach", delay=30)

    option = page.locator("#suggestions [role=option]").first
    expect(option).to_contain_text("Kasachstan")
    search.press("ArrowDown")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/actors/kasachstan$"))
    expect(page.locator("main h1")).to_have_text("Kasachstan")
    page.go_back()
    expect(page.locator("main h1")).to_have_text("Allianz für den Multilateralismus")


def test_search_results_mark_the_matched_words(page: Page, api: httpx.Client) -> None:
    expected = api.get("/search", params={"q": "Impfstoff"}).json()
    page.goto("/")
    page.locator("#search-input").fill("Impfstoff")
    page.locator("#search-input").press("Enter")

    expect(page).to_have_url(re.compile(r"/search\?q=Impfstoff$"))
    expect(page.locator(".hits .card h2").first).to_have_text(expected["items"][0]["name"])
    first = expected["items"][0]
    start, end = first["highlights"][0]
    expect(page.locator(".hits .snippet").first.locator("mark").first).to_have_text(
        first["snippet"][start:end]
    )


def test_a_document_marks_each_mention_as_a_link(page: Page, api: httpx.Client) -> None:
    slug = api.get("/documents", params={"limit": 1}).json()["items"][0]["slug"]
    document = api.get(f"/documents/{slug}").json()
    open_page(page, f"/documents/{slug}")

    marks = page.locator(".text a.mention")
    expect(marks).to_have_count(len(document["mentions"]))
    first = min(document["mentions"], key=lambda mention: mention["start"])
    expect(marks.first).to_have_text(first["text"])
    screenshot(page, "document")
    marks.first.click()
    expect(page.locator("main h1")).to_have_text(first["entity"]["name"])


def test_the_language_switch_is_remembered(page: Page) -> None:
    open_page(page, "/actors/kasachstan")
    page.locator("#language-switch").click()

    expect(page.locator("#site-nav")).to_contain_text("Actors")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".kicker")).to_have_text("State")
    page.reload()
    expect(page.locator("#site-nav a").first).to_have_text("Actors")
    expect(page.locator("#language-switch")).to_have_text("Deutsch")


def test_an_unknown_slug_shows_a_friendly_not_found_page(page: Page, console: Console) -> None:
    open_page(page, "/actors/gibt-es-nicht")

    expect(page.locator("main h1")).to_have_text("Nicht gefunden")
    expect(page.locator("main a", has_text="Zur Startseite")).to_be_visible()
    screenshot(page, "not-found")
    # The browser reports the API's 404 itself; nothing else may go wrong.
    assert [problem for problem in console.problems if "404" not in problem] == []


def test_names_from_the_database_are_shown_as_text_never_run(
    page: Page, api: httpx.Client, server: Server
) -> None:
    hostile = "<img src=x onerror=\"document.title='pwned'\">"
    created = api.post(
        "/actors",
        json={"name": hostile, "kind": "other", "description": "<b>fett</b>"},
        headers={"Authorization": f"Bearer {server.api_key}"},
    )
    assert created.status_code == 201, created.text
    slug = created.json()["slug"]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))

    open_page(page, f"/actors/{slug}")
    expect(page.locator("main h1")).to_have_text(hostile)
    open_page(page, "/actors?kind=other")
    expect(page.locator(".cards")).to_contain_text(hostile)

    assert page.locator("main img, main b").count() == 0
    assert "pwned" not in page.title()
    assert dialogs == []


def test_the_network_links_participants_and_opens_a_node(page: Page, api: httpx.Client) -> None:
    participations = api.get("/participations", params={"limit": 500}).json()["items"]
    links = [item for item in participations if item["initiative"]]
    open_page(page, "/graph")

    expect(page.locator("svg.graph .edges line")).to_have_count(len(links))
    page.locator("#graph-kind").select_option("state")
    expect(page).to_have_url(re.compile(r"/graph\?kind=state$"))
    states = [item for item in links if item["actor"]["kind"] == "state"]
    expect(page.locator("svg.graph .edges line")).to_have_count(len(states))
    screenshot(page, "graph-states")

    page.locator("svg.graph a.node", has_text="Kasachstan").click()
    expect(page).to_have_url(re.compile(r"/actors/kasachstan$"))
    expect(page.locator("main h1")).to_have_text("Kasachstan")


def test_an_actor_page_shows_each_mentioning_passage_with_the_name_marked(
    page: Page, api: httpx.Client
) -> None:
    mentions = api.get("/mentions", params={"entity": "actor:kasachstan", "limit": 500}).json()
    first_per_document: dict[str, dict] = {}
    for mention in sorted(mentions["items"], key=lambda item: item["start"]):
        first_per_document.setdefault(mention["document"]["slug"], mention)
    open_page(page, "/actors/kasachstan")

    passages = page.locator(".documents .passage")
    expect(passages).to_have_count(len(first_per_document))
    marks = passages.locator("mark").all_inner_texts()
    assert sorted(marks) == sorted(m["text"] for m in first_per_document.values())


def test_when_the_api_cannot_be_reached_the_page_says_so_and_can_retry(page: Page) -> None:
    # The network to the API fails (as when the server is down); the page itself loaded.
    page.route("**/api/v1/actors**", lambda route: route.abort("connectionrefused"))
    page.goto("/actors")

    alert = page.locator("main [role=alert]")
    expect(alert.locator("h1")).to_have_text("Das hat nicht geklappt")
    expect(alert).to_contain_text("Der Server antwortet nicht")
    screenshot(page, "api-down")

    page.unroute("**/api/v1/actors**")
    alert.locator("button", has_text="Erneut versuchen").click()
    expect(page.locator("main h1")).to_have_text("Akteure")


FACETS = {
    "actors": ["kind", "country", "topic", "initiative", "role"],
    "initiatives": ["kind", "status", "topic", "country"],
    "documents": ["kind", "publisher", "language", "topic"],
}


@pytest.mark.parametrize(
    ("resource", "facet"),
    [(resource, facet) for resource, facets in FACETS.items() for facet in facets],
)
def test_each_filter_shows_its_counts_and_narrows_to_them(
    page: Page, api: httpx.Client, resource: str, facet: str
) -> None:
    counted = api.get(f"/{resource}", params={"facets": facet, "limit": 1}).json()
    value = counted["facets"][facet][-1]  # the smallest, so the list really narrows
    open_page(page, f"/{resource}")

    box = page.locator(f"#facet-{facet} input[value='{value['value']}']")
    expect(box.locator("xpath=following-sibling::span[@class='count']")).to_have_text(
        str(value["count"])
    )
    box.check()

    expect(page.locator("#result-count")).to_have_text(f"{value['count']} Treffer")
    expected = api.get(f"/{resource}", params={facet: value["value"], "limit": 50}).json()
    assert expected["total"] == value["count"]
    names = [item.get("title") or item["name"] for item in expected["items"]]
    assert sorted(results(page)) == sorted(names)


def test_a_date_range_narrows_documents(page: Page, api: httpx.Client) -> None:
    expected = api.get("/documents", params={"published_from": "2023-01-01"}).json()
    open_page(page, "/documents")
    page.locator("#published_from").fill("2023-01-01")
    page.locator(".period button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"published_from=2023-01-01"))
    expect(page.locator("#result-count")).to_have_text(f"{expected['total']} Treffer")
    assert 0 < expected["total"] < api.get("/documents").json()["total"]


def test_the_shell_preloads_every_module_so_they_load_in_parallel(server: Server) -> None:
    shell = httpx.get(f"{server.url}/").text
    preloaded = set(re.findall(r'rel="modulepreload" href="/assets/js/([\w.]+)"', shell))
    entry = set(re.findall(r'<script type="module" src="/assets/js/([\w.]+)"', shell))
    modules = {path.name for path in (PROJECT_ROOT / "frontend" / "assets" / "js").glob("*.js")}

    assert entry == {"main.js"}
    assert preloaded | entry == modules
