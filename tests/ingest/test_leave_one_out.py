"""Quality, measured: leave-one-out over the seed texts (method: atlas.ingest.evaluate)."""

from __future__ import annotations

import pytest

from atlas.ingest.evaluate import LeaveOneOutResult, leave_one_out


@pytest.fixture(scope="module")
def result() -> LeaveOneOutResult:
    return leave_one_out()


def test_every_seed_text_is_held_out_once(result: LeaveOneOutResult) -> None:
    assert len(result.folds) == 5
    assert len({fold.document for fold in result.folds}) == 5
    assert result.expected > 25, "enough curated mentions to measure"


def test_linking_precision_and_recall_reach_the_target(result: LeaveOneOutResult) -> None:
    assert result.precision >= 0.90, result.false_positives
    assert result.recall >= 0.90, result.misses


def test_new_entities_are_suggested(result: LeaveOneOutResult) -> None:
    assert result.suggestion_recall >= 0.70, result.suggestion_misses


def test_links_left_out_of_precision_are_few_and_of_their_kind(result: LeaveOneOutResult) -> None:
    # Adjectives, head-noun references and nested links are reported apart (see the module):
    # they must stay what they claim to be, and few.
    for fold in result.folds:
        assert all(span.method == "adjective" for span in fold.adjectives)
        assert all(span.method == "short_reference" for span in fold.head_references)
    assert result.strict_precision >= 0.70


def test_the_catalogue_knows_only_the_other_texts() -> None:
    # Held out, text 003 is the only one naming Irak: it cannot be linked, only suggested.
    result = leave_one_out()
    fold = next(fold for fold in result.folds if fold.document.startswith("003"))
    assert all(span.ref != "actor:irak" for span in fold.linked)
    assert "actor:irak" in fold.new_entities_found


def test_curated_aliases_do_not_lower_the_figures() -> None:
    curated = leave_one_out(aliases="curated")
    assert curated.precision >= 0.90
    assert curated.recall >= 0.90
