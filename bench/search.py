"""The search benchmark: a generated corpus of German news, the production server, search and
completion.

For each corpus size (10,000 and 100,000 documents) and each database (SQLite, PostgreSQL) it

1. creates an empty database (as `run.py` does: a SQLite file in a temporary folder; a
   PostgreSQL database `atlas_bench_<pid>` beside ATLAS_BENCH_POSTGRES_URL, default
   postgresql://postgres@127.0.0.1:5432/postgres), migrates it and fills it with `generate.py`:
   the directory of the API issue (10,000 actors, 2,000 initiatives, 50,000 participations,
   3,000 events, 4,000 affiliations) and the documents, German news prose of 2,000 to 5,000
   characters each;
2. builds the search index (`atlas.search.index.reindex`: `generate.py` writes past the ORM, so
   nothing is indexed yet), timed, and refreshes the planner statistics (VACUUM ANALYZE on
   PostgreSQL, ANALYZE on SQLite);
3. draws the requests from the generated data, the same on every database:
   - `search`: GET /api/v1/search?q=<two words>&limit=20 (the answer always carries the type
     facets), the two words taken from one document so that they find something: a domain
     noun and a topic word, a word of a named actor or initiative and a domain noun, or two
     domain nouns; a third with a noun inflected (plural, genitive), some in lower case;
   - `suggest`: GET /api/v1/suggest?q=<prefix>, 3 to 8 letters of an actor's, initiative's or
     event's name, a third of them from a later word of the name;
   - `list`: GET /api/v1/documents?q=<the same two words>&facets=year, `q` on a list (not a
     target);
   - `health`: GET /health, the floor (no database; not a target);
4. starts `atlas serve` (uvicorn, one worker) and sends each scenario's requests one after
   another over one keep-alive connection, warm-up requests first, then the measured ones;
   then sends the measured ones once more to record how many results they found;
5. prints median, p95, p99 and max latency, requests per second, the server's CPU time per
   request, the CPU other processes used meanwhile (the machine may be shared), the mean
   `total` of the search answers and the mean number of completions, whether the targets
   (search median <= 15 ms and p95 <= 40 ms, suggest median <= 10 ms, on SQLite) are met, the
   time to generate and to index, the database size, and how the times grow with the corpus.

Usage: `python bench/search.py [--quick] [--documents 10000,100000]
[--backends sqlite,postgresql] [--requests 300] [--warmup 30] [--json FILE]`; `--quick` uses
2,000 and 10,000 documents and a fifth of the directory. Exits 0 when it ran (1 when a request
failed).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

import atlas
from atlas import migrate
from atlas.db import create_db_engine
from atlas.search import analysis
from atlas.search.index import reindex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ALL_NOUNS, FULL, GENERAL_NOUNS, Noun, Sizes, generate
from run import (
    CpuMeter,
    _stop,
    add_common_arguments,
    analyze,
    finish_common_arguments,
    machine,
    measure_sequential,
    percentile,
    postgres_database,
    postgres_reachable,
    running_server,
    sqlite_database,
    wait_until_quiet,
)

TEXT_LENGTH = (2000, 5000)
TARGETS = {"search": (15.0, 40.0), "suggest": (10.0, None)}  # median, p95 (ms); on SQLite
SCENARIOS = {
    "health": "GET /health (the floor: no database; not a target)",
    "search": "GET /api/v1/search?q=<two words>&limit=20 (with the type facets)",
    "suggest": "GET /api/v1/suggest?q=<3 to 8 letters of a name>",
    "list": "GET /api/v1/documents?q=<two words>&facets=year (q on a list; not a target)",
}
# What each scenario's answers found: their `total`, or how many items they hold.
FOUND = {"search": "total", "list": "total", "suggest": "items"}
# The kinds of two-word query, and how often each is asked.
QUERY_KINDS = {"noun+topic": 35, "name+noun": 35, "noun+noun": 30}
INFLECTED_SHARE = 0.33
LOWER_CASE_SHARE = 0.3


@dataclass
class Stats:
    backend: str
    documents: int
    scenario: str
    requests: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rps: float
    server_cpu_ms: float  # CPU time the server spent per request (robust to other load)
    other_load: float  # CPU cores used by processes other than the benchmark's
    mean_bytes: int
    mean_found: float | None = None  # search, list: mean `total`; suggest: mean completions
    share_found: float | None = None  # share of the requests that found anything

    @property
    def target(self) -> str:
        """met / MISSED against the issue's targets, - where there is none (health)."""
        if self.scenario not in TARGETS:
            return "-"
        median, p95 = TARGETS[self.scenario]
        met = self.median_ms <= median and (p95 is None or self.p95_ms <= p95)
        return "met" if met else "MISSED"


