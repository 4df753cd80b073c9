"""Backup and restore: `atlas export` / `atlas import` between SQLite and PostgreSQL, and
`atlas db backup` of a SQLite database that is being written to."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select
from tests.conftest import PostgresDatabases
from tests.test_cli import assert_one_line_error, atlas

from atlas import backup, migrate
from atlas.db import create_db_engine, session_scope
from atlas.models import (
    Actor,
    ActorKind,
    ApiKeyRole,
    DatePrecision,
    Document,
    EntityType,
    Initiative,
    InitiativeKind,
    SlugRedirect,
    Suggestion,
    SuggestionKind,
    Topic,
)
from atlas.search import service as search_service
from atlas.seeding import read_seed_bundle, seed_database
from atlas.services.apikeys import create_api_key
from atlas.settings import PROJECT_ROOT


def _table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(
                sa.select(sa.func.count()).select_from(table)
            ).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def _fill(engine: Engine) -> None:
    """The seed data, plus a row in every table the seeds leave empty and the awkward cases: a
    parent initiative with a larger id than its child, a key hash, microsecond times, umlauts."""
    with session_scope(engine) as session:
        seed_database(session, read_seed_bundle(PROJECT_ROOT / "seeds"))
    with session_scope(engine) as session:
        child = Initiative(
            slug="arbeitsgruppe-ost", name="Arbeitsgruppe Öst", kind=InitiativeKind.other
        )
        session.add(child)
        session.flush()
        parent = Initiative(
            slug="dachverband",
            name="Dachverband „Süd“",
            kind=InitiativeKind.forum,
            founded_on=date(1999, 1, 1),
            founded_precision=DatePrecision.year,
        )
        session.add(parent)
        session.flush()
        child.parent_id = parent.id
        create_api_key(session, "backup-editor", ApiKeyRole.editor)
        document = session.exec(select(Document).order_by(col(Document.id))).first()
        actor = session.exec(select(Actor).order_by(col(Actor.id))).first()
        assert document is not None and document.id is not None
        assert actor is not None and actor.id is not None
        session.add(
            SlugRedirect(entity_type=EntityType.actor, old_slug="alter-name", entity_id=actor.id)
        )
        session.add(
            Suggestion(
                kind=SuggestionKind.entity,
                document_id=document.id,
                name="Weltbund für Ärzte",
                key="actor:weltbund fur arzte",
                entity_type=EntityType.actor,
                entity_kind=ActorKind.ngo.value,
                aliases=["WfÄ"],
                start=5,
                end=20,
                spans=[[5, 20], {"start": 30, "end": 45}],
                evidence_start=0,
                evidence_end=60,
                quote="… der Weltbund für Ärzte …",
                rule="unknown-name",
                relation={"subject": {"name": "x"}, "object": None, "role": "member"},
                decided_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
            )
        )


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A filled SQLite directory, read by the tests of this module."""
    engine = create_db_engine(f"sqlite:///{tmp_path_factory.mktemp('source') / 'atlas.db'}")
    migrate.upgrade(engine)
    _fill(engine)
    yield engine
    engine.dispose()


def _migrated(url: str) -> Engine:
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    return engine


@pytest.fixture
def postgres_url(postgres_available: None, postgres_databases: PostgresDatabases) -> str:
    return postgres_databases.create()


@pytest.mark.postgres
@pytest.mark.parametrize("suffix", [".json", ".ndjson"])
def test_sqlite_to_postgresql_and_back_gives_identical_files(
    sqlite_source: Engine, postgres_url: str, tmp_path: Path, suffix: str
) -> None:
    exported = tmp_path / f"sqlite{suffix}"
    report = backup.export_directory(sqlite_source, exported)
    assert report.rows == _table_counts(sqlite_source)
    assert all(report.rows.values()), f"every table holds a row: {report.rows}"

    postgres = _migrated(postgres_url)
    try:
        assert backup.import_directory(postgres, exported).rows == report.rows
        again = tmp_path / f"postgresql{suffix}"
        backup.export_directory(postgres, again)
        assert again.read_bytes() == exported.read_bytes()

        # The sequences were moved past the imported ids: new records get fresh ones.
        with session_scope(postgres) as session:
            for model in (Actor, Initiative, Topic, Document):
                assert session.exec(select(sa.func.max(model.id))).one() is not None
            session.add(Topic(slug="neu-nach-import", label_de="Neu", label_en="New"))
            session.add(Actor(slug="neu-nach-import", name="Neu", kind=ActorKind.ngo))
        # The search index (never exported) was rebuilt.
        with postgres.connect() as connection:
            found = search_service.find(
                connection, search_service.parse_query("Deutschland"), ["actor"]
            )
        assert "deutschland" in [candidate.slug for candidate in found.candidates]
    finally:
        postgres.dispose()

    # And into SQLite again: the same bytes once more.
    back = _migrated(f"sqlite:///{tmp_path / 'back.db'}")
    try:
        backup.import_directory(back, again)
        final = tmp_path / f"final{suffix}"
        backup.export_directory(back, final)
        assert final.read_bytes() == exported.read_bytes()
    finally:
        back.dispose()


