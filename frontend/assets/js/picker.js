// A field that finds an actor, initiative or event while one types (from /api/v1/suggest) and
// keeps the chosen one as `type:slug`: a WAI-ARIA combobox (arrow keys, Enter, Escape), like the
// header's search box, but choosing fills the field instead of leaving the page.
import { get } from "./api.js";
import { h, replace } from "./dom.js";
import { kindLabel } from "./entities.js";
import { t } from "./i18n.js";

const ENTITY_TYPES = new Set(["actor", "initiative", "event"]);

/**
 * A labelled picker. `initial` ({ref, name}) is shown as already chosen. Returns
 * {element, input, value()} where value() is the chosen `type:slug`, or "" when nothing is.
 */
export function entityPicker(id, labelText, { initial = null, hint = "" } = {}) {
  const listId = `${id}-options`;
  const chosenId = `${id}-chosen`;
  const input = h("input", {
    type: "text", id, name: id, autocomplete: "off", spellcheck: "false", role: "combobox",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId,
    "aria-describedby": chosenId, value: initial?.name || "",
  });
  const list = h("ul", { id: listId, role: "listbox", class: "suggestions", "aria-label": labelText, hidden: true });
  const note = h("p", { class: "hint", id: chosenId });
  let chosen = initial?.ref ? { ...initial } : null;
  let active = -1;
  let timer;
  let controller;

  const options = () => [...list.querySelectorAll("[role=option]")];
  const showChosen = () => replace(note, chosen ? `${t("chosen")}: ${chosen.name} (${chosen.label || chosen.ref})` : hint);
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
  };

  async function complete() {
    const q = input.value.trim();
    controller?.abort();
    if (q.length < 2) return close();
    controller = new AbortController();
    let answer;
    try {
      answer = await get("/suggest", { q, limit: 12 }, { signal: controller.signal });
    } catch {
      return close(); // a failed completion must not get in the way of typing
    }
    const items = answer.items.filter((item) => ENTITY_TYPES.has(item.type));
    if (!items.length) return close();
    replace(list, items.map((item, index) => h("li", {
      id: `${id}-option-${index}`, role: "option", "aria-selected": "false",
      "data-ref": `${item.type}:${item.slug}`, "data-name": item.name, "data-label": kindLabel(item.type, item.kind),
      onmousedown: (event) => { event.preventDefault(); choose(index); },
    }, h("span", { class: "suggestion-name" }, item.name),
      item.matched !== item.name ? h("span", { class: "suggestion-alias" }, item.matched) : null,
      h("span", { class: "suggestion-type" }, kindLabel(item.type, item.kind)))));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  function choose(index) {
    const option = options()[index];
    close();
    if (!option) return;
    chosen = { ref: option.dataset.ref, name: option.dataset.name, label: option.dataset.label };
    input.value = chosen.name;
    showChosen();
  }

  input.addEventListener("input", () => {
    chosen = null; // a changed text no longer names the chosen entry
    showChosen();
    clearTimeout(timer);
    timer = setTimeout(complete, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  showChosen();

  const element = h("div", { class: "field picker" },
    h("label", { for: id }, labelText), h("div", { class: "picker-box" }, input, list), note,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
  return { element, input, value: () => chosen?.ref || "" };
}
