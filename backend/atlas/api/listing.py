"""One listing mechanism for every resource: filters, full-text `q`, sort, paging and facets.

Each resource declares its filters, sort fields and facets as data (see `listings.py`); this
module turns a request into two statements: the page, and the total with every facet.

The statements of a request without `q` are built once per shape (which filters, how many values
each, sort, facets) with bind parameters in place of the values, and then only executed:
building a statement and its cache key costs SQLAlchemy more than SQLite needs to run it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel

from atlas.api.schemas import FacetValue
from atlas.errors import InvalidInput
from atlas.models import DatePrecision
from atlas.search.analysis import words
from atlas.search.service import MAX_CLAUSES, list_filter

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Where = ColumnElement[bool]
Labels = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class Filter:
    """A query parameter narrowing a list; `where` turns its (repeated) values into a clause.

    `where` is given bind parameters in place of the values, so that its clause can be built
    once and reused, unless `by_value` says the clause's shape depends on the values themselves.
    """

    where: Callable[[list[Any]], Where]
    by_value: bool = False


@dataclass(frozen=True)
class Facet:
    """Counts of one property over the filtered set.

    `value` is a column of the record, or of a table reached from it through `joins` (each a
    table and its ON clause). Each value's German and English label comes either from two
    columns beside the value (`label_columns`, e.g. a topic's labels) or from `labels`
    (vocabularies and countries, known without the database).
    """

    value: Any
    joins: tuple[tuple[Any, Any], ...] = ()
    labels: Callable[[Sequence[str]], Labels] | None = None
    label_columns: tuple[Any, Any] | None = None


# Compared and hashed by identity: a listing is a key of the statement cache.
@dataclass(frozen=True, eq=False)
class Listing:
    """How one resource is listed."""

    model: type[SQLModel]
    sorts: Mapping[str, Any]
    default_sort: str
    filters: Mapping[str, Filter] = field(default_factory=dict)
    facets: Mapping[str, Facet] = field(default_factory=dict)
    # What `q` finds: for each searchable type, the columns holding ids of such records (a
    # participation is found by its actor, initiative or event).
    searched_by: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    # A relation's own short texts (an office's title, a note), where every word of `q` may
    # occur instead.
    text_columns: Sequence[Any] = ()

    @property
    def id_column(self) -> Any:
        return self.model.id  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PageRequest:
    """The query parameters every list takes."""

    q: str | None = None
    sort: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    facets: tuple[str, ...] = ()


@dataclass
class ListResult:
    rows: list[Any]
    total: int
    facets: dict[str, list[FacetValue]] | None


@dataclass(frozen=True)
class Statements:
    """The two statements of a list: the page (with `:limit` and `:offset`), and the summary
    (the total and the facets)."""

    page: Any
    summary: Any


def _statements(
    listing: Listing, where: Sequence[Where], sort: str | None, facet_names: Sequence[str]
) -> Statements:
    # Plain table rows, not ORM entities: a list only reads them, and loading entities into the
    # session's identity map costs more than the query itself.
    filtered = sa.select(*listing.model.__table__.columns).where(*where)  # type: ignore[attr-defined]
    page = (
        filtered.order_by(*order_by(listing, sort))
        .limit(sa.bindparam("limit"))
        .offset(sa.bindparam("offset"))
    )
    return Statements(page=page, summary=_summary(listing, filtered, facet_names))


Shape = tuple[tuple[str, int], ...]


def _parameter(filter_name: str, index: int) -> str:
    return f"filter_{filter_name}_{index}"


@lru_cache(maxsize=1024)
def _prepared(
    listing: Listing, shape: Shape, sort: str | None, facet_names: tuple[str, ...]
) -> Statements:
    """The statements for one shape of request: (filter, number of values) pairs."""
    where = [
        listing.filters[name].where([sa.bindparam(_parameter(name, i)) for i in range(count)])
        for name, count in shape
    ]
    return _statements(listing, where, sort, facet_names)


def _list_statements(
    connection: Connection,
    listing: Listing,
    filters: Mapping[str, list[Any] | None],
    page: PageRequest,
) -> tuple[Statements, dict[str, Any]]:
    """The statements of a list request and their parameters (without limit and offset)."""
    given = {name: values for name, values in filters.items() if values}
    searched = page.q is not None and bool(page.q.strip())
    if not searched and not any(listing.filters[name].by_value for name in given):
        shape = tuple((name, len(values)) for name, values in given.items())
        parameters = {
            _parameter(name, i): value
            for name, values in given.items()
            for i, value in enumerate(values)
        }
        return _prepared(listing, shape, page.sort, page.facets), parameters
    where = [listing.filters[name].where(values) for name, values in given.items()]
    if searched:
        assert page.q is not None
        where.append(_search_clause(connection, listing, page.q))
    return _statements(listing, where, page.sort, page.facets), {}


def _search_clause(connection: Connection, listing: Listing, q: str) -> Where:
    search = list_filter(connection, q)
    found = [
        search(type_, column)
        for type_, columns in listing.searched_by.items()
        for column in columns
    ]
    if listing.text_columns:
        found.append(text_match(listing.text_columns, q))
    return sa.or_(*found)


def text_match(columns: Sequence[Any], q: str) -> Where:
    """Every word of `q` occurs in one of the columns (case-insensitive)."""
    clauses = []
    # Words are letters and digits only, so no LIKE wildcard comes from the query.
    for word in words(q.lower())[:MAX_CLAUSES]:
        clauses.append(sa.or_(*(sa.func.lower(column).like(f"%{word}%") for column in columns)))
    return sa.and_(sa.true(), *clauses)


def order_by(listing: Listing, sort: str | None) -> list[Any]:
    """ORDER BY for `sort` (`field` or `-field`), with the id as tie-breaker for stable pages."""
    requested = sort or listing.default_sort
    descending = requested.startswith("-")
    name = requested.removeprefix("-")
    if name not in listing.sorts:
        raise InvalidInput(
            "sort",
            f"unknown sort field {name!r}; one of: {', '.join(sorted(listing.sorts))}",
        )
    column = listing.sorts[name]
    primary = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return [primary, listing.id_column.desc() if descending else listing.id_column.asc()]


def list_rows(
    session: Session,
    listing: Listing,
    filters: Mapping[str, list[Any] | None],
    page: PageRequest,
) -> ListResult:
    """The page of rows, the size of the filtered set, and the facets asked for: two statements
    whatever the page size and however many facets."""
    unknown = [name for name in page.facets if name not in listing.facets]
    if unknown:
        raise InvalidInput(
            "facets",
            f"unknown facet {', '.join(unknown)}; one of: {', '.join(listing.facets)}",
        )
    connection = session.connection()
    statements, parameters = _list_statements(connection, listing, filters, page)
    rows = list(
        connection.execute(
            statements.page, {**parameters, "limit": page.limit, "offset": page.offset}
        )
    )
    counted = connection.execute(statements.summary, parameters).all()
    total = next(count for name, _value, count, _de, _en in counted if name is None)
    facets = None
    if page.facets:
        facets = {name: _facet_values(listing.facets[name], counted, name) for name in page.facets}
    return ListResult(rows=rows, total=total, facets=facets)


def _summary(listing: Listing, filtered: Any, facet_names: Sequence[str]) -> Any:
    """One statement counting the filtered set and each facet's values over it.

    The filtered set is a CTE that the database materialises once and every count reads. It
    carries the values of the facets over the record's own columns, so those are counted from it
    directly; facets over other tables join them to it. Rows are (facet name or NULL for the
    total, value, count, German label, English label).
    """
    record_id = listing.id_column
    own = [name for name in facet_names if not listing.facets[name].joins]
    records = filtered.with_only_columns(
        record_id, *(listing.facets[name].value.label(f"facet_{name}") for name in own)
    ).cte("filtered")
    no_text = sa.cast(sa.null(), sa.String)
    parts = [sa.select(no_text, no_text, sa.func.count(), no_text, no_text).select_from(records)]
    for name in facet_names:
        facet = listing.facets[name]
        if name in own:
            value = records.c[f"facet_{name}"]
            part = sa.select(
                sa.literal(name, sa.String), sa.cast(value, sa.String), sa.func.count(),
                no_text, no_text,
            ).group_by(value)  # fmt: skip
        else:
            labels = facet.label_columns or (no_text, no_text)
            part = sa.select(
                sa.literal(name, sa.String),
                sa.cast(facet.value, sa.String),
                sa.func.count(sa.distinct(records.c[record_id.key])),
                *labels,
            ).select_from(records.join(record_id.table, record_id == records.c[record_id.key]))
            for target, on in facet.joins:
                part = part.join(target, on)
            part = part.group_by(facet.value, *facet.label_columns or ())
        parts.append(part)
    return sa.union_all(*parts)


def _facet_values(facet: Facet, counted: Sequence[Any], name: str) -> list[FacetValue]:
    """One facet's rows of the summary, labelled, largest first, then by label."""
    found = [
        (value, count, de, en)
        for facet_name, value, count, de, en in counted
        if facet_name == name and value is not None
    ]
    labels = facet.labels([value for value, *_ in found]) if facet.labels else {}
    values = []
    for value, count, de, en in found:
        label, label_en = labels.get(value, (de or value, en or de or value))
        # Built from database rows of known types: nothing to validate.
        facet_value = FacetValue.model_construct(
            value=value, label=label, label_en=label_en, count=int(count)
        )
        values.append(facet_value)
    return sorted(values, key=lambda item: (-item.count, item.label.casefold()))


def iterate_rows(
    session: Session,
    listing: Listing,
    filters: Mapping[str, list[Any] | None],
    page: PageRequest,
    batch_size: int = 500,
) -> Any:
    """Every row of the filtered set in sort order, in batches (for exports)."""
    connection = session.connection()
    statements, parameters = _list_statements(connection, listing, filters, page)
    offset = 0
    while True:
        batch = list(
            connection.execute(
                statements.page, {**parameters, "limit": batch_size, "offset": offset}
            )
        )
        if not batch:
            return
        yield batch
        offset += batch_size


def in_values(column: Any) -> Callable[[list[Any]], Where]:
    """The usual filter: the column has one of the given values."""
    return lambda values: column.in_(values)


def period_from(on: Any, precision: Any) -> Callable[[list[Any]], Where]:
    """`*_from`: the record's date, at its own precision, is on or after the bound.

    A date stored with month precision stands for the whole month, so `from=2020-09-15` still
    matches a document dated September 2020.
    """

    def where(values: list[Any]) -> Where:
        bound: date = values[0]
        return sa.or_(
            sa.and_(precision == DatePrecision.month, on >= bound.replace(day=1)),
            sa.and_(precision == DatePrecision.year, on >= bound.replace(month=1, day=1)),
            sa.and_(sa.or_(precision == DatePrecision.day, precision.is_(None)), on >= bound),
        )

    return where


def period_to(on: Any) -> Callable[[list[Any]], Where]:
    """`*_to`: the record's date (the first day of its period) is on or before the bound."""
    return lambda values: on <= values[0]
