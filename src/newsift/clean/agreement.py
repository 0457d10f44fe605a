"""Choosing between a page's own statements by where they sit: the element printed nearest the headline.
Reads the tree; never edits it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from lxml.html import HtmlElement

__all__ = ["headline_element", "letters", "nearest_first", "with_headline"]

_Item = TypeVar("_Item")


def headline_element(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """The printed ``h1`` whose words are the title's, or hold it or are held in it (a kicker before it, the
    title cut short); a site's logo in an h1 is not it. None without one."""
    if not title:
        return None
    key = letters(title)
    for heading in tree.iter("h1"):
        text = letters(heading.text_content())
        if text and (text == key or (min(len(text), len(key)) >= 20 and (key in text or text in key))):
            return heading
    return None


def with_headline(element: HtmlElement, anchor: HtmlElement | None) -> bool:
    """The element is inside the ``article`` (else ``main``) that holds the headline, or the headline has
    none: a byline or a time outside it belongs to another story (a rail above the article, a list below)."""
    if anchor is None:
        return True
    container = next((a for a in anchor.iterancestors() if a.tag == "article"), None)
    if container is None:
        container = next((a for a in anchor.iterancestors() if a.tag == "main"), None)
    return container is None or any(a is container for a in element.iterancestors())


def nearest_first(
    items: Sequence[tuple[HtmlElement, _Item]], anchor: HtmlElement | None, tree: HtmlElement
) -> list[tuple[HtmlElement, _Item]]:
    """The items ordered by nearness to the headline (page order when there is no headline or one item): in
    the smallest container they share with it first, then by how many elements lie between. A byline or a
    time printed with the headline is the article's; one in a rail of other stories above it is not."""
    if anchor is None or len(items) < 2:
        return list(items)
    depth = {ancestor: -level for level, ancestor in enumerate(anchor.iterancestors())}
    position = {element: index for index, element in enumerate(tree.iter())}
    where = position.get(anchor, 0)

    def nearness(item: tuple[HtmlElement, _Item]) -> tuple[int, int]:
        shared = next((depth[a] for a in item[0].iterancestors() if a in depth), -len(depth))
        return -shared, abs(position.get(item[0], where) - where)

    return sorted(items, key=nearness)


def letters(text: str) -> str:
    """The text's letters and digits, casefolded: two wordings of one headline compare equal."""
    return "".join(char for char in text.casefold() if char.isalnum())
