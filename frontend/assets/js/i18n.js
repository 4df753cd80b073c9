// German first, English with one click; the choice is remembered in this browser.
import { get } from "./api.js";

const STRINGS = {
  de: {
    skip: "Zum Inhalt springen", nav: "Hauptnavigation", search: "Suche", searchPlaceholder: "Suche …",
    actors: "Akteure", initiatives: "Initiativen", documents: "Dokumente", timeline: "Zeitleiste",
    events: "Ereignisse", topics: "Themen", loading: "Lädt …", switchTo: "English",
    footer: "Atlas – Verzeichnis der Partner und Initiativen internationaler Zusammenarbeit",
    results: (n) => (n === 1 ? "1 Treffer" : `${n.toLocaleString("de-DE")} Treffer`),
    filters: "Filter", type: "Typ", kind: "Art", country: "Land", topic: "Thema", role: "Rolle",
    initiative: "Initiative", status: "Status", publisher: "Herausgeber", language: "Sprache",
    year: "Jahr", from: "von", to: "bis", period: "Zeitraum", apply: "Anwenden",
    filterValues: "Werte durchsuchen", sort: "Sortierung", reset: "Alle Filter entfernen",
    allInitiatives: "Mehrere Initiativen: nur wer an allen teilnimmt",
    previous: "Zurück", next: "Weiter", page: (a, b, n) => `${a}–${b} von ${n}`,
    emptyTitle: "Nichts gefunden",
    emptyFilters: "Keine Einträge passen zu allen gewählten Filtern. Entfernen Sie einen Filter oder suchen Sie allgemeiner.",
    emptyQuery: (q) => `Keine Einträge zu „${q}“. Prüfen Sie die Schreibweise oder suchen Sie nach einem Teil des Namens.`,
    sortName: "Name (A–Z)", sortNameDesc: "Name (Z–A)", sortNewest: "Neueste zuerst",
    sortOldest: "Älteste zuerst", sortTitle: "Titel (A–Z)", sortFounded: "Gründung",
    offices: "Ämter und Mitgliedschaften", participations: "Beteiligungen", related: "Verbundene Akteure",
    mentionedIn: "Erwähnt in", members: "Beteiligte", subInitiatives: "Untergruppen",
    mentionsOverTime: "Erwähnungen im Zeitverlauf", evidence: "Beleg", aliases: "Auch bekannt als",
    website: "Website", founded: "Gegründet", namedEntities: "Genannte Akteure und Initiativen",
    published: "Veröffentlicht", place: "Ort", source: "Quelle", text: "Text", none: "Keine Angaben.",
    since: "seit", until: "bis", virtual: "online", parent: "Teil von",
    notFound: "Nicht gefunden", notFoundText: "Diese Seite gibt es nicht (mehr). Vielleicht hilft die Suche weiter.",
    backHome: "Zur Startseite", errorTitle: "Das hat nicht geklappt",
    offline: "Der Server antwortet nicht. Bitte später erneut versuchen.", retry: "Erneut versuchen",
    searchAll: "Alle Typen", searchPrompt: "Geben Sie oben einen Suchbegriff ein.",
    document: "Dokument", actor: "Akteur", event: "Ereignis",
    suggestions: "Vorschläge", graph: "Netzwerk",
    graphSummary: (n, m) => `${n} Akteure und Initiativen, ${m} Beteiligungen`,
    edit: "Bearbeiten", new_actors: "Neuer Akteur", new_initiatives: "Neue Initiative",
    new_participations: "Neue Beteiligung", addParticipation: "Beteiligung hinzufügen",
    apiKey: "API-Schlüssel", apiKeyHelp: "Ein Schlüssel mit Redaktionsrechten; er bleibt nur in dieser Browsersitzung gespeichert.",
    keyMissing: "Bitte einen gültigen API-Schlüssel eingeben.", keyForbidden: "Dieser Schlüssel darf nicht schreiben.",
    changedMeanwhile: "Der Eintrag wurde inzwischen geändert. Bitte die Seite neu laden und erneut bearbeiten.",
    save: "Speichern", cancel: "Abbrechen", listHint: "Mehrere durch Kommas getrennt.",
    field_name: "Name", field_name_en: "Englischer Name", field_kind: "Art", field_country: "Land (ISO-Code)",
    field_aliases: "Weitere Namen", field_description: "Beschreibung", field_website: "Website",
    field_status: "Status", field_founded_on: "Gegründet am", field_actor: "Akteur (Slug)",
    field_initiative: "Initiative (Slug)", field_role: "Rolle", field_start_on: "Beginn", field_end_on: "Ende",
    field_note: "Anmerkung",
  },
  en: {
    skip: "Skip to content", nav: "Main navigation", search: "Search", searchPlaceholder: "Search …",
    actors: "Actors", initiatives: "Initiatives", documents: "Documents", timeline: "Timeline",
    events: "Events", topics: "Topics", loading: "Loading …", switchTo: "Deutsch",
    footer: "Atlas – a directory of the partners and initiatives of international cooperation",
    results: (n) => (n === 1 ? "1 result" : `${n.toLocaleString("en-GB")} results`),
    filters: "Filters", type: "Type", kind: "Kind", country: "Country", topic: "Topic", role: "Role",
    initiative: "Initiative", status: "Status", publisher: "Publisher", language: "Language",
    year: "Year", from: "from", to: "to", period: "Period", apply: "Apply",
    filterValues: "Search values", sort: "Sort", reset: "Clear all filters",
    allInitiatives: "Several initiatives: only those taking part in all",
    previous: "Previous", next: "Next", page: (a, b, n) => `${a}–${b} of ${n}`,
    emptyTitle: "Nothing found",
    emptyFilters: "No entries match all the chosen filters. Remove a filter or search more broadly.",
    emptyQuery: (q) => `No entries for “${q}”. Check the spelling or search for part of the name.`,
    sortName: "Name (A–Z)", sortNameDesc: "Name (Z–A)", sortNewest: "Newest first",
    sortOldest: "Oldest first", sortTitle: "Title (A–Z)", sortFounded: "Founded",
    offices: "Offices and memberships", participations: "Takes part in", related: "Related actors",
    mentionedIn: "Mentioned in", members: "Participants", subInitiatives: "Sub-groups",
    mentionsOverTime: "Mentions over time", evidence: "Evidence", aliases: "Also known as",
    website: "Website", founded: "Founded", namedEntities: "Actors and initiatives named",
    published: "Published", place: "Place", source: "Source", text: "Text", none: "Nothing recorded.",
    since: "since", until: "until", virtual: "online", parent: "Part of",
    notFound: "Not found", notFoundText: "This page does not exist (any more). Searching may help.",
    backHome: "Go to the start page", errorTitle: "Something went wrong",
    offline: "The server does not answer. Please try again later.", retry: "Try again",
    searchAll: "All types", searchPrompt: "Type a search term above.",
    document: "Document", actor: "Actor", event: "Event",
    suggestions: "Suggestions", graph: "Network",
    graphSummary: (n, m) => `${n} actors and initiatives, ${m} participations`,
    edit: "Edit", new_actors: "New actor", new_initiatives: "New initiative",
    new_participations: "New participation", addParticipation: "Add a participation",
    apiKey: "API key", apiKeyHelp: "A key with editor rights; it is kept only for this browser session.",
    keyMissing: "Please enter a valid API key.", keyForbidden: "This key may not write.",
    changedMeanwhile: "The entry was changed meanwhile. Please reload the page and edit again.",
    save: "Save", cancel: "Cancel", listHint: "Several, separated by commas.",
    field_name: "Name", field_name_en: "English name", field_kind: "Kind", field_country: "Country (ISO code)",
    field_aliases: "Other names", field_description: "Description", field_website: "Website",
    field_status: "Status", field_founded_on: "Founded on", field_actor: "Actor (slug)",
    field_initiative: "Initiative (slug)", field_role: "Role", field_start_on: "Start", field_end_on: "End",
    field_note: "Note",
  },
};

