"""Runs that stop between storing and linking, and runs that overlap (issue 22, D14 and D15).

D14: articles stored by a run that never linked them (killed in its link stage; here a run with
linking off leaves exactly that state) are linked by the next plain run, to the links an
uninterrupted run gives. D15: two ingests of the same files into one SQLite store at once both
exit 0, and every page is stored once.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import msgspec
from tests.hostile import cli_process as proc

from newsift.config import PipelineSettings, Settings
from newsift.pipeline.relink import is_linked
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "link" / "stories.json"
KINDS = ("story", "duplicate", "related", "tags")
LINKED = Settings(pipeline=PipelineSettings(analyze=False))
UNLINKED = msgspec.structs.replace(LINKED, pipeline=PipelineSettings(analyze=False, link=False))


def _inputs(folder: Path) -> list[Path]:
    """The link fixture's articles (our own texts), one JSONL file per article, plus one copy."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = json.loads(FIXTURE.read_text())["articles"]
    paths = []
    for n, article in enumerate([*articles, articles[0]]):
        record = {
            "title": article["title"],
            "text": article["body"],
            "url": f"https://example.org/{n}",
            "source": "Example Times",
            "published": f"2021-01-{10 + n % 10:02d}T08:00:00Z",
        }
        path = folder / f"a{n:03d}.jsonl"
        path.write_text(json.dumps(record) + "\n")
        paths.append(path)
    return paths


def _links(store: SqliteStore) -> dict[str, list[tuple[str, str]]]:
    return {kind: sorted((r.key, r.record) for r in store.query_links(kind)) for kind in KINDS}


def test_d14_rerun_links_articles_stored_but_not_linked(tmp_path: Path) -> None:
    paths = [str(p) for p in _inputs(tmp_path / "in")]
    reference = SqliteStore(tmp_path / "reference.db")
    run_ingest(paths, reference, LINKED)
    expected = _links(reference)
    assert expected["story"] and expected["duplicate"]  # the fixture does link

    store = SqliteStore(tmp_path / "news.db")
    first = run_ingest(paths, store, UNLINKED)  # stored, never linked: a run killed in its link stage
    assert first.n_stored == len(paths) and not any(_links(store).values())
    rerun = run_ingest(paths, store, LINKED)
    assert rerun.n_stored == 0 and rerun.n_unchanged == len(paths) and not rerun.failures
    assert _links(store) == expected


def test_d14_rerun_links_the_unlinked_rest_of_a_partly_linked_store(tmp_path: Path) -> None:
    paths = [str(p) for p in _inputs(tmp_path / "in")]
    half = len(paths) // 2
    store = SqliteStore(tmp_path / "news.db")
    run_ingest(paths[:half], store, LINKED)
    run_ingest(paths[half:], store, UNLINKED)
    run_ingest(paths[half:], store, LINKED)
    in_stories = {a for r in store.query_links("story") for a in json.loads(r.record)["article_ids"]}
    assert len(in_stories) == store.count_articles() == len(paths)
    assert is_linked(store)


def test_d14_a_linked_store_is_not_relinked_by_a_rerun(tmp_path: Path) -> None:
    paths = [str(p) for p in _inputs(tmp_path / "in")]
    store = SqliteStore(tmp_path / "news.db")
    run_ingest(paths, store, LINKED)
    store.replace_links("tags", [])  # a marker: a relink would write the tags again
    run_ingest(paths, store, LINKED)
    assert store.query_links("tags") == []


def _many(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"t{i:04d}.txt"
        path.write_text(f"Talks round {i}\n\nDelegations met in Ankara for round {i} of the frigate talks.\n")
        paths.append(path)
    return paths


def test_d15_concurrent_ingests_store_each_page_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    n = len(_many(folder, 300))
    db = tmp_path / "news.db"
    env = {"NEWSIFT_PIPELINE__BATCH_SIZE": "1", "NEWSIFT_PIPELINE__LINK": "false"}
    args = ["--db", str(db), "ingest", "--no-analyze", "--json", str(folder)]
    runs = [proc.start_newsift(args, tmp_path / f"r{i}", env=env) for i in range(2)]
    codes = [run.wait(300) for run in runs]
    errors = [(tmp_path / f"r{i}.stderr").read_text()[-2000:] for i in range(2)]
    assert codes == [0, 0], errors
    reports = [json.loads((tmp_path / f"r{i}.stdout").read_text()) for i in range(2)]
    assert all(not r["failures"] for r in reports)
    assert sum(r["n_stored"] for r in reports) == n  # each page stored by one run
    assert all(r["n_stored"] + r["n_unchanged"] == n for r in reports)  # and unchanged for the other
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
