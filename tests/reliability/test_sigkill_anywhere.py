"""A SIGKILL anywhere in an ingest or a relink, then a plain rerun (issue 22, "done when").

Real processes, a real SQLite file, a real SIGKILL, at two kinds of points:
- moments drawn at random (seeded; the seed and moment are in the failure message) over the length of
  an uninterrupted run measured in the same test: start-up, migrations, reading, commits, linking;
- write statements: the child runs the CLI with a hook that counts the store's write statements
  (``Tx.execute``/``executemany``) and SIGKILLs itself just before the k-th, for every k of the run in
  the slow test and a spread sample by default, so every point between two statements of every batch
  and of the link transaction is a kill point.
After every kill the store is whole (``PRAGMA integrity_check``, no foreign-key violation) and holds
everything it held before; after a plain rerun each of its tables (pages, articles, search rows,
annotations, links and the saved linker state) equals the one an uninterrupted run gives. Run rows,
failure rows and the moments rows were written are the only things left out of the comparison.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from tests.hostile import cli_process as proc

# Small batches: many commits per run, so a kill lands between and inside them.
ENV = {"NEWSIFT_PIPELINE__BATCH_SIZE": "4"}
N_PAGES = 24
SEED = int(os.environ.get("NEWSIFT_TEST_KILL_SEED", "22"))

# The CLI with a hook: SIGKILL just before the store's KILL_AT_WRITE-th write statement; at a normal
# exit the number of write statements is printed ("writes N") to stderr.
WRITE_KILLER = """
import atexit, os, signal, sys
from newsift.store import sql
at, seen = int(os.environ.get("KILL_AT_WRITE", "0")), [0]
def counted(method):
    def run(self, *args):
        seen[0] += 1
        if seen[0] == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return method(self, *args)
    return run
sql.Tx.execute, sql.Tx.executemany = counted(sql.Tx.execute), counted(sql.Tx.executemany)
atexit.register(lambda: print(f"writes {seen[0]}", file=sys.stderr))
from newsift.cli import main
sys.exit(main(sys.argv[1:]))
"""

# Every table that holds what an ingest stores, with the columns compared (volatile ones left out).
TABLES = {
    "pages": "id, uri, content_type, fetched_at, n_articles",
    "articles": "*",
    "articles_fts": "article_id, title, body",
    "sentences": "*",
    "mentions": "*",
    "entities": "*",
    "quotes": "*",
    "events": "*",
    "event_actors": "*",
    "claims": "*",
    "links": "*",
}

# Our own sentences: a handful of happenings, each told by several outlets in other words, and copies.
HAPPENINGS = [
    ("Harbour strike", "Dock workers in Rotterdam stopped work over pay", "container ships waited offshore"),
    ("Bridge reopens", "The old river bridge in Porto reopened after repairs", "traffic came back"),
    ("Grain deal", "Two ministers agreed a grain shipping corridor", "insurers welcomed the agreement"),
    ("Flood warning", "Forecasters warned of floods along the Danube", "villages filled sandbags overnight"),
    ("Rail merger", "Two regional rail firms announced a merger", "unions asked for job guarantees"),
    ("Telescope launch", "A new space telescope was launched from French Guiana", "engineers cheered"),
]
OUTLETS = ["North Courier", "Evening Ledger", "Coastal Times", "Daily Wire", "City Post"]


def write_inputs(folder: Path, n: int) -> list[Path]:
    """``n`` JSONL pages: every happening told by several outlets, and every fifth page an exact copy."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        k = i // 5 if i % 5 == 4 else i  # every fifth page repeats an earlier one word for word
        title, lead, detail = HAPPENINGS[k % len(HAPPENINGS)]
        outlet = OUTLETS[k % len(OUTLETS)]
        body = (
            f"{lead}, {outlet} reported on day {k % 9 + 1}. Officials said {detail} and that talks would "
            f"go on. Report {k} adds that a spokesperson declined to comment further on the matter."
        )
        record = {
            "title": f"{title}: report {k}",
            "text": body,
            "url": f"https://news.example.org/{k}",
            "source": outlet,
            "published": f"2024-03-{k % 9 + 1:02d}T{k % 24:02d}:00:00Z",
        }
        path = folder / f"p{i:04d}.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every compared table, sorted, after checking the store is whole."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        return {
            table: sorted(conn.execute(f"SELECT {columns} FROM {table}"), key=repr)
            for table, columns in TABLES.items()
            if table in names
        }


