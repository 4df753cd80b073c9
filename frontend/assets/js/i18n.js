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
    review: "Vorschläge prüfen", forEditors: "Redaktion: Vorschläge prüfen",
    reviewIntro: "Was beim Einlesen neuer Texte auffiel und noch nicht im Verzeichnis steht: annehmen (auch berichtigt oder mit einem bekannten Eintrag zusammengeführt) oder ablehnen.",
    keyNeeded: "Bitte API-Schlüssel eingeben", continue: "Weiter",
    keyInUse: "Ein Redaktionsschlüssel ist für diese Sitzung gespeichert.", forgetKey: "Schlüssel vergessen",
    pendingSuggestions: "Offene Vorschläge",
    openCount: (n) => (n === 1 ? "1 offener Vorschlag" : `${n.toLocaleString("de-DE")} offene Vorschläge`),
    queueEmpty: "Keine offenen Vorschläge. Lesen Sie einen neuen Text ein.",
    queueEmptyFiltered: "Keine offenen Vorschläge dieser Art. Wählen Sie „Alle“.",
    allKinds: "Alle", entityType: "Eintragstyp", pages: "Seiten", rule: "Regel", decision: "Entscheidung",
    accept: "Annehmen", reject: "Ablehnen", mergeInto: "Zusammenführen mit …", merge: "Zusammenführen",
    mergeTarget: "Bekannten Eintrag suchen", mergeHint: "Er erhält den vorgeschlagenen Namen als weiteren Namen.",
    chooseTarget: "Bitte einen Eintrag aus der Liste wählen.", chosen: "Gewählt",
    acceptedMessage: (name) => `„${name}“ angenommen.`, rejectedMessage: (name) => `„${name}“ abgelehnt.`,
    showEntry: "Zum Eintrag", alreadyDecided: "Darüber wurde schon entschieden.",
    evidenceFrom: "Beleg aus", unknownYet: "noch nicht im Verzeichnis", nameNeeded: "Bitte einen Namen angeben.",
    pickUnknown: "Noch nicht im Verzeichnis: bitte einen Eintrag wählen oder erst dessen Vorschlag annehmen.",
    initiativeOrEvent: "Initiative oder Ereignis", organization: "Organisation",
    ingestTitle: "Text einlesen", ingest: "Einlesen", ingesting: "Wird eingelesen …",
    ingestHint: "Einen Text einfügen, eine Adresse angeben oder eine Datei wählen – eines davon.",
    ingestText: "Text", ingestUrl: "oder Adresse (URL)", ingestFile: "oder Datei (Text oder HTML)",
    ingestNothing: "Bitte einen Text, eine Adresse oder eine Datei angeben.",
    ingestOnlyOne: "Bitte nur eines angeben: Text, Adresse oder Datei.",
    ingestNew: "Neu eingelesen:", ingestUnchanged: "Unverändert, dieser Text war schon da:",
    linkedMentions: (n) => (n === 1 ? "1 Erwähnung verknüpft" : `${n} Erwähnungen verknüpft`),
    newSuggestions: (n) => (n === 1 ? "1 neuer Vorschlag" : `${n} neue Vorschläge`),
    fromDocument: "Nur aus dem Dokument", allDocuments: "Alle Dokumente", reviewThese: "Diese Vorschläge prüfen",
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
    review: "Review suggestions", forEditors: "Editors: review suggestions",
    reviewIntro: "What ingesting new texts found that the directory does not know yet: accept it (corrected, or merged into a known entry) or reject it.",
    keyNeeded: "Please enter an API key", continue: "Continue",
    keyInUse: "An editor key is kept for this session.", forgetKey: "Forget the key",
    pendingSuggestions: "Pending suggestions",
    openCount: (n) => (n === 1 ? "1 pending suggestion" : `${n.toLocaleString("en-GB")} pending suggestions`),
    queueEmpty: "No pending suggestions. Ingest a new text.",
    queueEmptyFiltered: "No pending suggestions of this kind. Choose “All”.",
    allKinds: "All", entityType: "Entry type", pages: "Pages", rule: "Rule", decision: "Decision",
    accept: "Accept", reject: "Reject", mergeInto: "Merge into …", merge: "Merge",
    mergeTarget: "Find a known entry", mergeHint: "It gains the suggested name as another name.",
    chooseTarget: "Please choose an entry from the list.", chosen: "Chosen",
    acceptedMessage: (name) => `“${name}” accepted.`, rejectedMessage: (name) => `“${name}” rejected.`,
    showEntry: "Go to the entry", alreadyDecided: "This was already decided.",
    evidenceFrom: "Evidence from", unknownYet: "not in the directory yet", nameNeeded: "Please give a name.",
    pickUnknown: "Not in the directory yet: choose an entry, or accept its suggestion first.",
    initiativeOrEvent: "Initiative or event", organization: "Organisation",
    ingestTitle: "Ingest a text", ingest: "Ingest", ingesting: "Ingesting …",
    ingestHint: "Paste a text, give an address or choose a file – one of them.",
    ingestText: "Text", ingestUrl: "or address (URL)", ingestFile: "or file (text or HTML)",
    ingestNothing: "Please give a text, an address or a file.",
    ingestOnlyOne: "Please give only one: text, address or file.",
    ingestNew: "Ingested:", ingestUnchanged: "Unchanged, this text was already there:",
    linkedMentions: (n) => (n === 1 ? "1 mention linked" : `${n} mentions linked`),
    newSuggestions: (n) => (n === 1 ? "1 new suggestion" : `${n} new suggestions`),
    fromDocument: "Only from the document", allDocuments: "All documents", reviewThese: "Review these suggestions",
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
