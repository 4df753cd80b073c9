"""api keys, slug redirects, row versions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 05:46:29.322375
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "editor", "admin", name="api_key_role", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_key_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_api_key_name")),
    )
    op.create_table(
        "slug_redirect",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "entity_type",
            sa.Enum(
                "actor",
                "initiative",
                "event",
                "topic",
                "document",
                name="entity_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("old_slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slug_redirect")),
        sa.UniqueConstraint("entity_type", "old_slug", name="uq_slug_redirect_old"),
    )
    with op.batch_alter_table("slug_redirect", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slug_redirect_entity_id"), ["entity_id"], unique=False)

    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        # Existing topics get the migration's time; new ones get theirs from the application.
        batch_op.add_column(
            sa.Column(
                "created_at",
                sa.DateTime(timezone=True),
                server_default=sa.func.now(),
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column(
                "updated_at",
                sa.DateTime(timezone=True),
                server_default=sa.func.now(),
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("created_at")
        batch_op.drop_column("version")

    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("slug_redirect", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slug_redirect_entity_id"))

    op.drop_table("slug_redirect")
    op.drop_table("api_key")
