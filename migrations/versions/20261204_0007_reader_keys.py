"""reader keys: API keys that identify a client but may not write

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 03:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSTRAINT = "ck_api_key_api_key_role"


def _allow(*roles: str) -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table("api_key") as batch:
        batch.drop_constraint(op.f(CONSTRAINT), type_="check")
        batch.create_check_constraint(
            op.f(CONSTRAINT), "role IN (" + ", ".join(f"'{role}'" for role in roles) + ")"
        )


def upgrade() -> None:
    _allow("reader", "editor", "admin")


def downgrade() -> None:
    op.execute("DELETE FROM api_key WHERE role = 'reader'")
    _allow("editor", "admin")
