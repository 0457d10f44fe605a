"""One HTML news page into one clean Article: trafilatura for body and metadata, then our own cleanup
of what it leaves in (repeated headline, related-headline lists, sign-up and share prompts, credits).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from newsift.clean.html_cleanup import clean_paragraphs
from newsift.clean.html_parts import find_other_parts
from newsift.clean.html_tree import prune_tree
from newsift.clean.noise import match_byline
from newsift.clean.outlets import normalize_outlet
from newsift.clean.structured import parse_datetime
from newsift.errors import InputError
from newsift.model import Article, Position, Removed, make_id

__all__ = ["MAX_HTML_CHARS", "extract_html_article", "extract_html_body"]

logger = logging.getLogger(__name__)

EXTRACTOR = "clean.html.v2"
MAX_HTML_CHARS = 20_000_000
"""Largest HTML (after scripts and styles are dropped) parsed; larger pages fail with InputError."""

_SCRIPT_TAGS = ("script", "style", "noscript", "template")
_SCRIPT_OPEN = re.compile(rf"<({'|'.join(_SCRIPT_TAGS)})\b", re.IGNORECASE)
_SCRIPT_CLOSE = {tag: re.compile(f"</{tag}", re.IGNORECASE) for tag in _SCRIPT_TAGS}
_DEPTH_TAG = re.compile(r"<(?:div|span|section|p|b|i|td|tr|table|ul|li)\b", re.IGNORECASE)
_MAX_TAGS = 400_000


def extract_html_body(
    html: str, *, url: str | None = None, uri: str = "<html>", dated: bool = False
) -> tuple[dict[str, Any] | None, tuple[Removed, ...]]:
    """Main text and metadata of a page as trafilatura sees it once hidden pop-ups, captions and credits are
    pruned (``text``, ``title``, ``author``, ``date``, ``sitename``, ``description``; None when it finds no
    main text), with the captions and credits pruned. ``dated``: the caller already has the page's date,
    so the date search stays in the markup (the full text search is about a quarter of the extraction time).

    Raises:
        InputError: the page is too large or too deeply nested to parse within the bounds.
    """
    tree = _parse(html, uri)
    if tree is None:
        return None, ()
    removed = prune_tree(tree)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            date_extraction_params=set_date_params(not dated),
            include_comments=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, AttributeError) as err:  # lxml/trafilatura on broken trees
        raise InputError(uri, f"HTML could not be parsed: {type(err).__name__}: {err}") from err
    if document is None:
        return None, removed
    data: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = data.get("text") or ""
    if not text.strip():
        return None, removed
    before, after = find_other_parts(tree, text)
    data["text"] = "\n".join([*before, text, *after])
    return data, removed


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

    Raises:
        InputError: the page cannot be parsed within the bounds (size, nesting).
    """
    meta_time = _meta_time(text)
    data, captions = extract_html_body(text, url=url, uri=uri, dated=meta_time is not None)
    if data is None:
        return None
    title = " ".join((data.get("title") or "").split())
    cleaned = clean_paragraphs(data["text"], title=title)
    body = cleaned.body
    if not body:
        return None
    authors = _authors(data.get("author"), cleaned.authors)
    sitename = (data.get("sitename") or "").strip() or None
    published_text = meta_time or (data.get("date") or "").strip() or None
    return Article(
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
        standfirst=_standfirst(data.get("description"), body),
        authors=authors,
        published_text=published_text,
        published_at=parse_datetime(published_text),
        fetched_at=fetched_at,
        editor=cleaned.editor,
        wire=cleaned.wire,
        removed=captions + cleaned.removed,
        extractor=EXTRACTOR,
    )


_META_TIME = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)=[\"'](?:article:published_time|og:published_time|datePublished|"
    r"pubdate|publishdate|dc\.date\.issued)[\"'][^>]*>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content=[\"']([^\"']{8,40})[\"']", re.IGNORECASE)


def _meta_time(html: str) -> str | None:
    """The publication time the page declares in its head (with the time of day trafilatura drops)."""
    match = _META_TIME.search(html, 0, 200_000)
    if match is None:
        return None
    content = _CONTENT.search(match.group(0))
    if content is None or parse_datetime(content.group(1)) is None:
        return None
    return content.group(1)


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


def _authors(author: str | None, byline: tuple[str, ...]) -> tuple[str, ...]:
    if byline:
        return byline
    if not author:
        return ()
    found = match_byline(f"By {author}")
    names = found[0] if found else tuple(a.strip() for a in re.split(r";|,| and ", author) if a.strip())
    return tuple(dict.fromkeys(names))


def _standfirst(description: str | None, body: str) -> str | None:
    """The page's summary line when it is prose and not simply the body's first sentence."""
    text = " ".join((description or "").split())
    if len(text) < 40 or body.startswith(text[:60]) or text.endswith("..."):
        return None
    return text
