"""Exports: `format=csv` and `format=ndjson` stream the whole filtered set, in the list's order,
with a CSV header that follows the list item's schema."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from litestar.testing import TestClient
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session
from tests.api.conftest import assert_problem

from atlas.api.exports import csv_columns
from atlas.api.schemas import (
    ActorOut,
    AffiliationOut,
    DocumentOut,
    EventOut,
    InitiativeOut,
    MentionOut,
    ParticipationOut,
    TopicOut,
)
from atlas.app import create_app
from atlas.models import Topic
from atlas.settings import Settings

SCHEMAS: dict[str, type[BaseModel]] = {
    "actors": ActorOut,
    "initiatives": InitiativeOut,
    "events": EventOut,
    "topics": TopicOut,
    "documents": DocumentOut,
    "participations": ParticipationOut,
    "affiliations": AffiliationOut,
    "mentions": MentionOut,
}
RELATIONS = {"participations", "affiliations", "mentions"}
EVIDENCE_COLUMNS = ["evidence_document", "evidence_start", "evidence_end", "evidence_quote"]


def key_column(resource: str) -> str:
    return "id" if resource in RELATIONS else "slug"


def export(api: Any, resource: str, export_format: str, params: Any = None) -> Any:
    response = api.get(resource, [*(params or []), ("format", export_format)])
    assert response.status_code == 200, response.text
    return response


def csv_rows(api: Any, resource: str, params: Any = None) -> list[list[str]]:
    response = export(api, resource, "csv", params)
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))


def ndjson_items(api: Any, resource: str, params: Any = None) -> list[dict[str, Any]]:
    response = export(api, resource, "ndjson", params)
    assert response.headers["content-type"].startswith("application/x-ndjson")
    text = response.content.decode("utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def json_items(api: Any, resource: str, params: Any = None) -> list[dict[str, Any]]:
    body = api.page(resource, [*(params or []), ("limit", 500)])
    assert body["total"] == len(body["items"])
    items: list[dict[str, Any]] = body["items"]
    return items


def expected_cell(value: Any) -> str:
    """How the CSV writes a value: a linked record as its slug, a list joined by "; "."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value["slug"])
    if isinstance(value, list):
        return "; ".join(expected_cell(item) for item in value)
    return str(value)


def expected_row(item: dict[str, Any], columns: list[str]) -> list[str]:
    evidence = item.get("evidence") or {}
    return [
        expected_cell(evidence.get(column.removeprefix("evidence_")))
        if column in EVIDENCE_COLUMNS
        else expected_cell(item[column])
        for column in columns
    ]


@pytest.mark.parametrize("resource", list(SCHEMAS))
def test_the_csv_header_follows_the_schema(seeded: Any, resource: str) -> None:
    response = export(seeded, resource, "csv")
    header = next(csv.reader(io.StringIO(response.text)))

    assert header == csv_columns(SCHEMAS[resource])
    assert header[0] != "" and len(header) == len(set(header))
    assert response.headers["content-type"].startswith("text/csv")
    assert "utf-8" in response.headers["content-type"].lower()
    assert response.headers["content-disposition"] == f'attachment; filename="{resource}.csv"'


def test_relations_export_their_evidence_as_four_columns() -> None:
    columns = csv_columns(ParticipationOut)

    assert "evidence" not in columns
    assert [column for column in columns if column.startswith("evidence")] == EVIDENCE_COLUMNS
    assert csv_columns(MentionOut)[:2] == ["id", "document"]


@pytest.mark.parametrize("resource", list(SCHEMAS))
def test_csv_holds_the_whole_list_not_one_page(seeded: Any, resource: str) -> None:
    items = json_items(seeded, resource)
    assert len(items) > 1

    rows = csv_rows(seeded, resource, [("limit", 1), ("offset", 2)])

    columns = rows[0]
    assert len(rows) - 1 == len(items)
    assert rows[1:] == [expected_row(item, columns) for item in items]


@pytest.mark.parametrize("resource", list(SCHEMAS))
def test_ndjson_lines_are_the_list_items(seeded: Any, resource: str) -> None:
    items = json_items(seeded, resource)

    exported = ndjson_items(seeded, resource, [("limit", 1)])

    assert exported == items
    response = export(seeded, resource, "ndjson")
    assert response.headers["content-disposition"] == f'attachment; filename="{resource}.ndjson"'


