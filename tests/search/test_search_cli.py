"""`atlas search reindex` and `atlas search query` on a seeded database."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from tests.test_cli import assert_one_line_error, atlas


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_reindex_rebuilds_the_index_and_query_prints_ranked_results(seeded_engine: Engine) -> None:
    url = _url(seeded_engine)
    before = atlas("search", "query", "Tokayev", database_url=url)
    reindexed = atlas("search", "reindex", database_url=url)
    after = atlas("search", "query", "Tokayev", database_url=url)

    assert reindexed.returncode == 0, reindexed.stderr
    assert "5 document(s), 28 actor(s), 17 initiative(s), 11 event(s), 16 topic(s)" in (
        reindexed.stdout
    )
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
    lines = after.stdout.splitlines()
    assert lines[0].split() == ["SCORE", "TYPE", "SLUG", "SNIPPET"]
    assert lines[1].split()[1:3] == ["actor", "kassym-schomart-tokajew"]
    assert lines[-1] == "2 of 2"


def test_a_query_without_words_is_a_one_line_error(seeded_engine: Engine) -> None:
    assert_one_line_error(
        atlas("search", "query", '" *', database_url=_url(seeded_engine)), "no words"
    )