def test_the_file_is_deterministic_and_self_describing(
    sqlite_source: Engine, tmp_path: Path
) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    backup.export_directory(sqlite_source, first)
    backup.export_directory(sqlite_source, second)
    assert first.read_bytes() == second.read_bytes()

    document = json.loads(first.read_text(encoding="utf-8"))
    assert document["format"] == "atlas-export"
    assert document["format_version"] == backup.FORMAT_VERSION
    assert document["alembic_revision"] == migrate.head_revisions()[0]
    assert list(document["tables"]) == [table.name for table in backup.exported_tables()]
    for name, rows in document["tables"].items():
        keys = [key.name for key in SQLModel.metadata.tables[name].primary_key.columns]
        ids = [[row[key] for key in keys] for row in rows]
        assert ids == sorted(ids), f"{name} is ordered by its primary key"
        assert all(list(row) == sorted(row) for row in rows)
    # Only the hash of a key is there (the table holds nothing else).
    assert {"key_hash", "prefix"} <= set(document["tables"]["api_key"][0])
    suggestion = document["tables"]["suggestion"][0]
    assert suggestion["decided_at"] == "2026-01-02T03:04:05.678901+00:00"
    assert suggestion["name"] == "Weltbund für Ärzte"  # UTF-8, not \\u escapes
    assert "Weltbund für Ärzte" in first.read_text(encoding="utf-8")


def test_ndjson_has_one_header_and_one_line_per_row(sqlite_source: Engine, tmp_path: Path) -> None:
    path = tmp_path / "atlas.ndjson"
    report = backup.export_directory(sqlite_source, path)
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(header)["rows"] == report.rows
    assert len(rows) == report.total
    assert {json.loads(line)["table"] for line in rows} == set(report.rows)


# --- refusals: the database is left as it was -----------------------------------------------------


@pytest.fixture
def exported(sqlite_source: Engine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "atlas.json"
    backup.export_directory(sqlite_source, path)
    return path


@pytest.fixture
def target(empty_database_url: str) -> Iterator[Engine]:
    """An empty database on each backend, migrated to head."""
    engine = _migrated(empty_database_url)
    yield engine
    engine.dispose()


def _assert_empty(engine: Engine) -> None:
    assert set(_table_counts(engine).values()) == {0}


def test_import_refuses_a_database_that_holds_data(exported: Path, target: Engine) -> None:
    with session_scope(target) as session:
        session.add(Topic(slug="schon-da", label_de="Schon da", label_en="Already here"))
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.import_directory(target, exported)
    assert _table_counts(target)["topic"] == 1


def test_import_refuses_another_format_version(
    exported: Path, target: Engine, tmp_path: Path
) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["format_version"] = backup.FORMAT_VERSION + 1
    future = tmp_path / "future.json"
    future.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(backup.BackupError, match="format version 2"):
        backup.import_directory(target, future)
    _assert_empty(target)


def test_import_refuses_a_database_at_another_revision(
    exported: Path, empty_database_url: str
) -> None:
    engine = create_db_engine(empty_database_url)
    try:
        with pytest.raises(backup.BackupError, match="no schema"):
            backup.import_directory(engine, exported)
        migrate.upgrade(engine, "0003")
        with pytest.raises(backup.BackupError, match="revision"):
            backup.import_directory(engine, exported)
    finally:
        engine.dispose()


def test_a_failing_import_writes_nothing(exported: Path, target: Engine, tmp_path: Path) -> None:
    # A mention of a document the file does not hold: the last tables fail, after every earlier
    # table was written in the same transaction.
    document = json.loads(exported.read_text(encoding="utf-8"))
    mention = dict(document["tables"]["mention"][-1])
    mention["id"] += 1000
    mention["document_id"] = 999_999
    document["tables"]["mention"].append(mention)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(sa.exc.IntegrityError):
        backup.import_directory(target, broken)
    _assert_empty(target)


def test_a_truncated_ndjson_file_is_refused(
    sqlite_source: Engine, target: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "atlas.ndjson"
    backup.export_directory(sqlite_source, path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-3]), encoding="utf-8")
    with pytest.raises(backup.BackupError, match="incomplete"):
        backup.import_directory(target, path)
    _assert_empty(target)


