"""Running the Alembic migrations in migrations/ against an engine (shared by the CLI and tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from atlas.settings import PROJECT_ROOT, get_settings


def alembic_config(migrations_dir: Path | None = None) -> Config:
    """Alembic's configuration: pyproject's [tool.alembic] where present, our migrations folder."""
    pyproject = PROJECT_ROOT / "pyproject.toml"
    config = Config(toml_file=str(pyproject)) if pyproject.exists() else Config()
    config.set_main_option("script_location", str(migrations_dir or get_settings().migrations_dir))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to `revision`, in one transaction where the database allows it."""
    _run(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to `revision` (`base` removes every table)."""
    _run(engine, lambda config: command.downgrade(config, revision))


def create_revision(engine: Engine, message: str) -> list[Path]:
    """Autogenerate a new revision from the difference between the models and the database."""
    scripts: list[Path] = []

    def revise(config: Config) -> None:
        result = command.revision(config, message=message, autogenerate=True)
        for script in result if isinstance(result, list) else [result]:
            if script is not None:
                scripts.append(Path(script.path))

    _run(engine, revise)
    return scripts


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The revisions the database is at (empty for a database never migrated)."""
    return tuple(MigrationContext.configure(connection).get_current_heads())


def head_revisions() -> tuple[str, ...]:
    """The newest revisions in migrations/."""
    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def _run(engine: Engine, action: Callable[[Config], object]) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        action(config)
