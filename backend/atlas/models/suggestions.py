"""The review queue: what ingesting a text proposes and an editor accepts or rejects.

A suggestion is either a new entity (a name in a text that matches nothing known) or a relation
the text states in a simple pattern (`Außenminister X`, `X ist Mitglied der Y`). Each carries its
evidence: the document, the span of the name and the sentence around it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from atlas.models.base import JsonList, TimestampedTable, UTCDateTime, enum_type
from atlas.models.enums import EntityType, SuggestionKind, SuggestionStatus

JsonObject = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


class Suggestion(TimestampedTable, table=True):
    __table_args__ = (
        sa.CheckConstraint('start >= 0 AND "end" > start', name="span"),
        sa.CheckConstraint(
            'evidence_start <= start AND evidence_end >= "end"', name="evidence_covers_span"
        ),
        sa.Index("ix_suggestion_status_kind", "status", "kind"),
    )

    kind: SuggestionKind = Field(sa_type=enum_type(SuggestionKind, "suggestion_kind"))
    status: SuggestionStatus = Field(
        default=SuggestionStatus.pending,
        sa_type=enum_type(SuggestionStatus, "suggestion_status"),
    )
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=500, description="The name as the text writes it.")
    # The folded name (with the kind): a rejected key is not suggested again.
    key: str = Field(max_length=500, index=True)
    entity_type: EntityType | None = Field(
        default=None, sa_type=enum_type(EntityType, "entity_type")
    )
    entity_kind: str | None = Field(default=None, max_length=40)
    country: str | None = Field(default=None, max_length=2)
    aliases: list[str] = Field(default_factory=list, sa_type=JsonList)
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    # Every place the document names it: accepting turns each into a mention.
    spans: list[Any] = Field(default_factory=list, sa_type=JsonList)
    evidence_start: int = Field(ge=0)
    evidence_end: int = Field(gt=0)
    quote: str = Field(sa_type=sa.Text)
    rule: str = Field(max_length=40, description="The rule that found it.")
    # A relation's ends and role: {"subject": {...}, "object": {...} | null, "role": "..."}.
    relation: dict[str, Any] | None = Field(default=None, sa_type=JsonObject)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What accepting it made or changed: "actor:slug", or the relation's "participation:id".
    outcome: str | None = Field(default=None, max_length=200)
