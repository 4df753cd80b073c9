"""One listing mechanism for every resource: filters, full-text `q`, sort, paging and facets.

Each resource declares its filters, sort fields and facets as data (see `resources.py`); this
module turns a request into a fixed number of queries: one count, one page, one per facet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel

from atlas.api.schemas import FacetValue
from atlas.errors import InvalidInput
from atlas.models import DatePrecision

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Where = ColumnElement[bool]
Labels = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class Filter:
    """A query parameter narrowing a list; `where` turns its (repeated) values into a clause."""

    where: Callable[[list[Any]], Where]


@dataclass(frozen=True)
class Facet:
    """Counts of one property over the filtered set.

    `count(filtered)` selects (value, count) over the filtered statement's rows;
    `labels(session, values)` gives each value its German and English label.
    """

    count: Callable[[sa.Select[Any]], sa.Select[Any]]
    labels: Callable[[Session, Sequence[str]], Labels]


@dataclass(frozen=True)
class Listing:
    """How one resource is listed."""

    model: type[SQLModel]
    sorts: Mapping[str, Any]
    default_sort: str
    filters: Mapping[str, Filter] = field(default_factory=dict)
    facets: Mapping[str, Facet] = field(default_factory=dict)
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


def _filtered(listing: Listing, filters: Mapping[str, list[Any] | None], q: str | None) -> Any:
    statement = sa.select(listing.model)
    for name, values in filters.items():
        if values:
            statement = statement.where(listing.filters[name].where(values))
    if q and q.strip():
        statement = statement.where(text_match(listing.text_columns, q))
    return statement


def text_match(columns: Sequence[Any], q: str) -> Where:
    """Every word of `q` occurs in one of the columns (case-insensitive).

    A stand-in until the search engine takes over `q`: LIKE with escaped wildcards, so any
    input is safe.
    """
    words = [word for word in q.lower().split() if word][:20]
    clauses = []
    for word in words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            sa.or_(
                *(
                    sa.func.lower(sa.cast(column, sa.Text)).like(pattern, escape="\\")
                    for column in columns
                )
            )
        )
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
    """The page of rows, the size of the filtered set, and the facets asked for."""
    unknown = [name for name in page.facets if name not in listing.facets]
    if unknown:
        raise InvalidInput(
            "facets",
            f"unknown facet {', '.join(unknown)}; one of: {', '.join(listing.facets)}",
        )
    statement = _filtered(listing, filters, page.q)
    ordering = order_by(listing, page.sort)
    total = session.execute(
        sa.select(sa.func.count()).select_from(statement.subquery())
    ).scalar_one()
    rows = list(
        session.exec(statement.order_by(*ordering).limit(page.limit).offset(page.offset)).scalars()
    )
    facets = None
    if page.facets:
        facets = {
            name: facet_counts(session, listing.facets[name], statement) for name in page.facets
        }
    return ListResult(
        rows=rows, total=int(total[0] if isinstance(total, tuple) else total), facets=facets
    )


def iterate_rows(
    session: Session,
    listing: Listing,
    filters: Mapping[str, list[Any] | None],
    page: PageRequest,
    batch_size: int = 500,
) -> Any:
    """Every row of the filtered set in sort order, in batches (for exports)."""
    statement = _filtered(listing, filters, page.q).order_by(*order_by(listing, page.sort))
    offset = 0
    while True:
        batch = list(session.exec(statement.limit(batch_size).offset(offset)).scalars())
        if not batch:
            return
        yield batch
        offset += batch_size


def facet_counts(session: Session, facet: Facet, filtered: Any) -> list[FacetValue]:
    """Counts per value over the filtered set, largest first, then by value."""
    counted = [
        (str(value), int(count))
        for value, count in session.execute(facet.count(filtered)).all()
        if value is not None
    ]
    labels = facet.labels(session, [value for value, _ in counted])
    values = [
        FacetValue(
            value=value,
            label=labels.get(value, (value, value))[0],
            label_en=labels.get(value, (value, value))[1],
            count=count,
        )
        for value, count in counted
    ]
    return sorted(values, key=lambda item: (-item.count, item.label.casefold()))


def count_by(
    value_column: Any, id_column: Any, *joins: tuple[Any, Any]
) -> Callable[[Any], sa.Select[Any]]:
    """A facet counter: records per value of `value_column`, reached through `joins`."""

    def count(filtered: Any) -> sa.Select[Any]:
        if not joins:
            # A column of the record itself: one pass over the filtered rows.
            counted: sa.Select[Any] = filtered.with_only_columns(value_column, sa.func.count())
            return counted.group_by(value_column)
        statement = sa.select(value_column, sa.func.count(sa.distinct(id_column)))
        statement = statement.select_from(id_column.table)
        for target, on in joins:
            statement = statement.join(target, on)
        ids = filtered.with_only_columns(id_column)
        return statement.where(id_column.in_(ids)).group_by(value_column)

    return count


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
