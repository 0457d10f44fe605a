"""Ingest progress: the callback sees inputs done and articles stored, also inside one large WARC."""

from __future__ import annotations

from pathlib import Path

import msgspec
from tests.ingest.test_warc import _html, _Rec, _warc

from newsift.config import Settings
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore


def _settings(tmp_path: Path) -> Settings:
    settings = Settings(db=str(tmp_path / "news.db"))
    pipeline = msgspec.structs.replace(settings.pipeline, analyze=False, link=False, batch_size=4)
    return msgspec.structs.replace(settings, pipeline=pipeline)


def test_progress_reports_inputs_and_stored_articles_within_a_warc(
    tmp_path: Path, store: SqliteStore
) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    records = [_Rec(f"https://news.example/{i}", _html(f"Harbour {i}")) for i in range(10)]
    crawl.write_bytes(_warc(records, gz=True))
    single = tmp_path / "single.txt"
    single.write_text("A lone report\nThe navy of Chile held a drill off Valparaiso.\n", "utf-8")
    calls: list[tuple[int, int, int]] = []
    report = run_ingest(
        [str(crawl), str(single)], store, _settings(tmp_path), on_progress=lambda *a: calls.append(a)
    )
    assert report.n_stored == 11
    inside_warc = [c for c in calls if c[0] == 0]
    assert inside_warc and inside_warc[-1][2] >= 4  # batches stored while the WARC is read
    assert all(total == 2 for _, total, _ in calls)
    assert [c[2] for c in calls] == sorted(c[2] for c in calls)  # stored counts never go back
    assert calls[-1] == (2, 2, 11)  # the last call follows the last batch
