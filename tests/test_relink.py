"""The link step over a real SQLite store: stories, copies, related articles and tags after ingest."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from newsift.cli import app
from newsift.config import PipelineSettings, Settings
from newsift.pipeline.relink import load_duplicates, load_related, load_stories, load_tags, relink_store
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore

FIXTURE = Path(__file__).parent / "fixtures" / "link" / "stories.json"
SETTINGS = Settings(pipeline=PipelineSettings(analyze=False))


def _jsonl(folder: Path) -> tuple[Path, dict[str, str]]:
    """The fixture articles as a JSONL dump, plus one wire copy of the first, republished elsewhere."""
    articles = json.loads(FIXTURE.read_text())["articles"]
    lines, story_of_title = [], {}
    for n, a in enumerate(articles):
        day = f"2021-01-{15 + n % 3:02d}T08:00:00Z"
        lines.append(
            {
                "title": a["title"],
                "text": a["body"],
                "url": f"https://example.org/{a['id']}",
                "source": "Example Times",
                "published": day,
            }
        )
        story_of_title[a["title"]] = a["story"]
    copy = dict(
        lines[0],
        url="https://other.example.net/copy",
        source="Other Daily",
        title=lines[0]["title"] + " (wire copy)",
    )
    lines.append(copy)
    story_of_title[copy["title"]] = articles[0]["story"]
    path = folder / "dump.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path, story_of_title


@pytest.fixture
def linked(tmp_path: Path) -> tuple[SqliteStore, dict[str, str]]:
    path, story_of_title = _jsonl(tmp_path)
    store = SqliteStore(tmp_path / "news.db")
    report = run_ingest([str(path)], store, SETTINGS, fetched_at=datetime(2021, 2, 1, tzinfo=UTC))
    assert not report.failures and report.n_stored == len(story_of_title)
    return store, story_of_title


def test_relink_stories_keep_same_kind_happenings_apart(linked: tuple[SqliteStore, dict[str, str]]) -> None:
    store, story_of_title = linked
    titles = {a.id: a.title for a in store.query_articles(limit=100)}
    found = load_stories(store)
    assert sum(len(s.article_ids) for s in found) == len(titles)
    for story in found:
        gold = {story_of_title[titles[a]] for a in story.article_ids}
        assert len(gold) == 1, f"story {story.label!r} mixes {gold}"
    assert len(found) <= len(set(story_of_title.values())) + 1


def test_relink_copies_form_one_group_and_are_not_related(linked: tuple[SqliteStore, dict[str, str]]) -> None:
    store, _ = linked
    groups = load_duplicates(store)
    assert len(groups) == 1
    _, matches = groups[0]
    ids = {m.article_id for m in matches}
    assert len(ids) == 2
    for article_id in ids:
        related_ids = {r.related_id for r in load_related(store, article_id)}
        assert article_id not in related_ids
        assert not related_ids & ids


def test_relink_tags_are_few_and_distinct(linked: tuple[SqliteStore, dict[str, str]]) -> None:
    store, _ = linked
    for article in store.query_articles(limit=100):
        tags = load_tags(store, article.id)
        assert 0 < len(tags) <= 8
        assert len({t.text.lower() for t in tags}) == len(tags)


def test_relink_is_deterministic_and_story_ids_stable(linked: tuple[SqliteStore, dict[str, str]]) -> None:
    store, _ = linked
    before = {s.id: set(s.article_ids) for s in load_stories(store)}
    relink_store(store)
    assert {s.id: set(s.article_ids) for s in load_stories(store)} == before


def test_relink_can_be_switched_off(tmp_path: Path) -> None:
    path, _ = _jsonl(tmp_path)
    store = SqliteStore(tmp_path / "news.db")
    settings = msgspec.structs.replace(SETTINGS, pipeline=PipelineSettings(analyze=False, link=False))
    run_ingest([str(path)], store, settings)
    assert load_stories(store) == []


def test_relink_cli_verbs_read_the_links(linked: tuple[SqliteStore, dict[str, str]]) -> None:
    store, _ = linked
    db = store.path
    runner = CliRunner()
    stories = json.loads(runner.invoke(app, ["--db", db, "stories", "--json"]).stdout)
    assert stories and stories[0]["n_articles"] == max(s["n_articles"] for s in stories)
    assert all(a["title"] for s in stories for a in s["articles"])
    copies = json.loads(runner.invoke(app, ["--db", db, "duplicates", "--json"]).stdout)
    assert len(copies) == 1 and len(copies[0]["articles"]) == 2
    first = stories[0]["articles"][0]["id"]
    tags = json.loads(runner.invoke(app, ["--db", db, "tags", first[:10], "--json"]).stdout)
    assert tags and all(t["kind"] in {"entity", "keyphrase"} for t in tags)
    related = json.loads(runner.invoke(app, ["--db", db, "related", first, "--json"]).stdout)
    assert all(r["id"] != first and r["reasons"] for r in related)
    missing = runner.invoke(app, ["--db", db, "tags", "ffffffffffff"])
    assert missing.exit_code == 1 and "no article" in missing.stderr


def _event_page(n: int) -> tuple[object, list[object], dict[str, object]]:
    from newsift.model import (
        Actor,
        Analysis,
        AnnotatedArticle,
        Article,
        ContentType,
        Event,
        EventMode,
        Evidence,
        PloverType,
        Position,
        RawDocument,
    )

    when = datetime(2024, 5, 1, tzinfo=UTC)
    body = f"Report {n}: Poland signed for 180 K2 tanks from South Korea in 2022."
    raw = RawDocument(uri=f"p{n}.txt", content=body.encode(), content_type=ContentType.TEXT, fetched_at=when)
    article = Article(id=f"a{n}", page_id=raw.id, position=Position.MAIN, index=0, title=f"T{n}", body=body)
    start = article.text.index(body)
    evidence = Evidence(article_id=article.id, sentence=1, start=start, end=start + len(body), text=body)
    event = Event(
        id=f"e{n}",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=evidence,
        subtype="arms_transfer",
        source=(Actor(text="South Korea", code="KOR"),),
        target=(Actor(text="Poland", code="POL"),),
        item="K2",
        quantity=180,
        year=2022,
    )
    analysis = Analysis(annotated=AnnotatedArticle(article=article), events=(event,))
    return raw, [article], {article.id: analysis}


def test_relink_reports_of_one_happening_are_one_event(tmp_path: Path) -> None:
    from newsift.pipeline.relink import load_happenings

    store = SqliteStore(tmp_path / "news.db")
    for n in (1, 2):
        raw, articles, analyses = _event_page(n)
        store.store_batch([(raw, articles)], analyses)  # type: ignore[list-item, arg-type]
    relink_store(store)
    assert load_happenings(store) == {"e1": ["e1", "e2"], "e2": ["e1", "e2"]}
    rows = json.loads(CliRunner().invoke(app, ["--db", store.path, "events", "--distinct", "--json"]).stdout)
    assert len(rows) == 1 and rows[0]["happening"]["reports"] == 2


def test_relink_stories_list_the_happening_beside_the_headline(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "news.db")
    for n in (1, 2):
        raw, articles, analyses = _event_page(n)
        store.store_batch([(raw, articles)], analyses)  # type: ignore[list-item, arg-type]
    relink_store(store)
    runner = CliRunner()
    rows = json.loads(runner.invoke(app, ["--db", store.path, "stories", "--json"]).stdout)
    assert rows[0]["n_articles"] == 2
    assert rows[0]["happening"] == "arms_transfer: KOR → POL, K2"
    table = runner.invoke(app, ["--db", store.path, "stories"], env={"COLUMNS": "80"}).stdout
    assert "KOR → POL" in table
    assert max(len(line) for line in table.splitlines()) <= 80  # the demo's table fits a terminal


def test_relink_passes_each_articles_happening_keys_to_the_stories(tmp_path: Path) -> None:
    from newsift import codec
    from newsift.link.stories import LiveStory

    store = SqliteStore(tmp_path / "news.db")
    for n in (1, 2):
        raw, articles, analyses = _event_page(n)
        store.store_batch([(raw, articles)], analyses)  # type: ignore[list-item, arg-type]
    relink_store(store)
    shelved = store.query_shelved_stories(store.query_shelved_story_ids(oldest=10))  # the open stories
    stories = [codec.decode(row.record, LiveStory) for row in shelved]
    facts = {m.id: m.facts for story in stories for m in story.members}
    assert facts == {a: ("!arms_transfer:KOR>POL", "~2022") for a in ("a1", "a2")}
