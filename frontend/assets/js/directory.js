// The directory of actors, initiatives and documents: search, facet filters with counts, sort,
// paging. The URL holds the whole view (`/actors?kind=state&topic=abruestung&q=…`).
import { get, queryString } from "./api.js";
import { h } from "./dom.js";
import { countryName, formatDate, label, nameOf, t } from "./i18n.js";
import { announce, navigate as go } from "./main.js";

const PAGE_SIZE = 20;
const LONG_FACET = 8;

const TYPES = {
  actors: {
    facets: ["kind", "country", "topic", "initiative", "role"],
    sorts: [["name", "sortName"], ["-name", "sortNameDesc"], ["-created_at", "sortNewest"]],
    kinds: "ActorKind",
  },
  initiatives: {
    facets: ["kind", "status", "topic", "country"],
    sorts: [["name", "sortName"], ["-name", "sortNameDesc"], ["-founded_on", "sortNewest"], ["founded_on", "sortOldest"]],
    period: ["founded_from", "founded_to"],
    kinds: "InitiativeKind",
  },
  documents: {
    facets: ["kind", "publisher", "language", "topic"],
    sorts: [["-published_on", "sortNewest"], ["published_on", "sortOldest"], ["title", "sortTitle"]],
    period: ["published_from", "published_to"],
    kinds: "DocumentKind",
  },
};

/** The view's state from the URL: {q, sort, offset, filters: {name: [values]}}. */
function stateFromUrl(config) {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const name of [...config.facets, ...(config.period || [])]) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  return {
    q: params.get("q") || "",
    sort: params.get("sort") || "",
    offset: Math.max(0, Number.parseInt(params.get("offset") || "0", 10) || 0),
    filters,
  };
}

function urlOf(type, state) {
  return `/${type}${queryString({ q: state.q, ...state.filters, sort: state.sort, offset: state.offset || "" })}`;
}

export async function renderDirectory(type) {
  const config = TYPES[type];
  const state = stateFromUrl(config);
  const [page, totals] = await Promise.all([
    get(`/${type}`, {
      q: state.q, ...state.filters, sort: state.sort, limit: PAGE_SIZE, offset: state.offset,
      facets: config.facets.join(","),
    }),
    typeTotals(state.q),
  ]);
  document.title = `${t(type)} · Atlas`;
  const summary = t("results", page.total);
  announce(`${t(type)}: ${summary}`);
  return h("div", { class: "directory" },
    h("div", { class: "directory-head" },
      h("h1", {}, t(type)),
      h("p", { class: "result-count", id: "result-count" }, summary),
      type === "documents" ? null : h("a", { class: "new-link", href: `/edit/${type}` }, t(`new_${type}`))),
    typeTabs(type, state, totals),
    h("div", { class: "directory-body" },
      filterPanel(type, config, state, page.facets),
      h("section", { class: "results", "aria-labelledby": "result-count" },
        sortControl(type, config, state),
        page.items.length ? h("ul", { class: "cards" }, page.items.map((item) => card(type, config, item)))
          : emptyState(type, state),
        pager(type, state, page.total))));
}

/** How many of each type the query finds (the type facet). */
async function typeTotals(q) {
  const answers = await Promise.all(
    Object.keys(TYPES).map((type) => get(`/${type}`, { q, limit: 1 }).then((page) => page.total, () => null)));
  return Object.fromEntries(Object.keys(TYPES).map((type, i) => [type, answers[i]]));
}

function typeTabs(current, state, totals) {
  return h("nav", { class: "type-tabs", "aria-label": t("type") }, h("ul", {},
    Object.keys(TYPES).map((type) => h("li", {}, h("a", {
      href: urlOf(type, { q: state.q, filters: {}, sort: "", offset: 0 }),
      "aria-current": type === current ? "page" : false,
    }, t(type), totals[type] === null ? "" : h("span", { class: "count" }, totals[type]))))));
}

function filterPanel(type, config, state, facets) {
  const active = Object.keys(state.filters).length > 0;
  // On a phone the filters fold away above the results; on wider screens they stay open.
  const open = active || window.matchMedia("(min-width: 48rem)").matches;
  return h("aside", { class: "filters", "aria-label": t("filters") }, h("details", { open },
    h("summary", {}, h("h2", {}, t("filters"))),
    active ? h("p", {}, h("a", { href: urlOf(type, { ...state, filters: {}, offset: 0 }) }, t("reset"))) : null,
    config.facets.map((name) => facetGroup(type, name, state, facets?.[name] || [])),
    config.period ? periodGroup(type, config.period, state) : null));
}

