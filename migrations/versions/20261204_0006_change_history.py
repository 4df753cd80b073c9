"""change history: one row per created, changed, deleted or restored record

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
RECORD_TYPES = (
    "topic", "actor", "initiative", "event", "document", "mention", "participation", "affiliation",
)  # fmt: skip


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table(
        "record_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changeset", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column(
            "action",
            _enum("change_action", "create", "update", "delete", "restore"),
            nullable=False,
        ),
        sa.Column("record_type", _enum("record_type", *RECORD_TYPES), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("before", JSON, nullable=True),
        sa.Column("after", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_change")),
    )
    op.create_index(op.f("ix_record_change_at"), "record_change", ["at"])
    op.create_index(op.f("ix_record_change_changeset"), "record_change", ["changeset"])
    op.create_index("ix_record_change_record", "record_change", ["record_type", "record_id"])
    op.create_index("ix_record_change_slug", "record_change", ["record_type", "slug"])


def downgrade() -> None:
    op.drop_table("record_change")
