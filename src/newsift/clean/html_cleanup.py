"""Cleanup of the text an HTML extractor returns: what it keeps of the page's furniture goes, with a
reason for each removal (repeated headline, byline, prompts, credits, timestamps, headline lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.clean.html_rules import (
    CREDIT,
    RELATED,
    TIMESTAMP,
    classify_line,
    is_list_header,
    is_timestamp_line,
)
from newsift.clean.names import is_person_name
from newsift.clean.noise import match_byline, match_credit
from newsift.model import Removed

__all__ = ["CleanBody", "clean_paragraphs"]

_TERMINAL = re.compile(r"[.!?…:;\"'”’)\]]$")
_HEADLINE_MAX = 140
_LIST_MIN = 3
_LAST_LINE_MAX = 100
_TOP = 4  # paragraphs from the top where headline repeats, bylines and timestamps are looked for
_LIST_ITEM = re.compile(r"^(?:[-•*]|\d{1,2}[.)])\s")
_TITLED = 0.6
_SIGN_OFF_AFTER = 3  # a lone name closes a body of at least this many paragraphs before it
_TITLED_BULLETS = 0.75  # bulleted items must look more like headlines: lists are often part of the article


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanBody:
    """The body paragraphs kept, what was removed and why, and the credits found on the way."""

    body: str
    removed: tuple[Removed, ...] = ()
    authors: tuple[str, ...] = ()
    editor: str | None = None
    wire: str | None = None


def clean_paragraphs(text: str, *, title: str, headlines: tuple[str, ...] = ()) -> CleanBody:
    """Body, removals and credits of an extractor's paragraph text (one paragraph a line). The title, and
    any other headline the page prints (an h1 worded unlike the stated title), is not body at the top."""
    titles = tuple(t for t in (title, *headlines) if t)
    paragraphs = [p for p in (" ".join(line.split()) for line in text.splitlines()) if p]
    paragraphs, listed = _strip_headline_list(paragraphs)
    removed: list[Removed] = []
    kept: list[str] = []
    credits = _Credits()
    for index, paragraph in enumerate(paragraphs):
        reason = _line_reason(paragraph, titles, at_top=not kept and index < _TOP, credits=credits)
        if reason:
            removed.append(Removed(text=paragraph, reason=reason))
        else:
            kept.append(paragraph)
    kept, tail = _strip_headline_list(kept)  # again: trailing prompts may have hidden a list
    removed.extend(Removed(text=p, reason=RELATED) for p in [*tail, *listed])
    if len(kept) > _SIGN_OFF_AFTER and (name := _sign_off(kept[-1])):
        removed.append(Removed(text=kept.pop(), reason=CREDIT))
        credits.add((name,))
    return CleanBody(
        body="\n\n".join(kept),
        removed=tuple(removed),
        authors=credits.authors,
        editor=credits.editor,
        wire=credits.wire,
    )


class _Credits:
    """Names collected from bylines and credit lines while the body is cleaned (first one wins)."""

    def __init__(self) -> None:
        self.authors: tuple[str, ...] = ()
        self.editor: str | None = None
        self.wire: str | None = None

    def add(self, authors: tuple[str, ...], editor: str | None = None, wire: str | None = None) -> None:
        self.authors = self.authors or authors
        self.editor = self.editor or editor
        self.wire = self.wire or wire


def _line_reason(paragraph: str, titles: tuple[str, ...], *, at_top: bool, credits: _Credits) -> str | None:
    if at_top and any(_same(paragraph, title) for title in titles):
        return "repeated headline"
    if at_top and len(paragraph) < 160:
        byline = match_byline(paragraph)
        if byline:
            credits.add(byline[0], wire=byline[1])
            return "byline"
        if is_timestamp_line(paragraph):
            return TIMESTAMP
    credit = match_credit(paragraph) if len(paragraph) < 300 else None
    if credit is not None:
        credits.add(credit[1], editor=credit[0])
        return CREDIT
    return classify_line(paragraph)


def _sign_off(paragraph: str) -> str | None:
    """'— Ana Ruiz' closing the body: the writer signing off, a credit (no sentence, only a name)."""
    text = paragraph.lstrip("—–- ").strip()
    if text.endswith(".") and len(text.split()[-1]) > 2:  # a full stop ends a sentence, not an initial
        return None
    return text if is_person_name(text) else None


def _same(a: str, b: str) -> bool:
    return _letters(a) == _letters(b)


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _strip_headline_list(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """A run of short, unpunctuated lines closing the body (or followed only by one short line, such as
    'Originally published on ...') is a list of other headlines when a list header ('Related', 'More from')
    opens it, or when its lines read as headlines (mostly capitalised words; bulleted or numbered items need
    more, as they are more often part of the article)."""
    for end in (len(paragraphs), len(paragraphs) - 1):
        if end < len(paragraphs) and (end < 1 or len(paragraphs[end]) > _LAST_LINE_MAX):
            break
        start = end
        while start > 0 and _headline_like(paragraphs[start - 1]):
            start -= 1
        if start > 0 and is_list_header(paragraphs[start - 1]):
            start -= 1
        elif not (start > 0 and end - start >= _LIST_MIN and _titled_run(paragraphs[start:end])):
            continue
        return paragraphs[:start] + paragraphs[end:], paragraphs[start:end]
    return paragraphs, []


def _headline_like(paragraph: str) -> bool:
    return len(paragraph) <= _HEADLINE_MAX and not _TERMINAL.search(paragraph) and len(paragraph.split()) >= 3


def _titled_run(run: list[str]) -> bool:
    bulleted = [_LIST_ITEM.match(p) is not None for p in run]
    if any(bulleted) and not all(bulleted):
        return False
    floor = _TITLED_BULLETS if all(bulleted) else _TITLED
    return all(_capitalised_share(_LIST_ITEM.sub("", p)) >= floor for p in run)


def _capitalised_share(paragraph: str) -> float:
    words = [w for w in paragraph.split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0
