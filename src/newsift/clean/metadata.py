"""Title, authors, dates and site name of an HTML page from its own statements, most structured first:
JSON-LD, then OpenGraph and ``article:*`` meta, ``<meta name=author>``, ``rel=author``, then the markup.

Each field records where it came from (``sources``). Reads the tree; never edits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import unescape
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsift.clean.agreement import headline_element, nearest_first, with_headline
from newsift.clean.jsonld import JsonLdArticle
from newsift.clean.names import is_person_name, outlet_key, split_credit, unique_names
from newsift.clean.structured import find_written_date, parse_datetime
from newsift.clean.titles import (
    MAX_LABEL_WORDS,
    MAX_SITE_WORDS,
    SEPARATOR,
    extract_title,
    headings,
    strip_site_name,
)

__all__ = ["PageMetadata", "date_in_url", "extract_page_metadata", "strip_site_name"]

_AUTHOR_META = ("author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator")
_MORE_AUTHOR_META = ("dcterms.creator", "cxenseparse:author")
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate")
_MORE_DATE_META = ("dc.date.issued", "dcterms.created", "date", "parsely-pub-date", "sailthru.date")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
_BYLINE_WORDS = ("author", "autor", "auteur", "byline", "writer", "contributor")
_BYLINE_CLASS = re.compile("|".join(_BYLINE_WORDS), re.IGNORECASE)
_OUTSIDE = re.compile(
    r"related|comment|sidebar|footer|recommend|promo(?!ted)|newsletter|share|social|widget|teaser|more-from",
    re.IGNORECASE,
)
# a figure's credit ('Photo: ...') is the photographer's, in a byline's class
_OUTSIDE_TAGS = frozenset({"aside", "footer", "nav", "form", "header-nav", "figure", "figcaption"})
# an author's page: a path segment naming authors, then the author's own segment
_AUTHOR_PATH = re.compile(
    r"/(?:authors?|autor(?:en|es)?|auteurs?|autore|autori|journalists?|reporters?|writers?|contributors?"
    r"|columnists?|staff|byline|by|profiles?)/[^/]+",
    re.IGNORECASE,
)
_AUTHOR_PATH_WORDS = (
    *("author", "Author", "autor", "auteur", "journalist", "reporter", "writer", "contributor"),
    *("columnist", "staff", "byline", "by/", "profile"),
)
_AUTHOR_HREF = etree.XPath(  # a cheap first pass over the links before _AUTHOR_PATH
    ".//a[" + " or ".join(f"contains(@href, '/{word}')" for word in _AUTHOR_PATH_WORDS) + "]"
)
# a credit's label in the page's language, first in an element's own text ('Von: <a>Ana Ruiz</a>')
_CREDIT_LABEL = re.compile(
    r"^(?:by|von|par|por|di|door|av|af|od|autor|autorin|autoren|auteur|autore|author|authors|text|tekst)"
    r"(?::|\s|$)|^(?:written|posted|reported|story|words|opinion|analysis|review|commentary|column|essay"
    r"|interview|perspective)\s+by\b|^(?:words|reporter|writer):",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_CREDIT_TAGS = ("p", "div", "li", "span", "address", "dd")
_LABEL_TAGS = frozenset({"span", "strong", "b", "em", "i", "small", "label"})
_PUBLISHED_MARK = re.compile(r"datepublished|publish|pubdate|posted|created", re.IGNORECASE)
# a time marked or worded as the last change ('Updated', 'Aktualisiert', 'Mis à jour'), not the publication
_MODIFIED_MARK = re.compile(r"modified|updated|update-|edited|lastmod", re.IGNORECASE)
_MODIFIED_WORD = (
    r"(?:updated|modified|edited|aktualisiert|actualizado|actualisé|mis\s+à\s+jour|aggiornato|bijgewerkt"
    r"|atualizado|oppdatert|uppdaterad|opdateret|güncellendi)"
)
_MODIFIED_BEFORE = re.compile(_MODIFIED_WORD + r"(?:\s+(?:on|at|am|le|el|il|op|em))?\W*$", re.IGNORECASE)
_MODIFIED_IN = re.compile(r"^\W*" + _MODIFIED_WORD + r"\b", re.IGNORECASE)
_MAX_BYLINE_CHARS = 200
# the publication's day worded as such in a date line ('Published 4 March', 'First published', 'Posted')
_PUBLISHED_WORD = re.compile(
    r"\b(?:published|posted|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|publicerad|yayınlanma)\b",
    re.IGNORECASE,
)
_DATE_CLASS = re.compile(r"date|time|publish|posted", re.IGNORECASE)
_DATE_LINE_TAGS = ("div", "p", "span", "li", "small", "header")
_BLOCK_TAGS = frozenset({"p", "div", "li", "td", "section", "article", "blockquote", "dd"})
_MAX_BYLINES = 5
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gv", "nic"})
_NO_SITE_LABELS = frozenset({"www", "amp", "edition", "mobile", "web"})
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<owner>[^.|·•©]+)",
    re.IGNORECASE,
)
_COMPANY_FORM = re.compile(r"(?:[\s,]+(?:ltd|limited|inc|llc|gmbh|plc|ag|corp|\d{4}))+\W*$", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)
_EARLIEST_YEAR = 1990  # a placeholder date (year 1) is no date
_STALE_GAP = timedelta(days=30)  # a JSON-LD date this far from the meta's is no rounding of the same time
_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)"),  # /2024/10/16/
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)[-_](?P<m>[01]\d)[-_](?P<d>[0-3]\d)(?!\d)"),  # 2024-10-16
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d])"),  # 20241016, alone
)


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
    authors, wire, authors_from = _authors(tree, ld, every, sites, anchor)
    if authors_from:
        sources.append(("authors", authors_from))
    credit = None if authors or wire else _stated_credit(ld, every)
    if credit:
        sources.append(("credit", credit[0]))
    published = _published(tree, ld, meta, anchor)
    if published:
        sources.append(("published", published[0]))
    modified = _date(None, (("json-ld", ld.modified),), meta, _MODIFIED_META, None)
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


# --- authors --------------------------------------------------------------------------------------


def _authors(
    tree: HtmlElement,
    ld: JsonLdArticle,
    meta: dict[str, list[str]],
    sites: tuple[str, ...],
    anchor: HtmlElement | None,
) -> tuple[tuple[str, ...], str | None, str | None]:
    """(people, wire, where they came from), from the first source that names a person."""
    wire = next((_agency_name(org, sites) for org in ld.organisations if _agency_name(org, sites)), None)
    rel, links = _rel_authors(tree, anchor), _author_links(tree, anchor)
    for source, texts in _author_candidates(tree, ld, meta, rel, links, anchor):
        people: list[str] = []
        for text in texts:
            stated = source.startswith(("json-ld", "meta:"))
            credit = split_credit(text, outlets=sites, single=source == "json-ld", stated=stated)
            people.extend(credit.people)
            wire = wire or credit.wire
        if people:
            found = _with_linked(unique_names(people), [*rel, *links], sites)
            if len(found) == 1 and source.startswith(("json-ld", "meta:")):
                # a structured field often names only the first of the printed byline's authors
                found = _with_linked(found, _byline_texts(tree, anchor), sites)
            return found, wire, source
    return (), wire, None


def _stated_credit(ld: JsonLdArticle, meta: dict[str, list[str]]) -> tuple[str, str] | None:
    """(source, text) of the first author a structured field states, when none names a person or a wire:
    an outlet, a desk or a staff credit, kept apart from ``authors``."""
    stated = [("json-ld", [*ld.people, *ld.organisations])]
    stated += [(f"meta:{name}", meta.get(name, [])) for name in _AUTHOR_META]
    for source, values in stated:
        for value in values:
            if _is_name_value(value) and any(char.isalpha() for char in value):
                return source, value
    return None


def _agency_name(organisation: str, sites: tuple[str, ...]) -> str | None:
    """The wire an organisation typed as an author names: a known wire or one that calls itself a news
    agency, or an acronym ('KNA') other than the page's own outlet, credited for agency copy."""
    if wire := split_credit(organisation).wire:
        return wire
    own = {outlet_key(site) for site in sites}
    is_acronym = _ACRONYM.fullmatch(organisation) is not None
    return organisation if is_acronym and outlet_key(organisation) not in own else None


