"""More page shapes written for these tests (session 12): where the headline lives when no h1 prints it,
bar glyphs of other scripts before a site's name, agency credits printed with the place they filed from,
and agencies outside the first wire list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.clean.html import extract_html_article
from newsift.clean.metadata import strip_site_name
from newsift.model import Article

WHEN = datetime(2025, 6, 1, tzinfo=UTC)
HEADLINE = "Lighthouse keepers return to the cape for one summer"
SITE = "Cape Morning Star"
PROSE = "".join(
    f"<p>The cape's old lighthouse will be staffed again from July (section {i} of the notice), the"
    " maritime trust said, as volunteers take turns to keep the lamp, the log and the visitor room.</p>"
    for i in range(6)
)


def _article(head: str = "", top: str = "", *, h1: bool = True, after: str = "", rail: str = "") -> Article:
    printed = f"<h1>{HEADLINE}</h1>" if h1 else ""
    html = (
        f"<html><head>{head}</head><body><header><a href='/'>{SITE}</a></header>{rail}"
        f"<article>{printed}{top}{PROSE}{after}</article><footer>© 2025 {SITE}</footer></body></html>"
    )
    article = extract_html_article(
        html, page_id="p", uri="u", url="https://capemorningstar.example/news/keepers", fetched_at=WHEN
    )
    assert article is not None
    return article


# --- site-name affixes: bar glyphs of other scripts ------------------------------------------------


@pytest.mark.parametrize(
    "bar",
    ["\u3163", "\u2502", "\uff5c", "\u4e28", "\u00a6"],
    ids=["hangul-i", "box-drawing", "fullwidth", "cjk-stroke", "broken-bar"],
)
def test_shapes_site_name_after_a_bar_of_another_script(bar: str) -> None:
    """Korean, Chinese and Japanese pages sign titles with glyphs that look like '|'."""
    assert strip_site_name(f"{HEADLINE} {bar} {SITE}", (SITE,)) == HEADLINE
    assert strip_site_name(f"{HEADLINE}{bar}{SITE}", (SITE,)) == HEADLINE
    assert strip_site_name(f"{SITE} {bar} {HEADLINE}", (SITE,)) == HEADLINE


def test_shapes_bar_glyph_before_a_part_that_is_not_the_site_stays() -> None:
    title = f"{HEADLINE} \uff5c and what the trust said"
    assert strip_site_name(title, (SITE,)) == title


def test_shapes_bar_glyph_title_on_a_page_without_h1() -> None:
    head = f'<title>{HEADLINE} \uff5c {SITE}</title><meta property="og:site_name" content="{SITE}">'
    assert _article(head, h1=False).title == HEADLINE


# --- where the headline lives: not in an h1, and a title that names only the site -----------------


@pytest.mark.parametrize(
    "printed",
    [
        f'<h2 itemprop="headline">{HEADLINE}</h2>',
        f'<div class="story-head"><span itemprop="headline">{HEADLINE}</span></div>',
    ],
    ids=["h2-microdata", "span-microdata"],
)
def test_shapes_microdata_headline_when_the_title_names_only_the_site(printed: str) -> None:
    head = f'<title>{SITE}</title><meta property="og:site_name" content="{SITE}">'
    assert _article(head, printed, h1=False).title == HEADLINE


def test_shapes_title_naming_only_the_site_is_no_headline() -> None:
    """The og:title names the site alone; the <title> holds the headline."""
    head = f'<meta property="og:title" content="{SITE}"><title>{HEADLINE} | {SITE}</title>'
    assert _article(head, h1=False).title == HEADLINE
    # a JSON-LD headline that names only the site gives way to the printed h1
    node = f'{{"@type": "NewsArticle", "headline": "{SITE}"}}'
    ld = f'<script type="application/ld+json">{node}</script>'
    assert _article(ld + f'<meta property="og:site_name" content="{SITE}">').title == HEADLINE


def test_shapes_microdata_headline_does_not_replace_a_printed_h1() -> None:
    teaser = '<aside><h3 itemprop="headline">Ferry timetable changes for the autumn</h3></aside>'
    assert _article(f"<title>{SITE}</title>", after=teaser).title == HEADLINE


# --- desk credits: an agency printed with the place it filed from ---------------------------------


@pytest.mark.parametrize(
    ("credit", "wire"),
    [
        ('<div class="name">AFP, PORT MARAM</div>', "AFP"),
        ('<li><div class="name">Reuters, Port Maram</div></li>', "Reuters"),
        ("<p>AP / Port Maram</p>", "AP"),
        ('<span class="source">Xinhua</span>', "Xinhua"),
    ],
    ids=["caps-place", "list-item", "slash-place", "agency-alone"],
)
def test_shapes_agency_credit_with_its_place_in_a_plain_element(credit: str, wire: str) -> None:
    article = _article(top=credit)
    assert article.wire == wire
    assert article.authors == ()


def test_shapes_agency_credit_beside_a_person_leaves_the_person() -> None:
    article = _article(top='<div class="byline">By Ines Falk</div><div class="name">AFP, Port Maram</div>')
    assert article.authors == ("Ines Falk",)


@pytest.mark.parametrize(
    "credit",
    [
        "<p>Photo: AFP</p>",
        '<figure><img src="a.jpg"><figcaption>AFP, Port Maram</figcaption></figure>',
        '<aside class="related"><div class="name">Reuters, Port Maram</div></aside>',
        "<p>AFP, Reuters and two broadcasters sent crews to the cape on the first morning.</p>",
        '<a href="/wires"><span>Reuters, Port Maram</span></a>',
    ],
    ids=["photo-label", "caption", "sidebar", "prose", "link"],
)
def test_shapes_agency_named_elsewhere_is_no_wire_credit(credit: str) -> None:
    assert _article(top=credit).wire is None


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("Yonhap", "Yonhap"),
        ("Kyodo News", "Kyodo News"),
        ("ANSA", "ANSA"),
        ("TASS", "TASS"),
        ("Bernama", "Bernama"),
    ],
)
def test_shapes_agencies_beyond_the_first_list_are_wires(name: str, wire: str) -> None:
    """(EFE is left out: 'Efe' is also a given name, and a wire's word in a credit marks an organisation.)"""
    assert _article(top=f'<div class="byline">By {name}</div>').wire == wire
    meta = _article(f'<meta name="author" content="{name}">')
    assert meta.wire == wire
    assert meta.authors == ()


OUTLET = "Cape Daily Post"


# --- bylines: marked in a data attribute, or printing a wire on a line of its own ----------------


@pytest.mark.parametrize(
    "byline",
    [
        '<div data-testid="byline"><span>Ines Falk</span></div>',
        '<div data-component="byline-block"><p>Ines Falk</p></div>',
        '<p data-qa="author-name">By Ines Falk</p>',
    ],
    ids=["testid", "component", "qa-with-label"],
)
def test_shapes_byline_marked_in_a_data_attribute(byline: str) -> None:
    assert _article(top=byline).authors == ("Ines Falk",)


def test_shapes_data_attribute_byline_in_a_sidebar_is_not_the_author() -> None:
    aside = '<aside><div data-testid="byline"><span>Ines Falk</span></div></aside>'
    assert _article(top=aside).authors == ()


@pytest.mark.parametrize(
    ("byline", "authors", "wire"),
    [
        ('<div class="byline"><span>Ines Falk</span><span>Reuters</span></div>', ("Ines Falk",), "Reuters"),
        (
            '<div class="byline"><span>Ines Falk</span><span>Oskar Brandt</span><span>AFP</span></div>',
            ("Ines Falk", "Oskar Brandt"),
            "AFP",
        ),
    ],
    ids=["wire", "two-writers-and-wire"],
)
def test_shapes_byline_with_a_wire_on_a_line_of_its_own(
    byline: str, authors: tuple[str, ...], wire: str | None
) -> None:
    article = _article(f'<meta property="og:site_name" content="{OUTLET}">', byline)
    assert article.authors == authors
    assert article.wire == wire


def test_shapes_byline_lines_that_are_no_outlet_stay_one_credit() -> None:
    """A name split over two elements is still one name ('<span>Ines</span><span>Falk</span>')."""
    byline = '<div class="byline"><span>Ines</span> <span>Falk</span></div>'
    assert _article(top=byline).authors == ("Ines Falk",)


# --- bylines: a 'by' class, a date after 'on' or 'at' --------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        '<span class="by-line">Ines Falk</span>',
        '<div class="article-by"><span>Ines Falk</span></div>',
        '<p class="by">Ines Falk</p>',
    ],
    ids=["by-line", "article-by", "by"],
)
def test_shapes_byline_class_spelled_by(byline: str) -> None:
    assert _article(top=byline).authors == ("Ines Falk",)


