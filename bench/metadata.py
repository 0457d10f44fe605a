"""Page metadata (title, authors, date): newsift against trafilatura on pages this script generates.

Usage: python bench/metadata.py [--pages N] [--seed S] [--errors]
The pages are invented (made-up outlets, people and events) in the shapes publishers use: JSON-LD (plain,
in ``@graph``, authors as Person or Organization), OpenGraph and ``article:*`` meta, ``<meta name=author>``,
``rel=author``, bylines in the markup, widgets that look like bylines (share bars, author-profile boxes,
comment authors, form labels, related-story bylines, a photo's credit in an author class), bylines with
a label and 'and' in another language ('von A und B'), first names that are month names, pages whose
only date is in their address, and titles with the site name before or after. Third pass: bylines as
links to author pages or one element per author, an author meta repeated once per author, a dotted
date in a meta, a section between the headline and the site name, and a related story's JSON-LD article
node before the page's own. Fourth pass: a credit with a label and no byline class ('Von: <a>A</a>'), a
teaser's credit inside a link, JSON-LD person names with initials in brackets ('Ana Ruiz (ar)'). Fifth
pass: the site's name glued on with a dash ('Headline-Site') or after a doubled separator ('::'), a section
between dashes ('Headline – Politics – Site'), a kicker in its own element at the start of the h1, a
'Words:' credit label, and an 'Updated' time printed before the published one. Sixth pass: a host with a
subdomain before the site's own label ('news.', 'en.'), a credit's label in its own element ('<span>By</span>
<a>A</a>'), markup left in a JSON-LD author's name, and a graph whose web page node carries the dates.
Seventh pass: a tagline no site field names after a short headline in the JSON-LD or ``og:title`` only, a
rail of other stories (bylines, published times) above the article with no class saying so, a JSON-LD
date that the meta and the printed time contradict, and bylines that write the time in a North American
zone ('11:30 PM ET', 'Published 7:06 AM EDT Sep. 17, 2024'). Eighth pass: a site's name after a bar
glyph of another script ('｜', '│', '丨'), a byline marked by a scripts' test hook (``data-testid``), and
bylines printing each name and then the outlet in elements of their own, a byline class spelled 'by'
('article-by'), 'Posted by A on March 4, 2025', a title of a story's later page ('Headline | Page 2 | Site')
and a date meta in milliseconds since 1970.
Scores per page: title exact (whitespace-normalised), authors F1 (case-insensitive; no gold and no
prediction is 1.0), date on the day. Split: odd page numbers are the tune half, even the check half
(bench/SPLITS.md). ``--errors`` prints the tune half's misses only. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
WHEN = datetime(2026, 1, 1, tzinfo=UTC)

_SITES = (
    ("The Harbour Ledger", "harbourledger.example"),
    ("Northfield Daily", "northfielddaily.example"),
    ("Riverside Courier", "riversidecourier.example"),
    ("Valley Post", "valleypost.example"),
    ("Coastline Times", "coastlinetimes.example"),
    ("Metro Bulletin", "metrobulletin.example"),
    ("The Upland Record", "uplandrecord.example"),
    ("Granite State Wire", "granitestatewire.example"),
)
_FIRST = ("Ana", "Tomas", "Priya", "Kwame", "Ingrid", "Mateo", "Leila", "Oskar", "Chen", "Fatima", "Rory")
_FIRST += ("Sofia", "Dmitri", "Amara", "Jonas", "Hana", "Elif", "Marcus", "Yara", "Pieter")
_FIRST += ("April", "June", "Jan", "May")  # first names that are also month names
_LAST = ("Okafor", "Lindqvist", "Moreau", "Brennan", "Sato", "Haddad", "Kowalczyk", "Alvarez", "Nakamura")
_LAST += ("Fitzgerald", "Osei", "van der Berg", "Rahman", "Duarte", "Ferreira-Lopes", "McAllister")
_CITIES = ("Lakeport", "Eastbrook", "Millhaven", "Stonebridge", "Ashford Bay", "Kellerton", "Pine Hollow")
_THINGS = ("a new tram line", "the harbour dredging plan", "a school meals budget", "two wind farms")
_THINGS += ("a library expansion", "the flood barrier upgrade", "a cycling network", "a hospital wing")
_VERBS = ("approves", "delays", "rejects", "debates", "funds", "reviews")
_WIRES = ("Reuters", "Associated Press", "AFP")
_FOREIGN = (("von", "und"), ("par", "et"), ("por", "y"), ("av", "og"))  # a byline's label and 'and'
# a credit's label where no class marks the byline
_LABELS = ("Von:", "By:", "Text:", "Par", "Autor:", "Words:")
_SECTIONS = ("Local News", "Politics", "Transport", "City Hall")
_KICKERS = ("Exclusive", "Live", "Analysis", "Breaking news")
_PICTURES = ("Lakeport Pictures", "Stock Images", "Harbour Photo Agency")
# a site's slogan that no site field states, after the headline in one statement only
_TAGLINES = ("Your daily local paper", "News from the valley since 1898", "Breaking news and updates")
_TAGLINES += ("Local news, sport and weather",)
_REGIONS = (("America/New_York", "ET"), ("America/Chicago", "CT"), ("America/Los_Angeles", "PT"))
_SENTENCES = (
    "Officials in {city} said the decision followed months of public consultation.",
    "The plan for {thing} is expected to cost more than the original estimate.",
    "Residents who attended the meeting were divided over the timetable.",
    "A spokesperson for the council said work could begin early next year.",
    "Opposition members argued that the money would be better spent elsewhere.",
    "Local business groups welcomed the move but asked for clearer deadlines.",
    "An independent review last spring found several gaps in the earlier proposal.",
    "The regional authority will publish a detailed schedule in the coming weeks.",
    "Engineers told the committee that the site survey had been completed.",
    "Critics said the consultation had not reached enough people in outlying districts.",
)


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    html: str
    url: str
    title: str
    authors: tuple[str, ...]
    day: str


def generate(count: int, seed: int) -> list[Page]:
    rng = random.Random(seed)
    return [_page(number, rng) for number in range(1, count + 1)]


def _page(number: int, rng: random.Random) -> Page:
    site, domain = rng.choice(_SITES)
    city, thing = rng.choice(_CITIES), rng.choice(_THINGS)
    headline = f"{city} council {rng.choice(_VERBS)} {thing}"
    if rng.random() < 0.3:
        headline += f" after {rng.randint(2, 9)}-hour debate"
    elif rng.random() < 0.15:  # a short headline: too short to be matched as a prefix of another statement
        headline = f"{city} council {rng.choice(_VERBS)} plan"
    people = tuple(
        dict.fromkeys(f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(rng.choice((1, 1, 2, 3))))
    )
    wire = rng.choice(_WIRES) if rng.random() < 0.12 else None
    if wire and rng.random() < 0.5:
        people = ()
    published = datetime(2024, 1, 1, 6, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 900_000))
    slug = f"{number}-{city.casefold().replace(' ', '-')}"
    host = rng.choice(("www.", "www.", "www.", "news.", "en."))  # a subdomain before the site's own label
    url = f"https://{host}{domain}/news/{slug}"
    shape = rng.choice(("jsonld", "graph", "opengraph", "meta", "markup", "address"))
    if shape == "address":  # the page states no date; its address does
        url = f"https://{host}{domain}/{published:%Y/%m/%d}/{slug}"
    story = _Story(
        site,
        headline,
        people,
        wire,
        published,
        city,
        thing,
        dated=shape != "address",
        url=url,
        tagline=rng.choice(_TAGLINES) if rng.random() < 0.2 else None,
        rail=shape != "address" and rng.random() < 0.2,
        stale=rng.random() < 0.15,
        region=rng.choice(_REGIONS) if shape == "markup" and rng.random() < 0.5 else None,
    )
    head, body = _head(rng, shape, story), _body(rng, shape, story)
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return Page(number, html, url, headline, people, published.date().isoformat())


@dataclass(frozen=True, slots=True)
class _Story:
    """What one generated page reports, before it is dressed in markup."""

    site: str
    headline: str
    people: tuple[str, ...]
    wire: str | None
    published: datetime
    city: str
    thing: str
    dated: bool = True  # the markup shows the date
    url: str = ""
    tagline: str | None = None  # after the headline in the JSON-LD or og:title only, the h1 is bare
    rail: bool = False  # a rail of other stories, with their bylines and times, above the article
    stale: bool = False  # the JSON-LD states another day than the meta and the printed time
    region: tuple[str, str] | None = None  # the byline writes the time in a North American zone


_BAR_GLYPHS = ("\uff5c", "\u2502", "\u4e28")


def _decorated(rng: random.Random, headline: str, site: str) -> str:
    style = rng.choice(
        (
            "suffix-bar",
            "suffix-dash",
            "prefix",
            "plain",
            "suffix-bar",
            "section",
            "glued",
            "double",
            "dashes",
            "glyph",
            "paged",
        )
    )
    if style == "glyph":  # a bar glyph of another script: fullwidth, box drawing, the CJK stroke
        return f"{headline} {rng.choice(_BAR_GLYPHS)} {site}"
    if style == "paged":  # a later page of a story printed over several
        return f"{headline} | Page {rng.randint(2, 4)} | {site}"
    if style == "glued":  # the site's name glued on with a dash
        return f"{headline}-{site}"
    if style == "double":  # a doubled separator
        return f"{headline} :: {site}"
    if style == "dashes":  # a section between dashes
        return f"{headline} – {rng.choice(_SECTIONS)} – {site}"
    if style == "suffix-bar":
        return f"{headline} | {site}"
    if style == "section":  # the site's section between the headline and its name
        return f"{headline} | {rng.choice(_SECTIONS)} | {site}"
    if style == "suffix-dash":
        return f"{headline} - {site}"
    if style == "prefix":
        return f"{site}: {headline}"
    return headline


def _head(rng: random.Random, shape: str, story: _Story) -> str:
    site, headline, people, wire, published = (
        story.site,
        story.headline,
        story.people,
        story.wire,
        story.published,
    )
    parts = [f"<title>{escape(_decorated(rng, headline, site))}</title>"]
    if shape in ("jsonld", "graph", "opengraph"):
        parts.append(f'<meta property="og:site_name" content="{escape(site)}">')
        og = f"{headline} - {story.tagline}" if story.tagline and shape == "opengraph" else None
        parts.append(f'<meta property="og:title" content="{escape(og or _decorated(rng, headline, site))}">')
        if og:
            parts.append(f'<meta name="twitter:title" content="{escape(headline)}">')
        parts.append(f'<meta property="article:published_time" content="{published.isoformat()}">')
    if shape in ("jsonld", "graph"):
        parts.append(_jsonld(rng, shape == "graph", story))
    if shape == "meta" or (shape == "opengraph" and rng.random() < 0.7):
        names = ", ".join(people) if people else (wire or site)
        if len(people) > 1 and rng.random() < 0.4:  # one meta per author
            parts += [f'<meta name="parsely-author" content="{escape(name)}">' for name in people]
        else:
            parts.append(f'<meta name="author" content="{escape(names)}">')
        if rng.random() < 0.3:  # a day written with dots
            parts.append(f'<meta name="date" content="{published.strftime("%d.%m.%Y %H:%M")}">')
        elif rng.random() < 0.15:  # milliseconds since 1970
            parts.append(f'<meta name="publish-date" content="{int(published.timestamp() * 1000)}">')
        else:
            parts.append(f'<meta name="pubdate" content="{published.strftime("%Y-%m-%dT%H:%M:%SZ")}">')
    elif rng.random() < 0.4:
        parts.append(f'<meta name="author" content="{escape(site)}">')  # the outlet, not a person
    return "".join(parts)


def _jsonld(rng: random.Random, graph: bool, story: _Story) -> str:
    site, people, wire, published = story.site, story.people, story.wire, story.published
    initials = rng.random() < 0.2  # 'Ana Ruiz (ar)': initials in brackets after each name
    authors: list[dict[str, str]] = [
        {"@type": "Person", "name": f"{name} ({_initials(name)})" if initials else name} for name in people
    ]
    if authors and not initials and rng.random() < 0.15:  # markup a CMS left in the name
        authors[0]["name"] = f"{authors[0]['name']} <span class='role'>Reporter</span>"
    if rng.random() < 0.2 and people:
        authors.append({"@type": "Person", "name": people[0].upper()})  # the same person, other case
    if wire:
        authors.append({"@type": "Organization", "name": wire})
    if not authors:
        authors.append({"@type": "Organization", "name": site})
    article = {
        "@type": rng.choice(("NewsArticle", "Article", "ReportageNewsArticle")),
        "headline": f"{story.headline} | {story.tagline}" if story.tagline else story.headline,
        "datePublished": (published - timedelta(days=400) if story.stale else published).isoformat(),
        "dateModified": (published + timedelta(hours=3)).isoformat(),
        "author": authors if len(authors) > 1 or rng.random() < 0.5 else authors[0],
        "publisher": {"@type": "Organization", "name": site},
    }
    related = rng.random() < 0.3  # a related story's article node before the page's own
    if related:
        article["mainEntityOfPage"] = {"@type": "WebPage", "@id": story.url}
    other = {
        "@type": "NewsArticle",
        "headline": f"{story.city} ferry fares to rise",
        "url": story.url.rsplit("/", 1)[0] + "/ferry-fares",
        "author": {"@type": "Person", "name": "Otto Lindgren"},
        "datePublished": "2023-02-01T09:00:00Z",
    }
    if graph:
        nodes: list[object] = [{"@type": "WebSite", "name": site}, *([other] if related else []), article]
        if rng.random() < 0.3:  # the web page node carries the dates, the article node none
            dates = {key: article.pop(key) for key in ("datePublished", "dateModified")}
            nodes.insert(1, {"@type": "WebPage", "@id": story.url, "name": story.headline, **dates})
        data: object = {"@context": "https://schema.org", "@graph": nodes}
    elif rng.random() < 0.3:  # the article as the main entity of a web page node
        data = {"@context": "https://schema.org", "@type": "WebPage", "name": site, "mainEntity": article}
    else:
        data = {"@context": "https://schema.org", **article}
    before = (
        f'<script type="application/ld+json">{json.dumps(other)}</script>' if related and not graph else ""
    )
    return f'{before}<script type="application/ld+json">{json.dumps(data)}</script>'


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()).casefold()


def _body(rng: random.Random, shape: str, story: _Story) -> str:
    site = story.site
    nav = f'<header><div class="logo"><h1>{escape(site)}</h1></div><nav><a href="/">Home</a></nav></header>'
    if rng.random() < 0.5:
        nav = f'<header><a class="logo" href="/">{escape(site)}</a></header>'
    if rng.random() < 0.3:  # a clock in the header: a date that is not the article's
        nav += '<div class="topbar"><time datetime="2026-01-01T07:00:00Z">Thursday</time></div>'
    byline = _byline(rng, story)
    if story.rail:  # other stories above the article; no class says they are not the article's
        when = story.published - timedelta(days=rng.randint(2, 30))
        other = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        nav += (
            f'<div class="top-stories"><div class="item"><a href="/ferry-fares">{story.city} ferry fares'
            f' to rise</a><div class="byline">By {escape(other)}</div><time class="published"'
            f' datetime="{when.isoformat()}">{when:%B %d}</time></div></div>'
        )
    sentences = [s.format(city=story.city, thing=story.thing) for s in rng.sample(_SENTENCES, 8)]
    paragraphs = "".join(f"<p>{' '.join(sentences[i : i + 2])}</p>" for i in range(0, 8, 2))
    widgets = _widgets(rng)
    heading = f"<h1>{escape(story.headline)}</h1>" if shape != "opengraph" or rng.random() < 0.7 else ""
    if heading and rng.random() < 0.15:  # a kicker in its own element before the headline
        heading = f'<h1><span class="kicker">{rng.choice(_KICKERS)}</span> {escape(story.headline)}</h1>'
    return (
        f"{nav}<main><article>{heading}{byline}{widgets[0]}<div class='article-body'>{paragraphs}</div>"
        f"{widgets[1]}</article>{widgets[2]}</main><footer><p>© {escape(site)}</p></footer>"
    )


def _byline(rng: random.Random, story: _Story) -> str:
    site, people, wire, published = story.site, story.people, story.wire, story.published
    stamp = published.strftime("%B %d, %Y") if story.dated else ""
    time = f'<time datetime="{published.isoformat()}">{stamp}</time>' if story.dated else ""
    if story.region and story.dated:  # the time written in the reader's zone, no <time> element
        zone, short = story.region
        local = published.astimezone(ZoneInfo(zone))
        named = short if local.tzname() == "CST" else local.tzname()  # CST names three zones: not written
        time = rng.choice(
            (
                f"{local:%B %d, %Y %I:%M %p} {short}",
                f"Published {local:%I:%M %p} {named} {local:%b. %d, %Y}",
                f"{local:%b %d, %Y}, {local:%I:%M %p} {named}",
            )
        )
    if time and not story.region and rng.random() < 0.2:  # the last update's time printed first
        later = published + timedelta(days=rng.randint(1, 4))
        updated = f'<time datetime="{later.isoformat()}">{later.strftime("%B %d, %Y")}</time>'
        time = f'<span class="meta-line">Updated {updated} | Published {time}</span>'
    names = [f'<a rel="author" href="/staff/{i}">{escape(name)}</a>' for i, name in enumerate(people)]
    if not names:
        return f'<div class="byline">{escape(wire or "")} {time}</div>'
    joined = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
    credit = f", {escape(wire)}" if wire else ""
    style = rng.choice(("div", "span", "p"))
    shapes = ("bar", "bar", "glued", "outlet", "role", "special", "bio", "foreign", "links", "each")
    shape = rng.choice((*shapes, "labelled", "label-element", "hook", "outlet-line", "by-class", "posted-on"))
    if story.region:  # a written time is read from a byline element
        shape = "bar"
    if shape == "label-element":  # the label in an element of its own, then the names; no class or rel
        plain = " and ".join(f'<span class="name">{escape(name)}</span>' for name in people)
        return f'<div class="story-meta"><span class="label">By</span> {plain}{credit} {time}</div>'
    if shape == "labelled":  # a label, then links to the authors' pages; no class says 'byline'
        links = [
            f'<span class="person-link"><a href="/{n.casefold().replace(" ", "-")}">{escape(n)}</a></span>'
            for n in people
        ]
        items = f"<li>{rng.randint(2, 9)} min read</li><li>{rng.choice(_LABELS)} {', '.join(links)}</li>"
        return f'<ul class="story-info">{items}</ul>{time}'

    if shape == "hook":  # the byline marked by a test hook of the page's scripts, not by a class
        return f'<div data-testid="byline">By {" and ".join(escape(n) for n in people)}{credit} {time}</div>'
    if shape == "outlet-line":  # each name, then the outlet, in elements of their own with no separator
        each = "".join(f"<span>{escape(name)}</span>" for name in people)
        return f'<div class="byline">{each}<span>{escape(site)}</span></div>{time}'
    if shape == "by-class":  # a class that holds 'by' as a word, the names alone
        return f'<div class="article-by">{" and ".join(escape(n) for n in people)}{credit}</div>{time}'
    if shape == "posted-on" and story.dated:  # the date after 'on', in a line with no byline class
        names = " and ".join(escape(n) for n in people)
        return f'<p class="post-meta">Posted by {names}{credit} on {stamp}</p>'
    if shape == "links":  # links to the authors' pages, no byline class or rel
        links = [f'<a href="/author/{n.casefold().replace(" ", "-")}">{escape(n)}</a>' for n in people]
        return f'<div class="story-meta">By {" and ".join(links)}{credit} {time}</div>'
    if shape == "each":  # one element per author
        each = "".join(f'<span class="author">{escape(name)}</span>' for name in people)
        return f'<div class="story-meta">{each}{credit} {time}</div>'
    if shape == "foreign":  # label and 'and' in another language: 'von A und B', 'par A et B'
        label, conjunction = rng.choice(_FOREIGN)
        joined = f" {conjunction} ".join(names)
        return f'<{style} class="byline">{label} {joined}{credit} {time}</{style}>'
    if shape == "glued" and not story.dated:
        shape = "bar"
    if shape == "special":  # a role credit after the names
        return f'<{style} class="byline">By {joined}, Special to {escape(site)} {time}</{style}>'
    if shape == "bio":  # an author box whose text goes on into a biography
        bio = f"{escape(people[0])} covers local government and transport for {escape(site)}."
        name = f'<span class="author-name">{joined}</span>'
        return f'<div class="author-card">{name}<p class="author-bio">{bio}</p></div>{time}'
    if shape == "glued":  # the date right after the names, no separator
        return f'<{style} class="byline">By {joined}{credit} Updated {stamp}</{style}>'
    if shape == "outlet":  # the outlet's name among the credits
        return f'<{style} class="byline">By {joined}, {escape(site)}{credit} {time}</{style}>'
    if shape == "role":  # an author box: name, then a role line
        name = f'<span class="author-name">{joined}</span>'
        return f'<div class="author-box">{name}<span>Staff Writer</span>{time}</div>'
    return f'<{style} class="byline">By {joined}{credit} | {time}</{style}>'


def _widgets(rng: random.Random) -> tuple[str, str, str]:
    """Byline look-alikes: a share bar, an author profile box, comments, a form, related bylines, a photo's
    credit in an author class."""
    other = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    photo = (
        f'<figure><img src="/p.jpg" alt=""><figcaption class="author-credit">{escape(other)} /'
        f" {rng.choice(_PICTURES)}</figcaption></figure>"
    )
    share = '<div class="share-bar"><span class="author-share">Share</span> <a>Email</a> <a>Print</a></div>'
    follow = '<div class="author-follow"><button>Follow</button> <span>More from this author</span></div>'
    form = '<form class="newsletter"><label class="author-field">Your name</label><input></form>'
    related = (
        f'<aside class="related-stories"><h3>More news</h3><p><a>Ferry fares to rise</a></p>'
        f'<span class="byline">By {escape(other)}</span></aside>'
    )
    commenter = f'<div class="comment-author">{escape(other)}</div>'
    teaser = (
        '<div class="list"><a href="/ferry-fares"><span>Ferry fares to rise</span>'
        f"<span>By {escape(other)}</span></a></div>"
    )
    comments = f'<section class="comments">{commenter}<p>Good news.</p></section>'
    first = rng.choice((share, follow, photo, "", ""))
    second = rng.choice((form, "", follow))
    third = rng.choice((related, comments, related + comments, teaser, ""))
    return first, second, third


# --- scoring ----------------------------------------------------------------------------------------


Extracted = tuple[str, tuple[str, ...], str]


def newsift_metadata(page: Page) -> Extracted:
    from newsift.clean.html import extract_html_article

    article = extract_html_article(page.html, page_id="bench", uri=page.url, url=page.url, fetched_at=WHEN)
    if article is None:
        return "", (), ""
    day = article.published_at.date().isoformat() if article.published_at else ""
    return article.title, article.authors, day


def trafilatura_metadata(page: Page) -> Extracted:
    import trafilatura

    document = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if document is None:
        return "", (), ""
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    authors = tuple(a.strip() for a in (data.get("author") or "").split(";") if a.strip())
    return data.get("title") or "", authors, (data.get("date") or "")[:10]


def authors_f1(predicted: tuple[str, ...], gold: tuple[str, ...]) -> float:
    pred, truth = {a.casefold() for a in predicted}, {a.casefold() for a in gold}
    if not pred and not truth:
        return 1.0
    hits = len(pred & truth)
    if not hits:
        return 0.0
    precision, recall = hits / len(predicted), hits / len(truth)
    return 2 * precision * recall / (precision + recall)


def score(pages: list[Page], extract: Callable[[Page], Extracted]) -> tuple[dict[str, float], list[str]]:
    title = authors = date = 0.0
    errors: list[str] = []
    for page in pages:
        got_title, got_authors, got_day = extract(page)
        ok_title = " ".join(got_title.split()) == page.title
        f1 = authors_f1(got_authors, page.authors)
        title, authors, date = title + ok_title, authors + f1, date + (got_day == page.day)
        if not ok_title or f1 < 1 or got_day != page.day:
            errors.append(
                f"#{page.number}: {got_title!r} {got_authors} {got_day}"
                f" | gold {page.title!r} {page.authors} {page.day}"
            )
    n = len(pages) or 1
    result = {
        "title_exact": round(title / n, 3),
        "authors_f1": round(authors / n, 3),
        "date_day": round(date / n, 3),
    }
    return result, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--errors", action="store_true", help="print the tune (odd) half's misses")
    args = parser.parse_args()
    pages = generate(args.pages, args.seed)
    halves = {"tune (odd)": pages[0::2], "check (even)": pages[1::2]}
    report: dict[str, dict[str, dict[str, float]]] = {}
    for half, chosen in halves.items():
        ours, errors = score(chosen, newsift_metadata)
        theirs, _ = score(chosen, trafilatura_metadata)
        report[half] = {"newsift": ours, "trafilatura": theirs}
        print(f"{half}: {len(chosen)} pages")
        for name, result in report[half].items():
            print(
                f"  {name:12} title {result['title_exact']:.3f}  authors F1 {result['authors_f1']:.3f}"
                f"  date {result['date_day']:.3f}"
            )
        if args.errors and half.startswith("tune"):
            print("\n".join(f"    {line}" for line in errors))
    print(json.dumps({"pages": len(pages), "seed": args.seed, **report}))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
