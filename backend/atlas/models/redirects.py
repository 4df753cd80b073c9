"""Old slugs: when a record's slug changes, its old URLs keep resolving (by redirect)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from atlas.models.base import SLUG_MAX_LENGTH, UTCDateTime, enum_type, utcnow
from atlas.models.enums import EntityType


class SlugRedirect(SQLModel, table=True):
    __tablename__ = "slug_redirect"
    __table_args__ = (sa.UniqueConstraint("entity_type", "old_slug", name="uq_slug_redirect_old"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_type: EntityType = Field(sa_type=enum_type(EntityType, "entity_type"))
    old_slug: str = Field(max_length=SLUG_MAX_LENGTH)
    # No foreign key: the target table depends on entity_type. Deleting a record deletes its
    # redirects in the same service call.
    entity_id: int = Field(index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
