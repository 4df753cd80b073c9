"""search index

Replaces the placeholder search objects of 0001 with the index `atlas.search` uses, and builds it
from the records already in the database, so that `atlas db upgrade` makes an existing
directory searchable.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 08:25:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# An entry's id is computed from its type and record (see atlas.search.engines), so it is a
# 64-bit key without a sequence. The entry table differs only in the tsvector column on
# PostgreSQL; the completion keys compare
# bytewise (COLLATE "C" on PostgreSQL, SQLite's default), so a prefix is a range of keys.
ENTRY = (
    "CREATE TABLE search_entry ("
    " id {id},"
    " type VARCHAR(16) NOT NULL,"
    " record_id INTEGER NOT NULL,"
    " slug VARCHAR(200) NOT NULL,"
    " name TEXT NOT NULL,"
    " kind VARCHAR(40),"
    " names TEXT NOT NULL{terms},"
    " CONSTRAINT uq_search_entry_type_record_id UNIQUE (type, record_id))"
)
LOOKUPS = [
    "CREATE TABLE search_key ("
    " key VARCHAR(200) {collate} NOT NULL,"
    " entry_id BIGINT NOT NULL REFERENCES search_entry (id) ON DELETE CASCADE,"
    " PRIMARY KEY (key, entry_id))",
    "CREATE INDEX ix_search_key_entry_id ON search_key (entry_id)",
    "CREATE TABLE search_trigram ("
    " trigram VARCHAR(3) NOT NULL,"
    " entry_id BIGINT NOT NULL REFERENCES search_entry (id) ON DELETE CASCADE,"
    " PRIMARY KEY (trigram, entry_id))",
    "CREATE INDEX ix_search_trigram_entry_id ON search_trigram (entry_id)",
]
SCHEMA = {
    "sqlite": [
        "DROP TABLE IF EXISTS search_fts",
        ENTRY.format(id="INTEGER PRIMARY KEY", terms=""),
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        " names, body, tokenize = 'unicode61 remove_diacritics 0')",
        *(statement.format(collate="") for statement in LOOKUPS),
    ],
    "postgresql": [
        "DROP TABLE IF EXISTS search_entry",
        ENTRY.format(id="BIGINT PRIMARY KEY", terms=", terms TSVECTOR NOT NULL DEFAULT ''"),
        "CREATE INDEX ix_search_entry_terms ON search_entry USING gin (terms)",
        *(statement.format(collate='COLLATE "C"') for statement in LOOKUPS),
    ],
}
# The placeholders of 0001, for a downgrade.
PLACEHOLDERS = {
    "sqlite": [
        "DROP TABLE search_trigram",
        "DROP TABLE search_key",
        "DROP TABLE search_fts",
        "DROP TABLE search_entry",
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        " entity_type UNINDEXED, entity_id UNINDEXED, name, body,"
        " tokenize = 'unicode61 remove_diacritics 2')",
    ],
    "postgresql": [
        "DROP TABLE search_trigram",
        "DROP TABLE search_key",
        "DROP TABLE search_entry",
        "CREATE TABLE search_entry ("
        " entity_type VARCHAR(16) NOT NULL, entity_id INTEGER NOT NULL,"
        " name TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',"
        " document TSVECTOR NOT NULL DEFAULT ''::tsvector,"
        " PRIMARY KEY (entity_type, entity_id))",
        "CREATE INDEX search_entry_document_idx ON search_entry USING gin (document)",
        "CREATE INDEX search_entry_name_trgm_idx ON search_entry USING gin (name gin_trgm_ops)",
    ],
}


def upgrade() -> None:
    for statement in SCHEMA[op.get_bind().dialect.name]:
        op.execute(statement)
    # Built by the application's indexer (the one place that knows what is indexed and how);
    # a later change to it comes with its own migration that reindexes.
    from atlas.search.index import reindex

    reindex(op.get_bind())


def downgrade() -> None:
    for statement in PLACEHOLDERS[op.get_bind().dialect.name]:
        op.execute(statement)
