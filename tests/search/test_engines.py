"""The text indexes' contract, on SQLite and PostgreSQL: however few matches an engine reads, it
counts all of them; it ranks every match, and finds a phrase among given entries."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from atlas.models import Document
from atlas.search import engines
from atlas.search.engines import engine_for
from atlas.search.service import parse_query

QUERIES = ["Deutschland", "Multilateralismus", "Außenminister Maas", "Klima", '"Vereinte Nationen"']


def test_count_by_type_and_records_of_find_each_run_of_descending_ids() -> None:
    ids = sorted(
        [engines.entry_id("actor", n) for n in (1, 7, 8)]
        + [engines.entry_id("initiative", 3)]
        + [engines.entry_id("document", n) for n in (1, 2, 4, 5)],
        reverse=True,
    )
    assert engines.count_by_type(ids) == {"actor": 3, "initiative": 1, "document": 4}
    assert engines.count_by_type([]) == {}
    assert engines.count_by_type([engines.entry_id("topic", 1)]) == {"topic": 1}
    assert engines.records_of(ids, "actor") == [8, 7, 1]
    assert engines.records_of(ids, "document") == [5, 4, 2, 1]
    assert engines.records_of(ids, "event") == []


def test_one_of_takes_any_number_of_values_as_one_parameter(seeded_engine: Engine) -> None:
    # More values than PostgreSQL allows parameters in a statement (65,535).
    values = [*range(-70_000, 0), 1, 3]
    with seeded_engine.connect() as connection:
        chosen = sa.select(Document.id).where(engines.one_of(connection, Document.id, values))
        assert len(chosen.compile(dialect=connection.dialect).params) == 1
        assert sorted(connection.scalars(chosen)) == [1, 3]
        none = sa.select(Document.id).where(engines.one_of(connection, Document.id, []))
        assert connection.scalars(none).all() == []


@pytest.mark.parametrize("q", QUERIES)
def test_matching_counts_every_match_however_few_it_reads(seeded_engine: Engine, q: str) -> None:
    clauses = parse_query(q).clauses
    with seeded_engine.connect() as connection:
        index = engine_for(connection)
        everything = index.matching(connection, clauses, 1_000_000)
        assert everything.total > 0
        assert everything.counts == engines.count_by_type(everything.first)
        # Every way of stopping early: among the entities, at the first document, among them.
        for enough in range(everything.total + 1):
            matches = index.matching(connection, clauses, enough)
            assert matches.counts == everything.counts, enough
            assert len(matches.first) >= enough
            assert matches.first == everything.first[: len(matches.first)]


@pytest.mark.parametrize("q", QUERIES)
def test_the_engine_ranks_every_match_and_finds_a_phrase_among_given_entries(
    seeded_engine: Engine, q: str
) -> None:
    clauses = parse_query(q).clauses
    with seeded_engine.connect() as connection:
        index = engine_for(connection)
        ids = index.matching(connection, clauses, 1_000_000).first
        ranks = dict(index.ranks(connection, clauses))
        assert set(ranks) == set(ids)
        assert all(rank > 0 for rank in ranks.values())
        some = ids[1::2] or ids
        phrase = [engines.Clause(clauses[0].terms)]
        among = set(index.among(connection, phrase, some))
        assert among == set(index.matching(connection, phrase, 1_000_000).first) & set(some)


@pytest.mark.parametrize(
    "seeded_engine", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_postgresql_matching_leaves_the_planner_settings_as_they_were(
    seeded_engine: Engine,
) -> None:
    with seeded_engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL enable_indexscan = off")
        index = engine_for(connection)
        assert index.matching(connection, parse_query("Deutschland").clauses, 10).total > 0
        settings = connection.exec_driver_sql(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')"
        ).one()
        assert tuple(settings) == ("on", "off")