def _author_candidates(
    tree: HtmlElement,
    ld: JsonLdArticle,
    meta: dict[str, list[str]],
    rel: list[str],
    links: list[str],
    anchor: HtmlElement | None,
) -> Iterator[tuple[str, list[str]]]:
    """Each source's author texts, most structured first; the markup is searched only when reached."""
    yield "json-ld", list(ld.people)
    for name in (*_AUTHOR_META, *_MORE_AUTHOR_META):
        if values := [value for value in meta.get(name, []) if _is_name_value(value)]:
            yield f"meta:{name}", values
    yield "rel=author", rel
    yield "markup:byline", _byline_texts(tree, anchor)
    yield "markup:author-link", links
    yield "markup:credit-label", _labelled_credit(tree, anchor)
    yield (
        "meta:author-page",
        _author_page_names([value for key in _AUTHOR_META for value in meta.get(key, [])]),
    )
    yield "json-ld:author-page", _author_page_names(list(ld.author_pages))


def _author_page_names(addresses: list[str]) -> list[str]:
    """'https://quay.example/author/ana-ruiz/' in an author meta or a JSON-LD author with no name -> 'Ana
    Ruiz': the name the address of the writer's own page spells, two to four words of letters (a last
    resort: the case of a name is lost)."""
    names: list[str] = []
    for value in addresses:
        path = urlsplit(value).path.rstrip("/")
        if not _AUTHOR_PATH.search(path):
            continue
        words = path.rsplit("/", 1)[-1].split("-")
        if 2 <= len(words) <= 4 and all(word.isalpha() for word in words):
            names.append(" ".join(word.capitalize() for word in words))
    return names


