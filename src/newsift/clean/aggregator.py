"""Split a news-aggregator text dump (main article, page chrome, related-article cards) into Articles.

Rules describe the shape of such pages, never one page's words; every dropped piece is recorded.
"""

from __future__ import annotations

import re
from collections import Counter
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
from newsift.clean.prose import Draft, add_prose, cut_lead_dateline, sort_lines
from newsift.clean.times import parse_relative_time, strip_icon_label
from newsift.model import Article, Position, Removed, make_id

__all__ = ["EXTRACTOR", "detect_aggregator_page", "split_aggregator_page"]

EXTRACTOR = "clean.aggregator.v2"
_CARD_TOP = 6  # a card's time comes within its first six lines

_TOLD = re.compile(r"\btold\s+(?P<name>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})")


def detect_aggregator_page(text: str) -> bool:
    """True when the text has the shape of an aggregator dump: widget labels or related-article cards.

    Two distinct widget labels ('Comments', 'Related Articles'...), one card with a source echo,
    logo or repeated title, two plain cards, or a page that opens like a card (a logo line, then a
    time line among the next few lines: an excerpt cut before any chrome) are enough.
    """
    lines = [line.strip() for line in text.splitlines()]
    labels = {line.casefold() for line in lines if noise.is_chrome_start(line)}
    if len(labels) >= 2 or _opens_like_card([line for line in lines if line]):
        return True
    headers = find_card_headers(lines, 0)
    return len(headers) >= 2 or any(header.has_echo for header in headers)


def _opens_like_card(lines: list[str]) -> bool:
    if not lines or noise.classify_noise_line(lines[0]) != noise.LOGO:
        return False
    return any(is_time_line(line) for line in lines[1:_CARD_TOP])


def _own_time_line(lines: list[str], first: int) -> int:
    """Index of the time line in a page that opens like a card (else ``first``): where its header ends."""
    if first >= len(lines) or noise.classify_noise_line(lines[first]) != noise.LOGO:
        return first
    top = [i for i in range(first, len(lines)) if lines[i]][:_CARD_TOP]
    return next((i for i in top if is_time_line(lines[i])), first)


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


def _split_drafts(lines: list[str]) -> list[tuple[Draft, bool]]:
    first = next((i for i, line in enumerate(lines) if line), len(lines))
    chrome_at = next((i for i in range(first + 1, len(lines)) if noise.is_chrome_start(lines[i])), None)
    # Without widget labels, the main article's own header (a card at the very top, or a
    # logo / title / source / time block) is not a related card.
    top = match_card_header(lines, first) if first < len(lines) else None
    own_end = top.end if top else _own_time_line(lines, first) + 1
    search_from = chrome_at if chrome_at is not None else own_end
    headers = find_card_headers(lines, search_from)
    main_end = chrome_at if chrome_at is not None else (headers[0].start if headers else len(lines))
    main = _main_draft(lines[first:main_end])
    drafts: list[tuple[Draft, bool]] = [(main, True)] if main is not None else []
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


def _main_draft(lines: list[str]) -> Draft | None:
    start = next((i for i, line in enumerate(lines) if line), None)
    if start is None:
        return None
    draft = Draft()
    header = match_card_header(lines, start) if start < len(lines) else None
    if header is not None:
        draft.title, draft.source = header.title, header.source
        draft.time_text = _time_text(draft, header.time_text) if header.time_text else None
        draft.removed.extend(header.removed)
        prose = sort_lines(draft, lines[header.end :])
    else:
        prose = sort_lines(draft, lines[start:])
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
        prose[0] = cut_lead_dateline(draft, prose[0])
    for line in prose:
        add_prose(draft, line, first=False)
    return draft


def _take_meta(draft: Draft, prose: list[str]) -> None:
    """Take a 'Source / time43 minutes ago / • Source' block printed under the main title."""
    t = next((k for k, line in enumerate(prose[:3]) if is_time_line(line)), None)
    if t is None or t > 1 or (t == 1 and not is_source_like(prose[0])):
        return
    draft.source = prose[0] if t == 1 else None
    draft.time_text = _time_text(draft, prose[t])
    end = t + 1
    while end < len(prose) and BULLET.match(prose[end]):
        end += 1
    bullets = [match["text"] for line in prose[t + 1 : end] if (match := BULLET.match(line))]
    draft.source, removed, _ = resolve_bullets(draft.source, bullets)
    draft.removed.extend(removed)
    del prose[:end]


def _time_text(draft: Draft, line: str) -> str:
    """The printed time without an icon's ligature name glued to it ('time43 minutes ago'), recorded."""
    text = strip_icon_label(line)
    if text != line:
        draft.removed.append(Removed(text=line[: len(line) - len(text)].strip(), reason=noise.ICON_LABEL))
    return text


def _card_draft(header: CardHeader, lines: list[str]) -> Draft:
    draft = Draft(title=header.title, source=header.source)
    draft.time_text = _time_text(draft, header.time_text) if header.time_text else None
    draft.removed.extend(header.removed)
    for k, line in enumerate(sort_lines(draft, lines)):
        add_prose(draft, line, first=k == 0)
    return draft


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


# --- records --------------------------------------------------------------------------------


def _infer_outlet(draft: Draft) -> str | None:
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
    draft: Draft, index: int, *, page_id: str, uri: str, fetched_at: datetime, is_main: bool
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
