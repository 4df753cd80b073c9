"""Relevance cases: queries over the seed data and the results that must come first.

The cases live in `tests/search/relevance.yaml`; the tests check each on every engine, and
`bench/relevance.py` reports the pass rate and mean reciprocal rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy.engine import Engine

from atlas.search import service
from atlas.texts import slugify


@dataclass(frozen=True)
class Case:
    number: int
    query: str
    what: str
    types: tuple[str, ...]
    first: tuple[str, ...]
    also: tuple[str, ...]

    @property
    def id(self) -> str:
        types = "+".join(self.types) if self.types != service.SEARCH_TYPES else "all"
        return f"{self.number:02d}-{self.what}-{slugify(self.query) or 'empty'}-{types}"


def load_cases(path: Path) -> list[Case]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(
            number=number,
            query=item["query"],
            what=item["what"],
            types=tuple(item.get("types") or service.SEARCH_TYPES),
            first=tuple(item["first"]),
            also=tuple(item.get("also") or ()),
        )
        for number, item in enumerate(raw["cases"], start=1)
    ]


def ranked_refs(engine: Engine, case: Case) -> list[str]:
    """The results of a case's query as `type:slug`, best first."""
    with engine.connect() as connection:
        result = service.find(connection, service.parse_query(case.query), case.types)
    return [f"{hit.type}:{hit.slug}" for hit in result.candidates]


def reciprocal_rank(ranked: list[str], case: Case) -> float:
    """1 / the place of the best-placed expected result (0 when none is found)."""
    expected = set(case.first) | set(case.also)
    for place, ref in enumerate(ranked, start=1):
        if ref in expected:
            return 1.0 / place
    return 0.0
