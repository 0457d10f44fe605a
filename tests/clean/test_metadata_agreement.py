"""Metadata chosen by agreement between a page's own statements: the headline two statements share, the
byline and time printed with the headline, the day the printed time confirms, clocks in a named zone."""

from __future__ import annotations

import json

import pytest
from lxml.html import fromstring

from newsift.clean.jsonld import extract_jsonld_article
from newsift.clean.metadata import PageMetadata, extract_page_metadata
from newsift.clean.names import split_credit
from newsift.clean.structured import find_written_date, parse_datetime

_PROSE = "<p>The harbour board voted late on Tuesday to keep the night ferry running through the winter.</p>"


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _ld(node: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **node})}</script>'


def _metadata(head: str = "", body: str = "", url: str = "https://www.quaynews.example/a") -> PageMetadata:
    return extract_page_metadata(fromstring(_page(head, body)), extract_jsonld_article(head), url=url)


@pytest.mark.parametrize(
    ("head", "h1"),
    [
        (
            _ld({"headline": "Night ferry saved | Your harbour paper since 1921"}),
            "<h1>Night ferry saved</h1>",
        ),
        (
            '<meta property="og:title" content="Night ferry saved - Breaking news and updates">'
            "<title>Night ferry saved - Breaking news and updates</title>",
            "<h1>Night ferry saved</h1>",
        ),
        (
            '<meta property="og:title" content="Night ferry saved - Breaking news and updates">'
            '<meta name="twitter:title" content="Night ferry saved">',
            "",
        ),
        (
            '<meta property="og:title" content="Harbour town news » Night ferry saved">',
            "<h1>Night ferry saved</h1>",
        ),
    ],
    ids=["json-ld-tagline-h1-bare", "og-tagline-h1-bare", "og-tagline-twitter-bare", "tagline-before"],
)
def test_metadata_title_affix_found_by_comparing_statements(head: str, h1: str) -> None:
    """A tagline no site field names is cut where another statement gives the headline alone."""
    assert _metadata(head, h1 + _PROSE).title == "Night ferry saved"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ('<meta property="og:title" content="Night ferry saved - Breaking news and updates">', "unshared"),
        (
            '<meta property="og:title" content="Ferry: Night crossings saved">'
            '<meta name="twitter:title" content="Night crossings saved">',
            "colon",
        ),
    ],
    ids=["no-other-statement", "colon-half-kept-as-stated"],
)
def test_metadata_title_affix_kept_without_a_second_statement(head: str, title: str) -> None:
    """With no statement giving the shorter wording, or a colon (a headline's own second half), no cut."""
    found = _metadata(head, _PROSE).title
    expected = {"unshared": "Night ferry saved - Breaking news and updates", "colon": "Night crossings saved"}
    assert found == expected[title]


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("March 5, 2024 11:30 PM ET", "2024-03-06T04:30:00+00:00"),
        ("July 5, 2024 11:30 PM ET", "2024-07-06T03:30:00+00:00"),
        ("Mar 5, 2024, 11:30 PM PST", "2024-03-06T07:30:00+00:00"),
        ("Mar. 5, 2024 9:15 a.m. CT", "2024-03-05T15:15:00+00:00"),
        ("11:30 p.m. EDT Mar. 5, 2024", "2024-03-06T03:30:00+00:00"),
        ("Posted 9:05 AM, June 2, 2024", "2024-06-02T09:05:00+00:00"),
    ],
    ids=[
        "eastern-winter",
        "eastern-summer",
        "pacific-standard",
        "central-a-m",
        "clock-first",
        "clock-first-utc",
    ],
)
def test_structured_written_time_in_a_named_zone(text: str, moment: str) -> None:
    found = find_written_date(f"By Gwen Pryce | {text}")
    parsed = parse_datetime(found)
    assert parsed is not None and parsed.isoformat() == moment


def test_structured_two_capitals_alone_are_no_zone() -> None:
    """'PT' names a zone only right after a clock time; elsewhere it is a word ('PT boats')."""
    parsed = parse_datetime("June 2, 2024 PT boats")
    assert parsed is not None and parsed.isoformat() == "2024-06-02T00:00:00+00:00"


_RAIL = (
    '<div class="top-stories"><div class="item"><a href="/bridge">Bridge closes for repairs</a>'
    '<div class="byline">By Otto Lindgren</div><time class="published" datetime="2025-11-02T08:00:00Z">'
    "2 Nov</time></div></div>"
)
_HEADLINE = "<h1>Night ferry saved after a late vote</h1>"


def test_metadata_byline_printed_with_the_headline_over_a_rail_above_it() -> None:
    """A rail of other stories above the article (no class says so) credits someone else first."""
    byline = '<div class="byline">By Gwen Pryce</div>'
    metadata = _metadata(body=f"{_RAIL}<article>{_HEADLINE}{byline}{_PROSE}</article>")
    assert (metadata.authors, metadata.source_of("authors")) == (("Gwen Pryce",), "markup:byline")
    above = f"<article>{byline}{_HEADLINE}{_PROSE}</article>{_RAIL}"  # the credit above the headline
    assert _metadata(body=above).authors == ("Gwen Pryce",)


