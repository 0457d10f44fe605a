"""Related-article cards of aggregator dumps: 'Source / 13 minutes ago / - Source / Title' and variants.

Finds where each card's header starts and ends; it reads no body text and keeps no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from newsift.clean import noise
from newsift.clean.outlets import normalize_outlet
from newsift.clean.times import parse_relative_time
from newsift.model import Removed

__all__ = [
    "BULLET",
    "CardHeader",
    "find_card_headers",
    "is_source_like",
    "is_time_line",
    "match_card_header",
    "resolve_bullets",
]

_REFERENCE = datetime(2000, 1, 1, tzinfo=UTC)
BULLET = re.compile(r"^[-•·*–]\s*(?P<text>\S.{0,59})$")
_HEADER_REACH = 6  # a card's time or source echo comes within its first six non-blank lines
_MAX_TITLE = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class CardHeader:
    """The header of one card: 'Source / 13 minutes ago / - Source / Title' and its variants."""

    start: int
    end: int
    source: str
    time_text: str | None
    title: str
    removed: tuple[Removed, ...]
    has_echo: bool


def find_card_headers(lines: list[str], start: int) -> list[CardHeader]:
    headers: list[CardHeader] = []
    i = start
    while i < len(lines):
        header = match_card_header(lines, i) if lines[i] else None
        if header is None:
            i += 1
            continue
        headers.append(header)
        i = header.end
    return headers


def is_time_line(line: str) -> bool:
    """True for a card's time line ('3 hours ago', '12 May 2024'): short, and read as a time."""
    return len(line) <= _TIME_LINE_MAX and _parses_as_time(line)


_TIME_LINE_MAX = 40


@lru_cache(maxsize=4096)  # each line is tested once per card window it falls in (up to six times); only
def _parses_as_time(line: str) -> bool:  # short lines reach the cache, so it never holds a long body
    return parse_relative_time(line, _REFERENCE) is not None


def is_source_like(line: str) -> bool:
    return (
        len(line) <= 50
        and len(line.split()) <= 6
        and line[0].isalnum()
        and line[-1] not in ".!?:;,"
        and not line.casefold().startswith("by ")
        and not is_time_line(line)
        and noise.classify_noise_line(line) is None
    )


def match_card_header(lines: list[str], i: int) -> CardHeader | None:
    window = [j for j in range(i, min(len(lines), i + 16)) if lines[j]][:10]
    anchor = _find_anchor(lines, window)
    if anchor is None:
        return None
    is_time = is_time_line(lines[window[anchor]])
    post = window[anchor + 1 :] if is_time else window[anchor:]
    parsed = _parse_after_anchor(lines, post)
    if parsed is None:
        return None
    title_end, title, bullets, removed = parsed
    before = _parse_before_anchor(lines, window[:anchor], title)
    if before is None:
        return None
    source, pre_removed = before
    source, bullet_removed, has_echo = resolve_bullets(source, bullets)
    if source is None or normalize_outlet(source) == normalize_outlet(title):
        return None
    return CardHeader(
        start=window[0],
        end=title_end,
        source=source,
        time_text=lines[window[anchor]] if is_time else None,
        title=title,
        removed=(*pre_removed, *bullet_removed, *removed),
        has_echo=has_echo or bool(pre_removed) or bool(removed),
    )


def _find_anchor(lines: list[str], window: list[int]) -> int | None:
    """Position in the window of the card's time line, or else of a '- Source' echo of the line before."""
    for p, j in enumerate(window[:_HEADER_REACH]):
        if is_time_line(lines[j]):
            return p
        bullet = BULLET.match(lines[j])
        if p and bullet and normalize_outlet(bullet["text"]) == normalize_outlet(lines[window[p - 1]]):
            return p
    return None


def _parse_after_anchor(
    lines: list[str], post: list[int]
) -> tuple[int, str, list[str], list[Removed]] | None:
    q = 0
    bullets: list[str] = []
    while q < len(post) and (bullet := BULLET.match(lines[post[q]])):
        bullets.append(bullet["text"])
        q += 1
    if q >= len(post):
        return None
    title = lines[post[q]]
    if len(title) > _MAX_TITLE or is_time_line(title) or noise.classify_noise_line(title):
        return None
    removed: list[Removed] = []
    q += 1
    while q < len(post) and lines[post[q]] == title:
        removed.append(Removed(text=title, reason=noise.DUPLICATE_TITLE))
        q += 1
    return post[q - 1] + 1, title, bullets, removed


def _parse_before_anchor(
    lines: list[str], pre: list[int], title: str
) -> tuple[str | None, list[Removed]] | None:
    source: str | None = None
    removed: list[Removed] = []
    for j in pre:
        line = lines[j]
        if line == title:
            removed.append(Removed(text=line, reason=noise.DUPLICATE_TITLE))
        elif noise.classify_noise_line(line) == noise.LOGO:
            removed.append(Removed(text=line, reason=noise.LOGO))
        elif source is not None and normalize_outlet(line) == normalize_outlet(source):
            removed.append(Removed(text=source, reason=noise.SOURCE_ECHO))
            source = line
        elif source is None and is_source_like(line):
            source = line
        else:
            return None
    return source, removed


def resolve_bullets(source: str | None, bullets: list[str]) -> tuple[str | None, list[Removed], bool]:
    removed: list[Removed] = []
    has_echo = False
    for text in bullets:
        if source is None and is_source_like(text):
            source = text
        elif source is not None and normalize_outlet(text) == normalize_outlet(source):
            removed.append(Removed(text=text, reason=noise.SOURCE_ECHO))
            has_echo = True
        else:
            removed.append(Removed(text=text, reason=noise.CATEGORY))
    return source, removed, has_echo