const STORAGE_KEY = "atlas.language";
let current = localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "de";
let vocabularies = {};

export const language = () => current;

export function setLanguage(code) {
  current = code;
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
}

/** A UI string; functions take arguments (counts, the query). */
export function t(key, ...args) {
  const value = STRINGS[current][key] ?? STRINGS.de[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

/** The name in the chosen language, where the record has one. */
export const nameOf = (record) => (current === "en" && record.name_en) || record.name || record.title;

export async function loadVocabularies() {
  vocabularies = await get("/vocabularies");
}

/** The values of a vocabulary, e.g. valuesOf("ActorKind") → ["state", "person", …]. */
export const valuesOf = (vocabulary) => Object.keys(vocabularies[vocabulary] || {});

/** A controlled value's label, e.g. label("ActorKind", "state") → "Staat". */
export function label(vocabulary, value) {
  return vocabularies[vocabulary]?.[value]?.[current] ?? value;
}

/** A date at its precision: "25. September 2020", "September 2020", "2020". */
export function formatDate(iso, precision = "day") {
  if (!iso) return "";
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const locale = current === "en" ? "en-GB" : "de-DE";
  const options = { timeZone: "UTC", year: "numeric" };
  if (precision !== "year") options.month = "long";
  if (precision === "day" || !precision) options.day = "numeric";
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** A country's name from its ISO code, in the chosen language. */
export function countryName(code) {
  if (!code) return "";
  try {
    return new Intl.DisplayNames([current], { type: "region" }).of(code) || code;
  } catch {
    return code;
  }
}
