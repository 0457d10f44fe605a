"""The Python API: newsift.__all__, Workspace verbs and their frames, analyze, and the README example."""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas
import pytest

import newsift
from newsift.exports.tables import event_row
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
    EventTime,
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

REPO = Path(__file__).resolve().parents[1]
WHEN = datetime(2024, 3, 2, 9, tzinfo=UTC)
SENTENCE = "Norway delivered 12 NASAMS launchers worth $200 million to Ukraine in 2023."


def _evidence(article: Article, sentence: str) -> Evidence:
    start = article.text.index(sentence)
    return Evidence(article_id=article.id, sentence=1, start=start, end=start + len(sentence), text=sentence)


def fill_store(path: Path) -> str:
    """One article with one arms transfer (NOR → UKR), one denied claim and two countries mentioned."""
    raw = RawDocument(uri="n.txt", content=b"page", content_type=ContentType.TEXT, fetched_at=WHEN)
    article = Article(
        id="a1", page_id=raw.id, position=Position.MAIN, index=0, title="Launchers sent",
        body=SENTENCE, outlet="nordicwire", published_at=WHEN,
    )  # fmt: skip
    evidence = _evidence(article, SENTENCE)
    event = Event(
        id="e1", type=PloverType.AID, mode=EventMode.MILITARY, evidence=evidence, subtype="arms_transfer",
        source=(Actor(text="Norway", id="NOR", code="NOR"),),
        target=(Actor(text="Ukraine", id="UKR", code="UKR"),),
        item="NASAMS launchers", quantity=12, value=Value(amount=2e8, currency="USD", text="$200 million"),
        year=2023, time_text="in 2023", status=ClaimStatus.ASSERTED,
    )  # fmt: skip
    mentions = tuple(
        Mention(
            article_id="a1", start=article.text.index(name), end=article.text.index(name) + len(name),
            text=name, entity_id=code, label="GPE", resolution=Resolution.EXACT,
        )
        for name, code in (("Norway", "NOR"), ("Ukraine", "UKR"))
    )  # fmt: skip
    entities = (
        Entity(id="NOR", kind=EntityKind.COUNTRY, name="Norway", country="NOR"),
        Entity(id="UKR", kind=EntityKind.COUNTRY, name="Ukraine", country="UKR"),
    )
    annotated = AnnotatedArticle(
        article=article,
        sentences=(Sentence(article_id="a1", index=1, start=evidence.start, end=evidence.end),),
        mentions=mentions,
        entities=entities,
    )
    claim = Claim(id="c1", status=ClaimStatus.DENIED, evidence=evidence, event_id="e1", denied_by=("NOR",))
    store = SqliteStore(path)
    store.store_batch(
        [(raw, [article])], {"a1": Analysis(annotated=annotated, events=(event,), claims=(claim,))}
    )
    store.close()
    return str(path)


@pytest.fixture
def ws(tmp_path: Path) -> Any:
    with newsift.Workspace(fill_store(tmp_path / "n.db")) as workspace:
        yield workspace


def test_workspace_all_is_sorted_and_every_name_resolves() -> None:
    assert newsift.__all__ == sorted(newsift.__all__)
    for name in newsift.__all__:
        assert getattr(newsift, name) is not None, name
    with pytest.raises(AttributeError):
        _ = newsift.NotAName  # type: ignore[attr-defined]


def test_workspace_arms_transfers_frame_has_analyst_columns(ws: Any) -> None:
    frame = ws.events(subtype="arms_transfer").to_pandas()
    (row,) = frame.to_dict("records")
    assert {"actors", "item", "quantity", "value", "time", "year", "status"} <= set(frame.columns)
    assert row["actors"] == "NOR -> UKR"
    assert (row["item"], row["quantity"], row["value"], row["currency"]) == (
        "NASAMS launchers",
        12,
        2e8,
        "USD",
    )
    assert (row["time"], row["year"], row["status"], row["outlet"]) == (
        "2023",
        2023,
        "asserted",
        "nordicwire",
    )
    assert str(frame["quantity"].dtype) == "Int64"


def test_workspace_records_are_typed_and_filters_apply(ws: Any) -> None:
    events = ws.events(actor="UKR")
    assert len(events) == 1 and isinstance(events[0], newsift.Event)
    assert len(ws.events(subtype="exercise")) == 0
    assert [c.status for c in ws.claims(status="denied")] == ["denied"]
    assert len(ws.claims(status="asserted")) == 0


def test_workspace_empty_result_keeps_columns(ws: Any) -> None:
    frame = ws.events(type="ASSAULT").to_pandas()
    assert frame.empty
    assert {"actors", "item", "time", "status"} <= set(frame.columns)


def test_workspace_to_arrow_types_columns(ws: Any) -> None:
    table = ws.entities().to_arrow()
    assert str(table.schema.field("mentions").type) == "int64"
    assert sorted(table.column("id").to_pylist()) == ["NOR", "UKR"]


def test_workspace_dyad_takes_codes_in_any_case(ws: Any) -> None:
    assert [e.id for e in ws.dyad("ukr", "nor")] == ["e1"]
    assert len(ws.dyad("UKR", "FRA")) == 0


def test_workspace_search_and_articles(ws: Any) -> None:
    assert ws.search("launchers").to_pandas()["id"].tolist() == ["a1"]
    assert ws.articles().to_pandas().loc[0, "outlet"] == "nordicwire"


def test_workspace_brief_facts_frame(ws: Any) -> None:
    brief = ws.brief(dyad=("NOR", "UKR"))
    frame = newsift.fact_records(brief.facts).to_pandas()
    assert len(frame) >= 1 and frame.loc[0, "has_denial"]
    with pytest.raises(ValueError, match="one of"):
        ws.brief()


def test_workspace_event_time_reads_the_time_field(tmp_path: Path) -> None:
    db = fill_store(tmp_path / "n.db")
    store = SqliteStore(db)
    (event,) = store.query_events()
    stated = EventTime(text="in May 2023", value="2023-05", precision="month", source="text")
    store.close()
    row = event_row(replace(event, time=stated, year=None))
    assert (row["time"], row["time_text"], row["time_precision"], row["time_source"], row["year"]) == (
        "2023-05", "in May 2023", "month", "text", 2023,
    )  # fmt: skip


def test_workspace_to_pandas_without_pandas_names_the_fix(ws: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # what `import pandas` meets when it is not installed
    with pytest.raises(newsift.ConfigError, match="pip install pandas"):
        ws.events().to_pandas()


def test_workspace_analyze_text_is_pure(tmp_path: Path) -> None:
    found = newsift.analyze(
        "Arms deal\n\nNorway delivered 12 NASAMS launchers to Ukraine in 2023, the ministry said on Monday."
    )
    assert len(found.articles) == 1
    assert "NOR" in found.entities.to_pandas()["id"].tolist()
    assert set(found.to_json()) >= {"articles", "entities", "quotes", "events", "claims"}


def _readme_python() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "README: no python block under '## Python API'"
    return match.group(1)


def test_workspace_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(_readme_python(), "README.md", "exec"), namespace)  # our own README's example
    arms = namespace["arms"]
    assert isinstance(arms, pandas.DataFrame) and len(arms) > 0
    assert {"actors", "item", "quantity", "value", "time", "year", "status"} <= set(arms.columns)
    assert namespace["report"].n_stored > 0
    assert isinstance(namespace["facts"], pandas.DataFrame)
