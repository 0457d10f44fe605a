"""Bounded full-text search (issue 8): a common word ranks only the most recently stored matches, and a
typical query returns what ranking every match returns."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsift.model import Article, ContentType, Position, RawDocument
from newsift.store import SqliteStore, sqlite

WORDS = [f"w{n}" for n in range(300)]


def _store(path: Path, n: int = 400) -> SqliteStore:
    rng = random.Random(5)
    store = SqliteStore(path)
    pages = []
    for i in range(n):
        raw = RawDocument(
            uri=f"synthetic://{i}",
            content=f"page {i}".encode(),
            content_type=ContentType.TEXT,
            fetched_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=i),
        )
        body = " ".join(["common", *rng.choices(WORDS, weights=[1 / (r + 1) for r in range(300)], k=60)])
        article = Article(
            id=f"a{i:04d}", page_id=raw.id, position=Position.MAIN, index=0, title=f"t{i}", body=body
        )
        pages.append((raw, [article]))
    store.store_batch(pages)
    return store


def _ranked_over_all(path: Path, match: str, limit: int) -> list[float]:
    """The search before issue 8: bm25 over every match, then LIMIT (the scores of the hits)."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY bm25(articles_fts) LIMIT ?",
        (match, limit),
    ).fetchall()
    conn.close()
    return [r[0] for r in rows]


@pytest.mark.parametrize("query", ["w20", "w40 w7", "w150", "w3"], ids=["rare", "pair", "rarest", "frequent"])
def test_sqlite_search_same_top_hits_as_ranking_every_match(tmp_path: Path, query: str) -> None:
    store = _store(tmp_path / "news.db")
    hits = store.search(query, limit=10)
    assert hits
    # Equal scores tie in any order, so the scores of the top hits are compared.
    expected = _ranked_over_all(tmp_path / "news.db", sqlite.fts_query(query), 10)
    assert [h.rank for h in hits] == pytest.approx(expected)
    assert all("[" in h.snippet for h in hits)


def test_sqlite_search_ranks_only_the_newest_matches_of_a_common_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path / "news.db")
    monkeypatch.setattr(sqlite, "SEARCH_RANKED", 50)
    hits = store.search("common", limit=20)
    assert len(hits) == 20
    assert {h.article.id for h in hits} <= {f"a{i:04d}" for i in range(350, 400)}
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
