"""The linking catalogue read from a real database (SQLite and PostgreSQL) and from annotations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session
from tests.conftest import Builder

from atlas.ingest.catalogue import catalogue_from_annotations, catalogue_from_connection
from atlas.models import ActorKind, InitiativeKind
from atlas.settings import PROJECT_ROOT
from atlas.texts.annotations import load_annotations, load_clean_texts


@pytest.fixture
def statements(session: Session) -> Iterator[list[str]]:
    """The SQL statements the session's connection runs from now on."""
    seen: list[str] = []
    connection = session.connection()

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    sa.event.listen(connection, "before_cursor_execute", count)
    yield seen
    sa.event.remove(connection, "before_cursor_execute", count)


def test_reads_actors_initiatives_and_events_in_three_queries(
    session: Session, build: Builder, statements: list[str]
) -> None:
    build.actor(slug="kasachstan", name="Kasachstan", kind=ActorKind.state, country="KZ")
    build.actor(
        slug="heiko-maas", name="Heiko Maas", kind=ActorKind.person, aliases=["Maas"], country="DE"
    )
    build.initiative(
        slug="allianz",
        name="Allianz für den Multilateralismus",
        name_en="Alliance for Multilateralism",
        kind=InitiativeKind.alliance,
    )
    build.event(slug="aif-2025", name="Astana International Forum 2025", aliases=["AIF 2025"])
    statements.clear()

    catalogue = catalogue_from_connection(session.connection())

    assert len(statements) == 3
    maas = catalogue.entity("actor:heiko-maas")
    assert maas is not None
    assert (maas.kind, maas.aliases, maas.country) == ("person", ("Maas",), "DE")
    alliance = catalogue.entity("initiative:allianz")
    assert alliance is not None
    assert (alliance.kind, alliance.name_en) == ("alliance", "Alliance for Multilateralism")
    text = (
        "Heiko Maas lobte in der Hauptstadt Kasachstans die Alliance for Multilateralism, "
        "den kasachischen Gastgeber und das AIF 2025."
    )
    refs = [(m.text, m.ref) for m in catalogue.link_mentions(text)]
    assert refs == [
        ("Heiko Maas", "actor:heiko-maas"),
        ("Kasachstans", "actor:kasachstan"),
        ("Alliance for Multilateralism", "initiative:allianz"),
        ("kasachischen", "actor:kasachstan"),
        ("AIF 2025", "event:aif-2025"),
    ]


def test_an_empty_directory_links_nothing(session: Session) -> None:
    catalogue = catalogue_from_connection(session.connection())
    assert len(catalogue) == 0
    assert catalogue.link_mentions("Deutschland und Kasachstan") == []


def test_the_seeded_directory_links_the_seed_texts(seeded_engine: Engine) -> None:
    with seeded_engine.connect() as connection:
        catalogue = catalogue_from_connection(connection)
    annotations = load_annotations(PROJECT_ROOT / "seeds" / "annotations")
    texts = load_clean_texts(PROJECT_ROOT / "seeds" / "texts")
    document = annotations.documents[2]
    linked = {(m.start, m.end, m.ref) for m in catalogue.link_mentions(texts[document.file])}
    curated = {(m.start, m.end, m.entity) for m in document.mentions}
    assert len(curated & linked) / len(curated) >= 0.9


def test_catalogue_from_annotations_holds_every_curated_entity() -> None:
    annotations = load_annotations(Path(PROJECT_ROOT) / "seeds" / "annotations")
    catalogue = catalogue_from_annotations(annotations)
    assert len(catalogue) == sum(1 for _ in annotations.named_entries())
    small = catalogue_from_annotations(annotations, ["actor:irak"])
    assert [entity.ref for entity in small] == ["actor:irak"]
