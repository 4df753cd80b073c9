"""Names of the database objects full-text search uses, which differ per engine.

SQLite gets an FTS5 table (`search_fts`); PostgreSQL a table with a tsvector column and GIN
indexes (`search_entry`), with the unaccent and pg_trgm extensions. Migrations create them by
hand, since SQLModel cannot describe them, so autogenerate must leave `search_…` objects alone.
"""

from __future__ import annotations

SEARCH_PREFIX = "search_"


def is_search_object(name: str | None, type_: str) -> bool:
    """Whether a reflected table or index belongs to the hand-made search schema."""
    return type_ in {"table", "index"} and name is not None and name.startswith(SEARCH_PREFIX)
