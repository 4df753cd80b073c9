"""The `atlas` command: thin, it calls the same functions the API calls."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, Protocol, cast, get_args, get_origin, get_type_hints

import click
from alembic.util import CommandError
from pydantic import BaseModel, ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from atlas import backup, migrate
from atlas.api.changes import CHANGES, changes_out
from atlas.api.exports import ExportFormat, csv_row, export_lines
from atlas.api.filters import FilterValues
from atlas.api.listing import DEFAULT_LIMIT, MAX_LIMIT, PageRequest, list_rows
from atlas.api.listings import SUGGESTIONS
from atlas.api.resources import RESOURCES, Resource
from atlas.api.schemas import Page, SuggestionOut
from atlas.api.suggestions import suggestions_out
from atlas.client import AtlasClient, AtlasClientError
from atlas.db import engine_from_settings, session_scope
from atlas.errors import AtlasError
from atlas.ingest.fetch import fetch_url
from atlas.ingest.pipeline import Reader, Summary, Vocabulary, ingest_each
from atlas.ingest.review import Decision, accept_suggestion, find_suggestion, reject_suggestion
from atlas.ingest.sources import read_paths
from atlas.models.enums import ApiKeyRole, SuggestionStatus
from atlas.search import index as search_index
from atlas.search import service as search_service
from atlas.seeding import read_seed_bundle, seed_database
from atlas.services.apikeys import create_api_key, list_api_keys, revoke_api_key
from atlas.services.history import changes_by, restore_deleted
from atlas.services.records import Moved, delete_record, find_by_id, find_by_slug
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
    except AtlasClientError as exc:
        # The remote API's problem document, or why the server could not be reached.
        raise CliError(_first_line(str(exc))) from None


def _engine() -> Engine:
    return engine_from_settings(get_settings())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="atlas", prog_name="atlas")
@click.option(
    "--url",
    envvar="ATLAS_URL",
    metavar="URL",
    help="Run the resource commands (actors, documents, …) against the Atlas API at URL, e.g. "
    "https://atlas.example.org (default: ATLAS_URL). Without it they read the local database.",
)
@click.option(
    "--api-key",
    envvar="ATLAS_API_KEY",
    metavar="KEY",
    help="API key for writes through --url (default: ATLAS_API_KEY, which keeps it out of the "
    "process list).",
)
@click.pass_context
def main(ctx: click.Context, url: str | None, api_key: str | None) -> None:
    """Atlas: a directory of the partners and initiatives of international cooperation.

    Configuration comes from the environment: DATABASE_URL (default sqlite:///data/atlas.db),
    ATLAS_HOST, ATLAS_PORT, ATLAS_WORKERS, ATLAS_LOG_LEVEL, ATLAS_CORS_ORIGINS; for a remote
    Atlas, ATLAS_URL and ATLAS_API_KEY.
    """
    ctx.obj = Target(url=url or None, api_key=api_key or None)


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


@main.group("search")
def search_group() -> None:
    """Search the directory, and rebuild its search index."""


@search_group.command()
def reindex() -> None:
    """Rebuild the search index from the records (one transaction; the API keeps it in step)."""

    def run(engine: Engine) -> None:
        with engine.begin() as connection:
            counts = search_index.reindex(connection)
        click.echo(
            "Indexed " + ", ".join(f"{count} {type_}(s)" for type_, count in counts.items()) + "."
        )

    _with_engine(run)


@search_group.command("query")
@click.argument("q")
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(search_service.SEARCH_TYPES),
    help="Only these types (repeatable).",
)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=20, show_default=True)
def search_query(q: str, types: tuple[str, ...], limit: int) -> None:
    """Search as GET /api/v1/search does, and print the ranked results."""

    def run(engine: Engine) -> None:
        with engine.connect() as connection:
            hits, result = search_service.search_page(
                connection, q, types or search_service.SEARCH_TYPES, limit
            )
        _echo_table(
            ("score", "type", "slug", "snippet"),
            [
                {
                    "score": f"{hit.candidate.score:.2f}",
                    "type": hit.candidate.type,
                    "slug": hit.candidate.slug,
                    "snippet": hit.snippet.text,
                }
                for hit in hits
            ],
        )
        click.echo(f"{len(hits)} of {result.total}")

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


# --- ingest and review ----------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--url", "urls", multiple=True, metavar="URL", help="Fetch and ingest URL (repeatable)."
)
def ingest(paths: tuple[str, ...], urls: tuple[str, ...]) -> None:
    """Ingest texts: files, folders (their .txt, .md and .html files), `-` for standard input,
    and --url pages. Each becomes a document with its linked mentions and suggestions, in its
    own transaction; one that fails is reported and the others go on (exit status 1)."""
    if not paths and not urls:
        raise click.UsageError("give files, folders, - (standard input) or --url URL")
    with _clear_errors():
        settings = get_settings()
        files = read_paths(paths, sys.stdin.buffer)
    inputs: list[tuple[str, Reader]] = [
        (item.name, partial(item.read, settings.ingest_max_bytes)) for item in files
    ]
    inputs += [(url, partial(fetch_url, url, settings)) for url in urls]
    summary = Summary()

    def run(engine: Engine) -> None:
        outcomes = ingest_each(engine, inputs, Vocabulary.from_seeds(settings.seeds_dir))
        with click.progressbar(
            outcomes, length=len(inputs), label="Ingesting", file=sys.stderr
        ) as progress:
            for outcome in progress:
                summary.add(outcome)
                if outcome.error is not None:
                    click.echo(f"\natlas: {outcome.name}: {outcome.error}", err=True)

    _with_engine(run)
    click.echo(
        f"{len(inputs)} input(s): {summary.new} new, {summary.unchanged} unchanged, "
        f"{summary.failed} failed; {summary.mentions} mention(s) linked, "
        f"{summary.suggestions} suggestion(s) made."
    )
    if summary.failed:
        sys.exit(1)


@main.group(invoke_without_command=True)
@click.pass_context
def review(ctx: click.Context) -> None:
    """Review what ingest suggested. Without a subcommand: go through the pending ones."""
    if ctx.invoked_subcommand is None:
        _with_engine(_review_interactively)


def _suggestion_line(item: SuggestionOut) -> str:
    what = f"{item.entity_type}/{item.entity_kind or '-'}" if item.entity_type else item.kind
    return f"#{item.id} {what}: {item.name}  [{item.rule}; {item.evidence.document}]"


def _review_interactively(engine: Engine) -> None:
    with Session(engine) as session:
        pending = list_rows(
            session, SUGGESTIONS, {"status": ["pending"]}, PageRequest(limit=MAX_LIMIT)
        )
        ids = [row.id for row in pending.rows]
    click.echo(f"{pending.total} pending suggestion(s).")
    for suggestion_id in ids:
        with session_scope(engine) as session:
            item = suggestions_out(session, [find_suggestion(session, suggestion_id)])[0]
            if item.status != "pending":  # decided together with one of the same name
                continue
            click.echo(f"\n{_suggestion_line(item)}\n  «{item.evidence.quote}»")
            answer = click.prompt(
                "[a]ccept, [m]erge into an entity, [r]eject, [s]kip, [q]uit",
                type=click.Choice(["a", "m", "r", "s", "q"]),
                show_choices=False,
                default="s",
            )
            if answer == "q":
                return
            try:
                if answer == "a":
                    done = accept_suggestion(session, suggestion_id, Decision())
                elif answer == "m":
                    into = click.prompt("Merge into (actor:slug, initiative:slug, event:slug)")
                    done = accept_suggestion(session, suggestion_id, Decision(into=into))
                elif answer == "r":
                    done = reject_suggestion(session, suggestion_id)
                else:
                    continue
            except AtlasError as exc:
                click.echo(f"atlas: {_describe(exc)}", err=True)
                session.rollback()
                continue
            click.echo(f"  {done.status}" + (f": {done.outcome}" if done.outcome else ""))


@review.command("list")
@click.option(
    "--status",
    type=click.Choice([str(status) for status in SuggestionStatus]),
    default="pending",
    show_default=True,
)
@click.option(
    "--limit", type=click.IntRange(1, MAX_LIMIT), default=DEFAULT_LIMIT, show_default=True
)
def review_list(status: str, limit: int) -> None:
    """List suggestions, as GET /api/v1/suggestions does."""

    def run(engine: Engine) -> None:
        with Session(engine) as session:
            result = list_rows(session, SUGGESTIONS, {"status": [status]}, PageRequest(limit=limit))
            items = suggestions_out(session, result.rows)
        for item in items:
            click.echo(_suggestion_line(item))
        click.echo(f"{len(items)} of {result.total}")

    _with_engine(run)


@review.command("accept")
@click.argument("suggestion_id", type=int)
@click.option("--into", help="Merge into this entity (actor:slug, …): it gains the name as alias.")
@click.option("--name", help="Create the entity under this name instead.")
@click.option("--entity-type", type=click.Choice(["actor", "initiative", "event"]))
@click.option("--kind", help="The new entity's kind (state, person, alliance, …).")
@click.option("--country", help="ISO 3166-1 code of a new actor.")
@click.option("--subject", help="A relation's actor (actor:slug).")
@click.option("--object", "object_", help="A relation's other end (initiative:slug, actor:slug).")
@click.option("--role", help="A participation's role or an affiliation's title.")
def review_accept(suggestion_id: int, object_: str | None, **fields: Any) -> None:
    """Accept a suggestion, as POST /api/v1/suggestions/{id}/accept does."""

    def run(engine: Engine) -> None:
        with session_scope(engine) as session:
            done = accept_suggestion(session, suggestion_id, Decision(object=object_, **fields))
            click.echo(f"Accepted #{suggestion_id}: {done.outcome}.")

    _with_engine(run)


@review.command("reject")
@click.argument("suggestion_id", type=int)
def review_reject(suggestion_id: int) -> None:
    """Reject a suggestion; the same name is not suggested again."""

    def run(engine: Engine) -> None:
        with session_scope(engine) as session:
            reject_suggestion(session, suggestion_id)
        click.echo(f"Rejected #{suggestion_id}.")

    _with_engine(run)


# --- the directory's resources: read locally, or through the API of the Atlas at --url ----------


@dataclass(frozen=True)
class Target:
    """Where the resource commands go: the API at `url`, or the local database without one."""

    url: str | None = None
    api_key: str | None = None


class Directory(Protocol):
    """What the resource commands need, from the API or from the local database alike."""

    def page(self, resource: Resource, filters: FilterValues, page: PageRequest) -> Page[Any]: ...

    def detail(self, resource: Resource, key: Any) -> BaseModel: ...

    def delete(self, resource: Resource, key: Any, cascade: bool) -> None: ...

    def export(
        self, resource: Resource, export_format: str, filters: FilterValues, page: PageRequest
    ) -> Iterator[str]: ...


@dataclass(frozen=True)
class RemoteDirectory:
    """The resources of the Atlas at --url, through `atlas.client`."""

    client: AtlasClient

    def page(self, resource: Resource, filters: FilterValues, page: PageRequest) -> Page[Any]:
        return self.client.resource(resource.name).list(
            q=page.q, sort=page.sort, limit=page.limit, offset=page.offset, **filters
        )

    def detail(self, resource: Resource, key: Any) -> BaseModel:
        return cast("BaseModel", self.client.resource(resource.name).get(key))

    def delete(self, resource: Resource, key: Any, cascade: bool) -> None:
        self.client.resource(resource.name).delete(key, cascade=cascade)

    def export(
        self, resource: Resource, export_format: str, filters: FilterValues, page: PageRequest
    ) -> Iterator[str]:
        return self.client.resource(resource.name).export(
            export_format, q=page.q, sort=page.sort, **filters
        )


@dataclass(frozen=True)
class LocalDirectory:
    """The resources of the local database, through the listing and views the API uses."""

    engine: Engine

    def page(self, resource: Resource, filters: FilterValues, page: PageRequest) -> Page[Any]:
        with Session(self.engine) as session:
            result = list_rows(session, resource.listing, filters, page)
            return Page[Any](
                items=resource.many(session, result.rows),
                total=result.total,
                limit=page.limit,
                offset=page.offset,
                facets=result.facets,
            )

    def detail(self, resource: Resource, key: Any) -> BaseModel:
        with Session(self.engine) as session:
            return cast("BaseModel", resource.detail(session, _find(session, resource, key)))

    def delete(self, resource: Resource, key: Any, cascade: bool) -> None:
        with session_scope(self.engine) as session:
            delete_record(session, resource.kind, _find(session, resource, key), cascade=cascade)

    def export(
        self, resource: Resource, export_format: str, filters: FilterValues, page: PageRequest
    ) -> Iterator[str]:
        # The same columns and lines as the API's export.
        with Session(self.engine) as session:
            yield from export_lines(
                session,
                resource.listing,
                resource.out,
                resource.many,
                filters,
                page,
                ExportFormat(export_format),
            )


def _find(session: Session, resource: Resource, key: Any) -> Any:
    """The record by slug (following a rename, as the API does) or by id."""
    if resource.entity_type is None:
        return find_by_id(session, resource.model, key, resource.label)
    try:
        return find_by_slug(session, resource.model, resource.entity_type, key)
    except Moved as moved:
        return find_by_slug(session, resource.model, resource.entity_type, moved.slug)


@contextmanager
def _directory(target: Target) -> Iterator[Directory]:
    with _clear_errors():
        if target.url:
            with AtlasClient(target.url, api_key=target.api_key) as client:
                yield RemoteDirectory(client)
        else:
            engine = _engine()
            try:
                yield LocalDirectory(engine)
            finally:
                engine.dispose()


class _DateType(click.ParamType[date]):
    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


def _filter_options(resource: Resource) -> list[click.Option]:
    """One option per filter parameter of the API's list, typed as the API types it."""
    hints = get_type_hints(resource.filters)
    options = []
    for name, parameter in inspect.signature(resource.filters).parameters.items():
        hint = next(arg for arg in get_args(hints[name]) if arg is not type(None))
        repeated = get_origin(hint) is list
        value_type = get_args(hint)[0] if repeated else hint
        if isinstance(value_type, type) and issubclass(value_type, Enum):
            click_type: Any = click.Choice(value_type)
        else:
            click_type = {date: _DateType(), bool: click.BOOL}.get(value_type, click.STRING)
        description = getattr(parameter.default, "description", None) or ""
        options.append(
            click.Option(
                [f"--{name.replace('_', '-')}", name],
                type=click_type,
                multiple=repeated,
                help=f"{description} Repeatable." if repeated else description or None,
            )
        )
    return options


# The columns of `list --format table`; every other field is in `--format json`.
TABLE_COLUMNS = {
    "documents": ("slug", "published_on", "kind", "title"),
    "actors": ("slug", "kind", "country", "name"),
    "initiatives": ("slug", "kind", "status", "name"),
    "events": ("slug", "starts_on", "initiative", "name"),
    "topics": ("slug", "label_de", "label_en"),
    "participations": ("id", "actor", "role", "initiative", "event"),
    "affiliations": ("id", "actor", "title", "organization"),
    "mentions": ("id", "document", "entity", "status", "text"),
}
CELL_WIDTH = 60
OUTPUT_FORMATS = ("table", "json", "csv", "ndjson")


def _echo_table(columns: tuple[str, ...], items: list[dict[str, Any]]) -> None:
    rows = [[column.upper() for column in columns]] + [
        [cell if len(cell) <= CELL_WIDTH else cell[: CELL_WIDTH - 1] + "…" for cell in row]
        for row in (csv_row(item, columns) for item in items)
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(columns))]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _list_command(resource: Resource) -> click.Command:
    def list_records(
        target: Target,
        q: str | None,
        sort: str | None,
        limit: int,
        offset: int,
        output_format: str,
        **filter_values: Any,
    ) -> None:
        filters = resource.filters(
            **{
                name: list(value) if isinstance(value, tuple) else value
                for name, value in filter_values.items()
            }
        )
        page = PageRequest(q=q, sort=sort, limit=limit, offset=offset)
        with _directory(target) as directory:
            if output_format in ("csv", "ndjson"):
                for line in directory.export(resource, output_format, filters, page):
                    click.echo(line, nl=False)
                return
            result = directory.page(resource, filters, page)
        if output_format == "json":
            click.echo(result.model_dump_json(indent=2))
            return
        _echo_table(
            TABLE_COLUMNS[resource.name], [item.model_dump(mode="json") for item in result.items]
        )
        shown = f"{offset + 1}-{offset + len(result.items)}" if result.items else "none"
        click.echo(f"{shown} of {result.total} {resource.name}", err=True)

    return click.Command(
        "list",
        callback=click.pass_obj(list_records),
        help=f"List {resource.name}: filter, search, sort and page, as the API does.\n\n"
        "csv and ndjson give the whole filtered list (no --limit/--offset).",
        params=[
            click.Option(["--q", "q"], help="Full text: every word must occur."),
            click.Option(["--sort"], help="Sort field; prefix with - for descending."),
            click.Option(
                ["--limit"], type=click.IntRange(1, MAX_LIMIT), default=DEFAULT_LIMIT,
                show_default=True, help="Page size.",
            ),
            click.Option(["--offset"], type=click.IntRange(0), default=0, help="Items to skip."),
            click.Option(
                ["--format", "output_format"], type=click.Choice(OUTPUT_FORMATS), default="table",
                show_default=True,
            ),
            *_filter_options(resource),
        ],
    )  # fmt: skip


