"""The `atlas` command: thin, it calls the same functions the API calls."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from alembic.util import CommandError
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from atlas import migrate
from atlas.db import engine_from_settings, session_scope
from atlas.errors import AtlasError
from atlas.models.enums import ApiKeyRole
from atlas.seeding import read_seed_bundle, seed_database
from atlas.services.apikeys import create_api_key, list_api_keys, revoke_api_key
from atlas.settings import SettingsError, get_settings


class CliError(click.ClickException):
    """Printed as one line, `atlas: error: …`, with exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"atlas: error: {self.format_message()}", err=True)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown error"


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'setting'}: {error['msg']}"
            for error in exc.errors()
        )
        return f"invalid setting: {problems}"
    if isinstance(exc, SQLAlchemyError):
        # The driver's own message names host and port but never the password.
        original = getattr(exc, "orig", None)
        return f"database error: {_first_line(str(original or exc))}"
    return _first_line(str(exc))


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Turn the errors an operator can cause into one line and a non-zero exit."""
    try:
        yield
    except (AtlasError, SettingsError, ValidationError, SQLAlchemyError, CommandError) as exc:
        raise CliError(_describe(exc)) from None


def _engine() -> Engine:
    return engine_from_settings(get_settings())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="atlas", prog_name="atlas")
def main() -> None:
    """Atlas: a directory of the partners and initiatives of international cooperation.

    Configuration comes from the environment: DATABASE_URL (default sqlite:///data/atlas.db),
    ATLAS_HOST, ATLAS_PORT, ATLAS_WORKERS, ATLAS_LOG_LEVEL, ATLAS_CORS_ORIGINS.
    """


@main.group()
def db() -> None:
    """Create and migrate the database schema (Alembic)."""


def _with_engine(action: Callable[[Engine], None]) -> None:
    with _clear_errors():
        engine = _engine()
        try:
            action(engine)
        finally:
            engine.dispose()


def _report_revision(engine: Engine) -> None:
    with engine.connect() as connection:
        current = migrate.current_revisions(connection)
    heads = migrate.head_revisions()
    if not current:
        click.echo("Database has no schema yet (run `atlas db upgrade`).")
    else:
        state = "head" if set(current) == set(heads) else f"head is {', '.join(heads)}"
        click.echo(f"Database at revision {', '.join(current)} ({state}).")


@db.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: head), creating it if needed."""

    def run(engine: Engine) -> None:
        migrate.upgrade(engine, revision)
        _report_revision(engine)

    _with_engine(run)


@db.command()
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (`base` removes every table and its data)."""

    def run(engine: Engine) -> None:
        migrate.downgrade(engine, revision)
        _report_revision(engine)

    _with_engine(run)


@db.command()
def current() -> None:
    """Show the revision the database is at."""
    _with_engine(_report_revision)


@db.command()
@click.option("-m", "--message", required=True, help="What the migration changes.")
def revision(message: str) -> None:
    """Autogenerate a migration from the difference between the models and the database."""

    def run(engine: Engine) -> None:
        for path in migrate.create_revision(engine, message):
            click.echo(f"Created {path}")

    _with_engine(run)


@main.command()
@click.option("--check", is_flag=True, help="Only validate the seed files; write nothing.")
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Seed folder (default: ATLAS_SEEDS_DIR or seeds/ of the checkout).",
)
def seed(check: bool, seeds_dir: Path | None) -> None:
    """Load the seed texts and their annotations into the database (idempotent, one transaction)."""
    with _clear_errors():
        bundle = read_seed_bundle(seeds_dir or get_settings().seeds_dir)
    if bundle.problems:
        for problem in bundle.problems:
            click.echo(f"atlas: {problem}", err=True)
        raise CliError(
            f"the seed files have {len(bundle.problems)} problem(s); nothing was written"
        )
    if check:
        click.echo(
            f"Seed files are valid: {len(bundle.texts)} texts, "
            f"{sum(1 for _ in bundle.annotations.named_entries())} actors, initiatives and events."
        )
        return

    def run(engine: Engine) -> None:
        with session_scope(engine) as session:
            report = seed_database(session, bundle, progress=lambda line: click.echo(f"  {line}"))
        click.echo("Seeded." if report.changed else "Already up to date: nothing changed.")

    _with_engine(run)


@main.group()
def apikey() -> None:
    """Create, list and revoke the API keys that writes need (reads need none)."""


@apikey.command("create")
@click.option("--name", required=True, help="A unique name for the key: who or what uses it.")
@click.option(
    "--role",
    required=True,
    type=click.Choice([role.value for role in ApiKeyRole]),
    help="editor: may write the directory; admin: may also do what needs admin.",
)
def create_key(name: str, role: str) -> None:
    """Create a key and print it once; only its hash is stored.

    The key is the only line on standard output (`KEY=$(atlas apikey create …)`); the notice goes
    to standard error.
    """

    def run(engine: Engine) -> None:
        with session_scope(engine) as session:
            api_key, key = create_api_key(session, name, ApiKeyRole(role))
        # Printed only once the row is committed, so a printed key always works.
        click.echo(
            f"Created API key {api_key.name!r} ({api_key.role}). "
            "Store it now: it will not be shown again.",
            err=True,
        )
        click.echo(key)

    _with_engine(run)


@apikey.command("list")
def list_keys() -> None:
    """List the keys, revoked ones included (never the keys themselves).

    Columns: name, role, prefix (the key's first characters), created and revoked (UTC).
    """

    def run(engine: Engine) -> None:
        with session_scope(engine) as session:
            keys = list_api_keys(session)
        if not keys:
            click.echo("No API keys yet (create one with `atlas apikey create`).")
            return
        rows = [("NAME", "ROLE", "PREFIX", "CREATED", "REVOKED")] + [
            (
                key.name,
                str(key.role),
                key.prefix,
                _utc_minute(key.created_at),
                _utc_minute(key.revoked_at),
            )
            for key in keys
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            click.echo("  ".join(cells).rstrip())

    _with_engine(run)


def _utc_minute(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


@apikey.command("revoke")
@click.argument("name")
def revoke_key(name: str) -> None:
    """Revoke the key called NAME; it stops working at once. Revoking twice is harmless."""

    def run(engine: Engine) -> None:
        with session_scope(engine) as session:
            api_key = revoke_api_key(session, name)
        since = _utc_minute(api_key.revoked_at)
        click.echo(f"API key {api_key.name!r} is revoked (since {since} UTC).")

    _with_engine(run)


@main.command()
@click.option("--host", help="Address to bind (default: ATLAS_HOST or 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default: ATLAS_PORT or 8000).")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes (default: 1).")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the API and the web directory with uvicorn."""
    import uvicorn

    with _clear_errors():
        settings = get_settings()
        settings.sqlalchemy_url  # noqa: B018  (fail here, not in every worker, on a bad URL)
    uvicorn.run(
        "atlas.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.workers,
        log_level=settings.log_level.lower(),
        # The app logs each request itself, as structured data.
        access_log=False,
        proxy_headers=True,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
