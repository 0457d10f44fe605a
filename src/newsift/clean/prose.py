"""Prose cleanup shared by every input (text dumps, aggregator cards, JSONL, feeds, HTML bodies): noise lines,
credits and bylines, lead and wire datelines, wire slugs, disclaimers, ad markers and teaser cut-offs.

Every dropped piece becomes a Removed record with its reason. No page splitting here (see aggregator).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsift.clean import noise
from newsift.model import Article, Dateline, Removed

__all__ = [
    "Draft",
    "add_prose",
    "clean_article_prose",
    "clean_prose",
    "cut_lead_dateline",
    "cut_wire_notes",
    "sort_lines",
]

_MAX_STANDFIRST = 700


@dataclass(slots=True, kw_only=True)
class Draft:
    """An article being assembled (mutable; its caller freezes it into an Article at the end)."""

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


def sort_lines(draft: Draft, lines: list[str]) -> list[str]:
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


def _apply_credit(draft: Draft, credit: tuple[str | None, tuple[str, ...]], text: str) -> None:
    editor, authors = credit
    draft.editor = draft.editor or editor
    draft.authors.extend(name for name in authors if name not in draft.authors)
    draft.removed.append(Removed(text=text, reason=noise.EDITED_BY))


def cut_lead_dateline(draft: Draft, paragraph: str) -> str:
    match = noise.match_lead_dateline(paragraph)
    if match is None or match.end >= len(paragraph):
        return paragraph
    draft.dateline = _dateline(match)
    draft.wire = draft.wire or match.wire
    return paragraph[match.end :]


def _dateline(match: noise.DatelineMatch) -> Dateline:
    return Dateline(text=match.text, place=match.place, date_text=match.date_text, wire=match.wire)


def add_prose(draft: Draft, text: str, *, first: bool) -> None:
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
    draft: Draft,
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


def _note_slug(draft: Draft, text: str, reason: str) -> None:
    if reason != noise.WIRE_SLUG:
        return
    draft.wire_slug = text.strip()
    draft.wire = draft.wire or text.split()[0]


def clean_prose(text: str) -> Draft:
    """One body (a paragraph a line or a blank line between paragraphs) through the shared cleanup.

    The result holds the kept paragraphs and what was found and removed on the way; it never takes a
    standfirst (the caller's input says what its standfirst is).
    """
    draft = Draft()
    prose = sort_lines(draft, [line.strip() for line in text.splitlines()])
    if prose:
        prose[0] = cut_lead_dateline(draft, prose[0])
    for line in prose:
        add_prose(draft, line, first=False)
    return draft


def clean_article_prose(article: Article) -> Article:
    """The article with its body through ``clean_prose``: what was cut is added to ``removed``, and the
    credits, wire, wire slug and dateline found fill the fields the article does not have yet.

    An article whose whole body reads as noise keeps its body (losing it would lose the article).
    """
    draft = clean_prose(article.body)
    body = "\n\n".join(draft.paragraphs)
    if not body or (body == article.body and not draft.removed):
        return article
    return replace(
        article,
        body=body,
        removed=article.removed + tuple(draft.removed),
        authors=article.authors or tuple(dict.fromkeys(draft.authors)),
        editor=article.editor or draft.editor,
        wire=article.wire or draft.wire,
        wire_slug=article.wire_slug or draft.wire_slug,
        dateline=article.dateline or draft.dateline,
    )


_WIRE_NOTES = frozenset({noise.WIRE_SLUG, noise.DISCLAIMER})


def cut_wire_notes(article: Article) -> Article:
    """Only the wire slugs and syndication disclaimers out of each paragraph, recorded (for HTML bodies,
    whose lines the HTML cleanup has already sorted; its datelines and credits stay as the page prints them).
    """
    removed: list[Removed] = []
    paragraphs: list[str] = []
    slug: str | None = None
    for paragraph in article.paragraphs:
        hits = [hit for hit in noise.find_inline_noise(paragraph) if hit.reason in _WIRE_NOTES]
        position = 0
        kept: list[str] = []
        for hit in hits:
            kept.append(paragraph[position : hit.start])
            removed.append(Removed(text=paragraph[hit.start : hit.end].strip(), reason=hit.reason))
            slug = slug or (paragraph[hit.start : hit.end].strip() if hit.reason == noise.WIRE_SLUG else None)
            position = hit.end
        text = " ".join(" ".join([*kept, paragraph[position:]]).split())
        if text:
            paragraphs.append(text)
    if not removed or not paragraphs:
        return article
    wire = article.wire or (slug.split()[0] if slug else None)
    return replace(
        article,
        body="\n\n".join(paragraphs),
        removed=article.removed + tuple(removed),
        wire=wire,
        wire_slug=article.wire_slug or slug,
    )
