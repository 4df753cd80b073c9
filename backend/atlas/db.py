"""The database engine and sessions.

Atlas uses synchronous SQLAlchemy sessions: the SQLite driver is synchronous anyway, the CLI and
the API share the same plain functions, and nothing can trip over lazy loading in an event loop.
Litestar runs the handlers that use them in its thread pool.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlmodel import Session, create_engine

from atlas.search import index as _search_index  # noqa: F401  (keeps the index in step)
from atlas.settings import Settings, normalize_database_url

SQLITE_BUSY_TIMEOUT_MS = 15_000


def create_db_engine(url: str | URL, *, echo: bool = False) -> Engine:
    """An engine for a sqlite:// or postgresql:// URL, configured the way Atlas needs it."""
    url = normalize_database_url(url)
    if url.get_backend_name() == "sqlite":
        return _create_sqlite_engine(url, echo=echo)
    return create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        json_serializer=_json_dumps,
        connect_args={"connect_timeout": 10},
    )


def _json_dumps(value: Any) -> str:
    # Names stay readable in the database (and searchable): no \u escapes for ä, ö, ü, ß.
    return json.dumps(value, ensure_ascii=False)


def _create_sqlite_engine(url: URL, *, echo: bool) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        json_serializer=_json_dumps,
        # Requests run in a thread pool; each connection is used by one thread at a time.
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def for_writing(engine: Engine) -> Engine:
    """The engine for transactions that write: on SQLite they take the write lock when they begin.

    A deferred SQLite transaction that reads and then writes fails at once with "database is
    locked" when another connection committed in between: the busy timeout does not apply to
    upgrading a stale snapshot. Taking the lock at BEGIN IMMEDIATE waits (up to the busy timeout)
    instead. Readers keep deferred transactions and never wait for writers (WAL).
    """
    return engine.execution_options(atlas_writes=True)


def writing_session(engine: Engine) -> Session:
    """A session for a request or command that writes: its first transaction takes the write
    lock when it begins (see `for_writing`); what it reads after the commit (the answer) no longer
    holds the lock, which other writers would otherwise wait for until the session closes."""
    session = Session(for_writing(engine), expire_on_commit=False)
    session.info["atlas_engine"] = engine
    event.listen(session, "after_commit", _read_after_commit)
    return session


def _read_after_commit(session: Session) -> None:
    session.bind = session.info["atlas_engine"]


def _begin_sqlite_transaction(connection: Connection) -> None:
    # With the driver's implicit transactions off (see below), SQLAlchemy's "begin" is the one
    # place a transaction starts, so DDL in migrations and every seed run is all-or-nothing.
    writes = connection.get_execution_options().get("atlas_writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 commits DDL silently and begins transactions only before DML; turning its
    # own handling off lets SQLAlchemy's BEGIN above cover everything.
    dbapi_connection.isolation_level = None
    # Foreign keys are off by default in SQLite; WAL lets readers run beside a writer; the busy
    # timeout makes a writer wait for the lock instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()
    # SQLite's own lower() folds only ASCII; text search must fold Ä, Ö, Ü like PostgreSQL does.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def engine_from_settings(settings: Settings) -> Engine:
    """The engine for the configured DATABASE_URL."""
    return create_db_engine(settings.sqlalchemy_url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed at the end, or rolled back entirely on an error."""
    with Session(for_writing(engine), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
