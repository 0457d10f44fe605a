"""Crash safety (issue 9, part 3): `newsift ingest` killed with SIGKILL mid-run, or out of disk space.

After every kill the store passes PRAGMA integrity_check, keeps everything committed before, holds
no duplicate, and a restart completes the run. A full disk (RLIMIT_FSIZE: no root mount needed)
gives one clear error and leaves the committed store intact.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:
    key = f"newsift_tests_hostile_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, HERE.parent / "hostile" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        sys.modules[key] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[key])
    return sys.modules[key]


proc = _load("cli_process")
BATCH = {"NEWSIFT_PIPELINE__BATCH_SIZE": "8"}
NO_LINK = {**BATCH, "NEWSIFT_PIPELINE__LINK": "false"}
WORDS = [
    "Turkey",
    "Pakistan",
    "drone",
    "jet",
    "frigate",
    "tank",
    "exercise",
    "pact",
    "talks",
    "Ankara",
    "Islamabad",
    "navy",
]


def _write_inputs(folder: Path, n: int, *, body_words: int = 60) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(body_words))
        path = folder / f"page-{i:04d}.txt"
        path.write_text(f"Report number {i}\nStory {i} opens here. {body}.\nIt ends {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _snapshot(db: Path) -> dict[str, int]:
    """Committed pages (id -> article count), after checking the store is whole and duplicate-free."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'pages'").fetchall():
            return {}  # killed before the first migration committed: an empty store
        pages = dict(conn.execute("SELECT id, n_articles FROM pages"))
        per_page = dict(conn.execute("SELECT page_id, count(*) FROM articles GROUP BY page_id"))
        uris = conn.execute("SELECT uri, count(*) FROM pages GROUP BY uri HAVING count(*) > 1").fetchall()
        fts = conn.execute("SELECT count(*), count(DISTINCT article_id) FROM articles_fts").fetchone()
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert uris == []
    assert per_page == {page: n for page, n in pages.items() if n}  # no page half stored
    assert fts == (n_articles, n_articles)  # one search row per article, no orphan, no twin
    return pages


def _count_pages(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)) as conn:
            return int(conn.execute("SELECT count(*) FROM pages").fetchone()[0])
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def _kill_when(
    db: Path,
    folder: Path,
    out: Path,
    *,
    at_pages: int,
    after_s: float,
    flags: tuple[str, ...] = ("--no-analyze",),
) -> int:
    """Start an ingest and SIGKILL it once ``at_pages`` pages are committed and ``after_s`` passed."""
    process = proc.start_newsift(["--db", str(db), "ingest", *flags, str(folder)], out, env=BATCH)
    started = time.monotonic()
    while process.poll() is None:
        if _count_pages(db) >= at_pages and time.monotonic() - started >= after_s:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    return process.wait()


@pytest.mark.parametrize("n_inputs", [240], ids=["240-inputs"])
def test_crash_sigkill_at_several_points_loses_and_duplicates_nothing(tmp_path: Path, n_inputs: int) -> None:
    paths = _write_inputs(tmp_path / "in", n_inputs)
    db = tmp_path / "news.db"
    committed: dict[str, int] = {}
    kill_points = [(0, 0.3), (1, 0.0), (n_inputs // 3, 0.0), (2 * n_inputs // 3, 0.0), (n_inputs, 0.0)]
    for k, (at_pages, after_s) in enumerate(kill_points):
        code = _kill_when(db, tmp_path / "in", tmp_path / f"kill-{k}", at_pages=at_pages, after_s=after_s)
        assert code == -signal.SIGKILL  # killed mid-run, not finished before the kill
        now = _snapshot(db)
        assert committed.items() <= now.items()  # nothing committed before was lost or changed
        committed = now
    run = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", "--json", str(tmp_path / "in")],
        tmp_path / "final",
        env=BATCH,
    )
    assert run.code == 0, run.stderr[-2000:]
    final = _snapshot(db)
    assert len(final) == len(paths) and committed.items() <= final.items()
    with closing(sqlite3.connect(db)) as conn:
        titles = [row[0] for row in conn.execute("SELECT title FROM articles")]
    assert sorted(titles) == sorted(f"Report number {i}" for i in range(n_inputs))


def test_crash_restart_after_a_kill_reports_committed_pages_as_unchanged(tmp_path: Path) -> None:
    _write_inputs(tmp_path / "in", 120)
    db = tmp_path / "news.db"
    _kill_when(db, tmp_path / "in", tmp_path / "kill", at_pages=40, after_s=0.0)
    before = len(_snapshot(db))
    run = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", "--json", str(tmp_path / "in")],
        tmp_path / "again",
        env=BATCH,
    )
    report = json.loads(run.stdout)
    assert run.code == 0
    assert report["n_unchanged"] == before and report["n_stored"] == 120 - before