def _held(before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]) -> None:
    """Nothing of the pages, articles and search rows stored before a kill is lost or changed by it."""
    for table in ("pages", "articles", "articles_fts"):
        missing = set(before.get(table, [])) - set(after.get(table, []))
        assert not missing, (table, sorted(missing, key=repr)[:3])


def run_to_end(args: Sequence[str], db: Path, out: Path) -> proc.Finished:
    run = proc.run_newsift(["--db", str(db), *args], out, env=ENV, timeout_s=300, program=WRITE_KILLER)
    assert run.code == 0, run.stderr[-3000:]
    return run


def n_writes(run: proc.Finished) -> int:
    return int(run.stderr.rsplit("writes ", 1)[1].split()[0])


def kill_at_moment(args: Sequence[str], db: Path, out: Path, after_s: float) -> int:
    """Start ``newsift ARGS`` and SIGKILL it ``after_s`` seconds later (unless it finished before)."""
    process = proc.start_newsift(["--db", str(db), *args], out, env=ENV)
    deadline = time.monotonic() + after_s
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    return process.wait()


def kill_at_write(args: Sequence[str], db: Path, out: Path, k: int) -> int:
    """Run ``newsift ARGS``, which SIGKILLs itself just before its k-th write statement."""
    env = {**ENV, "KILL_AT_WRITE": str(k)}
    process = proc.start_newsift(["--db", str(db), *args], out, env=env, program=WRITE_KILLER)
    code = process.wait(300)
    assert code == -signal.SIGKILL, out.with_suffix(".stderr").read_text()[-3000:]
    return code


class Reference:
    """An uninterrupted run into a fresh store: its tables, its length and its number of writes."""

    def __init__(self, args: Sequence[str], tmp_path: Path) -> None:
        self.args = list(args)
        self.db = tmp_path / "reference.db"
        run = run_to_end(args, self.db, tmp_path / "reference")
        self.tables = dump(self.db)
        self.seconds, self.writes = run.seconds, n_writes(run)
        assert self.tables["pages"] and {"story", "duplicate", "related", "tags"} <= {
            row[0] for row in self.tables["links"]
        }  # the inputs do link


def kill_then_rerun(
    ref: Reference, tmp_path: Path, *, moments: Sequence[float], writes: Sequence[int]
) -> None:
    """Each kill on a fresh store (at a moment, or before a write statement), then a plain rerun."""
    trials = [("moment", m) for m in moments] + [("write", float(k)) for k in writes]
    for n, (how, at) in enumerate(trials):
        db, out = tmp_path / f"trial-{n}.db", tmp_path / f"kill-{n}"
        if how == "moment":
            kill_at_moment(ref.args, db, out, at)
        else:
            kill_at_write(ref.args, db, out, int(at))
        after = dump(db) if db.exists() else {}
        run_to_end(ref.args, db, tmp_path / f"rerun-{n}")
        final = dump(db)
        assert final == ref.tables, (
            f"killed at {how} {at:.2f} (seed {SEED}; {ref.seconds:.2f} s, {ref.writes} writes)"
        )
        _held(after, final)


def spread(rng: random.Random, high: float, n: int) -> list[float]:
    """``n`` random points in (0, high], one in each of ``n`` equal strata, so they cover the whole run."""
    return [high * (i + rng.random()) / n for i in range(n)]


