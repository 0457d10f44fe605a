"""Linking batch by batch in PostgreSQL (issue 22, D4): the saved postings and the queue of articles
waiting to be linked give the same units and the same links as in SQLite. Skips without a PostgreSQL
server (the throwaway server of tests/store/test_postgres.py)."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.test_d4_link_per_batch import SETTINGS, _write_jsonl
from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (fixtures)

from newsift.pipeline.relink import is_linked
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore
from newsift.store.postgres import PostgresStore


def test_d4_postgres_links_batch_by_batch_as_sqlite_does(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    path = _write_jsonl(tmp_path / "in.jsonl", 70, seed=9)  # three units of 32, 32 and 6
    lite, post = SqliteStore(tmp_path / "news.db"), PostgresStore(pg_url)
    try:
        for store in (lite, post):
            report = run_ingest([str(path)], store, SETTINGS)
            assert report.n_stored == 70 and not report.failures
            assert is_linked(store) and store.query_pending_links(limit=0)[1] == 0
        for kind in ("story", "duplicate", "related", "tags"):
            stored = sorted((r.key, r.record) for r in post.query_links(kind))
            assert stored == sorted((r.key, r.record) for r in lite.query_links(kind)), kind
        assert len(post.query_links("duplicate")) == 70
    finally:
        post.close()
