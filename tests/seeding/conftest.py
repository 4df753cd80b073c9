"""A database per backend with the seed data loaded, shared by the read-only fact tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from atlas import migrate
from atlas.db import create_db_engine, session_scope
from atlas.seeding import read_seed_bundle, seed_database
from atlas.settings import PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT / "seeds"


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def seeded_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'atlas.db'}"
    else:
        request.getfixturevalue("postgres_available")
        url = request.getfixturevalue("postgres_databases").create()
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    with session_scope(engine) as session:
        seed_database(session, read_seed_bundle(SEEDS_DIR))
    yield engine
    engine.dispose()


@pytest.fixture
def seeded(seeded_engine: Engine) -> Iterator[Session]:
    """A read-only view of the seeded directory."""
    with Session(seeded_engine) as session:
        yield session
        session.rollback()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A copy of seeds/ that a test may edit."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target
