"""The read benchmark: a generated directory, the production server, three kinds of request.

For each database (SQLite, PostgreSQL) it

1. creates an empty database (a SQLite file in a temporary folder; a PostgreSQL database
   `atlas_bench_<pid>` on the server at ATLAS_BENCH_POSTGRES_URL, default
   postgresql://postgres@127.0.0.1:5432/postgres), migrates it and fills it with
   `generate.py` (10,000 actors, 2,000 initiatives, 50,000 participations, 20,000 documents);
2. counts the SQL statements of each scenario at page sizes 1, 50 and 500 by calling the app
   in-process, so that a query count growing with the page size (N+1) shows;
3. starts `atlas serve` (uvicorn, as in production) on a free port of 127.0.0.1, once per
   worker count, and sends each scenario's requests one after another over one keep-alive
   connection: warm-up requests first, then the measured ones; then the same requests from
   several concurrent clients, for the throughput;
4. prints median, p95, p99 and max latency, requests per second, the server's CPU time per
   request and the CPU other processes used meanwhile (the machine may be shared), with GET
   /health as the floor, and whether the targets (median <= 10 ms, p95 <= 25 ms, no N+1) are
   met.

Usage: `python bench/run.py [--quick] [--backends sqlite,postgresql] [--workers 1,2]`.
Exits 0 when it ran (1 when a request failed); `--strict` also exits 2 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from atlas import migrate
from atlas.db import create_db_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import FULL, QUICK, Summary, generate

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_MEDIAN_MS = 10.0
TARGET_P95_MS = 25.0
# Batch loads a response skips when they would load nothing (see QueryCounts.grows).
OPTIONAL_BATCHES = 6
LIST_KINDS = ["person", "government_body", "ngo", "company", "state"]
SCENARIOS = {
    "health": "GET /health (the floor: no database; not a target)",
    "detail": "GET /api/v1/actors/{slug}",
    "facets": "GET /api/v1/actors?kind=…&topic=…&facets=kind,country,topic&limit=50",
    "relation": "GET /api/v1/participations?initiative={slug}&limit=50",
}


@dataclass
class Stats:
    backend: str
    workers: int
    scenario: str
    requests: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rps: float
    concurrent_rps: float = 0.0
    mean_bytes: int = 0
    other_load: float = 0.0  # CPU cores used by processes other than the benchmark's
    server_cpu_ms: float = 0.0  # CPU time the server spent per request (robust to other load)

    @property
    def meets_target(self) -> bool:
        if self.scenario == "health":
            return True
        return self.median_ms <= TARGET_MEDIAN_MS and self.p95_ms <= TARGET_P95_MS


@dataclass
class QueryCounts:
    backend: str
    scenario: str
    counts: dict[str, int]

    @property
    def grows(self) -> bool:
        """More statements for more rows than the optional batch loads explain: N+1.

        A response loads each kind of embedded record in one batch and skips the batch when
        there is nothing to load (no events, no affiliations), so counts may differ by a few
        statements between records; with N+1 they differ by the number of rows (1 to 500).
        """
        return max(self.counts.values()) - min(self.counts.values()) > OPTIONAL_BATCHES


@dataclass
class Report:
    machine: dict[str, str] = field(default_factory=dict)
    data: dict[str, dict[str, int]] = field(default_factory=dict)
    load_seconds: dict[str, float] = field(default_factory=dict)
    stats: list[Stats] = field(default_factory=list)
    queries: list[QueryCounts] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    concurrency: int = 1


# --- the requests ---------------------------------------------------------------------------------


def request_paths(summary: Summary, count: int, seed: int) -> dict[str, list[str]]:
    """The paths of each scenario, drawn at random (but repeatably) from the generated data."""
    rng = random.Random(seed)
    popular = [slug for slug, n in summary.participations_per_initiative.items() if n >= 50]
    if len(popular) < 10:  # a --quick directory has few initiatives that big
        ranked = sorted(summary.participations_per_initiative.items(), key=lambda item: -item[1])
        popular = [slug for slug, _ in ranked[:20]]
    return {
        "detail": [f"/api/v1/actors/{rng.choice(summary.actor_slugs)}" for _ in range(count)],
        "facets": [
            f"/api/v1/actors?kind={rng.choice(LIST_KINDS)}&topic={rng.choice(summary.topic_slugs)}"
            "&facets=kind,country,topic&limit=50"
            for _ in range(count)
        ],
        "relation": [
            f"/api/v1/participations?initiative={rng.choice(popular)}&limit=50"
            for _ in range(count)
        ],
    }


def page_size_paths(summary: Summary) -> dict[str, list[tuple[str, str]]]:
    """For the statement count: each scenario at growing sizes (label, path)."""
    ranked = sorted(summary.participations_per_actor.items(), key=lambda item: item[1])
    # Two busy actors (99th percentile and the busiest) embed every kind of relation, so the
    # difference between them is only in the number of rows.
    actors = [ranked[0], ranked[int(len(ranked) * 0.99)], ranked[-1]]
    biggest = max(summary.participations_per_initiative.items(), key=lambda item: item[1])[0]
    lists = "/api/v1/actors?kind=person&facets=kind,country,topic&limit="
    relation = f"/api/v1/participations?initiative={biggest}&limit="
    return {
        "detail": [(f"{n} participation(s)", f"/api/v1/actors/{slug}") for slug, n in actors],
        "facets": [(f"limit={n}", f"{lists}{n}") for n in (1, 50, 500)],
        "relation": [(f"limit={n}", f"{relation}{n}") for n in (1, 50, 500)],
    }


# --- statement counts, in-process -----------------------------------------------------------------


def count_statements(engine: Engine, url: str, summary: Summary, backend: str) -> list[QueryCounts]:
    """How many SQL statements each request sends, at each page size."""
    from litestar.testing import TestClient

    from atlas.app import create_app
    from atlas.settings import Settings

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA", "COMMIT", "ROLLBACK")):
            statements.append(statement)

    app = create_app(Settings(database_url=url, log_level="WARNING"), engine)
    event.listen(engine, "before_cursor_execute", count)
    results = []
    try:
        with TestClient(app) as client:
            for scenario, sizes in page_size_paths(summary).items():
                counts: dict[str, int] = {}
                for label, path in sizes:
                    statements.clear()
                    response = client.get(path)
                    response.raise_for_status()
                    counts[label] = len(statements)
                results.append(QueryCounts(backend, scenario, counts))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return results


# --- the server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_server(url: str, workers: int, log_path: Path) -> Iterator[tuple[str, int]]:
    """`atlas serve` on a free port of 127.0.0.1, stopped (with its workers) at the end."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "atlas"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    # One client sends thousands of requests a minute here: the per-client rate limit would
    # answer most of them with 429.
    env = {**os.environ, "DATABASE_URL": url, "ATLAS_RATE_LIMIT": "off"}
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
        try:
            _wait_until_ready(base_url, process)
            yield base_url, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _wait_until_ready(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"atlas serve exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/ready", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("atlas serve did not become ready within 60 s")


# --- measuring ------------------------------------------------------------------------------------


class CpuMeter:
    """CPU cores busy with other processes than the client and the server, over a window.

    The machine has two cores: anything else running (a test suite, a build) skews latencies,
    so the report shows it beside every figure.
    """

    def __init__(self, server_pid: int | None = None) -> None:
        self.server_pid = server_pid
        self.cores = 0.0
        self.server_seconds = 0.0  # CPU time of the server and its workers

    def __enter__(self) -> CpuMeter:
        self.start = (time.monotonic(), _busy_ticks(), *self._own_ticks())
        return self

    def __exit__(self, *_exc: object) -> None:
        elapsed = time.monotonic() - self.start[0]
        busy = _busy_ticks() - self.start[1]
        own, server = self._own_ticks()
        self.cores = max(0.0, (busy - (own - self.start[2])) / CLOCK_TICKS / max(elapsed, 1e-3))
        self.server_seconds = (server - self.start[3]) / CLOCK_TICKS

    def _own_ticks(self) -> tuple[int, int]:
        """CPU ticks of this process and its children (the server included), and the server's."""
        family = _process_family_ticks({os.getpid()})
        server = _process_family_ticks({self.server_pid}) if self.server_pid else {}
        return sum(family.values()), sum(server.values())


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _busy_ticks() -> int:
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return user + nice + system + irq + softirq + steal


def _process_family_ticks(roots: set[int]) -> dict[int, int]:
    """utime + stime of the root processes and all their descendants (uvicorn's workers)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            pid = int(stat.parent.name)
            parents[pid] = int(fields[1])
            ticks[pid] = int(fields[11]) + int(fields[12])
    family = set(roots)
    grew = True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in family} - family
        family |= children
        grew = bool(children)
    return {pid: ticks[pid] for pid in family if pid in ticks}


def wait_until_quiet(server_pid: int, limit_s: float, threshold: float = 0.25) -> float:
    """Wait (at most `limit_s`) until other processes use less than `threshold` cores."""
    deadline = time.monotonic() + limit_s
    while True:
        with CpuMeter(server_pid) as meter:
            time.sleep(2)
        if meter.cores < threshold or time.monotonic() >= deadline:
            return meter.cores
        print(f"  (other processes use {meter.cores:.1f} cores; waiting for quiet)", flush=True)


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def measure_sequential(
    base_url: str, paths: list[str], warmup: int, meter: CpuMeter
) -> tuple[list[float], float, int]:
    """Latencies (ms) of the paths after `warmup`, one at a time over one keep-alive connection;
    `meter` measures the CPU during the measured requests."""
    latencies: list[float] = []
    size = 0
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for path in paths[:warmup]:
            client.get(path).raise_for_status()
        with meter:
            started = time.perf_counter()
            for path in paths[warmup:]:
                before = time.perf_counter()
                response = client.get(path)
                latencies.append((time.perf_counter() - before) * 1000)
                response.raise_for_status()
                size += len(response.content)
            elapsed = time.perf_counter() - started
    measured = len(paths) - warmup
    return latencies, measured / elapsed, size // max(1, measured)


def measure_concurrent(base_url: str, paths: list[str], clients: int) -> float:
    """Requests per second of `clients` threads, each with its own connection, sharing paths."""
    errors: list[BaseException] = []

    def work(share: list[str]) -> None:
        try:
            with httpx.Client(base_url=base_url, timeout=30) as client:
                for path in share:
                    client.get(path).raise_for_status()
        except BaseException as exc:  # reported after the threads are joined
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(paths[index::clients],)) for index in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return len(paths) / elapsed


# --- databases ------------------------------------------------------------------------------------


@contextlib.contextmanager
def sqlite_database(folder: Path) -> Iterator[str]:
    yield f"sqlite:///{folder / 'atlas-bench.db'}"


@contextlib.contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A new database `atlas_bench_<pid>`, dropped at the end."""
    name = f"atlas_bench_{os.getpid()}"
    admin = make_url(admin_url).set(drivername="postgresql")
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def analyze(url: str) -> None:
    """Refresh the planner statistics, as PostgreSQL's autovacuum would after a bulk load."""
    if url.startswith("postgresql"):
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    else:
        with contextlib.closing(sqlite3.connect(make_url(url).database or "")) as connection:
            connection.execute("ANALYZE")


def postgres_reachable(admin_url: str) -> str | None:
    """None when the server answers, else why not."""
    dsn = make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        psycopg.connect(dsn, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        return str(exc).strip().splitlines()[0]
    return None


# --- one backend ----------------------------------------------------------------------------------


def bench_backend(
    backend: str, url: str, args: argparse.Namespace, folder: Path, report: Report
) -> None:
    sizes = QUICK if args.quick else FULL
    engine = create_db_engine(url)
    try:
        migrate.upgrade(engine)
        print(f"[{backend}] generating {sizes} ...", flush=True)
        summary = generate(engine, sizes, args.seed)
        report.data[backend] = summary.counts
        report.load_seconds[backend] = round(summary.seconds, 1)
        print(f"[{backend}] generated and written in {summary.seconds:.1f} s", flush=True)
        if backend == "postgresql" or args.sqlite_analyze:
            analyze(url)
        report.queries.extend(count_statements(engine, url, summary, backend))
    finally:
        engine.dispose()

    paths = request_paths(summary, args.warmup + args.requests, args.seed)
    # The floor: a route that touches no database (framework, logging, HTTP and client).
    paths = {"health": ["/health"] * len(paths["detail"]), **paths}
    for workers in args.workers:
        log_path = folder / f"server-{backend}-{workers}.log"
        with running_server(url, workers, log_path) as (base_url, server_pid):
            for scenario, scenario_paths in paths.items():
                quiet = wait_until_quiet(server_pid, args.wait_quiet)
                if quiet >= 0.25:
                    print(f"  warning: other processes use {quiet:.1f} cores", flush=True)
                try:
                    stats = measure_scenario(base_url, server_pid, scenario_paths, args)
                except httpx.HTTPError as exc:
                    report.failures.append(f"{backend}/{workers}/{scenario}: {exc}")
                    print(f"[{backend}] {scenario}: FAILED: {exc}", flush=True)
                    continue
                stats.backend, stats.workers, stats.scenario = backend, workers, scenario
                report.stats.append(stats)
                print(
                    f"[{backend}] workers={workers} {scenario}: median {stats.median_ms} ms, "
                    f"p95 {stats.p95_ms} ms, {stats.rps} req/s, "
                    f"server CPU {stats.server_cpu_ms} ms/request "
                    f"(other processes: {stats.other_load:.2f} cores)",
                    flush=True,
                )


def measure_scenario(
    base_url: str, server_pid: int, paths: list[str], args: argparse.Namespace
) -> Stats:
    """Sequential latencies, then concurrent throughput, of one scenario."""
    meter = CpuMeter(server_pid)
    latencies, rps, size = measure_sequential(base_url, paths, args.warmup, meter)
    concurrent = 0.0
    if args.concurrency > 1:
        concurrent = measure_concurrent(base_url, paths[args.warmup :], args.concurrency)
    ordered = sorted(latencies)
    return Stats(
        backend="",
        workers=0,
        scenario="",
        requests=len(latencies),
        median_ms=round(statistics.median(ordered), 2),
        p95_ms=round(percentile(ordered, 0.95), 2),
        p99_ms=round(percentile(ordered, 0.99), 2),
        max_ms=round(ordered[-1], 2),
        rps=round(rps, 1),
        concurrent_rps=round(concurrent, 1),
        mean_bytes=size,
        other_load=round(meter.cores, 2),
        server_cpu_ms=round(meter.server_seconds * 1000 / max(1, len(latencies)), 1),
    )


# --- reporting ------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": str(os.cpu_count()),
        "cpu_model": model,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def print_report(report: Report, run_time: float) -> bool:
    """Print the tables; True when every target is met."""
    info = report.machine
    print(f"\nMachine: {info['cpus']} CPUs, {info['cpu_model']}; Python {info['python']}, "
          f"SQLite {info['sqlite']}; total run {run_time:.0f} s")  # fmt: skip
    for backend, counts in report.data.items():
        listed = ", ".join(f"{n} {table}" for table, n in counts.items())
        print(f"Data ({backend}, loaded in {report.load_seconds[backend]} s): {listed}")
    print("\nScenarios:")
    for name, description in SCENARIOS.items():
        print(f"  {name:9} {description}")
    print(
        "\n| backend | workers | scenario | median ms | p95 ms | p99 ms | max ms | req/s (1 client)"
        f" | req/s ({report.concurrency} clients) | server CPU ms/req | body bytes"
        " | other load (cores) | target |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in report.stats:
        verdict = "-" if s.scenario == "health" else ("met" if s.meets_target else "MISSED")
        print(
            f"| {s.backend} | {s.workers} | {s.scenario} | {s.median_ms} | {s.p95_ms} | "
            f"{s.p99_ms} | {s.max_ms} | {s.rps} | {s.concurrent_rps} | {s.server_cpu_ms} | "
            f"{s.mean_bytes} | "
            f"{s.other_load} | {verdict} |"
        )
    print("\nSQL statements per request (in-process):\n")
    print("| backend | scenario | statements | grows with page size? |")
    print("|---|---|---|---|")
    for q in report.queries:
        counts = ", ".join(f"{label}: {n}" for label, n in q.counts.items())
        print(f"| {q.backend} | {q.scenario} | {counts} | {'YES (N+1)' if q.grows else 'no'} |")
    latency_ok = all(s.meets_target for s in report.stats)
    queries_ok = not any(q.grows for q in report.queries)
    print(
        f"\nTargets (median <= {TARGET_MEDIAN_MS:g} ms, p95 <= {TARGET_P95_MS:g} ms): "
        f"{'met' if latency_ok else 'MISSED'}; no N+1: {'met' if queries_ok else 'MISSED'}"
    )
    for failure in report.failures:
        print(f"FAILED: {failure}")
    return latency_ok and queries_ok


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """The options the read and the search benchmark share (see `finish_common_arguments`)."""
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, help="measured requests per scenario (300)")
    parser.add_argument("--warmup", type=int, help="warm-up requests per scenario (30)")
    parser.add_argument("--seed", type=int, default=20251106)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("ATLAS_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="an existing database on the server; the benchmark creates its own beside it",
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=60,
        help="seconds to wait, before each scenario, for other processes to leave the CPUs",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--keep", type=Path, help="keep the SQLite databases and logs here")


def finish_common_arguments(args: argparse.Namespace) -> argparse.Namespace:
    """Defaults that depend on --quick, and the backends as a list."""
    args.requests = args.requests or (100 if args.quick else 300)
    args.warmup = args.warmup if args.warmup is not None else (10 if args.quick else 30)
    args.backends = [value.strip() for value in args.backends.split(",") if value.strip()]
    return args


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Atlas read benchmark (see docs/performance.md)")
    parser.add_argument("--quick", action="store_true", help="a fifth of the data, 100 requests")
    parser.add_argument("--workers", default="1,2", help="worker counts to try, e.g. 1,2")
    parser.add_argument("--concurrency", type=int, default=4, help="clients for req/s; 1: off")
    parser.add_argument(
        "--sqlite-analyze", action="store_true", help="run ANALYZE on SQLite after loading"
    )
    parser.add_argument("--strict", action="store_true", help="exit 2 when a target is missed")
    add_common_arguments(parser)
    args = finish_common_arguments(parser.parse_args(argv))
    args.workers = [int(value) for value in args.workers.split(",") if value.strip()]
    return args


def _stop(_signum: int, _frame: Any) -> None:
    # SystemExit unwinds the context managers: the server stops and the database is dropped.
    sys.exit(143)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    started = time.perf_counter()
    report = Report(machine=machine(), concurrency=args.concurrency)
    databases: dict[str, Callable[[Path], contextlib.AbstractContextManager[str]]] = {
        "sqlite": sqlite_database,
        "postgresql": lambda _folder: postgres_database(args.postgres_url),
    }
    with contextlib.ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            folder = args.keep
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="atlas-bench-")))
        for backend in args.backends:
            if backend == "postgresql" and (reason := postgres_reachable(args.postgres_url)):
                print(f"[postgresql] skipped: server not reachable ({reason})", flush=True)
                continue
            with databases[backend](folder) as url:
                bench_backend(backend, url, args, folder, report)
    met = print_report(report, time.perf_counter() - started)
    if args.json:
        args.json.write_text(
            json.dumps(
                {**asdict(report), "targets_met": met}, indent=2, ensure_ascii=False, default=str
            )
        )
    if report.failures:
        return 1
    return 2 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
