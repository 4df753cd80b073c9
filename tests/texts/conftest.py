"""Fixtures for the text-parser and seed-file tests: where the seeds live and their parsed form."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.texts.parse import ParsedText, parse_text

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT / "seeds"
TEXTS_DIR = SEEDS_DIR / "texts"
ANNOTATIONS_DIR = SEEDS_DIR / "annotations"


@pytest.fixture(scope="session")
def raw_texts() -> dict[str, str]:
    """The seed texts by file name, decoded as UTF-8 exactly as stored."""
    return {
        path.name: path.read_bytes().decode("utf-8") for path in sorted(TEXTS_DIR.glob("*.txt"))
    }


@pytest.fixture(scope="session")
def parsed_texts(raw_texts: dict[str, str]) -> dict[str, ParsedText]:
    """The parser's output for every seed text, by file name."""
    return {name: parse_text(raw) for name, raw in raw_texts.items()}
