"""Linking and suggestion quality, leave-one-out over the curated seed texts.

    PYTHONPATH=backend .venv/bin/python bench/linking_quality.py            # figures
    PYTHONPATH=backend .venv/bin/python bench/linking_quality.py --details  # and every miss

Method and the meaning of each figure: backend/atlas/ingest/evaluate.py and docs/linking.md.
"""

from __future__ import annotations

import argparse

from atlas.ingest.evaluate import LeaveOneOutResult, leave_one_out


def report(result: LeaveOneOutResult, details: bool) -> None:
    """Print the figures of one run (and, with ``details``, what went wrong)."""
    print(f"aliases known: {result.aliases}")
    print(
        f"{'held-out text':<28} {'expected':>8} {'linked':>6} {'correct':>7} "
        f"{'new':>4} {'found':>5}"
    )
    for fold in result.folds:
        print(
            f"{fold.document:<28} {len(fold.expected):>8} {len(fold.linked):>6} "
            f"{fold.correct:>7} {len(fold.new_entities):>4} {len(fold.new_entities_found):>5}"
        )
    adjectives = sum(len(fold.adjectives) for fold in result.folds)
    references = sum(len(fold.head_references) for fold in result.folds)
    nested = sum(len(fold.nested) for fold in result.folds)
    print(
        f"linking: precision {result.precision:.3f}, recall {result.recall:.3f} "
        f"({result.correct} of {result.linked} links right, {result.correct} of "
        f"{result.expected} curated mentions found)"
    )
    print(
        f"  not in the curated mentions by their rules: {adjectives} adjectives, "
        f"{references} head-noun references, {nested} nested links; "
        f"counted as wrong, precision would be {result.strict_precision:.3f}"
    )
    print(
        f"suggestions: recall {result.suggestion_recall:.3f} "
        f"({result.new_entities - len(result.suggestion_misses)} of {result.new_entities} "
        f"entities only the held-out text names); {result.suggestions} suggestions made, "
        f"{result.suggestion_precision:.3f} of them name such an entity"
    )
    if not details:
        return
    for span in result.misses:
        print(f"  missed      {span.document[:3]} {span.start:>5} {span.text!r} {span.ref}")
    for span in result.false_positives:
        print(f"  wrong link  {span.document[:3]} {span.start:>5} {span.text!r} {span.ref}")
    for fold in result.folds:
        for span in [*fold.adjectives, *fold.head_references, *fold.nested]:
            print(
                f"  apart       {span.document[:3]} {span.start:>5} {span.text!r} {span.ref} "
                f"({span.method})"
            )
    for document, ref in result.suggestion_misses:
        print(f"  not suggested {document[:3]} {ref}")
    for fold in result.folds:
        for suggestion in fold.suggested:
            print(
                f"  suggested   {fold.document[:3]} {suggestion.name!r} "
                f"{suggestion.entity_type}/{suggestion.kind} [{suggestion.rule}]"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list misses and suggestions")
    args = parser.parse_args()
    report(leave_one_out(aliases="observed"), args.details)
    print()
    report(leave_one_out(aliases="curated"), False)


if __name__ == "__main__":
    main()
