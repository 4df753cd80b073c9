"""The two text indexes behind search: SQLite's FTS5 and PostgreSQL's tsvector.

Both index the terms of `analysis.py` (already folded and stemmed), so both find the same
entries for the same query; each only stores, matches and ranks them. A query reaches them as
`Clause`s and is rendered in the engine's own syntax from terms that are only letters and digits,
so no user input ever becomes query syntax.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
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

    @cached_property
    def needles(self) -> tuple[str, ...]:
        """A single word as the substrings it is in terms joined by spaces (see `occurs_in`):
        made once per clause, as scoring asks hundreds of names about it."""
        end = "" if self.prefix else " "
        return tuple(f" {spelling}{end}" for spelling in self.spellings)

    def occurs_in(self, terms: Sequence[str], joined: str | None = None) -> bool:
        """Whether this clause occurs in a list of terms (`matches`, without the places).
        `joined`: the terms joined by spaces with a space before and after, where a word is
        looked for as one substring search (terms hold no spaces)."""
        if len(self.terms) > 1:
            return bool(self.matches(terms))
        if joined is None:
            joined = " " + " ".join(terms) + " "
        return any(needle in joined for needle in self.needles)

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


def _run(descending_ids: Sequence[int], type_: str) -> tuple[int, int]:
    """Where the entry ids of a type are in a list of them in descending order: the types are
    the ids' high bits, so each type is one run of the list, found by bisection."""
    low = entry_id(type_, 0)
    start = bisect_left(descending_ids, 1 - low - (1 << ID_BITS), key=lambda id_: -id_)
    return start, bisect_left(descending_ids, 1 - low, key=lambda id_: -id_)


def count_by_type(descending_ids: Sequence[int]) -> dict[str, int]:
    """How many of these entry ids (in descending order) are of each type."""
    counts: dict[str, int] = {}
    for type_ in TYPE_CODES:
        start, end = _run(descending_ids, type_)
        if end > start:
            counts[type_] = end - start
    return counts


def records_of(descending_ids: Sequence[int], type_: str) -> list[int]:
    """The record ids of one type among these entry ids (in descending order)."""
    start, end = _run(descending_ids, type_)
    low = entry_id(type_, 0)
    return [entry - low for entry in descending_ids[start:end]]


# The columns of an entry that a search reads (see `entries`).
ENTRY_COLUMNS = "id, type, record_id, slug, name, kind, names"
# A list of ids as one JSON parameter, on SQLite.
_JSON_IDS = "(SELECT value FROM json_each(?))"


def entries(connection: Connection, entry_ids: Sequence[int]) -> list[Any]:
    """The rows (ENTRY_COLUMNS) of these entries, as the driver's tuples, in no order. The ids go
    as one parameter (a JSON array on SQLite, an array on PostgreSQL): a statement with a bound
    parameter per id is compiled anew for every length, and a search asks for hundreds."""
    if not entry_ids:
        return []
    if connection.dialect.name == "sqlite":
        statement = f"SELECT {ENTRY_COLUMNS} FROM search_entry WHERE id IN {_JSON_IDS}"
        return _fetch(connection, statement, (json.dumps(list(entry_ids)),))
    statement = f"SELECT {ENTRY_COLUMNS} FROM search_entry WHERE id = ANY(CAST(%s AS bigint[]))"
    return _fetch(connection, statement, (list(entry_ids),))


def one_of(connection: Connection, column: Any, values: Sequence[int]) -> Any:
    """`column IN values` as a clause for any number of values: like `entries`, one parameter,
    as a statement may have no more than 65,535 (PostgreSQL) or 32,766 (SQLite) parameters and a
    list's query may match more records than that."""
    if connection.dialect.name == "postgresql":
        # A set to join: `= ANY(array)` outside an index is tested element by element for each
        # row (12 s for 38,000 ids against 100,000 documents).
        array = sa.bindparam(None, list(values), type_=ARRAY(sa.BigInteger))
        listed = sa.func.unnest(array).table_valued("value").render_derived()
    else:
        listed = sa.func.json_each(sa.bindparam(None, json.dumps(list(values)))).table_valued(
            "value"
        )
    return column.in_(sa.select(listed.c.value))


