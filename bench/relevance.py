"""The search relevance report: pass rate and mean reciprocal rank of the relevance cases.

For each database (a temporary SQLite file; a temporary PostgreSQL database beside
ATLAS_BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres) it migrates,
loads the seed data, runs every case of tests/search/relevance.yaml and prints, per case kind
and in all, how many cases pass (their `first` results fill the first places, their `also`
results are in the first ten) and the mean reciprocal rank of the first expected result.

Usage: `python bench/relevance.py [--backends sqlite,postgresql] [--failures]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DEFAULT_POSTGRES_URL, postgres_database, postgres_reachable

from atlas import migrate
from atlas.db import create_db_engine, session_scope
from atlas.search.relevance import Case, load_cases, ranked_refs, reciprocal_rank
from atlas.seeding.load import read_seed_bundle, seed_database
from atlas.settings import PROJECT_ROOT

CASES_FILE = PROJECT_ROOT / "tests" / "search" / "relevance.yaml"


def passes(ranked: list[str], case: Case) -> bool:
    return set(ranked[: len(case.first)]) == set(case.first) and all(
        ref in ranked[:10] for ref in case.also
    )


def report(url: str, cases: list[Case], show_failures: bool) -> tuple[int, float]:
    engine = create_db_engine(url)
    try:
        migrate.upgrade(engine)
        with session_scope(engine) as session:
            seed_database(session, read_seed_bundle(PROJECT_ROOT / "seeds"))
        by_kind: dict[str, list[tuple[bool, float]]] = defaultdict(list)
        for case in cases:
            ranked = ranked_refs(engine, case)
            ok = passes(ranked, case)
            by_kind[case.what].append((ok, reciprocal_rank(ranked, case)))
            if show_failures and not ok:
                print(f"  FAIL {case.id}: {ranked[:5]}")
    finally:
        engine.dispose()
    print(f"  {'kind':<18} {'cases':>5} {'pass':>5} {'MRR':>6}")
    every = [result for results in by_kind.values() for result in results]
    for kind, results in [*sorted(by_kind.items()), ("all", every)]:
        passed = sum(ok for ok, _ in results)
        mrr = sum(rr for _, rr in results) / len(results)
        print(f"  {kind:<18} {len(results):>5} {passed:>5} {mrr:>6.3f}")
    return sum(ok for ok, _ in every), sum(rr for _, rr in every) / len(every)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--failures", action="store_true", help="list the failing cases")
    args = parser.parse_args()
    cases = load_cases(CASES_FILE)
    admin_url = os.environ.get("ATLAS_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    for backend in args.backends.split(","):
        print(f"[{backend}] {len(cases)} cases")
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                report(f"sqlite:///{folder}/relevance.db", cases, args.failures)
        elif (reason := postgres_reachable(admin_url)) is not None:
            print(f"  skipped: PostgreSQL does not answer ({reason})")
        else:
            with postgres_database(admin_url) as url:
                report(url, cases, args.failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