def _key_argument(resource: Resource) -> click.Argument:
    by_slug = resource.entity_type is not None
    return click.Argument(
        ["key"], type=click.STRING if by_slug else click.INT, metavar="SLUG" if by_slug else "ID"
    )


def _get_command(resource: Resource) -> click.Command:
    def get_record(target: Target, key: Any) -> None:
        with _directory(target) as directory:
            record = directory.detail(resource, key)
        click.echo(record.model_dump_json(indent=2))

    return click.Command(
        "get",
        callback=click.pass_obj(get_record),
        params=[_key_argument(resource)],
        help=f"Show one {resource.label} with what it links to, as JSON.",
    )


def _delete_command(resource: Resource) -> click.Command:
    def delete(target: Target, key: Any, cascade: bool) -> None:
        with _directory(target) as directory:
            directory.delete(resource, key, cascade)
        click.echo(f"Deleted {resource.label} {key!r}.")

    return click.Command(
        "delete",
        callback=click.pass_obj(delete),
        params=[
            _key_argument(resource),
            click.Option(
                ["--cascade"],
                is_flag=True,
                help="Also delete what refers to it (refused otherwise).",
            ),
        ],
        help=f"Delete a {resource.label} (through --url, this needs an editor key).",
    )


def resource_group(resource: Resource) -> click.Group:
    """`atlas <resource> list|get|delete`, made from the API's description of the resource."""
    return click.Group(
        resource.name,
        commands=[_list_command(resource), _get_command(resource), _delete_command(resource)],
        help=f"List, show and delete {resource.name}: in the local database, or through the API "
        "of the Atlas at --url.",
    )


