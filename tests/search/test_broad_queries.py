"""A query with more matches than the window of candidates (1,000; made smaller here, as the seed
data is small): it counts every match, is not ranked by the engine, and still puts the names that
hold it first, then the newest documents."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from atlas.models import Actor, Document, Initiative
from atlas.search import service

Q = "Multilateralismus"


def search(engine: Engine, q: str) -> service.SearchResult:
    with engine.connect() as connection:
        return service.find(connection, service.parse_query(q), service.SEARCH_TYPES)


def test_a_query_broader_than_the_window_counts_all_and_ranks_names_then_newest(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As with the real sizes, typos are looked for only when the window holds every match.
    monkeypatch.setattr(service, "TYPO_CHECK_BELOW", 4)
    narrow = search(seeded_engine, Q)
    assert narrow.counts["document"] > 1, "the case needs a query found in several documents"
    assert any(candidate.rank > 0 for candidate in narrow.candidates)
    # Every entity and the newest document fit in the window, the other documents do not.
    monkeypatch.setattr(service, "WINDOW", narrow.total - narrow.counts["document"] + 1)
    broad = search(seeded_engine, Q)
    assert (broad.total, broad.counts) == (narrow.total, narrow.counts)
    assert all(candidate.rank == 0 for candidate in broad.candidates)
    # Every result whose name (a document's title) holds the query comes before every other.
    query = service.parse_query(Q)
    named = [service._names_match(candidate, query)[0] for candidate in broad.candidates]
    assert named[0] and named == sorted(named, reverse=True)
    # Among documents of equal score, the newest (the highest id) first.
    documents = [candidate for candidate in broad.candidates if candidate.type == "document"]
    assert len(documents) > 1
    for before, after in pairwise(documents):
        assert (before.score, before.entry_id) >= (after.score, after.entry_id)


def test_q_on_a_list_finds_the_same_whether_or_not_every_match_was_read(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list takes the matches as values when the engine read them all, and as a subquery
    when it read only the first (SQLite, for a broad query): both find the same records."""
    tables = {"document": Document, "actor": Actor, "initiative": Initiative}

    def listed() -> dict[str, set[int]]:
        with seeded_engine.connect() as connection:
            where = service.list_filter(connection, Q)
            return {
                type_: set(connection.scalars(sa.select(model.id).where(where(type_, model.id))))
                for type_, model in tables.items()
            }

    whole = listed()
    counts = search(seeded_engine, Q).counts
    assert len(whole["document"]) >= counts["document"] > 1
    assert len(whole["initiative"]) >= counts["initiative"] > 0
    # The same query with only its first two matches read, as SQLite reads a broad query's.
    matched = service._matched

    def first_two_read(*args: Any) -> Any:
        matches, *rest = matched(*args)
        assert matches.total > 2
        return (replace(matches, first=matches.first[:2]), *rest)

    monkeypatch.setattr(service, "_matched", first_two_read)
    assert listed() == whole
