"""The two text indexes behind search: SQLite's FTS5 and PostgreSQL's tsvector.

Both index the terms of `analysis.py` (already folded and stemmed), so both find the same
entries for the same query; each only stores, matches and ranks them. A query reaches them as
`Clause`s and is rendered in the engine's own syntax from terms that are only letters and digits,
so no user input ever becomes query syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from atlas.search.analysis import MIN_PREFIX_LENGTH

# How much more a term in a name counts than one in a body, in each engine's ranking.
NAME_WEIGHT = 10.0


@dataclass(frozen=True)
class Clause:
    """Terms that must occur together: one term (a word), or several in a row (a phrase).

    A single longer word also matches as the start of a term, so that it finds the compounds it
    begins (Impfstoff → Impfstoffplattform); a quoted word or phrase matches exactly.
    """

    terms: tuple[str, ...]
    prefix: bool = False
    # Other spellings a single word may have (the known name a typo is close to).
    alternatives: tuple[str, ...] = ()

    @classmethod
    def word(cls, term: str) -> Clause:
        return cls((term,), prefix=len(term) >= MIN_PREFIX_LENGTH)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.terms[0], *self.alternatives)

    def matches(self, terms: Sequence[str]) -> list[int]:
        """Where in a list of terms this clause occurs (the index of its first term)."""
        size = len(self.terms)
        found = []
        for i in range(len(terms) - size + 1):
            head = terms[i]
            if self.prefix:
                if not head.startswith(self.spellings):
                    continue
            elif head not in self.spellings:
                continue
            if all(terms[i + k] == self.terms[k] for k in range(1, size)):
                found.append(i)
        return found


# An entry's id is its type's code in the high 32 bits and its record's id in the low ones: the
# engines count matches per type from the ids alone, and list entities (higher codes) before
# documents when they go through matches in descending id order.
TYPE_CODES = {"document": 1, "event": 2, "initiative": 3, "actor": 4, "topic": 5}
TYPES_BY_CODE = {code: type_ for type_, code in TYPE_CODES.items()}
ID_BITS = 32


def entry_id(type_: str, record_id: int) -> int:
    return (TYPE_CODES[type_] << ID_BITS) | record_id


def type_of(entry_id: int) -> str:
    return TYPES_BY_CODE[entry_id >> ID_BITS]


class TextIndex(Protocol):
    def write(self, connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
        """Index the terms of entries: rows of {"id", "names", "body"}."""
        ...

    def delete(self, connection: Connection, entry_ids: Sequence[int]) -> None: ...

    def clear(self, connection: Connection) -> None: ...

    def ids(self, clauses: Sequence[Clause]) -> Any:
        """A SELECT of the entry_id of every entry matching every clause, in descending id order
        (entities first, then the newest documents)."""
        ...

    def ranks(self, clauses: Sequence[Clause], entry_ids: Sequence[int]) -> Any:
        """A SELECT of (entry_id, rank) of those of the given entries that match every clause;
        a higher rank is a better match."""
        ...

    def among(self, clauses: Sequence[Clause], entry_ids: Sequence[int]) -> Any:
        """A SELECT of the entry_id of those of the given entries that match every clause."""
        ...


class SqliteIndex:
    """FTS5 table `search_fts(names, body)`, its rowid the entry's id."""

    def write(self, connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
        connection.execute(
            sa.text("INSERT INTO search_fts (rowid, names, body) VALUES (:id, :names, :body)"),
            list(rows),
        )

    def delete(self, connection: Connection, entry_ids: Sequence[int]) -> None:
        statement = sa.text("DELETE FROM search_fts WHERE rowid IN :ids").bindparams(
            sa.bindparam("ids", expanding=True)
        )
        connection.execute(statement, {"ids": list(entry_ids)})

    def clear(self, connection: Connection) -> None:
        connection.execute(sa.text("DELETE FROM search_fts"))

    @staticmethod
    def expression(clauses: Sequence[Clause]) -> str:
        def phrase(clause: Clause) -> str:
            star = "*" if clause.prefix else ""
            if clause.alternatives:
                return "(" + " OR ".join(f'"{t}"{star}' for t in clause.spellings) + ")"
            return '"' + " ".join(clause.terms) + '"' + star

        return " AND ".join(phrase(clause) for clause in clauses)

    def ids(self, clauses: Sequence[Clause]) -> Any:
        return (
            sa.text(
                "SELECT rowid AS entry_id FROM search_fts WHERE search_fts MATCH :expression"
                " ORDER BY rowid DESC"
            )
            .bindparams(expression=self.expression(clauses))
            .columns(entry_id=sa.BigInteger)
        )

    def ranks(self, clauses: Sequence[Clause], entry_ids: Sequence[int]) -> Any:
        # bm25 is better when lower; the weights are per column (names, body). It counts the
        # documents that hold each term over all matches, whichever rows are asked for.
        return (
            sa.text(
                "SELECT rowid AS entry_id, -bm25(search_fts, :name_weight, 1.0) AS rank"
                " FROM search_fts WHERE search_fts MATCH :expression AND +rowid IN :ids"
            )
            .bindparams(sa.bindparam("ids", expanding=True))
            .bindparams(
                expression=self.expression(clauses), name_weight=NAME_WEIGHT, ids=list(entry_ids)
            )
            .columns(entry_id=sa.BigInteger, rank=sa.Float)
        )

    def among(self, clauses: Sequence[Clause], entry_ids: Sequence[int]) -> Any:
        # "+rowid": a plain filter on the matches; as a constraint handed to FTS5, the rowid list
        # makes it look up every listed row (a hundred times slower).
        return (
            sa.text(
                "SELECT rowid AS entry_id FROM search_fts"
                " WHERE search_fts MATCH :expression AND +rowid IN :ids"
            )
            .bindparams(sa.bindparam("ids", expanding=True))
            .bindparams(expression=self.expression(clauses), ids=list(entry_ids))
            .columns(entry_id=sa.BigInteger)
        )


class PostgresIndex:
    """Column `search_entry.terms`: names with weight A, body with weight D, under a GIN index."""

    def write(self, connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
        connection.execute(
            sa.text(
                "UPDATE search_entry SET terms ="
                " setweight(to_tsvector('simple', :names), 'A')"
                " || setweight(to_tsvector('simple', :body), 'D') WHERE id = :id"
            ),
            list(rows),
        )

    def delete(self, connection: Connection, entry_ids: Sequence[int]) -> None:
        """The terms go with their entry row."""

    def clear(self, connection: Connection) -> None:
        """The terms go with their entry rows."""

    @staticmethod
    def expression(clauses: Sequence[Clause]) -> str:
        def lexeme(term: str, prefix: bool) -> str:
            return f"'{term}':*" if prefix else f"'{term}'"

        def phrase(clause: Clause) -> str:
            if clause.alternatives:
                return "(" + " | ".join(lexeme(t, clause.prefix) for t in clause.spellings) + ")"
            return "(" + " <-> ".join(lexeme(term, clause.prefix) for term in clause.terms) + ")"

        return " & ".join(phrase(clause) for clause in clauses)

    def ids(self, clauses: Sequence[Clause]) -> Any:
        return (
            sa.text(
                "SELECT id AS entry_id FROM search_entry"
                " WHERE terms @@ to_tsquery('simple', :expression) ORDER BY id DESC"
            )
            .bindparams(expression=self.expression(clauses))
            .columns(entry_id=sa.BigInteger)
        )

    def ranks(self, clauses: Sequence[Clause], entry_ids: Sequence[int]) -> Any:
        # ts_rank's weights are {D, C, B, A}: a name term counts NAME_WEIGHT times a body term.
        return (
            sa.text(
                "SELECT id AS entry_id, ts_rank(CAST(:weights AS real[]), terms, query) AS rank"
                " FROM search_entry, to_tsquery('simple', :expression) AS query"
                " WHERE id IN :ids AND terms @@ query"
            )
            .bindparams(sa.bindparam("ids", expanding=True))
            .bindparams(
                expression=self.expression(clauses),
                weights=[1.0 / NAME_WEIGHT, 0.0, 0.0, 1.0],
                ids=list(entry_ids),
            )
            .columns(entry_id=sa.BigInteger, rank=sa.Float)
        )

    def among(self, clauses: Sequence[Clause], entry_ids: Sequence[int]) -> Any:
        return (
            sa.text(
                "SELECT id AS entry_id FROM search_entry"
                " WHERE id IN :ids AND terms @@ to_tsquery('simple', :expression)"
            )
            .bindparams(sa.bindparam("ids", expanding=True))
            .bindparams(expression=self.expression(clauses), ids=list(entry_ids))
            .columns(entry_id=sa.BigInteger)
        )


def engine_for(connection: Connection) -> TextIndex:
    return SqliteIndex() if connection.dialect.name == "sqlite" else PostgresIndex()
