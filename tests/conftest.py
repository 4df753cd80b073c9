"""Fixtures that give each test a real SQLite or PostgreSQL database.

PostgreSQL tests need the server at ATLAS_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432).
Outside CI they are skipped when it cannot be reached; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from typing import Any, TypeVar

import psycopg
import pytest
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from atlas import migrate
from atlas.db import create_db_engine, session_scope
from atlas.models import (
    Actor,
    ActorKind,
    Document,
    Event,
    Initiative,
    InitiativeKind,
    Topic,
)
from atlas.seeding import read_seed_bundle, seed_database
from atlas.settings import PROJECT_ROOT

# Tests send thousands of requests a minute from one address; the rate limit's own tests turn it
# on in their settings.
os.environ.setdefault("ATLAS_RATE_LIMIT", "off")
POSTGRES_URL = os.environ.get(
    "ATLAS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
T = TypeVar("T")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _admin_dsn() -> str:
    return make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(False)


@pytest.fixture(scope="session")
def postgres_available() -> None:
    try:
        psycopg.connect(_admin_dsn(), connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL must be reachable in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")


class PostgresDatabases:
    """Creates throw-away databases on the test server and drops them afterwards."""

    def __init__(self) -> None:
        self.created: list[str] = []

    def create(self) -> str:
        name = f"atlas_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_admin_dsn(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return make_url(POSTGRES_URL).set(database=name).render_as_string(False)

    def drop_all(self) -> None:
        with psycopg.connect(_admin_dsn(), autocommit=True) as connection:
            for name in self.created:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    databases = PostgresDatabases()
    yield databases
    if databases.created:
        databases.drop_all()


def _new_database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'atlas.db'}"
    request.getfixturevalue("postgres_available")
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    return databases.create()


@pytest.fixture(params=BACKENDS)
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The URL of a new, empty database (no schema) on each backend."""
    return _new_database_url(request.param, request, tmp_path_factory)


@pytest.fixture
def empty_engine(empty_database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(empty_database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One database per backend for the whole run, migrated to head."""
    engine = create_db_engine(_new_database_url(request.param, request, tmp_path_factory))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(migrated_engine: Engine) -> Iterator[Session]:
    """A session whose every write, commits included, is rolled back after the test."""
    with migrated_engine.connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint") as db_session:
            yield db_session
        transaction.rollback()


class Builder:
    """Builds valid records with unique slugs; tests override only what they care about."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.counter = 0

    def _next(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"

    def add(self, record: T) -> T:
        self.session.add(record)
        self.session.flush()
        return record

    def actor(self, **fields: Any) -> Actor:
        fields.setdefault("slug", self._next("actor"))
        fields.setdefault("name", fields["slug"].title())
        fields.setdefault("kind", ActorKind.state)
        return self.add(Actor(**fields))

    def initiative(self, **fields: Any) -> Initiative:
        fields.setdefault("slug", self._next("initiative"))
        fields.setdefault("name", fields["slug"].title())
        fields.setdefault("kind", InitiativeKind.alliance)
        return self.add(Initiative(**fields))

    def event(self, **fields: Any) -> Event:
        fields.setdefault("slug", self._next("event"))
        fields.setdefault("name", fields["slug"].title())
        return self.add(Event(**fields))

    def document(self, **fields: Any) -> Document:
        fields.setdefault("slug", self._next("document"))
        fields.setdefault("title", fields["slug"].title())
        fields.setdefault("raw_text", f"Text of {fields['slug']}.")
        fields.setdefault("clean_text", fields["raw_text"])
        fields.setdefault("sha256", hashlib.sha256(fields["raw_text"].encode()).hexdigest())
        return self.add(Document(**fields))

    def topic(self, **fields: Any) -> Topic:
        fields.setdefault("slug", self._next("topic"))
        fields.setdefault("label_de", fields["slug"].title())
        fields.setdefault("label_en", fields["slug"].title())
        return self.add(Topic(**fields))


@pytest.fixture
def build(session: Session) -> Builder:
    return Builder(session)


@pytest.fixture(scope="session", params=BACKENDS)
def seeded_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One database per backend for the whole run, with the seed data loaded."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'atlas.db'}"
    else:
        request.getfixturevalue("postgres_available")
        url = request.getfixturevalue("postgres_databases").create()
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    with session_scope(engine) as session:
        seed_database(session, read_seed_bundle(PROJECT_ROOT / "seeds"))
    yield engine
    engine.dispose()


@pytest.fixture
def seeded(seeded_engine: Engine) -> Iterator[Session]:
    """A read-only view of the seeded directory."""
    with Session(seeded_engine) as session:
        yield session
        session.rollback()
