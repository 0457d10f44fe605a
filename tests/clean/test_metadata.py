"""Page metadata from the page's own statements: JSON-LD, OpenGraph and article meta, rel=author, markup."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml.html import fromstring

from newsift.clean.html import extract_html_article
from newsift.clean.jsonld import extract_jsonld_article
from newsift.clean.metadata import date_in_url, extract_page_metadata, strip_site_name
from newsift.clean.names import split_credit, unique_names
from newsift.clean.structured import find_written_date, parse_datetime

FIXTURES = Path(__file__).parents[1] / "fixtures" / "metadata"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
WHEN = datetime(2024, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_fixture_fields(name: str) -> None:
    expected = EXPECTED[name]
    html = (FIXTURES / name).read_text(encoding="utf-8")
    article = extract_html_article(html, page_id="p", uri=name, url=expected["url"], fetched_at=WHEN)
    assert article is not None
    assert article.title == expected["title"]
    assert article.authors == tuple(expected["authors"])
    assert article.wire == expected["wire"]
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == expected["day"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_fixture_sources(name: str) -> None:
    expected = EXPECTED[name]
    html = (FIXTURES / name).read_text(encoding="utf-8")
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html), url=expected["url"])
    for field, source in expected["sources"].items():
        assert metadata.source_of(field) == source, field


def test_jsonld_resolves_graph_references_and_splits_organisations() -> None:
    html = (FIXTURES / "graph-person-org.html").read_text(encoding="utf-8")
    found = extract_jsonld_article(html)
    assert found is not None
    assert found.people == ("Maren Olufsen", "MAREN OLUFSEN", "Dev Raman")
    assert found.organisations == ("Reuters",)
    assert found.publisher == "The Tidewater Gazette"
    assert found.modified == "2023-05-15T10:00:00+02:00"


def test_metadata_complete_page_takes_its_standfirst_from_its_own_description() -> None:
    html = (FIXTURES / "graph-person-org.html").read_text(encoding="utf-8")
    url = EXPECTED["graph-person-org.html"]["url"]
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html), url=url)
    assert metadata.is_complete  # so trafilatura's own metadata pass is skipped
    article = extract_html_article(html, page_id="p", uri="graph", url=url, fetched_at=WHEN)
    assert article is not None and article.source == "The Tidewater Gazette"
    assert article.standfirst is not None
    assert article.standfirst.startswith("Two keepers will winter on the rock")


def test_jsonld_broken_block_is_skipped() -> None:
    html = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<script type="application/ld+json">{"@type": "Article", "headline": "Second block"}</script>'
    )
    found = extract_jsonld_article(html)
    assert found is not None and found.headline == "Second block"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Rain delays harvest | Fenland Post", "Rain delays harvest"),
        ("Rain delays harvest - The Fenland Post", "Rain delays harvest"),
        ("Fenland Post: Rain delays harvest", "Rain delays harvest"),
        ("Fenland Post » Rain delays harvest", "Rain delays harvest"),
        ("Rain delays the harvest again | Local News | Fenland Post", "Rain delays the harvest again"),
        (
            "Rain delays the harvest again | what farmers say | Fenland Post",
            "Rain delays the harvest again | what farmers say",
        ),
        ("Analysis: rain delays harvest", "Analysis: rain delays harvest"),  # not the site's name
        ("Rain delays harvest - and prices rise", "Rain delays harvest - and prices rise"),
        ("Rain delays harvest-Fenland Post", "Rain delays harvest"),
        ("Rain delays the harvest-time festival", "Rain delays the harvest-time festival"),
        ("Rain delays harvest :: Fenland Post", "Rain delays harvest"),
        ("Rain delays the harvest again – Farming – Fenland Post", "Rain delays the harvest again"),
        (
            "Rain delays the harvest again – and prices rise – Fenland Post",
            "Rain delays the harvest again – and prices rise",
        ),
        ("Rain delays the harvest again | FP", "Rain delays the harvest again"),
        ("Fenland Post | Farming | Rain delays the harvest again", "Rain delays the harvest again"),
        (
            "Fenland Post | Rain delays the harvest | and prices rise",
            "Rain delays the harvest | and prices rise",
        ),
        ("Rain delays the harvest again ~ Fenland Post", "Rain delays the harvest again"),
        ("Rain delays the harvest again | GP", "Rain delays the harvest again | GP"),
    ],
    ids=[
        "bar-suffix",
        "dash-suffix-with-the",
        "colon-prefix",
        "chevron-prefix",
        "section-and-site",
        "lowercase-part-is-headline",
        "other-prefix",
        "dash-in-title",
        "glued-dash-suffix",
        "glued-dash-in-a-word",
        "doubled-separator",
        "section-between-dashes",
        "lowercase-part-between-dashes",
        "site-initials-suffix",
        "site-then-section-prefix",
        "site-prefix-lowercase-part-stays",
        "tilde-suffix",
        "other-initials-stay",
    ],
)
def test_metadata_strip_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title, ("Fenland Post",)) == expected


@pytest.mark.parametrize(
    ("credit", "people", "wire"),
    [
        ("By Ana Ruiz and Tom Berg", ("Ana Ruiz", "Tom Berg"), None),
        ("Ana Ruiz, Reuters", ("Ana Ruiz",), "Reuters"),
        ("By Ana Ruiz Updated March 3, 2024", ("Ana Ruiz",), None),
        ("Ana Ruiz, Senior Correspondent", ("Ana Ruiz",), None),
        ("Follow", (), None),
        ("Your name", (), None),
        ("Share on Facebook", (), None),
        ("Fenland Post", (), None),
        ("BBC News", (), None),
        ("Mateo van der Berg", ("Mateo van der Berg",), None),
        ("J. K. Smith", ("J. K. Smith",), None),
        ("ANA RUIZ", ("Ana Ruiz",), None),
        ("By Ana Ruiz and Tom Berg / Harbour Courier Staff Writers", ("Ana Ruiz", "Tom Berg"), None),
        ("Harbour Courier Staff", (), None),
        ("Ana Ruiz Staff Writer", ("Ana Ruiz",), None),
        ("Jan Osei and April Lind", ("Jan Osei", "April Lind"), None),
        ("Ana Ruiz May 3, 2024", ("Ana Ruiz",), None),
        ("Ana Ruiz, 12 June", ("Ana Ruiz",), None),
        ("von Lotte Brenner", ("Lotte Brenner",), None),
        ("par Claire Dubois et Marc Lefort", ("Claire Dubois", "Marc Lefort"), None),
        ("Karl Weber und Eva Roth, dpa", ("Karl Weber", "Eva Roth"), "dpa"),
        ("Siri Dahl og Ole Moen", ("Siri Dahl", "Ole Moen"), None),
        ("Ana Ruiz, Monday", ("Ana Ruiz",), None),
    ],
    ids=[
        "two-people",
        "person-and-wire",
        "date-glued",
        "role",
        "follow-widget",
        "form-label",
        "share-bar",
        "own-outlet",
        "known-outlet",
        "particles",
        "initials",
        "upper-case",
        "group-affiliation",
        "outlet-staff",
        "person-role-glued",
        "month-first-names",
        "month-before-a-day",
        "month-after-a-day",
        "german-label",
        "french-label-and-conjunction",
        "german-conjunction-and-wire",
        "norwegian-conjunction",
        "weekday",
    ],
)
def test_names_split_credit(credit: str, people: tuple[str, ...], wire: str | None) -> None:
    found = split_credit(credit, outlets=("The Fenland Post",))
    assert (found.people, found.wire) == (people, wire)


def test_names_unique_ignores_case_and_keeps_mixed_case() -> None:
    assert unique_names(["ANA RUIZ", "Ana Ruiz", "ana ruiz", "Tom Berg"]) == ("Ana Ruiz", "Tom Berg")


def test_metadata_placeholder_date_is_no_date() -> None:
    html = '<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z"></head></html>'
    metadata = extract_page_metadata(fromstring(html), None)
    assert metadata.published_text is None


def test_metadata_header_clock_is_not_the_publication_time() -> None:
    html = (
        '<html><body><header><time datetime="2026-01-01T08:00:00Z">Today</time></header>'
        '<div class="story"><h1>Ferry fares rise</h1><p>Fares rise in May.</p></div></body></html>'
    )
    assert extract_page_metadata(fromstring(html), None).published_text is None


def test_jsonld_reads_the_article_inside_a_web_page_main_entity() -> None:
    html = (
        '<script type="application/ld+json">{"@type": "WebPage", "name": "Site", "mainEntity":'
        ' {"@type": "NewsArticle", "headline": "Ferry fares rise",'
        ' "author": {"name": "Gwen Pryce"}}}</script>'
    )
    found = extract_jsonld_article(html)
    assert found is not None and (found.headline, found.people) == ("Ferry fares rise", ("Gwen Pryce",))


def test_jsonld_person_with_one_name_is_an_author_but_an_account_is_not() -> None:
    graph = (
        '{"@graph": [{"@type": "WebPage", "name": "Trail notes", "datePublished": "2020-05-01",'
        ' "author": [{"@id": "#p1"}, {"@id": "#p2"}]}, {"@type": "Person", "@id": "#p1", "name": "Regan"},'
        ' {"@type": "Person", "@id": "#p2", "name": "siteadmin"}]}'
    )
    html = f'<html><head><script type="application/ld+json">{graph}</script></head><body></body></html>'
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.authors == ("Regan",)
    assert metadata.published_text == "2020-05-01"


def test_names_one_word_is_no_name_in_a_byline() -> None:
    assert split_credit("By Regan").people == ()
    assert split_credit("Regan", single=True).people == ("Regan",)


def test_names_caseless_script_name_only_from_a_stated_field() -> None:
    assert split_credit("山田花子", stated=True).people == ("山田花子",)
    assert split_credit("山田花子").people == ()  # in the markup it may as well be a button's label
    assert split_credit("ブックマーク登録してフォローする", stated=True).people == ()  # too long for a name


def test_names_month_alone_is_not_a_one_word_name() -> None:
    assert split_credit("March", single=True).people == ()


def test_metadata_photo_credit_in_a_byline_class_is_not_the_author() -> None:
    html = (
        "<html><body><article><h1>Harbour wall repaired</h1>"
        '<figure><img src="w.jpg"><figcaption class="author">Nils Berg / Harbour Pictures</figcaption>'
        "</figure>"
        '<div class="byline">By Greta Holm</div><p>The wall was repaired over the winter.</p>'
        "</article></body></html>"
    )
    metadata = extract_page_metadata(fromstring(html), None)
    assert (metadata.authors, metadata.source_of("authors")) == (("Greta Holm",), "markup:byline")


def test_metadata_two_authors_in_one_jsonld_person_in_another_language() -> None:
    ld = '{"@type": "NewsArticle", "headline": "Deich erneuert", "author": {"@type": "Person",'
    ld += ' "name": "Ines Vogt und Paul Arndt"}}'
    html = f'<html><head><script type="application/ld+json">{ld}</script></head><body></body></html>'
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.authors == ("Ines Vogt", "Paul Arndt")


def test_metadata_caseless_author_from_meta() -> None:
    html = (
        '<html><head><meta name="author" content="https://social.example/paper">'
        '<meta name="cxenseparse:author" content="佐藤健">'
        '<meta property="og:site_name" content="港湾新聞"></head><body></body></html>'
    )
    metadata = extract_page_metadata(fromstring(html), None)
    assert metadata.authors == ("佐藤健",)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/world/2023/10/16/ferry-strike/", "2023-10-16"),
        ("https://news.example/2023/3/7/tide-tables", "2023-03-07"),
        ("https://news.example/story/2022-11-30-harbour-fees.html", "2022-11-30"),
        ("https://news.example/politics/20210815-102938/", "2021-08-15"),
        ("https://news.example/archives/2003825372", None),  # an id, not a day
        ("https://news.example/story/20241399/", None),  # no month 13
        ("https://news.example/2030/01/02/ahead/", None),  # after the page was fetched
        ("https://news.example/2024/10/harbour/", None),  # a month, not a day
        ("https://news.example/search?d=2024-10-16", None),  # the query is not the page's address
        (None, None),
    ],
    ids=[
        *("slashes", "one-digit", "dashes", "compact", "long-id"),
        *("no-month", "future", "month", "query", "none"),
    ],
)
def test_metadata_date_in_url(url: str | None, day: str | None) -> None:
    assert date_in_url(url, before=WHEN) == day


def test_html_article_with_no_stated_date_takes_the_day_in_its_address() -> None:
    paragraph = "<p>The harbour board met on a windy evening and agreed to repair the eastern wall first.</p>"
    html = f"<html><body><article><h1>Harbour wall to be repaired</h1>{paragraph * 4}</article></body></html>"
    url = "https://harbour.example/news/20240520-7731/"
    article = extract_html_article(html, page_id="p", uri="u", url=url, fetched_at=WHEN)
    assert article is not None and article.published_at is not None
    assert article.published_at.date().isoformat() == "2024-05-20"


def test_html_outlet_named_only_by_its_address_is_not_an_author() -> None:
    """The page states no site name; its meta author is the outlet, which the domain names."""
    paragraph = "<p>The ferry company said crossings would resume once the storm had passed the straits.</p>"
    html = (
        '<html><head><title>Ferries halted by storm</title><meta name="author" content="Fjord Beacon"></head>'
        f"<body><article><h1>Ferries halted by storm</h1>{paragraph * 4}</article></body></html>"
    )
    url = "https://www.fjordbeacon.example/news/ferries"
    article = extract_html_article(html, page_id="p", uri="u", url=url, fetched_at=WHEN)
    assert article is not None and article.authors == ()


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def _ld(node: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def test_metadata_title_jsonld_headline_over_a_different_printed_one() -> None:
    """The article node's headline is the article's own; the h1 agreeing with og:title does not outvote it."""
    html = _page(
        _ld({"@type": "NewsArticle", "headline": "Council votes to keep the night ferry"})
        + '<meta property="og:title" content="Night ferry saved after late vote">',
        "<h1>Night ferry saved after late vote</h1>",
    )
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert (metadata.title, metadata.source_of("title")) == (
        "Council votes to keep the night ferry",
        "json-ld",
    )


def test_metadata_title_cut_short_in_jsonld_takes_the_printed_headline() -> None:
    full = "Night ferry saved after a late vote in the harbour council chamber on Tuesday"
    html = _page(_ld({"@type": "NewsArticle", "headline": full[:50] + "..."}), f"<h1>{full}</h1>")
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert (metadata.title, metadata.source_of("title")) == (full, "h1")


def test_metadata_title_without_its_topic_label() -> None:
    """'Topic: Headline' in the h1 and JSON-LD, the headline alone in og:title: the label is not the title."""
    headline = "Night ferry saved after late vote"
    html = _page(
        _ld({"@type": "NewsArticle", "headline": f"Harbour council: {headline}"})
        + f'<meta property="og:title" content="{headline}">',
        f"<h1>Harbour council: {headline}</h1>",
    )
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.title == headline
    short = _page(
        _ld({"@type": "NewsArticle", "headline": "Ferry: Vote held"})
        + '<meta property="og:title" content="Vote held">',
        "<h1>Ferry: Vote held</h1>",
    )
    assert extract_page_metadata(fromstring(short), extract_jsonld_article(short)).title == "Ferry: Vote held"


def test_jsonld_article_node_of_the_page_address_over_another_article() -> None:
    other = {
        "@type": "NewsArticle",
        "headline": "Last week's storm",
        "url": "https://news.example/storm",
        "author": {"@type": "Person", "name": "Otto Lind"},
    }
    own = {
        "@type": "NewsArticle",
        "headline": "Ferry saved",
        "mainEntityOfPage": {"@id": "https://www.news.example/ferry/"},
        "author": {"@type": "Person", "name": "Gwen Pryce"},
    }
    html = _ld(other) + _ld(own)
    found = extract_jsonld_article(html, "https://news.example/ferry?ref=home")
    assert found is not None and (found.headline, found.people) == ("Ferry saved", ("Gwen Pryce",))
    unaddressed = {key: value for key, value in own.items() if key != "mainEntityOfPage"}
    found = extract_jsonld_article(_ld(other) + _ld(unaddressed), "https://news.example/ferry")
    assert found is not None and found.headline == "Ferry saved"  # the other one names another page
    found = extract_jsonld_article(_ld(other) + _ld(own))  # no address known: the first
    assert found is not None and found.headline == "Last week's storm"


def test_metadata_authors_from_links_to_their_author_pages() -> None:
    body = (
        '<h1>Ferry saved</h1><div class="meta">By <a href="/authors/gwen-pryce/">Gwen Pryce</a> and'
        ' <a href="https://news.example/authors/idris-lloyd">Idris Lloyd</a></div><p>The vote was close.</p>'
        '<ul class="latest"><li><a href="/authors/otto-lind">Otto Lind</a></li></ul>'
        '<p><a href="/topics/ferries">Ferries</a> <a href="/author/">All authors</a></p>'
    )
    metadata = extract_page_metadata(fromstring(_page(body=body)), None)
    assert (metadata.authors, metadata.source_of("authors")) == (
        ("Gwen Pryce", "Idris Lloyd"),
        "markup:author-link",
    )


def test_metadata_link_to_a_writer_in_running_text_is_not_a_byline() -> None:
    prose = (
        "<p>The plan was first proposed in a column by"
        ' <a href="/writers/tove-sand">Tove Sand</a>, who argued that the night ferry carries more'
        " shift workers than any bus route on the island and that losing it would cut the hospital"
        " off from half of its night staff.</p>"
    )
    metadata = extract_page_metadata(fromstring(_page(body=f"<h1>Ferry saved</h1>{prose}")), None)
    assert metadata.authors == ()


def test_metadata_rel_author_byline_completes_a_structured_author() -> None:
    """JSON-LD names the second of two authors; the byline's author links name both."""
    byline = "".join(
        f'<div class="byline"><a rel="author" href="mailto:{mail}@news.example">'
        f"<span>{first}</span> <span>{last}</span></a></div>"
        for mail, first, last in (("ines", "Ines", "Vogt"), ("paul", "Paul", "Arndt"))
    )
    html = _page(_ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Paul Arndt"}]}), byline)
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.authors == ("Ines Vogt", "Paul Arndt")
    other = _page(_ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Tove Sand"}]}), byline)
    assert extract_page_metadata(fromstring(other), extract_jsonld_article(other)).authors == ("Tove Sand",)


@pytest.mark.parametrize(
    ("credit", "people"),
    [
        ("Ana Ruiz Transport Correspondent", ("Ana Ruiz",)),
        ("Ana Ruiz ana.ruiz@fenlandpost.example", ("Ana Ruiz",)),
        ("By Ana Ruiz, Health Editor", ("Ana Ruiz",)),
    ],
    ids=["beat-and-role-glued", "e-mail-glued", "beat-and-role"],
)
def test_names_credit_with_a_beat_or_an_address(credit: str, people: tuple[str, ...]) -> None:
    assert split_credit(credit).people == people


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("20.11.2019 08:02", "2019-11-20T08:02:00+00:00"),
        ("20. 11. 2019, 14.05 Uhr", "2019-11-20T14:05:00+00:00"),
        ("2019/11/20", "2019-11-20T00:00:00+00:00"),
        ("Nov. 20, 2019", "2019-11-20T00:00:00+00:00"),
        ("Sept. 3, 2024 12:30 a.m.", "2024-09-03T00:30:00+00:00"),
        ("3 May 2024 9:15 pm", "2024-05-03T21:15:00+00:00"),
        ("November 20, 2019 8:02 PM", "2019-11-20T20:02:00+00:00"),
        ("Wed, 20 Nov 2019 08:02:00 +0100", "2019-11-20T07:02:00+00:00"),
        ("2019-11-20T08:02:00+01:00[Europe/Berlin]", "2019-11-20T07:02:00+00:00"),
        ("Wed Nov 20 23:30:00 CET 2019", "2019-11-20T22:30:00+00:00"),
        ("November 21, 2019 8:02 AM AEDT", "2019-11-20T21:02:00+00:00"),
        ("Wed, 20 Nov 2019 20:02:00 EST", "2019-11-21T01:02:00+00:00"),
        ("31.02.2019", None),
        ("v1.2.2019", None),
        ("Mayor 20, 2019", None),
    ],
    ids=[
        *("dotted", "dotted-spaced-clock", "slashed", "month-abbreviation", "a-m", "p-m-day-first"),
        *("p-m-rfc", "rfc-offset", "zone-id", "zone-abbreviation", "zone-abbreviation-written"),
        *("zone-abbreviation-rfc", "no-such-day", "version", "not-a-month"),
    ],
)
def test_structured_written_dates(value: str, moment: str | None) -> None:
    parsed = parse_datetime(value)
    assert (parsed.isoformat() if parsed else None) == moment


