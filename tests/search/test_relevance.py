"""Search relevance over the seed data: every case of relevance.yaml, on SQLite and PostgreSQL.

A case passes when its `first` results fill the first places (in any order among themselves) and
its `also` results are among the first ten. `bench/relevance.py` prints the pass rate and the
mean reciprocal rank of the same cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import Engine

from atlas.search.relevance import Case, load_cases, ranked_refs

CASES = load_cases(Path(__file__).with_name("relevance.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_search_ranks_the_expected_results_first(seeded_engine: Engine, case: Case) -> None:
    ranked = ranked_refs(seeded_engine, case)
    top = ranked[: len(case.first)]
    assert set(top) == set(case.first), f"first {len(case.first)} of {ranked[:10]}"
    missing = [ref for ref in case.also if ref not in ranked[:10]]
    assert not missing, f"{missing} not among {ranked[:10]}"


def test_the_cases_are_well_formed() -> None:
    raw: dict[str, Any] = yaml.safe_load(
        Path(__file__).with_name("relevance.yaml").read_text(encoding="utf-8")
    )
    assert len(raw["cases"]) >= 40
    for item in raw["cases"]:
        assert set(item) <= {"query", "what", "types", "first", "also"}, item
        assert item["first"], item
