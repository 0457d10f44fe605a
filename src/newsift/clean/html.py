"""One HTML news page into one clean Article: trafilatura for body and metadata, then our own cleanup
of what it leaves in (repeated headline, related-headline lists, sign-up and share prompts, credits).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

from newsift.clean.html_cleanup import clean_paragraphs
from newsift.clean.noise import match_byline
from newsift.clean.outlets import normalize_outlet
from newsift.clean.structured import parse_datetime
from newsift.errors import InputError
from newsift.model import Article, Position, make_id

__all__ = ["MAX_HTML_CHARS", "extract_html_article", "extract_html_body"]

logger = logging.getLogger(__name__)

EXTRACTOR = "clean.html.v1"
MAX_HTML_CHARS = 20_000_000
"""Largest HTML (after scripts and styles are dropped) parsed; larger pages fail with InputError."""

_SCRIPT = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_UNCLOSED_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*\Z", re.IGNORECASE | re.DOTALL)
_DEPTH_TAG = re.compile(r"<(?:div|span|section|p|b|i|td|tr|table|ul|li)\b", re.IGNORECASE)
_MAX_TAGS = 400_000


def extract_html_body(html: str, *, url: str | None = None, uri: str = "<html>") -> dict[str, Any] | None:
    """Main text and metadata of a page as trafilatura sees it (``text``, ``title``, ``author``, ``date``,
    ``sitename``, ``description``), or None when it finds no main text.

    Raises:
        InputError: the page is too large or too deeply nested to parse within the bounds.
    """
    import trafilatura

    html = _without_scripts(html)
    if len(html) > MAX_HTML_CHARS:
        raise InputError(uri, f"HTML too large: {len(html):,} characters (limit {MAX_HTML_CHARS:,})")
    if len(_DEPTH_TAG.findall(html, 0, MAX_HTML_CHARS)) > _MAX_TAGS:
        raise InputError(uri, f"HTML has more than {_MAX_TAGS:,} block elements")
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, AttributeError) as err:  # lxml/trafilatura on broken trees
        raise InputError(uri, f"HTML could not be parsed: {type(err).__name__}: {err}") from err
    if document is None:
        return None
    data: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return data if (data.get("text") or "").strip() else None


def extract_html_article(
    text: str, *, page_id: str, uri: str, url: str | None, fetched_at: datetime
) -> Article | None:
    """The article of one HTML page, or None when the page holds no article text.

    Raises:
        InputError: the page cannot be parsed within the bounds (size, nesting).
    """
    data = extract_html_body(text, url=url, uri=uri)
    if data is None:
        return None
    title = " ".join((data.get("title") or "").split())
    body, removed, byline = clean_paragraphs(data["text"], title=title)
    if not body:
        return None
    authors = _authors(data.get("author"), byline)
    sitename = (data.get("sitename") or "").strip() or None
    published_text = _meta_time(text) or (data.get("date") or "").strip() or None
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
        removed=removed,
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
    """Drop script/style content before parsing: linear in the page, and it can be most of it."""
    html = _SCRIPT.sub(" ", html)
    return _UNCLOSED_SCRIPT.sub(" ", html)


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
