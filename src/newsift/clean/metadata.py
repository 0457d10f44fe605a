"""Title, authors, dates and site name of an HTML page from its own statements, most structured first:
JSON-LD, then OpenGraph and ``article:*`` meta, ``<meta name=author>``, ``rel=author``, then the markup.

Each field records where it came from (``sources``); the fields are read by ``titles``, ``authors`` and
``page_dates``, the site's names here. Reads the tree; never edits it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsift.clean.agreement import headline_element
from newsift.clean.authors import extract_authors, extract_credit
from newsift.clean.jsonld import JsonLdArticle
from newsift.clean.page_dates import date_in_url, extract_modified, extract_published
from newsift.clean.titles import MAX_SITE_WORDS, SEPARATOR, extract_title, headings, strip_site_name

__all__ = ["PageMetadata", "date_in_url", "extract_page_metadata", "strip_site_name"]

_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gv", "nic"})
_NO_SITE_LABELS = frozenset({"www", "amp", "edition", "mobile", "web"})
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<owner>[^.|·•©]+)",
    re.IGNORECASE,
)
_COMPANY_FORM = re.compile(r"(?:[\s,]+(?:ltd|limited|inc|llc|gmbh|plc|ag|corp|\d{4}))+\W*$", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMetadata:
    """What the page states about its article; ``sources`` maps each field found to where it came from."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    wire: str | None = None
    published_text: str | None = None
    modified_text: str | None = None
    site_name: str | None = None
    description: str | None = None
    outlets: tuple[str, ...] = ()  # every name the page gives its own outlet (site, publisher, domain)
    headlines: tuple[str, ...] = ()  # the headlines the page prints (h1), whichever the title is
    credit: str | None = None  # the author stated when it names no person or wire ('BBC News', 'X Staff')
    sources: tuple[tuple[str, str], ...] = ()

    @property
    def is_complete(self) -> bool:
        """True when the page stated title, date, site and summary: trafilatura's metadata pass (a third of
        its time) is not asked; a missing author is looked for by its author search alone."""
        return bool(self.title and self.published_text and self.site_name and self.description)

    def source_of(self, field: str) -> str | None:
        return dict(self.sources).get(field)


def extract_page_metadata(
    tree: HtmlElement, jsonld: JsonLdArticle | None, *, url: str | None = None
) -> PageMetadata:
    """Metadata of one parsed page (``tree`` before any pruning) and its JSON-LD article node."""
    every = _meta_values(tree)
    meta = {key: values[0] for key, values in every.items() if values}
    ld = jsonld or JsonLdArticle()
    site = _first(("og:site_name", meta.get("og:site_name")), ("json-ld", ld.publisher or ld.site_name))
    site = site or _first(("meta:application-name", meta.get("application-name")))
    sites = tuple(n for n in (meta.get("og:site_name"), ld.publisher, ld.site_name, *_host_labels(url)) if n)
    sites += tuple(n for n in (meta.get("application-name"),) if n)
    sources: list[tuple[str, str]] = []
    if site:
        sources.append(("site_name", site[0]))
    title = extract_title(tree, ld, meta, sites)
    if title and title[0] != "h1" and SEPARATOR.search(title[1]):  # a site part the site fields do not name?
        title = extract_title(tree, ld, meta, sites + _named_elsewhere(tree, meta))
    if title:
        sources.append(("title", title[0]))
    anchor = headline_element(tree, title[1] if title else None)
    authors, wire, authors_from = extract_authors(tree, ld, every, sites, anchor)
    if authors_from:
        sources.append(("authors", authors_from))
    credit = None if authors or wire else extract_credit(ld, every)
    if credit:
        sources.append(("credit", credit[0]))
    published = extract_published(tree, ld, meta, anchor)
    if published:
        sources.append(("published", published[0]))
    modified = extract_modified(ld, meta)
    return PageMetadata(
        title=title[1] if title else None,
        authors=authors,
        wire=wire,
        published_text=published[1] if published else None,
        modified_text=modified[1] if modified else None,
        site_name=site[1] if site else None,
        description=ld.description or meta.get("og:description") or meta.get("description"),
        outlets=sites,
        headlines=tuple(headings(tree)),
        credit=credit[1] if credit else None,
        sources=tuple(sources),
    )


def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    """Non-empty contents of each ``<meta>`` by its property, name or itemprop (casefolded), in page order
    (an author key may repeat, once per author)."""
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = " ".join((element.get("content") or "").split())
        if _ENTITY.search(content):  # escaped twice by the page ('&amp;amp;'): read once more
            content = unescape(content)
        if key and content and content not in values.setdefault(key.strip().casefold(), []):
            values[key.strip().casefold()].append(content)
    return values


def _first(*candidates: tuple[str, str | None]) -> tuple[str, str] | None:
    for source, value in candidates:
        if value:
            return source, value
    return None


def _host_labels(url: str | None) -> tuple[str, ...]:
    """'www.harbourledger.example' -> ('harbourledger',), 'news.quay.co.uk' -> ('news', 'quay'): the names a
    site's address gives it, without the top-level and second-level domain ('co', 'com'), 'www' and the like,
    and a language code ('fr.')."""
    host = urlsplit(url or "").hostname or ""
    labels = host.split(".")[:-1]  # the top-level domain names no site
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    *subdomains, registered = labels or [""]
    named = [label for label in subdomains if label not in _NO_SITE_LABELS and len(label) > 2]
    return tuple(label for label in (*named, registered) if label)


def _named_elsewhere(tree: HtmlElement, meta: dict[str, str]) -> tuple[str, ...]:
    """Names the page gives its owner outside the site-name fields: its social account ('@quayjournal'),
    publisher and copyright meta, the footer's copyright line. Used to recognise the site's part of a title
    only: a personal site's owner is also its author."""
    names = [(meta.get("twitter:site") or "").lstrip("@"), meta.get("publisher") or ""]
    names.append(_copyright_owner(meta.get("copyright") or ""))
    for footer in tree.iter("footer"):
        text = " ".join(footer.text_content().split())
        if "©" in text:
            names.append(_copyright_owner(text[text.index("©") :]))
            break
    return tuple(name for name in names if name)


def _copyright_owner(text: str) -> str:
    """'© 2024 The Quay Journal. All rights reserved.' -> 'The Quay Journal'."""
    match = _COPYRIGHT.match(text)
    owner = _COMPANY_FORM.sub("", match["owner"]).strip(" .,|-–—") if match else ""
    return owner if 1 <= len(owner.split()) <= MAX_SITE_WORDS else ""
