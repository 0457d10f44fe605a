"""Expected non-results are Rejected, counted apart from failures: a page with no article (none at all,
or navigation only) and an article too long to analyse leave the exit code at 0."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.cli import app
from newsift.config import load_settings
from newsift.errors import ConfigError, InputError
from newsift.model import ContentType, RawDocument, Rejected
from newsift.pipeline.steps import NO_ARTICLE, clean_document, clean_input

MENU_PAGE = """<html><head><title>Menu</title></head><body>
<nav><a href="/">Home</a> <a href="/contact">Contact us</a></nav></body></html>"""
COUNCIL_MENU = """<html><head><title>Harbour Town Council</title></head><body>
<nav><h2>Menu</h2><ul><li><a href="/">Home</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
</body></html>"""
EMPTY_BODY = "<html><head><title>Nothing here</title></head><body><div></div></body></html>"
SHORT_STORY = """<html><head><title>Ferry resumes</title></head><body><h1>Ferry resumes</h1>
<p>The island ferry sailed again on Tuesday after the gale, <a href="/port">the port said</a>.</p>
<a href="/">Home</a> <a href="/weather">Weather</a></body></html>"""
ARTICLE_TEXT = "Ferry resumes\n\nThe island ferry sailed again on Tuesday after the gale, the port said.\n"


def _raw(name: str, html: str) -> RawDocument:
    return RawDocument(
        uri=name, url=None, content=html.encode(), content_type=ContentType.HTML, fetched_at=datetime.now(UTC)
    )


@pytest.mark.parametrize(
    ("html", "detail"),
    [(MENU_PAGE, "navigation only"), (COUNCIL_MENU, "navigation only"), (EMPTY_BODY, "no article text")],
    ids=["title-and-two-links", "heading-and-menu", "no-text-at-all"],
)
def test_steps_page_with_no_article_is_rejected(html: str, detail: str) -> None:
    result = clean_input(_raw("page.html", html))
    assert isinstance(result, Rejected)
    assert result.reason == NO_ARTICLE and detail in result.detail and result.item_id == "page.html"


def test_steps_short_story_with_links_is_kept() -> None:
    result = clean_input(_raw("ferry.html", SHORT_STORY))
    assert not isinstance(result, Rejected)
    assert [a.title for a in result.articles] == ["Ferry resumes"]


def test_steps_clean_document_raises_for_a_one_input_view() -> None:
    with pytest.raises(InputError, match="navigation only"):
        clean_document(_raw("menu.html", MENU_PAGE))


def test_cli_ingest_navigation_page_is_rejected_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "menu.html").write_text(MENU_PAGE)
    (tmp_path / "in" / "ferry.txt").write_text(ARTICLE_TEXT)
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(app, ["--db", db, "ingest", "--no-analyze", str(tmp_path / "in")])
    assert result.exit_code == 0, result.stderr
    assert "rejected" in result.stderr and "menu.html" in result.stderr and "navigation only" in result.stderr
    assert "1 rejected" in result.stdout and "failed" not in result.stdout
    listed = json.loads(CliRunner().invoke(app, ["--db", db, "articles", "--json"]).stdout)
    assert [a["title"] for a in listed] == ["Ferry resumes"]


def test_cli_ingest_json_report_lists_rejections_apart_from_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text(EMPTY_BODY)
    result = CliRunner().invoke(
        app,
        ["--db", str(tmp_path / "n.db"), "ingest", "--no-analyze", "--json", str(tmp_path / "empty.html")],
    )
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert report["failures"] == [] and [r["reason"] for r in report["rejected"]] == [NO_ARTICLE]


def test_cli_ingest_too_long_article_is_stored_unanalysed_and_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSIFT_PIPELINE__MAX_ANALYZE_CHARS", "40")
    monkeypatch.setenv("NEWSIFT_PIPELINE__LINK", "false")
    (tmp_path / "ferry.txt").write_text(ARTICLE_TEXT)
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "n.db"), "ingest", "--json", str(tmp_path / "ferry.txt")]
    )
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert report["n_stored"] == 1 and report["failures"] == []
    assert [r["reason"] for r in report["rejected"]] == ["too_long"]
    assert "over the analysis limit of 40" in report["rejected"][0]["detail"]


def test_config_on_error_typo_names_the_value() -> None:
    with pytest.raises(ConfigError, match=r"'recrod'.*on_error"):
        load_settings(env={"NEWSIFT_PIPELINE__ON_ERROR": "recrod"})


def test_cli_on_error_typo_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSIFT_PIPELINE__ON_ERROR", "ignore")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "n.db"), "articles"])
    assert result.exit_code == 2 and "ignore" in result.stderr
