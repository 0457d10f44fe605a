"""Credit shapes of whole pages written for these tests: a place, a co-writer, a photographer or an author
page's address in a credit, and what the article's authors are then."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.clean.html import extract_html_article

WHEN = datetime(2025, 6, 1, tzinfo=UTC)
HEADLINE = "Night ferry saved after late vote"
PROSE = "".join(
    f"<p>The harbour board met on Tuesday to weigh the future of the night ferry (part {i} of the report),"
    " and members argued late into the evening about costs, crews and the winter timetable.</p>"
    for i in range(6)
)


def _authors(head: str = "", before: str = "", after: str = "") -> tuple[str, ...]:
    html = (
        f"<html><head>{head}</head><body><header><a href='/'>Quay Journal</a></header><article>"
        f"<h1>{HEADLINE}</h1>{before}{PROSE}{after}</article>"
        "<footer>© 2025 Quay Journal</footer></body></html>"
    )
    article = extract_html_article(
        html, page_id="p", uri="u", url="https://quay.example/news/ferry", fetched_at=WHEN
    )
    assert article is not None
    return article.authors


@pytest.mark.parametrize(
    "credit",
    [
        "<p>(Reporting by Gwen Pryce in Oslo and Tom Berg in Bergen; Editing by Ana Ruiz)</p>",
        "<p>Reporting by Gwen Pryce in New York and Tom Berg; editing by Ana Ruiz</p>",
    ],
    ids=["each-with-a-place", "one-with-a-place"],
)
def test_shapes_reporting_credit_names_people_without_the_place_they_reported_from(credit: str) -> None:
    assert _authors(after=credit) == ("Gwen Pryce", "Tom Berg")


def test_shapes_byline_naming_a_co_writer_with_with() -> None:
    byline = '<div class="byline">By Gwen Pryce with Tom Berg</div>'
    assert _authors(before=byline) == ("Gwen Pryce", "Tom Berg")
    # 'with' before a wire: the wire is set aside, not an author
    assert _authors(before='<div class="byline">By Gwen Pryce with Reuters</div>') == ("Gwen Pryce",)


@pytest.mark.parametrize(
    "photo",
    ["Photograph: Tom Berg", "Photographs: Tom Berg", "Graphics: Tom Berg", "Photograph by Tom Berg"],
    ids=["photograph", "photographs", "graphics", "photograph-by"],
)
def test_shapes_photo_credit_beside_the_byline_in_a_byline_class_is_not_an_author(photo: str) -> None:
    before = (
        f'<div class="bylines"><div class="byline">By Gwen Pryce</div><div class="byline">{photo}</div></div>'
    )
    assert _authors(before=before) == ("Gwen Pryce",)


def test_shapes_author_meta_holding_the_author_page_address() -> None:
    """The meta names the writer by the address of the writer's page; no link on the page gives the name."""
    head = '<meta name="author" content="https://quay.example/author/gwen-pryce/">'
    assert _authors(head=head) == ("Gwen Pryce",)
    # a social profile's address names an account, not a person
    social = '<meta property="article:author" content="https://social.example/quayjournal">'
    assert _authors(head=social) == ()
    # an address with a number or one word in its last part names no person either
    assert _authors(head='<meta name="author" content="https://quay.example/author/gp1234">') == ()


@pytest.mark.parametrize("genre", ["Opinion", "Analysis", "Review", "Commentary"])
def test_shapes_byline_labelled_with_the_story_genre(genre: str) -> None:
    assert _authors(before=f'<div class="byline">{genre} by Gwen Pryce</div>') == ("Gwen Pryce",)
    assert _authors(before=f"<p>{genre} by Gwen Pryce</p>") == ("Gwen Pryce",)


def _title(head: str, body: str = "") -> str:
    html = (
        f"<html><head>{head}</head><body><article>{body}{PROSE}</article>"
        "<footer>© 2025 Quay Journal</footer></body></html>"
    )
    article = extract_html_article(html, page_id="p", uri="u", url="https://quay.example/a", fetched_at=WHEN)
    assert article is not None
    return article.title


def test_shapes_headline_broken_over_two_lines_keeps_a_space() -> None:
    head = f"<title>{HEADLINE} | Quay Journal</title>"
    assert _title(head, "<h1>Night ferry saved<br>after late vote</h1>") == HEADLINE
    assert _title(head, "<h1>Night ferry <em>saved</em><br/> after late vote</h1>") == HEADLINE


@pytest.mark.parametrize(
    "title",
    [
        f"{HEADLINE} | Quay Journal - News you can trust",
        f"{HEADLINE} - Quay Journal | Local news, sport and weather",
    ],
    ids=["bar-then-dash", "dash-then-bar"],
)
def test_shapes_site_name_followed_by_its_tagline(title: str) -> None:
    head = f'<title>{title}</title><meta property="og:site_name" content="Quay Journal">'
    assert _title(head) == HEADLINE
    # a last part that is not a tagline but the headline's own second half stays
    kept = f"{HEADLINE} | Quay Journal - and what the council said on Tuesday night about the crews"
    assert _title(f'<title>{kept}</title><meta property="og:site_name" content="Quay Journal">') == kept


def test_shapes_author_meta_naming_an_outlet_by_its_address() -> None:
    """'Name (www.site.example)': a name followed by a web address in brackets is an outlet's credit."""
    head = '<meta name="author" content="Harbour Wave (www.harbourwave.example)">'
    assert _authors(head=head) == ()
    assert _authors(head=head, before='<div class="byline">By Gwen Pryce</div>') == ("Gwen Pryce",)
    # a person's initials or a wire in brackets stay what they were
    assert _authors(head='<meta name="author" content="Gwen Pryce (gp)">') == ("Gwen Pryce",)


def _published(head: str, before: str = "") -> str | None:
    html = (
        f"<html><head>{head}</head><body><article><h1>{HEADLINE}</h1>{before}{PROSE}</article></body></html>"
    )
    article = extract_html_article(html, page_id="p", uri="u", url="https://quay.example/a", fetched_at=WHEN)
    assert article is not None
    return article.published_text


def test_shapes_stale_jsonld_date_that_the_meta_and_the_printed_time_contradict() -> None:
    meta = '<meta property="article:published_time" content="2025-03-04T09:00:00Z">'
    printed = '<p class="date"><time datetime="2025-03-04T09:00:00Z">4 March 2025</time></p>'

    def ld(day: str) -> str:
        node = f'{{"@type": "NewsArticle", "datePublished": "{day}"}}'
        return f'<script type="application/ld+json">{node}</script>'

    assert _published(ld("2024-01-29T09:00:00Z") + meta, printed) == "2025-03-04T09:00:00Z"
    # the JSON-LD stays first when nothing printed settles it, or when it is only a day away
    assert _published(ld("2024-01-29T09:00:00Z") + meta) == "2024-01-29T09:00:00Z"
    assert _published(ld("2025-03-03T09:00:00Z") + meta, printed) == "2025-03-03T09:00:00Z"


def test_shapes_byline_naming_who_the_writers_wrote_for() -> None:
    """'By A and B for Outlet': both writers, and the outlet is a wire when it is one."""
    byline = '<div class="byline">By Gwen Pryce and Tom Berg for Reuters</div>'
    assert _authors(before=byline) == ("Gwen Pryce", "Tom Berg")
    assert _authors(before='<div class="byline">By Tom Berg for the Quay Journal</div>') == ("Tom Berg",)


def test_shapes_title_meta_escaped_twice_is_read_once_more() -> None:
    """'&amp;amp;' in a meta's content (the page escaped an already escaped title): '&', not '&amp;'."""
    head = '<meta property="og:title" content="Ferries &amp;amp; trains saved after late vote">'
    assert _title(head) == "Ferries & trains saved after late vote"
    plain = '<meta property="og:title" content="Ferries &amp; trains saved after late vote">'
    assert _title(plain) == "Ferries & trains saved after late vote"


@pytest.mark.parametrize(
    "hidden",
    [
        '<span class="sr-only"> (opens in a new window)</span>',
        '<span class="visually-hidden">Breaking: </span>',
        "<span hidden>Share this story</span>",
        '<span style="display: none">Share this story</span>',
    ],
    ids=["sr-only", "visually-hidden", "hidden-attribute", "display-none"],
)
def test_shapes_headline_without_its_text_for_screen_readers_only(hidden: str) -> None:
    head = f"<title>{HEADLINE} | Quay Journal</title>"
    body = f"<h1>Night ferry saved after {hidden}late vote</h1>"
    assert _title(head, body) == HEADLINE


def test_shapes_printed_headline_with_the_site_name_after_it() -> None:
    head = '<meta property="og:site_name" content="Quay Journal">'
    assert _title(head, f"<h1>{HEADLINE} | Quay Journal</h1>") == HEADLINE


def test_shapes_kicker_colon_written_for_screen_readers_only_stays() -> None:
    """Hidden punctuation is the headline's: 'Kicker<span class="visually-hidden">: </span>Headline'."""
    hidden = '<span class="visually-hidden">: </span>'
    body = f"<h1><span>Harbour</span>{hidden}<span>Night ferry saved</span></h1>"
    head = '<meta property="og:title" content="Harbour: Night ferry saved">'
    assert _title(head, body) == "Harbour: Night ferry saved"


@pytest.mark.parametrize(
    "line",
    [
        '<div class="date">Updated 9 March 2025 | Published 4 March 2025</div>',
        '<p class="article-timestamp">Last updated: 9 March 2025, 10:00. First published 4 March 2025</p>',
        '<div class="byline">By Gwen Pryce | Updated 9 March 2025 | Published 4 March 2025</div>',
    ],
    ids=["date-class", "timestamp-class", "byline"],
)
def test_shapes_written_update_before_the_written_publication_day(line: str) -> None:
    """No stated date: the line prints the last update first, then the day it was published."""
    published = _published("", line)
    assert published is not None and published.startswith(("4 March 2025", "2025-03-04"))