def test_shapes_class_holding_by_inside_a_word_is_no_byline() -> None:
    assert _article(top='<div class="bypass-note">Ines Falk</div>').authors == ()


@pytest.mark.parametrize(
    "credit",
    [
        '<div class="post-meta">Posted by Ines Falk on March 4, 2025</div>',
        '<div class="byline">By Ines Falk on 4 March 2025</div>',
        '<div class="byline">By Ines Falk on Tuesday</div>',
        '<div class="byline">By Ines Falk at 10:40</div>',
    ],
    ids=["posted-on-date", "on-day-month", "on-weekday", "at-time"],
)
def test_shapes_credit_with_its_date_after_on_or_at(credit: str) -> None:
    assert _article(top=credit).authors == ("Ines Falk",)


# --- titles of a paginated story; dates stated as a count of seconds -------------------------------


@pytest.mark.parametrize(
    "title",
    [
        f"{HEADLINE} | Page 2 | {SITE}",
        f"{HEADLINE} - Page 3 of 5 - {SITE}",
        f"{HEADLINE} | {SITE} | Page 2",
        f"{HEADLINE} – Seite 2 – {SITE}",
    ],
    ids=["page-between", "page-of-between", "page-last", "seite"],
)
def test_shapes_title_of_a_later_page_of_a_story(title: str) -> None:
    assert strip_site_name(title, (SITE,)) == HEADLINE


