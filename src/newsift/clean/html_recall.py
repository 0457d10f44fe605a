"""Paragraphs the precision extraction dropped inside the article, taken back from a recall-mode extraction.

Two extractions of one page agree on most of the article; where the recall one holds a paragraph the
precision one lacks, the paragraph is taken back only when both extractions keep text on each side of it
(it sits inside the article, not in a header, teaser column or footer) and it reads as prose: a full
sentence of at least ``MIN_WORDS`` words, ending with a sentence mark, mostly not link text. Page-shape
signals only; nothing here knows a site.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

__all__ = ["MIN_WORDS", "recall_paragraphs", "with_recall_paragraphs"]

MIN_WORDS = 15
"""Shortest paragraph taken back: shorter lines between paragraphs are headings, prompts or link lines."""
_MAX_LINK_SHARE = 0.35  # a paragraph that is mostly link text points elsewhere ("Related: ...")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+")
_SHARED = 0.5  # share of a block's word trigrams in the text above which the block is in it
_MISSING = 0.1  # and below which it is missing; in between (partly kept) it is left alone
_BLOCKS = ("p", "quote")  # headings, lists, tables and figures are left to the precision extraction
# every text node outside links (in XPath a tail is its element's sibling), in document order
_TEXT_NODES = etree.XPath("//text()[not(parent::a)]", smart_strings=False)


def _shingles(text: str) -> list[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return [tuple(words[i : i + 3]) for i in range(max(1, len(words) - 2))] if words else []


def recall_paragraphs(body: Any) -> list[tuple[str, str, float]]:
    """(tag, text, link share) of each top-level block of a trafilatura XML body."""
    blocks: list[tuple[str, str, float]] = []
    for element in body:
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        linked = sum(len("".join(ref.itertext())) for ref in element.iter("ref"))
        blocks.append((str(element.tag), text, linked / len(text)))
    return blocks


def _is_prose(tag: str, text: str, link_share: float) -> bool:
    return (
        tag in _BLOCKS
        and link_share <= _MAX_LINK_SHARE
        and len(_WORD.findall(text)) >= MIN_WORDS
        and _SENTENCE_END.search(text) is not None
    )


def merge(text: str, blocks: list[tuple[str, str, float]]) -> str:
    """The precision text with the recall blocks it lacks put back after the line they follow, when both
    texts share a block before and after them and they read as prose.

    A block is shared when most of its word trigrams are in the text (the two extractions split lines
    differently) and missing when almost none are; its place is after the line holding the last trigram
    of the shared block before it.
    """
    lines = text.split("\n")
    line_of: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(lines):
        for shingle in _shingles(line):
            line_of[shingle] = number
    places: list[int | None] = []  # the text line a shared block ends on; None for a missing block
    for _, block, _ in blocks:
        found = [line_of[shingle] for shingle in _shingles(block) if shingle in line_of]
        share = len(found) / max(1, len(_shingles(block)))
        places.append(found[-1] if share >= _SHARED else (None if share <= _MISSING else -1))
    shared = [index for index, place in enumerate(places) if place is not None and place >= 0]
    if len(shared) < 2:
        return text
    inserts: dict[int, list[str]] = {}
    anchor = -1
    for index in range(shared[0], shared[-1] + 1):
        tag, block, link_share = blocks[index]
        place = places[index]
        if place is not None and place >= 0:
            anchor = place
        elif place is None and _is_prose(tag, block, link_share):
            inserts.setdefault(anchor, []).append(block)
    if not inserts:
        return text
    merged: list[str] = []
    for number, line in enumerate(lines):
        merged.append(line)
        merged.extend(inserts.get(number, []))
    return "\n".join(merged)


def _reads_as_prose(piece: str) -> bool:
    """A sentence or the part of one before an inline link: it ends with a sentence mark or holds a comma."""
    piece = piece.strip()
    return _SENTENCE_END.search(piece) is not None or ", " in piece


def misses_inner_text(tree: HtmlElement, text: str) -> bool:
    """Whether the page holds prose (a text node of ``MIN_WORDS`` words or more, outside links, ending a
    sentence or holding a comma) that the extraction lacks, between two text runs it has: the cheap test
    that decides whether a recall-mode extraction is worth its cost.

    A run is looked up by three four-word probes (its start, middle and end) in the extracted words:
    two found is a run the extraction has, none found one it lacks.
    """
    known = f" {' '.join(_WORD.findall(text.casefold()))} "
    seen_shared = missing = False
    for piece in _TEXT_NODES(tree):
        if piece.count(" ") < MIN_WORDS - 1:  # cheap first cut: most text nodes are labels and links
            continue
        words = _WORD.findall(piece.casefold())
        if len(words) < MIN_WORDS:
            continue
        probes = (0, len(words) // 2 - 2, len(words) - 4)
        found = sum(f" {' '.join(words[i : i + 4])} " in known for i in probes)
        if found >= 2:
            if missing:
                return True
            seen_shared = True
        elif seen_shared and found == 0 and _reads_as_prose(piece):
            missing = True
    return False


def with_recall_paragraphs(tree: HtmlElement, text: str, url: str | None) -> str:
    """``text`` (the precision extraction of ``tree``) with the prose paragraphs a recall-mode extraction
    of the same tree finds inside the article; ``text`` unchanged when that extraction fails or when the
    page has no text inside the article that the extraction lacks (then the second pass is skipped)."""
    if not misses_inner_text(tree, text):
        return text
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_links=True,
            favor_recall=True,
            fast=True,  # its readability/justext comparison: costly, and the precision pass had it
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, AttributeError):
        return text
    body = getattr(document, "body", None)
    if body is None:
        return text
    return merge(text, recall_paragraphs(body))