def test_metadata_dotted_meta_date_is_the_published_date() -> None:
    html = '<html><head><meta name="date" content="05.03.2024"></head><body></body></html>'
    metadata = extract_page_metadata(fromstring(html), None)
    assert (metadata.published_text, metadata.source_of("published")) == ("05.03.2024", "meta:date")


def test_metadata_one_byline_element_per_author() -> None:
    body = (
        '<h1>Ferry saved</h1><div class="story-meta"><span class="author">Gwen Pryce</span>,'
        ' <span class="author">Idris Lloyd</span><span class="author-role">Harbour Correspondent</span></div>'
        '<p>The vote was close.</p><div class="more"><span class="author">Otto Lind</span></div>'
    )
    metadata = extract_page_metadata(fromstring(_page(body=body)), None)
    assert (metadata.authors, metadata.source_of("authors")) == (
        ("Gwen Pryce", "Idris Lloyd"),
        "markup:byline",
    )


def test_metadata_author_meta_repeated_once_per_author() -> None:
    head = (
        '<meta name="parsely-author" content="Gwen Pryce"><meta name="parsely-author" content="Idris Lloyd">'
    )
    metadata = extract_page_metadata(fromstring(_page(head)), None)
    assert (metadata.authors, metadata.source_of("authors")) == (
        ("Gwen Pryce", "Idris Lloyd"),
        "meta:parsely-author",
    )


