"""Fixtures for the seeding tests (the seeded database itself is in tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from atlas.settings import PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT / "seeds"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A copy of seeds/ that a test may edit."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target
