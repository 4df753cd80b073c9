// Detail pages: an actor, an initiative, a document, an event, a topic, each with what links to it.
import { get } from "./api.js";
import { h, marked } from "./dom.js";
import { PATHS, kindLabel, pathOf } from "./entities.js";
import { countryName, formatDate, label, nameOf, t } from "./i18n.js";

const ROLE_ORDER = ["founder", "host", "chair", "co_chair", "member", "partner", "participant", "observer"];

/** Editors' links, above the page's heading. */
const editLinks = (editPath, ...more) => h("p", { class: "edit-links" },
  h("a", { href: editPath }, t("edit")), more.map(([href, text]) => [" · ", h("a", { href }, text)]));

const link = (type, ref) => h("a", { href: `/${type}/${encodeURIComponent(ref.slug)}` }, nameOf(ref));

function period(record) {
  const start = formatDate(record.start_on, record.date_precision);
  const end = formatDate(record.end_on, record.date_precision);
  if (start && end) return `${start} – ${end}`;
  if (start) return `${t("since")} ${start}`;
  if (end) return `${t("until")} ${end}`;
  return "";
}

function section(title, content) {
  const empty = !content || (Array.isArray(content) && !content.length);
  return h("section", { class: "block" }, h("h2", {}, title), empty ? h("p", { class: "muted" }, t("none")) : content);
}

function evidence(item) {
  if (!item) return null;
  return h("blockquote", { class: "evidence" }, h("p", {}, `„${item.quote}“`),
    h("footer", {}, `${t("evidence")}: `, h("a", { href: `/documents/${encodeURIComponent(item.document)}` }, item.document)));
}

const documentList = (documents) => documents.length ? h("ul", { class: "documents" }, documents.map((doc) => h("li", {},
  link("documents", doc), " ", h("span", { class: "muted" }, formatDate(doc.published_on, doc.date_precision))))) : null;

const topicList = (topics) => topics?.length ? h("ul", { class: "tags", "aria-label": t("topics") },
  topics.map((topic) => h("li", {}, h("a", { href: `/topics/${topic.slug}` }, document.documentElement.lang === "en" ? topic.label_en : topic.label_de)))) : null;

function header(record, kindLabel, extra = []) {
  document.title = `${nameOf(record)} · Atlas`;
  const other = document.documentElement.lang === "en" ? record.name : record.name_en;
  return h("header", { class: "detail-head" },
    h("p", { class: "kicker" }, kindLabel),
    h("h1", {}, nameOf(record)),
    other && other !== nameOf(record) ? h("p", { class: "other-name" }, other) : null,
    record.aliases?.length ? h("p", { class: "aliases" }, `${t("aliases")}: ${record.aliases.join(", ")}`) : null,
    extra,
    record.description ? h("p", { class: "lead" }, record.description) : null,
    record.website ? h("p", {}, h("a", { href: record.website, rel: "noopener noreferrer external" }, t("website"))) : null,
    topicList(record.topics));
}

function byRole(participations, endOf) {
  const groups = new Map();
  for (const item of participations) {
    if (!groups.has(item.role)) groups.set(item.role, []);
    groups.get(item.role).push(item);
  }
  const roles = [...groups.keys()].sort((a, b) => (ROLE_ORDER.indexOf(a) + 1 || 99) - (ROLE_ORDER.indexOf(b) + 1 || 99));
  return roles.map((role) => h("div", { class: "role-group" },
    h("h3", {}, label("ParticipationRole", role)),
    h("ul", {}, groups.get(role).map((item) => h("li", {}, endOf(item),
      period(item) ? h("span", { class: "muted" }, ` (${period(item)})`) : null)))));
}

async function actorPage(slug) {
  const actor = await get(`/actors/${encodeURIComponent(slug)}`);
  const offices = actor.affiliations.filter((item) => item.actor.slug === actor.slug);
  const related = actor.affiliations.filter((item) => item.actor.slug !== actor.slug);
  const title = (item) => (document.documentElement.lang === "en" && item.title_en) || item.title;
  return h("article", { class: "detail" },
    editLinks(`/edit/actors/${encodeURIComponent(actor.slug)}`),
    header(actor, label("ActorKind", actor.kind),
      actor.country ? h("p", {}, `${t("country")}: ${countryName(actor.country)} (${actor.country})`) : null),
    section(t("offices"), offices.length ? h("ul", {}, offices.map((item) => h("li", {},
      `${title(item)}, `, link("actors", item.organization), period(item) ? h("span", { class: "muted" }, ` (${period(item)})`) : null))) : null),
    section(t("participations"), byRole(actor.participations.filter((p) => p.initiative),
      (item) => link("initiatives", item.initiative))),
    section(t("related"), related.length ? h("ul", {}, related.map((item) => h("li", {},
      link("actors", item.actor), `: ${title(item)}`))) : null),
    section(t("mentionedIn"), await mentionPassages("actor", actor.slug, actor.documents)),
    evidence(actor.evidence));
}

