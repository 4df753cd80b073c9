"""The closed vocabularies of the directory.

Values are stored as lower-case strings with a CHECK constraint (not native database enums), so
adding a value is an ordinary migration on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from enum import StrEnum


class DatePrecision(StrEnum):
    """How much of a stored date the source actually states."""

    day = "day"
    month = "month"
    year = "year"


class DocumentKind(StrEnum):
    press_release = "press_release"
    article = "article"
    news = "news"
    speech = "speech"
    interview = "interview"
    report = "report"
    other = "other"


class ActorKind(StrEnum):
    state = "state"
    person = "person"
    international_organisation = "international_organisation"
    government_body = "government_body"
    ngo = "ngo"
    network = "network"
    company = "company"
    other = "other"


class InitiativeKind(StrEnum):
    alliance = "alliance"
    coalition = "coalition"
    forum = "forum"
    platform = "platform"
    dialogue = "dialogue"
    centre = "centre"
    campaign = "campaign"
    principles = "principles"
    programme = "programme"
    other = "other"


class InitiativeStatus(StrEnum):
    active = "active"
    planned = "planned"
    ended = "ended"
    unknown = "unknown"


class ParticipationRole(StrEnum):
    member = "member"
    founder = "founder"
    host = "host"
    chair = "chair"
    co_chair = "co_chair"
    participant = "participant"
    supporter = "supporter"
    co_sponsor = "co_sponsor"
    organiser = "organiser"
    partner = "partner"


class MentionMethod(StrEnum):
    """How a mention came to be: annotated by a person, or found by the linker."""

    curated = "curated"
    linked = "linked"


class ReviewStatus(StrEnum):
    confirmed = "confirmed"
    suggested = "suggested"
    rejected = "rejected"


class SuggestionKind(StrEnum):
    """What the ingest pipeline proposes: a new entity, or a relation a text states."""

    entity = "entity"
    participation = "participation"
    affiliation = "affiliation"


class SuggestionStatus(StrEnum):
    """Where a suggestion stands in the review queue."""

    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


class EntityType(StrEnum):
    """The kinds of record that have a public slug."""

    actor = "actor"
    initiative = "initiative"
    event = "event"
    topic = "topic"
    document = "document"


class ApiKeyRole(StrEnum):
    """What a key may do: readers only identify themselves (reads are public anyway); editors
    write the directory; admins may also manage what editors can't."""

    reader = "reader"
    editor = "editor"
    admin = "admin"


# German and English labels of every value, for facets and the web directory. Keyed by
# vocabulary first: several share values ("other"), and StrEnum members hash as their value.
LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    DatePrecision: {
        "day": ("Tag", "day"),
        "month": ("Monat", "month"),
        "year": ("Jahr", "year"),
    },
    DocumentKind: {
        "press_release": ("Pressemitteilung", "Press release"),
        "article": ("Artikel", "Article"),
        "news": ("Meldung", "News"),
        "speech": ("Rede", "Speech"),
        "interview": ("Interview", "Interview"),
        "report": ("Bericht", "Report"),
        "other": ("Sonstiges", "Other"),
    },
    ActorKind: {
        "state": ("Staat", "State"),
        "person": ("Person", "Person"),
        "international_organisation": ("Internationale Organisation", "International organisation"),
        "government_body": ("Regierungsstelle", "Government body"),
        "ngo": ("Nichtregierungsorganisation", "NGO"),
        "network": ("Netzwerk", "Network"),
        "company": ("Unternehmen", "Company"),
        "other": ("Sonstige", "Other"),
    },
    InitiativeKind: {
        "alliance": ("Allianz", "Alliance"),
        "coalition": ("Koalition", "Coalition"),
        "forum": ("Forum", "Forum"),
        "platform": ("Plattform", "Platform"),
        "dialogue": ("Dialog", "Dialogue"),
        "centre": ("Zentrum", "Centre"),
        "campaign": ("Kampagne", "Campaign"),
        "principles": ("Prinzipien", "Principles"),
        "programme": ("Programm", "Programme"),
        "other": ("Sonstige", "Other"),
    },
    InitiativeStatus: {
        "active": ("aktiv", "active"),
        "planned": ("geplant", "planned"),
        "ended": ("beendet", "ended"),
        "unknown": ("unbekannt", "unknown"),
    },
    ParticipationRole: {
        "member": ("Mitglied", "Member"),
        "founder": ("Gründer", "Founder"),
        "host": ("Gastgeber", "Host"),
        "chair": ("Vorsitz", "Chair"),
        "co_chair": ("Ko-Vorsitz", "Co-chair"),
        "participant": ("Teilnehmer", "Participant"),
        "supporter": ("Unterstützer", "Supporter"),
        "co_sponsor": ("Miteinbringer", "Co-sponsor"),
        "organiser": ("Organisator", "Organiser"),
        "partner": ("Partner", "Partner"),
    },
    MentionMethod: {
        "curated": ("kuratiert", "curated"),
        "linked": ("automatisch verknüpft", "linked automatically"),
    },
    ReviewStatus: {
        "confirmed": ("bestätigt", "confirmed"),
        "suggested": ("vorgeschlagen", "suggested"),
        "rejected": ("abgelehnt", "rejected"),
    },
    SuggestionKind: {
        "entity": ("neuer Eintrag", "new entry"),
        "participation": ("Beteiligung", "participation"),
        "affiliation": ("Zugehörigkeit", "affiliation"),
    },
    SuggestionStatus: {
        "pending": ("offen", "pending"),
        "accepted": ("angenommen", "accepted"),
        "rejected": ("abgelehnt", "rejected"),
    },
    EntityType: {
        "actor": ("Akteur", "Actor"),
        "initiative": ("Initiative", "Initiative"),
        "event": ("Ereignis", "Event"),
        "topic": ("Thema", "Topic"),
        "document": ("Dokument", "Document"),
    },
    ApiKeyRole: {
        "reader": ("Lesen", "Reader"),
        "editor": ("Redaktion", "Editor"),
        "admin": ("Verwaltung", "Administrator"),
    },
}


def labels_of(member: StrEnum) -> tuple[str, str]:
    """The German and English label of a vocabulary value."""
    return LABELS[type(member)][member.value]