def test_sigkill_anywhere_in_an_ingest_then_a_rerun_gives_the_uninterrupted_store(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", N_PAGES)
    ref = Reference(["ingest", "--no-analyze", str(tmp_path / "in")], tmp_path)
    rng = random.Random(SEED)
    writes = sorted({max(1, round(w)) for w in spread(rng, ref.writes, 3)})
    kill_then_rerun(ref, tmp_path, moments=spread(rng, ref.seconds, 1), writes=writes)


def test_sigkills_one_after_another_then_a_rerun_gives_the_uninterrupted_store(tmp_path: Path) -> None:
    """One store killed three times (each run has fewer writes left to do), then run to the end."""
    write_inputs(tmp_path / "in", N_PAGES)
    ref = Reference(["ingest", "--no-analyze", str(tmp_path / "in")], tmp_path)
    db, held = tmp_path / "chain.db", {}
    for k, at in enumerate((ref.writes // 2, 4, 2)):
        kill_at_write(ref.args, db, tmp_path / f"chain-{k}", at)
        now = dump(db)
        _held(held, now)
        held = now
    run_to_end(ref.args, db, tmp_path / "final")
    assert dump(db) == ref.tables


def kill_relinks(tmp_path: Path, every_write: bool) -> None:
    """``newsift relink`` of a linked store killed before write statements (all of them, or a spread
    sample) and at a random moment: the store is unchanged by the kill, and a plain relink gives the
    links and saved linker state of the uninterrupted relink, a plain ingest rerun those of the ingest.
    (The ingest links batch by batch; the relink links the whole store in one pass in time order, which
    differs when the batches did not come in time order, as here.)"""
    write_inputs(tmp_path / "in", N_PAGES)
    ingest = ["ingest", "--no-analyze", str(tmp_path / "in")]
    ref = Reference(ingest, tmp_path)
    timed = tmp_path / "timed.db"
    shutil.copy(ref.db, timed)
    relinked = run_to_end(["relink"], timed, tmp_path / "relink")
    whole = dump(timed)
    run_to_end(["relink"], timed, tmp_path / "relink-again")
    assert dump(timed) == whole  # a relink of a relinked store changes nothing
    rng = random.Random(SEED + 2)
    total = n_writes(relinked)
    writes = range(1, total + 1) if every_write else {max(1, round(k)) for k in spread(rng, total, 3)}
    kills = [("write", float(k)) for k in sorted(writes)] + [("moment", rng.uniform(0, relinked.seconds))]
    for n, (how, at) in enumerate(kills):
        db, out = tmp_path / f"relink-{n}.db", tmp_path / f"kill-relink-{n}"
        shutil.copy(ref.db, db)
        if how == "write":
            kill_at_write(["relink"], db, out, int(at))
        else:
            kill_at_moment(["relink"], db, out, at)
        killed = dump(db)
        finished = how == "moment" and killed == whole  # the kill came after the relink had ended
        assert killed == ref.tables or finished, f"relink killed at {how} {at} changed the store"
        run_to_end(ingest if n % 2 else ["relink"], db, tmp_path / f"after-relink-{n}")
        expected = ref.tables if n % 2 and not finished else whole
        assert dump(db) == expected, f"relink killed at {how} {at}, then rerun"


def test_sigkill_anywhere_in_a_relink_then_a_rerun_gives_the_same_links(tmp_path: Path) -> None:
    kill_relinks(tmp_path, every_write=False)


@pytest.mark.slow
def test_sigkill_before_every_write_of_a_relink_then_a_rerun_gives_the_same_links(tmp_path: Path) -> None:
    kill_relinks(tmp_path, every_write=True)


@pytest.mark.model
def test_sigkill_anywhere_with_two_workers_then_a_rerun_gives_the_uninterrupted_store(tmp_path: Path) -> None:
    """With analysis in two worker processes (annotations compared too)."""
    write_inputs(tmp_path / "in", 16)
    ref = Reference(["ingest", "--workers", "2", str(tmp_path / "in")], tmp_path)
    assert ref.tables["sentences"] and ref.tables["mentions"]  # analysed
    rng = random.Random(SEED + 3)
    writes = [max(1, round(w)) for w in spread(rng, ref.writes, 1)]
    kill_then_rerun(ref, tmp_path, moments=spread(rng, ref.seconds, 1), writes=writes)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("flags", "stride"),
    [(("--no-analyze",), 1), (("--workers", "2"), 0)],
    ids=["every-write-no-analysis", "40-writes-two-workers"],
)
def test_sigkill_before_many_writes_and_at_random_moments_then_a_rerun(
    tmp_path: Path, flags: tuple[str, ...], stride: int
) -> None:
    """The long form: a kill before every write statement of an ingest without analysis (about 35), or
    before 40 evenly spread ones of an analysed ingest in two workers (about 280 statements: mentions,
    sentences and facts), and at 10 random moments, each followed by a plain rerun."""
    write_inputs(tmp_path / "in", N_PAGES)
    ref = Reference(["ingest", *flags, str(tmp_path / "in")], tmp_path)
    rng = random.Random(SEED + 4 + len(flags))
    writes = range(1, ref.writes + 1, stride or max(1, ref.writes // 40))
    kill_then_rerun(ref, tmp_path, moments=spread(rng, ref.seconds, 10), writes=writes)
