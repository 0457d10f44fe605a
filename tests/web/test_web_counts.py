"""Facet counts, totals and the top pairs a real server shows follow the store: kept between requests,
counted again once a page is stored by another connection (a ``newsift ingest`` beside the server)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
from tests.store.test_count_cache import LATER
from tests.web.conftest import serve
from tests.web.test_web_story import _build, _fill_store

from newsift.store import SqliteStore
from newsift.web import create_app


def _read(base: str) -> tuple[Any, ...]:
    claims = httpx.get(f"{base}/api/claims", params={"limit": 1}).json()
    pairs = httpx.get(f"{base}/api/relationships").json()["items"]
    search = httpx.get(f"{base}/api/search", params={"q": "jets"}).json()
    page = httpx.get(f"{base}/search", params={"q": "jets"}).text
    pair_counts = [(p["n_events"], p["n_claims"]) for p in pairs]
    return claims["total"], claims["facets"], pair_counts, search["total"], page


def test_web_counts_follow_a_page_stored_beside_the_server(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with closing(SqliteStore(path)) as store:
        _fill_store(store)
    with serve(create_app(str(path))) as base:
        before = _read(base)
        assert _read(base)[:4] == before[:4]
        with closing(SqliteStore(path)) as other:
            raw, article, analysis = _build(LATER)
            other.store_batch([(raw, [article])], {article.id: analysis})
        after = _read(base)
    assert after[0] == before[0] + 1 and after[3] == before[3] + 1
    assert sum(f["count"] for f in after[1]["status"]) == after[0]
    assert after[2][0] == (before[2][0][0] + 1, before[2][0][1] + 1)
    assert "evening-four" in after[4] and "evening-four" not in before[4]  # the outlet facet of search
