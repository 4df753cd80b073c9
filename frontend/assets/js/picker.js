// A field that finds an actor, initiative or event while one types (from /api/v1/suggest) and
// keeps the chosen one as `type:slug`: a WAI-ARIA combobox (arrow keys, Enter, Escape), like the
// header's search box, but choosing fills the field instead of leaving the page.
import { h, replace } from "./dom.js";
import { kindLabel } from "./entities.js";
import { t } from "./i18n.js";
import { attachCompletions } from "./suggest.js";

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
  const showChosen = () => replace(note, chosen ? `${t("chosen")}: ${chosen.name} (${chosen.label || chosen.ref})` : hint);
  attachCompletions(input, list, {
    idPrefix: `${id}-option`,
    query: { limit: 12 },
    accept: (item) => ENTITY_TYPES.has(item.type),
    onInput: () => {
      chosen = null; // a changed text no longer names the chosen entry
      showChosen();
    },
    onChoose: (item) => {
      chosen = { ref: `${item.type}:${item.slug}`, name: item.name, label: kindLabel(item.type, item.kind) };
      input.value = chosen.name;
      showChosen();
    },
  });
  showChosen();

  const element = h("div", { class: "field picker" },
    h("label", { for: id }, labelText), h("div", { class: "picker-box" }, input, list), note,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }));
  return { element, input, value: () => chosen?.ref || "" };
}
