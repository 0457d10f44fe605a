"""Incremental relink (issue 8): linking only the new articles gives what a whole-store relink gives."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from newsift.config import PipelineSettings, Settings
from newsift.pipeline.relink import relink_articles, relink_store
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore

REPO = Path(__file__).resolve().parents[1]

FIXTURE = Path(__file__).parent / "fixtures" / "link" / "stories.json"
SETTINGS = Settings(pipeline=PipelineSettings(analyze=False))
KINDS = ("story", "duplicate", "related", "tags")


def _chunks(folder: Path, n_chunks: int) -> list[Path]:
    """The fixture articles as JSONL dumps, one per day; the last day repeats the first article (a copy)."""
    articles = json.loads(FIXTURE.read_text())["articles"]
    days: list[list[dict[str, str]]] = [[] for _ in range(n_chunks)]
    for n, a in enumerate(articles):
        day = n * n_chunks // len(articles)
        days[day].append(
            {
                "title": a["title"],
                "text": a["body"],
                "url": f"https://example.org/{a['id']}",
                "source": "Example Times",
                "published": f"2021-01-{10 + day:02d}T08:00:00Z",
            }
        )
    first = days[0][0]
    days[-1].append(dict(first, url="https://other.example.net/copy", published="2021-01-20T08:00:00Z"))
    paths = []
    for day, lines in enumerate(days):
        path = folder / f"day{day}.jsonl"
        path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
        paths.append(path)
    return paths


def _links(store: SqliteStore) -> dict[str, list[tuple[str, str]]]:
    return {kind: sorted((r.key, r.record) for r in store.query_links(kind)) for kind in KINDS}


def test_relink_incremental_equals_full_relink_on_chronological_input(
    tmp_path: Path, store: SqliteStore
) -> None:
    paths = _chunks(tmp_path, 3)
    last_ids: tuple[str, ...] = ()
    for path in paths:
        last_ids = run_ingest([str(path)], store, SETTINGS).article_ids
    incremental = _links(store)
    relink_store(store)
    full = _links(store)
    for kind in ("story", "duplicate", "related"):
        assert incremental[kind] == full[kind], kind
    # Tags of older articles keep the document frequencies of their run; the last run's are the same.
    last = set(last_ids)
    assert [t for t in incremental["tags"] if t[0] in last] == [t for t in full["tags"] if t[0] in last]
    assert len(incremental["tags"]) == len(full["tags"])


def test_relink_incremental_links_a_copy_to_its_origin(tmp_path: Path, store: SqliteStore) -> None:
    for path in _chunks(tmp_path, 2):
        run_ingest([str(path)], store, SETTINGS)
    groups = {}
    for row in store.query_links("duplicate"):
        record = json.loads(row.record)
        groups.setdefault(record["group_id"], []).append(record["kind"])
    assert sorted(k for kinds in groups.values() if len(kinds) > 1 for k in kinds) == ["exact", "unique"]


def test_relink_incremental_falls_back_to_full_when_articles_were_never_linked(
    tmp_path: Path, store: SqliteStore
) -> None:
    first, second = _chunks(tmp_path, 2)
    unlinked = msgspec.structs.replace(SETTINGS, pipeline=PipelineSettings(analyze=False, link=False))
    run_ingest([str(first)], store, unlinked)
    run_ingest([str(second)], store, SETTINGS)
    assert len(store.query_links("duplicate")) == store.count_articles()
    assert len(store.query_links("tags")) == store.count_articles()


def test_relink_incremental_without_new_articles_changes_nothing(tmp_path: Path, store: SqliteStore) -> None:
    run_ingest([str(p) for p in _chunks(tmp_path, 2)], store, SETTINGS)
    before = _links(store)
    ids = [a.id for a in store.query_articles(limit=5)]
    links = relink_articles(store, ids)
    assert links.duplicates == ()
    assert _links(store) == before


def test_relink_incremental_story_ids_survive_restarts(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "news.db")
    paths = _chunks(tmp_path, 3)
    run_ingest([str(paths[0])], store, SETTINGS, fetched_at=datetime(2021, 2, 1, tzinfo=UTC))
    first = {r.key for r in store.query_links("story")}
    store.close()
    store = SqliteStore(tmp_path / "news.db")
    run_ingest([str(p) for p in paths[1:]], store, SETTINGS)
    assert first <= {r.key for r in store.query_links("story")}


def test_relink_cli_recomputes_the_whole_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsift.cli import app

    db = tmp_path / "news.db"
    runner = CliRunner()
    done = runner.invoke(app, ["--db", str(db), "ingest", "--no-analyze", str(REPO / "examples")])
    assert done.exit_code in (0, 1), done.output
    result = runner.invoke(app, ["--db", str(db), "relink", "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["articles"] >= 4 and 1 <= counts["stories"] <= counts["articles"]