def test_metadata_day_written_in_the_byline_when_the_page_states_none() -> None:
    body = (
        '<h1>Ferry saved</h1><p class="byline">By Gwen Pryce, Harbour Wire Updated March 4, 2024, 9:05 PM</p>'
        "<p>The vote was close.</p>"
    )
    clock = '<header><time datetime="2026-01-01T07:00:00Z">Today</time></header>'
    html = f"<html><body>{clock}<article>{body}</article></body></html>"
    metadata = extract_page_metadata(fromstring(html), None)
    assert (metadata.published_text, metadata.source_of("published")) == (
        "March 4, 2024, 9:05 PM",
        "markup:byline",
    )
    parsed = parse_datetime(metadata.published_text)
    assert parsed is not None and parsed.isoformat() == "2024-03-04T21:05:00+00:00"
    stated = _page('<meta property="article:published_time" content="2024-03-03T10:00:00Z">', body)
    assert extract_page_metadata(fromstring(stated), None).published_text == "2024-03-03T10:00:00Z"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Updated July 24, 2024", "July 24, 2024"),
        ("Posted 24.07.2024 um 14:05 Uhr", "24.07.2024 um 14:05"),
        ("Mayor 20, 2024 spoke; June 2, 2024 9:15 am", "June 2, 2024 9:15 am"),
        ("By Ana Ruiz, 12:30", None),
    ],
    ids=["month-name", "dotted-with-clock", "not-a-month-first", "clock-only"],
)
def test_structured_find_written_date(text: str, found: str | None) -> None:
    assert find_written_date(text) == found