def _with_linked(people: tuple[str, ...], linked: list[str], sites: tuple[str, ...]) -> tuple[str, ...]:
    """The page's author links when they credit everyone the chosen source names and more: a structured
    field often names only the first of a byline's authors."""
    names = unique_names([name for text in linked for name in split_credit(text, outlets=sites).people])
    folded = {name.casefold() for name in names}
    if len(names) > len(people) and all(person.casefold() in folded for person in people):
        return names
    return people


def _is_name_value(value: str | None) -> bool:
    return bool(value) and "://" not in (value or "") and not (value or "").startswith("/")


def _rel_authors(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    links = tree.xpath('.//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]')
    return [" ".join(link.text_content().split()) for link in links if _in_credit_place(link, anchor)]


def _in_credit_place(element: HtmlElement, anchor: HtmlElement | None) -> bool:
    """Outside widgets, and inside the article that holds the headline."""
    return not _outside_article(element) and with_headline(element, anchor)


def _author_links(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    """Texts of the article's links to an author page ('/author/ana-ruiz/'): the first such link and
    those beside it in the same credit (a list of them elsewhere on the page is another story's)."""
    credit: HtmlElement | None = None
    texts: list[str] = []
    for link in _AUTHOR_HREF(tree):
        if not _AUTHOR_PATH.search(urlsplit(link.get("href") or "").path):
            continue
        if not _in_credit_place(link, anchor):
            continue
        text = " ".join(link.text_content().split())
        if not is_person_name(text) or _in_running_text(link):
            continue
        if credit is None:
            credit = link.getparent()
        elif link.getparent() is not credit:
            break
        texts.append(text)
    return texts


def _in_running_text(link: HtmlElement) -> bool:
    """The link sits in a paragraph of prose (a person the story mentions), not in a short credit."""
    block = next((a for a in link.iterancestors() if a.tag in _BLOCK_TAGS), None)
    return block is not None and len(block.text_content()) > _MAX_BYLINE_CHARS


def _byline_texts(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    """Texts of elements marked as the author or byline, outside widgets, one line per text node: the one
    nearest the headline that names a person or a wire, and those after it under the same parent (one
    element per author)."""
    for element, text in _bylines(tree, anchor):
        if _names_person(text) or split_credit(text).wire:
            siblings = (_byline_text(sibling) for sibling in element.itersiblings())
            return [text, *(other for other in siblings if other and _names_person(other))]
    return []


def _labelled_credit(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    """The first short element, outside widgets and links, whose own text opens with a credit's label and
    that names a person ('<li>Von: <a href="/ana-ruiz">Ana Ruiz</a></li>'): a byline with no class that
    says so. (A credit inside a link is a teaser's, for the story the link opens.)"""
    for element in tree.iter(*_CREDIT_TAGS):
        if not _opens_with_label(element) or not _in_credit_place(element, anchor):
            continue
        if any(ancestor.tag == "a" for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if len(text) <= _MAX_BYLINE_CHARS and _names_person(text):
            return [text]
    return []


def _opens_with_label(element: HtmlElement) -> bool:
    """The element's own text opens with a credit's label, or its first child holds the label alone
    ('<div><span>By</span> <a>Ana Ruiz</a></div>')."""
    text = (element.text or "").strip()
    if text:
        return _CREDIT_LABEL.match(text) is not None
    first = next((child for child in element if isinstance(child.tag, str)), None)
    if first is None or first.tag not in _LABEL_TAGS or (first.tail is None and first.getnext() is None):
        return False
    label = " ".join(first.text_content().split())
    return len(label.split()) <= MAX_LABEL_WORDS and _CREDIT_LABEL.match(label) is not None


def _names_person(text: str) -> bool:
    return any(is_person_name(p) for p in split_credit(text).people)


def _byline_date(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """A day written in one of the bylines nearest the headline ('By Ana Ruiz | Updated July 24, 2024')."""
    for _, text in _bylines(tree, anchor):
        if (day := _published_written_date(text)) is not None:
            return day
    return None


def _published_written_date(text: str) -> str | None:
    """The first day written in a line, or the one after a word saying it is the publication's when the
    line has one ('Updated 9 March 2025 | Published 4 March 2025' -> '4 March 2025')."""
    for match in _PUBLISHED_WORD.finditer(text):
        if (day := find_written_date(text[match.end() :])) is not None:
            return day
    return find_written_date(text)


def _date_line(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """A day worded as the publication's in a short element marked as a date or time ('<div class="date">
    Updated 9 March | Published 4 March</div>'), in the headline's article: without that word the line is
    left to the fallback's date search."""
    for element in tree.iter(*_DATE_LINE_TAGS):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if not _DATE_CLASS.search(marks) or _outside_article(element) or not with_headline(element, anchor):
            continue
        text = " ".join(element.text_content().split())
        if len(text) > _MAX_BYLINE_CHARS or not _PUBLISHED_WORD.search(text):
            continue
        if (day := _published_written_date(text)) is not None:
            return day
    return None


def _bylines(tree: HtmlElement, anchor: HtmlElement | None) -> list[tuple[HtmlElement, str]]:
    """The first few elements marked as the author or byline outside widgets and inside the headline's
    article, with their short text, those printed nearest the headline first."""
    found: list[tuple[HtmlElement, str]] = []
    for element in tree.iter():
        if (text := _byline_text(element)) is not None and with_headline(element, anchor):
            found.append((element, text))
            if len(found) >= _MAX_BYLINES:
                break
    return nearest_first(found, anchor, tree)


def _byline_text(element: HtmlElement) -> str | None:
    """The text (a line a text node) of an element marked as the author or byline, outside widgets and at
    most a byline long; None for any other element."""
    if not isinstance(element.tag, str) or element.tag in ("meta", "link", "a", "img", "script"):
        return None
    marks = f"{element.get('class', '')} {element.get('itemprop', '')} {element.get('id', '')}"
    if not _BYLINE_CLASS.search(marks) or _outside_article(element):
        return None
    lines = [" ".join(t.split()) for t in element.itertext()]
    text = "\n".join(line for line in lines if line) or _microdata_name(element)
    return text if text and len(text) <= _MAX_BYLINE_CHARS else None


def _microdata_name(element: HtmlElement) -> str:
    """The name a microdata author states in a ``<meta itemprop=name content=...>`` inside it, printing
    nothing ('<span itemprop="author" itemscope><meta itemprop="name" content="Ana Ruiz"></span>')."""
    if "author" not in (element.get("itemprop") or "").casefold():
        return ""
    for meta in element.iter("meta"):
        if (meta.get("itemprop") or "").strip().casefold() == "name":
            return " ".join((meta.get("content") or "").split())
    return ""


def _outside_article(element: HtmlElement) -> bool:
    """Inside a sidebar, footer, comment, share bar, newsletter form or related-stories block."""
    for ancestor in [element, *element.iterancestors()]:
        if ancestor.tag in _OUTSIDE_TAGS:
            return True
        if _OUTSIDE.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
    return False


# --- dates ----------------------------------------------------------------------------------------


def _published(
    tree: HtmlElement, ld: JsonLdArticle, meta: dict[str, str], anchor: HtmlElement | None
) -> tuple[str, str] | None:
    """(source, text) of the publication time: the first the page states (letting the time printed with
    the headline settle stated times that disagree was measured and dropped: it cost a check-half date)."""
    names = (*_DATE_META, *_MORE_DATE_META)
    candidates = _date_candidates(None, (("json-ld", ld.published),), meta, names, None)
    stated = [
        (source, value, moment)
        for source, value in candidates
        if value and (moment := _readable_date(value)) is not None
    ]
    if not stated:
        return _date(tree, (), {}, (), anchor)
    if stated[0][0] == "json-ld" and (other := _stale_structured_date(tree, stated, anchor)) is not None:
        return other
    return stated[0][0], stated[0][1]


def _stale_structured_date(
    tree: HtmlElement, stated: list[tuple[str, str, datetime]], anchor: HtmlElement | None
) -> tuple[str, str] | None:
    """(source, text) of a meta date when the JSON-LD's is weeks away from it and the time printed with the
    headline agrees with the meta: the JSON-LD then carries a template's stale value. (A printed time that
    settles any disagreement, even of a day, was measured and dropped: it cost a check-half date.)"""
    first = stated[0][2]
    for source, value, moment in stated[1:]:
        if abs(_as_utc(moment) - _as_utc(first)) <= _STALE_GAP:
            continue
        printed = _readable_date(_time_element(tree, anchor) or _byline_date(tree, anchor))
        if printed is not None and abs(_as_utc(printed) - _as_utc(moment)) <= timedelta(days=1):
            return source, value
        return None
    return None


def _as_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _readable_date(value: str | None) -> datetime | None:
    """The time a date text states, from 1990 on (a placeholder such as year 1 is no date)."""
    moment = parse_datetime(value) if value else None
    return moment if moment is not None and moment.year >= _EARLIEST_YEAR else None


def _date(
    tree: HtmlElement | None,
    structured: tuple[tuple[str, str | None], ...],
    meta: dict[str, str],
    names: tuple[str, ...],
    anchor: HtmlElement | None = None,
) -> tuple[str, str] | None:
    for source, value in _date_candidates(tree, structured, meta, names, anchor):
        if value and _readable_date(value) is not None:
            return source, value
    return None


def _date_candidates(
    tree: HtmlElement | None,
    structured: tuple[tuple[str, str | None], ...],
    meta: dict[str, str],
    names: tuple[str, ...],
    anchor: HtmlElement | None,
) -> Iterator[tuple[str, str | None]]:
    """Stated dates first; the markup (a ``<time>``, a byline) is searched only when reached."""
    yield from structured
    for name in names:
        yield f"meta:{name}", meta.get(name)
    if tree is not None:
        yield "time", _time_element(tree, anchor)
        yield "markup:byline", _byline_date(tree, anchor)
        yield "markup:date-line", _date_line(tree, anchor)


def _time_element(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """The ``datetime`` of a ``<time>`` marked as the publication time or inside the article, the one printed
    nearest the headline (none outside the headline's article); a bare ``<time>`` elsewhere (a header's
    clock, a teaser's date) is left to the fallback's date search, and one marked or worded as the last
    update ('Updated <time>') is not the publication's."""
    found: list[tuple[HtmlElement, str]] = []
    for element in tree.iter("time"):
        value = element.get("datetime")
        if not isinstance(value, str) or not value.strip() or _outside_article(element):
            continue
        marks = f"{element.get('itemprop', '')} {element.get('class', '')} {element.get('pubdate', '')}"
        in_article = _PUBLISHED_MARK.search(marks) or any(a.tag == "article" for a in element.iterancestors())
        if in_article and not _is_update_time(element) and with_headline(element, anchor):
            found.append((element, value.strip()))
            if len(found) >= _MAX_BYLINES:
                break
    return next((value for _, value in nearest_first(found, anchor, tree)), None)


def _is_update_time(element: HtmlElement) -> bool:
    """The time is the article's last change: its own or its parent's class or itemprop says so
    ('dateModified', 'updated'), or the words just before it or in it do ('Updated 3 May')."""
    parent = element.getparent()
    for node in (element, parent):
        if node is None:
            continue
        marks = f"{node.get('itemprop', '')} {node.get('class', '')} {node.get('id', '')}"
        if _MODIFIED_MARK.search(marks) and not _PUBLISHED_MARK.search(marks):
            return True
    previous = element.getprevious()
    if previous is not None:
        before = f"{previous.text_content()} {previous.tail or ''}"[-80:]
    else:
        before = (parent.text if parent is not None else None) or ""
    return bool(_MODIFIED_BEFORE.search(before) or _MODIFIED_IN.match(element.text_content()))


def date_in_url(url: str | None, *, before: datetime) -> str | None:
    """The day a page's address states ('/2024/10/16/', '2024-10-16', a lone '20241016'), as an ISO date;
    None when the path holds no real day from 1990 up to ``before`` (an id that looks like a date is not)."""
    path = urlsplit(url or "").path
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if day.year >= _EARLIEST_YEAR and day <= before.date():
                return day.isoformat()
    return None
