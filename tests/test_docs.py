"""The documentation names everything a user can set or call; a new one without docs fails."""

from __future__ import annotations

from atlas.api.resources import RESOURCES
from atlas.settings import PROJECT_ROOT

API_DOC = (PROJECT_ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def _row_of(resource_name: str) -> str:
    rows = [line for line in API_DOC.splitlines() if line.startswith(f"| `{resource_name}` |")]
    assert len(rows) == 1, resource_name
    return rows[0]


def test_every_resource_filter_facet_and_sort_field_is_documented() -> None:
    missing = []
    for resource in RESOURCES:
        row = _row_of(resource.name)
        names = [*resource.listing.filters, *resource.listing.facets, *resource.listing.sorts]
        missing += [f"{resource.name}.{name}" for name in names if f"`{name}`" not in row]
        default = resource.listing.default_sort
        if f"`{default}`" not in row:
            missing.append(f"{resource.name} default sort {default}")
    assert missing == []
