"""Concurrent writers (issue 8): 32 clients create, update (with If-Match) and delete records
against `atlas serve --workers 2` on SQLite and PostgreSQL.

What must hold: no answer a client did not cause (only 200, 201, 204, 404, 409 and 412; never a
5xx, never "database is locked"), the final number of records equals what the clients were told
succeeded, and on records everyone edits at once every successful update counted (the row version
equals 1 + the 200s): nothing was lost silently.

ATLAS_CONCURRENCY_SECONDS sets the length of the run (default 10 s, so CI stays short);
`python bench/concurrency.py` runs the full 30 s on both databases.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from tests.live_server import Server
from tests.reliability.conftest import prepare_database, serve, server_errors

CLIENTS = 32
WORKERS = 2
SECONDS = float(os.environ.get("ATLAS_CONCURRENCY_SECONDS", "10"))
EXPECTED = {200, 201, 204, 404, 409, 412}
SHARED = [f"shared-{n}" for n in range(4)]


@dataclass
class Tally:
    """What one client did and was told."""

    statuses: Counter[int] = field(default_factory=Counter)
    created: int = 0
    deleted: int = 0
    shared_updates: Counter[str] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    operations: int = 0


def _check(tally: Tally, response: httpx.Response, what: str) -> int:
    tally.operations += 1
    tally.statuses[response.status_code] += 1
    if response.status_code not in EXPECTED or "database is locked" in response.text:
        tally.unexpected.append(f"{what}: {response.status_code} {response.text[:300]}")
    return response.status_code


def _client(server: Server, number: int, deadline: float, tally: Tally) -> None:
    """Create own topics, update them with If-Match, delete some; now and then update a shared
    topic that every client edits, with the ETag it just read (412 when someone was faster)."""
    rng = random.Random(number)
    own: list[str] = []
    headers = {"Authorization": f"Bearer {server.api_key}"}
    with httpx.Client(base_url=f"{server.url}/api/v1", headers=headers, timeout=60) as http:
        sequence = 0
        while time.monotonic() < deadline:
            roll = rng.random()
            if roll < 0.4 or not own:
                sequence += 1
                slug = f"c{number}-{sequence}"
                body = {"slug": slug, "label_de": f"Thema {slug}", "label_en": f"Topic {slug}"}
                if _check(tally, http.post("/topics", json=body), "create") == 201:
                    tally.created += 1
                    own.append(slug)
            elif roll < 0.85:
                slug = rng.choice(SHARED) if roll < 0.6 else rng.choice(own)
                read = http.get(f"/topics/{slug}")
                if _check(tally, read, "read") != 200:
                    continue
                # A new value every time: an update that changes nothing would not count.
                change = {"label_en": f"Topic {slug} by client {number}, {tally.operations}"}
                response = http.patch(
                    f"/topics/{slug}", json=change, headers={"If-Match": read.headers["ETag"]}
                )
                if _check(tally, response, "update") == 200 and slug in SHARED:
                    tally.shared_updates[slug] += 1
            else:
                slug = own.pop(rng.randrange(len(own)))
                read = http.get(f"/topics/{slug}")
                if _check(tally, read, "read") != 200:
                    continue
                response = http.delete(
                    f"/topics/{slug}", headers={"If-Match": read.headers["ETag"]}
                )
                if _check(tally, response, "delete") == 204:
                    tally.deleted += 1


def _topics(server: Server) -> dict[str, Any]:
    response = httpx.get(f"{server.url}/api/v1/topics", params={"limit": 1}, timeout=30)
    response.raise_for_status()
    return dict(response.json())


def run_writers(server: Server, seconds: float, clients: int = CLIENTS) -> dict[str, Any]:
    """Run the clients for `seconds`; return their tallies summed up."""
    headers = {"Authorization": f"Bearer {server.api_key}"}
    for slug in SHARED:
        body = {"slug": slug, "label_de": f"Geteilt {slug}", "label_en": f"Shared {slug}"}
        assert (
            httpx.post(f"{server.url}/api/v1/topics", json=body, headers=headers).status_code == 201
        )
    before = _topics(server)["total"]
    tallies = [Tally() for _ in range(clients)]
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=_client, args=(server, n, deadline, tallies[n]))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    statuses: Counter[int] = Counter()
    shared_updates: Counter[str] = Counter()
    for tally in tallies:
        statuses.update(tally.statuses)
        shared_updates.update(tally.shared_updates)
    operations = sum(t.operations for t in tallies)
    return {
        "elapsed": elapsed,
        "operations": operations,
        "throughput": operations / elapsed,
        "statuses": dict(sorted(statuses.items())),
        "created": sum(t.created for t in tallies),
        "deleted": sum(t.deleted for t in tallies),
        "before": before,
        "after": _topics(server)["total"],
        "shared_updates": shared_updates,
        "unexpected": [line for t in tallies for line in t.unexpected],
        "threads_alive": sum(thread.is_alive() for thread in threads),
    }


def test_concurrent_writers_lose_nothing(
    empty_database_url: str, backend: str, tmp_path: Path
) -> None:
    api_key = prepare_database(empty_database_url, seed=False)
    log = tmp_path / "serve.log"
    with serve(empty_database_url, api_key, log, workers=WORKERS) as server:
        result = run_writers(server, SECONDS)
        versions = {
            slug: int(
                httpx.get(f"{server.url}/api/v1/topics/{slug}")
                .headers["ETag"]
                .strip('"')
                .rsplit("-", 1)[1]
            )
            for slug in SHARED
        }
    print(
        f"\n{backend}: {CLIENTS} clients, {WORKERS} workers, {result['elapsed']:.1f} s: "
        f"{result['operations']} operations, {result['throughput']:.0f}/s; "
        f"statuses {result['statuses']}; created {result['created']}, "
        f"deleted {result['deleted']}, shared updates {sum(result['shared_updates'].values())}"
    )
    assert result["threads_alive"] == 0
    assert result["unexpected"] == []
    assert server_errors(log) == []
    assert result["after"] - result["before"] == result["created"] - result["deleted"]
    # Every update a client was told succeeded is in the row version; none overwrote another.
    assert versions == {slug: 1 + result["shared_updates"][slug] for slug in SHARED}
    assert result["statuses"].get(412, 0) > 0, "the shared records were never contended"


def test_two_editors_one_record_one_wins(
    empty_database_url: str, backend: str, tmp_path: Path
) -> None:
    """Two editors read one record, both send a change with that ETag at the same moment:
    exactly one gets 200, the other 412, and the winner's change is what is stored."""
    api_key = prepare_database(empty_database_url, seed=False)
    log = tmp_path / "serve.log"
    headers = {"Authorization": f"Bearer {api_key}"}
    with serve(empty_database_url, api_key, log, workers=WORKERS) as server:
        api = f"{server.url}/api/v1"
        body = {"slug": "contested", "label_de": "Umstritten", "label_en": "Contested"}
        assert httpx.post(f"{api}/topics", json=body, headers=headers).status_code == 201
        for round_number in range(20):
            etag = httpx.get(f"{api}/topics/contested").headers["ETag"]
            answers = _edit_at_once(f"{api}/topics/contested", headers, etag, round_number)
            assert sorted(answers.values()) == [200, 412], answers
            winner = next(name for name, status in answers.items() if status == 200)
            stored = httpx.get(f"{api}/topics/contested").json()
            assert stored["label_en"] == f"{winner} {round_number}"
    assert server_errors(log) == []


def _edit_at_once(
    url: str, headers: dict[str, str], etag: str, round_number: int
) -> dict[str, int]:
    """Two editors send a change with the same ETag at the same moment; their statuses."""
    barrier = threading.Barrier(2)
    answers: dict[str, int] = {}

    def edit(editor: str) -> None:
        with httpx.Client(headers=headers, timeout=30) as http:
            barrier.wait()
            response = http.patch(
                url, json={"label_en": f"{editor} {round_number}"}, headers={"If-Match": etag}
            )
        answers[editor] = response.status_code

    editors = [threading.Thread(target=edit, args=(name,)) for name in ("ada", "bob")]
    for thread in editors:
        thread.start()
    for thread in editors:
        thread.join(timeout=60)
    return answers
