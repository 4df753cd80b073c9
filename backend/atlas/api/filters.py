"""The filter query parameters of each list, typed and documented for the OpenAPI document.

Each function is a dependency returning {filter name: values}; the names match the resource's
`Listing.filters` in listings.py. Repeating a parameter gives several values.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar.params import Parameter

from atlas.models import ActorKind, DocumentKind, InitiativeKind, InitiativeStatus
from atlas.models.enums import MentionMethod, ParticipationRole, ReviewStatus

FilterValues = dict[str, list[Any] | None]


def _one(value: Any) -> list[Any] | None:
    return None if value is None else [value]


def actor_filters(
    kind: list[ActorKind] | None = Parameter(default=None, description="Kind."),
    country: list[str] | None = Parameter(
        default=None, description="ISO 3166-1 alpha-2 code, e.g. `DE`."
    ),
    topic: list[str] | None = Parameter(default=None, description="Topic slug."),
    initiative: list[str] | None = Parameter(
        default=None,
        description="Takes part in this initiative (slug); repeated, in all of them.",
    ),
    role: list[ParticipationRole] | None = Parameter(
        default=None, description="Takes part in some initiative in this role."
    ),
) -> FilterValues:
    return {
        "kind": kind,
        "country": country,
        "topic": topic,
        "initiative": initiative,
        "role": role,
    }


def initiative_filters(
    kind: list[InitiativeKind] | None = Parameter(
        default=None, description="Kind, e.g. `alliance`, `coalition`, `forum`."
    ),
    status: list[InitiativeStatus] | None = Parameter(
        default=None, description="Status: `active`, `planned`, `ended` or `unknown`."
    ),
    topic: list[str] | None = Parameter(default=None, description="Topic slug."),
    actor: list[str] | None = Parameter(
        default=None, description="Has this actor (slug) as a participant."
    ),
    country: list[str] | None = Parameter(
        default=None, description="Has a participant from this country."
    ),
    parent: list[str] | None = Parameter(
        default=None, description="Sub-groups of this initiative (slug)."
    ),
    founded_from: date | None = Parameter(
        default=None,
        description="Founded on or after (at the precision of the founding date).",
    ),
    founded_to: date | None = Parameter(default=None, description="Founded on or before."),
) -> FilterValues:
    return {
        "kind": kind,
        "status": status,
        "topic": topic,
        "actor": actor,
        "country": country,
        "parent": parent,
        "founded_from": _one(founded_from),
        "founded_to": _one(founded_to),
    }


def event_filters(
    initiative: list[str] | None = Parameter(
        default=None, description="Events of this initiative (slug)."
    ),
    starts_from: date | None = Parameter(default=None, description="Starting on or after."),
    starts_to: date | None = Parameter(default=None, description="Starting on or before."),
    virtual: bool | None = Parameter(default=None, description="Held online."),
) -> FilterValues:
    return {
        "initiative": initiative,
        "starts_from": _one(starts_from),
        "starts_to": _one(starts_to),
        "virtual": _one(virtual),
    }


def topic_filters() -> FilterValues:
    return {}


def document_filters(
    publisher: list[str] | None = Parameter(
        default=None, description="Publisher, e.g. `Auswärtiges Amt`."
    ),
    kind: list[DocumentKind] | None = Parameter(
        default=None, description="Kind, e.g. `press_release`, `article`."
    ),
    language: list[str] | None = Parameter(default=None, description="Language tag, e.g. `de`."),
    published_from: date | None = Parameter(
        default=None,
        description="Published on or after; a document dated to a month or year matches when "
        "its period reaches the bound.",
    ),
    published_to: date | None = Parameter(default=None, description="Published on or before."),
    mentions: list[str] | None = Parameter(
        default=None,
        description="Mentions this entity: a slug or `actor:…`, `initiative:…`, `event:…`.",
    ),
    topic: list[str] | None = Parameter(default=None, description="Topic slug."),
) -> FilterValues:
    return {
        "publisher": publisher,
        "kind": kind,
        "language": language,
        "published_from": _one(published_from),
        "published_to": _one(published_to),
        "mentions": mentions,
        "topic": topic,
    }


def participation_filters(
    actor: list[str] | None = Parameter(default=None, description="The participant (slug)."),
    initiative: list[str] | None = Parameter(default=None, description="The initiative (slug)."),
    event: list[str] | None = Parameter(default=None, description="The event (slug)."),
    role: list[ParticipationRole] | None = Parameter(
        default=None, description="Role, e.g. `member`, `host`, `co_chair`."
    ),
    document: list[str] | None = Parameter(
        default=None, description="Stated by this document (slug)."
    ),
) -> FilterValues:
    return {
        "actor": actor,
        "initiative": initiative,
        "event": event,
        "role": role,
        "document": document,
    }


def affiliation_filters(
    actor: list[str] | None = Parameter(
        default=None, description="Either end of the affiliation (slug)."
    ),
    organization: list[str] | None = Parameter(
        default=None, description="The organisation end (slug)."
    ),
    role: list[str] | None = Parameter(default=None, description="Title, e.g. `Außenminister`."),
    document: list[str] | None = Parameter(
        default=None, description="Stated by this document (slug)."
    ),
) -> FilterValues:
    return {"actor": actor, "organization": organization, "role": role, "document": document}


def mention_filters(
    document: list[str] | None = Parameter(default=None, description="In this document (slug)."),
    entity: list[str] | None = Parameter(
        default=None, description="A slug or `actor:…`, `initiative:…`, `event:…`."
    ),
    status: list[ReviewStatus] | None = Parameter(
        default=None, description="Review status: `confirmed`, `suggested` or `rejected`."
    ),
    method: list[MentionMethod] | None = Parameter(
        default=None, description="How it was made: `curated` or `linked`."
    ),
) -> FilterValues:
    return {"document": document, "entity": entity, "status": status, "method": method}
