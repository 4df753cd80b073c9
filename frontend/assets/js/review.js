// The editors' review page (`/edit/review`): the queue of what ingest suggested, each with the
// passage that suggested it, to accept (corrected, or merged into a known entry) or reject; and
// a form that ingests a new text. The filters live in the URL, the API key in this tab's session.
import { ApiError, get, queryString, rememberKey, send, storedKey } from "./api.js";
import { h, marked, replace } from "./dom.js";
import { pathOf } from "./entities.js";
import { label, t, valuesOf } from "./i18n.js";
import { announce, navigate } from "./main.js";
import { entityPicker } from "./picker.js";

export const REVIEW_PATH = "/edit/review";
const PAGE_SIZE = 20;
const ENTITY_TYPES = ["actor", "initiative", "event"];
const KIND_VOCABULARIES = { actor: "ActorKind", initiative: "InitiativeKind" };

function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  return {
    kind: params.get("kind") || "",
    entity_type: params.get("entity_type") || "",
    document: params.get("document") || "",
    offset: Math.max(0, Number.parseInt(params.get("offset") || "0", 10) || 0),
  };
}

const urlOf = (state) => `${REVIEW_PATH}${queryString({
  kind: state.kind, entity_type: state.entity_type, document: state.document, offset: state.offset || "",
})}`;

export async function renderReview() {
  document.title = `${t("review")} · Atlas`;
  const state = stateFromUrl();
  const key = storedKey();
  const intro = h("p", { class: "lead" }, t("reviewIntro"));
  if (!key) return h("section", { class: "review-page" }, h("h1", {}, t("review")), intro, keyForm());

  const queue = new Queue(state, key);
  try {
    await queue.load();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      return h("section", { class: "review-page" }, h("h1", {}, t("review")), intro, keyForm(error.status));
    }
    throw error;
  }
  return h("section", { class: "review-page" },
    h("h1", {}, t("review")), intro,
    h("p", { class: "key-bar" }, t("keyInUse"), " ", h("button", {
      type: "button", class: "link-button", onclick: () => { rememberKey(""); navigate(urlOf(state), { replaceState: true }); },
    }, t("forgetKey"))),
    h("div", { class: "review-body" }, queue.element, ingestForm(key, () => queue.refresh())));
}

/** Asks for the key; a 401 or 403 of the queue says what was wrong with the last one. */
function keyForm(status) {
  const error = status ? t(status === 401 ? "keyMissing" : "keyForbidden") : "";
  const input = h("input", {
    type: "password", id: "field-api-key", name: "api_key", autocomplete: "off", required: true,
    "aria-describedby": status ? "api-key-help field-api-key-error" : "api-key-help", "aria-invalid": status ? "true" : false,
  });
  return h("form", {
    class: "editor key-form", novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) { input.focus(); return; }
      rememberKey(key);
      navigate(location.pathname + location.search, { replaceState: true });
    },
  },
  h("h2", {}, t("keyNeeded")),
  h("div", { class: "field" }, h("label", { for: "field-api-key" }, t("apiKey"), " *"), input,
    h("p", { class: "hint", id: "api-key-help" }, t("apiKeyHelp")),
    h("p", { class: "field-error", id: "field-api-key-error", hidden: !status }, error)),
  h("p", {}, h("button", { type: "submit" }, t("continue"))));
}

/** The queue: filters with counts, the items, paging; refreshed in place after each decision. */
class Queue {
  constructor(state, key) {
    this.state = state;
    this.key = key;
    this.status = h("p", { class: "review-status", id: "review-status", role: "status", tabindex: "-1" });
    this.body = h("div", {});
    this.element = h("section", { class: "queue", "aria-labelledby": "queue-heading" },
      h("h2", { id: "queue-heading" }, t("pendingSuggestions")), this.status, this.body);
  }

