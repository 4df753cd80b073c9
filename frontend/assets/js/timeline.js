// /timeline: events and documents over time, newest year first.
import { get } from "./api.js";
import { h } from "./dom.js";
import { formatDate, label, nameOf, t } from "./i18n.js";

export async function renderTimeline() {
  document.title = `${t("timeline")} · Atlas`;
  const [events, documents] = await Promise.all([
    get("/events", { limit: 500, sort: "-starts_on" }),
    get("/documents", { limit: 500, sort: "-published_on" }),
  ]);
  const entries = [
    ...events.items.filter((event) => event.starts_on).map((event) => ({
      date: event.starts_on, precision: event.date_precision, kind: t("event"),
      link: h("a", { href: `/events/${encodeURIComponent(event.slug)}` }, nameOf(event)),
    })),
    ...documents.items.filter((doc) => doc.published_on).map((doc) => ({
      date: doc.published_on, precision: doc.date_precision, kind: label("DocumentKind", doc.kind),
      link: h("a", { href: `/documents/${encodeURIComponent(doc.slug)}` }, doc.title),
    })),
  ].sort((a, b) => b.date.localeCompare(a.date));
  const years = new Map();
  for (const entry of entries) {
    const year = entry.date.slice(0, 4);
    if (!years.has(year)) years.set(year, []);
    years.get(year).push(entry);
  }
  return h("div", { class: "timeline-page" }, h("h1", {}, t("timeline")),
    [...years.entries()].map(([year, items]) => h("section", { class: "block" }, h("h2", {}, year),
      h("ol", { class: "timeline" }, items.map((entry) => h("li", {},
        h("time", { datetime: entry.date }, formatDate(entry.date, entry.precision)), " ",
        h("span", { class: "tag" }, entry.kind), " ", entry.link))))));
}