# --- the commands ---------------------------------------------------------------------------------


def test_export_and_import_commands(
    sqlite_source: Engine, empty_database_url: str, tmp_path: Path
) -> None:
    source_url = sqlite_source.url.render_as_string(hide_password=False)
    path = tmp_path / "atlas.ndjson"
    exported = atlas("export", str(path), database_url=source_url)
    assert exported.returncode == 0, exported.stderr
    assert "Exported" in exported.stdout

    _migrated(empty_database_url).dispose()
    imported = atlas("import", str(path), database_url=empty_database_url)
    assert imported.returncode == 0, imported.stderr
    assert f"Imported {sum(_table_counts(sqlite_source).values())} rows" in imported.stdout

    # A second import meets a database that is no longer empty: one line, exit status 1.
    assert_one_line_error(atlas("import", str(path), database_url=empty_database_url), "not empty")


# --- SQLite online backup -------------------------------------------------------------------------


def _fill_quickly(engine: Engine, documents: int) -> None:
    text = "Deutschland und Frankreich unterzeichnen ein Abkommen über Zusammenarbeit. " * 20
    with engine.begin() as connection:
        connection.execute(
            Document.__table__.insert(),  # type: ignore[attr-defined]
            [
                {
                    "slug": f"dokument-{number}",
                    "title": f"Dokument {number}",
                    "kind": "article",
                    "language": "de",
                    "clean_text": text,
                    "raw_text": text,
                    "captions": [],
                    "sha256": f"{number:064x}",
                    "version": 1,
                    "created_at": datetime.now(UTC),
                    "updated_at": datetime.now(UTC),
                }
                for number in range(documents)
            ],
        )


def test_online_backup_while_a_writer_writes(tmp_path: Path) -> None:
    database = tmp_path / "live.db"
    engine = _migrated(f"sqlite:///{database}")
    _fill_quickly(engine, 20_000)  # about 40 MB: the copy takes a while
    stop = threading.Event()
    written: list[float] = []
    errors: list[BaseException] = []

    def write() -> None:
        number = 0
        while not stop.is_set():
            try:
                with Session(engine) as session:
                    session.add(Topic(slug=f"t-{number}", label_de="T", label_en="T"))
                    session.commit()
                written.append(time.monotonic())
                number += 1
            except BaseException as exc:  # reported by the test
                errors.append(exc)
                return

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        before = len(written)
        started = time.monotonic()
        report = backup.backup_sqlite(engine, tmp_path / "copies" / "atlas-backup.db")
        finished = time.monotonic()
        while len(written) < before + 20:
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join()
        engine.dispose()

    assert not errors, errors
    during = [moment for moment in written if started <= moment <= finished]
    assert during, "the writer committed while the backup ran"
    copy = sqlite3.connect(report.path)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("SELECT count(*) FROM document").fetchone() == (20_000,)
        (topics,) = copy.execute("SELECT count(*) FROM topic").fetchone()
        assert before <= topics <= len(written)
    finally:
        copy.close()
    assert not list((tmp_path / "copies").glob(".*partial")), "no partial file is left behind"


def test_backup_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    _migrated(url).dispose()
    result = atlas("db", "backup", str(tmp_path / "backup.db"), database_url=url)
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout
    with sqlite3.connect(tmp_path / "backup.db") as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() is not None


@pytest.mark.postgres
def test_backup_command_points_postgresql_at_pg_dump(postgres_url: str, tmp_path: Path) -> None:
    result = atlas("db", "backup", str(tmp_path / "backup.db"), database_url=postgres_url)
    assert_one_line_error(result, "pg_dump")
    assert not (tmp_path / "backup.db").exists()