const PASSAGE_DOCUMENTS = 10;

/** Each mentioning document with the sentence that names the entity, the name marked. The first
 * documents get their passage; the rest are listed. */
async function mentionPassages(type, slug, documents) {
  if (!documents.length) return null;
  const mentions = (await get("/mentions", { entity: `${type}:${slug}`, limit: 500 })).items;
  const firstIn = new Map();
  for (const mention of mentions) {
    const known = firstIn.get(mention.document.slug);
    if (!known || mention.start < known.start) firstIn.set(mention.document.slug, mention);
  }
  const shown = documents.slice(0, PASSAGE_DOCUMENTS).filter((doc) => firstIn.has(doc.slug));
  const texts = await Promise.all(shown.map((doc) => get(`/documents/${encodeURIComponent(doc.slug)}`)));
  const passages = new Map(shown.map((doc, i) => [doc.slug, sentenceAround(texts[i].clean_text, firstIn.get(doc.slug))]));
  return h("ul", { class: "documents" }, documents.map((doc) => h("li", {},
    link("documents", doc), " ", h("span", { class: "muted" }, formatDate(doc.published_on, doc.date_precision)),
    passages.has(doc.slug) ? h("p", { class: "passage" }, marked(...passages.get(doc.slug))) : null)));
}

/** The sentence holding a mention, and the mention's range inside it. */
function sentenceAround(text, mention) {
  const before = text.slice(0, mention.start);
  const sentence = before.lastIndexOf(". ");
  const start = Math.max(sentence < 0 ? 0 : sentence + 2, before.lastIndexOf("\n") + 1);
  const endings = [". ", "\n"].map((mark) => text.indexOf(mark, mention.end)).filter((index) => index >= 0);
  const end = endings.length ? Math.min(...endings) + 1 : text.length;
  return [text.slice(start, end).trimEnd(), [[mention.start - start, mention.end - start]]];
}

async function initiativePage(slug) {
  const initiative = await get(`/initiatives/${encodeURIComponent(slug)}`);
  const participations = Object.values(initiative.participants).flat();
  const founded = initiative.founded_on ? h("p", {}, `${t("founded")}: ${formatDate(initiative.founded_on, initiative.founded_precision)}`) : null;
  return h("article", { class: "detail" },
    editLinks(`/edit/initiatives/${encodeURIComponent(initiative.slug)}`,
      [`/edit/participations?initiative=${encodeURIComponent(initiative.slug)}`, t("addParticipation")]),
    header(initiative, `${label("InitiativeKind", initiative.kind)} · ${label("InitiativeStatus", initiative.status)}`,
      [founded, initiative.parent ? h("p", {}, `${t("parent")}: `, link("initiatives", initiative.parent)) : null]),
    section(t("members"), byRole(participations, (item) => link("actors", item.actor))),
    initiative.sub_initiatives.length ? section(t("subInitiatives"), h("ul", {}, initiative.sub_initiatives.map((ref) => h("li", {}, link("initiatives", ref))))) : null,
    section(t("events"), initiative.events.length ? h("ol", { class: "timeline" }, initiative.events.map((event) => h("li", {},
      h("time", { datetime: event.starts_on || "" }, formatDate(event.starts_on, event.date_precision)), " ",
      link("events", event), event.place ? h("span", { class: "muted" }, ` · ${event.place}`) : null))) : null),
    section(t("mentionsOverTime"), mentionChart(initiative.documents)),
    section(t("documents"), documentList(initiative.documents)),
    evidence(initiative.evidence));
}

