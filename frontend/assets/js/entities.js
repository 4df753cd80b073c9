// The record types the API names (`actor`, `initiative`, …): where each one's page is, and how
// its kind is labelled.
import { label, t } from "./i18n.js";

export const PATHS = { actor: "actors", initiative: "initiatives", event: "events", document: "documents", topic: "topics" };
const KIND_VOCABULARIES = { actor: "ActorKind", initiative: "InitiativeKind", document: "DocumentKind" };

/** The page of a record, e.g. pathOf("actor", "kasachstan") → "/actors/kasachstan". */
export const pathOf = (type, slug) => `/${PATHS[type]}/${encodeURIComponent(slug)}`;

/** "Staat", "Allianz", …; the type itself ("Ereignis") where it has no kinds. */
export const kindLabel = (type, kind) => (KIND_VOCABULARIES[type] && kind ? label(KIND_VOCABULARIES[type], kind) : t(type));
