from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.brief.conftest import DENIAL, DRONES
from typer.testing import CliRunner

from newsift.brief.watch import WatchFilter, add_watch, check_watches, list_watches
from newsift.cli import app
from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    ContentType,
    Event,
    EventMode,
    Evidence,
    PloverType,
    Position,
    RawDocument,
)
from newsift.store import SqliteStore

runner = CliRunner()
NEW = "Ankara denied that a cargo ship bound for Karachi carried artillery shells for Pakistan."


def _store_denial(db: str) -> None:
    raw = RawDocument(
        uri="n.txt",
        content=b"new",
        content_type=ContentType.TEXT,
        fetched_at=datetime(2025, 8, 1, tzinfo=UTC),
    )
    article = Article(
        id="a4",
        page_id=raw.id,
        position=Position.MAIN,
        index=0,
        title="Denial",
        body=NEW,
        outlet="trt",
        published_at=datetime(2025, 8, 1, tzinfo=UTC),
    )
    start = article.text.index(NEW)
    evidence = Evidence(article_id="a4", sentence=1, start=start, end=start + len(NEW), text=NEW)
    event = Event(
        id="a4-ship",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=evidence,
        subtype="arms_transfer",
        source=(Actor(text="Ankara", id="TUR", code="TUR"),),
        target=(Actor(text="Pakistan", code="PAK"),),
        status=ClaimStatus.DENIED,
    )
    claim = Claim(
        id="a4-cl",
        status=ClaimStatus.DENIED,
        evidence=replace(evidence),
        event_id=event.id,
        denied_by=("Ankara",),
    )
    store = SqliteStore(db)
    analysis = Analysis(annotated=AnnotatedArticle(article=article), events=(event,), claims=(claim,))
    store.store_batch([(raw, [article])], {"a4": analysis})
    store.close()


def test_watch_check_reports_only_facts_that_landed_since(db: str) -> None:
    store = SqliteStore(db)
    _, n_now = add_watch(store, WatchFilter(dyad=("TUR", "PAK"), status="denied"))
    assert n_now == 2  # the stored denial: its event and its claim
    assert [r.new for r in check_watches(store)] == [()]
    _store_denial(db)
    (report,) = check_watches(store)
    (fact,) = report.new
    assert fact.citations[0].sentence == NEW and fact.denied_by == ("Ankara",)
    assert check_watches(store)[0].new == ()
    assert list_watches(store)[0].checked_at is not None


def test_watch_filter_by_type_ignores_other_statuses(db: str) -> None:
    store = SqliteStore(db)
    add_watch(store, WatchFilter(type="COOPERATE"))
    _store_denial(db)
    assert check_watches(store)[0].new == ()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def test_cli_ask_json_prints_the_contract(db: str) -> None:
    code, out = _run("--db", db, "ask", "Who denied the arms delivery to Pakistan?", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data)[:3] == ["answer", "citations", "facts"]
    assert data["citations"] == [{"article_id": "a1", "sentence": DENIAL, "sentence_index": 3}]
    assert data["facts"][0]["has_denial"] is True


def test_cli_ask_without_answer_prints_null(db: str) -> None:
    code, out = _run("--db", db, "ask", "What did Brazil sell to Norway?", "--json")
    assert code == 0 and json.loads(out)["answer"] is None
    assert "No answer in the sources" in _run("--db", db, "ask", "What did Brazil sell to Norway?")[1]


def test_cli_brief_dyad_json_and_markdown(db: str) -> None:
    code, out = _run("--db", db, "brief", "--dyad", "TUR", "PAK", "--json")
    data = json.loads(out)
    assert code == 0 and data["kind"] == "dyad" and data["subject_ids"] == ["TUR", "PAK"]
    assert any(c["sentence"] == DRONES for f in data["facts"] for c in f["citations"])
    code, out = _run("--db", db, "brief", "--dyad", "TUR", "PAK", "--as-of", "2025-07-21", "--markdown")
    assert code == 0 and out.startswith("# Turkey – Pakistan") and "_As of 2025-07-21_" in out


def test_cli_brief_article_and_entity_render(db: str) -> None:
    code, out = _run("--db", db, "brief", "a1")
    assert code == 0 and "Facts" in out and "[a1]" in out
    code, out = _run("--db", db, "brief", "--entity", "Baykar", "--json")
    assert code == 0 and json.loads(out)["subject"] == "Baykar"


def test_cli_brief_needs_exactly_one_subject(db: str) -> None:
    assert _run("--db", db, "brief")[0] == 2
    assert _run("--db", db, "brief", "a1", "--entity", "Baykar")[0] == 2
    assert _run("--db", db, "brief", "nope-nope")[0] == 1


def test_cli_watch_add_list_check(db: str) -> None:
    code, out = _run("--db", db, "watch", "add", "--dyad", "TUR", "PAK", "--status", "denied", "--json")
    added = json.loads(out)
    assert code == 0 and added["filter"] == {"dyad": ["TUR", "PAK"], "status": "denied"}
    assert [w["id"] for w in json.loads(_run("--db", db, "watch", "list", "--json")[1])] == [added["id"]]
    _store_denial(db)
    code, out = _run("--db", db, "watch", "check", "--json")
    (report,) = json.loads(out)
    assert code == 0 and [f["citations"][0]["sentence"] for f in report["new"]] == [NEW]
    assert _run("--db", db, "watch", "add")[0] == 2


@pytest.mark.model
def test_cli_ingest_prints_alerts_for_matching_watches(tmp_path: Path) -> None:
    examples = Path(__file__).parents[2] / "examples"
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    added = runner.invoke(app, ["--db", db, "watch", "add", "--actor", "FRA"])
    assert added.exit_code == 0, added.stdout
    first = runner.invoke(app, ["--db", db, "ingest", str(examples)])
    assert first.exit_code == 0, first.stdout + first.stderr
    assert "alert" in first.stdout and "new matching facts" in first.stdout
    again = runner.invoke(app, ["--db", db, "ingest", str(examples)])
    assert "alert" not in again.stdout  # nothing new stored, nothing new to report
