"""`atlas ingest` and `atlas review` as an operator runs them: real process, real database."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from tests.api.conftest import press_release
from tests.test_cli import ATLAS, atlas

from atlas import migrate
from atlas.db import create_db_engine, session_scope
from atlas.models import Actor, Document, Initiative, Mention, Suggestion

ALLIANCE_TEXT = press_release(
    "Allianz trifft sich",
    "Die Allianz für den Multilateralismus hat sich in New York getroffen. "
    "Premierminister Mustafa al-Kadhimi sprach über die Zusammenarbeit mit Kasachstan.",
)
OTHER_TEXT = press_release(
    "Kasachstan lädt ein",
    "Kasachstan lädt zum Forum nach Astana ein. Die kasachische Regierung erwartet viele Gäste "
    "aus der Region.",
    day="02.04.2021",
)


@pytest.fixture
def database(empty_database_url: str) -> str:
    engine = create_db_engine(empty_database_url)
    migrate.upgrade(engine)
    with session_scope(engine) as session:
        session.add(Actor(slug="kasachstan", name="Kasachstan", kind="state", country="KZ"))
        session.add(
            Initiative(
                slug="allianz-fuer-den-multilateralismus",
                name="Allianz für den Multilateralismus",
                kind="alliance",
            )
        )
    engine.dispose()
    return empty_database_url


def counts(url: str) -> tuple[int, int, int]:
    engine: Engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(  # type: ignore[return-value]
                connection.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (Document, Mention, Suggestion)
            )
    finally:
        engine.dispose()


def test_ingest_files_and_folders_then_unchanged(tmp_path: Path, database: str) -> None:
    folder = tmp_path / "pressemitteilungen"
    folder.mkdir()
    (folder / "allianz.txt").write_text(ALLIANCE_TEXT, encoding="utf-8")
    (folder / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a text file: not picked up
    single = tmp_path / "kasachstan.txt"
    single.write_text(OTHER_TEXT, encoding="utf-8")

    result = atlas("ingest", str(folder), str(single), database_url=database)

    assert result.returncode == 0, result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("2 input(s): 2 new, 0 unchanged, 0 failed;"), summary
    linked = int(re.search(r"(\d+) mention\(s\) linked", summary).group(1))  # type: ignore[union-attr]
    assert linked >= 4
    documents, mentions, suggestions = counts(database)
    assert (documents, mentions) == (2, linked)
    assert suggestions >= 1

    again = atlas("ingest", str(folder), str(single), database_url=database)

    assert again.returncode == 0, again.stderr
    assert "2 input(s): 0 new, 2 unchanged, 0 failed" in again.stdout
    assert counts(database) == (documents, mentions, suggestions)


def test_a_bad_file_fails_alone_with_one_line(tmp_path: Path, database: str) -> None:
    good = tmp_path / "gut.txt"
    good.write_text(ALLIANCE_TEXT, encoding="utf-8")
    empty = tmp_path / "leer.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "bericht.txt"
    binary.write_bytes(b"%PDF-1.7\n\x00\x00\x01\x02")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(OTHER_TEXT.encode("latin-1"))

    result = atlas(
        "ingest", str(empty), str(good), str(binary), str(latin), str(tmp_path / "fehlt.txt"),
        database_url=database,
    )  # fmt: skip

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("atlas: ")]
    assert len(errors) == 3, result.stderr
    assert any("leer.txt" in line and "empty" in line for line in errors)
    assert any("bericht.txt" in line and "binary" in line for line in errors)
    assert any("fehlt.txt" in line for line in errors)
    assert "5 input(s): 2 new, 0 unchanged, 3 failed" in result.stdout
    assert counts(database)[0] == 2


def test_standard_input(database: str) -> None:
    result = subprocess.run(
        [ATLAS, "ingest", "-"],
        input=OTHER_TEXT.encode("utf-16"),
        capture_output=True,
        env={"DATABASE_URL": database, "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr.decode()
    assert b"1 new" in result.stdout


def test_nothing_to_ingest_is_a_usage_error(database: str) -> None:
    result = atlas("ingest", database_url=database)

    assert result.returncode == 2
    assert "give files" in result.stderr


def test_review_list_accept_and_reject(tmp_path: Path, database: str) -> None:
    text = tmp_path / "allianz.txt"
    text.write_text(ALLIANCE_TEXT, encoding="utf-8")
    assert atlas("ingest", str(text), database_url=database).returncode == 0

    listed = atlas("review", "list", database_url=database)

    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if "al-Kadhimi" in line)
    suggestion_id = line.split()[0].lstrip("#")

    accepted = atlas(
        "review", "accept", suggestion_id, "--name", "Mustafa al-Kadhimi", database_url=database
    )

    assert accepted.returncode == 0, accepted.stderr
    assert "actor:mustafa-al-kadhimi" in accepted.stdout
    twice = atlas("review", "reject", suggestion_id, database_url=database)
    assert twice.returncode == 1
    assert twice.stderr.strip().startswith("atlas: error: ") and "already" in twice.stderr
    missing = atlas("review", "reject", "999999", database_url=database)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_review_in_the_terminal(tmp_path: Path, database: str) -> None:
    text = tmp_path / "allianz.txt"
    text.write_text(ALLIANCE_TEXT, encoding="utf-8")
    assert atlas("ingest", str(text), database_url=database).returncode == 0
    before = atlas("review", "list", database_url=database).stdout
    pending = int(before.strip().splitlines()[-1].split(" of ")[1])

    # Reject the first, then stop.
    result = subprocess.run(
        [ATLAS, "review"],
        input="r\nq\n",
        capture_output=True,
        text=True,
        env={"DATABASE_URL": database, "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert f"{pending} pending suggestion(s)." in result.stdout
    assert "rejected" in result.stdout
    after = atlas("review", "list", database_url=database).stdout
    assert int(after.strip().splitlines()[-1].split(" of ")[1]) < pending
    rejected = atlas("review", "list", "--status", "rejected", database_url=database).stdout
    assert int(rejected.strip().splitlines()[-1].split(" of ")[1]) >= 1


def test_huge_files_and_refused_urls_fail_alone(tmp_path: Path, database: str) -> None:
    huge = tmp_path / "riesig.txt"
    with huge.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # 50 MB, sparse: read only up to the cap
    good = tmp_path / "gut.txt"
    good.write_text(OTHER_TEXT, encoding="utf-8")

    result = atlas(
        "ingest", str(huge), str(good),
        "--url", "http://127.0.0.1:9/pressemitteilung",
        "--url", "http://169.254.169.254/latest/meta-data/",
        database_url=database,
    )  # fmt: skip

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("atlas: ")]
    assert len(errors) == 3, result.stderr
    assert any("riesig.txt" in line and "too_large" in line for line in errors)
    assert sum("refused_address" in line for line in errors) == 2
    assert "4 input(s): 1 new, 0 unchanged, 3 failed" in result.stdout
    assert counts(database)[0] == 1
