"""Command line for curators: propose mention offsets and check the annotation files.

Usage (from the repository root)::

    PYTHONPATH=backend python -m atlas.texts.annotate propose [DOCUMENT_SLUG ...]
    PYTHONPATH=backend python -m atlas.texts.annotate check

``propose`` prints, per document, the mentions found from the names and aliases, as YAML lines
to review and paste under the document's ``mentions:`` in ``seeds/annotations/documents.yaml``.
``check`` prints every problem (schema, references, offsets, evidence, completeness) and exits
with status 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from atlas.texts.annotations import (
    Annotations,
    check_annotations,
    check_completeness,
    entity_names,
    load_annotations,
    load_clean_texts,
)
from atlas.texts.mentions import propose_mentions

SEEDS_DIR = Path("seeds")


def read_word_list(path: Path) -> frozenset[str]:
    """Read a word list: one word a line; blank lines and lines starting with # are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _mention_line(entity: str, start: int, end: int, text: str) -> str:
    # JSON strings are valid YAML flow scalars and escape quotes and backslashes safely.
    return (
        f"      - {{entity: {entity}, start: {start}, end: {end}, "
        f"text: {json.dumps(text, ensure_ascii=False)}}}"
    )


def propose(annotations: Annotations, texts: dict[str, str], slugs: Sequence[str]) -> str:
    """The proposed mentions of the selected documents (all if ``slugs`` is empty) as YAML."""
    names = entity_names(annotations)
    out: list[str] = []
    for document in annotations.documents:
        if slugs and document.slug not in slugs:
            continue
        text = texts.get(document.file, "")
        out.append(f"# {document.slug} ({document.file})")
        out.append("    mentions:")
        out.extend(
            _mention_line(item.entity, item.start, item.end, item.text)
            for item in propose_mentions(text, names)
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="atlas.texts.annotate", description=__doc__)
    parser.add_argument("command", choices=["propose", "check"])
    parser.add_argument("documents", nargs="*", help="document slugs (propose only)")
    parser.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="the seeds folder")
    args = parser.parse_args(argv)
    seeds: Path = args.seeds
    annotations = load_annotations(seeds / "annotations")
    texts = load_clean_texts(seeds / "texts")
    if args.command == "propose":
        print(propose(annotations, texts, args.documents))
        return 0
    ordinary = read_word_list(seeds / "lexicon" / "common-german-nouns.txt")
    problems = check_annotations(annotations, texts)
    problems += check_completeness(annotations, texts, ordinary)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
