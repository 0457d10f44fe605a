"""The header's watch count, kept between pages: right again after each change it depends on (a new
page stored, the watch opened, its filter edited), on a real SQLite store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.web.test_web_story import DELIVERY, REPORTS, _build, _fill_store

from newsift.brief.watch import WatchFilter, add_watch, count_new_of, get_watch, open_watch, update_watch
from newsift.store import SqliteStore
from newsift.web.auth import create_user
from newsift.web.header import WatchCounts


def test_web_header_count_follows_the_store_and_the_watch(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "news.db")
    _fill_store(store)
    create_user(store, "ana", "a long enough password")
    watch, _ = add_watch(store, WatchFilter(subtype="arms_transfer"), owner="ana", name="jets")
    counts = WatchCounts()
    assert counts.count(store, "ana") == 0 == counts.count(store, "ana")
    later = replace(
        REPORTS[1], id="st-later", outlet="evening-four", days=9, title="More jets for India",
        sentences=(DELIVERY, "Officials in Paris confirmed the handover on Monday."),
    )  # fmt: skip
    raw, article, analysis = _build(later)
    store.store_batch([(raw, [article])], {article.id: analysis})
    assert counts.count(store, "ana") == 2  # the new report's event and its claim
    found = get_watch(store, watch.id)
    assert found is not None and len(open_watch(store, found)) == 2
    assert counts.count(store, "ana") == 0
    assert update_watch(store, found, "exercises", WatchFilter(subtype="exercise"))
    assert counts.count(store, "ana") == 4 == count_new_of(store, "ana")  # two exercises, their claims
    assert counts.count(store, "bob") == 0
    store.close()
