"""Build a linking :class:`~atlas.ingest.link.Catalogue` from the database or the annotations."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from atlas.ingest.link import Catalogue, KnownEntity
from atlas.models import Actor, Event, Initiative
from atlas.texts.annotations import Actor as ActorEntry
from atlas.texts.annotations import Annotations, NamedEntry
from atlas.texts.annotations import Initiative as InitiativeEntry


def _aliases(value: object) -> tuple[str, ...]:
    # JSON lists come back as lists on both engines; be lenient with NULL.
    if not value:
        return ()
    return tuple(str(alias) for alias in value)  # type: ignore[attr-defined]


def known_entities_from_connection(connection: sa.Connection) -> list[KnownEntity]:
    """Every actor, initiative and event with its names, in three queries."""
    actor = Actor.__table__  # type: ignore[attr-defined]
    initiative = Initiative.__table__  # type: ignore[attr-defined]
    event = Event.__table__  # type: ignore[attr-defined]
    entities: list[KnownEntity] = []
    actor_rows = connection.execute(
        sa.select(
            actor.c.slug,
            actor.c.kind,
            actor.c.name,
            actor.c.name_en,
            actor.c.aliases,
            actor.c.country,
        ).order_by(actor.c.id)
    )
    for slug, kind, name, name_en, aliases, country in actor_rows:
        entities.append(
            KnownEntity("actor", slug, str(kind), name, name_en, _aliases(aliases), country)
        )
    initiative_rows = connection.execute(
        sa.select(
            initiative.c.slug,
            initiative.c.kind,
            initiative.c.name,
            initiative.c.name_en,
            initiative.c.aliases,
        ).order_by(initiative.c.id)
    )
    for slug, kind, name, name_en, aliases in initiative_rows:
        entities.append(
            KnownEntity("initiative", slug, str(kind), name, name_en, _aliases(aliases))
        )
    event_rows = connection.execute(
        sa.select(event.c.slug, event.c.name, event.c.name_en, event.c.aliases).order_by(event.c.id)
    )
    for slug, name, name_en, aliases in event_rows:
        entities.append(KnownEntity("event", slug, "event", name, name_en, _aliases(aliases)))
    return entities


def catalogue_from_connection(connection: sa.Connection) -> Catalogue:
    """The catalogue of everything the database knows (actors, initiatives, events)."""
    return Catalogue(known_entities_from_connection(connection))


def known_entity(ref: str, entry: NamedEntry, aliases: Iterable[str] | None = None) -> KnownEntity:
    """A curated annotation entry as a :class:`KnownEntity` (``aliases`` replaces its own)."""
    entity_type, slug = ref.split(":", 1)
    kind = str(entry.kind) if isinstance(entry, ActorEntry | InitiativeEntry) else "event"
    country = entry.country if isinstance(entry, ActorEntry) else None
    chosen = tuple(entry.aliases if aliases is None else aliases)
    return KnownEntity(entity_type, slug, kind, entry.name, entry.name_en, chosen, country)


def catalogue_from_annotations(
    annotations: Annotations, refs: Iterable[str] | None = None
) -> Catalogue:
    """The catalogue of the curated entities (only those in ``refs`` when given)."""
    wanted = None if refs is None else set(refs)
    return Catalogue(
        known_entity(ref, entry)
        for ref, entry in annotations.named_entries()
        if wanted is None or ref in wanted
    )