@dataclass(frozen=True)
class Matches:
    """What the engine found for a query: the first entry ids in descending order (all of them
    when there are no more than were asked for) and how many entries of each type match."""

    first: list[int]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _fetch(connection: Connection, statement: str, parameters: Any) -> list[Any]:
    """The rows of a statement in the driver's own SQL, as the driver's tuples: a search reads
    thousands of ids, and a Row object per id would cost more than the database's work. Through
    `exec_driver_sql`, so the statement is part of the connection's transaction and events."""
    result = connection.exec_driver_sql(statement, parameters)
    try:
        rows = list(result.cursor.fetchall())
    finally:
        result.close()
    return rows


class TextIndex(Protocol):
    def write(self, connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
        """Index the terms of entries: rows of {"id", "names", "body"}."""
        ...

    def delete(self, connection: Connection, entry_ids: Sequence[int]) -> None: ...

    def clear(self, connection: Connection) -> None: ...

    def optimize(self, connection: Connection) -> None:
        """Compact the index after a rebuild."""
        ...

    def ids(self, clauses: Sequence[Clause]) -> Any:
        """A SELECT of the entry_id of every entry matching every clause, for use as a subquery:
        in no order, as an ORDER BY there leads PostgreSQL to walk the primary key and test
        every row's terms instead of asking the GIN index (1 s instead of 20 ms at 100,000
        documents)."""
        ...

    def matching(self, connection: Connection, clauses: Sequence[Clause], enough: int) -> Matches:
        """The matches of `ids()`: at least the first `enough` ids, and the counts per type."""
        ...

    def ranks(self, connection: Connection, clauses: Sequence[Clause]) -> list[tuple[int, float]]:
        """(entry_id, rank) of every entry that matches every clause; a higher rank is a better
        match."""
        ...

    def among(
        self, connection: Connection, clauses: Sequence[Clause], entry_ids: Sequence[int]
    ) -> list[int]:
        """The entry ids of those of the given entries that match every clause."""
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

    def optimize(self, connection: Connection) -> None:
        # A bulk insert leaves many segments, each of which every query must read: merge them.
        connection.execute(sa.text("INSERT INTO search_fts (search_fts) VALUES ('optimize')"))

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
            sa.text("SELECT rowid AS entry_id FROM search_fts WHERE search_fts MATCH :expression")
            .bindparams(expression=self.expression(clauses))
            .columns(entry_id=sa.BigInteger)
        )

    def matching(self, connection: Connection, clauses: Sequence[Clause], enough: int) -> Matches:
        # FTS5 hands out the matches in rowid order as it finds them: read no more than needed,
        # and let a broad query's (tens of thousands of matches) be counted without a Python
        # object per match.
        expression = self.expression(clauses)
        result = connection.exec_driver_sql(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC",
            (expression,),
        )
        try:
            first = [entry_id for (entry_id,) in result.cursor.fetchmany(enough + 1)]
        finally:
            result.close()
        if len(first) <= enough:
            return Matches(first, count_by_type(first))
        lowest = min(TYPES_BY_CODE)
        if first[-1] >> ID_BITS == lowest:
            # Every match of a higher type came before: only the lowest type's are left to be
            # counted, and a plain count is cheaper than one per type.
            counts = count_by_type(first)
            statement = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"
            rows = _fetch(connection, statement, (expression,))
            others = sum(n for type_, n in counts.items() if type_ != TYPES_BY_CODE[lowest])
            counts[TYPES_BY_CODE[lowest]] = rows[0][0] - others
            return Matches(first[:enough], counts)
        rows = _fetch(
            connection,
            f"SELECT rowid >> {ID_BITS}, count(*) FROM search_fts WHERE search_fts MATCH ?"
            " GROUP BY 1",
            (expression,),
        )
        return Matches(first[:enough], {TYPES_BY_CODE[code]: count for code, count in rows})

    def ranks(self, connection: Connection, clauses: Sequence[Clause]) -> list[tuple[int, float]]:
        # bm25 is better when lower; the weights are per column (names, body). It counts the
        # documents that hold each term over the whole index.
        statement = (
            "SELECT rowid, -bm25(search_fts, ?, 1.0) FROM search_fts WHERE search_fts MATCH ?"
        )
        return list(_fetch(connection, statement, (NAME_WEIGHT, self.expression(clauses))))

    def among(
        self, connection: Connection, clauses: Sequence[Clause], entry_ids: Sequence[int]
    ) -> list[int]:
        rows = _fetch(
            connection,
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?" + _AMONG,
            (self.expression(clauses), min(entry_ids), max(entry_ids), json.dumps(list(entry_ids))),
        )
        return [entry_id for (entry_id,) in rows]


