"""What aggregator text dumps hold besides prose: chrome lines, ad markers, teasers, wire slugs, datelines.

Functions here classify lines and find spans; they never rewrite text (the splitter cuts at the spans).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.clean.outlets import is_wire_service

__all__ = [
    "AD_MARKER",
    "ALSO_READ",
    "BYLINE",
    "CATEGORY",
    "CHROME",
    "DISCLAIMER",
    "DUPLICATE_TITLE",
    "EDITED_BY",
    "IMAGE_URL",
    "LOGO",
    "READ_MORE",
    "SOURCE_ECHO",
    "WIRE_SLUG",
    "DatelineMatch",
    "NoiseHit",
    "classify_noise_line",
    "find_inline_noise",
    "find_read_more",
    "find_wire_dateline",
    "is_chrome_start",
    "match_byline",
    "match_credit",
    "match_lead_dateline",
    "split_run_on",
]

# Reasons recorded in Article.removed.
CHROME = "page chrome"
IMAGE_URL = "image-url fragment"
LOGO = "logo"
AD_MARKER = "ad marker"
READ_MORE = "read-more marker"
ALSO_READ = "also-read link"
WIRE_SLUG = "wire slug"
DISCLAIMER = "wire disclaimer"
EDITED_BY = "edited-by line"
BYLINE = "byline"
DUPLICATE_TITLE = "duplicate title"
SOURCE_ECHO = "source echo"
CATEGORY = "category label"
ICON_LABEL = "icon label"
ORGANISATION_CREDIT = "organisation credit"  # the only author stated is a desk or an outlet

# Widget labels of aggregator pages; the first ones also end the main article.
_CHROME_START = re.compile(
    r"^(?:hashtags|tags|try our ai features|explore what .{1,40} can do for you:?|comments?"
    r"|no comments yet\.*|be the first to comment\.*|related (?:articles|news|stories|posts)"
    r"|more (?:from|on) .{1,30}|latest news with #.{1,40}|you may also like)$",
    re.IGNORECASE,
)
_CHROME_OTHER = re.compile(
    r"^(?:#|(?:#[\w-]+\s*)+|copy the story link|share|share this (?:article|story)|advertisement"
    r"|sponsored|enter email|sign up|subscribe|read more|show more|load more|trending|top stories)$",
    re.IGNORECASE,
)
_LOGO = re.compile(r"^(?:[\w&.'’ -]{0,40}\s)?logo$", re.IGNORECASE)
_IMAGE_URL = re.compile(
    r"^(?:!?\[[^\]]*\]\(\S+\)|https?://\S+|\S*\.(?:jpe?g|png|webp|gif|avif|svg)\S*"
    r"|[^\s=]*(?:[?&][\w.%-]+=[^\s&]*)+\)?)$",
    re.IGNORECASE,
)
_ALSO_READ = re.compile(
    r"^(?:also read|read also|also see|also watch|must read|read more|recommended|related)\s*[:|\-–—]\s*\S",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\(?\s*(?P<body>(?:(?:edited|editing|reporting|writing|compiled) by:?\s+[^()]{2,120}?))\s*\)?\.?$",
    re.IGNORECASE,
)
_CREDIT_INLINE = re.compile(
    r"\((?:edited|editing|reporting|writing|compiled) by:?\s+[^()]{2,120}\)", re.IGNORECASE
)
_CREDIT_PART = re.compile(
    r"(?P<role>edited|editing|reporting|writing|compiled) by:?\s+(?P<names>[^;]+)", re.I
)
_BYLINE = re.compile(r"^(?:by|written by|reported by)\s+(?P<names>[^|]{2,120}?)\s*(?:\|.*)?$", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}$")
_FROM_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$")  # 'Ana Ruiz in New York'

_AD_PHRASE = re.compile(
    r"(?:(?:story|article) continues (?:below|after) (?:this )?ad(?:vertisement)?"
    r"|scroll (?:down )?to continue(?: reading| with content)?|continue reading below)",
    re.IGNORECASE,
)
_AD_WORD = re.compile(r"\bADVERTISEMENT\b")
_SENTENCE_START = r"(?:^|(?<=[.!?'\"’”)] ))"
_DISCLAIMER = re.compile(
    _SENTENCE_START + r"\(?[^.!?()]{0,160}?\b(?:auto-generated|syndicated (?:news )?feed"
    r"|holds? no responsibility for (?:its|the) content)[^.!?()]*[.!?]\)?",
    re.IGNORECASE,
)
_PAREN_DISCLAIMER = re.compile(
    r"\([^()]{0,200}?\b(?:auto-generated|syndicated (?:news )?feed|holds? no responsibility for)[^()]*\)",
    re.IGNORECASE,
)
_DISCLAIMER_WORD = re.compile(r"auto-generated|syndicated|no responsibility for", re.IGNORECASE)
_SLUG_TAIL = re.compile(r"(?:^|(?<=\s))(?P<slug>(?P<wire>[A-Z]{2,8})(?:\s+[A-Z]{1,5}){1,8})\s*$")
_SLUG_HEAD = re.compile(r"(?P<slug>(?P<wire>[A-Z]{2,8})(?:\s+[A-Z]{1,5}){1,8})\s+(?=\(?[A-Z][a-z])")
_READ_MORE = re.compile(r"(?<=[.!?'\"’”…)])\s+(?:\.{3}\s*)?read more\b[.:…]*(?=\s|$)", re.IGNORECASE)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_WIRE_DATELINE = re.compile(
    _SENTENCE_START + r"(?P<place>[A-Z][^.,!?:;'\"()\d]{0,40}?(?:\s*\([A-Z][^()]{0,30}\))?),\s*"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}})\s*\((?P<wire>[A-Z][A-Za-z]{{1,14}})\)\s*(?:[-–—:]\s*)?"
)
_CAPS_DATELINE = re.compile(
    _SENTENCE_START + r"(?P<place>[A-Z][A-Z .'-]{1,30}?)\s*\((?P<wire>[A-Z][A-Za-z]{1,14})\)\s*[-–—:]\s*"
)
_LEAD_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|\([A-Z][^()]{0,30}\))){0,3})"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}))?\s*(?:\((?P<wire>[A-Z][A-Za-z]{{1,14}})\))?"
    r"\s*[:—–-]\s+(?=[A-Z'\"‘“])"
)
_NOT_PLACES = frozenset(
    {"update", "updated", "note", "watch", "also", "read", "photos", "video", "disclaimer", "editor"}
    | {"opinion", "analysis", "exclusive", "breaking", "explained", "live", "q", "a", "image", "photo"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class NoiseHit:
    """A span of text to drop, and why."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DatelineMatch:
    """Where a dateline sits in a paragraph ('Drass (Kargil), Jul 26 (PTI)') and its parts."""

    start: int
    end: int
    text: str
    place: str
    date_text: str | None
    wire: str | None