@main.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "export_format",
    type=click.Choice([choice.value for choice in backup.ExportFormat]),
    help="json (one document) or ndjson (a header line, then one line per row); "
    "default: by the extension (.ndjson, .jsonl), else json.",
)
def export_command(path: Path, export_format: str | None) -> None:
    """Write the whole directory to PATH: every table, with format version and schema revision.

    Deterministic (rows by key, keys sorted, UTC times), so the same data gives the same file on
    SQLite and PostgreSQL. The search index is not exported: import rebuilds it.
    """

    def run(engine: Engine) -> None:
        chosen = backup.ExportFormat(export_format) if export_format else None
        report = backup.export_directory(engine, path, chosen)
        click.echo(f"Exported {report.total} rows of {len(report.rows)} tables to {path}.")

    _with_engine(run)


@main.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Load an export into the empty database, all or nothing.

    The database must be migrated to the file's schema revision and hold no rows; afterwards the
    search index is rebuilt.
    """

    def run(engine: Engine) -> None:
        report = backup.import_directory(engine, path)
        click.echo(f"Imported {report.total} rows of {len(report.rows)} tables from {path}.")

    _with_engine(run)


@db.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Copy the SQLite database to PATH while the server runs (SQLite's online backup).

    The copy is checked with PRAGMA integrity_check before it replaces PATH. For PostgreSQL, use
    pg_dump.
    """

    def run(engine: Engine) -> None:
        report = backup.backup_sqlite(engine, path)
        click.echo(f"Backed up the database to {report.path} ({report.size} bytes, integrity ok).")

    _with_engine(run)


