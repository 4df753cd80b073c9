// Building the page from data: every text goes in as a text node, never as markup, so a name
// such as `<img src=x onerror=…>` shows literally and runs nothing.

/** An element: `h("a", {href: "/x", class: "y", onclick: fn}, "text", child, …)`. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (name in element && typeof value !== "string") {
      element[name] = value; // properties such as checked, hidden, value
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace a node's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/** Text with [start, end) ranges marked: the ranges come from the API, the text stays text. */
export function marked(text, ranges) {
  const parts = [];
  let position = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < position || end <= start) continue;
    parts.push(text.slice(position, start), h("mark", {}, text.slice(start, end)));
    position = end;
  }
  parts.push(text.slice(position));
  return parts;
}