@pytest.mark.model
def test_crash_kill_with_two_workers_and_a_batch_in_flight_loses_nothing_committed(tmp_path: Path) -> None:
    """With a pool one batch is analysed while the one before is stored: a kill loses at most those two,
    and a restart stores every page once, analysed."""
    paths = _write_inputs(tmp_path / "in", 64, body_words=30)
    db = tmp_path / "news.db"
    flags = ("--workers", "2")
    code = _kill_when(db, tmp_path / "in", tmp_path / "kill", at_pages=16, after_s=0.0, flags=flags)
    assert code == -signal.SIGKILL
    committed = _snapshot(db)
    run = proc.run_newsift(
        ["--db", str(db), "ingest", *flags, "--json", str(tmp_path / "in")], tmp_path / "again", env=NO_LINK
    )
    assert run.code == 0, run.stderr[-2000:]
    report = json.loads(run.stdout)
    final = _snapshot(db)
    assert len(final) == len(paths) and committed.items() <= final.items()
    assert report["n_unchanged"] == len(committed) and report["n_stored"] == len(paths) - len(committed)
    with closing(sqlite3.connect(db)) as conn:
        unanalysed = conn.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)"
        ).fetchone()[0]
    assert unanalysed == 0


def test_crash_full_disk_gives_a_clear_error_and_keeps_the_store(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    _write_inputs(tmp_path / "first", 10)
    first = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", str(tmp_path / "first")], tmp_path / "a"
    )
    assert first.code == 0
    committed = _snapshot(db)
    _write_inputs(tmp_path / "second", 60, body_words=2000)  # about 1 MB of new text
    limit = db.stat().st_size + 64 * 1024
    full = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", str(tmp_path / "second")],
        tmp_path / "b",
        preexec=proc.limit_file_size(limit),
    )
    assert full.code != 0 and full.code > 0  # an error exit, not a crash by signal
    lines = [line for line in full.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and str(db) in lines[0] and "batch not stored" in lines[0], full.stderr[-2000:]
    assert "disk I/O error" in lines[0] or "disk is full" in lines[0]
    assert "Traceback" not in full.stderr
    after = _snapshot(db)
    assert committed.items() <= after.items()
    again = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", str(tmp_path / "second")], tmp_path / "c"
    )
    assert again.code == 0, again.stderr[-2000:]
    assert len(_snapshot(db)) == 70


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 1.25 MB tmpfs: a real full disk. Needs root and a mount-capable container, else skipped."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1280k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if os.geteuid() != 0 or done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); RLIMIT_FSIZE test covers a full disk")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_crash_full_tmpfs_gives_a_clear_error_and_keeps_the_store(tmp_path: Path, tiny_tmpfs: Path) -> None:
    db = tiny_tmpfs / "news.db"
    _write_inputs(tmp_path / "first", 10)
    assert (
        proc.run_newsift(
            ["--db", str(db), "ingest", "--no-analyze", str(tmp_path / "first")], tmp_path / "a"
        ).code
        == 0
    )
    committed = _snapshot(db)
    _write_inputs(tmp_path / "second", 60, body_words=2000)
    full = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", str(tmp_path / "second")], tmp_path / "b"
    )
    assert full.code > 0
    lines = [line for line in full.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and "batch not stored" in lines[0] and "disk is full" in lines[0], full.stderr
    assert "Traceback" not in full.stderr
    assert committed.items() <= _snapshot(db).items()
