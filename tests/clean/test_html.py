"""HTML pages into clean articles: metadata, body, what cleanup removed, bounds on hostile pages."""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.clean.html import MAX_HTML_CHARS, extract_html_article
from newsift.clean.html_cleanup import clean_paragraphs
from newsift.cli import app
from newsift.errors import InputError

DEMO = Path(__file__).parents[2] / "examples" / "defence-article.html"
WHEN = datetime(2024, 8, 14, tzinfo=UTC)


def _article(html: str):  # type: ignore[no-untyped-def]
    return extract_html_article(html, page_id="p", uri="page.html", url=None, fetched_at=WHEN)


def test_html_demo_page_metadata() -> None:
    article = _article(DEMO.read_text(encoding="utf-8"))
    assert article is not None
    assert article.title == "Poland signs for 96 Apache attack helicopters"
    assert (article.source, article.outlet) == ("Defence Desk", "defencedesk")
    assert article.authors == ("Marta Nowak",)
    assert article.published_at == datetime(2024, 8, 13, 10, 30, tzinfo=UTC)
    assert article.extractor == "clean.html.v10"


def test_html_demo_page_body_has_the_article_and_no_furniture() -> None:
    article = _article(DEMO.read_text(encoding="utf-8"))
    assert article is not None
    assert article.body.startswith("Poland signed a contract on Tuesday for 96 AH-64E Apache")
    assert "Kosiniak-Kamysz said at the signing" in article.body
    assert "HIMARS" in article.body
    for noise in ("Subscribe", "Sign up", "Share this", "Romania Orders", "All rights reserved", "dataLayer"):
        assert noise not in article.text, noise
    assert not article.body.startswith(article.title)
    assert ("An AH-64E Apache in flight. (Photo by Defence Desk staff)", "caption") in {
        (r.text, r.reason) for r in article.removed
    }


def test_html_cleanup_removes_furniture_with_reasons() -> None:
    text = "\n".join(
        [
            "Chile buys two frigates",
            "By Ana Pérez and Luis Soto",
            "Chile agreed to buy two Type 23 frigates from Britain, the navy said.",
            "Sign up for our morning briefing",
            "The ships will replace older vessels in the fleet.",
            "(Photo by Jane Roe / Getty Images)",
            "© 2024 Example Media, all rights reserved",
            "Related stories",
            "Peru Orders New Patrol Boats",
            "Colombia Upgrades Its Kfir Jets",
        ]
    )
    cleaned = clean_paragraphs(text, title="Chile buys two frigates")
    body, removed = cleaned.body, cleaned.removed
    assert body.split("\n\n") == [
        "Chile agreed to buy two Type 23 frigates from Britain, the navy said.",
        "The ships will replace older vessels in the fleet.",
    ]
    assert cleaned.authors == ("Ana Pérez", "Luis Soto")
    reasons = {r.reason for r in removed}
    assert {"repeated headline", "byline", "prompt", "credit", "related headlines"} <= reasons
    assert sum(len(r.text) for r in removed) + len(body) > len(text) - 20 * len(removed)


def test_html_cleanup_keeps_bulleted_lists_and_short_copyright_mentions() -> None:
    text = "\n".join(
        [
            "The package includes:",
            "- 96 helicopters with spare engines",
            "- Hellfire and JAGM missiles for training",
            "- Simulators installed at two bases",
            "© Reuters",
        ]
    )
    cleaned = clean_paragraphs(text, title="")
    assert "- Simulators installed at two bases" in cleaned.body and "© Reuters" in cleaned.body
    assert cleaned.removed == ()


def test_html_cleanup_takes_a_closing_lone_name_as_the_writer_signing_off() -> None:
    lines = [
        "The river authority opened the new flood gates on Tuesday.",
        "Engineers said the gates could hold back a once-a-century surge.",
        "Work on the second set will begin in spring.",
    ]
    cleaned = clean_paragraphs("\n".join([*lines, "— Tobias Renner"]), title="")
    assert cleaned.body.split("\n\n") == lines
    assert cleaned.authors == ("Tobias Renner",)
    assert [r.reason for r in cleaned.removed] == ["credit"]
    short = clean_paragraphs("\n".join([*lines[:2], "Tobias Renner"]), title="")
    assert short.body.endswith("Tobias Renner")  # two paragraphs are too few to tell a sign-off
    sentence = clean_paragraphs("\n".join([*lines, "With Extra Material."]), title="")
    assert sentence.authors == () and sentence.body.endswith("With Extra Material.")


def test_html_truncated_page_is_an_article_or_a_clear_error() -> None:
    html = DEMO.read_text(encoding="utf-8")
    for cut in (200, len(html) // 3, len(html) // 2, len(html) - 300):
        try:
            article = _article(html[:cut])
        except InputError as err:
            assert err.reason
            continue
        assert article is None or article.body.strip()


def test_html_huge_inline_script_is_dropped_fast() -> None:
    html = DEMO.read_text(encoding="utf-8").replace(
        "<style>", "<script>" + "var x = 1;" * 1_000_000 + "</script><style>", 1
    )
    started = time.perf_counter()
    article = _article(html)
    assert article is not None and "var x" not in article.text
    assert time.perf_counter() - started < 20


def test_html_over_the_size_limit_is_refused() -> None:
    html = "<html><body><p>" + "word " * (MAX_HTML_CHARS // 5 + 10) + "</p></body></html>"
    with pytest.raises(InputError, match="too large"):
        _article(html)


def test_html_deep_nesting_does_not_escape_as_a_crash() -> None:
    html = (
        "<html><body>" + "<div>" * 100_000 + "<p>deep text here</p>" + "</div>" * 100_000 + "</body></html>"
    )
    try:
        _article(html)
    except InputError as err:
        assert "block elements" in err.reason or "parsed" in err.reason


def test_html_page_in_a_warc_is_ingested_by_the_cli(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://defence.example/apache",
        "response",
        payload=io.BytesIO(DEMO.read_bytes()),
        http_headers=headers,
    )
    writer.write_record(record)
    record.raw_stream.close()  # warcio may spool the payload to a temporary file
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    db = str(tmp_path / "n.db")
    result = CliRunner().invoke(
        app, ["--db", db, "ingest", "--no-analyze", "--json", str(tmp_path / "crawl.warc.gz")]
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["n_stored"] == 1
    (article,) = json.loads(CliRunner().invoke(app, ["--db", db, "articles", "--json"]).stdout)
    assert article["title"] == "Poland signs for 96 Apache attack helicopters"
    assert article["url"] == "https://defence.example/apache"


def test_html_cleanup_printed_headline_worded_unlike_the_title_is_not_body() -> None:
    """The title is the page's stated headline; the h1 it prints in other words is dropped at the top too."""
    lines = [
        "Night ferry will run all winter",
        "The harbour council voted on Tuesday to keep the night ferry running until April.",
        "Night ferry will run all winter",
    ]
    cleaned = clean_paragraphs(
        "\n".join(lines),
        title="Council keeps the night ferry",
        headlines=("Night ferry will run all winter",),
    )
    assert cleaned.body.split("\n\n") == lines[1:]  # only at the top: a later line is the story's own
    assert [r.reason for r in cleaned.removed] == ["repeated headline"]
    assert clean_paragraphs("\n".join(lines), title="Council keeps the night ferry").body.startswith(lines[0])
