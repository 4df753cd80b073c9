"""Backup and restore: the whole directory as one portable file, and SQLite's online backup.

`export_directory` writes every table of `SQLModel.metadata` (records, link tables, relations,
mentions, slug redirects, suggestions, API keys — only their hashes exist) as JSON or NDJSON with
a format version and the Alembic revision. The file is deterministic: tables in dependency order,
rows by primary key, keys sorted, times as ISO 8601 in UTC, no export time. So the same data gives
the same bytes on SQLite and PostgreSQL, and a file can be compared with `cmp`.

`import_directory` loads such a file into an empty database migrated to the file's revision, in
one transaction, then rebuilds the search index (derived data, never exported) and, on
PostgreSQL, moves the key sequences past the imported ids.

`backup_sqlite` copies a live SQLite database with SQLite's online backup while others write.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import IO, Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

import atlas.models  # noqa: F401  (registers every table on SQLModel.metadata)
from atlas import migrate
from atlas.errors import AtlasError
from atlas.search import index as search_index

FORMAT_NAME: Final = "atlas-export"
# Bump when the file's layout changes (not when the schema changes: the Alembic revision in the
# file says which schema its rows follow).
FORMAT_VERSION: Final = 1
BATCH_SIZE: Final = 1000


class ExportFormat(StrEnum):
    json = "json"
    ndjson = "ndjson"


class BackupError(AtlasError):
    """An export, import or backup that cannot be done; the message says why, in one line."""


@dataclass
class TransferReport:
    """What an export or import moved: rows per table, and the schema revision."""

    revision: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


# --- export ---------------------------------------------------------------------------------------


def export_directory(
    engine: Engine, path: Path, export_format: ExportFormat | None = None
) -> TransferReport:
    """Write the whole directory to `path` (JSON, or NDJSON by `export_format` or extension).

    Reads in one transaction, so a directory being written to gives a consistent file; the file
    appears only when complete.
    """
    export_format = export_format or format_for_path(path)
    with _snapshot(engine) as connection:
        revision = _single_revision(connection)
        report = TransferReport(revision)
        with _atomic_file(path) as out:
            if export_format is ExportFormat.ndjson:
                _write_ndjson(connection, out, report)
            else:
                _write_json(connection, out, report)
    return report


def format_for_path(path: Path) -> ExportFormat:
    """NDJSON for `.ndjson` and `.jsonl` files, JSON otherwise."""
    return (
        ExportFormat.ndjson if path.suffix.lower() in {".ndjson", ".jsonl"} else ExportFormat.json
    )


def exported_tables() -> list[sa.Table]:
    """Every table of the directory, parents before the tables that refer to them."""
    return list(SQLModel.metadata.sorted_tables)


def _header(revision: str, layout: ExportFormat) -> dict[str, Any]:
    return {
        "alembic_revision": revision,
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "layout": layout.value,
    }


def _write_json(connection: Connection, out: IO[str], report: TransferReport) -> None:
    # Written by hand, one row a line, so that a large directory never sits in memory whole and
    # two files can be compared with diff.
    header = _dumps(_header(report.revision, ExportFormat.json))
    out.write(header[:-1] + ', "tables": {\n')
    for number, table in enumerate(exported_tables()):
        out.write(("" if number == 0 else ",\n") + f"{_dumps(table.name)}: [")
        count = 0
        for row in _rows(connection, table):
            out.write(("\n" if count == 0 else ",\n") + _dumps(row))
            count += 1
        out.write("\n]" if count else "]")
        report.rows[table.name] = count
    out.write("\n}}\n")


def _write_ndjson(connection: Connection, out: IO[str], report: TransferReport) -> None:
    # The first line is the header with the row count of each table, so that an import notices a
    # file cut short; then one line per row.
    counts = {
        table.name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        for table in exported_tables()
    }
    out.write(_dumps({**_header(report.revision, ExportFormat.ndjson), "rows": counts}) + "\n")
    for table in exported_tables():
        for row in _rows(connection, table):
            out.write(_dumps({"row": row, "table": table.name}) + "\n")
        report.rows[table.name] = counts[table.name]


def _rows(connection: Connection, table: sa.Table) -> Iterator[dict[str, Any]]:
    query = sa.select(table).order_by(*table.primary_key.columns)
    result = connection.execute(query, execution_options={"yield_per": BATCH_SIZE})
    for row in result.mappings():
        yield {name: _portable(value) for name, value in row.items()}


def _portable(value: Any) -> Any:
    """A column value as both databases give it back: aware times in UTC, enums as values."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


# --- import ---------------------------------------------------------------------------------------


