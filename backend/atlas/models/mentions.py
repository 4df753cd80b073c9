"""Mentions: spans of a document's clean text that refer to an actor, initiative or event."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from atlas.models.base import TimestampedTable, enum_type
from atlas.models.enums import MentionMethod, ReviewStatus

EXACTLY_ONE_TARGET = (
    "(CASE WHEN actor_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN initiative_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) = 1"
)


class MentionBase(SQLModel):
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE", index=True)
    start: int = Field(ge=0, description="Offset of the first character in the clean text.")
    end: int = Field(gt=0, description="Offset after the last character in the clean text.")
    text: str = Field(min_length=1, max_length=500, description="The surface text of the span.")
    actor_id: int | None = Field(
        default=None, foreign_key="actor.id", ondelete="CASCADE", index=True
    )
    initiative_id: int | None = Field(
        default=None, foreign_key="initiative.id", ondelete="CASCADE", index=True
    )
    event_id: int | None = Field(
        default=None, foreign_key="event.id", ondelete="CASCADE", index=True
    )
    method: MentionMethod = Field(
        default=MentionMethod.curated, sa_type=enum_type(MentionMethod, "mention_method")
    )
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    status: ReviewStatus = Field(
        default=ReviewStatus.confirmed, sa_type=enum_type(ReviewStatus, "review_status"), index=True
    )


class Mention(MentionBase, TimestampedTable, table=True):
    __table_args__ = (
        sa.CheckConstraint('start >= 0 AND "end" > start', name="span"),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        sa.CheckConstraint(EXACTLY_ONE_TARGET, name="one_target"),
        sa.Index("ix_mention_document_span", "document_id", "start"),
    )
