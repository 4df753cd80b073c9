// The app: a router over clean URLs, the header (navigation, search with suggestions, language)
// and the page views. Every view renders from the URL alone, so reload and sharing work.
import { ApiError, storedKey } from "./api.js";
import { h, replace } from "./dom.js";
import { language, loadVocabularies, setLanguage, t } from "./i18n.js";
import { renderDirectory } from "./directory.js";
import { renderDetail } from "./detail.js";
import { renderEditor } from "./editor.js";
import { renderGraph } from "./graph.js";
import { REVIEW_PATH, renderReview } from "./review.js";
import { renderSearch } from "./search.js";
import { renderTimeline } from "./timeline.js";
import { attachSuggestions } from "./suggest.js";

const main = document.getElementById("main");
const announcer = document.getElementById("announcer");

const ROUTES = [
  [/^\/$/, () => renderDirectory("actors")],
  [/^\/(actors|initiatives|documents)$/, ([type]) => renderDirectory(type)],
  [/^\/(actors|initiatives|documents|events|topics)\/([^/]+)$/, ([type, slug]) => renderDetail(type, decodeURIComponent(slug))],
  [/^\/edit\/review$/, () => renderReview()],
  [/^\/edit\/([a-z]+)(?:\/([^/]+))?$/, ([type, slug]) => renderEditor(type, slug && decodeURIComponent(slug))],
  [/^\/search$/, () => renderSearch()],
  [/^\/timeline$/, () => renderTimeline()],
  [/^\/graph$/, () => renderGraph()],
];

/** Say something to screen readers (result counts, page changes). */
export function announce(text) {
  announcer.textContent = text;
}

/** Go to a path of the app, as a link would. */
export function navigate(path, { replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  render();
}

/** The page for a failed request: not found, offline, or another error, never a blank page. */
export function errorPage(error) {
  if (error instanceof ApiError && error.status === 404) {
    document.title = `${t("notFound")} · Atlas`;
    return h("section", { class: "message" },
      h("h1", {}, t("notFound")), h("p", {}, t("notFoundText")),
      h("p", {}, h("a", { href: "/" }, t("backHome"))));
  }
  document.title = `${t("errorTitle")} · Atlas`;
  const detail = error instanceof ApiError && error.status !== 0 ? error.message : t("offline");
  return h("section", { class: "message", role: "alert" },
    h("h1", {}, t("errorTitle")), h("p", {}, detail),
    h("p", {}, h("button", { type: "button", onclick: () => render() }, t("retry"))));
}

let generation = 0;

async function render() {
  const current = ++generation;
  const path = location.pathname.replace(/\/+$/, "") || "/";
  renderHeader();
  main.setAttribute("aria-busy", "true");
  let page;
  try {
    const route = ROUTES.find(([pattern]) => pattern.test(path));
    page = route ? await route[1](path.match(route[0]).slice(1)) : errorPage(new ApiError(404));
  } catch (error) {
    page = errorPage(error);
  }
  if (current !== generation) return; // a newer navigation won
  main.removeAttribute("aria-busy");
  const focused = focusedControl();
  replace(main, page);
  // A filter that re-rendered the page keeps the keyboard where it was.
  if (focused) main.querySelector(focused)?.focus();
}

function focusedControl() {
  const element = document.activeElement;
  if (!main.contains(element) || !element.name && !element.id) return null;
  if (element.id) return `#${CSS.escape(element.id)}`;
  return `[name="${CSS.escape(element.name)}"][value="${CSS.escape(element.value)}"]`;
}

const NAV = [["/actors", "actors"], ["/initiatives", "initiatives"], ["/documents", "documents"], ["/timeline", "timeline"], ["/graph", "graph"]];

function renderHeader() {
  const path = location.pathname === "/" ? "/actors" : location.pathname;
  const nav = document.getElementById("site-nav");
  nav.setAttribute("aria-label", t("nav"));
  // Editors (a key entered in this tab) see their review queue among the pages.
  const items = storedKey() || path === REVIEW_PATH ? [...NAV, [REVIEW_PATH, "review"]] : NAV;
  replace(nav, h("ul", {}, items.map(([href, key]) => h("li", {},
    h("a", { href, "aria-current": path.startsWith(href) ? "page" : false }, t(key))))));
  document.getElementById("skip-link").textContent = t("skip");
  document.getElementById("search-label").textContent = t("search");
  const input = document.getElementById("search-input");
  input.placeholder = t("searchPlaceholder");
  input.value = new URLSearchParams(location.search).get("q") || "";
  const button = document.getElementById("language-switch");
  button.textContent = t("switchTo");
  button.lang = language() === "de" ? "en" : "de";
  replace(document.getElementById("footer-text"), t("footer"), " · ", h("a", { href: "/schema" }, "API"),
    " · ", h("a", { href: REVIEW_PATH }, t("forEditors")));
}

function isAppLink(event, link) {
  return link && link.origin === location.origin && !link.hasAttribute("download")
    && link.target !== "_blank" && !event.ctrlKey && !event.metaKey && !event.shiftKey
    && !event.altKey && event.button === 0 && !link.pathname.startsWith("/schema")
    && !link.pathname.startsWith("/api/");
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (!isAppLink(event, link)) return;
  event.preventDefault();
  if (link.pathname + link.search === location.pathname + location.search && !link.hash) return;
  navigate(link.pathname + link.search);
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
});

window.addEventListener("popstate", () => render());

// "/" anywhere outside a text field focuses the search box.
document.addEventListener("keydown", (event) => {
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    document.getElementById("search-input").focus();
  }
});

document.getElementById("language-switch").addEventListener("click", () => {
  setLanguage(language() === "de" ? "en" : "de");
  render();
});

attachSuggestions(document.getElementById("search-form"), (path) => navigate(path));

setLanguage(language());
loadVocabularies().catch(() => {}).finally(() => render());
