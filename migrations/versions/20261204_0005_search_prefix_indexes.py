"""search: FTS5 prefix indexes

Every query word of four or more letters also matches as the start of a longer term (compounds:
Klima → Klimaschutz). Without a prefix index FTS5 answers such a word by merging the lists of
every term it begins, at every query: `klima*` merges Klimaschutz, Klimaanpassung, … (65,000 of
100,000 documents), which cost a search 15 to 20 ms. With `prefix='4 5 6 7 8 9'` FTS5 keeps those
merged lists for the starts of 4 to 9 letters (the short stems that begin many compounds) and
reads one list instead. The matches and the ranking stay the same; only SQLite changes.

The table is rebuilt from its own rows (the terms are stored in it), so existing databases need
no reindex.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 03:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = (
    "CREATE VIRTUAL TABLE {name} USING fts5("
    " names, body, tokenize = 'unicode61 remove_diacritics 0'{prefix})"
)
PREFIX = ", prefix = '4 5 6 7 8 9'"


def _rebuild(prefix: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(TABLE.format(name="search_fts_new", prefix=prefix))
    op.execute(
        "INSERT INTO search_fts_new (rowid, names, body) SELECT rowid, names, body FROM search_fts"
    )
    op.execute("DROP TABLE search_fts")
    op.execute("ALTER TABLE search_fts_new RENAME TO search_fts")
    # One b-tree per index instead of the many segments a bulk insert leaves behind.
    op.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")


def upgrade() -> None:
    _rebuild(PREFIX)


def downgrade() -> None:
    _rebuild("")