function facetGroup(type, name, state, values) {
  const chosen = new Set(state.filters[name] || []);
  // A chosen value stays visible (and can be unticked) even when nothing else matches it.
  const shown = [...values];
  for (const value of chosen) {
    if (!shown.some((item) => item.value === value)) shown.push({ value, label: value, label_en: value, count: 0 });
  }
  if (!shown.length) return null;
  const id = `facet-${name}`;
  const list = h("ul", { class: "facet-values", id: `${id}-values` }, shown.map((item) => {
    const checked = chosen.has(item.value);
    const next = checked ? [...chosen].filter((value) => value !== item.value) : [...chosen, item.value];
    const text = name === "country" ? countryName(item.value) : (document.documentElement.lang === "en" ? item.label_en : item.label);
    return h("li", { "data-label": text.toLowerCase() }, h("label", {},
      h("input", {
        type: "checkbox", name, value: item.value, checked,
        onchange: () => go(urlOf(type, { ...state, filters: { ...state.filters, [name]: next }, offset: 0 })),
      }),
      h("span", { class: "facet-label" }, text), h("span", { class: "count" }, item.count)));
  }));
  const search = shown.length > LONG_FACET ? h("input", {
    type: "search", class: "facet-search", "aria-label": `${t(name)}: ${t("filterValues")}`,
    placeholder: t("filterValues"), "aria-controls": `${id}-values`,
    oninput: (event) => {
      const needle = event.target.value.trim().toLowerCase();
      for (const item of list.children) item.hidden = !item.dataset.label.includes(needle);
    },
  }) : null;
  return h("fieldset", { class: "facet", id },
    h("legend", {}, t(name)),
    name === "initiative" && chosen.size > 1 ? h("p", { class: "hint" }, t("allInitiatives")) : null,
    search, list);
}

function periodGroup(type, [fromName, toName], state) {
  const from = h("input", { type: "date", name: fromName, id: fromName, value: state.filters[fromName]?.[0] || "" });
  const to = h("input", { type: "date", name: toName, id: toName, value: state.filters[toName]?.[0] || "" });
  return h("form", {
    class: "facet period",
    onsubmit: (event) => {
      event.preventDefault();
      const filters = { ...state.filters, [fromName]: from.value ? [from.value] : [], [toName]: to.value ? [to.value] : [] };
      go(urlOf(type, { ...state, filters, offset: 0 }));
    },
  }, h("fieldset", {}, h("legend", {}, t("period")),
    h("label", { for: fromName }, t("from")), from,
    h("label", { for: toName }, t("to")), to,
    h("button", { type: "submit" }, t("apply"))));
}

function sortControl(type, config, state) {
  const current = state.sort || config.sorts[0][0];
  return h("p", { class: "sort" }, h("label", { for: "sort" }, t("sort"), " "),
    h("select", {
      id: "sort",
      onchange: (event) => go(urlOf(type, { ...state, sort: event.target.value, offset: 0 })),
    }, config.sorts.map(([value, key]) => h("option", { value, selected: value === current }, t(key)))));
}

function card(type, config, item) {
  const path = `/${type}/${encodeURIComponent(item.slug)}`;
  const facts = [label(config.kinds, item.kind)];
  if (item.country) facts.push(h("span", { class: "country", title: countryName(item.country) }, item.country));
  if (type === "documents") facts.push(formatDate(item.published_on, item.date_precision), item.publisher);
  if (type === "initiatives" && item.founded_on) facts.push(`${t("founded")} ${formatDate(item.founded_on, item.founded_precision)}`);
  return h("li", { class: "card" },
    h("h2", {}, h("a", { href: path }, nameOf(item))),
    h("p", { class: "facts" }, facts.filter(Boolean).map((fact, i) => [i ? " · " : "", fact])),
    item.description ? h("p", { class: "description" }, item.description) : null,
    item.topics?.length ? h("ul", { class: "tags", "aria-label": t("topics") },
      item.topics.map((topic) => h("li", {}, document.documentElement.lang === "en" ? topic.label_en : topic.label_de))) : null);
}

function emptyState(type, state) {
  const hasFilters = Object.keys(state.filters).length > 0;
  return h("div", { class: "empty" },
    h("h2", {}, t("emptyTitle")),
    h("p", {}, hasFilters ? t("emptyFilters") : t("emptyQuery", state.q)),
    hasFilters ? h("p", {}, h("a", { href: urlOf(type, { ...state, filters: {}, offset: 0 }) }, t("reset"))) : null);
}

function pager(type, state, total) {
  if (total <= PAGE_SIZE) return null;
  const first = state.offset + 1;
  const last = Math.min(state.offset + PAGE_SIZE, total);
  const previous = state.offset > 0 ? urlOf(type, { ...state, offset: Math.max(0, state.offset - PAGE_SIZE) }) : null;
  const next = last < total ? urlOf(type, { ...state, offset: state.offset + PAGE_SIZE }) : null;
  return h("nav", { class: "pager", "aria-label": t("page", first, last, total) },
    previous ? h("a", { href: previous, rel: "prev" }, t("previous")) : h("span", {}),
    h("span", {}, t("page", first, last, total)),
    next ? h("a", { href: next, rel: "next" }, t("next")) : h("span", {}));
}