@dataclass
class Build:
    backend: str
    documents: int
    counts: dict[str, int]
    generate_seconds: float
    index_seconds: float
    entries: dict[str, int]
    database_mb: float
    index_mb: float | None  # the search tables (None where SQLite has no dbstat)


@dataclass
class Report:
    machine: dict[str, str] = field(default_factory=dict)
    builds: list[Build] = field(default_factory=list)
    stats: list[Stats] = field(default_factory=list)
    samples: dict[str, list[str]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    source: str = ""  # fingerprint of the atlas package's code at the start
    warnings: list[str] = field(default_factory=list)


def source_fingerprint() -> str:
    """A hash of the atlas package's Python files: the server imports them when it starts, so a
    change during the run (another checkout, an editor) would mix versions in one report."""
    digest = hashlib.sha256()
    package = Path(atlas.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# --- the requests ---------------------------------------------------------------------------------


def _lower_some(rng: random.Random, text: str) -> str:
    return text.lower() if rng.random() < LOWER_CASE_SHARE else text


def _inflected(noun: Noun) -> str:
    """A plural (feminines) or genitive (others) of the noun that the search must bring back to
    the noun itself; the noun when it has no such form."""
    form = noun.plural if noun.gender == "f" else noun.genitive
    if form and form != noun.word and analysis.term(form) == analysis.term(noun.word):
        return form
    return noun.word


def _name_words(name: str) -> list[str]:
    """The words of a name a user might search for: no stopwords, no numbers, 4+ letters."""
    return [
        word
        for word in analysis.words(name)
        if len(word) >= 4 and word.isalpha() and analysis.fold(word) not in analysis.STOPWORDS
    ]


def search_queries(engine: Engine, count: int, seed: int) -> list[str]:
    """Two-word queries, each from the words of one document (drawn at random, repeatably)."""
    rng = random.Random(seed)
    with engine.connect() as connection:
        last = connection.execute(sa.text("SELECT max(id) FROM document")).scalar_one()
        ids = [rng.randint(1, last) for _ in range(count)]
        wanted = sorted(set(ids))
        texts: dict[int, str] = {}
        topics: dict[int, list[str]] = defaultdict(list)
        names: dict[int, list[str]] = defaultdict(list)
        for start in range(0, len(wanted), 500):
            batch = {"ids": wanted[start : start + 500]}
            for row in connection.execute(
                sa.text("SELECT id, title, clean_text FROM document WHERE id IN :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                batch,
            ):
                texts[row[0]] = f"{row[1]}\n{row[2]}"
            for document_id, label in connection.execute(
                sa.text(
                    "SELECT document_id, label_de FROM document_topic"
                    " JOIN topic ON topic.id = topic_id WHERE document_id IN :ids"
                    " ORDER BY document_id, topic_id"
                ).bindparams(sa.bindparam("ids", expanding=True)),
                batch,
            ):
                topics[document_id].append(label)
            for document_id, name in connection.execute(
                sa.text(
                    "SELECT mention.document_id, coalesce(actor.name, initiative.name)"
                    " FROM mention LEFT JOIN actor ON actor.id = mention.actor_id"
                    " LEFT JOIN initiative ON initiative.id = mention.initiative_id"
                    " WHERE mention.document_id IN :ids AND mention.event_id IS NULL"
                    " ORDER BY mention.document_id, mention.id"
                ).bindparams(sa.bindparam("ids", expanding=True)),
                batch,
            ):
                names[document_id].append(name)
    domain_nouns = {noun.word: noun for noun in ALL_NOUNS}
    queries = []
    for document_id in ids:
        in_text = set(analysis.words(texts[document_id]))
        nouns = [noun for word, noun in domain_nouns.items() if word in in_text]
        nouns = nouns or [noun for noun in GENERAL_NOUNS if noun.word in in_text] or ALL_NOUNS
        topic_words = [
            word for label in topics[document_id] for word in _name_words(label) if word in in_text
        ]
        name_words = [word for name in names[document_id] for word in _name_words(name)]
        kind = rng.choices(list(QUERY_KINDS), weights=list(QUERY_KINDS.values()))[0]
        if kind == "noun+topic" and not topic_words:
            kind = "name+noun"
        if kind == "name+noun" and not name_words:
            kind = "noun+noun"
        first, second = rng.sample(nouns, 2) if len(nouns) > 1 else (nouns[0], nouns[0])
        noun = _inflected(first) if rng.random() < INFLECTED_SHARE else first.word
        # A topic word other than the noun (Terrorismusbekämpfung is a topic and a noun).
        topic_words = [word for word in topic_words if word != first.word] or [second.word]
        if kind == "noun+topic":
            words = [noun, rng.choice(topic_words)]
        elif kind == "name+noun":
            words = [rng.choice(name_words), noun]
        else:
            words = [noun, second.word]
        queries.append(_lower_some(rng, " ".join(words)))
    return queries


def suggest_prefixes(engine: Engine, count: int, seed: int) -> list[str]:
    """3 to 8 letters of a name of an actor (most), initiative or event: of its first word, or
    (a third) of a later one."""
    rng = random.Random(seed + 1)
    with engine.connect() as connection:
        names = {
            table: list(connection.execute(sa.text(f"SELECT name FROM {table} ORDER BY id")))
            for table in ("actor", "initiative", "event")
        }
    prefixes: list[str] = []
    while len(prefixes) < count:
        table = rng.choices(list(names), weights=[60, 25, 15])[0]
        words = [word for word in analysis.words(rng.choice(names[table])[0]) if word.isalpha()]
        later = [word for word in words[1:] if analysis.fold(word) not in analysis.STOPWORDS]
        if not words:
            continue
        word = rng.choice(later) if later and rng.random() < 1 / 3 else words[0]
        if len(word) < 3:
            continue
        prefix = word[: rng.randint(3, min(8, len(word)))]
        prefixes.append(prefix.lower() if rng.random() < 0.7 else prefix)
    return prefixes


def request_paths(engine: Engine, count: int, seed: int) -> dict[str, list[str]]:
    queries = search_queries(engine, count, seed)
    return {
        "health": ["/health"] * count,
        "search": [
            f"/api/v1/search?{httpx.QueryParams({'q': query, 'limit': 20})}" for query in queries
        ],
        "suggest": [
            f"/api/v1/suggest?{httpx.QueryParams({'q': prefix})}"
            for prefix in suggest_prefixes(engine, count, seed)
        ],
        "list": [
            f"/api/v1/documents?{httpx.QueryParams({'q': query, 'facets': 'year'})}"
            for query in queries
        ],
    }


# --- building the corpus --------------------------------------------------------------------------


def database_size(url: str) -> tuple[float, float | None]:
    """The database's size and the search tables' share of it, in MB."""
    megabyte = 1024 * 1024
    if url.startswith("postgresql"):
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn) as connection:
            total = connection.execute("SELECT pg_database_size(current_database())").fetchone()
            index = connection.execute(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                " WHERE c.relkind = 'r' AND c.relname LIKE 'search%'"
            ).fetchone()
        return total[0] / megabyte if total else 0.0, (index[0] or 0) / megabyte if index else None
    path = Path(make_url(url).database or "")
    total_bytes = sum(
        candidate.stat().st_size
        for candidate in (path, path.with_name(path.name + "-wal"))
        if candidate.exists()
    )
    index_bytes = None
    with (
        contextlib.closing(sqlite3.connect(path)) as connection,
        contextlib.suppress(sqlite3.OperationalError),  # dbstat is compiled in, or not
    ):
        index_bytes = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'"
            " OR name LIKE 'sqlite_autoindex_search%' OR name LIKE 'ix_search%'"
        ).fetchone()[0]
    return total_bytes / megabyte, None if index_bytes is None else index_bytes / megabyte


def build(
    backend: str, url: str, sizes: Sizes, args: argparse.Namespace
) -> tuple[Build, dict[str, list[str]]]:
    """Migrate, generate, index and analyse; the build figures and the request paths."""
    engine = create_db_engine(url)
    try:
        migrate.upgrade(engine)
        label = f"[{backend} {sizes.documents:,}]"
        print(f"{label} generating {sizes} ...", flush=True)
        summary = generate(engine, sizes, args.seed)
        print(f"{label} generated and written in {summary.seconds:.1f} s", flush=True)
        started = time.perf_counter()
        with engine.begin() as connection:
            entries = reindex(connection)
        index_seconds = time.perf_counter() - started
        print(f"{label} indexed {entries} in {index_seconds:.1f} s", flush=True)
        paths = request_paths(engine, args.warmup + args.requests, args.seed)
    finally:
        engine.dispose()
    analyze(url)
    database_mb, index_mb = database_size(url)
    figures = Build(
        backend=backend,
        documents=sizes.documents,
        counts=summary.counts,
        generate_seconds=round(summary.seconds, 1),
        index_seconds=round(index_seconds, 1),
        entries=entries,
        database_mb=round(database_mb, 1),
        index_mb=None if index_mb is None else round(index_mb, 1),
    )
    return figures, paths


# --- measuring ------------------------------------------------------------------------------------


def found(base_url: str, scenario: str, paths: Sequence[str]) -> tuple[float | None, float | None]:
    """Mean `total` of the search and list answers (mean completions of suggest), and the share
    of the answers that found anything: the measured requests sent once more."""
    if scenario not in FOUND:
        return None, None
    numbers = []
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for path in paths:
            response = client.get(path)
            response.raise_for_status()
            body = response.json()
            numbers.append(body["total"] if FOUND[scenario] == "total" else len(body["items"]))
    share = sum(1 for number in numbers if number > 0) / len(numbers)
    return round(statistics.mean(numbers), 1), round(share, 3)


def measure(
    base_url: str, server_pid: int, scenario: str, paths: list[str], args: argparse.Namespace
) -> Stats:
    meter = CpuMeter(server_pid)
    latencies, rps, size = measure_sequential(base_url, paths, args.warmup, meter)
    ordered = sorted(latencies)
    mean_found, share_found = found(base_url, scenario, paths[args.warmup :])
    return Stats(
        backend="",
        documents=0,
        scenario=scenario,
        requests=len(latencies),
        median_ms=round(statistics.median(ordered), 2),
        p95_ms=round(percentile(ordered, 0.95), 2),
        p99_ms=round(percentile(ordered, 0.99), 2),
        max_ms=round(ordered[-1], 2),
        rps=round(rps, 1),
        server_cpu_ms=round(meter.server_seconds * 1000 / max(1, len(latencies)), 1),
        other_load=round(meter.cores, 2),
        mean_bytes=size,
        mean_found=mean_found,
        share_found=share_found,
    )


def bench(
    backend: str, url: str, sizes: Sizes, args: argparse.Namespace, folder: Path, report: Report
) -> None:
    figures, paths = build(backend, url, sizes, args)
    report.builds.append(figures)
    report.samples.setdefault(f"search/{sizes.documents}", paths["search"][args.warmup :][:10])
    report.samples.setdefault(f"suggest/{sizes.documents}", paths["suggest"][args.warmup :][:10])
    label = f"[{backend} {sizes.documents:,}]"
    log_path = folder / f"server-{backend}-{sizes.documents}.log"
    if (source := source_fingerprint()) != report.source:
        warning = f"{backend}/{sizes.documents}: atlas source changed during the run ({source})"
        report.warnings.append(warning)
        print(f"  warning: {warning}", flush=True)
    with running_server(url, 1, log_path) as (base_url, server_pid):
        for scenario, scenario_paths in paths.items():
            quiet = wait_until_quiet(server_pid, args.wait_quiet)
            if quiet >= 0.25:
                print(f"  warning: other processes use {quiet:.1f} cores", flush=True)
            try:
                stats = measure(base_url, server_pid, scenario, scenario_paths, args)
            except httpx.HTTPError as exc:
                report.failures.append(f"{backend}/{sizes.documents}/{scenario}: {exc}")
                print(f"{label} {scenario}: FAILED: {exc}", flush=True)
                continue
            stats.backend, stats.documents = backend, sizes.documents
            report.stats.append(stats)
            print(
                f"{label} {scenario}: median {stats.median_ms} ms, p95 {stats.p95_ms} ms, "
                f"{stats.rps} req/s, server CPU {stats.server_cpu_ms} ms/request "
                f"(other processes: {stats.other_load:.2f} cores)",
                flush=True,
            )


# --- reporting ------------------------------------------------------------------------------------


def _found_label(stats: Stats) -> str:
    if stats.mean_found is None or stats.share_found is None:
        return "-"
    what = FOUND[stats.scenario]
    return f"{stats.mean_found:g} {what}, {stats.share_found:.0%} > 0"


def print_report(report: Report, run_time: float) -> bool:
    """Print the tables; True when the targets are met on SQLite at the largest size."""
    info = report.machine
    print(f"\nMachine: {info['cpus']} CPUs, {info['cpu_model']}; Python {info['python']}, "
          f"SQLite {info['sqlite']}; total run {run_time:.0f} s")  # fmt: skip
    print(f"Code: atlas from {Path(atlas.__file__).parent}, source {report.source}")
    print("\nScenarios:")
    for name, description in SCENARIOS.items():
        print(f"  {name:8} {description}")
    for key, samples in report.samples.items():
        shown = [parse_qs(urlsplit(path).query)["q"][0] for path in samples[:6]]
        print(f"  e.g. {key}: " + ", ".join(f"«{q}»" for q in shown))
    print(
        "\n| backend | documents | generate s | index s | index entries | database MB"
        " | search tables MB |"
    )
    print("|---|---|---|---|---|---|---|")
    for b in report.builds:
        entries = sum(b.entries.values())
        index_mb = "-" if b.index_mb is None else f"{b.index_mb:g}"
        print(
            f"| {b.backend} | {b.documents:,} | {b.generate_seconds:g} | {b.index_seconds:g} | "
            f"{entries:,} | {b.database_mb:g} | {index_mb} |"
        )
    print(
        "\n| backend | documents | scenario | median ms | p95 ms | p99 ms | max ms | req/s"
        " | server CPU ms/req | other load (cores) | found | target |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in report.stats:
        print(
            f"| {s.backend} | {s.documents:,} | {s.scenario} | {s.median_ms} | {s.p95_ms} | "
            f"{s.p99_ms} | {s.max_ms} | {s.rps} | {s.server_cpu_ms} | {s.other_load} | "
            f"{_found_label(s)} | {s.target} |"
        )
    sizes = sorted({s.documents for s in report.stats})
    if len(sizes) > 1:
        smallest, largest = sizes[0], sizes[-1]
        print(f"\nFrom {smallest:,} to {largest:,} documents (median / p95 ms):\n")
        print(f"| backend | scenario | {smallest:,} | {largest:,} | median growth |")
        print("|---|---|---|---|---|")
        by_key = {(s.backend, s.scenario, s.documents): s for s in report.stats}
        for s in report.stats:
            if s.documents != smallest or s.scenario not in FOUND:
                continue
            large = by_key.get((s.backend, s.scenario, largest))
            if large is None:
                continue
            print(
                f"| {s.backend} | {s.scenario} | {s.median_ms} / {s.p95_ms} | "
                f"{large.median_ms} / {large.p95_ms} | {large.median_ms / s.median_ms:.1f}x |"
            )
    decisive = [
        s
        for s in report.stats
        if s.backend == "sqlite" and s.documents == max(sizes, default=0) and s.scenario in TARGETS
    ]
    met = bool(decisive) and all(s.target == "met" for s in decisive)
    search, suggest = TARGETS["search"], TARGETS["suggest"]
    print(
        f"\nTargets (SQLite, {max(sizes, default=0):,} documents; search median <= {search[0]:g}"
        f" ms and p95 <= {search[1]:g} ms, suggest median <= {suggest[0]:g} ms): "
        + ("met" if met else "MISSED" if decisive else "not measured")
    )
    for warning in report.warnings:
        print(f"WARNING: {warning}; the figures mix versions")
    for failure in report.failures:
        print(f"FAILED: {failure}")
    return met


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Atlas search benchmark (see docs/search.md)")
    parser.add_argument(
        "--quick", action="store_true", help="2,000 and 10,000 documents, a fifth of the directory"
    )
    parser.add_argument("--documents", help="corpus sizes, e.g. 10000,100000 (the default)")
    add_common_arguments(parser)
    args = finish_common_arguments(parser.parse_args(argv))
    default = "2000,10000" if args.quick else "10000,100000"
    args.documents = [int(value) for value in (args.documents or default).split(",") if value]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # The server measured is the production one, but one client sends a thousand requests a
    # minute: the rate limit would answer 429. It is not what is measured here.
    os.environ["ATLAS_RATE_LIMIT"] = "off"
    signal.signal(signal.SIGTERM, _stop)
    started = time.perf_counter()
    report = Report(machine=machine(), source=source_fingerprint())
    directory = replace(FULL.scaled(0.2) if args.quick else FULL, text_length=TEXT_LENGTH)

    @contextlib.contextmanager
    def sqlite_in(folder: Path) -> Iterator[str]:
        """A SQLite database of its own for each size, removed after it was measured."""
        folder.mkdir(parents=True, exist_ok=True)
        with sqlite_database(folder) as url:
            yield url
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    def database(backend: str, sqlite_folder: Path) -> contextlib.AbstractContextManager[str]:
        if backend == "sqlite":
            return sqlite_in(sqlite_folder)
        return postgres_database(args.postgres_url)

    with contextlib.ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            folder = args.keep
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="atlas-search-")))
        for documents in args.documents:
            sizes = replace(directory, documents=documents)
            for backend in args.backends:
                if backend == "postgresql" and (reason := postgres_reachable(args.postgres_url)):
                    print(f"[postgresql] skipped: server not reachable ({reason})", flush=True)
                    continue
                with database(backend, folder / f"sqlite-{documents}") as url:
                    bench(backend, url, sizes, args, folder, report)
    met = print_report(report, time.perf_counter() - started)
    if args.json:
        stats = [{**asdict(s), "target": s.target} for s in report.stats]
        args.json.write_text(
            json.dumps(
                {**asdict(report), "stats": stats, "targets_met": met},
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
