// Editing from the page: create and change actors and initiatives, add participations. The API
// key is entered once and kept for this browser session; the API's field errors show next to
// the fields they concern.
import { ApiError, rememberKey, send, storedKey } from "./api.js";
import { h, replace } from "./dom.js";
import { label, t, valuesOf } from "./i18n.js";
import { navigate } from "./main.js";

const FIELDS = {
  actors: [
    ["name", "text", { required: true }], ["name_en", "text"], ["kind", "ActorKind", { required: true }],
    ["country", "text", { maxlength: 2, placeholder: "DE" }], ["aliases", "list"],
    ["description", "textarea"], ["website", "url"],
  ],
  initiatives: [
    ["name", "text", { required: true }], ["name_en", "text"], ["kind", "InitiativeKind", { required: true }],
    ["status", "InitiativeStatus"], ["founded_on", "date"], ["aliases", "list"],
    ["description", "textarea"], ["website", "url"],
  ],
  participations: [
    ["actor", "text", { required: true }], ["initiative", "text", { required: true }],
    ["role", "ParticipationRole", { required: true }], ["start_on", "date"], ["end_on", "date"],
    ["note", "textarea"],
  ],
};

export async function renderEditor(type, slug) {
  if (!FIELDS[type] || (type === "participations" && slug)) throw new ApiError(404);
  const { data: record, etag } = slug ? await send("GET", `/${type}/${encodeURIComponent(slug)}`) : { data: null, etag: null };
  const prefill = Object.fromEntries(new URLSearchParams(location.search));
  const title = slug ? `${t("edit")}: ${record.name}` : t(`new_${type}`);
  document.title = `${title} · Atlas`;

  const general = h("div", { class: "form-errors", role: "alert" });
  const keyInput = h("input", {
    type: "password", id: "field-api-key", name: "api_key", autocomplete: "off",
    value: storedKey(), required: true, "aria-describedby": "api-key-help",
  });
  const controls = {};
  const rows = FIELDS[type].map(([name, kind, options = {}]) => {
    const id = `field-${name}`;
    const value = record ? record[name] : prefill[name];
    const control = fieldControl(kind, id, name, value, options);
    controls[name] = control;
    return h("div", { class: "field" },
      h("label", { for: id }, t(`field_${name}`), options.required ? " *" : ""), control,
      kind === "list" ? h("p", { class: "hint", id: `${id}-hint` }, t("listHint")) : null,
      h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
  });

  async function submit(event) {
    event.preventDefault();
    clearErrors();
    const key = keyInput.value.trim();
    rememberKey(key);
    const body = {};
    for (const [name, kind] of FIELDS[type]) {
      const raw = controls[name].value.trim();
      if (kind === "list") body[name] = raw ? raw.split(",").map((item) => item.trim()).filter(Boolean) : [];
      else if (raw || record) body[name] = raw || null;
    }
    if (record) for (const name of Object.keys(body)) if (JSON.stringify(body[name] ?? null) === JSON.stringify(record[name] ?? null)) delete body[name];
    try {
      const { data } = record
        ? await send("PATCH", `/${type}/${encodeURIComponent(slug)}`, { body, key, etag })
        : await send("POST", `/${type}`, { body, key });
      const target = type === "participations" ? `/initiatives/${encodeURIComponent(data.initiative.slug)}` : `/${type}/${encodeURIComponent(data.slug)}`;
      navigate(target);
    } catch (error) {
      showErrors(error);
    }
  }

  function clearErrors() {
    replace(general);
    for (const element of form.querySelectorAll(".field-error")) { element.hidden = true; element.textContent = ""; }
    for (const element of form.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
  }

  function showErrors(error) {
    if (!(error instanceof ApiError)) throw error;
    const unplaced = [];
    if (error.status === 401 || error.status === 403) {
      markField("api-key", t(error.status === 401 ? "keyMissing" : "keyForbidden"));
      return;
    }
    for (const entry of error.problem.errors || []) {
      const name = String(entry.field).split(".")[0];
      if (controls[name]) markField(name, entry.message);
      else unplaced.push(entry.message);
    }
    if (error.status === 412) unplaced.push(t("changedMeanwhile"));
    if (!error.problem.errors?.length && error.status !== 412) unplaced.push(error.status ? error.message : t("offline"));
    if (unplaced.length) replace(general, h("ul", {}, unplaced.map((message) => h("li", {}, message))));
    form.querySelector("[aria-invalid=true]")?.focus();
  }

  function markField(name, message) {
    const control = name === "api-key" ? keyInput : controls[name];
    const note = form.querySelector(`#field-${name}-error`);
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    note.textContent = message;
    note.hidden = false;
  }

  const form = h("form", { class: "editor", novalidate: true, onsubmit: submit },
    general,
    h("div", { class: "field" }, h("label", { for: "field-api-key" }, t("apiKey"), " *"), keyInput,
      h("p", { class: "hint", id: "api-key-help" }, t("apiKeyHelp")),
      h("p", { class: "field-error", id: "field-api-key-error", hidden: true })),
    rows,
    h("p", {}, h("button", { type: "submit" }, t("save")), " ",
      h("a", { href: record ? `/${type}/${encodeURIComponent(slug)}` : `/${type === "participations" ? "initiatives" : type}` }, t("cancel"))));
  return h("section", { class: "editor-page" }, h("h1", {}, title), form);
}

function fieldControl(kind, id, name, value, options) {
  const common = { id, name, required: options.required || false };
  if (kind === "textarea") return h("textarea", { ...common, rows: 4 }, value || "");
  if (kind === "list") return h("input", { ...common, type: "text", value: (value || []).join(", "), "aria-describedby": `${id}-hint` });
  if (/^[A-Z]/.test(kind)) {
    return h("select", common, h("option", { value: "" }, "–"),
      valuesOf(kind).map((item) => h("option", { value: item, selected: item === value }, label(kind, item))));
  }
  return h("input", { ...common, type: kind, value: value || "", maxlength: options.maxlength, placeholder: options.placeholder });
}
