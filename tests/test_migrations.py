"""The Alembic history builds the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from atlas import migrate
from atlas.search import service
from atlas.search.schema import is_search_object

SEARCH_TABLES = {
    "sqlite": {"search_entry", "search_fts", "search_key", "search_trigram"},
    "postgresql": {"search_entry", "search_key", "search_trigram"},
}


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _drift(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_object": lambda obj, name, type_, reflected, other: (
                    not is_search_object(name, type_)
                ),
            },
        )
        return list(compare_metadata(context, SQLModel.metadata))


def test_history_is_linear() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1


def test_upgrade_creates_every_model_table_and_the_search_index(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)

    tables = _tables(empty_engine)
    assert set(SQLModel.metadata.tables) <= tables
    assert SEARCH_TABLES[empty_engine.dialect.name] <= tables
    with empty_engine.connect() as connection:
        assert migrate.current_revisions(connection) == migrate.head_revisions()


def test_models_and_migrations_agree(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)

    assert _drift(empty_engine) == []


def test_downgrade_to_base_and_upgrade_again(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    migrate.downgrade(empty_engine, "base")

    assert _tables(empty_engine) == {"alembic_version"}
    with empty_engine.connect() as connection:
        assert migrate.current_revisions(connection) == ()

    migrate.upgrade(empty_engine)
    assert set(SQLModel.metadata.tables) <= _tables(empty_engine)
    assert _drift(empty_engine) == []


def test_upgrade_twice_is_a_no_op(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    before = _tables(empty_engine)

    migrate.upgrade(empty_engine)

    assert _tables(empty_engine) == before


# Every filter the directory offers (see the API issue) must be served by an index.
FILTER_COLUMNS = {
    "actor": ["kind", "country"],
    "initiative": ["kind", "status", "founded_on", "parent_id"],
    "document": ["publisher", "kind", "language", "published_on"],
    "event": ["initiative_id", "starts_on", "ends_on"],
    "participation": ["actor_id", "initiative_id", "event_id", "role", "evidence_document_id"],
    "affiliation": ["actor_id", "organization_id", "title"],
    "mention": ["document_id", "actor_id", "initiative_id", "event_id", "status"],
    "initiative_topic": ["topic_id"],
    "document_topic": ["topic_id"],
    "actor_topic": ["topic_id"],
}


@pytest.mark.parametrize(("table", "columns"), sorted(FILTER_COLUMNS.items()))
def test_every_filter_column_leads_an_index(
    migrated_engine: Engine, table: str, columns: list[str]
) -> None:
    inspector = inspect(migrated_engine)
    leading = {index["column_names"][0] for index in inspector.get_indexes(table)}
    # Primary keys and unique constraints are indexes too.
    leading |= {c["column_names"][0] for c in inspector.get_unique_constraints(table)}
    leading.add(inspector.get_pk_constraint(table)["constrained_columns"][0])

    assert [column for column in columns if column not in leading] == []


def test_upgrading_a_filled_database_makes_its_records_searchable(empty_engine: Engine) -> None:
    """`atlas db upgrade` on a directory from before the search index builds the index."""
    migrate.upgrade(empty_engine, "0002")
    with empty_engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO actor (slug, name, aliases, kind, version, created_at, updated_at)"
                " VALUES ('kasachstan', 'Kasachstan', :aliases, 'state', 1, :now, :now)"
            ),
            {"aliases": '["Kazakhstan"]', "now": datetime(2025, 1, 1, tzinfo=UTC)},
        )
    migrate.upgrade(empty_engine)

    with empty_engine.connect() as connection:
        result = service.find(connection, service.parse_query("Kazakhstan"), ("actor",))
    assert [hit.slug for hit in result.candidates] == ["kasachstan"]