def is_chrome_start(line: str) -> bool:
    """True for the widget labels that follow the main article ('Hashtags', 'Comments'...)."""
    return bool(_CHROME_START.match(line.strip()))


def classify_noise_line(line: str) -> str | None:
    """The reason a whole line is noise, or None when it may be prose."""
    text = line.strip()
    if not text:
        return None
    if _CHROME_START.match(text) or _CHROME_OTHER.match(text):
        return CHROME
    if _LOGO.match(text):
        return LOGO
    if _IMAGE_URL.match(text):
        return IMAGE_URL
    if _ALSO_READ.match(text):
        return ALSO_READ
    if _AD_PHRASE.fullmatch(text) or _AD_WORD.fullmatch(text):
        return AD_MARKER
    return None


def match_credit(text: str) -> tuple[str | None, tuple[str, ...]] | None:
    """'(Edited by X)' or '(Reporting by A; Editing by B)': (editor, authors), or None."""
    match = _CREDIT.match(text.strip())
    if match is None:
        return None
    editor: str | None = None
    authors: list[str] = []
    for part in _CREDIT_PART.finditer(match["body"]):
        names = _split_names(part["names"])
        if part["role"].casefold().startswith("edit"):
            editor = editor or ", ".join(names) or None
        else:
            authors.extend(names)
    return editor, tuple(authors)


def match_byline(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """'By A and B' -> ((A, B), wire): names only, never 'By' nor a wire credit among them."""
    match = _BYLINE.match(line.strip())
    if match is None:
        return None
    names = _split_names(match["names"])
    if not names:
        return None
    wires = [name for name in names if is_wire_service(name)]
    people = tuple(name for name in names if name not in wires and _NAME.match(name))
    if len(people) + len(wires) != len(names):
        return None
    return people, (wires[0] if wires else None)


def _split_names(text: str) -> list[str]:
    """'A in Oslo and B' -> [A, B]: the names of a credit without the place each reported from."""
    names = (_FROM_PLACE.sub("", name.strip(" .")) for name in _NAME_SPLIT.split(text.strip()))
    return [name for name in names if name]


def find_inline_noise(text: str) -> list[NoiseHit]:
    """Ad markers, credits, wire disclaimers and a trailing wire slug inside a run of prose, in order."""
    hits = [NoiseHit(start=m.start(), end=m.end(), reason=AD_MARKER) for m in _AD_PHRASE.finditer(text)]
    hits += [NoiseHit(start=m.start(), end=m.end(), reason=AD_MARKER) for m in _AD_WORD.finditer(text)]
    hits += [NoiseHit(start=m.start(), end=m.end(), reason=EDITED_BY) for m in _CREDIT_INLINE.finditer(text)]
    if _DISCLAIMER_WORD.search(text):  # the disclaimer patterns try 160 characters at every sentence start
        hits += [
            NoiseHit(start=m.start(), end=m.end(), reason=DISCLAIMER)
            for m in _PAREN_DISCLAIMER.finditer(text)
        ]
        hits += [
            hit for m in _DISCLAIMER.finditer(text) for hit in _split_slug_head(text, m.start(), m.end())
        ]
    hits = _without_overlaps(sorted(hits, key=lambda hit: (hit.start, -hit.end)))
    slug = None if any(hit.reason == WIRE_SLUG for hit in hits) else _find_trailing_slug(text, hits)
    return sorted([*hits, slug], key=lambda hit: hit.start) if slug else hits


def _without_overlaps(hits: list[NoiseHit]) -> list[NoiseHit]:
    kept: list[NoiseHit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _split_slug_head(text: str, start: int, end: int) -> list[NoiseHit]:
    """A disclaimer sentence found from 'PTI MIJ VN VN This report...' starts with the slug: part them."""
    match = _SLUG_HEAD.match(text, start, end)
    if match is None or not is_wire_service(match["wire"]):
        return [NoiseHit(start=start, end=end, reason=DISCLAIMER)]
    return [
        NoiseHit(start=start, end=match.end("slug"), reason=WIRE_SLUG),
        NoiseHit(start=match.end(), end=end, reason=DISCLAIMER),
    ]


def _find_trailing_slug(text: str, hits: list[NoiseHit]) -> NoiseHit | None:
    """'PTI MIJ VN VN': a wire name and desk codes, the last words before any trailing noise."""
    end = len(text)
    for hit in reversed(hits):
        if text[hit.end : end].strip():
            break
        end = hit.start
    match = _SLUG_TAIL.search(text, 0, end)
    if match is None or not is_wire_service(match["wire"]):
        return None
    return NoiseHit(start=match.start("slug"), end=match.end("slug"), reason=WIRE_SLUG)


def find_read_more(text: str) -> NoiseHit | None:
    """The first 'read more' teaser cut-off after a sentence end, if any."""
    match = _READ_MORE.search(text)
    if match is None:
        return None
    return NoiseHit(start=match.start(), end=match.end(), reason=READ_MORE)


def find_wire_dateline(text: str) -> DatelineMatch | None:
    """The first wire dateline at a sentence start: 'Drass (Kargil), Jul 26 (PTI)', 'LONDON (Reuters) -'."""
    match = _WIRE_DATELINE.search(text)
    if match is not None:
        return _to_dateline(match, match["date"])
    match = _CAPS_DATELINE.search(text)
    if match is None or not is_wire_service(match["wire"]):
        return None
    return _to_dateline(match, None)


def match_lead_dateline(paragraph: str) -> DatelineMatch | None:
    """A place opening a paragraph, as in 'New Delhi: As tensions rise...'; kickers are not places."""
    wire = find_wire_dateline(paragraph)
    if wire is not None and wire.start == 0:
        return wire
    match = _LEAD_DATELINE.match(paragraph)
    if match is None or match["place"].split()[0].casefold() in _NOT_PLACES:
        return None
    return _to_dateline(match, match["date"])


def _to_dateline(match: re.Match[str], date_text: str | None) -> DatelineMatch:
    text, place = match.group().strip(" -–—:"), match["place"].strip()
    return DatelineMatch(
        start=match.start(), end=match.end(), text=text, place=place, date_text=date_text, wire=match["wire"]
    )


# --- run-on text to paragraphs ----------------------------------------------------------------

_LONG_RUN = 700
_PARAGRAPH_TARGET = 300
_SHORTEST_TAIL = 80
_WORD_REACH = 100  # a longer "word" (a URL, junk) is judged by its last 100 characters
_BREAK = re.compile(r"[.!?…]['\"’”)]*\s+(?=['\"‘“(]?[A-Z0-9])")
_QUOTE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–]))['‘\"“](?=[\w(…])")
_QUOTE_CLOSE = re.compile(r"(?<=[\w.,!?;:…)\]])['’\"”](?=[\s.,;:!?)\]—–(]|$)")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "brig",
        "adm",
        "sgt",
        "cpl",
        "cmdr",
        "cdr",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "gov",
        "govt",
        "sen",
        "rep",
        "prof",
        "rev",
        "hon",
        "mt",
        "approx",
        "fig",
        "dept",
        "pvt",
        "retd",
        "rs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)


def split_run_on(text: str) -> list[str]:
    """Break a run-on line (a whole article dumped as one line) into paragraphs of a few sentences.

    Breaks only at sentence ends outside quotations and not after abbreviations or initials,
    so no sentence and no quote is ever split; text of 700 characters or less stays whole.
    """
    if len(text) <= _LONG_RUN:
        return [text]
    paragraphs: list[str] = []
    start = 0
    for cut in _safe_breaks(text):
        if cut - start >= _PARAGRAPH_TARGET and len(text) - cut >= _SHORTEST_TAIL:
            paragraphs.append(text[start:cut].strip())
            start = cut
    paragraphs.append(text[start:].strip())
    return paragraphs


def _safe_breaks(text: str) -> list[int]:
    events = sorted(
        [(m.start(), 1) for m in _QUOTE_OPEN.finditer(text)]
        + [(m.start(), -1) for m in _QUOTE_CLOSE.finditer(text)]
    )
    breaks: list[int] = []
    depth, k = 0, 0
    for match in _BREAK.finditer(text):
        while k < len(events) and events[k][0] < match.end():
            depth = max(0, depth + events[k][1])
            k += 1
        if depth == 0 and not _ends_with_abbreviation(text, match.start()):
            breaks.append(match.end())
    return breaks


def _ends_with_abbreviation(text: str, stop: int) -> bool:
    if text[stop] != ".":
        return False
    # Look back a bounded stretch: slicing from the start made a line of "Mr. Mr. ..." quadratic.
    head = text[max(0, stop - _WORD_REACH) : stop]
    word = head.rsplit(maxsplit=1)[-1].lstrip("('\"‘“") if head.strip() else ""
    return len(word) == 1 or "." in word or word.casefold() in _ABBREVIATIONS
