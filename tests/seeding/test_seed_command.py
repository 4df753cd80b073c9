"""`atlas seed`: idempotent, updates in place, one transaction; --check writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from atlas import migrate
from atlas.db import create_db_engine, session_scope
from atlas.models import Actor, Document, Participation
from atlas.seeding import read_seed_bundle, seed_database

ATLAS = str(Path(sys.executable).with_name("atlas"))


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, timestamps included."""
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in SQLModel.metadata.sorted_tables
        }


def seed(engine: Engine, seeds_dir: Path):
    with session_scope(engine) as session:
        return seed_database(session, read_seed_bundle(seeds_dir))


def run_atlas(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ATLAS_", "DATABASE_"))}
    environment["DATABASE_URL"] = database_url
    return subprocess.run(
        [ATLAS, *args], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    migrate.upgrade(empty_engine)
    return empty_engine


def test_seeding_twice_yields_identical_tables(engine: Engine, seeds_copy: Path) -> None:
    first = seed(engine, seeds_copy)
    after_first = snapshot(engine)

    second = seed(engine, seeds_copy)

    assert first.changed
    assert not second.changed
    assert snapshot(engine) == after_first
    assert second.of("actors").unchanged == len(after_first["actor"])


def test_changed_annotations_update_in_place(engine: Engine, seeds_copy: Path) -> None:
    seed(engine, seeds_copy)
    with Session(engine) as session:
        maas = session.exec(select(Actor).where(Actor.slug == "heiko-maas")).scalar_one()
        maas_id, maas_created = maas.id, maas.created_at
        links_before = session.exec(select(Participation)).all()

    actors = seeds_copy / "annotations" / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("name: Heiko Maas", "name: Heiko Josef Maas", 1),
        encoding="utf-8",
    )
    participations = seeds_copy / "annotations" / "participations.yaml"
    lines = participations.read_text(encoding="utf-8").splitlines(keepends=True)
    first_entry = next(i for i, line in enumerate(lines) if line.startswith("  - "))
    next_entry = next(
        i for i, line in enumerate(lines) if i > first_entry and line.startswith("  - ")
    )
    participations.write_text("".join(lines[:first_entry] + lines[next_entry:]), encoding="utf-8")

    report = seed(engine, seeds_copy)

    assert report.of("actors").updated == 1
    assert report.of("participations").removed == 1
    with Session(engine) as session:
        maas = session.get(Actor, maas_id)
        assert maas.name == "Heiko Josef Maas"
        assert maas.created_at == maas_created
        assert maas.updated_at > maas_created
        assert len(session.exec(select(Participation)).all()) == len(links_before) - 1


def test_a_failure_midway_leaves_the_database_as_it_was(engine: Engine, seeds_copy: Path) -> None:
    seed(engine, seeds_copy)
    # Another document already holds the text one seed document will get: the seed's update of
    # that document violates the unique SHA-256 after actors and initiatives have been written.
    bundle = read_seed_bundle(seeds_copy)
    taken = next(iter(bundle.texts.values()))
    with session_scope(engine) as session:
        session.execute(
            text("UPDATE document SET sha256 = :sha WHERE sha256 = :old"),
            {"sha": "0" * 64, "old": taken.sha256},
        )
        session.add(
            Document(
                slug="squatter", title="Squatter", raw_text="x", clean_text="x", sha256=taken.sha256
            )
        )
        session.execute(text("UPDATE actor SET name = 'Renamed by hand' WHERE slug = 'heiko-maas'"))
    before = snapshot(engine)

    with pytest.raises(Exception), session_scope(engine) as session:  # noqa: B017
        seed_database(session, bundle)

    assert snapshot(engine) == before


def test_broken_annotation_fails_with_file_and_line_and_writes_nothing(
    empty_database_url: str, seeds_copy: Path
) -> None:
    assert run_atlas("db", "upgrade", database_url=empty_database_url).returncode == 0
    participations = seeds_copy / "annotations" / "participations.yaml"
    content = participations.read_text(encoding="utf-8")
    participations.write_text(content.replace("role: host", "role: emperor", 1), encoding="utf-8")
    broken_line = content[: content.index("role: host")].count("\n") + 1

    for args in (["seed", "--check"], ["seed"]):
        result = run_atlas(*args, "--seeds", str(seeds_copy), database_url=empty_database_url)
        assert result.returncode == 1
        assert f"participations.yaml:{broken_line}" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("atlas: error: ")

    check_engine = create_db_engine(empty_database_url)
    try:
        assert all(rows == [] for rows in snapshot(check_engine).values())
    finally:
        check_engine.dispose()


def test_seed_command_reports_and_is_idempotent(empty_database_url: str) -> None:
    assert run_atlas("db", "upgrade", database_url=empty_database_url).returncode == 0

    first = run_atlas("seed", database_url=empty_database_url)
    second = run_atlas("seed", database_url=empty_database_url)

    assert first.returncode == 0, first.stderr
    assert "actors:" in first.stdout and "Seeded." in first.stdout
    assert second.returncode == 0, second.stderr
    assert "Already up to date" in second.stdout


def test_check_validates_the_shipped_seeds() -> None:
    result = run_atlas("seed", "--check", database_url="sqlite:////nonexistent/never-written.db")

    assert result.returncode == 0, result.stderr
    assert "Seed files are valid: 5 texts" in result.stdout
