"""A feed far bigger than a batch (issue 22, D7): its items commit batch by batch, and a run killed
midway is resumed by the next one, every item stored once.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from tests.hostile import cli_process as proc

from newsift.config import PipelineSettings, Settings
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore

BATCH = 16


def _feed(path: Path, n: int) -> Path:
    items = "".join(
        f"<item><guid>item-{i}</guid><title>Talks, round {i}</title><link>https://news.example/{i}</link>"
        f"<description>Delegations met for round {i} of the frigate talks in Karachi.</description></item>"
        for i in range(n)
    )
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    )
    return path


def _count(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db, timeout=1)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def test_d7_big_feed_items_commit_in_batches(tmp_path: Path, store: SqliteStore) -> None:
    """In-process: no transaction holds more than one batch of the feed's articles."""
    feed = _feed(tmp_path / "feed.xml", 200)
    sizes: list[int] = []
    store_batch = store.store_batch

    def counting(pages, analyses=None):  # type: ignore[no-untyped-def]
        stored = store_batch(pages, analyses)
        sizes.append(stored.n_stored)
        return stored

    store.store_batch = counting  # type: ignore[method-assign]
    settings = Settings(pipeline=PipelineSettings(analyze=False, link=False, batch_size=BATCH))
    report = run_ingest([str(feed)], store, settings)
    assert report.n_stored == 200 == store.count_articles() == len(set(report.article_ids))
    assert max(sizes) <= BATCH and len(sizes) >= 200 // BATCH
    rerun = run_ingest([str(feed)], store, settings)
    assert rerun.n_stored == 0 and rerun.n_unchanged == 1  # the whole feed known at once


def test_d7_big_feed_killed_midway_resumes_with_every_item_once(tmp_path: Path) -> None:
    n = 3000
    feed = _feed(tmp_path / "feed.xml", n)
    db = tmp_path / "news.db"
    env = {"NEWSIFT_PIPELINE__BATCH_SIZE": str(BATCH), "NEWSIFT_PIPELINE__LINK": "false"}
    args = ["--db", str(db), "ingest", "--no-analyze", "--json", str(feed)]
    run = proc.start_newsift(args, tmp_path / "first", env=env)
    deadline = time.monotonic() + 120
    seen = 0
    while run.poll() is None and time.monotonic() < deadline:
        seen = _count(db)
        if seen:
            break
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait(30)
    assert 0 < seen < n, f"saw {seen} of {n} articles committed before the end"
    before = _count(db)
    rerun = proc.run_newsift(args, tmp_path / "rerun", env=env, timeout_s=180)
    assert rerun.code == 0, rerun.stderr[-2000:]
    report = json.loads(rerun.stdout)
    assert report["n_stored"] == n - before
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        titles = {row[0] for row in conn.execute("SELECT title FROM articles")}
        assert len(titles) == n
