"""Feed entries as articles: hard-wrapped descriptions are one paragraph; blank lines and block tags split."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.clean.structured import extract_feed_articles
from newsift.model import Article

FEEDS = Path(__file__).parents[1] / "fixtures" / "feeds"
EXAMPLES = Path(__file__).parents[2] / "examples"
WHEN = datetime(2026, 3, 2, tzinfo=UTC)


def _articles(name: str, folder: Path = FEEDS) -> dict[str, Article]:
    result = extract_feed_articles((folder / name).read_bytes(), page_id="p", uri=name, fetched_at=WHEN)
    return {article.title: article for article in result.articles}


def _rss(description: str) -> bytes:
    item = f"<item><title>t</title><link>https://example.net/a</link><description>{description}</description></item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{item}</channel></rss>'.encode()


def _body(content: bytes) -> str:
    return extract_feed_articles(content, page_id="p", uri="f.xml", fetched_at=WHEN).articles[0].body


@pytest.mark.parametrize(
    ("name", "title", "paragraphs"),
    [
        (
            "wrapped-wire.xml",
            "Port authority opens a second container terminal",
            [
                "The port authority opened its second container terminal on Monday, doubling the number"
                " of berths that can take the largest ships. Dock workers' unions said the new shifts had"
                " been agreed in February."
            ],
        ),
        (
            "wrapped-wire.xml",
            "Two paragraphs in plain text",
            [
                "A ferry operator cancelled its winter crossings after fuel costs rose for a third month.",
                "The operator said crossings would resume in April, once the new timetable was approved.",
                "A spokeswoman declined to give passenger numbers.",
            ],
        ),
        (
            "wrapped-wire.xml",
            "Escaped HTML paragraphs",
            [
                "Customs officers seized 40 crates of counterfeit spare parts at the north quay, the largest"
                " seizure & the first under the new inspection rules.",
                "The crates were bound for three repair yards.",
                "None of the yards has commented.",
            ],
        ),
        (
            "wrapped-wire.xml",
            "CDATA HTML",
            [
                "Harbour pilots ended their strike",
                "Pilots voted to accept a pay offer of 6 % over two years, ending a week-long stoppage.",
                "Ships queued: 31",
                "Days lost: 7",
            ],
        ),
        (
            "wrapped-wire.xml",
            "CDATA plain text",
            [
                "The dredging contract went to Smith & Sons, whose bid was 12 % below the estimate.",
                "Work starts in May.",
            ],
        ),
        (
            "wrapped-wire.xml",
            "Full content preferred",
            [
                "The harbour master published the new tide tables on Friday.",
                "Sailing clubs had asked for them since January.",
            ],
        ),
        (
            "wrapped-atom.xml",
            "Atom plain text",
            [
                "Lock gates at the inner basin will close for repairs from 9 March, and the <b> in this"
                " sentence is text, not markup.",
                "Barges will use the outer channel.",
            ],
        ),
        (
            "wrapped-atom.xml",
            "Atom escaped HTML",
            ["The coastguard took delivery of two patrol boats.", "Both will be based at the east pier."],
        ),
        (
            "wrapped-atom.xml",
            "Atom XHTML",
            [
                "A fish market will open on the old ferry ramp.",
                "Stall holders pay no rent in the first year.",
            ],
        ),
    ],
    ids=[
        "plain-wrapped",
        "plain-blank-lines",
        "escaped-html-p-br",
        "cdata-html-list",
        "cdata-plain",
        "content-encoded",
        "atom-text",
        "atom-html",
        "atom-xhtml",
    ],
)
def test_structured_feed_paragraphs(name: str, title: str, paragraphs: list[str]) -> None:
    article = _articles(name)[title]
    assert article.body.split("\n\n") == paragraphs
    assert article.extractor == "clean.feed.v3"


def test_structured_feed_wrapped_title_is_one_line() -> None:
    assert "Port authority opens a second container terminal" in _articles("wrapped-wire.xml")


@pytest.mark.parametrize(
    ("description", "body"),
    [
        ("one\r\ntwo", "one two"),
        ("one\n \t\ntwo", "one\n\ntwo"),
        ("one\n\n\n\ntwo\n", "one\n\ntwo"),
        ("AT&amp;amp;T", "AT&T"),
        ("&lt;p&gt;one&lt;/p&gt;\n\n&lt;p&gt;two&lt;/p&gt;", "one\n\ntwo"),
        ("Intro&lt;p&gt;Para&lt;/p&gt;", "Intro\n\nPara"),
        ("&lt;p&gt;no &lt;b&gt;break&lt;/b&gt;\ninside&lt;/p&gt;", "no break inside"),
    ],
    ids=[
        "crlf",
        "whitespace-blank-line",
        "many-blank-lines",
        "entity-only",
        "p-and-blank",
        "text-before-p",
        "inline",
    ],
)
def test_structured_feed_description_whitespace(description: str, body: str) -> None:
    assert _body(_rss(description)) == body


def test_structured_feed_example_wrapped_description_is_two_paragraphs() -> None:
    brahmos = _articles("defence-wire.xml", EXAMPLES)["Philippines buys BrahMos shore batteries from India"]
    assert brahmos.body.split("\n\n") == [
        "The Philippines signed a $375 million contract with BrahMos Aerospace in January 2022 for three"
        " shore-based batteries of the BrahMos supersonic cruise missile, the first export order for the"
        " Indo-Russian missile.",
        "The batteries are meant for the Philippine Marine Corps. Officials in Manila said the system would"
        " strengthen coastal defence.",
    ]
