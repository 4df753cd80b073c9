"""review queue of suggestions

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 03:07:57.664674
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table(
        "suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "kind",
            _enum("suggestion_kind", "entity", "participation", "affiliation"),
            nullable=False,
        ),
        sa.Column(
            "status", _enum("suggestion_status", "pending", "accepted", "rejected"), nullable=False
        ),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column(
            "entity_type",
            _enum("entity_type", "actor", "initiative", "event", "topic", "document"),
            nullable=True,
        ),
        sa.Column("entity_kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("aliases", JSON, nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("spans", JSON, nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("relation", JSON, nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.CheckConstraint(
            'evidence_start <= start AND evidence_end >= "end"',
            name=op.f("ck_suggestion_evidence_covers_span"),
        ),
        sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f("ck_suggestion_span")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_suggestion_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion")),
    )
    op.create_index(op.f("ix_suggestion_document_id"), "suggestion", ["document_id"])
    op.create_index(op.f("ix_suggestion_key"), "suggestion", ["key"])
    op.create_index("ix_suggestion_status_kind", "suggestion", ["status", "kind"])


def downgrade() -> None:
    op.drop_table("suggestion")
