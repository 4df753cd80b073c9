"""What each resource can be filtered, sorted and faceted by, declared as data: one entry per
query parameter. `listing.py` is the mechanism that applies them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from babel import Locale
from sqlmodel import col, select

from atlas.api.listing import (
    Facet,
    Filter,
    Labels,
    Listing,
    Where,
    in_values,
    period_from,
    period_to,
)
from atlas.models import (
    Actor,
    ActorTopic,
    Affiliation,
    Document,
    DocumentTopic,
    Event,
    Initiative,
    InitiativeTopic,
    Mention,
    Participation,
    Suggestion,
    Topic,
)
from atlas.models.enums import (
    LABELS,
    ActorKind,
    DocumentKind,
    EntityType,
    InitiativeKind,
    InitiativeStatus,
    MentionMethod,
    ParticipationRole,
    ReviewStatus,
    SuggestionKind,
    SuggestionStatus,
)

LabelLookup = Callable[[Sequence[str]], Labels]

# --- labels of facet values ---------------------------------------------------------------------


def vocabulary_labels(vocabulary: type[StrEnum]) -> LabelLookup:
    return lambda _values: LABELS[vocabulary]


def country_labels(codes: Sequence[str]) -> Labels:
    return {code: _country_label(code) for code in codes}


@lru_cache(maxsize=1024)
def _country_label(code: str) -> tuple[str, str]:
    # Babel's territory lookups are slow enough to show in a faceted list of ~200 countries.
    return Locale("de").territories.get(code, code), Locale("en").territories.get(code, code)


def name_labels(model: Any) -> tuple[Any, Any]:
    """Label columns of a facet over slugs: the German name, and the English one where it exists."""
    return model.name, sa.func.coalesce(model.name_en, model.name)


TOPIC_LABELS = (Topic.label_de, Topic.label_en)


# --- filters that reach through other tables ------------------------------------------------------

ENTITY_COLUMNS = (
    (EntityType.actor, Actor, Mention.actor_id),
    (EntityType.initiative, Initiative, Mention.initiative_id),
    (EntityType.event, Event, Mention.event_id),
)


def ids_of(model: Any, slugs: list[str]) -> Any:
    return select(model.id).where(col(model.slug).in_(slugs))


def by_slug(column: Any, model: Any) -> Callable[[list[Any]], Where]:
    """A foreign key, given by the slugs of the records it points to."""
    return lambda slugs: col(column).in_(ids_of(model, slugs))


def has_topic(carrier_id: Any, link_carrier: Any) -> Callable[[list[Any]], Where]:
    """Carries any of the topics (by slug)."""
    link = link_carrier.class_
    return lambda slugs: col(carrier_id).in_(
        select(link_carrier).where(col(link.topic_id).in_(ids_of(Topic, slugs)))
    )


def mentioned(refs: list[str]) -> Where:
    """Mentions of any of the entities, each given as a slug or as `type:slug`."""
    clauses = []
    for ref in refs:
        kind, _, slug = ref.rpartition(":")
        for entity_type, model, column in ENTITY_COLUMNS:
            if kind in ("", entity_type.value):
                clauses.append(col(column).in_(ids_of(model, [slug])))
    return sa.or_(sa.false(), *clauses)


def actor_in_all_initiatives(slugs: list[str]) -> Where:
    """Takes part in every one of the initiatives: a repeated `initiative` means all of them."""
    return sa.and_(
        *(
            col(Actor.id).in_(
                select(Participation.actor_id).where(
                    col(Participation.initiative_id).in_(ids_of(Initiative, [slug]))
                )
            )
            for slug in slugs
        )
    )


def actor_with_role(roles: list[Any]) -> Where:
    return col(Actor.id).in_(
        select(Participation.actor_id).where(col(Participation.role).in_(roles))
    )


def initiative_with_participant(slugs: list[str]) -> Where:
    return col(Initiative.id).in_(
        select(Participation.initiative_id).where(
            col(Participation.actor_id).in_(ids_of(Actor, slugs))
        )
    )


def initiative_with_participant_from(countries: list[str]) -> Where:
    return col(Initiative.id).in_(
        select(Participation.initiative_id)
        .join(Actor, col(Actor.id) == Participation.actor_id)
        .where(col(Actor.country).in_(countries))
    )


def document_mentioning(refs: list[str]) -> Where:
    return col(Document.id).in_(select(Mention.document_id).where(mentioned(refs)))


def affiliation_of(slugs: list[str]) -> Where:
    """Either end of an affiliation."""
    ids = ids_of(Actor, slugs)
    return sa.or_(col(Affiliation.actor_id).in_(ids), col(Affiliation.organization_id).in_(ids))


def year_of(column: Any) -> Any:
    """The year of a date column as text, the same on SQLite and PostgreSQL."""
    return sa.func.substr(sa.cast(column, sa.String), 1, 4)


# --- the listings -----------------------------------------------------------------------------

ACTORS = Listing(
    model=Actor,
    sorts={
        "name": Actor.name,
        "slug": Actor.slug,
        "kind": Actor.kind,
        "country": Actor.country,
        "created_at": Actor.created_at,
        "updated_at": Actor.updated_at,
    },
    default_sort="name",
    searched_by={"actor": (Actor.id,)},
    filters={
        "kind": Filter(in_values(Actor.kind)),
        "country": Filter(in_values(Actor.country)),
        "topic": Filter(has_topic(Actor.id, ActorTopic.actor_id)),
        "initiative": Filter(actor_in_all_initiatives),
        "role": Filter(actor_with_role),
    },
    facets={
        "kind": Facet(Actor.kind, labels=vocabulary_labels(ActorKind)),
        "country": Facet(Actor.country, labels=country_labels),
        "topic": Facet(
            Topic.slug,
            joins=(
                (ActorTopic, ActorTopic.actor_id == Actor.id),
                (Topic, Topic.id == ActorTopic.topic_id),
            ),
            label_columns=TOPIC_LABELS,
        ),
        "initiative": Facet(
            Initiative.slug,
            joins=(
                (Participation, Participation.actor_id == Actor.id),
                (Initiative, Initiative.id == Participation.initiative_id),
            ),
            label_columns=name_labels(Initiative),
        ),
        "role": Facet(
            Participation.role,
            joins=((Participation, Participation.actor_id == Actor.id),),
            labels=vocabulary_labels(ParticipationRole),
        ),
    },
)

INITIATIVES = Listing(
    model=Initiative,
    sorts={
        "name": Initiative.name,
        "slug": Initiative.slug,
        "kind": Initiative.kind,
        "status": Initiative.status,
        "founded_on": Initiative.founded_on,
        "created_at": Initiative.created_at,
        "updated_at": Initiative.updated_at,
    },
    default_sort="name",
    searched_by={"initiative": (Initiative.id,)},
    filters={
        "kind": Filter(in_values(Initiative.kind)),
        "status": Filter(in_values(Initiative.status)),
        "topic": Filter(has_topic(Initiative.id, InitiativeTopic.initiative_id)),
        "actor": Filter(initiative_with_participant),
        "country": Filter(initiative_with_participant_from),
        "parent": Filter(by_slug(Initiative.parent_id, Initiative)),
        "founded_from": Filter(
            period_from(Initiative.founded_on, Initiative.founded_precision), by_value=True
        ),
        "founded_to": Filter(period_to(Initiative.founded_on)),
    },
    facets={
        "kind": Facet(Initiative.kind, labels=vocabulary_labels(InitiativeKind)),
        "status": Facet(Initiative.status, labels=vocabulary_labels(InitiativeStatus)),
        "topic": Facet(
            Topic.slug,
            joins=(
                (InitiativeTopic, InitiativeTopic.initiative_id == Initiative.id),
                (Topic, Topic.id == InitiativeTopic.topic_id),
            ),
            label_columns=TOPIC_LABELS,
        ),
        "country": Facet(
            Actor.country,
            joins=(
                (Participation, Participation.initiative_id == Initiative.id),
                (Actor, Actor.id == Participation.actor_id),
            ),
            labels=country_labels,
        ),
    },
)

EVENTS = Listing(
    model=Event,
    sorts={
        "starts_on": Event.starts_on,
        "name": Event.name,
        "slug": Event.slug,
        "created_at": Event.created_at,
        "updated_at": Event.updated_at,
    },
    default_sort="starts_on",
    searched_by={"event": (Event.id,)},
    filters={
        "initiative": Filter(by_slug(Event.initiative_id, Initiative)),
        "starts_from": Filter(period_from(Event.starts_on, Event.date_precision), by_value=True),
        "starts_to": Filter(period_to(Event.starts_on)),
        "virtual": Filter(lambda values: col(Event.virtual).in_(values)),
    },
    facets={
        "initiative": Facet(
            Initiative.slug,
            joins=((Initiative, Initiative.id == Event.initiative_id),),
            label_columns=name_labels(Initiative),
        ),
        "year": Facet(year_of(Event.starts_on)),
    },
)

TOPICS = Listing(
    model=Topic,
    sorts={"label_de": Topic.label_de, "label_en": Topic.label_en, "slug": Topic.slug},
    default_sort="label_de",
    searched_by={"topic": (Topic.id,)},
)

DOCUMENTS = Listing(
    model=Document,
    sorts={
        "published_on": Document.published_on,
        "title": Document.title,
        "slug": Document.slug,
        "created_at": Document.created_at,
        "updated_at": Document.updated_at,
    },
    default_sort="-published_on",
    searched_by={"document": (Document.id,)},
    filters={
        "publisher": Filter(in_values(Document.publisher)),
        "kind": Filter(in_values(Document.kind)),
        "language": Filter(in_values(Document.language)),
        "published_from": Filter(
            period_from(Document.published_on, Document.date_precision), by_value=True
        ),
        "published_to": Filter(period_to(Document.published_on)),
        "mentions": Filter(document_mentioning, by_value=True),
        "topic": Filter(has_topic(Document.id, DocumentTopic.document_id)),
    },
    facets={
        "publisher": Facet(Document.publisher),
        "kind": Facet(Document.kind, labels=vocabulary_labels(DocumentKind)),
        "language": Facet(Document.language),
        "topic": Facet(
            Topic.slug,
            joins=(
                (DocumentTopic, DocumentTopic.document_id == Document.id),
                (Topic, Topic.id == DocumentTopic.topic_id),
            ),
            label_columns=TOPIC_LABELS,
        ),
        "year": Facet(year_of(Document.published_on)),
    },
)

PARTICIPATIONS = Listing(
    model=Participation,
    sorts={"id": Participation.id, "role": Participation.role, "start_on": Participation.start_on},
    default_sort="id",
    searched_by={
        "actor": (Participation.actor_id,),
        "initiative": (Participation.initiative_id,),
        "event": (Participation.event_id,),
    },
    text_columns=(Participation.note,),
    filters={
        "actor": Filter(by_slug(Participation.actor_id, Actor)),
        "initiative": Filter(by_slug(Participation.initiative_id, Initiative)),
        "event": Filter(by_slug(Participation.event_id, Event)),
        "role": Filter(in_values(Participation.role)),
        "document": Filter(by_slug(Participation.evidence_document_id, Document)),
    },
    facets={
        "role": Facet(Participation.role, labels=vocabulary_labels(ParticipationRole)),
        "initiative": Facet(
            Initiative.slug,
            joins=((Initiative, Initiative.id == Participation.initiative_id),),
            label_columns=name_labels(Initiative),
        ),
        "actor_kind": Facet(
            Actor.kind,
            joins=((Actor, Actor.id == Participation.actor_id),),
            labels=vocabulary_labels(ActorKind),
        ),
    },
)

AFFILIATIONS = Listing(
    model=Affiliation,
    sorts={"id": Affiliation.id, "title": Affiliation.title, "start_on": Affiliation.start_on},
    default_sort="id",
    searched_by={"actor": (Affiliation.actor_id, Affiliation.organization_id)},
    text_columns=(Affiliation.title, Affiliation.title_en, Affiliation.note),
    filters={
        "actor": Filter(affiliation_of),
        "organization": Filter(by_slug(Affiliation.organization_id, Actor)),
        "role": Filter(in_values(Affiliation.title)),
        "document": Filter(by_slug(Affiliation.evidence_document_id, Document)),
    },
    facets={
        "role": Facet(Affiliation.title),
        "organization": Facet(
            Actor.slug,
            joins=((Actor, Actor.id == Affiliation.organization_id),),
            label_columns=name_labels(Actor),
        ),
    },
)

MENTIONS = Listing(
    model=Mention,
    sorts={"id": Mention.id, "start": Mention.start, "confidence": Mention.confidence},
    default_sort="id",
    searched_by={
        "actor": (Mention.actor_id,),
        "initiative": (Mention.initiative_id,),
        "event": (Mention.event_id,),
    },
    text_columns=(Mention.text,),
    filters={
        "document": Filter(by_slug(Mention.document_id, Document)),
        "entity": Filter(mentioned, by_value=True),
        "status": Filter(in_values(Mention.status)),
        "method": Filter(in_values(Mention.method)),
    },
    facets={
        "status": Facet(Mention.status, labels=vocabulary_labels(ReviewStatus)),
        "method": Facet(Mention.method, labels=vocabulary_labels(MentionMethod)),
    },
)

# The review queue: not a resource of the directory, but listed by the same mechanism.
SUGGESTIONS = Listing(
    model=Suggestion,
    sorts={"id": Suggestion.id, "name": Suggestion.name, "created_at": Suggestion.created_at},
    default_sort="id",
    text_columns=(Suggestion.name, Suggestion.quote),
    filters={
        "status": Filter(in_values(Suggestion.status)),
        "kind": Filter(in_values(Suggestion.kind)),
        "entity_type": Filter(in_values(Suggestion.entity_type)),
        "document": Filter(by_slug(Suggestion.document_id, Document)),
    },
    facets={
        "status": Facet(Suggestion.status, labels=vocabulary_labels(SuggestionStatus)),
        "kind": Facet(Suggestion.kind, labels=vocabulary_labels(SuggestionKind)),
        "entity_type": Facet(Suggestion.entity_type, labels=vocabulary_labels(EntityType)),
    },
)
