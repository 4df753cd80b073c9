"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 05:31:43.303686
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Full-text search objects differ per database and are written by hand (see atlas.search).
SEARCH_SCHEMA = {
    "sqlite": [
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        " entity_type UNINDEXED, entity_id UNINDEXED, name, body,"
        " tokenize = 'unicode61 remove_diacritics 2')",
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE TABLE search_entry ("
        " entity_type VARCHAR(16) NOT NULL, entity_id INTEGER NOT NULL,"
        " name TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',"
        " document TSVECTOR NOT NULL DEFAULT ''::tsvector,"
        " PRIMARY KEY (entity_type, entity_id))",
        "CREATE INDEX search_entry_document_idx ON search_entry USING gin (document)",
        "CREATE INDEX search_entry_name_trgm_idx ON search_entry USING gin (name gin_trgm_ops)",
    ],
}
DROP_SEARCH_SCHEMA = {
    "sqlite": ["DROP TABLE IF EXISTS search_fts"],
    # The extensions stay: other schemas in the database may use them.
    "postgresql": ["DROP TABLE IF EXISTS search_entry"],
}


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column(
            "aliases",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "state",
                "person",
                "international_organisation",
                "government_body",
                "ngo",
                "network",
                "company",
                "other",
                name="actor_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.CheckConstraint(
            "country IS NULL OR length(country) = 2", name=op.f("ck_actor_country_code")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("slug", name=op.f("uq_actor_slug")),
    )
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_actor_kind"), ["kind"], unique=False)

    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("publisher", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "press_release",
                "article",
                "news",
                "speech",
                "interview",
                "report",
                "other",
                name="document_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column(
            "date_precision",
            sa.Enum(
                "day",
                "month",
                "year",
                name="date_precision",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("source_url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("clean_text", sa.Text(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column(
            "captions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.CheckConstraint(
            "(published_on IS NULL) = (date_precision IS NULL)",
            name=op.f("ck_document_date_with_precision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("sha256", name=op.f("uq_document_sha256")),
        sa.UniqueConstraint("slug", name=op.f("uq_document_slug")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_language"), ["language"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_document_published_on"), ["published_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_document_publisher"), ["publisher"], unique=False)

    op.create_table(
        "initiative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column(
            "aliases",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "alliance",
                "coalition",
                "forum",
                "platform",
                "dialogue",
                "centre",
                "campaign",
                "principles",
                "programme",
                "other",
                name="initiative_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "planned",
                "ended",
                "unknown",
                name="initiative_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.Column(
            "founded_precision",
            sa.Enum(
                "day",
                "month",
                "year",
                name="founded_precision",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(founded_on IS NULL) = (founded_precision IS NULL)",
            name=op.f("ck_initiative_founded_with_precision"),
        ),
        sa.CheckConstraint(
            "parent_id IS NULL OR parent_id <> id", name=op.f("ck_initiative_not_own_parent")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["initiative.id"],
            name=op.f("fk_initiative_parent_id_initiative"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative")),
        sa.UniqueConstraint("slug", name=op.f("uq_initiative_slug")),
    )
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_initiative_founded_on"), ["founded_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiative_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiative_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiative_status"), ["status"], unique=False)

    op.create_table(
        "topic",
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("label_de", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("label_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
        sa.UniqueConstraint("slug", name=op.f("uq_topic_slug")),
    )
    op.create_table(
        "actor_topic",
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_actor_topic_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topic.id"],
            name=op.f("fk_actor_topic_topic_id_topic"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("actor_id", "topic_id", name=op.f("pk_actor_topic")),
    )
    with op.batch_alter_table("actor_topic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_topic_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "document_topic",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_topic_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topic.id"],
            name=op.f("fk_document_topic_topic_id_topic"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "topic_id", name=op.f("pk_document_topic")),
    )
    with op.batch_alter_table("document_topic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_topic_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column(
            "aliases",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column(
            "date_precision",
            sa.Enum(
                "day",
                "month",
                "year",
                name="date_precision",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("virtual", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(starts_on IS NULL) = (date_precision IS NULL)",
            name=op.f("ck_event_dates_with_precision"),
        ),
        sa.CheckConstraint(
            "ends_on IS NULL OR (starts_on IS NOT NULL AND ends_on >= starts_on)",
            name=op.f("ck_event_ends_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_event_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("slug", name=op.f("uq_event_slug")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_ends_on"), ["ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_initiative_id"), ["initiative_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_starts_on"), ["starts_on"], unique=False)

    op.create_table(
        "initiative_topic",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_initiative_topic_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topic.id"],
            name=op.f("fk_initiative_topic_topic_id_topic"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("initiative_id", "topic_id", name=op.f("pk_initiative_topic")),
    )
    with op.batch_alter_table("initiative_topic", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_topic_topic_id"), ["topic_id"], unique=False
        )

    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column(
            "method",
            sa.Enum(
                "curated",
                "linked",
                name="mention_method",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "confirmed",
                "suggested",
                "rejected",
                name="review_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(CASE WHEN actor_id IS NULL THEN 0 ELSE 1 END + CASE WHEN initiative_id IS NULL THEN 0 ELSE 1 END + CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_mention_one_target"),
        ),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_mention_confidence_range")
        ),
        sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f("ck_mention_span")),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_mention_actor_id_actor"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_mention_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_mention_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_mention_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention")),
    )
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mention_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_document_id"), ["document_id"], unique=False)
        batch_op.create_index("ix_mention_document_span", ["document_id", "start"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mention_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mention_status"), ["status"], unique=False)

    op.create_table(
        "affiliation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evidence_document_id", sa.Integer(), nullable=True),
        sa.Column("evidence_mention_id", sa.Integer(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column(
            "date_precision",
            sa.Enum(
                "day",
                "month",
                "year",
                name="date_precision",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.CheckConstraint(
            "(evidence_start IS NULL AND evidence_end IS NULL) OR (evidence_document_id IS NOT NULL AND evidence_start >= 0 AND evidence_end > evidence_start)",
            name=op.f("ck_affiliation_evidence_span"),
        ),
        sa.CheckConstraint(
            "actor_id <> organization_id", name=op.f("ck_affiliation_distinct_ends")
        ),
        sa.CheckConstraint(
            "end_on IS NULL OR start_on IS NULL OR end_on >= start_on",
            name=op.f("ck_affiliation_period"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_affiliation_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_document_id"],
            ["document.id"],
            name=op.f("fk_affiliation_evidence_document_id_document"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_mention_id"],
            ["mention.id"],
            name=op.f("fk_affiliation_evidence_mention_id_mention"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["actor.id"],
            name=op.f("fk_affiliation_organization_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliation")),
    )
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_affiliation_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_affiliation_end_on"), ["end_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_affiliation_evidence_document_id"),
            ["evidence_document_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_affiliation_evidence_mention_id"), ["evidence_mention_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_affiliation_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_affiliation_start_on"), ["start_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_affiliation_title"), ["title"], unique=False)

    op.create_table(
        "participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evidence_document_id", sa.Integer(), nullable=True),
        sa.Column("evidence_mention_id", sa.Integer(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column(
            "date_precision",
            sa.Enum(
                "day",
                "month",
                "year",
                name="date_precision",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "member",
                "founder",
                "host",
                "chair",
                "co_chair",
                "participant",
                "supporter",
                "co_sponsor",
                "organiser",
                "partner",
                name="participation_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(evidence_start IS NULL AND evidence_end IS NULL) OR (evidence_document_id IS NOT NULL AND evidence_start >= 0 AND evidence_end > evidence_start)",
            name=op.f("ck_participation_evidence_span"),
        ),
        sa.CheckConstraint(
            "(initiative_id IS NULL) <> (event_id IS NULL)",
            name=op.f("ck_participation_initiative_or_event"),
        ),
        sa.CheckConstraint(
            "end_on IS NULL OR start_on IS NULL OR end_on >= start_on",
            name=op.f("ck_participation_period"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_participation_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_participation_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_document_id"],
            ["document.id"],
            name=op.f("fk_participation_evidence_document_id_document"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_mention_id"],
            ["mention.id"],
            name=op.f("fk_participation_evidence_mention_id_mention"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_participation_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation")),
    )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participation_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_participation_end_on"), ["end_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_participation_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_participation_evidence_document_id"),
            ["evidence_document_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_participation_evidence_mention_id"),
            ["evidence_mention_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_participation_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_participation_role"), ["role"], unique=False)
        batch_op.create_index(batch_op.f("ix_participation_start_on"), ["start_on"], unique=False)

    for statement in SEARCH_SCHEMA[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_SEARCH_SCHEMA[op.get_bind().dialect.name]:
        op.execute(statement)

    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_start_on"))
        batch_op.drop_index(batch_op.f("ix_participation_role"))
        batch_op.drop_index(batch_op.f("ix_participation_initiative_id"))
        batch_op.drop_index(batch_op.f("ix_participation_evidence_mention_id"))
        batch_op.drop_index(batch_op.f("ix_participation_evidence_document_id"))
        batch_op.drop_index(batch_op.f("ix_participation_event_id"))
        batch_op.drop_index(batch_op.f("ix_participation_end_on"))
        batch_op.drop_index(batch_op.f("ix_participation_actor_id"))

    op.drop_table("participation")
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_affiliation_title"))
        batch_op.drop_index(batch_op.f("ix_affiliation_start_on"))
        batch_op.drop_index(batch_op.f("ix_affiliation_organization_id"))
        batch_op.drop_index(batch_op.f("ix_affiliation_evidence_mention_id"))
        batch_op.drop_index(batch_op.f("ix_affiliation_evidence_document_id"))
        batch_op.drop_index(batch_op.f("ix_affiliation_end_on"))
        batch_op.drop_index(batch_op.f("ix_affiliation_actor_id"))

    op.drop_table("affiliation")
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mention_status"))
        batch_op.drop_index(batch_op.f("ix_mention_initiative_id"))
        batch_op.drop_index(batch_op.f("ix_mention_event_id"))
        batch_op.drop_index("ix_mention_document_span")
        batch_op.drop_index(batch_op.f("ix_mention_document_id"))
        batch_op.drop_index(batch_op.f("ix_mention_actor_id"))

    op.drop_table("mention")
    with op.batch_alter_table("initiative_topic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_topic_topic_id"))

    op.drop_table("initiative_topic")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_starts_on"))
        batch_op.drop_index(batch_op.f("ix_event_initiative_id"))
        batch_op.drop_index(batch_op.f("ix_event_ends_on"))

    op.drop_table("event")
    with op.batch_alter_table("document_topic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_topic_topic_id"))

    op.drop_table("document_topic")
    with op.batch_alter_table("actor_topic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_topic_topic_id"))

    op.drop_table("actor_topic")
    op.drop_table("topic")
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_status"))
        batch_op.drop_index(batch_op.f("ix_initiative_parent_id"))
        batch_op.drop_index(batch_op.f("ix_initiative_kind"))
        batch_op.drop_index(batch_op.f("ix_initiative_founded_on"))

    op.drop_table("initiative")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_publisher"))
        batch_op.drop_index(batch_op.f("ix_document_published_on"))
        batch_op.drop_index(batch_op.f("ix_document_language"))
        batch_op.drop_index(batch_op.f("ix_document_kind"))

    op.drop_table("document")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_kind"))
        batch_op.drop_index(batch_op.f("ix_actor_country"))

    op.drop_table("actor")
