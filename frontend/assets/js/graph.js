// /graph: actors and initiatives as a network, linked by participations. Filter by topic (of the
// initiative) or by actor kind; every node is a link (click or Enter opens it).
import { get, queryString } from "./api.js";
import { h } from "./dom.js";
import { label, nameOf, t, valuesOf } from "./i18n.js";
import { navigate } from "./main.js";

const SVG = "http://www.w3.org/2000/svg";
const SIZE = 1000;

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children.flat());
  return element;
}

export async function renderGraph() {
  document.title = `${t("graph")} · Atlas`;
  const params = new URLSearchParams(location.search);
  const topic = params.get("topic") || "";
  const kind = params.get("kind") || "";
  const [participations, topics, initiatives] = await Promise.all([
    get("/participations", { limit: 500 }),
    get("/topics", { limit: 500 }),
    topic ? get("/initiatives", { topic, limit: 500 }) : null,
  ]);
  const allowed = initiatives ? new Set(initiatives.items.map((item) => item.slug)) : null;
  const edges = participations.items.filter((item) => item.initiative
    && (!allowed || allowed.has(item.initiative.slug)) && (!kind || item.actor.kind === kind));
  const nodes = new Map();
  for (const edge of edges) {
    nodes.set(`a:${edge.actor.slug}`, { type: "actors", ref: edge.actor });
    nodes.set(`i:${edge.initiative.slug}`, { type: "initiatives", ref: edge.initiative });
  }
  const links = edges.map((edge) => [`a:${edge.actor.slug}`, `i:${edge.initiative.slug}`]);
  layout([...nodes.values()], links.map(([a, b]) => [nodes.get(a), nodes.get(b)]));

  const go = (changes) => {
    navigate(`/graph${queryString({ topic, kind, ...changes })}`);
  };
  const lang = document.documentElement.lang;
  const controls = h("form", { class: "graph-controls", onsubmit: (event) => event.preventDefault() },
    h("label", { for: "graph-topic" }, t("topic")),
    h("select", { id: "graph-topic", onchange: (event) => go({ topic: event.target.value }) },
      h("option", { value: "" }, "–"),
      topics.items.map((item) => h("option", { value: item.slug, selected: item.slug === topic }, lang === "en" ? item.label_en : item.label_de))),
    h("label", { for: "graph-kind" }, t("kind")),
    h("select", { id: "graph-kind", onchange: (event) => go({ kind: event.target.value }) },
      h("option", { value: "" }, "–"),
      valuesOf("ActorKind").map((value) => h("option", { value, selected: value === kind }, label("ActorKind", value)))));

  const picture = svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, class: "graph", role: "group", "aria-label": t("graph") },
    svg("g", { class: "edges" }, links.map(([a, b]) => {
      const from = nodes.get(a);
      const to = nodes.get(b);
      return svg("line", { x1: from.x, y1: from.y, x2: to.x, y2: to.y });
    })),
    svg("g", { class: "nodes" }, [...nodes.values()].map((node) => {
      const title = nameOf(node.ref);
      return svg("a", { href: `/${node.type}/${encodeURIComponent(node.ref.slug)}`, class: `node ${node.type}` },
        svg("title", {}, title),
        node.type === "initiatives"
          ? svg("rect", { x: node.x - 9, y: node.y - 9, width: 18, height: 18, rx: 3 })
          : svg("circle", { cx: node.x, cy: node.y, r: 7 }),
        svg("text", { x: node.x + 11, y: node.y + 4 }, title.length > 28 ? `${title.slice(0, 27)}…` : title));
    })));
  return h("section", { class: "graph-page" },
    h("h1", {}, t("graph")),
    h("p", { class: "result-count" }, t("graphSummary", nodes.size, links.length)),
    controls,
    h("p", { class: "legend" }, h("span", { class: "legend-initiative" }, t("initiatives")), " ",
      h("span", { class: "legend-actor" }, t("actors"))),
    nodes.size ? picture : h("div", { class: "empty" }, h("p", {}, t("emptyFilters"))));
}

/** Fruchterman–Reingold: nodes repel (k²/d), links pull (d²/k), a little gravity keeps the
 * parts together; a falling temperature caps each step. Deterministic: same data, same picture. */
function layout(nodes, links) {
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    node.x = SIZE / 2 + (SIZE / 4) * Math.cos(angle);
    node.y = SIZE / 2 + (SIZE / 4) * Math.sin(angle);
  });
  const k = 0.5 * Math.sqrt((SIZE * SIZE) / Math.max(1, nodes.length));
  const steps = 400;
  for (let step = 0; step < steps; step++) {
    const temperature = (SIZE / 10) * (1 - step / steps) + 1;
    for (const node of nodes) {
      node.dx = (SIZE / 2 - node.x) * 0.3;
      node.dy = (SIZE / 2 - node.y) * 0.3;
    }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        const dx = a.x - b.x || 0.1;
        const dy = a.y - b.y || 0.1;
        const distance = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const push = (k * k) / distance / distance;
        a.dx += dx * push; a.dy += dy * push;
        b.dx -= dx * push; b.dy -= dy * push;
      }
    }
    for (const [a, b] of links) {
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const distance = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const pull = distance / k;
      a.dx += dx * pull; a.dy += dy * pull;
      b.dx -= dx * pull; b.dy -= dy * pull;
    }
    for (const node of nodes) {
      const length = Math.sqrt(node.dx * node.dx + node.dy * node.dy) || 1;
      const move = Math.min(length, temperature);
      node.x += (node.dx / length) * move;
      node.y += (node.dy / length) * move;
    }
  }
  // Fit the picture into the frame, leaving room for the labels on the right.
  const xs = nodes.map((node) => node.x);
  const ys = nodes.map((node) => node.y);
  const [left, top] = [Math.min(...xs), Math.min(...ys)];
  const scale = Math.min((SIZE - 220) / (Math.max(...xs) - left || 1), (SIZE - 60) / (Math.max(...ys) - top || 1));
  for (const node of nodes) {
    node.x = 30 + (node.x - left) * scale;
    node.y = 30 + (node.y - top) * scale;
  }
}
