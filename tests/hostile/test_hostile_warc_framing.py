"""WARC framing attacks (issue 22, D1 and D12) through the real CLI in a child process.

D1: a gzip member that inflates to gigabytes behind a short Content-Length is read no further than
one bounded line. D12: a Content-Length that swallows the next records is reported, and the records
it swallowed are read. Each run's report is compared with what the store holds.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.hostile import builders as build
from tests.hostile import cli_process as proc


def _stored_uris(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return sorted(json.loads(row[0])["uri"] for row in conn.execute("SELECT record FROM articles"))


def _ingest(path: Path, tmp: Path) -> tuple[object, Path]:
    db = tmp / "news.db"
    run = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", str(path)], tmp / "run", preexec=proc.limit_memory()
    )
    return run, db


def test_d1_gzip_bomb_behind_a_short_content_length_is_bounded(tmp_path: Path) -> None:
    bomb = build.warc_record("https://news.example/bomb", build.page("bomb"), gz=False)
    archive = tmp_path / "bomb.warc.gz"
    archive.write_bytes(
        build.warc_record("https://news.example/before", build.page("drone"))
        + build.gzip_bomb_member(bomb, 2500)  # 2.5 GB of zeros after the record, 2.6 MB on disk
        + build.warc_record("https://news.example/after", build.page("jet"))
    )
    run, db = _ingest(archive, tmp_path)
    assert run.code == 1, run.stderr[-2000:]
    assert run.peak_rss_mb < proc.MEMORY_BOUND_MB
    assert len(run.stderr) < 4000  # one line, not the gigabyte warcio used to print
    errors = run.error_lines()
    assert len(errors) == 1, run.stderr
    assert "bomb.warc.gz@" in errors[0] and "Content-Length" in errors[0] and "misframed" in errors[0]
    stored = _stored_uris(db)
    assert "https://news.example/before" in stored and "https://news.example/after" in stored
    assert f"{len(stored)} stored" in run.stdout  # the report equals the store


def test_d12_content_length_swallowing_the_next_records_is_reported(tmp_path: Path) -> None:
    one, two, three, four = (
        build.warc_record(f"https://news.example/{name}", build.page(name), gz=False)
        for name in ("one", "two", "three", "four")
    )
    archive = tmp_path / "misframed.warc"
    swallowing = build.misframe(one, len(two) + len(three))
    archive.write_bytes(swallowing + two + three + four)
    run, db = _ingest(archive, tmp_path)
    assert run.code == 1, run.stderr[-2000:]
    errors = run.error_lines()
    assert len(errors) == 1, run.stderr
    first = len(swallowing)
    assert "misframed.warc@0" in errors[0]
    assert f"offsets {first}, {first + len(two)}" in errors[0]
    assert _stored_uris(db) == [f"https://news.example/{n}" for n in ("four", "three", "two")]
    assert "3 stored" in run.stdout


def test_d12_a_short_content_length_in_a_plain_warc_is_reported(tmp_path: Path) -> None:
    one, two = (
        build.warc_record(f"https://news.example/{name}", build.page(name), gz=False)
        for name in ("one", "two")
    )
    archive = tmp_path / "short.warc"
    archive.write_bytes(build.misframe(one, -40) + two)
    run, db = _ingest(archive, tmp_path)
    errors = run.error_lines()
    assert len(errors) == 1 and "short.warc@0" in errors[0] and "misframed" in errors[0], run.stderr
    assert "https://news.example/two" in _stored_uris(db)
