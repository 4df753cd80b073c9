"""Column types, naming conventions and mixins shared by every table."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

# Deterministic constraint names, so that migrations can name what they alter or drop.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 120
NAME_MAX_LENGTH = 300

# JSON lists (aliases, captions): JSONB on PostgreSQL so they can be indexed and queried there.
JsonList = sa.JSON().with_variant(JSONB(), "postgresql")


def enum_type(enum_cls: type[StrEnum], name: str) -> sa.Enum:
    """A portable enum column: a VARCHAR of the values with a named CHECK constraint."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_cls),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    SQLite stores no offset and hands back naive datetimes; this makes both databases agree.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def slug_field(**kwargs: Any) -> Any:
    """The public, stable identifier of a record; unique within its table."""
    return Field(
        min_length=1,
        max_length=SLUG_MAX_LENGTH,
        schema_extra={"pattern": SLUG_PATTERN},
        unique=True,
        description="Public, stable identifier used in URLs (lower-case ASCII words joined by -).",
        **kwargs,
    )


def aliases_field() -> Any:
    return Field(
        default_factory=list,
        sa_type=JsonList,
        description="Other names: spelling and transliteration variants, abbreviations, "
        "inflected forms.",
    )


class TimestampedTable(SQLModel):
    """Integer key, creation/update times and a row version, for every table edited over time.

    The version is SQLAlchemy's optimistic lock: every UPDATE checks and bumps it, so two writers
    can never silently overwrite each other; the API derives ETags from it.
    """

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805  (a class-level directive)
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )
