"""Where a page prints its credits: elements marked as the author or byline, outside widgets (share bars,
sidebars, comments, related stories) and inside the article that holds the headline. Reads the tree; never
edits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from newsift.clean.agreement import nearest_first, with_headline

__all__ = [
    "CREDIT_TAGS",
    "MAX_BYLINE_CHARS",
    "MAX_LABEL_WORDS",
    "extract_byline_text",
    "extract_bylines",
    "extract_labelled_lines",
    "is_credit_place",
    "is_outside_article",
]

_BYLINE_WORDS = ("author", "autor", "auteur", "byline", "writer", "contributor")
_BYLINE_CLASS = re.compile("|".join(_BYLINE_WORDS), re.IGNORECASE)
# ... or 'by' as a word of a class ('by-line', 'article-by'), not inside one ('bypass')
_BY_WORD = re.compile(r"(?:^|[\s_-])by(?:$|[\s_-])", re.IGNORECASE)
_OUTSIDE = re.compile(
    r"related|comment|sidebar|footer|recommend|promo(?!ted)|newsletter|share|social|widget|teaser|more-from",
    re.IGNORECASE,
)
# a figure's credit ('Photo: ...') is the photographer's, in a byline's class
_OUTSIDE_TAGS = frozenset({"aside", "footer", "nav", "form", "header-nav", "figure", "figcaption"})
MAX_BYLINE_CHARS = 200
MAX_LABEL_WORDS = 4  # a label before a name or a headline ('Written by', 'Live', 'Exclusive', 'Analysis')
# a credit's label in the page's language, first in an element's own text ('Von: <a>Ana Ruiz</a>')
_CREDIT_LABEL = re.compile(
    r"^(?:by|von|par|por|di|door|av|af|od|autor|autorin|autoren|auteur|autore|author|authors|text|tekst)"
    r"(?::|\s|$)|^(?:written|posted|reported|story|words|opinion|analysis|review|commentary|column|essay"
    r"|interview|perspective)\s+by\b|^(?:words|reporter|writer):",
    re.IGNORECASE,
)
CREDIT_TAGS = ("p", "div", "li", "span", "address", "dd")
_LABEL_TAGS = frozenset({"span", "strong", "b", "em", "i", "small", "label"})
_MAX_BYLINES = 5


def is_credit_place(element: HtmlElement, anchor: HtmlElement | None) -> bool:
    """Outside widgets, and inside the article that holds the headline."""
    return not is_outside_article(element) and with_headline(element, anchor)


def extract_bylines(tree: HtmlElement, anchor: HtmlElement | None) -> list[tuple[HtmlElement, str]]:
    """The first few elements marked as the author or byline outside widgets and inside the headline's
    article, with their short text, those printed nearest the headline first."""
    found: list[tuple[HtmlElement, str]] = []
    for element in tree.iter():
        if (text := extract_byline_text(element)) is not None and with_headline(element, anchor):
            found.append((element, text))
            if len(found) >= _MAX_BYLINES:
                break
    return nearest_first(found, anchor, tree)


def extract_byline_text(element: HtmlElement) -> str | None:
    """The text (a line a text node) of an element marked as the author or byline (by its class, microdata
    or id, or by the first test or component hook of the page's scripts it has: ``data-testid``,
    ``data-component``, ``data-qa``), outside widgets and at most a byline long; None for any other
    element."""
    if not isinstance(element.tag, str) or element.tag in ("meta", "link", "a", "img", "script"):
        return None
    marks = f"{element.get('class', '')} {element.get('itemprop', '')} {element.get('id', '')}"
    if not _is_byline_mark(marks):
        hook = element.get("data-testid") or element.get("data-component") or element.get("data-qa")
        if hook is None or not _is_byline_mark(hook):
            return None
    if is_outside_article(element):
        return None
    lines = [" ".join(t.split()) for t in element.itertext()]
    text = "\n".join(line for line in lines if line) or _microdata_name(element)
    return text if text and len(text) <= MAX_BYLINE_CHARS else None


def _is_byline_mark(marks: str) -> bool:
    # the 'by' word is looked for only where the two letters are (most elements have none): a hot path
    if _BYLINE_CLASS.search(marks) is not None:
        return True
    return ("by" in marks or "By" in marks) and _BY_WORD.search(marks) is not None


def _microdata_name(element: HtmlElement) -> str:
    """The name a microdata author states in a ``<meta itemprop=name content=...>`` inside it, printing
    nothing ('<span itemprop="author" itemscope><meta itemprop="name" content="Ana Ruiz"></span>')."""
    if "author" not in (element.get("itemprop") or "").casefold():
        return ""
    for meta in element.iter("meta"):
        if (meta.get("itemprop") or "").strip().casefold() == "name":
            return " ".join((meta.get("content") or "").split())
    return ""


def is_outside_article(element: HtmlElement) -> bool:
    """Inside a sidebar, footer, comment, share bar, newsletter form or related-stories block."""
    for ancestor in [element, *element.iterancestors()]:
        if ancestor.tag in _OUTSIDE_TAGS:
            return True
        if _OUTSIDE.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
    return False


def extract_labelled_lines(tree: HtmlElement, anchor: HtmlElement | None) -> Iterator[str]:
    """The text of each short element, outside widgets and links and in the headline's article, whose own
    text opens with a credit's label ('<li>Von: <a>Ana Ruiz</a></li>', 'Posted by Ana Ruiz on 4 March'):
    bylines with no class that says so. (A credit inside a link is a teaser's, for the story it opens.)"""
    for element in tree.iter(*CREDIT_TAGS):
        if not _opens_with_label(element) or not is_credit_place(element, anchor):
            continue
        if any(ancestor.tag == "a" for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if len(text) <= MAX_BYLINE_CHARS:
            yield text


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
