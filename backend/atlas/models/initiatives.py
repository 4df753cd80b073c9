"""Initiatives (alliances, coalitions, forums, …) and their dated events."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from atlas.models.base import (
    NAME_MAX_LENGTH,
    TimestampedTable,
    aliases_field,
    enum_type,
    slug_field,
)
from atlas.models.enums import DatePrecision, InitiativeKind, InitiativeStatus


class InitiativeBase(SQLModel):
    slug: str = slug_field()
    name: str = Field(
        min_length=1, max_length=NAME_MAX_LENGTH, description="Canonical German name."
    )
    name_en: str | None = Field(default=None, max_length=NAME_MAX_LENGTH)
    aliases: list[str] = aliases_field()
    kind: InitiativeKind = Field(sa_type=enum_type(InitiativeKind, "initiative_kind"), index=True)
    description: str | None = Field(default=None, sa_type=sa.Text)
    status: InitiativeStatus = Field(
        default=InitiativeStatus.unknown,
        sa_type=enum_type(InitiativeStatus, "initiative_status"),
        index=True,
    )
    founded_on: date | None = Field(default=None, index=True)
    founded_precision: DatePrecision | None = Field(
        default=None, sa_type=enum_type(DatePrecision, "founded_precision")
    )
    website: str | None = Field(default=None, max_length=2000)


class Initiative(InitiativeBase, TimestampedTable, table=True):
    __table_args__ = (
        sa.CheckConstraint(
            "(founded_on IS NULL) = (founded_precision IS NULL)", name="founded_with_precision"
        ),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    )

    # Sub-groups and working groups (e.g. a coalition's Small Group) outlive a deleted parent.
    parent_id: int | None = Field(
        default=None, foreign_key="initiative.id", ondelete="SET NULL", index=True
    )


class EventBase(SQLModel):
    slug: str = slug_field()
    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    name_en: str | None = Field(default=None, max_length=NAME_MAX_LENGTH)
    aliases: list[str] = aliases_field()
    starts_on: date | None = Field(default=None, index=True)
    ends_on: date | None = Field(default=None, index=True)
    date_precision: DatePrecision | None = Field(
        default=None, sa_type=enum_type(DatePrecision, "date_precision")
    )
    place: str | None = Field(default=None, max_length=200)
    virtual: bool = Field(default=False, description="Held online (video conference).")
    description: str | None = Field(default=None, sa_type=sa.Text)


class Event(EventBase, TimestampedTable, table=True):
    """A dated meeting, forum edition or session."""

    __table_args__ = (
        sa.CheckConstraint(
            "ends_on IS NULL OR (starts_on IS NOT NULL AND ends_on >= starts_on)",
            name="ends_after_start",
        ),
        sa.CheckConstraint(
            "(starts_on IS NULL) = (date_precision IS NULL)", name="dates_with_precision"
        ),
    )

    # An event is part of its initiative (a forum's edition, a coalition's meeting).
    initiative_id: int | None = Field(
        default=None, foreign_key="initiative.id", ondelete="CASCADE", index=True
    )
