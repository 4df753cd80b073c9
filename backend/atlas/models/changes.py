"""The change history: one row per created, changed, deleted or restored record.

Rows are written by `atlas.services.history` in the transaction of the change itself, so the
history and the directory can never disagree. They are never changed afterwards.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from atlas.models.base import SLUG_MAX_LENGTH, UTCDateTime, enum_type, utcnow

JsonObject = sa.JSON().with_variant(JSONB(), "postgresql")


class RecordType(StrEnum):
    """The kinds of record whose changes are recorded."""

    topic = "topic"
    actor = "actor"
    initiative = "initiative"
    event = "event"
    document = "document"
    mention = "mention"
    participation = "participation"
    affiliation = "affiliation"


class ChangeAction(StrEnum):
    create = "create"
    update = "update"
    delete = "delete"
    restore = "restore"


class Change(SQLModel, table=True):
    __tablename__ = "record_change"
    __table_args__ = (
        sa.Index("ix_record_change_record", "record_type", "record_id"),
        sa.Index("ix_record_change_slug", "record_type", "slug"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Every change committed together (a delete and its cascade) shares one changeset.
    changeset: str = Field(max_length=32, index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    who: str = Field(max_length=200, description="The API key's name, or cli, seed, ingest, …")
    action: ChangeAction = Field(sa_type=enum_type(ChangeAction, "change_action"))
    record_type: RecordType = Field(sa_type=enum_type(RecordType, "record_type"))
    record_id: int
    slug: str | None = Field(default=None, max_length=SLUG_MAX_LENGTH)
    version: int | None = Field(default=None, description="The record's row version afterwards.")
    # Column values (and a carrier's topic slugs): the whole record on create, delete and
    # restore; only the changed fields on update.
    before: dict[str, Any] | None = Field(default=None, sa_type=JsonObject)
    after: dict[str, Any] | None = Field(default=None, sa_type=JsonObject)