@pytest.mark.parametrize(
    ("credit", "people", "wire"),
    [
        ("Ines Vogt (iv)", ("Ines Vogt",), None),
        ("Ines Vogt (Reuters)", ("Ines Vogt",), "Reuters"),
        ("Redaktion: Ines Vogt und Paul Arndt", ("Ines Vogt", "Paul Arndt"), None),
        ("Text: Ines Vogt", ("Ines Vogt",), None),
        ("Foto: Ines Vogt", (), None),
        ("Kestrel Nachrichtenagentur", (), "Kestrel"),
        ("Agencia Kestrel", (), "Kestrel"),
        ("Ines Vogt, Agency Reporter", ("Ines Vogt",), None),
        ("Ines Vogt Redakteurin", ("Ines Vogt",), None),
        ("Von Ines Vogt", ("Ines Vogt",), None),
    ],
    ids=[
        *("initials-in-brackets", "wire-in-brackets", "colon-label-and-conjunction", "text-label"),
        *("photo-label", "agency-word-after", "agency-word-before", "agency-in-a-role", "role-in-german"),
        "capitalised-label",
    ],
)
def test_names_credit_labels_asides_and_agencies(
    credit: str, people: tuple[str, ...], wire: str | None
) -> None:
    found = split_credit(credit, single=True)
    assert (found.people, found.wire) == (people, wire)


def test_metadata_credit_with_a_label_and_no_byline_class() -> None:
    body = (
        '<h1>Ferry saved</h1><ul class="meta"><li>4 min read</li><li>Von: <span class="person-link">'
        '<a href="/ines-vogt">Ines  VOGT</a>,</span> <span class="person-link"><a href="/paul-arndt">'
        "Paul Arndt</a></span></li></ul><p>By the harbour, Tom Berg said the vote was close.</p>"
    )
    html = f'<html><body><article class="node node--promoted">{body}</article></body></html>'
    metadata = extract_page_metadata(fromstring(html), None)
    assert (metadata.authors, metadata.source_of("authors")) == (
        ("Ines VOGT", "Paul Arndt"),
        "markup:credit-label",
    )


