"""One HTML news page into one clean Article: the page's own metadata (clean.metadata), trafilatura for
the body, then our own cleanup of what it leaves in (repeated headline, related headlines, prompts, credits).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import extract_author
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from newsift.clean import noise
from newsift.clean.html_cleanup import clean_paragraphs
from newsift.clean.html_parts import find_other_parts
from newsift.clean.html_recall import with_recall_paragraphs
from newsift.clean.html_tree import prune_tree
from newsift.clean.jsonld import extract_jsonld_article
from newsift.clean.metadata import PageMetadata, date_in_url, extract_page_metadata, strip_site_name
from newsift.clean.names import split_credit, unique_names
from newsift.clean.outlets import normalize_outlet
from newsift.clean.prose import cut_wire_notes
from newsift.clean.structured import parse_datetime
from newsift.errors import InputError
from newsift.model import Article, Position, Removed, make_id

__all__ = ["MAX_HTML_CHARS", "extract_html_article", "extract_html_body"]

logger = logging.getLogger(__name__)

EXTRACTOR = "clean.html.v10"
MAX_HTML_CHARS = 20_000_000
"""Largest HTML (after scripts and styles are dropped) parsed; larger pages fail with InputError."""

_SCRIPT_TAGS = ("script", "style", "noscript", "template")
_SCRIPT_OPEN = re.compile(rf"<({'|'.join(_SCRIPT_TAGS)})\b", re.IGNORECASE)
_SCRIPT_CLOSE = {tag: re.compile(f"</{tag}", re.IGNORECASE) for tag in _SCRIPT_TAGS}
_DEPTH_TAG = re.compile(r"<(?:div|span|section|p|b|i|td|tr|table|ul|li)\b", re.IGNORECASE)
_MAX_TAGS = 400_000
# markup text this short gives way to a JSON-LD articleBody at least this long (and three times as long)
_MIN_STATED_BODY = 400
# a copyright notice's year ('© 2019-2024 Quay Times', 'Copyright 2024'): what a date guess reads as 1 January
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|&copy;|&#169;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.IGNORECASE
)
_NEW_YEARS_DAY = re.compile(r"\b(?:jan(?:uary)?\.?\s+0?1\b|0?1\.?\s+jan)", re.IGNORECASE)  # in words


def extract_html_body(
    html: str, *, url: str | None = None, uri: str = "<html>"
) -> tuple[dict[str, Any] | None, PageMetadata, tuple[Removed, ...]]:
    """Main text and metadata of a page as trafilatura sees it once hidden pop-ups, captions and credits are
    pruned (``text``, ``title``, ``author``, ``date``, ``sitename``, ``description``; None when it finds no
    main text), what the page itself states (read before pruning), and the captions and credits pruned.
    When the page states its date, trafilatura's date search stays in the markup (the full text search is
    about a quarter of the extraction time).

    Raises:
        InputError: the page is too large or too deeply nested to parse within the bounds.
    """
    jsonld = extract_jsonld_article(html, url)
    tree = _parse(html, uri)
    if tree is None:
        return None, PageMetadata(), ()
    metadata = extract_page_metadata(tree, jsonld, url=url)
    removed = prune_tree(tree)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=not metadata.is_complete,  # its metadata pass is a third of its time
            date_extraction_params=set_date_params(metadata.published_text is None),
            include_comments=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, AttributeError) as err:  # lxml/trafilatura on broken trees
        raise InputError(uri, f"HTML could not be parsed: {type(err).__name__}: {err}") from err
    data: dict[str, Any] = {}
    if document is not None:
        data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = data.get("text") or ""
    if len(text) < _MIN_STATED_BODY:  # next to no text in the markup (a page its scripts print)
        stated = jsonld.body if jsonld is not None else None
        if stated is not None and len(stated) >= max(_MIN_STATED_BODY, 3 * len(text)):
            return {**data, "text": stated}, metadata, removed  # the text its JSON-LD states
    if not text.strip():
        return None, metadata, removed
    if metadata.is_complete and not metadata.authors:
        # only the author was not stated: ask trafilatura's author search alone, not its whole metadata pass
        data["author"] = extract_author(tree)
    text = with_recall_paragraphs(tree, text, url)
    before, after = find_other_parts(tree, text)
    data["text"] = "\n".join([*before, text, *after])
    return data, metadata, removed


def _parse(html: str, uri: str) -> HtmlElement | None:
    html = _without_scripts(html)
    if len(html) > MAX_HTML_CHARS:
        raise InputError(uri, f"HTML too large: {len(html):,} characters (limit {MAX_HTML_CHARS:,})")
    if len(_DEPTH_TAG.findall(html, 0, MAX_HTML_CHARS)) > _MAX_TAGS:
        raise InputError(uri, f"HTML has more than {_MAX_TAGS:,} block elements")
    try:
        return load_html(html)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as err:
        raise InputError(uri, f"HTML could not be parsed: {type(err).__name__}: {err}") from err


def extract_html_article(
    text: str, *, page_id: str, uri: str, url: str | None, fetched_at: datetime
) -> Article | None:
    """The article of one HTML page, or None when the page holds no article text.

    Title, authors, date and site come from what the page states (JSON-LD, meta, markup; see
    ``clean.metadata``) before trafilatura's guesses; the body from trafilatura plus our cleanup.

    Raises:
        InputError: the page cannot be parsed within the bounds (size, nesting).
    """
    data, metadata, captions = extract_html_body(text, url=url, uri=uri)
    if data is None:
        return None
    sitename = metadata.site_name or (data.get("sitename") or "").strip() or None
    title = metadata.title or _trafilatura_title(data.get("title"), sitename)
    cleaned = clean_paragraphs(data["text"], title=title, headlines=metadata.headlines)
    body = cleaned.body
    if not body:
        return None
    authors, wire = _authors(metadata, cleaned.authors, data.get("author"), sitename)
    wire = metadata.wire or cleaned.wire or wire
    published_text = metadata.published_text or _guessed_date(data.get("date"), text)
    if published_text is None:  # last resorts: the day the page's address states, then its last change
        published_text = date_in_url(url, before=fetched_at) or metadata.modified_text
    logger.debug("%s: metadata sources %s", uri, dict(metadata.sources))
    article = Article(
        id=make_id(page_id, "0"),
        page_id=page_id,
        position=Position.MAIN,
        index=0,
        title=title,
        body=body,
        uri=uri,
        url=url or data.get("url") or None,
        source=sitename,
        outlet=normalize_outlet(sitename) if sitename else None,
        standfirst=_standfirst(metadata.description or data.get("description"), body),
        authors=authors,
        published_text=published_text,
        published_at=parse_datetime(published_text),
        fetched_at=fetched_at,
        editor=cleaned.editor,
        wire=wire,
        removed=captions + cleaned.removed + _credit_removed(metadata, authors, wire),
        extractor=EXTRACTOR,
    )
    return cut_wire_notes(article)


def _guessed_date(date: str | None, html: str) -> str | None:
    """trafilatura's date for a page that states none, unless it is 1 January of a year the page names only
    in a copyright notice ('© 2024 Quay Times' read as '2024-01-01'): no day the page gives."""
    guess = (date or "").strip()
    if not guess.endswith("-01-01") or guess in html:
        return guess or None
    years = {match[1] for match in _COPYRIGHT_YEAR.finditer(html, 0, MAX_HTML_CHARS)}
    if guess[:4] in years and _NEW_YEARS_DAY.search(html, 0, MAX_HTML_CHARS) is None:
        return None
    return guess


def _trafilatura_title(title: str | None, sitename: str | None) -> str:
    text = " ".join((title or "").split())
    return strip_site_name(text, (sitename,)) if sitename else text


def _without_scripts(html: str) -> str:
    """Drop script, style, noscript and template content before parsing, in one linear pass (a search per
    opening tag that never looks back): it can be most of a page. An unclosed one runs to the end."""
    parts: list[str] = []
    position = 0
    while (match := _SCRIPT_OPEN.search(html, position)) is not None:
        parts.append(html[position : match.start()])
        close = _SCRIPT_CLOSE[match.group(1).lower()].search(html, match.end())
        if close is None:
            return " ".join(parts)
        end = html.find(">", close.end())
        position = len(html) if end < 0 else end + 1
        parts.append(" ")
    parts.append(html[position:])
    return "".join(parts)


def _authors(
    metadata: PageMetadata, byline: tuple[str, ...], author: str | None, sitename: str | None
) -> tuple[tuple[str, ...], str | None]:
    """(people, wire): the page's stated authors, else the body's byline, else trafilatura's author field
    (not asked when the page's own credit names a wire and no person: its guess there is the wire with the
    date's first word, 'Reuters Jan')."""
    if metadata.authors:
        return metadata.authors, None
    if byline:
        return unique_names(list(byline)), None
    if not author or metadata.wire:
        return (), None
    # the page's own outlet credit ('Harbour Wave (www.harbourwave.example)') is no author in its guess either
    stated = (metadata.credit, metadata.credit.partition(" (")[0]) if metadata.credit else ()
    credit = split_credit(author, outlets=(*metadata.outlets, *((sitename,) if sitename else ()), *stated))
    return unique_names(list(credit.people)), credit.wire


def _credit_removed(
    metadata: PageMetadata, authors: tuple[str, ...], wire: str | None
) -> tuple[Removed, ...]:
    """The page's stated author when it is an outlet or a desk, not a person: for audit, not an author."""
    if authors or wire or not metadata.credit:
        return ()
    return (Removed(text=metadata.credit, reason=noise.ORGANISATION_CREDIT),)


def _standfirst(description: str | None, body: str) -> str | None:
    """The page's summary line when it is prose and not simply the body's first sentence."""
    text = " ".join((description or "").split())
    if len(text) < 40 or body.startswith(text[:60]) or text.endswith("..."):
        return None
    return text
