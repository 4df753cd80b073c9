// The search box: completions from /api/v1/suggest as a listbox (arrow keys, Enter, Escape);
// submitting searches everything.
import { get } from "./api.js";
import { h, replace } from "./dom.js";
import { kindLabel, pathOf } from "./entities.js";
import { t } from "./i18n.js";

export function attachSuggestions(form, navigate) {
  const input = form.querySelector("input[type=search]");
  const list = form.querySelector("[role=listbox]");
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
      answer = await get("/suggest", { q }, { signal: controller.signal });
    } catch {
      return close(); // a failed completion must not get in the way of typing
    }
    if (!answer.items.length) return close();
    replace(list, answer.items.map((item, index) => h("li", {
      id: `suggestion-${index}`, role: "option", "aria-selected": "false",
      "data-path": pathOf(item.type, item.slug),
      onmousedown: (event) => { event.preventDefault(); choose(index); },
    }, h("span", { class: "suggestion-name" }, item.name),
      item.matched !== item.name ? h("span", { class: "suggestion-alias" }, item.matched) : null,
      h("span", { class: "suggestion-type" }, kindLabel(item.type, item.kind)))));
    list.setAttribute("aria-label", t("suggestions"));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  function choose(index) {
    const option = options()[index];
    close();
    if (option) navigate(option.dataset.path);
  }

  input.addEventListener("input", () => {
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
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    close();
    const q = input.value.trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
  });
}