@pytest.mark.parametrize(
    ("resource", "params"),
    [
        ("actors", [("kind", "state"), ("sort", "-country")]),
        ("actors", [("initiative", "stockholm-initiative"), ("initiative", "anti-is-koalition")]),
        ("initiatives", [("q", "koalition"), ("sort", "-name")]),
        ("events", [("starts_from", "2020-09-15"), ("virtual", "true")]),
        ("documents", [("published_from", "2020-09-15"), ("sort", "published_on")]),
        ("participations", [("role", "organiser"), ("sort", "-id")]),
        ("affiliations", [("organization", "vereinte-nationen")]),
        ("mentions", [("entity", "actor:kasachstan"), ("sort", "-start")]),
    ],
)
def test_exports_are_filtered_and_sorted_like_the_list(
    seeded: Any, resource: str, params: list[tuple[str, str]]
) -> None:
    items = json_items(seeded, resource, params)
    total = seeded.page(resource)["total"]
    assert 0 < len(items) < total, "the filter must narrow the list"
    key = key_column(resource)

    rows = csv_rows(seeded, resource, params)
    position = rows[0].index(key)

    assert [row[position] for row in rows[1:]] == [str(item[key]) for item in items]
    assert ndjson_items(seeded, resource, params) == items


def test_csv_cells_write_links_lists_and_evidence_plainly(seeded: Any) -> None:
    actors = {row["slug"]: row for row in _dict_rows(seeded, "actors")}
    participations = _dict_rows(seeded, "participations", [("actor", "heiko-maas")])

    germany = actors["deutschland"]
    assert germany["name"] == "Deutschland"
    assert germany["aliases"] == "Deutschlands; Bundesrepublik Deutschland"
    assert (
        germany["topics"] == "abruestung; multilateralismus; stabilisierung; terrorismusbekaempfung"
    )
    assert actors["partnership-accelerator"]["country"] == ""
    host = next(
        row for row in participations if row["role"] == "host" and "2020-09" in row["start_on"]
    )
    assert host["actor"] == "heiko-maas"
    assert host["event"] == "allianz-multilateralismus-ministertreffen-2020"
    assert host["initiative"] == ""
    assert host["evidence_document"] == "2020-09-allianz-fuer-den-multilateralismus-ministertreffen"
    assert host["evidence_quote"] == "Gastgeber Heiko Maas betonte"
    assert int(host["evidence_end"]) - int(host["evidence_start"]) == len(host["evidence_quote"])


def _dict_rows(api: Any, resource: str, params: Any = None) -> list[dict[str, str]]:
    rows = csv_rows(api, resource, params)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_ndjson_keeps_umlauts_as_they_are(seeded: Any) -> None:
    response = export(seeded, "actors", "ndjson", [("country", "KR")])

    assert "Südkorea".encode() in response.content
    assert b"\\u00fc" not in response.content


@pytest.mark.parametrize("export_format", ["csv", "ndjson"])
def test_an_export_of_nothing_is_empty(seeded: Any, export_format: str) -> None:
    response = export(seeded, "actors", export_format, [("country", "FR")])

    if export_format == "csv":
        assert response.text.splitlines() == [",".join(csv_columns(ActorOut))]
    else:
        assert response.content == b""


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ([("format", "xml")], "format"),
        ([("format", "csv"), ("kind", "planet")], "kind"),
        ([("format", "ndjson"), ("published_from", "yesterday")], "published_from"),
    ],
)
def test_an_invalid_export_request_is_422(seeded: Any, params: Any, field: str) -> None:
    resource = "documents" if field == "published_from" else "actors"

    assert field in seeded.error_fields(seeded.get(resource, params))


@pytest.mark.parametrize("export_format", ["csv", "ndjson"])
def test_an_export_with_an_unknown_sort_is_422(seeded: Any, export_format: str) -> None:
    response = seeded.get("actors", {"format": export_format, "sort": "bogus"})

    assert seeded.error_fields(response) == {"sort"}


def test_an_export_crosses_its_batches_without_losing_or_repeating_rows(
    api: Any, engine: Engine
) -> None:
    with Session(engine) as session:
        session.add_all(
            Topic(slug=f"topic-{n:04d}", label_de=f"Thema {n % 7}", label_en=f"Topic {n}")
            for n in range(1001)
        )
        session.commit()

    rows = csv_rows(api, "topics", [("sort", "label_de")])
    items = ndjson_items(api, "topics", [("sort", "label_de")])

    slugs = [row[rows[0].index("slug")] for row in rows[1:]]
    assert len(slugs) == len(set(slugs)) == 1001
    assert [item["slug"] for item in items] == slugs
    labels = [item["label_de"] for item in items]
    assert labels == sorted(labels)


@pytest.mark.parametrize("export_format", ["csv", "ndjson"])
def test_an_export_over_the_cap_is_refused_before_it_starts(
    engine: Engine, make: Any, export_format: str
) -> None:
    for _ in range(3):
        make.actor(kind="state")
    make.actor(kind="person")
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False), export_max_rows=2
    )
    with TestClient(create_app(settings, engine=engine)) as client:
        refused = client.get("/api/v1/actors", params={"format": export_format})
        narrowed = client.get("/api/v1/actors", params={"format": export_format, "kind": "person"})

    body = assert_problem(refused, 422)
    assert "4 rows" in body["detail"]
    assert narrowed.status_code == 200, narrowed.text
