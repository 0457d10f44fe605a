"""Pruning of a parsed HTML tree before the body extractor sees it: hidden pop-ups, captions and credits go
(captions recorded), inline spans inside paragraphs are unwrapped so no class rule cuts a sentence in two.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsift.model import Removed

__all__ = ["CAPTION", "prune_tree"]

CAPTION = "caption"
HIDDEN = "hidden element"

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Pop-ups that a reader sees only on hover or click: their text sits inside the sentence they annotate.
_POPUP_CLASS = re.compile(r"tooltip|popover|rollover|hover-?card|popup|modal", re.IGNORECASE)
_CAPTION_CLASS = re.compile(
    r"(?:^|[\s_-])(?:(?:wp-)?caption|figcaption|image-?credit|photo-?credit|credits?|caption-?text)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CANDIDATES = etree.XPath(
    "//*[@hidden or @aria-hidden='true' or @style or @class][not(self::html or self::body)]"
)
# A hidden block with more paragraphs may be the article itself, revealed by a script.
_MAX_HIDDEN_PARAGRAPHS = 2
_MAX_CAPTION_CHARS = 400


def prune_tree(tree: HtmlElement) -> tuple[Removed, ...]:
    """Remove hidden pop-ups, figure captions and photo credits from ``tree`` (in place), and unwrap inline
    spans inside paragraphs. Returns the captions and credits removed, in page order."""
    removed: list[Removed] = []
    for element in list(_CANDIDATES(tree)) + list(tree.iter("figcaption")):
        reason = _prune_reason(element)  # first: most elements have none, and the walk up costs more
        if reason is None or element.getparent() is None or not _is_attached(element, tree):
            continue
        text = " ".join(element.text_content().split())
        if reason == CAPTION and text:
            removed.append(Removed(text=text, reason=CAPTION))
        _drop(element)
    for paragraph in tree.iter("p"):
        etree.strip_tags(paragraph, "span", "font")
    return tuple(removed)


def _prune_reason(element: HtmlElement) -> str | None:
    if element.tag == "figcaption":
        return CAPTION
    if _is_hidden(element):
        return HIDDEN
    classes = _names(element)
    if _POPUP_CLASS.search(classes) and _is_popup(element):
        return HIDDEN
    if _CAPTION_CLASS.search(classes) and _is_small(element):
        return CAPTION
    return None


def _is_popup(element: HtmlElement) -> bool:
    """The innermost pop-up box: not its trigger link, not a wrapper holding both trigger and box."""
    if element.tag == "a" or _n_paragraphs(element) > 0:
        return False
    return not any(_POPUP_CLASS.search(_names(d)) for d in element.iterdescendants())


def _is_hidden(element: HtmlElement) -> bool:
    hidden = (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style", "")))
    )
    return hidden and _n_paragraphs(element) <= _MAX_HIDDEN_PARAGRAPHS


def _is_small(element: HtmlElement) -> bool:
    return _n_paragraphs(element) <= 1 and len(element.text_content()) <= _MAX_CAPTION_CHARS


def _n_paragraphs(element: HtmlElement) -> int:
    return sum(1 for _ in element.iter("p"))


def _is_attached(element: HtmlElement, tree: HtmlElement) -> bool:
    """False once an ancestor was dropped earlier in the same pass."""
    root = element
    while (parent := root.getparent()) is not None:
        root = parent
    return root is tree or root is tree.getroottree().getroot()


def _drop(element: HtmlElement) -> None:
    """Remove an element but keep its tail text (the words that follow it in the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _names(element: HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"