@pytest.mark.parametrize(
    "teaser",
    [
        '<div class="related"><p>By Otto Lind</p></div>',
        '<a href="/other-story"><span>Von Otto Lind</span></a>',
    ],
    ids=["related-block", "inside-a-link"],
)
def test_metadata_credit_label_of_another_story_is_not_the_author(teaser: str) -> None:
    body = f"<h1>Ferry saved</h1><p>The vote was close.</p>{teaser}"
    assert extract_page_metadata(fromstring(_page(body=body)), None).authors == ()


def test_metadata_byline_that_credits_only_an_agency_is_the_wire() -> None:
    body = (
        '<h1>Ferry saved</h1><div class="story-authors"><a href="/autoren/77-kestrel">Kestrel</a>'
        '<span class="author-function">Nachrichtenagentur</span></div><p>The vote was close.</p>'
    )
    metadata = extract_page_metadata(fromstring(_page(body=body)), None)
    assert (metadata.authors, metadata.wire) == ((), "Kestrel")


@pytest.mark.parametrize(
    ("organisation", "wire"),
    [("KNX", "KNX"), ("FP", None), ("Harbour Desk", None)],
    ids=["acronym-agency", "own-outlet-acronym", "not-an-acronym"],
)
def test_metadata_jsonld_organisation_author_beside_a_person(organisation: str, wire: str | None) -> None:
    node = {
        "@type": "NewsArticle",
        "headline": "Ferry saved",
        "author": [{"@type": "Person", "name": "Ines Vogt"}, {"@type": "Organization", "name": organisation}],
    }
    html = _page(_ld(node) + '<meta property="og:site_name" content="FP">', "<h1>Ferry saved</h1>")
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert (metadata.authors, metadata.wire) == (("Ines Vogt",), wire)


def test_names_caseless_name_with_its_role_word_from_a_stated_field() -> None:
    assert split_credit("김하늘 기자", stated=True).people == ("김하늘",)
    assert split_credit("김하늘 기자").people == ()  # in the markup, as for any caseless name


@pytest.mark.parametrize(
    ("author", "credit", "source"),
    [
        ({"@type": "Organization", "name": "Fenland Post Newsroom"}, "Fenland Post Newsroom", "json-ld"),
        ({"@type": "Person", "name": "Fenland Post Staff"}, "Fenland Post Staff", "json-ld"),
        ({"@type": "Person", "name": "Ines Vogt"}, None, None),
        ({"@type": "Organization", "name": "Reuters"}, None, None),
    ],
    ids=["desk-organisation", "staff-typed-as-person", "person", "wire"],
)
def test_html_outlet_credit_is_kept_apart_from_the_authors(
    author: dict[str, str], credit: str | None, source: str | None
) -> None:
    node = {"@type": "NewsArticle", "headline": "Night ferry saved after a late vote", "author": author}
    paragraphs = "".join(
        f"<p>The council met for the {n}th time to weigh the night ferry's cost.</p>" for n in range(4, 9)
    )
    html = _page(
        _ld(node) + '<meta property="og:site_name" content="Fenland Post">',
        f"<h1>Night ferry saved after a late vote</h1>{paragraphs}",
    )
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert (metadata.credit, metadata.source_of("credit")) == (credit, source)
    article = extract_html_article(html, page_id="p", uri="u", url=None, fetched_at=WHEN)
    assert article is not None
    credits = [r.text for r in article.removed if r.reason == "organisation credit"]
    assert credits == ([credit] if credit else [])
    assert credit is None or article.authors == ()


def test_jsonld_creator_names_the_writer_when_the_author_is_the_outlet() -> None:
    node = {
        "@type": "NewsArticle",
        "headline": "Ferry saved",
        "author": {"@type": "Organization", "name": "Fenland Post"},
        "creator": ["Ines Vogt"],
    }
    found = extract_jsonld_article(_ld(node))
    assert found is not None
    assert (found.people, found.organisations) == (("Ines Vogt",), ("Fenland Post",))
    both = extract_jsonld_article(_ld({**node, "author": {"@type": "Person", "name": "Paul Arndt"}}))
    assert both is not None and both.people == ("Paul Arndt",)


def test_metadata_outlet_in_the_author_meta_is_the_credit_not_an_author() -> None:
    head = '<meta property="og:site_name" content="Fenland Post"><meta name="author" content="Fenland Post">'
    metadata = extract_page_metadata(fromstring(_page(head, "<h1>Ferry saved</h1>")), None)
    assert (metadata.authors, metadata.credit, metadata.source_of("credit")) == (
        (),
        "Fenland Post",
        "meta:author",
    )


@pytest.mark.parametrize(
    "times",
    [
        '<p class="dates">Updated <time datetime="2024-03-09T08:00:00Z">9 March</time> | Published '
        '<time datetime="2024-03-04T10:00:00Z">4 March</time></p>',
        '<p><span class="date-modified"><time datetime="2024-03-09T08:00:00Z">9 March</time></span>'
        '<span class="date"><time datetime="2024-03-04T10:00:00Z">4 March</time></span></p>',
        '<p><time itemprop="dateModified" datetime="2024-03-09T08:00:00Z">9 March</time> '
        '<time datetime="2024-03-04T10:00:00Z">4 March</time></p>',
        '<p><span>Aktualisiert:</span> <time datetime="2024-03-09T08:00:00Z">9.3.</time></p>'
        '<p><time datetime="2024-03-04T10:00:00Z">4.3.2024</time></p>',
    ],
    ids=["worded-before", "class-of-its-parent", "itemprop", "label-in-another-language"],
)
def test_metadata_update_time_printed_first_is_not_the_published_time(times: str) -> None:
    """The last update's time, marked or worded as such, is skipped for the published one after it."""
    html = _page(body=f"<h1>Ferry saved</h1>{times}<p>The vote was close.</p>")
    metadata = extract_page_metadata(fromstring(html), None)
    assert (metadata.published_text, metadata.source_of("published")) == ("2024-03-04T10:00:00Z", "time")


def test_metadata_published_time_marked_as_such_is_kept() -> None:
    """'Published' before a time, in a class that says so, is still the published time."""
    body = '<p class="time published">Published <time datetime="2024-03-04T10:00:00Z">4 March</time></p>'
    metadata = extract_page_metadata(fromstring(_page(body=f"<h1>Ferry saved</h1>{body}")), None)
    assert metadata.published_text == "2024-03-04T10:00:00Z"