  async load() {
    const { state, key } = this;
    const filters = { status: "pending", kind: state.kind, entity_type: state.entity_type, document: state.document };
    let [page, all] = await Promise.all([
      get("/suggestions", { ...filters, limit: PAGE_SIZE, offset: state.offset }, { key }),
      get("/suggestions", { status: "pending", document: state.document, limit: 1, facets: "kind,entity_type" }, { key }),
    ]);
    if (!page.items.length && state.offset > 0) {
      // The last items of a later page were decided: show the page before instead.
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      history.replaceState(null, "", urlOf(state));
      page = await get("/suggestions", { ...filters, limit: PAGE_SIZE, offset: state.offset }, { key });
    }
    const count = t("openCount", page.total);
    if (!this.shown) announce(`${t("review")}: ${count}`);
    this.shown = true;
    replace(this.body,
      filterLinks(state, all),
      h("p", { class: "result-count", id: "queue-count" }, count),
      page.items.length
        ? h("ol", { class: "cards review-items", "aria-labelledby": "queue-heading" },
          page.items.map((item) => itemCard(item, key, (message, outcome) => this.decided(message, outcome))))
        : h("div", { class: "empty" }, h("p", {}, t(state.kind || state.entity_type ? "queueEmptyFiltered" : "queueEmpty"))),
      pager(state, page.total));
  }

  /** Reload after a change elsewhere (an ingested text); a failure is said, not thrown. */
  async refresh() {
    try {
      await this.load();
    } catch (error) {
      replace(this.status, problemText(error));
    }
  }

  /** A suggestion was decided: say so (with a link to what it became) and reload the queue,
   * since a decision also settles every other pending suggestion of the same name. */
  async decided(message, outcome) {
    await this.refresh();
    // The status is a live region and takes the focus the removed item had.
    replace(this.status, message, outcome ? [" ", outcomeLink(outcome)] : []);
    this.status.focus();
  }
}

function filterLinks(state, all) {
  const counts = (name) => Object.fromEntries((all.facets?.[name] || []).map((item) => [item.value, item.count]));
  const kinds = counts("kind");
  const types = counts("entity_type");
  const link = (next, text, count, current) => h("li", {}, h("a", {
    href: urlOf({ ...next, document: state.document, offset: 0 }), "aria-current": current ? "page" : false,
  }, text, h("span", { class: "count" }, count ?? 0)));
  return h("div", { class: "review-filters" },
    state.document ? h("p", { class: "document-filter" }, t("fromDocument"), " ",
      h("a", { href: pathOf("document", state.document) }, state.document), " · ",
      h("a", { href: urlOf({ ...state, document: "", offset: 0 }) }, t("allDocuments"))) : null,
    h("nav", { class: "type-tabs", "aria-label": t("kind") }, h("ul", {},
      link({ kind: "", entity_type: "" }, t("allKinds"), all.total, !state.kind && !state.entity_type),
      valuesOf("SuggestionKind").map((kind) => link({ kind, entity_type: "" }, label("SuggestionKind", kind), kinds[kind], state.kind === kind && !state.entity_type)))),
    h("nav", { class: "type-tabs", "aria-label": t("entityType") }, h("ul", {},
      ENTITY_TYPES.map((type) => link({ kind: "entity", entity_type: type }, label("EntityType", type), types[type], state.entity_type === type)))));
}

function pager(state, total) {
  if (total <= PAGE_SIZE) return null;
  const last = Math.min(state.offset + PAGE_SIZE, total);
  return h("nav", { class: "pager", "aria-label": t("pages") },
    state.offset > 0 ? h("a", { href: urlOf({ ...state, offset: Math.max(0, state.offset - PAGE_SIZE) }) }, t("previous")) : h("span", {}),
    h("span", {}, t("page", state.offset + 1, last, total)),
    last < total ? h("a", { href: urlOf({ ...state, offset: last }) }, t("next")) : h("span", {}));
}

/** "→ Mustafa al-Kadhimi": the entity or relation a decision made, as a link where it has a page. */
function outcomeLink(outcome) {
  const [type, slug] = outcome.split(":");
  if (type === "participation" || type === "affiliation") return h("span", {}, label("SuggestionKind", type), ` #${slug}`);
  return h("a", { href: pathOf(type, slug) }, t("showEntry"));
}

// --- one item -----------------------------------------------------------------------------------

