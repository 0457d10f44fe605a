"""The memory bound for the round-two hostile inputs at the size issue 22 found them (D2, D3, D5, D7,
D9, D10, D11; D1, D8 and D12 have their own full-size runs), each beside a good input in its own CLI
child: under ``RLIMIT_DATA`` (``cli_process.limit_memory``) and under the documented peak RSS, the good
input stored, and the run's report equal to what the store holds.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from tests.hostile import cli_process as proc

GOOD = "Good title\n\nTurkey and Pakistan held talks in Ankara on Monday about a new frigate.\n"


def _fifo(folder: Path) -> None:  # D2
    os.mkfifo(folder / "pipe.txt")


def _odd_name(folder: Path) -> None:  # D3
    with open(os.path.join(os.fsencode(folder), b"\xff.txt"), "wb") as handle:
        handle.write(b"Odd name\n\nPakistan and Turkey signed a drone deal in Islamabad on Tuesday.\n")


def _deep_jsonl(folder: Path) -> None:  # D5: one line nested 200,000 deep
    depth = 200_000
    (folder / "deep.jsonl").write_text(
        '{"title": "Deep", "text": "x", "extra": ' + "[" * depth + "]" * depth + "}\n"
        '{"title": "Next line", "text": "The frigate left the port of Karachi on Sunday."}\n'
    )


def _big_feed(folder: Path) -> None:  # D7: 100,000 items, about 6.6 MB
    with (folder / "feed.xml").open("w") as out:
        out.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>')
        for i in range(100_000):
            out.write(
                f"<item><guid>item-{i}</guid><title>Talks, round {i}</title>"
                f"<description>Delegations met for round {i} of the talks.</description></item>"
            )
        out.write("</channel></rss>")


def _declared_charset(folder: Path) -> None:  # D9
    page = '<html><head><meta charset="shift_jis"><title>会談</title></head><body><p>{}</p></body></html>'
    text = "東京で両国の代表が会談し、防衛協力の拡大で合意した。" * 40
    (folder / "sjis.html").write_bytes(page.format(text).encode("shift_jis"))


def _duplicate_ids(folder: Path) -> None:  # D10
    items = "".join(
        f"<item><guid>same-guid</guid><title>Story {n}</title>"
        f"<description>Report number {n} on the frigate talks.</description></item>"
        for n in range(3)
    )
    (folder / "dup.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    )
    (folder / "dup.jsonl").write_text(
        '{"id": "r1", "title": "First", "text": "The first record about the drone deal."}\n'
        '{"id": "r1", "title": "Second", "text": "The second record about the tank order."}\n'
    )


def _unicode_spaces(folder: Path) -> None:  # D11: 8 KB of invisible characters
    (folder / "blank.txt").write_text("\u00a0\u3000\u200b\ufeff \n" * 1400, encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None], int]] = {  # the input, and the articles it adds
    "D2-named-pipe": (_fifo, 0),
    "D3-name-not-utf8": (_odd_name, 1),
    "D5-deep-jsonl": (_deep_jsonl, 1),
    "D7-feed-of-100000-items": (_big_feed, 100_000),
    "D9-declared-charset": (_declared_charset, 1),
    "D10-duplicate-ids": (_duplicate_ids, 5),
    "D11-unicode-spaces": (_unicode_spaces, 0),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_round_two_input_at_full_size_stays_under_the_memory_bound(tmp_path: Path, name: str) -> None:
    """The feed's 100,000 items are stored unlinked (linking them is D4's bound, per unit)."""
    make, adds = CASES[name]
    folder = tmp_path / "in"
    folder.mkdir()
    make(folder)
    (folder / "good.txt").write_text(GOOD)
    db = tmp_path / "news.db"
    run = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", "--json", str(folder)],
        tmp_path / "run",
        env={"NEWSIFT_PIPELINE__LINK": "false"} if adds > 1000 else None,
        timeout_s=1200,
        preexec=proc.limit_memory(),
    )
    assert run.code in (0, 1), run.stderr[-2000:]  # finished (1: the hostile input failed), not killed
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr, run.stderr[-2000:]
    assert run.peak_rss_mb < proc.MEMORY_BOUND_MB, run.peak_rss_mb
    report = json.loads(run.stdout)
    with closing(sqlite3.connect(db)) as conn:
        titles = [row[0] for row in conn.execute("SELECT json_extract(record, '$.title') FROM articles")]
    assert "Good title" in titles
    assert report["n_stored"] == len(titles) == adds + 1  # the report equals the store
