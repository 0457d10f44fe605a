"""Counting queries kept until the content changes (store/count_cache.py): the kept rows are the ones a
recount gives, on both dialects, whether the new page comes through another connection or this store."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.web.test_web_story import DELIVERY, REPORTS, _build, _fill_store

from newsift.store import open_store
from newsift.store.count_cache import CountCache
from newsift.store.facts import FactFilters

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

LATER = replace(
    REPORTS[1], id="st-later", outlet="evening-four", days=9, title="More jets for India",
    sentences=(DELIVERY, "Officials in Paris confirmed the handover on Monday."),
)  # fmt: skip


def test_count_cache_recounts_only_when_the_mark_changes() -> None:
    runs: list[str] = []

    def fetch(sql: str, params: Any) -> list[tuple[Any, ...]]:
        runs.append(sql)
        return [(sql, len(runs))]

    cache = CountCache(most=2)
    assert cache.fetch(1, fetch, "a", [1]) == cache.fetch(1, fetch, "a", [1]) == [("a", 1)]
    assert cache.fetch(1, fetch, "a", [2]) == [("a", 2)]  # other parameters: another result
    assert cache.fetch(2, fetch, "a", [1]) == [("a", 3)]  # the content changed: counted again
    cache.fetch(2, fetch, "b", []), cache.fetch(2, fetch, "c", [])
    assert cache.fetch(2, fetch, "a", [1]) == [("a", 6)]  # the least recently used went first
    assert len(runs) == 6


def test_count_cache_one_count_at_a_time_per_query() -> None:
    """Readers that miss together wait for the one count under way (issue 22, D19); one whose leader
    fails counts for itself."""
    cache, runs, entered, release = CountCache(), [], threading.Event(), threading.Event()

    def slow(sql: str, params: Any) -> list[tuple[Any, ...]]:
        runs.append(sql)
        entered.set()
        release.wait(30)
        return [(sql, len(runs))]

    found: list[Any] = []
    first = threading.Thread(target=lambda: found.append(cache.fetch(1, slow, "q", [])))
    first.start()
    assert entered.wait(30)
    second = threading.Thread(target=lambda: found.append(cache.fetch(1, slow, "q", [])))
    second.start()
    flight = cache._flying[(1, ("q", ()))]
    for _ in range(3000):  # until the second reader waits on the first's count
        if flight.waiters:
            break
        second.join(0.01)
    assert flight.waiters == 1
    release.set()
    first.join(30), second.join(30)
    assert found == [[("q", 1)], [("q", 1)]] and runs == ["q"]

    def broken(sql: str, params: Any) -> list[tuple[Any, ...]]:
        raise RuntimeError("lost connection")

    with pytest.raises(RuntimeError):
        cache.fetch(2, broken, "q", [])
    assert cache.fetch(2, slow, "q", []) == [("q", 2)] and not cache._flying


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "news.db")
    else:
        pytest.importorskip("psycopg", reason="psycopg (3) is not installed")
        yield request.getfixturevalue("pg_url")


def _counts(store: Any) -> tuple[Any, ...]:
    claims = store.query_fact_page("claims", FactFilters(), limit=1)
    dyads = store.query_top_dyads()
    return claims.total, claims.facets, dyads, store.query_counterparts("IND")


def test_count_cache_follows_a_page_stored_by_another_connection(url: str) -> None:
    first = open_store(url)
    _fill_store(first)
    reader, writer = open_store(url, writer=first.writer), open_store(url)
    reader.count_cache = CountCache()
    try:
        before = _counts(reader)
        counted: list[str] = []
        fetch = reader._fetch
        reader._fetch = lambda sql, params=(): counted.append(sql) or fetch(sql, params)  # type: ignore[method-assign]
        assert _counts(reader) == before
        assert not [sql for sql in counted if "COUNT(" in sql and "pages" not in sql]  # kept, not recounted
        raw, article, analysis = _build(LATER)
        writer.store_batch([(raw, [article])], {article.id: analysis})  # as another process's ingest
        after = _counts(reader)
        with contextlib.closing(open_store(url)) as uncached:
            assert after == _counts(uncached) != before  # what a store without a cache counts
        assert after[0] == before[0] + 1 and after[2][0].n_events == before[2][0].n_events + 1
    finally:
        for store in (reader, writer, first):
            store.close()


def test_count_cache_follows_a_page_this_store_wrote(url: str) -> None:
    store = open_store(url)
    _fill_store(store)
    store.count_cache = CountCache()
    try:
        before = _counts(store)
        raw, article, analysis = _build(LATER)
        store.store_batch([(raw, [article])], {article.id: analysis})
        assert _counts(store)[0] == before[0] + 1
    finally:
        store.close()


def test_count_cache_sqlite_mark_follows_every_stored_page_without_a_scan(tmp_path: Path) -> None:
    """SQLite's content mark is the largest page rowid and the newest page's time (issue 22, D19): it
    counts the pages as COUNT(*) does (pages are never deleted), changes when another connection stores
    one, and reads two index entries rather than every page."""
    from newsift.store import SqliteStore
    from newsift.store.sqlite import _MARK

    path = str(tmp_path / "news.db")
    reader, writer = SqliteStore(path), SqliteStore(path)
    try:
        assert reader.query_content_mark() == (0, None)
        _fill_store(writer)
        count, newest = reader._fetch("SELECT COUNT(*), MAX(stored_at) FROM pages")[0]
        assert reader.query_content_mark() == (count, newest) and count > 1
        raw, article, analysis = _build(LATER)
        writer.store_batch([(raw, [article])], {article.id: analysis})
        assert reader.query_content_mark()[0] == count + 1
        plan = " | ".join(str(r[-1]) for r in reader._fetch("EXPLAIN QUERY PLAN " + _MARK))
        assert "SCAN pages" not in plan and "USING COVERING INDEX pages_stored_at" in plan, plan
    finally:
        reader.close()
        writer.close()