def test_metadata_kicker_in_the_h1_is_not_part_of_the_title() -> None:
    """'<h1><span>Live</span> Headline</h1>' where the page's title gives the headline alone."""
    headline = "Night ferry saved after late vote"
    html = _page(
        f"<title>{headline} | Fenland Post</title>",
        f'<h1><span class="flag">Live</span> {headline}</h1><p>The vote was close.</p>',
    )
    metadata = extract_page_metadata(fromstring(html), None, url="https://fenlandpost.example/a")
    assert (metadata.title, metadata.source_of("title")) == (headline, "h1")
    lone = _page(body=f'<h1><span class="flag">Live</span> {headline}</h1><p>The vote was close.</p>')
    assert extract_page_metadata(fromstring(lone), None).title == f"Live {headline}"  # nothing says otherwise
    worded = _page(f"<title>{headline}</title>", f"<h1><em>Watch</em> the {headline}</h1>")
    assert extract_page_metadata(fromstring(worded), None).title == f"Watch the {headline}"


def test_metadata_words_label_opens_a_credit() -> None:
    body = '<h1>Ferry saved</h1><p class="credit">Words: Gwen Pryce</p><p>Words matter, Tom Berg said.</p>'
    metadata = extract_page_metadata(fromstring(_page(body=body)), None)
    assert (metadata.authors, metadata.source_of("authors")) == (("Gwen Pryce",), "markup:credit-label")


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("Ferry berths plan weighed - Quay News", "https://news.quay.example/a", "Ferry berths plan weighed"),
        (
            "Ferry berths plan weighed | Quaynews",
            "https://fr.quaynews.example/a",
            "Ferry berths plan weighed",
        ),
        ("Ferry berths plan weighed - Evening Quay", "https://www.quay.co.uk/a", "Ferry berths plan weighed"),
        (
            "Ferry berths plan weighed | The Quay Post",
            "https://www.tqp.example/a",
            "Ferry berths plan weighed",
        ),
        (
            "Ferry berths plan weighed - Evening at the Quay",
            "https://www.quay.co.uk/a",
            "Ferry berths plan weighed - Evening at the Quay",
        ),
    ],
    ids=[
        "subdomain-before-the-name",
        "language-subdomain",
        "name-ending-in-the-domain",
        "initials",
        "headline",
    ],
)
def test_metadata_site_name_known_only_from_the_address(title: str, url: str, expected: str) -> None:
    """The page states no site name: the part its address names or shortens is the site's."""
    html = f"<html><head><title>{title}</title></head><body><p>The vote was close.</p></body></html>"
    assert extract_page_metadata(fromstring(html), None, url=url).title == expected


def test_jsonld_markup_left_in_a_value_is_dropped() -> None:
    html = _ld(
        {
            "@type": "NewsArticle",
            "headline": "Night ferry <em>saved</em> after late vote",
            "author": {"@type": "Person", "name": "Gwen Pryce <span class='role'>Reporter</span>"},
        }
    )
    found = extract_jsonld_article(html)
    assert found is not None
    assert (found.headline, found.people) == ("Night ferry saved after late vote", ("Gwen Pryce Reporter",))
    metadata = extract_page_metadata(fromstring(_page(html, "<p>The vote was close.</p>")), found)
    assert metadata.authors == ("Gwen Pryce",)


def test_jsonld_web_page_node_states_what_the_article_node_leaves_out() -> None:
    """A graph whose web page node carries the author and dates, its article node only the headline."""
    html = _ld(
        {
            "@graph": [
                {
                    "@type": "WebPage",
                    "name": "Night ferry saved",
                    "author": {"@type": "Person", "name": "Gwen Pryce"},
                    "datePublished": "2024-03-04T10:00:00Z",
                    "dateModified": "2024-03-05T10:00:00Z",
                },
                {"@type": "NewsArticle", "headline": "Night ferry saved after late vote"},
            ]
        }
    )
    found = extract_jsonld_article(html)
    assert found is not None
    assert (found.headline, found.people) == ("Night ferry saved after late vote", ("Gwen Pryce",))
    assert (found.published, found.modified) == ("2024-03-04T10:00:00Z", "2024-03-05T10:00:00Z")
    own = _ld(
        {"@type": "NewsArticle", "headline": "Ferry", "author": "Tom Berg", "datePublished": "2024-03-01"}
    )
    page = _ld({"@type": "WebPage", "author": "Gwen Pryce", "datePublished": "2024-03-04"})
    found = extract_jsonld_article(own + page)
    assert found is not None and (found.people, found.published) == (("Tom Berg",), "2024-03-01")


def test_html_page_stating_only_its_last_change_takes_that_day() -> None:
    body = "".join(
        f"<p>The harbour council met again to discuss item {n} of the ferry plan.</p>" for n in range(6)
    )
    html = _page(
        _ld(
            {"@type": "NewsArticle", "headline": "Night ferry saved", "dateModified": "2024-03-05T10:00:00Z"}
        ),
        f"<h1>Night ferry saved</h1>{body}",
    )
    article = extract_html_article(html, page_id="p", uri="u", url="https://quay.example/a", fetched_at=WHEN)
    assert article is not None and article.published_text == "2024-03-05T10:00:00Z"
    dated = extract_html_article(
        html, page_id="p", uri="u", url="https://quay.example/2024/03/01/a", fetched_at=WHEN
    )
    assert dated is not None and dated.published_text == "2024-03-01"  # the address's day comes first


@pytest.mark.parametrize(
    ("credit", "source"),
    [
        (
            '<div class="meta"><span>By</span> <a href="/p/gwen-pryce">Gwen Pryce</a></div>',
            "markup:credit-label",
        ),
        ('<div class="meta"><b>Von</b> <span class="name">Gwen Pryce</span></div>', "markup:credit-label"),
        ('<div>Written by <a href="/x">Gwen Pryce</a></div>', "markup:credit-label"),
        ("<p>Reporter: Gwen Pryce</p>", "markup:credit-label"),
        ('<div class="articulo-autor">Gwen Pryce</div>', "markup:byline"),
        ('<span class="auteur-nom">Gwen Pryce</span>', "markup:byline"),
        ('<div class="meta"><a href="/by/gwen-pryce">Gwen Pryce</a></div>', "markup:author-link"),
        ('<div class="meta"><a href="/profile/gwen-pryce">Gwen Pryce</a></div>', "markup:author-link"),
    ],
    ids=[
        *("label-in-its-own-element", "label-in-another-language", "written-by", "role-and-colon"),
        *("spanish-class", "french-class", "by-path", "profile-path"),
    ],
)
def test_metadata_byline_shapes_in_the_markup(credit: str, source: str) -> None:
    html = _page(body=f"<h1>Ferry saved</h1>{credit}<p>The vote was close, Tom Berg said.</p>")
    metadata = extract_page_metadata(fromstring(html), None)
    assert (metadata.authors, metadata.source_of("authors")) == (("Gwen Pryce",), source)


@pytest.mark.parametrize(
    "credit",
    [
        '<div class="meta"><a href="/people/gwen-pryce">Gwen Pryce</a></div>',  # a topic page about a person
        '<div class="meta"><span>By</span></div><p>the harbour wall</p>',
        "<p>Reporters: the desk</p>",
    ],
    ids=["people-path", "label-alone", "plural-role"],
)
def test_metadata_byline_look_alikes_in_the_markup(credit: str) -> None:
    html = _page(body=f"<h1>Ferry saved</h1>{credit}<p>The vote was close.</p>")
    assert extract_page_metadata(fromstring(html), None).authors == ()


def test_names_credit_split_at_a_spaced_middle_dot() -> None:
    assert split_credit("By Gwen Pryce · 4 March 2024").people == ("Gwen Pryce",)
    assert split_credit("Gwen Pryce • Tom Berg").people == ("Gwen Pryce", "Tom Berg")


@pytest.mark.parametrize(
    ("head", "footer"),
    [
        ('<meta name="twitter:site" content="@QuayJournal">', ""),
        ('<meta name="copyright" content="Copyright Quay Journal Ltd">', ""),
        ("", "<p>© 2024 The Quay Journal. All rights reserved.</p>"),
    ],
    ids=["social-account", "copyright-meta", "footer-copyright"],
)
def test_metadata_site_named_only_outside_the_site_name_fields(head: str, footer: str) -> None:
    """A title's site part recognised by the page's account, copyright meta or footer line."""
    html = (
        f"<html><head><title>Night ferry saved after late vote | Quay Journal</title>{head}</head>"
        f"<body><p>The vote was close.</p><footer>{footer}</footer></body></html>"
    )
    metadata = extract_page_metadata(fromstring(html), None, url="https://www.qjn.example/a")
    assert metadata.title == "Night ferry saved after late vote"


def test_metadata_copyright_owner_is_not_kept_out_of_the_authors() -> None:
    """A personal site: the owner in the footer is also the author, and stays one."""
    html = (
        '<html><head><title>Night ferry saved | Gwen Pryce</title><meta name="author" content="Gwen Pryce">'
        "</head><body><p>The vote was close.</p><footer>© 2024 Gwen Pryce</footer></body></html>"
    )
    metadata = extract_page_metadata(fromstring(html), None, url="https://www.gp.example/a")
    assert (metadata.title, metadata.authors) == ("Night ferry saved", ("Gwen Pryce",))


@pytest.mark.parametrize(
    "head",
    [
        _ld(
            {
                "@type": "NewsArticle",
                "headline": "Ferry saved",
                "author": {"@type": "Person", "name": "Gwen Pryce"},
            }
        ),
        '<meta name="author" content="Gwen Pryce">',
    ],
    ids=["json-ld", "meta"],
)
def test_metadata_printed_byline_completes_a_structured_author(head: str) -> None:
    """The structured field names the first author only; the printed byline (a byline class) names both."""
    body = (
        '<h1>Ferry saved</h1><div class="byline">By Gwen Pryce and Tom Berg</div><p>The vote was close.</p>'
    )
    metadata = extract_page_metadata(fromstring(_page(head, body)), extract_jsonld_article(head))
    assert metadata.authors == ("Gwen Pryce", "Tom Berg")
    other = body.replace("Gwen Pryce and Tom Berg", "Tom Berg")  # another story's credit names someone else
    metadata = extract_page_metadata(fromstring(_page(head, other)), extract_jsonld_article(head))
    assert metadata.authors == ("Gwen Pryce",)
    photo = body.replace("Gwen Pryce and Tom Berg", "Gwen Pryce, Photography: Tom Berg")
    metadata = extract_page_metadata(fromstring(_page(head, photo)), extract_jsonld_article(head))
    assert metadata.authors == ("Gwen Pryce",)


def test_metadata_title_the_printed_one_of_two_titles_the_article_node_states() -> None:
    """The article node's headline is a search title and its name the printed headline (also og:title):
    of the node's own two titles, the one the page prints is the article's."""
    printed = "Lighthouse keepers return to the outer isles after a decade"
    search = "Lighthouse keepers return | what the move means for the isles"
    html = _page(
        _ld({"@type": "NewsArticle", "headline": search, "name": printed})
        + f'<meta property="og:title" content="{printed}"><title>{search}</title>',
        f"<h1>{printed}</h1>",
    )
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert (metadata.title, metadata.source_of("title")) == (printed, "h1")
    # the node's name alone, printed nowhere, does not outvote its headline
    html = _page(_ld({"@type": "NewsArticle", "headline": search, "name": printed}), "<h1>Isles news</h1>")
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.title == search
    # a name as short as a section label, printed as a section's h1, is no headline
    node = {"@type": "NewsArticle", "headline": search, "name": "Isles news"}
    html = _page(_ld(node), "<h1>Isles news</h1>")
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.title == search


def test_metadata_author_in_microdata_names_it_in_a_meta() -> None:
    """'<span itemprop=author><meta itemprop=name content=...></span>': a byline that prints nothing."""
    html = _page(
        body="<h1>Lighthouse keepers return to the outer isles</h1>"
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<meta itemprop="name" content="Iona Farquhar"></span>'
        "<p>The keepers sailed from the mainland on Monday with supplies for a month.</p>"
    )
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert (metadata.authors, metadata.source_of("authors")) == (("Iona Farquhar",), "markup:byline")


def _isles_page(footer: str, dateline: str = "") -> str:
    paragraph = (
        "<p>The keepers sailed from the mainland with supplies for a month and will stay until the autumn"
        " gales close the crossing again.</p>"
    )
    return (
        "<html><head><title>Keepers return to the isles</title></head><body><article>"
        f"<h1>Keepers return to the isles</h1>{dateline}{paragraph * 5}</article>"
        f"<footer>{footer}</footer></body></html>"
    )


def test_copyright_year_is_no_publication_day() -> None:
    """A page stating no date: the copyright notice's year is not read as 1 January of it."""
    url = "https://www.islesherald.example/news/keepers"
    html = _isles_page("© 2019-2024 Isles Herald Ltd")
    article = extract_html_article(html, page_id="p", uri="u", url=url, fetched_at=WHEN)
    assert article is not None and article.published_at is None
    # the day the address states is taken instead
    dated = "https://www.islesherald.example/2024/03/05/keepers"
    article = extract_html_article(html, page_id="p", uri="u", url=dated, fetched_at=WHEN)
    assert article is not None and article.published_at is not None
    assert article.published_at.date().isoformat() == "2024-03-05"


def test_a_guessed_new_years_day_is_kept_when_the_page_gives_that_day() -> None:
    from newsift.clean.html import _guessed_date

    footer = "<footer>© 2024 Isles Herald</footer>"
    assert _guessed_date("2024-01-01", footer) is None
    assert _guessed_date("2024-01-01", f"<p>Posted Jan. 1 at noon</p>{footer}") == "2024-01-01"
    assert _guessed_date("2024-01-01", f'<time datetime="2024-01-01">{footer}') == "2024-01-01"
    assert _guessed_date("2023-01-01", footer) == "2023-01-01"  # a year the notice does not name
    assert _guessed_date("2024-03-05", footer) == "2024-03-05"


def test_metadata_title_without_the_subtitle_closing_its_h1() -> None:
    """'<h1>Headline <small>Subtitle</small></h1>' where og:title gives the headline alone."""
    headline = "Lighthouse keepers return to the outer isles"
    html = _page(
        f'<meta property="og:title" content="{headline}">',
        f"<h1>{headline} <small class='subtitle'>The first crews in a decade</small></h1>",
    )
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.title == headline
    # a closing element that no other statement leaves out stays: it is part of the headline
    html = _page(
        f'<meta property="og:title" content="{headline} in pictures">',
        f"<h1>{headline} <span>in pictures</span></h1>",
    )
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.title == f"{headline} in pictures"


def test_split_credit_capitalised_for_before_the_outlet() -> None:
    """'By A For Outlet.com' (a capitalised house style): the outlet the person wrote for is no name word."""
    credit = split_credit("By Iona Farquhar For Islesmail.example")
    assert credit.people == ("Iona Farquhar",)
    assert split_credit("By Iona Farquhar For Reuters").wire == "Reuters"
    # an organisation's own 'For' stays whole, and is no person
    assert split_credit("Centre For Island Studies").people == ()


def test_split_credit_editing_and_translation_credits_are_not_the_writers() -> None:
    credit = split_credit("Written by Iona Farquhar, edited by Calum Reid")
    assert credit.people == ("Iona Farquhar",)
    assert split_credit("Iona Farquhar; translated by Calum Reid").people == ("Iona Farquhar",)


def _scripted_page(body: str) -> str:
    """A page whose scripts print its story: the markup holds only the headline and an empty container."""
    node = {"@type": "NewsArticle", "headline": "Keepers return to the isles", "articleBody": body}
    return (
        f"<html><head>{_ld(node)}</head><body><h1>Keepers return to the isles</h1>"
        '<div id="app"></div><script>render()</script></body></html>'
    )


def test_page_printed_by_scripts_takes_the_text_its_jsonld_states() -> None:
    paragraphs = [
        "The keepers sailed from the mainland on Monday with supplies for a month and will stay until the"
        " autumn gales close the crossing again.",
        "It is the first time in a decade that the outer lights have been kept by hand, after the automatic"
        " lamps failed twice during the winter storms.",
        "The lighthouse board said the crews would be relieved every four weeks by the supply boat, weather"
        " permitting, and that two more stations could follow next year.",
    ]
    url = "https://www.islesherald.example/news/keepers"
    html = _scripted_page("<p>" + "</p><p>".join(paragraphs) + "</p>")
    article = extract_html_article(html, page_id="p", uri="u", url=url, fetched_at=WHEN)
    assert article is not None
    assert article.title == "Keepers return to the isles"
    assert article.body.split("\n\n") == paragraphs
    # a teaser-length statement is no story: no article
    teaser = _scripted_page(paragraphs[0])
    assert extract_html_article(teaser, page_id="p", uri="u", url=url, fetched_at=WHEN) is None


@pytest.mark.parametrize(
    "block",
    [
        '//<![CDATA[\n{"@type": "NewsArticle", "headline": "Keepers return", "author": "Iona Farquhar"}'
        "\n//]]>",
        '{"@type": "NewsArticle", "headline": "Keepers return", "author": "Iona Farquhar",}',
        '{"@type": "NewsArticle", "headline": "Keepers\nreturn", "author": ["Iona Farquhar",]}',
    ],
    ids=["cdata-wrapper", "trailing-comma", "raw-line-break"],
)
def test_jsonld_read_as_leniently_as_pages_write_it(block: str) -> None:
    html = f'<html><head><script type="application/ld+json">{block}</script></head><body></body></html>'
    found = extract_jsonld_article(html)
    assert found is not None
    assert (found.headline, found.people) == ("Keepers return", ("Iona Farquhar",))


def test_jsonld_beyond_mending_is_skipped() -> None:
    html = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    assert extract_jsonld_article(html) is None


def test_byline_names_in_elements_of_their_own_stay_apart() -> None:
    """'<div class=byline><span>A</span><span>B</span></div>': two writers, not one four-word name; a name
    whose parts are printed in two elements is still one name."""
    body = "<h1>Keepers return to the isles</h1><div class='byline'>{}</div>"
    html = _page(body=body.format("<span>Iona Farquhar</span><span>Calum Reid</span>"))
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.authors == ("Iona Farquhar", "Calum Reid")
    html = _page(body=body.format("By <strong>Iona</strong> Farquhar"))
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert metadata.authors == ("Iona Farquhar",)


def test_jsonld_author_stated_by_its_page_address_alone() -> None:
    """'"author": {"@type": "Person", "url": ".../author/iona-farquhar"}' with no name: the address names
    the writer, as an author meta holding it does (a last resort)."""
    node = {
        "@type": "NewsArticle",
        "headline": "Keepers return to the isles",
        "author": {"@type": "Person", "url": "https://www.islesherald.example/author/iona-farquhar/"},
    }
    html = _page(_ld(node), "<h1>Keepers return to the isles</h1>")
    metadata = extract_page_metadata(fromstring(html), extract_jsonld_article(html))
    assert (metadata.authors, metadata.source_of("authors")) == (("Iona Farquhar",), "json-ld:author-page")
    # an address that is no author page names nobody
    node["author"] = {"@type": "Person", "url": "https://www.islesherald.example/news/keepers"}
    html = _page(_ld(node), "<h1>Keepers return to the isles</h1>")
    assert extract_page_metadata(fromstring(html), extract_jsonld_article(html)).authors == ()


def test_jsonld_mending_runs_in_linear_time_on_long_whitespace() -> None:
    """A broken block holding a long run of spaces is mended (or given up) at once, not searched again from
    every space."""
    import time

    block = '{"@type": "NewsArticle", "headline": "Keepers return",' + " " * 400_000 + "]]"
    html = f'<script type="application/ld+json">{block}</script>'
    start = time.process_time()
    assert extract_jsonld_article(html) is None
    assert time.process_time() - start < 2.0
