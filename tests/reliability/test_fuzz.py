"""Fuzzing (issue 8): Schemathesis against /schema/openapi.json of a real `atlas serve` over a
fresh, migrated and seeded SQLite database, with an editor key so that writes are exercised: every
operation, the examples, coverage, fuzzing and stateful phases, at least 3,000 requests.

Schemathesis runs once for the module (its CLI, in a subprocess, with a HAR report from which the
requests are counted); the tests below read its JSON report. ATLAS_FUZZ_EXAMPLES sets the examples
per operation (default 10: some 4,500 requests; 25 give some 5,400).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.reliability.conftest import prepare_database, serve, server_errors

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
EXAMPLES = int(os.environ.get("ATLAS_FUZZ_EXAMPLES", "10"))
MIN_REQUESTS = 3000

# Every check is on (Schemathesis' default) except these, each configured narrowly and by design:
CONFIG = """
generation.max-examples = {examples}
request-timeout = 30.0

# A schema-valid request may still break a rule the schema cannot express, and the API answers so
# on purpose: 400 for a `q` without letters or digits, 412 for an If-Match that is not the
# record's ETag, 422 for a slug that names no record. Everything else must be accepted.
[checks.positive_data_acceptance]
expected-statuses = ["2XX", "3XX", "400", "401", "403", "404", "409", "412", "422"]

# Filters take any slug and an unknown one filters to nothing, and ingest takes text/plain and
# text/html bodies as they are: input "outside the schema" there is accepted on purpose.
[checks.negative_data_rejection]
enabled = false

# Litestar answers OPTIONS itself (not an operation of the document); its Allow header lists the
# methods of one handler group only. Reported, not ours to document.
[checks.allow_header_conformance]
enabled = false
"""


@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Run Schemathesis against the live app once; its JSON report, requests and server log."""
    folder = tmp_path_factory.mktemp("fuzz")
    database_url = f"sqlite:///{folder / 'atlas.db'}"
    api_key = prepare_database(database_url, seed=True)
    config = folder / "schemathesis.toml"
    config.write_text(CONFIG.format(examples=EXAMPLES), encoding="utf-8")
    reports = folder / "reports"
    log = folder / "serve.log"
    with serve(database_url, api_key, log) as server:
        result = subprocess.run(
            [
                SCHEMATHESIS, "--config-file", str(config), "--no-color", "run",
                f"{server.url}/schema/openapi.json",
                "--header", f"Authorization: Bearer {api_key}",
                "--workers", "2",
                "--seed", "8",
                "--generation-database", "none",
                "--report", "json,har,ndjson",
                "--report-ndjson-path", str(reports / "events.ndjson"),
                "--report-json-path", str(reports / "run.json"),
                "--report-har-path", str(reports / "requests.har"),
            ],
            # Its working folder gets Schemathesis' cache: the temporary one, not the checkout.
            capture_output=True, text=True, timeout=900, check=False, cwd=folder,
        )  # fmt: skip
    report = json.loads((reports / "run.json").read_text(encoding="utf-8"))
    har = json.loads((reports / "requests.har").read_text(encoding="utf-8"))
    requests = len(har["log"]["entries"])
    # The stateful phase chains calls along links inferred from the Location of each 201.
    sequences, chained = _stateful(reports / "events.ndjson")
    print(
        f"\nSchemathesis: {report['test_cases']['generated']} test cases, {requests} requests, "
        f"{report['operations']['tested']} operations, {sequences} stateful sequences "
        f"({chained} requests), "
        f"{report['running_time']:.0f} s"
    )
    yield {
        "report": report,
        "requests": requests,
        "sequences": sequences,
        "chained": chained,
        "tool_errors": _tool_errors(reports / "events.ndjson"),
        "output": result.stdout[-20000:],
        "server_errors": server_errors(log),
        "statuses": sorted({entry["response"]["status"] for entry in har["log"]["entries"]}),
    }


def _stateful(events: Path) -> tuple[int, int]:
    """Scenarios of the stateful phase and the requests they made, from the NDJSON events."""
    scenarios = requests = 0
    for line in events.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if finished is not None and finished.get("phase") == "stateful":
            scenarios += 1
            requests += len((finished.get("recorder") or {}).get("interactions") or {})
    return scenarios, requests


# CPython 3.11's `ast` module can raise this spuriously when several threads build ASTs
# (python/cpython#106905, fixed in later releases); Schemathesis compiles code in threads and
# then reports the case as its own runtime error. It says nothing about Atlas.
CPYTHON_AST_BUG = "AST constructor recursion depth mismatch"


def _tool_errors(events: Path) -> list[str]:
    """Errors inside Schemathesis itself (not failures of the API), as `type: message`."""
    errors = []
    for line in events.read_text(encoding="utf-8").splitlines():
        error = json.loads(line).get("NonFatalError")
        if error is not None:
            errors.append(f"{error['value']['type']}: {error['value']['message']}")
    return errors


def _failures(report: dict[str, Any], codes: set[str]) -> list[str]:
    return [
        f"{failure['code']} {failure['title']}: {', '.join(failure['operations'])}"
        for failure in report["failures"]
        if failure["code"] in codes
    ]


def test_every_operation_fuzzed_with_enough_requests(fuzz_run: dict[str, Any]) -> None:
    report = fuzz_run["report"]
    assert report["operations"]["tested"] == report["operations"]["total"]
    assert report["phases"]["stateful"]["status"] != "skipped"
    assert fuzz_run["sequences"] > 0
    assert fuzz_run["chained"] > fuzz_run["sequences"]
    assert fuzz_run["requests"] >= MIN_REQUESTS
    unexpected = [error for error in fuzz_run["tool_errors"] if CPYTHON_AST_BUG not in error]
    assert unexpected == []
    assert sum(error["count"] for error in report["errors"]) == len(fuzz_run["tool_errors"])


def test_no_server_error(fuzz_run: dict[str, Any]) -> None:
    assert _failures(fuzz_run["report"], {"ST101"}) == [], fuzz_run["output"]
    assert all(status < 500 for status in fuzz_run["statuses"])
    assert fuzz_run["server_errors"] == []


def test_responses_as_documented(fuzz_run: dict[str, Any]) -> None:
    """Every other check: status codes, content types, headers and bodies as the document says,
    requests the schema allows accepted, auth not ignored, deleted records gone."""
    assert fuzz_run["report"]["failures"] == [], fuzz_run["output"]
