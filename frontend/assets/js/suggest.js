// Completions from /api/v1/suggest as a WAI-ARIA combobox (arrow keys, Enter, Escape), shared by
// the header's search box (choosing leaves for the entry's page; submitting searches everything)
// and the entity picker of the review page (choosing fills the field).
import { get } from "./api.js";
import { h, replace } from "./dom.js";
import { kindLabel, pathOf } from "./entities.js";
import { t } from "./i18n.js";

/**
 * Wire `input` (role=combobox) to the listbox `list`. `onChoose(item)` gets the chosen
 * /suggest item; `accept(item)` filters them; `query` adds parameters; `onInput()` runs on
 * every change of the text.
 */
export function attachCompletions(input, list, {
  idPrefix, onChoose, accept = () => true, query = {}, onInput = () => {},
}) {
  let items = [];
  let active = -1;
  let timer;
  let controller;

  const options = () => [...list.querySelectorAll("[role=option]")];
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
      answer = await get("/suggest", { q, ...query }, { signal: controller.signal });
    } catch {
      return close(); // a failed completion must not get in the way of typing
    }
    items = answer.items.filter(accept);
    if (!items.length) return close();
    replace(list, items.map((item, index) => h("li", {
      id: `${idPrefix}-${index}`, role: "option", "aria-selected": "false",
      "data-path": pathOf(item.type, item.slug),
      onmousedown: (event) => { event.preventDefault(); choose(index); },
    }, h("span", { class: "suggestion-name" }, item.name),
      item.matched !== item.name ? h("span", { class: "suggestion-alias" }, item.matched) : null,
      h("span", { class: "suggestion-type" }, kindLabel(item.type, item.kind)))));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  function choose(index) {
    const item = items[index];
    close();
    if (item) onChoose(item);
  }

  input.addEventListener("input", () => {
    onInput();
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
  return { close };
}

export function attachSuggestions(form, navigate) {
  const input = form.querySelector("input[type=search]");
  const list = form.querySelector("[role=listbox]");
  list.setAttribute("aria-label", t("suggestions"));
  const { close } = attachCompletions(input, list, {
    idPrefix: "suggestion",
    onChoose: (item) => navigate(pathOf(item.type, item.slug)),
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    close();
    const q = input.value.trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
  });
}