def import_directory(engine: Engine, path: Path) -> TransferReport:
    """Load an export into this empty database, all or nothing.

    Refuses (BackupError) a file of another format or format version, a database that is not
    migrated to the file's revision, and a database that holds any row.
    """
    if not path.is_file():
        raise BackupError(f"no such file: {path}")
    with path.open(encoding="utf-8") as source:
        header, tables = _read(source, path)
        with engine.begin() as connection:
            _check_target(connection, header["alembic_revision"])
            report = TransferReport(header["alembic_revision"])
            report.rows = dict.fromkeys((table.name for table in exported_tables()), 0)
            for table, rows in tables:
                report.rows[table.name] = _insert(connection, table, rows)
            if "rows" in header and header["rows"] != report.rows:
                raise BackupError(f"{path} is incomplete: it holds fewer rows than its header says")
            search_index.reindex(connection)
            _advance_sequences(connection)
    return report


def _read(
    source: IO[str], path: Path
) -> tuple[dict[str, Any], Iterator[tuple[sa.Table, Iterable[dict[str, Any]]]]]:
    first_line = source.readline()
    try:
        header = json.loads(first_line)
    except ValueError:
        header = None
    if isinstance(header, dict) and header.get("layout") == ExportFormat.ndjson.value:
        _check_header(header, path)
        return header, _ndjson_tables(source, path)
    source.seek(0)
    try:
        document = json.load(source)
    except ValueError as exc:
        raise BackupError(f"{path} is not an Atlas export: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("tables"), dict):
        raise BackupError(f"{path} is not an Atlas export (no tables)")
    _check_header(document, path)
    data: dict[str, Any] = document["tables"]
    unknown = set(data) - {table.name for table in exported_tables()}
    if unknown:
        raise BackupError(
            f"{path} has tables this Atlas does not know: {', '.join(sorted(unknown))}"
        )
    return document, ((table, data.get(table.name, [])) for table in exported_tables())


def _check_header(header: dict[str, Any], path: Path) -> None:
    if header.get("format") != FORMAT_NAME:
        raise BackupError(f"{path} is not an Atlas export (format {header.get('format')!r})")
    if header.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has format version {header.get('format_version')!r}; "
            f"this Atlas reads version {FORMAT_VERSION}"
        )
    if not isinstance(header.get("alembic_revision"), str):
        raise BackupError(f"{path} does not say which schema revision its rows follow")


def _ndjson_tables(
    source: IO[str], path: Path
) -> Iterator[tuple[sa.Table, Iterable[dict[str, Any]]]]:
    """Rows grouped by table as the file lists them; tables must come in dependency order."""
    by_name = {table.name: table for table in exported_tables()}
    pending: list[tuple[str, dict[str, Any]]] = []
    lines = enumerate(source, start=2)

    def records() -> Iterator[tuple[str, dict[str, Any]]]:
        for number, line in lines:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield record["table"], record["row"]
            except (ValueError, KeyError, TypeError):
                raise BackupError(f"{path}:{number}: not a row of an Atlas export") from None

    stream = records()
    for name, row in stream:
        pending.append((name, row))
        break
    seen: set[str] = set()
    while pending:
        name, first = pending.pop()
        if name not in by_name:
            raise BackupError(f"{path} has a table this Atlas does not know: {name}")
        if name in seen:
            raise BackupError(f"{path} lists the rows of {name} in more than one place")
        seen.add(name)

        def same_table(name: str = name, first: dict[str, Any] = first) -> Iterator[dict[str, Any]]:
            yield first
            for next_name, row in stream:
                if next_name != name:
                    pending.append((next_name, row))
                    return
                yield row

        yield by_name[name], same_table()


def _check_target(connection: Connection, revision: str) -> None:
    current = migrate.current_revisions(connection)
    if not current:
        raise BackupError(
            f"the database has no schema: run `atlas db upgrade {revision}` first, then import"
        )
    if current != (revision,):
        raise BackupError(
            f"the file follows schema revision {revision}, the database is at "
            f"{', '.join(current)}: import into a database migrated to {revision} "
            "(`atlas db upgrade` afterwards)"
        )
    for table in exported_tables():
        if connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            raise BackupError(
                f"the database is not empty ({table.name} has rows); import needs an empty one"
            )


