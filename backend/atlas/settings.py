"""All configuration, read from the environment once (12-factor).

`DATABASE_URL` is unprefixed because that is the convention hosting platforms and
docker-compose files use; everything else is `ATLAS_*`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, NamedTuple

from pydantic import AliasChoices, Field, IPvAnyNetwork, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

# The checkout's root: the package lives in backend/atlas, migrations/ and seeds/ beside backend/.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class RateLimit(NamedTuple):
    """At most `requests` per `unit` from one client; written `1200/minute` in the environment."""

    requests: int
    unit: Literal["second", "minute", "hour", "day"]


class SettingsError(ValueError):
    """The environment holds a value Atlas cannot use."""


class Settings(BaseSettings):
    """Atlas settings; each field is documented in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix="ATLAS_", extra="ignore", frozen=True)

    database_url: str = Field(
        default="sqlite:///data/atlas.db",
        validation_alias=AliasChoices("DATABASE_URL", "ATLAS_DATABASE_URL"),
        description="SQLAlchemy URL; sqlite:///path or postgresql://user@host/db.",
    )
    host: str = Field(default="127.0.0.1", description="Address `atlas serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `atlas serve` listens on.")
    workers: int = Field(default=1, ge=1, le=64, description="Server worker processes.")
    log_level: LogLevel = Field(default="INFO", description="Log level of the app and server.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Other origins allowed to call the API from a browser (comma-separated); "
        "empty turns CORS off, which the same-origin web directory does not need.",
    )
    max_body_size: int = Field(
        default=1_048_576,
        ge=1,
        description="Largest request body in bytes (413 above it); routes that take uploads "
        "name their own cap (`atlas.api.security.body_limit`).",
    )
    request_timeout_seconds: float = Field(
        default=30,
        gt=0,
        description="Time a client has to send a request's whole body (408 after it).",
    )
    export_max_rows: int = Field(
        default=100_000,
        ge=1,
        description="Most rows a `?format=csv|ndjson` export of a list may hold (422 above).",
    )
    rate_limit: Annotated[RateLimit | None, NoDecode] = Field(
        default=RateLimit(1200, "minute"),
        description="Requests one client may send per second, minute, hour or day "
        "(`1200/minute`); past it 429 with Retry-After. `off` turns it off.",
    )
    rate_limit_store_url: str | None = Field(
        default=None,
        description="redis://… store shared by several instances for the rate limit; unset: "
        "each process counts in memory.",
    )
    seeds_dir: Path = Field(
        default=PROJECT_ROOT / "seeds", description="Folder of the seed texts and annotations."
    )
    migrations_dir: Path = Field(
        default=PROJECT_ROOT / "migrations", description="Folder of the Alembic migrations."
    )

    ingest_max_bytes: int = Field(
        default=5_000_000,
        ge=1,
        description="Largest file, upload or standard input `atlas ingest` and the API accept.",
    )
    fetch_timeout_seconds: float = Field(
        default=10.0, gt=0, description="Connect and read timeout of each request of a URL fetch."
    )
    fetch_deadline_seconds: float = Field(
        default=30.0, gt=0, description="Total time a URL fetch may take, redirects included."
    )
    fetch_max_bytes: int = Field(
        default=5_000_000, ge=1, description="Largest body a URL fetch downloads, decompressed."
    )
    fetch_max_redirects: int = Field(
        default=5, ge=0, le=20, description="Redirects a URL fetch follows before giving up."
    )
    fetch_allowed_networks: Annotated[list[IPvAnyNetwork], NoDecode] = Field(
        default_factory=list,
        description="Networks (CIDR, comma-separated) a URL fetch may reach although they are "
        "not public (loopback, private, link-local, …); empty allows public addresses only.",
    )
    fetch_user_agent: str = Field(
        default="Atlas/0.1 (press-release ingest)",
        min_length=1,
        description="User-Agent header of URL fetches.",
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # Accept the plain comma-separated form as well as JSON, since people write both.
        if not isinstance(value, str):
            return value
        if value.lstrip().startswith("["):
            return json.loads(value)
        return [origin.strip() for origin in value.split(",") if origin.strip()]

    @field_validator("fetch_allowed_networks", mode="before")
    @classmethod
    def _split_networks(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if value.lstrip().startswith("["):
            return json.loads(value)
        return [network.strip() for network in value.split(",") if network.strip()]

    @field_validator("rate_limit", mode="before")
    @classmethod
    def _parse_rate_limit(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if value.strip().lower() in ("", "off", "none", "0"):
            return None
        requests, _, unit = value.partition("/")
        if not requests.strip().isdigit():
            raise ValueError("write the rate limit as N/second, N/minute, N/hour or N/day")
        return RateLimit(int(requests), unit.strip().lower())  # type: ignore[arg-type]

    @property
    def sqlalchemy_url(self) -> URL:
        """The database URL with the driver Atlas uses for each backend."""
        return normalize_database_url(self.database_url)


def normalize_database_url(raw: str | URL) -> URL:
    """Parse a database URL and pick the drivers Atlas ships (sqlite3, psycopg 3).

    Raises SettingsError for URLs of other databases or that cannot be parsed.
    """
    try:
        url = make_url(raw)
    except ArgumentError:
        raise SettingsError(f"DATABASE_URL is not a database URL: {raw!r}") from None
    backend = url.get_backend_name()
    if backend == "postgresql" or url.drivername in {"postgres", "postgresql"}:
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url.set(drivername="sqlite")
    raise SettingsError(
        f"DATABASE_URL must be a sqlite:// or postgresql:// URL, not {url.drivername}://"
    )


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings()