# --- the change history (docs/history.md) -------------------------------------------------------


def _record_changes_as(command: click.Command, author: str) -> None:
    """Record the changes `command` makes as made by `author` (the history's `who`)."""
    callback = command.callback
    assert callback is not None

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        with changes_by(author):
            return callback(*args, **kwargs)

    command.callback = run


def _main_recording_as_cli(*args: Any, **kwargs: Any) -> Any:
    # The group's callback returns before its subcommand runs: the context keeps the author set
    # until the whole command is done.
    click.get_current_context().with_resource(changes_by("cli"))
    assert _main_callback is not None
    return _main_callback(*args, **kwargs)


_main_callback = main.callback
main.callback = functools.wraps(main.callback)(_main_recording_as_cli)  # type: ignore[arg-type]
_record_changes_as(seed, "seed")
_record_changes_as(ingest, "ingest")


@main.group("changes")
def changes_group() -> None:
    """The change history of the local database: list it, restore deleted records."""


@changes_group.command("list")
@click.option("--record", help="One record's history: type:slug or type:id (actor:deutschland).")
@click.option("--who", help="Made by this key name, or cli, seed, ingest.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=20, show_default=True)
def changes_list(record: str | None, who: str | None, limit: int) -> None:
    """The newest changes, one line each: id, time, who, action, record, changed fields."""

    def run(engine: Engine) -> None:
        with Session(engine) as session:
            filters = {"record": [record] if record else None, "who": [who] if who else None}
            result = list_rows(session, CHANGES, filters, PageRequest(limit=limit))
            for item in changes_out(result.rows):
                fields = ", ".join(sorted(item.after or item.before or {}))
                name = item.slug or item.record_id
                click.echo(
                    f"{item.id}\t{_utc_minute(item.at)}\t{item.who}\t{item.action.value}\t"
                    f"{item.type.value}:{name}\t{fields if item.action.value == 'update' else ''}"
                )

    _with_engine(run)


@changes_group.command("restore")
@click.argument("change_id", type=int)
def changes_restore(change_id: int) -> None:
    """Re-create the record a deletion (CHANGE_ID) removed, and what its cascade removed."""

    def run(engine: Engine) -> None:
        with session_scope(engine) as session:
            restored = restore_deleted(session, change_id)
        click.echo(
            "Restored " + ", ".join(f"{type_.value} {record_id}" for type_, record_id in restored)
        )

    _with_engine(run)


for _resource in RESOURCES:
    main.add_command(resource_group(_resource))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
