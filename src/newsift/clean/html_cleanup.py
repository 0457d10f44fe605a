"""Cleanup of the text an HTML extractor returns: what it keeps of the page's furniture goes, with a
reason for each removal (repeated headline, byline, sign-up and share prompts, credits, headline lists).
"""

from __future__ import annotations

import re

from newsift.clean.noise import classify_noise_line, match_byline
from newsift.model import Removed

__all__ = ["clean_paragraphs"]

_PROMPT = re.compile(
    r"^(?:sign up\b|subscribe\b|get (?:our|the) [\w ]{0,40}newsletter|"
    r"join our [\w ]{0,30}(?:newsletter|channel)|"
    r"follow us\b|share (?:this|on|via)\b|click here\b|tap here\b|download (?:our|the) app\b|"
    r"(?:also|read) (?:read|more|next)\b|related(?: articles| stories| coverage| content)?:?$|"
    r"recommended(?: for you| stories)?:?$|most (?:read|popular|viewed)\b|trending now\b|"
    r"more (?:from|on|stories)\b.{0,60}$|advertisement$|sponsored\b|"
    r"(?:copyright|©|\(c\))\s.{0,60}\b(?:19|20)\d\d\b|all rights reserved|"
    r"this (?:article|story) (?:was|has been) (?:updated|corrected)\b|"
    r"we use cookies\b|accept (?:all )?cookies\b|enable javascript\b|"
    r"you (?:have|’ve|'ve) reached your\b|already a subscriber\b|log ?in to\b|create (?:a )?free account\b)",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:\(?(?:photo|image|picture|video|file photo|illustration|graphic)s?(?: credit)?\s*(?:by|:|/|\|))|"
    r"(?:^|\s)(?:getty images|reuters/|ap photo|afp via getty|shutterstock|istock)\b.{0,80}$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…:;\"'”’)\]]$")
_HEADLINE_MAX = 140
_LIST_MIN = 3
_TEXT_DUMP_ONLY = frozenset({"image-url fragment"})  # a bare link in an HTML body may be the content
_LIST_HEADER = re.compile(
    r"^(?:related|recommended|more (?:from|on|stories|news)|read (?:more|next)|also read|"
    r"most (?:read|popular)|"
    r"trending|you may (?:also )?like|top stories|latest news)\b.{0,40}$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(?:[-•*]|\d{1,2}[.)])\s")


def clean_paragraphs(text: str, *, title: str) -> tuple[str, tuple[Removed, ...], tuple[str, ...]]:
    """(body, what was removed, byline names) of an extractor's paragraph text."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs, tail = _strip_headline_list([p for p in paragraphs if p])
    removed: list[Removed] = []
    authors: tuple[str, ...] = ()
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        reason, names = _line_reason(paragraph, title, at_top=not kept and index < 4)
        if names:
            authors = authors or names
        if reason:
            removed.append(Removed(text=paragraph, reason=reason))
        else:
            kept.append(paragraph)
    removed.extend(Removed(text=p, reason="related headlines") for p in tail)
    return "\n\n".join(kept), tuple(removed), authors


def _line_reason(paragraph: str, title: str, *, at_top: bool) -> tuple[str | None, tuple[str, ...]]:
    if at_top and title and _same(paragraph, title):
        return "repeated headline", ()
    if at_top and len(paragraph) < 160:
        byline = match_byline(paragraph)
        if byline:
            return "byline", byline[0]
    noise = classify_noise_line(paragraph)
    if noise and noise not in _TEXT_DUMP_ONLY:
        return noise, ()
    if len(paragraph) < 200 and _PROMPT.match(paragraph):
        return "prompt", ()
    if len(paragraph) < 160 and _CREDIT.search(paragraph):
        return "credit", ()
    return None, ()


def _same(a: str, b: str) -> bool:
    return _letters(a) == _letters(b)


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _strip_headline_list(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """A run of short, unpunctuated lines closing the body is a list of other headlines when a list header
    ('Related', 'More from ...') opens it, or when its lines read as headlines (mostly capitalised words,
    not bulleted or numbered items, which are more often part of the article)."""
    end = len(paragraphs)
    start = end
    while start > 0 and _headline_like(paragraphs[start - 1]):
        start -= 1
    if start > 0 and _LIST_HEADER.match(paragraphs[start - 1]) and end - start >= 1:
        return paragraphs[: start - 1], paragraphs[start - 1 :]
    run = paragraphs[start:]
    if end - start >= _LIST_MIN and start > 0 and all(_titled(p) for p in run):
        return paragraphs[:start], run
    return paragraphs, []


def _headline_like(paragraph: str) -> bool:
    return len(paragraph) <= _HEADLINE_MAX and not _TERMINAL.search(paragraph) and len(paragraph.split()) >= 3


def _titled(paragraph: str) -> bool:
    if _LIST_ITEM.match(paragraph):
        return False
    words = [w for w in paragraph.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