# The given entries: the range of their ids, which FTS5 seeks to (a phrase is then checked in
# the rows of that range alone: the newest documents, the entities), and the ids as one JSON
# parameter (not one parameter per id). "+rowid": a plain filter on the matches; as a constraint
# handed to FTS5, the rowid list makes it look up every listed row (a hundred times slower).
_AMONG = f" AND rowid >= ? AND rowid <= ? AND +rowid IN {_JSON_IDS}"


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

    def optimize(self, connection: Connection) -> None:
        """GIN indexes need no compaction (VACUUM ANALYZE cannot run in a transaction)."""

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
                " WHERE terms @@ to_tsquery('simple', :expression)"
            )
            .bindparams(expression=self.expression(clauses))
            .columns(entry_id=sa.BigInteger)
        )

    def matching(self, connection: Connection, clauses: Sequence[Clause], enough: int) -> Matches:
        # The GIN index finds every match before the first is returned: all are read. The
        # planner does not count the cost of reading each row's terms (stored apart, in TOAST):
        # for common terms it walks the table (or the primary key, for the order) testing every
        # row, ten times slower than the index (0.6 s against 0.05 s at 100,000 documents). So
        # this statement alone is planned without those walks (a failed statement ends the
        # transaction, and the settings with it).
        saved = _fetch(connection, _PLAN_WITH_INDEX, ("off", "off"))[0][:2]
        rows = _fetch(
            connection,
            "SELECT id FROM search_entry WHERE terms @@ to_tsquery('simple', %s) ORDER BY id DESC",
            (self.expression(clauses),),
        )
        _fetch(connection, _PLAN_WITH_INDEX, tuple(saved))
        found = [entry_id for (entry_id,) in rows]
        return Matches(found, count_by_type(found))

    def ranks(self, connection: Connection, clauses: Sequence[Clause]) -> list[tuple[int, float]]:
        # ts_rank's weights are {D, C, B, A}: a name term counts NAME_WEIGHT times a body term.
        rows = _fetch(
            connection,
            "SELECT id, ts_rank(CAST(%s AS real[]), terms, query)"
            " FROM search_entry, to_tsquery('simple', %s) AS query WHERE terms @@ query",
            ([1.0 / NAME_WEIGHT, 0.0, 0.0, 1.0], self.expression(clauses)),
        )
        return list(rows)

    def among(
        self, connection: Connection, clauses: Sequence[Clause], entry_ids: Sequence[int]
    ) -> list[int]:
        rows = _fetch(
            connection,
            "SELECT id FROM search_entry WHERE id = ANY(CAST(%s AS bigint[]))"
            " AND terms @@ to_tsquery('simple', %s)",
            (list(entry_ids), self.expression(clauses)),
        )
        return [entry_id for (entry_id,) in rows]


# Sets (for the transaction) whether PostgreSQL may scan a table or an index row by row, and
# answers what it allowed before.
_PLAN_WITH_INDEX = (
    "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
    " set_config('enable_seqscan', %s, true), set_config('enable_indexscan', %s, true)"
)


def engine_for(connection: Connection) -> TextIndex:
    return SqliteIndex() if connection.dialect.name == "sqlite" else PostgresIndex()
