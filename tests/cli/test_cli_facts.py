from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.cli import app
from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    ContentType,
    Entity,
    EntityKind,
    Event,
    EventMode,
    Evidence,
    Mention,
    PloverType,
    Position,
    RawDocument,
    Resolution,
    Sentence,
    Value,
)
from newsift.store import SqliteStore

runner = CliRunner()
WHEN = datetime(2025, 7, 26, 12, tzinfo=UTC)
BODY = "Turkish Aerospace upgraded 41 of Pakistan's F-16s in a $75 million deal."


def _fill(path: Path) -> str:
    raw = RawDocument(uri="p.txt", content=b"page", content_type=ContentType.TEXT, fetched_at=WHEN)
    article = Article(
        id="art1",
        page_id=raw.id,
        position=Position.MAIN,
        index=0,
        title="Upgrade",
        body=BODY,
        outlet="theprint",
        published_at=WHEN,
    )
    text = article.text
    start = text.index("Turkish Aerospace")
    sentence = Sentence(article_id="art1", index=1, start=text.index(BODY), end=len(text))
    evidence = Evidence(article_id="art1", sentence=1, start=sentence.start, end=sentence.end, text=BODY)
    event = Event(
        id="ev1",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=evidence,
        subtype="upgrade",
        source=(Actor(text="Turkish Aerospace", id="turkish-aerospace", code="TUR", sector="COM"),),
        target=(Actor(text="Pakistan", id="PAK", code="PAK", sector="MIL"),),
        item="F-16",
        quantity=41,
        value=Value(amount=75e6, currency="USD", text="$75 million"),
        year=2019,
        aspect="done",
    )
    analysis = Analysis(
        annotated=AnnotatedArticle(
            article=article,
            sentences=(sentence,),
            mentions=(
                Mention(
                    article_id="art1",
                    start=start,
                    end=start + 17,
                    text="Turkish Aerospace",
                    entity_id="turkish-aerospace",
                    label="ORG",
                    resolution=Resolution.EXACT,
                ),
            ),
            entities=(
                Entity(
                    id="turkish-aerospace", kind=EntityKind.COMPANY, name="Turkish Aerospace", country="TUR"
                ),
            ),
        ),
        events=(event,),
        claims=(Claim(id="cl1", status=ClaimStatus.ASSERTED, evidence=evidence, event_id="ev1"),),
    )
    store = SqliteStore(path)
    store.store_batch([(raw, [article])], {"art1": analysis})
    store.close()
    return str(path)


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def test_cli_events_filters_by_actor_and_subtype(tmp_path: Path) -> None:
    db = _fill(tmp_path / "n.db")
    code, out = _run("--db", db, "events", "--actor", "PAK", "--json")
    (event,) = json.loads(out)
    assert code == 0
    assert event["value"] == {"amount": 75e6, "currency": "USD", "text": "$75 million"}
    assert event["evidence"]["sentence"] == BODY
    assert event["source"][0]["code"] == "TUR"
    assert json.loads(_run("--db", db, "events", "--subtype", "arms_transfer", "--json")[1]) == []


def test_cli_entities_counts_mentions(tmp_path: Path) -> None:
    db = _fill(tmp_path / "n.db")
    rows = json.loads(_run("--db", db, "entities", "--kind", "company", "--json")[1])
    assert [(r["id"], r["country"], r["mentions"]) for r in rows] == [("turkish-aerospace", "TUR", 1)]


def test_cli_export_sipri_has_register_columns(tmp_path: Path) -> None:
    db = _fill(tmp_path / "n.db")
    code, out = _run("--db", db, "export", "sipri")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert rows[0]["supplier"] == "TUR" and rows[0]["recipient"] == "PAK"
    assert rows[0]["designation"] == "F-16" and rows[0]["number_ordered"] == "41"
    assert "$75 million" in rows[0]["comments"]


def test_cli_export_plover_lines(tmp_path: Path) -> None:
    db = _fill(tmp_path / "n.db")
    code, out = _run("--db", db, "export", "plover")
    assert code == 0, out
    (line,) = [json.loads(x) for x in out.splitlines()]
    assert (line["event"], line["mode"], line["date"]) == ("AID", "upgrade", "2025-07-26")
    assert line["source"][0]["code"] == "TUR"


def test_cli_export_unknown_format_is_usage_error(tmp_path: Path) -> None:
    db = _fill(tmp_path / "n.db")
    assert _run("--db", db, "export", "xml")[0] == 2


@pytest.mark.model
def test_cli_analyze_json_has_the_contract_keys(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Analysts weigh a drone deal\n"
        "Poland signed a deal for 96 AH-64 Apache helicopters, officials said.\n"
        "'This is a historic day for our army,' the defence minister told reporters.\n"
    )
    code, out = _run("analyze", str(page), "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data)[:5] == ["articles", "entities", "quotes", "events", "claims"]
    assert {"stories", "duplicates"} <= set(data)
    article = data["articles"][0]
    assert article["title"] == "Analysts weigh a drone deal"
    assert any("historic day" in q["text"] for q in data["quotes"])
    assert data["stories"][0]["articles"][0]["id"] == article["id"]
    assert article["story_id"] == data["stories"][0]["id"]
    for sentence in article["summary"]:
        assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    assert article["summary"] and len(article["tags"]) <= 8


def test_cli_show_json_carries_mentions_quotes_and_related(tmp_path: Path) -> None:
    db = _fill(tmp_path / "n.db")
    code, out = _run("--db", db, "show", "art1", "--json")
    assert code == 0, out
    data = json.loads(out)
    (mention,) = data["mentions"]
    assert data["text"][mention["start"] : mention["end"]] == "Turkish Aerospace"
    assert data["quotes"] == [] and data["related"] == []


def test_cli_show_entities_marks_and_lists_them(tmp_path: Path) -> None:
    db = _fill(tmp_path / "n.db")
    code, out = _run("--db", db, "show", "art1", "--entities", "--related")
    assert code == 0, out
    assert "Entities" in out and "turkish-aerospace" in out
    assert "Related articles" in out and "none" in out
