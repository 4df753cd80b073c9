"""The full concurrent-writers run of issue 8: 32 clients for 30 s against `atlas serve --workers 2`
on SQLite and on PostgreSQL (the server at ATLAS_TEST_POSTGRES_URL, default
postgresql://postgres@127.0.0.1:5432/postgres; a throw-away database is created and dropped).

It runs the same test CI runs (tests/reliability/test_concurrent_writers.py, 10 s there) with
ATLAS_CONCURRENCY_SECONDS set, and prints its figures: operations, throughput, the answers by
status, records created and deleted, updates of the shared records.

Usage: `python bench/concurrency.py [--seconds 30] [--backend sqlite|postgresql]`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default=None)
    arguments = parser.parse_args()
    selection = "test_concurrent_writers_lose_nothing"
    if arguments.backend:
        selection += f" and {arguments.backend}"
    environment = {**os.environ, "ATLAS_CONCURRENCY_SECONDS": str(arguments.seconds)}
    command = [
        sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
        "tests/reliability/test_concurrent_writers.py", "-k", selection,
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, env=environment, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
