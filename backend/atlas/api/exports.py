"""Exports of a whole filtered list, streamed: `?format=csv` and `?format=ndjson`.

CSV columns are stable: they follow the fields of the list item's schema, in order; a linked
record is written as its slug, a list as its values joined by "; ", evidence as four columns.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.response import Stream
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session

from atlas.api.listing import Listing, PageRequest, iterate_rows, list_rows, order_by
from atlas.errors import InvalidInput

EVIDENCE_PARTS = ("document", "start", "end", "quote")


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    ndjson = "ndjson"


MEDIA_TYPES = {
    ExportFormat.csv: "text/csv",  # Litestar adds the charset to text types
    ExportFormat.ndjson: "application/x-ndjson",
}


@dataclass
class ExportableListOperation(Operation):
    """The OpenAPI operation of a list: its 200 is a JSON page, or with `format=` a CSV or NDJSON
    stream, so the document names those content types too."""

    def __post_init__(self) -> None:
        answer = (self.responses or {}).get("200")
        if isinstance(answer, OpenAPIResponse) and answer.content is not None:
            for media_type in MEDIA_TYPES.values():
                answer.content[media_type] = OpenAPIMediaType(
                    schema=Schema(type=OpenAPIType.STRING)
                )


class ExportStream(Stream):
    """A stream whose own media type wins over the JSON default of the list route."""

    def to_asgi_response(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["media_type"] = self.media_type
        return super().to_asgi_response(*args, **kwargs)


def csv_columns(schema: type[BaseModel]) -> list[str]:
    """The CSV header of a list item schema."""
    columns: list[str] = []
    for name in schema.model_fields:
        if name == "evidence":
            columns.extend(f"evidence_{part}" for part in EVIDENCE_PARTS)
        else:
            columns.append(name)
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return str(value.get("slug", ""))
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    return str(value)


def csv_row(item: Mapping[str, Any], columns: Sequence[str]) -> list[str]:
    evidence = item.get("evidence") or {}
    return [
        _cell(evidence.get(column.removeprefix("evidence_")))
        if column.startswith("evidence_")
        else _cell(item.get(column))
        for column in columns
    ]


def export_lines(
    session: Session,
    listing: Listing,
    schema: type[BaseModel],
    many: Callable[[Session, Sequence[Any]], list[Any]],
    filters: Mapping[str, list[Any] | None],
    page: PageRequest,
    export_format: ExportFormat,
) -> Iterator[str]:
    """The whole filtered set, in sort order, as CSV or NDJSON lines (shared with the CLI)."""
    items = (
        item.model_dump(mode="json")
        for batch in iterate_rows(session, listing, filters, page)
        for item in many(session, batch)
    )
    if export_format is ExportFormat.csv:
        columns = csv_columns(schema)
        yield from _csv_lines(columns, (csv_row(item, columns) for item in items))
    else:
        yield from (json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def export_stream(
    engine: Engine,
    listing: Listing,
    schema: type[BaseModel],
    many: Callable[[Session, Sequence[Any]], list[Any]],
    filters: Mapping[str, list[Any] | None],
    page: PageRequest,
    export_format: ExportFormat,
    filename: str,
    max_rows: int,
) -> ExportStream:
    """The export as a streamed response, produced as it is read; refused when the filtered set
    holds more than `max_rows` rows (a client narrows the filters, an operator uses
    `atlas export`)."""
    # Bad input must fail before the response starts, not halfway through the stream.
    order_by(listing, page.sort)
    with Session(engine) as session:
        # The facets too: an unknown one is a 422 here, not a KeyError inside the stream.
        counted = list_rows(
            session, listing, filters, PageRequest(q=page.q, limit=1, facets=page.facets)
        ).total
    if counted > max_rows:
        raise InvalidInput(
            "format",
            f"the export would hold {counted:,} rows, more than the {max_rows:,} allowed; "
            "narrow it with filters",
        )

    def lines() -> Iterator[bytes]:
        # The stream outlives the request's session, so it reads with a session of its own.
        with Session(engine) as session:
            for line in export_lines(session, listing, schema, many, filters, page, export_format):
                yield line.encode("utf-8")

    return ExportStream(
        lines(),
        media_type=MEDIA_TYPES[export_format],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{export_format.value}"'},
    )


def _csv_lines(columns: list[str], rows: Iterator[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in itertools.chain([columns], rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue()