function itemCard(item, key, decided) {
  const base = `suggestion-${item.id}`;
  const headingId = `${base}-name`;
  const message = h("div", { class: "form-errors", role: "alert", id: `${base}-message` });
  const controls = {}; // field name in the API's errors → its control
  const editor = item.kind === "entity" ? entityFields(item, base, controls) : relationFields(item, base, controls);

  function clearErrors() {
    replace(message);
    for (const note of card.querySelectorAll(".field-error")) { note.hidden = true; note.textContent = ""; }
    for (const control of card.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  }

  async function decide(action, body) {
    clearErrors();
    for (const button of card.querySelectorAll("button")) button.disabled = true;
    try {
      const { data } = await send("POST", `/suggestions/${item.id}/${action}`, { body, key });
      const text = data.status === "rejected" ? t("rejectedMessage", item.name) : t("acceptedMessage", item.name);
      await decided(text, data.outcome);
    } catch (error) {
      for (const button of card.querySelectorAll("button")) button.disabled = false;
      showProblem(error);
    }
  }

  function showProblem(error) {
    if (!(error instanceof ApiError)) throw error;
    const unplaced = [];
    for (const entry of error.problem.errors || []) {
      const control = controls[String(entry.field).split(".")[0]];
      if (control && !control.closest("[hidden]")) markField(control, entry.message);
      else unplaced.push(entry.field ? `${entry.field}: ${entry.message}` : entry.message);
    }
    if (!error.problem.errors?.length) unplaced.push(problemText(error));
    if (unplaced.length) replace(message, unplaced.length === 1 ? h("p", {}, unplaced[0]) : h("ul", {}, unplaced.map((text) => h("li", {}, text))));
    (card.querySelector("[aria-invalid=true]") || message).focus?.();
  }

  const accept = (event) => {
    event.preventDefault();
    const body = editor.body();
    if (body instanceof Error) { clearErrors(); replace(message, h("p", {}, body.message)); return; }
    decide("accept", body);
  };
  const mergeId = `${base}-merge`;
  const merge = item.kind === "entity" ? mergeFields(item, mergeId, controls, (into) => decide("accept", { into })) : null;
  const mergeToggle = merge ? h("button", {
    type: "button", class: "secondary", "aria-expanded": "false", "aria-controls": mergeId,
    onclick: (event) => {
      const open = merge.hidden;
      merge.hidden = !open;
      event.currentTarget.setAttribute("aria-expanded", String(open));
      if (open) merge.querySelector("input").focus();
    },
  }, t("mergeInto")) : null;

  const card = h("li", { class: "card review-item", id: base, "aria-labelledby": headingId },
    h("h3", { id: headingId }, item.name),
    h("p", { class: "facts" }, describe(item), " · ", t("rule"), ": ", h("code", {}, item.rule)),
    item.relation ? relationLine(item.kind, item.relation) : null,
    evidence(item),
    h("form", { class: "decision", novalidate: true, onsubmit: accept, "aria-label": `${t("decision")}: ${item.name}` },
      editor.element,
      h("div", { class: "decision-buttons" },
        h("button", { type: "submit", class: "accept" }, t("accept")),
        mergeToggle,
        h("button", { type: "button", class: "secondary reject", onclick: () => decide("reject") }, t("reject")))),
    merge,
    message);
  return card;
}

function describe(item) {
  const parts = [label("SuggestionKind", item.kind)];
  if (item.entity_type) parts.push(label("EntityType", item.entity_type));
  const vocabulary = KIND_VOCABULARIES[item.entity_type];
  if (item.entity_kind && vocabulary) parts.push(label(vocabulary, item.entity_kind));
  if (item.country) parts.push(item.country);
  return parts.join(" · ");
}

/** The quote, with the suggested name marked wherever it falls inside it. */
function evidence(item) {
  const { quote, start: offset, end: last, document: slug } = item.evidence;
  const spans = (item.spans?.length ? item.spans : [[item.start, item.end]])
    .filter(([start, end]) => start >= offset && end <= last)
    .map(([start, end]) => [start - offset, end - offset]);
  if (!spans.length && item.start >= offset && item.end <= last) spans.push([item.start - offset, item.end - offset]);
  return h("figure", { class: "evidence-quote" },
    h("blockquote", {}, marked(quote, spans)),
    h("figcaption", {}, t("evidenceFrom"), " ", h("a", { href: pathOf("document", slug) }, slug)));
}

function relationLine(kind, relation) {
  const party = (end) => (end ? (end.ref ? h("a", { href: pathOf(...end.ref.split(":")) }, end.name) : h("span", {}, end.name, " ", h("span", { class: "muted" }, `(${t("unknownYet")})`))) : "–");
  return h("p", { class: "relation" }, party(relation.subject), " — ", h("strong", {}, kind === "participation" ? label("ParticipationRole", relation.role) : relation.role), " — ", party(relation.object));
}

function field(id, text, control, extra = null) {
  return h("div", { class: "field" }, h("label", { for: id }, text), control, extra,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
}

function markField(control, text) {
  const note = document.getElementById(`${control.id}-error`);
  control.setAttribute("aria-invalid", "true");
  if (note) {
    note.textContent = text;
    note.hidden = false;
    control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
  }
}

/** A new entity: its name, type, kind and (for an actor) country, as the editor corrects them. */
function entityFields(item, base, controls) {
  const name = h("input", { type: "text", id: `${base}-field-name`, value: item.name, required: true });
  const type = h("select", { id: `${base}-field-type` },
    ENTITY_TYPES.map((value) => h("option", { value, selected: value === item.entity_type }, label("EntityType", value))));
  const kind = h("select", { id: `${base}-field-kind` });
  const country = h("input", { type: "text", id: `${base}-field-country`, value: item.country || "", maxlength: 2, placeholder: "DE", autocomplete: "off" });
  const kindField = field(kind.id, t("field_kind"), kind);
  const countryField = field(country.id, t("field_country"), country);
  const fillKinds = () => {
    const vocabulary = KIND_VOCABULARIES[type.value];
    replace(kind, h("option", { value: "" }, "–"), vocabulary ? valuesOf(vocabulary).map((value) => h("option", {
      value, selected: type.value === item.entity_type && value === item.entity_kind,
    }, label(vocabulary, value))) : []);
    kindField.hidden = !vocabulary;
    countryField.hidden = type.value !== "actor";
  };
  type.addEventListener("change", fillKinds);
  if (!item.entity_type) type.prepend(h("option", { value: "", selected: true }, "–"));
  fillKinds();
  Object.assign(controls, { name, entity_type: type, kind, country });

  return {
    element: h("div", { class: "decision-fields" }, field(name.id, t("field_name"), name), field(type.id, t("type"), type), kindField, countryField),
    /** Only what the editor changed: the API takes the rest from the suggestion. */
    body() {
      const body = {};
      const newName = name.value.trim();
      if (!newName) return new Error(t("nameNeeded"));
      if (newName !== item.name) body.name = newName;
      if (type.value && type.value !== item.entity_type) body.entity_type = type.value;
      if (!kindField.hidden && (kind.value !== (item.entity_kind || "") || body.entity_type)) body.kind = kind.value || null;
      const code = country.value.trim().toUpperCase();
      if (!countryField.hidden && code && code !== (item.country || "")) body.country = code;
      return body;
    },
  };
}

/** Merging: pick the known entry that gains the suggested name as an alias. */
function mergeFields(item, id, controls, merge) {
  const picker = entityPicker(`${id}-target`, t("mergeTarget"), { hint: t("mergeHint") });
  controls.into = picker.input;
  const message = h("p", { class: "field-error", role: "alert" });
  return h("div", { class: "merge", id, hidden: true },
    picker.element,
    message,
    h("p", {}, h("button", {
      type: "button",
      onclick: () => {
        replace(message);
        const into = picker.value();
        if (!into) { replace(message, t("chooseTarget")); picker.input.focus(); return; }
        merge(into);
      },
    }, t("merge"))));
}

/** A participation or affiliation: its role, and either end where the text's name is unknown. */
function relationFields(item, base, controls) {
  const relation = item.relation || { role: "", subject: null, object: null };
  const roles = item.kind === "participation" ? valuesOf("ParticipationRole") : [];
  const role = roles.length
    ? h("select", { id: `${base}-field-role` }, h("option", { value: "" }, "–"),
      roles.map((value) => h("option", { value, selected: value === relation.role }, label("ParticipationRole", value))))
    : h("input", { type: "text", id: `${base}-field-role`, value: relation.role || "" });
  const party = (end, which, text) => entityPicker(`${base}-field-${which}`, text, {
    initial: end ? { ref: end.ref, name: end.name } : null, hint: end?.ref ? "" : t("pickUnknown"),
  });
  const subject = party(relation.subject, "subject", t("actor"));
  const object = party(relation.object, "object", item.kind === "participation" ? t("initiativeOrEvent") : t("organization"));
  Object.assign(controls, { role, subject: subject.input, object: object.input });
  return {
    element: h("div", { class: "decision-fields" }, field(role.id, t("role"), role), subject.element, object.element),
    body() {
      const body = {};
      if (role.value.trim() && role.value.trim() !== relation.role) body.role = role.value.trim();
      if (subject.value() && subject.value() !== relation.subject?.ref) body.subject = subject.value();
      if (object.value() && object.value() !== relation.object?.ref) body.object = object.value();
      return body;
    },
  };
}

// --- ingesting a text ---------------------------------------------------------------------------

function ingestForm(key, refreshQueue) {
  const text = h("textarea", { id: "ingest-text", name: "text", rows: 8 });
  const url = h("input", { type: "url", id: "ingest-url", name: "url", placeholder: "https://…", autocomplete: "off" });
  const file = h("input", { type: "file", id: "ingest-file", name: "file", accept: ".txt,.html,.htm,text/plain,text/html" });
  const controls = { text, url, file, body: text };
  const message = h("div", { class: "form-errors", role: "alert", id: "ingest-errors" });
  const result = h("div", { class: "ingest-result", id: "ingest-result", role: "status" });
  const button = h("button", { type: "submit" }, t("ingest"));

  async function submit(event) {
    event.preventDefault();
    replace(message);
    replace(result);
    for (const control of Object.values(controls)) control.removeAttribute("aria-invalid");
    for (const note of form.querySelectorAll(".field-error")) { note.hidden = true; note.textContent = ""; }
    const given = [text.value.trim() && "text", url.value.trim() && "url", file.files.length && "file"].filter(Boolean);
    if (given.length !== 1) {
      replace(message, h("p", {}, t(given.length ? "ingestOnlyOne" : "ingestNothing")));
      text.focus();
      return;
    }
    let body;
    if (given[0] === "file") {
      body = new FormData();
      body.append("file", file.files[0]);
    } else {
      body = given[0] === "url" ? { url: url.value.trim() } : { text: text.value };
    }
    button.disabled = true;
    replace(result, t("ingesting"));
    try {
      const { data } = await send("POST", "/documents/ingest", { body, key });
      replace(result, ingestSummary(data));
      announce(result.textContent);
      form.reset();
      await refreshQueue();
    } catch (error) {
      replace(result);
      if (!(error instanceof ApiError)) throw error;
      const unplaced = [];
      for (const entry of error.problem.errors || []) {
        const control = controls[String(entry.field).split(".")[0]];
        if (control) markField(control, entry.message);
        else unplaced.push(entry.message);
      }
      if (!error.problem.errors?.length) unplaced.push(problemText(error));
      if (unplaced.length) replace(message, h("p", {}, unplaced.join(" ")));
      (form.querySelector("[aria-invalid=true]") || text).focus();
    } finally {
      button.disabled = false;
    }
  }

  const form = h("form", { class: "editor ingest-form", novalidate: true, onsubmit: submit, "aria-labelledby": "ingest-heading" },
    h("h2", { id: "ingest-heading" }, t("ingestTitle")),
    h("p", { class: "hint" }, t("ingestHint")),
    field(text.id, t("ingestText"), text),
    field(url.id, t("ingestUrl"), url),
    field(file.id, t("ingestFile"), file),
    message,
    h("p", {}, button),
    result);
  return h("section", { class: "ingest" }, form);
}

function ingestSummary(data) {
  const document = data.document;
  return h("p", {},
    h("strong", {}, t(data.status === "new" ? "ingestNew" : "ingestUnchanged")), " ",
    h("a", { href: pathOf("document", document.slug) }, document.title || document.slug), ". ",
    h("span", { class: "ingest-mentions" }, t("linkedMentions", data.mentions)), ", ",
    h("span", { class: "ingest-suggestions" }, t("newSuggestions", data.suggestions)), ". ",
    data.suggestions ? h("a", { href: urlOf({ document: document.slug }) }, t("reviewThese")) : null);
}

/** A problem document as one sentence: the key, a conflict, or what the API said. */
function problemText(error) {
  if (!(error instanceof ApiError)) return String(error);
  if (error.status === 0) return t("offline");
  if (error.status === 401) return t("keyMissing");
  if (error.status === 403) return t("keyForbidden");
  if (error.status === 409) return `${t("alreadyDecided")} ${error.problem.detail || ""}`.trim();
  return error.message;
}
