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


class EntityType(StrEnum):
    """The kinds of record that have a public slug."""

    actor = "actor"
    initiative = "initiative"
    event = "event"
    topic = "topic"
    document = "document"


class ApiKeyRole(StrEnum):
    """What a key may do: editors write the directory; admins may also manage what editors can't."""

    editor = "editor"
    admin = "admin"
