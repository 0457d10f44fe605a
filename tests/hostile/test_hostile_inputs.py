"""Hostile and broken inputs through the real CLI in a child process (issue 9, part 1).

Bounds stated and tested (2 cores, --no-analyze): the whole scaled-down corpus in one process within
60 s and 768 MiB peak RSS; at full scale each input alone within 60 s and 768 MiB. Each run's data is
also held to 768 MiB by the kernel (``RLIMIT_DATA``, ``cli_process.limit_memory``). A refused input gets
exactly one single-line error naming it and the reason, and the good inputs next to it are stored.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:
    key = f"newsift_tests_hostile_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        sys.modules[key] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[key])
    return sys.modules[key]


corpus = _load("make_corpus")
proc = _load("cli_process")

HAS_HTML = importlib.util.find_spec("newsift.clean.html") is not None
CORPUS_SECONDS, CORPUS_RSS_MB = 60.0, proc.MEMORY_BOUND_MB
INPUT_SECONDS, INPUT_RSS_MB = 60.0, proc.MEMORY_BOUND_MB
GOOD_TITLES = {"Poland signs for K2 tanks", "India orders Rafale Marine"}
BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _usable(case: Any) -> bool:
    return (HAS_HTML or not case.name.endswith(".html")) and not case.known_bug


FAST = [c for c in corpus.CASES if not c.big and _usable(c)]
REFUSED = [c for c in FAST if c.outcome == "refused"]


def _stored(db: Path) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(db)) as conn:
        return [json.loads(row[0]) for row in conn.execute("SELECT record FROM articles")]


def _failures(db: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.execute("SELECT item_id, message FROM failures"))


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """One CLI process over the scaled-down corpus and two good inputs."""
    root = tmp_path_factory.mktemp("hostile")
    corpus.make_corpus(root / "in", names={c.name for c in FAST})
    corpus.write_good_inputs(root / "in")
    db = root / "news.db"
    run = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", str(root / "in")],
        root / "run",
        timeout_s=300,
        preexec=proc.limit_memory(),
    )
    return run, db


def test_hostile_corpus_run_is_bounded_and_partial(corpus_run: tuple[Any, Path]) -> None:
    run, _ = corpus_run
    assert run.code == 1, run.stderr[-2000:]
    assert run.seconds < CORPUS_SECONDS
    assert run.peak_rss_mb < CORPUS_RSS_MB
    if HAS_HTML:  # until it lands, the WARC's HTML pages fail with a ModuleNotFoundError traceback
        assert "Traceback" not in run.stderr, run.stderr[-3000:]


def test_hostile_good_inputs_next_to_hostile_ones_are_stored(corpus_run: tuple[Any, Path]) -> None:
    _, db = corpus_run
    assert {a["title"] for a in _stored(db)} >= GOOD_TITLES


@pytest.mark.parametrize("case", REFUSED, ids=[c.name for c in REFUSED])
def test_hostile_refused_input_gets_one_clear_error_line(corpus_run: tuple[Any, Path], case: Any) -> None:
    run, db = corpus_run
    lines = [line for line in run.error_lines() if case.name in line]
    assert len(lines) == 1, run.stderr[-3000:]
    assert case.reason in lines[0]
    rows = [(item, message) for item, message in _failures(db) if case.name in item]
    assert len(rows) == 1
    assert "\n" not in rows[0][1] and case.reason in rows[0][1]


def _articles_of(db: Path, name: str) -> list[dict[str, Any]]:
    return [a for a in _stored(db) if a["uri"].endswith(name)]


def test_hostile_bidi_controls_are_stripped(corpus_run: tuple[Any, Path]) -> None:
    (article,) = _articles_of(corpus_run[1], "bidi.txt")
    assert article["title"] == "Ankara talks news"
    assert not BIDI & set(article["title"] + article["body"])


@pytest.mark.parametrize(
    ("name", "title", "body"),
    [
        ("utf16-le.txt", "Ankara talks", "Turkey and Pakistan discussed drones."),
        ("utf16-be.txt", "Islamabad talks", "Pakistan and Turkey discussed jets."),
        ("mixed-encodings.txt", "Türkiye and Pakistan", "Café talks in Ankara went well"),
    ],
    ids=["utf16-le-no-bom", "utf16-be-no-bom", "utf8-and-cp1252"],
)
def test_hostile_odd_encodings_decode_to_the_right_text(
    corpus_run: tuple[Any, Path], name: str, title: str, body: str
) -> None:
    (article,) = _articles_of(corpus_run[1], name)
    assert article["title"] == title
    assert body in article["body"]


def test_hostile_external_entity_is_never_resolved(corpus_run: tuple[Any, Path]) -> None:
    articles = _articles_of(corpus_run[1], "external-entity.xml")
    assert articles
    assert all("root:" not in a["title"] + a["body"] for a in articles)


def test_hostile_tiny_lines_become_one_article(corpus_run: tuple[Any, Path]) -> None:
    (article,) = _articles_of(corpus_run[1], "tiny-lines.txt")
    assert article["title"] == "Headline"
    assert article["body"].endswith("w99999")


@pytest.mark.parametrize(
    ("name", "good", "bad_lines"),
    [("broken.jsonl", {"Good one", "Good two"}, {2, 3, 4, 5, 6}), ("surrogates.jsonl", {"Fine"}, {1})],
    ids=["broken-lines", "lone-surrogates"],
)
def test_hostile_jsonl_bad_lines_fail_alone(
    corpus_run: tuple[Any, Path], name: str, good: set[str], bad_lines: set[int]
) -> None:
    run, db = corpus_run
    assert {a["title"] for a in _articles_of(db, name)} == good
    lines = [line for line in run.error_lines() if f"{name}:" in line]
    assert {int(line.split(f"{name}:")[1].split(":")[0]) for line in lines} == bad_lines


@pytest.mark.skipif(not HAS_HTML, reason="newsift.clean.html (the HTML extractor) is not built yet")
@pytest.mark.parametrize("name", ["nested.html"], ids=["nested-100k-levels"])
def test_hostile_html_survives_with_its_text(corpus_run: tuple[Any, Path], name: str) -> None:
    run, db = corpus_run
    texts = [a["title"] + a["body"] for a in _articles_of(db, name)]
    errors = [line for line in run.error_lines() if name in line]
    assert (texts and "Turkey and Pakistan" in texts[0]) or len(errors) == 1


def test_hostile_text_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    """The fast twin of the 200 MB case: a 2 MB file against a 1 MB limit."""
    corpus.make_corpus(tmp_path / "in", names={"huge.txt"})
    corpus.write_good_inputs(tmp_path / "in")
    run = proc.run_newsift(
        ["--db", str(tmp_path / "n.db"), "ingest", "--no-analyze", str(tmp_path / "in")],
        tmp_path / "run",
        env={"NEWSIFT_INGEST__MAX_INPUT_BYTES": str(1024 * 1024)},
    )
    assert run.code == 1
    (line,) = run.error_lines()
    assert "huge.txt" in line and "too large" in line
    assert {a["title"] for a in _stored(tmp_path / "n.db")} >= GOOD_TITLES


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in corpus.CASES if _usable(c)], ids=lambda c: c.name)
def test_hostile_full_scale_input_alone_is_bounded(tmp_path: Path, case: Any) -> None:
    """Each input at full scale (200 MB text, 50 MB script, 1 GB gzip bomb) in its own process.

    The time bound is on the child's CPU time (its work), not the wall clock, which other processes on a
    loaded machine stretch (the 10^6 tiny lines took 24 s of CPU and 57 s of wall time at a load of 10);
    a run that hangs without working is killed at ``timeout_s`` and fails."""
    corpus.make_corpus(tmp_path / "in", full=True, names={case.name})
    good = corpus.write_good_inputs(tmp_path / "good")
    db = tmp_path / "n.db"
    args = ["--db", str(db), "ingest", "--no-analyze", str(tmp_path / "in" / case.name), *map(str, good)]
    run = proc.run_newsift(args, tmp_path / "run", timeout_s=300, preexec=proc.limit_memory())
    assert run.code in (0, 1), run.stderr[-2000:]  # finished (1: the hostile input failed), not killed
    assert run.cpu_seconds < INPUT_SECONDS and run.peak_rss_mb < INPUT_RSS_MB, (
        run.cpu_seconds,
        run.peak_rss_mb,
    )
    assert {a["title"] for a in _stored(db)} >= GOOD_TITLES
    if case.outcome == "refused":
        lines = [line for line in run.error_lines() if case.name in line]
        assert len(lines) == 1 and case.reason in lines[0], run.stderr[-2000:]


@pytest.mark.slow
def test_hostile_tiny_lines_link_stage_is_bounded(tmp_path: Path) -> None:
    """The link stage over 10^6 tiny lines costs less than half of reading and cleaning them.

    Work, not wall time: the same input is ingested twice in this test, with linking off and on, and the
    link stage's cost is the difference of the two children's CPU times (measured: about 2 s of 24 s),
    so a loaded machine stretches both runs alike. A link stage quadratic in the words would cost hours.
    """
    corpus.make_corpus(tmp_path / "in", full=True, names={"tiny-lines.txt"})
    runs = {
        link: proc.run_newsift(
            ["--db", str(tmp_path / f"{link}.db"), "ingest", "--no-analyze", str(tmp_path / "in")],
            tmp_path / f"run-{link}",
            env={"NEWSIFT_PIPELINE__LINK": link},
            timeout_s=600,
            preexec=proc.limit_memory(),
        )
        for link in ("false", "true")
    }
    assert all(run.code == 0 for run in runs.values()), [r.stderr[-2000:] for r in runs.values()]
    unlinked, linked = runs["false"], runs["true"]
    with closing(sqlite3.connect(tmp_path / "true.db")) as conn:
        assert conn.execute("SELECT count(*) FROM links WHERE kind = 'tags'").fetchone()[0] == 1  # linked
    assert linked.cpu_seconds - unlinked.cpu_seconds < 0.5 * unlinked.cpu_seconds, (
        linked.cpu_seconds,
        unlinked.cpu_seconds,
    )
    assert linked.cpu_seconds < INPUT_SECONDS and linked.peak_rss_mb < INPUT_RSS_MB


def test_hostile_overlong_article_with_analysis_is_rejected_alone(tmp_path: Path) -> None:
    """Issue 19: an article too long to analyse is a Rejected result (stored clean), not a failure."""
    corpus.make_corpus(tmp_path / "in", names={"huge.txt"})
    good = corpus.write_good_inputs(tmp_path / "good")
    db = tmp_path / "n.db"
    run = proc.run_newsift(
        ["--db", str(db), "ingest", str(tmp_path / "in" / "huge.txt"), *map(str, good)], tmp_path / "run"
    )
    assert run.code == 0 and "Traceback" not in run.stderr
    assert [line for line in run.stderr.splitlines() if line.startswith("rejected ") and "huge.txt" in line]
    assert {a["title"] for a in _stored(db)} >= GOOD_TITLES


def test_hostile_warc_record_without_target_uri_names_the_offset(tmp_path: Path) -> None:
    corpus.make_corpus(tmp_path / "in", names={"junk.warc"})
    run = proc.run_newsift(
        ["--db", str(tmp_path / "n.db"), "ingest", "--no-analyze", str(tmp_path / "in")], tmp_path / "run"
    )
    (line,) = run.error_lines()
    assert "junk.warc" in line and "WARC record at offset 0" in line
    assert "Traceback" not in run.stderr