def test_metadata_time_printed_with_the_headline_over_a_rail_above_it() -> None:
    time = '<time class="published" datetime="2024-03-05T10:00:00Z">5 March 2024</time>'
    metadata = _metadata(body=f"{_RAIL}<article>{_HEADLINE}<p>{time}</p>{_PROSE}</article>")
    assert (metadata.published_text, metadata.source_of("published")) == ("2024-03-05T10:00:00Z", "time")


@pytest.mark.parametrize(
    ("head", "printed", "expected"),
    [
        (
            _ld({"headline": "Night ferry saved after a late vote", "datePublished": "2024-02-27T00:00:00Z"})
            + '<meta property="article:published_time" content="2024-03-05T10:00:00Z">',
            "2024-03-05T10:05:00Z",
            "2024-02-27T00:00:00Z",  # a printed time settling days apart was measured and dropped (docs);
            # weeks apart it does settle them (tests/clean/test_page_shapes.py)
        ),
        (
            _ld({"headline": "Night ferry saved after a late vote", "datePublished": "2019-01-01T00:00:00Z"})
            + '<meta property="article:published_time" content="2024-03-05T10:00:00Z">',
            "2021-07-01T10:00:00Z",
            "2019-01-01T00:00:00Z",
        ),
        (
            _ld(
                {
                    "headline": "Night ferry saved after a late vote",
                    "datePublished": "2024-03-05T23:30:00-05:00",
                }
            )
            + '<meta property="article:published_time" content="2024-03-06T04:30:00Z">',
            "2024-03-06T04:30:00Z",
            "2024-03-05T23:30:00-05:00",
        ),
    ],
    ids=["printed-agrees-with-the-second", "printed-agrees-with-neither", "same-time-in-two-zones"],
)
def test_metadata_stated_dates_that_disagree_keep_the_first_stated(
    head: str, printed: str, expected: str
) -> None:
    body = f'<article>{_HEADLINE}<time datetime="{printed}">printed</time>{_PROSE}</article>'
    assert _metadata(head, body).published_text == expected


def test_metadata_closing_quote_mark_is_no_affix() -> None:
    """A headline ending in a closing guillemet keeps it: nothing with letters follows the mark."""
    title = "Le maire promet « un bac pour tous »"
    head = f'<meta property="og:title" content="{title}"><meta name="twitter:title" content="{title}">'
    assert _metadata(head, _PROSE).title == title


@pytest.mark.parametrize(
    "rail",
    [
        "<p>By Otto Lindgren</p>",
        '<a rel="author" href="/o">Otto Lindgren</a>',
        '<a href="/author/otto-lindgren">Otto Lindgren</a>',
    ],
    ids=["labelled-credit", "rel-author", "author-page-link"],
)
def test_metadata_credit_outside_the_headlines_article_is_another_storys(rail: str) -> None:
    """The article's own credit has no byline class ('By' in an element of its own); the rail's is first."""
    rail = f'<div class="top-stories"><a href="/bridge">Bridge closes</a> {rail}</div>'
    credit = '<div class="story-meta"><span>By</span> <span class="name">Gwen Pryce</span></div>'
    metadata = _metadata(body=f"{rail}<article>{_HEADLINE}{credit}{_PROSE}</article>")
    assert metadata.authors == ("Gwen Pryce",)


def test_metadata_headline_with_a_kicker_still_anchors_the_byline() -> None:
    h1 = '<h1><span class="kicker">Live</span> Night ferry saved after a late vote</h1>'
    body = f'{_RAIL}<article>{h1}<div class="byline">By Gwen Pryce</div>{_PROSE}</article>'
    assert _metadata(body=body).authors == ("Gwen Pryce",)


@pytest.mark.parametrize(
    ("credit", "wire"),
    [
        ("Reuters Jan 14, 2025, 04:46 AM EST", "Reuters"),
        ("Associated Press March 14, 2025", "Associated Press"),
    ],
    ids=["month-abbreviation", "month-name"],
)
def test_names_wire_with_its_date_glued_on_is_the_wire(credit: str, wire: str) -> None:
    """The date right after a wire's name (no separator) is no part of a name ('Reuters Jan' is no person)."""
    found = split_credit(credit)
    assert (found.people, found.wire) == ((), wire)


def test_html_byline_naming_only_a_wire_gives_no_person() -> None:
    from datetime import UTC, datetime

    from newsift.clean.html import extract_html_article

    byline = '<div class="byline">Reuters Jan 14, 2025, 04:46 AM EST</div>'
    html = _page(
        "<title>Night ferry saved after a late vote</title>",
        f"<article>{_HEADLINE}{byline}{_PROSE * 4}</article>",
    )
    when = datetime(2026, 1, 1, tzinfo=UTC)
    article = extract_html_article(
        html, page_id="p", uri="p", url="https://quaynews.example/a", fetched_at=when
    )
    assert article is not None
    assert (article.authors, article.wire) == ((), "Reuters")
