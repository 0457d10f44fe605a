"""Split a news-aggregator text dump (main article, page chrome, related-article cards) into Articles.

Rules describe the shape of such pages, never one page's words; every dropped piece is recorded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from newsift.clean import noise
from newsift.clean.cards import (
    BULLET,
    CardHeader,
    find_card_headers,
    is_source_like,
    is_time_line,
    match_card_header,
    resolve_bullets,
)
from newsift.clean.outlets import is_known_outlet, is_wire_service, normalize_outlet
from newsift.clean.times import parse_relative_time
from newsift.model import Article, Dateline, Position, Removed, make_id

__all__ = ["EXTRACTOR", "detect_aggregator_page", "split_aggregator_page"]

EXTRACTOR = "clean.aggregator.v1"

_MAX_STANDFIRST = 700
_TOLD = re.compile(r"\btold\s+(?P<name>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})")


@dataclass(slots=True, kw_only=True)
class _Draft:
    """An article being assembled (private and mutable; frozen into an Article at the end)."""

    title: str = ""
    source: str | None = None
    time_text: str | None = None
    standfirst: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    wire: str | None = None
    wire_slug: str | None = None
    dateline: Dateline | None = None


def detect_aggregator_page(text: str) -> bool:
    """True when the text has the shape of an aggregator dump: widget labels or related-article cards.

    Two distinct widget labels ('Comments', 'Related Articles'...), one card with a source echo,
    logo or repeated title, or two plain cards are enough.
    """
    lines = [line.strip() for line in text.splitlines()]
    labels = {line.casefold() for line in lines if noise.is_chrome_start(line)}
    if len(labels) >= 2:
        return True
    headers = find_card_headers(lines, 0)
    return len(headers) >= 2 or any(header.has_echo for header in headers)


def split_aggregator_page(text: str, *, page_id: str, uri: str, fetched_at: datetime) -> list[Article]:
    """Split an aggregator dump into its main article and its related articles.

    The main article runs from the top to the first widget label ('Hashtags', 'Comments'...);
    its first prose line is the title and the next one the standfirst. Each related card is
    'source / time / - source / title / body' (or 'logo / title / title / source / time...').
    A card's standfirst is the text before 'read more', else the text before a wire dateline
    ('Drass (Kargil), Jul 26 (PTI)') that does not open the body; otherwise there is none.

    Args:
        text: the decoded page.
        page_id: id of the raw document; article ids derive from it and the index.
        uri: where the page was read from.
        fetched_at: when it was fetched; relative times ('an hour ago') resolve against it.

    Returns:
        the articles in page order: MAIN first (when the page has one), then RELATED.
    """
    lines = [line.strip() for line in text.splitlines()]
    drafts = _split_drafts(lines)
    return [
        _freeze(draft, index, page_id=page_id, uri=uri, fetched_at=fetched_at, is_main=is_main)
        for index, (draft, is_main) in enumerate(drafts)
    ]


def _split_drafts(lines: list[str]) -> list[tuple[_Draft, bool]]:
    first = next((i for i, line in enumerate(lines) if line), len(lines))
    chrome_at = next((i for i in range(first + 1, len(lines)) if noise.is_chrome_start(lines[i])), None)
    # Without widget labels, a card header at the very top is the main article's own header.
    top = match_card_header(lines, first) if first < len(lines) else None
    headers = find_card_headers(
        lines, chrome_at if chrome_at is not None else (top.end if top else first + 1)
    )
    main_end = chrome_at if chrome_at is not None else (headers[0].start if headers else len(lines))
    main = _main_draft(lines[first:main_end])
    drafts: list[tuple[_Draft, bool]] = [(main, True)] if main is not None else []
    chrome_end = headers[0].start if headers else len(lines)
    page_noise = [_line_removed(line) for line in lines[main_end:chrome_end] if line]
    for k, header in enumerate(headers):
        end = headers[k + 1].start if k + 1 < len(headers) else len(lines)
        drafts.append((_card_draft(header, lines[header.end : end]), False))
    if drafts:
        drafts[0][0].removed.extend(page_noise)
    return drafts


def _line_removed(line: str) -> Removed:
    return Removed(text=line, reason=noise.classify_noise_line(line) or noise.CHROME)


# --- bodies ---------------------------------------------------------------------------------


def _main_draft(lines: list[str]) -> _Draft | None:
    start = next((i for i, line in enumerate(lines) if line), None)
    if start is None:
        return None
    draft = _Draft()
    header = match_card_header(lines, start) if start < len(lines) else None
    if header is not None:
        draft.title, draft.source, draft.time_text = header.title, header.source, header.time_text
        draft.removed.extend(header.removed)
        prose = _sort_lines(draft, lines[header.end :])
    else:
        prose = _sort_lines(draft, lines[start:])
        if not prose:
            return None
        draft.title = prose.pop(0)
        while prose and prose[0] == draft.title:
            draft.removed.append(Removed(text=prose.pop(0), reason=noise.DUPLICATE_TITLE))
        _take_meta(draft, prose)
    if len(prose) >= 2:
        draft.standfirst = prose.pop(0)
    draft.headings = _find_headings(prose)
    if prose:
        prose[0] = _cut_lead_dateline(draft, prose[0])
    for line in prose:
        _add_prose(draft, line, first=False)
    return draft


def _take_meta(draft: _Draft, prose: list[str]) -> None:
    """Take a 'Source / time43 minutes ago / • Source' block printed under the main title."""
    t = next((k for k, line in enumerate(prose[:3]) if is_time_line(line)), None)
    if t is None or t > 1 or (t == 1 and not is_source_like(prose[0])):
        return
    draft.source = prose[0] if t == 1 else None
    draft.time_text = prose[t]
    end = t + 1
    while end < len(prose) and BULLET.match(prose[end]):
        end += 1
    bullets = [match["text"] for line in prose[t + 1 : end] if (match := BULLET.match(line))]
    draft.source, removed, _ = resolve_bullets(draft.source, bullets)
    draft.removed.extend(removed)
    del prose[:end]


def _card_draft(header: CardHeader, lines: list[str]) -> _Draft:
    draft = _Draft(title=header.title, source=header.source, time_text=header.time_text)
    draft.removed.extend(header.removed)
    for k, line in enumerate(_sort_lines(draft, lines)):
        _add_prose(draft, line, first=k == 0)
    return draft


def _sort_lines(draft: _Draft, lines: list[str]) -> list[str]:
    """Keep prose lines; turn noise, credits and bylines into removed entries and fields."""
    prose: list[str] = []
    for line in lines:
        if not line:
            continue
        reason = noise.classify_noise_line(line)
        credit = noise.match_credit(line) if reason is None else None
        byline = noise.match_byline(line) if reason is None and credit is None and len(prose) < 3 else None
        if reason is not None:
            draft.removed.append(Removed(text=line, reason=reason))
        elif credit is not None:
            _apply_credit(draft, credit, line)
        elif byline is not None:
            draft.authors.extend(byline[0])
            draft.wire = draft.wire or byline[1]
            draft.removed.append(Removed(text=line, reason=noise.BYLINE))
        else:
            prose.append(line)
    return prose


def _apply_credit(draft: _Draft, credit: tuple[str | None, tuple[str, ...]], text: str) -> None:
    editor, authors = credit
    draft.editor = draft.editor or editor
    draft.authors.extend(name for name in authors if name not in draft.authors)
    draft.removed.append(Removed(text=text, reason=noise.EDITED_BY))


def _find_headings(prose: list[str]) -> list[str]:
    """Short unpunctuated lines between paragraphs: 'A growing axis: Pakistan, Turkey, and beyond'."""
    return [
        line
        for k, line in enumerate(prose)
        if 0 < k < len(prose) - 1 and _is_heading(line) and not _is_heading(prose[k + 1])
    ]


def _is_heading(line: str) -> bool:
    return (
        len(line) <= 100
        and len(line.split()) <= 14
        and (line[0].isupper() or line[0].isdigit())
        and line[-1] not in ".!?:;,'\"’”…"
    )


def _cut_lead_dateline(draft: _Draft, paragraph: str) -> str:
    match = noise.match_lead_dateline(paragraph)
    if match is None or match.end >= len(paragraph):
        return paragraph
    draft.dateline = _dateline(match)
    draft.wire = draft.wire or match.wire
    return paragraph[match.end :]


def _dateline(match: noise.DatelineMatch) -> Dateline:
    return Dateline(text=match.text, place=match.place, date_text=match.date_text, wire=match.wire)


def _add_prose(draft: _Draft, text: str, *, first: bool) -> None:
    """Cut one prose line at noise, teaser and dateline; the pieces become standfirst and paragraphs."""
    hits = noise.find_inline_noise(text)
    teaser = noise.find_read_more(text) if first else None
    if teaser is not None and not any(_overlaps(teaser, hit) for hit in hits):
        hits = sorted([*hits, teaser], key=lambda hit: hit.start)
    dateline = noise.find_wire_dateline(text) if draft.dateline is None else None
    if dateline is not None and any(hit.start < dateline.end and dateline.start < hit.end for hit in hits):
        dateline = None
    pieces: list[tuple[int, str]] = []
    position = 0
    for hit in hits:
        pieces.extend(_pieces(text, position, hit.start, dateline))
        draft.removed.append(Removed(text=text[hit.start : hit.end].strip(), reason=hit.reason))
        _note_slug(draft, text[hit.start : hit.end], hit.reason)
        position = hit.end
    pieces.extend(_pieces(text, position, len(text), dateline))
    if dateline is not None:
        draft.dateline = _dateline(dateline)
        draft.wire = draft.wire or dateline.wire
    _place_pieces(draft, pieces, first=first, teaser=teaser, dateline=dateline)


def _overlaps(one: noise.NoiseHit, other: noise.NoiseHit) -> bool:
    return one.start < other.end and other.start < one.end


def _pieces(text: str, start: int, end: int, dateline: noise.DatelineMatch | None) -> list[tuple[int, str]]:
    """The prose between two cuts, split around a dateline inside it; (start offset, text) pairs."""
    spans = [(start, end)]
    if dateline is not None and start <= dateline.start and dateline.end <= end:
        spans = [(start, dateline.start), (dateline.end, end)]
    return [(s, text[s:e].strip()) for s, e in spans if text[s:e].strip()]


def _place_pieces(
    draft: _Draft,
    pieces: list[tuple[int, str]],
    *,
    first: bool,
    teaser: noise.NoiseHit | None,
    dateline: noise.DatelineMatch | None,
) -> None:
    cut = teaser.start if teaser is not None else (dateline.start if dateline is not None else None)
    if first and cut is not None and draft.standfirst is None:
        lead = [piece for start, piece in pieces if start < cut]
        if lead and sum(map(len, lead)) <= _MAX_STANDFIRST:
            draft.standfirst = " ".join(lead)
            pieces = [(start, piece) for start, piece in pieces if start >= cut]
    for _, piece in pieces:
        draft.paragraphs.extend(noise.split_run_on(piece))


def _note_slug(draft: _Draft, text: str, reason: str) -> None:
    if reason != noise.WIRE_SLUG:
        return
    draft.wire_slug = text.strip()
    draft.wire = draft.wire or text.split()[0]


# --- records --------------------------------------------------------------------------------


def _infer_outlet(draft: _Draft) -> str | None:
    """The outlet interviewees keep talking to ('she told ThePrint'), when it is one known outlet."""
    counts: Counter[str] = Counter()
    for paragraph in draft.paragraphs:
        for match in _TOLD.finditer(paragraph):
            words = match["name"].rstrip(".").split()
            for n in range(len(words), 0, -1):
                if is_known_outlet(" ".join(words[:n])) and not is_wire_service(" ".join(words[:n])):
                    counts[normalize_outlet(" ".join(words[:n]))] += 1
                    break
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _freeze(
    draft: _Draft, index: int, *, page_id: str, uri: str, fetched_at: datetime, is_main: bool
) -> Article:
    resolved = parse_relative_time(draft.time_text, fetched_at) if draft.time_text else None
    outlet = normalize_outlet(draft.source) if draft.source else (_infer_outlet(draft) if is_main else None)
    return Article(
        id=make_id(page_id, str(index)),
        page_id=page_id,
        position=Position.MAIN if is_main else Position.RELATED,
        index=index,
        title=draft.title,
        body="\n\n".join(draft.paragraphs),
        uri=uri,
        source=draft.source,
        outlet=outlet or None,
        standfirst=draft.standfirst,
        authors=tuple(dict.fromkeys(draft.authors)),
        editor=draft.editor,
        wire=draft.wire,
        wire_slug=draft.wire_slug,
        dateline=draft.dateline,
        published_text=draft.time_text,
        published_at=resolved[0] if resolved else None,
        published_earliest_at=resolved[1] if resolved else None,
        published_latest_at=resolved[2] if resolved else None,
        fetched_at=fetched_at,
        headings=tuple(draft.headings),
        removed=tuple(draft.removed),
        extractor=EXTRACTOR,
    )
