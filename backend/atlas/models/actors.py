"""Actors: states, people, international organisations, ministries, NGOs, networks, companies."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from atlas.models.base import (
    NAME_MAX_LENGTH,
    TimestampedTable,
    aliases_field,
    enum_type,
    slug_field,
)
from atlas.models.enums import ActorKind

COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"


class ActorBase(SQLModel):
    slug: str = slug_field()
    name: str = Field(
        min_length=1, max_length=NAME_MAX_LENGTH, description="Canonical German name."
    )
    name_en: str | None = Field(default=None, max_length=NAME_MAX_LENGTH)
    aliases: list[str] = aliases_field()
    kind: ActorKind = Field(sa_type=enum_type(ActorKind, "actor_kind"), index=True)
    country: str | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        schema_extra={"pattern": COUNTRY_CODE_PATTERN},
        index=True,
        description="ISO 3166-1 alpha-2: the state itself, or the seat or nationality of others.",
    )
    description: str | None = Field(default=None, sa_type=sa.Text)
    website: str | None = Field(default=None, max_length=2000)


class Actor(ActorBase, TimestampedTable, table=True):
    __table_args__ = (
        sa.CheckConstraint("country IS NULL OR length(country) = 2", name="country_code"),
    )
