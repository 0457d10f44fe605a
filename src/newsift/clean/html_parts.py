"""Bodies split into several containers (an ad or a widget between two halves of the article): the parts an
extractor left out are found as containers of the same tag and class as the one it took from.
"""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement

__all__ = ["find_other_parts"]

_KEY_CHARS = 60
_MIN_PARAGRAPH = 30
_MIN_PART_CHARS = 200
_MIN_PARAGRAPHS = 2
_CLASS_REACH = 3  # levels above a paragraph searched for its classed container


def find_other_parts(tree: HtmlElement, text: str) -> tuple[list[str], list[str]]:
    """Paragraphs of the body's other parts: (those before the extracted text, those after it).

    A part is an element with the same tag and class as a container of two or more extracted paragraphs,
    outside them, holding two or more paragraphs (``_MIN_PART_CHARS`` in all) the extraction does not have.
    """
    keys = {_key(p) for p in text.splitlines() if len(p.strip()) >= _KEY_CHARS}
    if not keys:
        return [], []
    taken = _containers(tree, keys)
    if not taken:
        return [], []
    order = {element: index for index, element in enumerate(tree.iter())}
    first = min(order.get(element, 0) for element in taken)
    before: list[str] = []
    after: list[str] = []
    for part in _same_kind(tree, taken):
        paragraphs = [p for p in _paragraphs(part) if _key(p) not in keys]
        if len(paragraphs) >= _MIN_PARAGRAPHS and sum(len(p) for p in paragraphs) >= _MIN_PART_CHARS:
            (before if order.get(part, 0) < first else after).extend(paragraphs)
    return before, after


def _containers(tree: HtmlElement, keys: set[str]) -> set[HtmlElement]:
    """Classed containers holding at least two of the extracted paragraphs (a teaser holds one)."""
    found: Counter[HtmlElement] = Counter()
    for paragraph in tree.iter("p"):
        if _key(paragraph.text_content()) in keys:
            container = _classed_ancestor(paragraph)
            if container is not None:
                found[container] += 1
    return {container for container, count in found.items() if count >= _MIN_PARAGRAPHS}


def _classed_ancestor(element: HtmlElement) -> HtmlElement | None:
    parent = element.getparent()
    for _ in range(_CLASS_REACH):
        if parent is None or parent.tag in ("body", "html"):
            return None
        if parent.get("class", "").strip():
            return parent
        parent = parent.getparent()
    return None


def _same_kind(tree: HtmlElement, taken: set[HtmlElement]) -> list[HtmlElement]:
    """Elements of a taken container's tag and class, neither inside nor around a taken one."""
    kinds = {(element.tag, element.get("class")) for element in taken}
    related = set(taken)
    for element in taken:
        related.update(element.iterancestors())
        related.update(element.iterdescendants())
    return [
        element
        for element in tree.iter()
        if (element.tag, element.get("class")) in kinds and element not in related
    ]


def _paragraphs(element: HtmlElement) -> list[str]:
    texts = (" ".join(p.text_content().split()) for p in element.iter("p"))
    return [text for text in texts if len(text) >= _MIN_PARAGRAPH]


def _key(paragraph: str) -> str:
    return " ".join(paragraph.split())[:_KEY_CHARS]
