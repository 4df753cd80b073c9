"""Requests are validated against the non-table models before anything reaches the database."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from atlas.models import ActorBase, DocumentBase, InitiativeBase, ParticipationBase


def test_a_valid_actor_passes() -> None:
    actor = ActorBase.model_validate(
        {"slug": "suedkorea", "name": "Südkorea", "kind": "state", "country": "KR"}
    )

    assert (actor.kind, actor.country, actor.aliases) == ("state", "KR", [])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "Südkorea"),
        ("slug", "two  words"),
        ("slug", "-leading-hyphen"),
        ("slug", ""),
        ("kind", "planet"),
        ("country", "KOR"),
        ("country", "kr"),
        ("name", ""),
    ],
)
def test_invalid_actor_fields_are_named(field: str, value: str) -> None:
    data = {"slug": "suedkorea", "name": "Südkorea", "kind": "state", field: value}

    with pytest.raises(ValidationError) as raised:
        ActorBase.model_validate(data)

    assert [error["loc"] for error in raised.value.errors()] == [(field,)]


def test_initiative_kind_and_status_come_from_their_vocabularies() -> None:
    with pytest.raises(ValidationError) as raised:
        InitiativeBase.model_validate(
            {"slug": "covax", "name": "COVAX", "kind": "vaccine", "status": "sleeping"}
        )

    assert {error["loc"] for error in raised.value.errors()} == {("kind",), ("status",)}


def test_document_date_precision_is_day_month_or_year() -> None:
    with pytest.raises(ValidationError):
        DocumentBase.model_validate(
            {"slug": "d", "title": "T", "published_on": "2020-09-01", "date_precision": "week"}
        )


def test_participation_role_comes_from_its_vocabulary() -> None:
    assert ParticipationBase.model_validate({"actor_id": 1, "initiative_id": 2, "role": "co_chair"})
    with pytest.raises(ValidationError):
        ParticipationBase.model_validate({"actor_id": 1, "initiative_id": 2, "role": "boss"})


def test_every_vocabulary_value_has_german_and_english_labels() -> None:
    from enum import StrEnum

    from atlas.models import enums

    vocabularies = [
        value
        for value in vars(enums).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    ]
    missing = [
        f"{vocabulary.__name__}.{member.value}"
        for vocabulary in vocabularies
        for member in vocabulary
        if not all(enums.LABELS.get(vocabulary, {}).get(member.value, ()))
    ]
    assert len(vocabularies) >= 10
    assert missing == []
