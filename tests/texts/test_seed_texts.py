"""The seed texts in seeds/texts/ are exactly the files their SHA256SUMS manifest pins."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TEXTS_DIR = REPO_ROOT / "seeds" / "texts"
MANIFEST = TEXTS_DIR / "SHA256SUMS"
# The originals handed over with the project; only present next to a checkout (as in CI).
SHARED_TEXTS_DIR = REPO_ROOT.parent / "shared" / "seeds"


def read_manifest(path: Path) -> dict[str, str]:
    """Parse a `sha256sum` manifest into {file name: hex digest}."""
    entries: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        assert separator, f"{path.name}:{number}: not in sha256sum format: {line!r}"
        assert len(digest) == 64, f"{path.name}:{number}: bad digest length"
        assert name not in entries, f"{path.name}:{number}: {name} listed twice"
        entries[name] = digest
    return entries


def test_manifest_lists_exactly_the_text_files() -> None:
    present = {path.name for path in TEXTS_DIR.glob("*.txt")}
    assert present, "no seed texts found"
    assert set(read_manifest(MANIFEST)) == present


@pytest.mark.parametrize("name", sorted(read_manifest(MANIFEST)))
def test_text_matches_its_digest(name: str) -> None:
    data = (TEXTS_DIR / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == read_manifest(MANIFEST)[name]


def test_texts_are_byte_identical_to_the_originals() -> None:
    if not SHARED_TEXTS_DIR.is_dir():
        # CI always has shared/ beside the checkout; a developer's copy elsewhere may not.
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the original texts are missing: {SHARED_TEXTS_DIR}")
        pytest.skip("shared/ is not beside this checkout")
    originals = {path.name: path.read_bytes() for path in SHARED_TEXTS_DIR.glob("*.txt")}
    copies = {path.name: path.read_bytes() for path in TEXTS_DIR.glob("*.txt")}
    assert copies == originals
