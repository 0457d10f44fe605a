"""One prose cleanup for every input: JSONL, feed, plain-text and HTML bodies lose the same wire notes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.clean import split_document
from newsift.clean.noise import DISCLAIMER, ICON_LABEL, LOGO, WIRE_SLUG
from newsift.model import Article, ContentType, RawDocument

WHEN = datetime(2024, 10, 12, 12, tzinfo=UTC)
TITLE = "Late rains hold up wheat sowing in the plains"
BODY = (
    "Ludhiana, Oct 12 (PTI) Late rains across the state have pushed back wheat sowing by about two weeks,"
    " farm officials said on Saturday. The agriculture department said roughly a third of the usual area"
    " had been sown. Officials expect sowing to pick up once the fields dry out. PTI ABC DEF GH\n\n"
    "(This story has not been edited by our staff and is auto-generated from a syndicated news feed.)"
)
CLEAN = (
    "Late rains across the state have pushed back wheat sowing by about two weeks, farm officials said on"
    " Saturday. The agriculture department said roughly a third of the usual area had been sown. Officials"
    " expect sowing to pick up once the fields dry out."
)


def _articles(text: str, content_type: ContentType) -> tuple[Article, ...]:
    raw = RawDocument(uri="input", content=text.encode(), content_type=content_type, fetched_at=WHEN)
    return split_document(raw, text).articles


def _feed() -> str:
    item = f"<item><title>{TITLE}</title><link>https://example.org/a</link><description><![CDATA["
    item += "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "]]></description></item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Farm Wire</title>{item}</channel></rss>'


@pytest.mark.parametrize(
    ("text", "content_type"),
    [
        (f"{TITLE}\n\n{BODY}\n", ContentType.TEXT),
        (
            json.dumps({"title": TITLE, "text": BODY, "url": "https://example.org/a"}) + "\n",
            ContentType.JSONL,
        ),
        (_feed(), ContentType.FEED),
    ],
    ids=["text-dump", "jsonl", "feed"],
)
def test_issue_20_wire_copy_body_is_the_same_from_every_input(text: str, content_type: ContentType) -> None:
    (article,) = _articles(text, content_type)
    assert article.title == TITLE
    assert article.body == CLEAN
    assert (article.wire, article.wire_slug) == ("PTI", "PTI ABC DEF GH")
    assert article.dateline is not None and article.dateline.place == "Ludhiana"
    reasons = {removed.reason for removed in article.removed}
    assert {WIRE_SLUG, DISCLAIMER} <= reasons


def test_prose_html_body_loses_wire_slug_and_disclaimer_but_keeps_its_dateline() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    page = f"<article><h1>{TITLE}</h1>{paragraphs}</article>"
    html = f"<html><head><title>{TITLE}</title></head><body>{page}</body></html>"
    (article,) = _articles(html, ContentType.HTML)
    assert "PTI ABC" not in article.body and "auto-generated" not in article.body
    assert article.body.startswith("Ludhiana, Oct 12 (PTI) Late rains")
    assert article.wire_slug == "PTI ABC DEF GH"
    assert {WIRE_SLUG, DISCLAIMER} <= {removed.reason for removed in article.removed}


def test_issue_20_warc_record_body_loses_wire_slug_and_disclaimer(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from newsift.ingest.warc import iter_warc_documents

    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    page = f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{paragraphs}</article>"
    body = (page + "</body></html>").encode()
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://example.org/a",
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=headers,
        )
    )
    archive = tmp_path / "pages.warc.gz"
    archive.write_bytes(buffer.getvalue())
    (raw,) = list(iter_warc_documents(archive))
    assert isinstance(raw, RawDocument)
    (article,) = split_document(raw, raw.content.decode()).articles
    assert "PTI ABC" not in article.body and "auto-generated" not in article.body
    assert {WIRE_SLUG, DISCLAIMER} <= {removed.reason for removed in article.removed}


CARD_PAGE = """logo
Harbour authority orders two electric tugboats
Harbour authority orders two electric tugboats
Coast Courier
time43 minutes ago
The port expects the first boat in service next summer.
The harbour authority has ordered two battery-powered tugboats from a local yard, its board said on Tuesday.
The boats will replace diesel tugs that are more than thirty years old.
"""


def test_issue_20_card_page_without_chrome_takes_title_after_logo_and_plain_time() -> None:
    (article,) = _articles(CARD_PAGE, ContentType.TEXT)
    assert article.title == "Harbour authority orders two electric tugboats"
    assert (article.source, article.published_text) == ("Coast Courier", "43 minutes ago")
    assert article.published_at == datetime(2024, 10, 12, 11, 17, tzinfo=UTC)
    assert article.standfirst == "The port expects the first boat in service next summer."
    assert article.body.startswith("The harbour authority has ordered")
    assert {LOGO, ICON_LABEL} <= {removed.reason for removed in article.removed}


def test_a_text_dump_that_prints_its_headline_again_under_the_date_keeps_one_headline() -> None:
    text = (
        "Chilean marines join Peruvian drills off Callao\n\n"
        "Monday 14-03-2022 09:10 AM\n"
        "Chilean Marines join Peruvian drills off Callao\n\n"
        "Two Chilean landing ships sailed to Peru on Sunday for a week of joint drills.\n\n"
        "Chilean marines join Peruvian drills off Callao is the navy's own headline for the visit."
    )
    (article,) = _articles(text, ContentType.TEXT)
    assert article.title == "Chilean marines join Peruvian drills off Callao"
    assert "Chilean Marines join Peruvian drills off Callao\n" not in article.body + "\n"
    assert article.body.startswith("Monday 14-03-2022 09:10 AM\n\nTwo Chilean landing ships")
    assert article.body.endswith("is the navy's own headline for the visit.")  # prose quoting it stays
    assert [r.reason for r in article.removed] == ["duplicate title"]
