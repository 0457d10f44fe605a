"""When a readable page holds no article: the ``NoArticle`` error and the page-shape tests behind it.

A page with no prose (no words outside its title, scripts and links) in which the HTML cleaner found
no article text, a document that split into nothing, or an HTML page that is navigation only (a title
over link texts: a menu, a site map) holds no article. The pipeline reports such a page as rejected,
not failed; a page with prose the cleaner could not reach stays a plain ``InputError`` (a failure).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.errors import InputError
from newsift.model import Article

__all__ = ["NoArticle", "has_prose", "navigation_only"]

MIN_PROSE_WORDS = 5  # fewer words outside the title and the link texts is no article text
NAVIGATION_CHARS = 400  # a body longer than this is never judged navigation only (and not parsed again)
PROSE_SCAN_CHARS = 200_000  # a bigger page is assumed to hold prose: it is not scanned
_WORD = re.compile(r"\w+")
_HIDDEN = re.compile(r"<(script|style|title|a)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>|&\w+;")


class NoArticle(InputError):
    """A readable input that holds no article (an expected outcome: the pipeline rejects it)."""


def has_prose(html: str) -> bool:
    """True when a page's markup holds words outside its scripts, styles, title and links (a big
    page is assumed to: it is not scanned)."""
    if len(html) > PROSE_SCAN_CHARS:
        return True
    visible = _TAG.sub(" ", _HIDDEN.sub(" ", html))
    return len(_WORD.findall(visible)) >= MIN_PROSE_WORDS


def navigation_only(html: str, articles: Sequence[Article]) -> bool:
    """True when an HTML page's one article is its title over link texts (a menu page): with its
    title and every link's text taken out, its body keeps fewer than ``MIN_PROSE_WORDS`` words.
    A page shape, not a text: any menu, site map or link list with a heading matches."""
    if len(articles) != 1 or len(articles[0].text) > NAVIGATION_CHARS:
        return False
    article = articles[0]
    body = " ".join(article.text.split())
    title = " ".join(article.title.split())
    if title and body.startswith(title):
        body = body[len(title) :]
    links = _link_texts(html)
    if len(links) < 2:
        return False
    for link in sorted(links, key=len, reverse=True):
        body = body.replace(link, " ", 1)
    return len(_WORD.findall(body)) < MIN_PROSE_WORDS


def _link_texts(html: str) -> list[str]:
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    texts = (" ".join(anchor.text_content().split()) for anchor in root.iter("a"))
    return [text for text in texts if text]
