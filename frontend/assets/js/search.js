// /search?q=…&type=…: results across types, ranked, with the matched passage highlighted.
import { get, queryString } from "./api.js";
import { h, marked } from "./dom.js";
import { PATHS, kindLabel, pathOf } from "./entities.js";
import { t } from "./i18n.js";
import { announce } from "./main.js";

const SEARCH_TYPES = ["actor", "initiative", "event", "document"];
const PAGE_SIZE = 20;

export async function renderSearch() {
  const params = new URLSearchParams(location.search);
  const q = (params.get("q") || "").trim();
  const type = params.get("type") || "";
  const offset = Math.max(0, Number.parseInt(params.get("offset") || "0", 10) || 0);
  document.title = q ? `${q} · ${t("search")} · Atlas` : `${t("search")} · Atlas`;
  if (!q) return h("section", { class: "message" }, h("h1", {}, t("search")), h("p", {}, t("searchPrompt")));
  const page = await get("/search", { q, type, limit: PAGE_SIZE, offset });
  const summary = t("results", page.total);
  announce(summary);
  const counts = Object.fromEntries((page.facets.type || []).map((item) => [item.value, item.count]));
  const all = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const tab = (value, text, count) => h("li", {}, h("a", {
    href: `/search${queryString({ q, type: value })}`, "aria-current": value === type ? "page" : false,
  }, text, h("span", { class: "count" }, count)));
  return h("div", { class: "search-results" },
    h("div", { class: "directory-head" }, h("h1", {}, `${t("search")}: „${q}“`),
      h("p", { class: "result-count", id: "result-count" }, summary)),
    h("nav", { class: "type-tabs", "aria-label": t("type") }, h("ul", {},
      tab("", t("searchAll"), all),
      SEARCH_TYPES.map((value) => tab(value, t(PATHS[value]), counts[value] || 0)))),
    page.items.length ? h("ol", { class: "cards hits" }, page.items.map((hit) => h("li", { class: "card" },
      h("h2", {}, h("a", { href: pathOf(hit.type, hit.slug) }, hit.name)),
      h("p", { class: "facts" }, t(hit.type), hit.kind ? ` · ${kindLabel(hit.type, hit.kind)}` : ""),
      hit.snippet ? h("p", { class: "snippet" }, marked(hit.snippet, hit.highlights)) : null)))
      : h("div", { class: "empty" }, h("h2", {}, t("emptyTitle")), h("p", {}, t("emptyQuery", q))),
    page.total > PAGE_SIZE ? h("nav", { class: "pager", "aria-label": t("page", offset + 1, Math.min(offset + PAGE_SIZE, page.total), page.total) },
      offset > 0 ? h("a", { href: `/search${queryString({ q, type, offset: Math.max(0, offset - PAGE_SIZE) || "" })}`, rel: "prev" }, t("previous")) : h("span", {}),
      h("span", {}, t("page", offset + 1, Math.min(offset + PAGE_SIZE, page.total), page.total)),
      offset + PAGE_SIZE < page.total ? h("a", { href: `/search${queryString({ q, type, offset: offset + PAGE_SIZE })}`, rel: "next" }, t("next")) : h("span", {}))
      : null);
}
