"""Participations (actor in initiative or event) and affiliations (actor to actor).

Both carry their evidence: the document, and where known the mention and span, that state them.
A cited document cannot be deleted while facts rest on it (RESTRICT); a deleted mention only
narrows the evidence to the document and span (SET NULL).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from atlas.models.base import TimestampedTable, enum_type
from atlas.models.enums import DatePrecision, ParticipationRole

EVIDENCE_SPAN = (
    "(evidence_start IS NULL AND evidence_end IS NULL)"
    " OR (evidence_document_id IS NOT NULL AND evidence_start >= 0"
    " AND evidence_end > evidence_start)"
)
PERIOD = "end_on IS NULL OR start_on IS NULL OR end_on >= start_on"


class EvidenceFields(SQLModel):
    evidence_document_id: int | None = Field(
        default=None, foreign_key="document.id", ondelete="RESTRICT", index=True
    )
    evidence_mention_id: int | None = Field(
        default=None, foreign_key="mention.id", ondelete="SET NULL", index=True
    )
    evidence_start: int | None = Field(default=None, ge=0)
    evidence_end: int | None = Field(default=None, gt=0)


class RelationFields(SQLModel):
    """What relations share: when it held, and a note on how (e.g. what a participant did)."""

    start_on: date | None = Field(default=None, index=True)
    end_on: date | None = Field(default=None, index=True)
    date_precision: DatePrecision | None = Field(
        default=None, sa_type=enum_type(DatePrecision, "date_precision")
    )
    note: str | None = Field(default=None, sa_type=sa.Text)


class ParticipationBase(RelationFields, EvidenceFields):
    actor_id: int = Field(foreign_key="actor.id", ondelete="CASCADE", index=True)
    initiative_id: int | None = Field(
        default=None, foreign_key="initiative.id", ondelete="CASCADE", index=True
    )
    event_id: int | None = Field(
        default=None, foreign_key="event.id", ondelete="CASCADE", index=True
    )
    role: ParticipationRole = Field(
        sa_type=enum_type(ParticipationRole, "participation_role"), index=True
    )


class Participation(ParticipationBase, TimestampedTable, table=True):
    """An actor takes part in an initiative or in one of its events, in a role."""

    __table_args__ = (
        sa.CheckConstraint(
            "(initiative_id IS NULL) <> (event_id IS NULL)", name="initiative_or_event"
        ),
        sa.CheckConstraint(PERIOD, name="period"),
        sa.CheckConstraint(EVIDENCE_SPAN, name="evidence_span"),
    )


class AffiliationBase(RelationFields, EvidenceFields):
    actor_id: int = Field(foreign_key="actor.id", ondelete="CASCADE", index=True)
    organization_id: int = Field(foreign_key="actor.id", ondelete="CASCADE", index=True)
    title: str = Field(
        min_length=1, max_length=200, index=True, description="Role or title, in German."
    )
    title_en: str | None = Field(default=None, max_length=200)


class Affiliation(AffiliationBase, TimestampedTable, table=True):
    """An actor holds an office in, or is part of, another (a minister of a state, a ministry of
    a government)."""

    __table_args__ = (
        sa.CheckConstraint("actor_id <> organization_id", name="distinct_ends"),
        sa.CheckConstraint(PERIOD, name="period"),
        sa.CheckConstraint(EVIDENCE_SPAN, name="evidence_span"),
    )