def _insert(connection: Connection, table: sa.Table, rows: Iterable[dict[str, Any]]) -> int:
    columns = {column.name: column for column in table.columns}
    # A row may refer to a later row of its own table (an initiative to its parent): such columns
    # are written once every row is in.
    self_references = [
        column.name
        for column in table.columns
        if any(key.column.table is table for key in column.foreign_keys)
    ]
    deferred: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    count = 0
    for raw in rows:
        if not isinstance(raw, dict) or set(raw) != set(columns):
            got = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
            raise BackupError(
                f"a row of {table.name} does not have the table's columns "
                f"(expected {sorted(columns)}, got {got})"
            )
        row = {name: _from_portable(columns[name], value) for name, value in raw.items()}
        if any(row[name] is not None for name in self_references):
            deferred.append(row)
            row = {**row, **dict.fromkeys(self_references)}
        batch.append(row)
        count += 1
        if len(batch) >= BATCH_SIZE:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)
    if deferred:
        _restore_self_references(connection, table, self_references, deferred)
    return count


def _restore_self_references(
    connection: Connection, table: sa.Table, names: list[str], rows: list[dict[str, Any]]
) -> None:
    keys = list(table.primary_key.columns)
    # Columns with an `onupdate` (updated_at) are set to their own values, or the update would
    # stamp them with the time of the import.
    stamped = [column.name for column in table.columns if column.onupdate is not None]
    statement = (
        table.update()
        .where(*(key == sa.bindparam(f"key_{key.name}") for key in keys))
        .values({name: sa.bindparam(f"value_{name}") for name in [*names, *stamped]})
    )
    connection.execute(
        statement,
        [
            {
                **{f"key_{key.name}": row[key.name] for key in keys},
                **{f"value_{name}": row[name] for name in [*names, *stamped]},
            }
            for row in rows
        ],
    )


def _from_portable(column: sa.Column[Any], value: Any) -> Any:
    if not isinstance(value, str):
        return value
    column_type = column.type
    if isinstance(column_type, sa.TypeDecorator):
        column_type = column_type.impl_instance
    try:
        if isinstance(column_type, sa.DateTime):
            return datetime.fromisoformat(value)
        if isinstance(column_type, sa.Date):
            return date.fromisoformat(value)
    except ValueError:
        raise BackupError(f"{column.table.name}.{column.name}: not a date: {value!r}") from None
    return value


def _advance_sequences(connection: Connection) -> None:
    """PostgreSQL hands out ids from sequences that explicit ids do not move: move them past the
    largest imported id. (SQLite takes the next id from the table itself.)"""
    if connection.dialect.name != "postgresql":
        return
    for table in exported_tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].autoincrement is False:
            continue
        key = keys[0]
        if not isinstance(key.type, sa.Integer):
            continue
        connection.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE(MAX("{key.name}"), 0) + 1, false) FROM "{table.name}"'
            ),
            {"table": table.name, "column": key.name},
        )


# --- SQLite online backup ---------------------------------------------------------------------


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int


def backup_sqlite(engine: Engine, target: Path) -> BackupReport:
    """Copy the SQLite database to `target` while the server keeps reading and writing.

    SQLite's online backup copies one consistent snapshot (in a single step: in WAL mode a reader
    never blocks writers, and a step-by-step copy would restart whenever they write). The copy is
    checked (`PRAGMA integrity_check`), switched to a single-file journal and only then moved to
    `target`, replacing it atomically.
    """
    url = engine.url
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            "online backup is for SQLite; for PostgreSQL use pg_dump "
            "(e.g. pg_dump --format=custom --file=atlas.dump DBNAME) or `atlas export`"
        )
    if not url.database or url.database == ":memory:" or not Path(url.database).is_file():
        raise BackupError(f"no SQLite database file at {url.database or ':memory:'}")
    source_path = Path(url.database)
    if target.resolve() == source_path.resolve():
        raise BackupError("the backup cannot replace the database it copies")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    source = sqlite3.connect(source_path, timeout=15)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            result = copy.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise BackupError(f"the copy failed its integrity check: {result[0][0]}")
        finally:
            copy.close()
        partial.replace(target)
    finally:
        source.close()
        partial.unlink(missing_ok=True)
    return BackupReport(target, target.stat().st_size)


# --- helpers --------------------------------------------------------------------------------------


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection that sees one state of the whole database (one read transaction)."""
    options: dict[str, Any] = {}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "REPEATABLE READ"
    with engine.connect().execution_options(**options) as connection, connection.begin():
        yield connection


def _single_revision(connection: Connection) -> str:
    revisions = migrate.current_revisions(connection)
    if not revisions:
        raise BackupError("the database has no schema yet (run `atlas db upgrade`)")
    if len(revisions) > 1:
        raise BackupError(f"the database is at several revisions: {', '.join(revisions)}")
    return revisions[0]


@contextmanager
def _atomic_file(path: Path) -> Iterator[IO[str]]:
    """A file that appears at `path` only once everything is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
