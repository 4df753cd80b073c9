"""Crashes (issue 8): `atlas seed` and a batch `atlas ingest` killed with SIGKILL halfway, on
SQLite and PostgreSQL. Afterwards the database is consistent (SQLite's integrity and foreign key
checks; no document without the mentions and suggestions ingest makes for it, no orphan mention or
suggestion), and running the command again completes: every seed record, every text exactly once,
the ones stored before the crash reported unchanged.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Engine
from tests.live_server import ATLAS, atlas

from atlas.db import create_db_engine

TEXTS = 200
NAMES = [
    "Deutschland", "Frankreich", "Polen", "Japan", "Kanada", "Indien", "Südkorea",
    "Außenministerin Baerbock", "Heiko Maas", "Vereinte Nationen",
]  # fmt: skip
SEED_TABLES = [
    "topic", "actor", "initiative", "event", "document", "mention", "participation",
    "affiliation",
]  # fmt: skip
# What ingest writes for a text, per document: its mentions and its suggestions.
PER_DOCUMENT = """
    SELECT d.slug,
           (SELECT count(*) FROM mention m WHERE m.document_id = d.id),
           (SELECT count(*) FROM suggestion s WHERE s.document_id = d.id)
    FROM document d WHERE d.slug NOT IN :seeded
"""


def _environment(database_url: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    # Progress must reach the pipe as it happens, not when the process ends.
    return {**environment, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    upgraded = atlas("db", "upgrade", DATABASE_URL=empty_database_url)
    assert upgraded.returncode == 0, upgraded.stderr
    engine = create_db_engine(empty_database_url)
    yield engine
    engine.dispose()


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in SEED_TABLES
        }


def assert_consistent(engine: Engine) -> None:
    """SQLite's own checks, and no row pointing at a document that is not there."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        for table in ("mention", "suggestion", "document_topic"):
            orphans = connection.execute(
                text(
                    f"SELECT count(*) FROM {table} t "
                    "WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.id = t.document_id)"
                )
            ).scalar_one()
            assert orphans == 0, f"{orphans} orphan row(s) in {table}"


def _kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_seed_killed_halfway(empty_database_url: str, engine: Engine) -> None:
    """Killed after its documents are written but before their mentions: the seed is one
    transaction, so nothing of it stays; the next run loads everything."""
    process = subprocess.Popen(
        [ATLAS, "seed"],
        env=_environment(empty_database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    progress = []
    for line in process.stdout:
        progress.append(line.strip())
        if line.strip().startswith("documents:"):
            _kill(process)
            break
    assert progress[-1].startswith("documents:"), progress
    assert_consistent(engine)
    assert _counts(engine) == dict.fromkeys(SEED_TABLES, 0)

    again = atlas("seed", DATABASE_URL=empty_database_url)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().endswith("Seeded.")
    assert "0 updated, 0 unchanged, 0 removed" in again.stdout
    counts = _counts(engine)
    assert all(counts[table] > 0 for table in SEED_TABLES), counts
    assert_consistent(engine)
    once_more = atlas("seed", DATABASE_URL=empty_database_url)
    assert "Already up to date" in once_more.stdout
    assert _counts(engine) == counts
    print(f"\n{engine.dialect.name}: seed killed after {progress[-1]!r}; rerun loaded {counts}")


def write_texts(folder: Path) -> Path:
    """TEXTS press releases, each naming two actors (some known to the seeds, some not)."""
    folder.mkdir()
    for number in range(TEXTS):
        first, second = NAMES[number % 10], NAMES[(number * 3 + 1) % 10]
        body = (
            f"Nummer {number}: {first} und {second} vereinbaren eine engere Zusammenarbeit "
            "in der Klimapolitik. " * 3
        ) + f"Das Treffen {number} fand in Berlin statt."
        (folder / f"text_{number:03d}.txt").write_text(
            "Willkommen auf den Seiten des Auswärtigen Amts\n\n"
            f"{first} und {second}: Gespräch Nummer {number}\n\n"
            f"{1 + number % 28:02d}.03.2021 - Pressemitteilung\n\n{body}\n\nnach oben\n",
            encoding="utf-8",
        )
    return folder


def _per_document(engine: Engine, seeded: list[str]) -> dict[str, tuple[int, int]]:
    statement = text(PER_DOCUMENT).bindparams(bindparam("seeded", expanding=True))
    with engine.connect() as connection:
        rows = connection.execute(statement, {"seeded": seeded})
        return {slug: (int(mentions), int(suggestions)) for slug, mentions, suggestions in rows}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, int]]:
    """What an uninterrupted ingest of the texts writes (on SQLite): mentions and suggestions
    per document."""
    folder = tmp_path_factory.mktemp("reference")
    url = f"sqlite:///{folder / 'atlas.db'}"
    for command in (["db", "upgrade"], ["seed"]):
        assert atlas(*command, DATABASE_URL=url).returncode == 0
    engine = create_db_engine(url)
    seeded = _slugs(engine)
    result = atlas("ingest", str(write_texts(folder / "texts")), DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    try:
        return _per_document(engine, seeded)
    finally:
        engine.dispose()


def _slugs(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT slug FROM document")).scalars())


def test_ingest_killed_halfway(
    empty_database_url: str,
    engine: Engine,
    tmp_path: Path,
    reference: dict[str, tuple[int, int]],
) -> None:
    seeded_run = atlas("seed", DATABASE_URL=empty_database_url)
    assert seeded_run.returncode == 0, seeded_run.stderr
    seeded = _slugs(engine)
    texts = write_texts(tmp_path / "texts")
    process = subprocess.Popen(
        [ATLAS, "ingest", str(texts)],
        env=_environment(empty_database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        stored = len(_slugs(engine)) - len(seeded)
        if stored >= TEXTS // 3:
            break
        time.sleep(0.1)
    assert process.poll() is None, "ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert_consistent(engine)
    partial = _per_document(engine, seeded)
    assert TEXTS // 3 <= len(partial) < TEXTS
    # Every document that is there has everything ingest writes with it: nothing half-written.
    assert {slug: reference[slug] for slug in partial} == partial

    again = atlas("ingest", str(texts), DATABASE_URL=empty_database_url)
    assert again.returncode == 0, again.stderr
    summary = again.stdout.strip().splitlines()[-1]
    assert summary.startswith(
        f"{TEXTS} input(s): {TEXTS - len(partial)} new, {len(partial)} unchanged, 0 failed"
    ), summary
    assert_consistent(engine)
    assert _per_document(engine, seeded) == reference
    with engine.connect() as connection:
        duplicates = connection.execute(
            text("SELECT count(*) - count(DISTINCT sha256) FROM document")
        ).scalar_one()
    assert duplicates == 0
    print(
        f"\n{engine.dialect.name}: ingest killed after {len(partial)} of {TEXTS} texts; "
        f"rerun: {summary}"
    )