def test_shapes_page_words_inside_a_headline_stay() -> None:
    kept = "Page 2 of the harbour report: what the trust kept back"
    assert strip_site_name(f"{kept} | {SITE}", (SITE,)) == kept
    assert (
        strip_site_name("Keepers turn the page | 2 years on", (SITE,)) == "Keepers turn the page | 2 years on"
    )


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="1741082400000">',
        '<meta name="publish-date" content="1741082400">',
    ],
    ids=["milliseconds", "seconds"],
)
def test_shapes_date_meta_stated_as_seconds_since_1970(meta: str) -> None:
    article = _article(meta)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2025-03-04"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="123456">',
        '<meta name="publish-date" content="9999999999999">',
    ],
    ids=["too-short", "far-future"],
)
def test_shapes_date_meta_numbers_that_are_no_time_are_no_date(meta: str) -> None:
    assert _article(meta).published_at is None


@pytest.mark.parametrize(
    ("credit", "day"),
    [
        ('<p class="post-meta">Posted by Ines Falk on December 28, 2024</p>', "2024-12-28"),
        ("<p>By Ines Falk | 4 March 2025</p>", "2025-03-04"),
        ('<div class="story-meta"><span>By</span> Ines Falk, 11 June 2024</div>', "2024-06-11"),
    ],
    ids=["posted-on", "by-bar-date", "label-element"],
)
def test_shapes_date_in_a_labelled_credit_line_without_a_date_class(credit: str, day: str) -> None:
    """The page states no date of its own elsewhere, and a rail of other stories above the article prints
    their times: the credit line's written day is the publication's, not a rail's time."""
    rail = (
        '<div class="list"><a href="/other"><span>Ferry fares to rise</span>'
        '<time class="published" datetime="2024-05-02T09:00:00Z">2 May</time></a></div>'
    )
    article = _article(top=credit, rail=rail)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == day


# --- author lists: a generational suffix after a name ----------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Oskar Brandt Jr.", ("Oskar Brandt Jr.",)),
        ("By Oskar Brandt, Jr.", ("Oskar Brandt Jr.",)),
        ("By Oskar Brandt Sr. and Ines Falk", ("Oskar Brandt Sr.", "Ines Falk")),
        ("By Oskar Brandt Jr", ("Oskar Brandt Jr",)),
        ("By Oskar Brandt III", ("Oskar Brandt III",)),
    ],
    ids=["jr-dot", "comma-jr", "sr-and-other", "jr-no-dot", "roman"],
)
def test_shapes_name_keeps_its_generational_suffix_as_printed(byline: str, authors: tuple[str, ...]) -> None:
    assert _article(top=f'<div class="byline">{byline}</div>').authors == authors


def test_shapes_junior_before_a_role_is_no_suffix() -> None:
    assert _article(top='<div class="byline">By Oskar Brandt, Jr. Editor</div>').authors == ("Oskar Brandt",)