/** Documents per year as a bar list (text and bars, readable without the bars). */
function mentionChart(documents) {
  const years = new Map();
  for (const doc of documents) {
    const year = doc.published_on?.slice(0, 4);
    if (year) years.set(year, (years.get(year) || 0) + 1);
  }
  if (!years.size) return null;
  const most = Math.max(...years.values());
  return h("ul", { class: "bars" }, [...years.entries()].sort().map(([year, count]) => h("li", {},
    h("span", { class: "bar-label" }, year),
    h("span", { class: "bar", "data-size": String(Math.max(1, Math.round((count / most) * 10))) }),
    h("span", { class: "count" }, count))));
}

async function documentPage(slug) {
  const doc = await get(`/documents/${encodeURIComponent(slug)}`);
  document.title = `${doc.title} · Atlas`;
  const entities = new Map();
  for (const mention of doc.mentions) entities.set(`${mention.entity.type}:${mention.entity.slug}`, mention.entity);
  return h("article", { class: "detail document" },
    h("header", { class: "detail-head" },
      h("p", { class: "kicker" }, label("DocumentKind", doc.kind)),
      h("h1", {}, doc.title),
      h("dl", { class: "meta" },
        doc.published_on ? [h("dt", {}, t("published")), h("dd", {}, formatDate(doc.published_on, doc.date_precision))] : null,
        doc.publisher ? [h("dt", {}, t("publisher")), h("dd", {}, doc.publisher)] : null,
        doc.place ? [h("dt", {}, t("place")), h("dd", {}, doc.place)] : null,
        doc.source_url ? [h("dt", {}, t("source")), h("dd", {}, h("a", { href: doc.source_url, rel: "noopener noreferrer external" }, doc.source_url))] : null),
      topicList(doc.topics)),
    h("section", { class: "block" }, h("h2", {}, t("text")), markedText(doc.clean_text, doc.mentions)),
    section(t("namedEntities"), entities.size ? h("ul", {}, [...entities.values()].map((entity) => h("li", {},
      link(PATHS[entity.type], entity), h("span", { class: "muted" }, ` · ${kindLabel(entity.type, entity.kind)}`)))) : null));
}

/** The clean text in paragraphs, each mention a link to its entity. */
function markedText(text, mentions) {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const paragraphs = [];
  let offset = 0;
  for (const part of text.split(/\n\s*\n/)) {
    const start = text.indexOf(part, offset);
    const end = start + part.length;
    offset = end;
    const pieces = [];
    let position = start;
    for (const mention of sorted) {
      if (mention.start < position || mention.end > end) continue;
      pieces.push(text.slice(position, mention.start), h("a", {
        href: pathOf(mention.entity.type, mention.entity.slug),
        class: "mention", title: nameOf(mention.entity),
      }, text.slice(mention.start, mention.end)));
      position = mention.end;
    }
    pieces.push(text.slice(position, end));
    paragraphs.push(h("p", {}, pieces));
  }
  return h("div", { class: "text" }, paragraphs);
}

async function eventPage(slug) {
  const event = await get(`/events/${encodeURIComponent(slug)}`);
  const participations = Object.values(event.participants).flat();
  const when = [formatDate(event.starts_on, event.date_precision), event.place, event.virtual ? t("virtual") : ""].filter(Boolean).join(" · ");
  return h("article", { class: "detail" },
    header(event, t("event"), [when ? h("p", {}, when) : null,
      event.initiative ? h("p", {}, `${t("initiative")}: `, link("initiatives", event.initiative)) : null]),
    section(t("members"), byRole(participations, (item) => link("actors", item.actor))),
    section(t("documents"), documentList(event.documents)),
    evidence(event.evidence));
}

async function topicPage(slug) {
  const topic = await get(`/topics/${encodeURIComponent(slug)}`);
  const name = document.documentElement.lang === "en" ? topic.label_en : topic.label_de;
  document.title = `${name} · Atlas`;
  return h("article", { class: "detail" },
    h("header", { class: "detail-head" }, h("p", { class: "kicker" }, t("topic")), h("h1", {}, name)),
    section(t("actors"), topic.actors.length ? h("ul", {}, topic.actors.map((ref) => h("li", {}, link("actors", ref)))) : null),
    section(t("initiatives"), topic.initiatives.length ? h("ul", {}, topic.initiatives.map((ref) => h("li", {}, link("initiatives", ref)))) : null),
    section(t("documents"), documentList(topic.documents)));
}

const PAGES = { actors: actorPage, initiatives: initiativePage, documents: documentPage, events: eventPage, topics: topicPage };

export const renderDetail = (type, slug) => PAGES[type](slug);
