"""Articles from structured inputs: JSONL (one article per line), RSS/Atom feeds, and plain text.

Each bad JSONL line becomes a Failure naming the line; the good lines still become articles.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from html import unescape
from typing import Any
from xml.sax import SAXException
from zoneinfo import ZoneInfo

import msgspec

from newsift.clean.noise import DUPLICATE_TITLE
from newsift.errors import InputError
from newsift.model import Article, Failure, Position, Removed, make_id

__all__ = ["CleanResult", "extract_feed_articles", "extract_jsonl_articles", "extract_text_article"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanResult:
    """What one raw document became: its articles, plus failures of parts of it (bad lines)."""

    articles: tuple[Article, ...]
    failures: tuple[Failure, ...] = ()


class _JsonlRecord(msgspec.Struct, forbid_unknown_fields=False):
    text: str | None = None
    body: str | None = None
    content: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_at: str | None = None
    date: str | None = None
    authors: list[str] | None = None
    author: str | None = None
    id: str | None = None


_jsonl_decoder = msgspec.json.Decoder(_JsonlRecord)
_BLANK_LINE = re.compile(r"\n\s*\n")
_BLOCK_TAGS = (
    *("p", "br", "div", "li", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "table", "tr", "td", "th"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "section", "article", "header", "footer"),
)


def extract_jsonl_articles(
    text: str, *, page_id: str, uri: str, fetched_at: datetime, outlet_of: Any = None
) -> CleanResult:
    """One article per JSON line (title, text, url, source, published); bad lines become failures."""
    articles: list[Article] = []
    failures: list[Failure] = []
    keys = _Keys()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{uri}:{number}"
        try:
            record = _jsonl_decoder.decode(line)
            articles.append(_jsonl_article(record, where, page_id, len(articles), uri, fetched_at, keys))
        except (msgspec.DecodeError, InputError, RecursionError) as err:
            failures.append(Failure(item_id=where, stage="clean", error_type="InputError", message=_why(err)))
    if not articles and not failures:
        raise InputError(uri, "JSONL input holds no records")
    return CleanResult(articles=tuple(articles), failures=tuple(failures))


def _why(err: Exception) -> str:
    if isinstance(err, InputError):
        return err.reason
    if isinstance(err, RecursionError):  # msgspec recurses per level: a line nested 10^5 deep
        return "not a JSON article: nested too deeply"
    return f"not a JSON article: {err}"


class _Keys:
    """The article keys (record id, guid, link) used so far in one page. A repeated key gets the
    item's position appended, so two records sharing an id are two articles, never one overwriting
    the other (the first keeps the plain key, and with it a stable article id)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def unique(self, key: str, index: int) -> str:
        while key in self._seen:
            key = f"{key}#{index}"
        self._seen.add(key)
        return key


def _jsonl_article(
    record: _JsonlRecord, where: str, page_id: str, index: int, uri: str, fetched_at: datetime, keys: _Keys
) -> Article:
    body = record.text or record.body or record.content or ""
    body = _paragraphs(body)
    if not body:
        raise InputError(where, "record has no text")
    published = parse_datetime(record.published or record.published_at or record.date)
    authors = tuple(record.authors or ([record.author] if record.author else ()))
    key = keys.unique(record.id or record.url or str(index), index)
    return Article(
        id=make_id(page_id, key),
        page_id=page_id,
        position=Position.MAIN,
        index=index,
        title=(record.title or "").strip(),
        body=body,
        uri=uri,
        url=record.url,
        source=record.source,
        outlet=_slug(record.outlet or record.source),
        authors=authors,
        published_text=record.published or record.published_at or record.date,
        published_at=published,
        fetched_at=fetched_at,
        extractor="clean.jsonl.v2",
    )


def extract_feed_articles(content: bytes, *, page_id: str, uri: str, fetched_at: datetime) -> CleanResult:
    """Entries of an RSS or Atom feed as articles (title, summary or content, link, date).

    Raises:
        InputError: the feed is not well-formed XML or holds no entries.
    """
    import feedparser

    parsed = feedparser.parse(content)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXException):
        raise InputError(uri, f"malformed feed XML: {problem}")
    if not parsed.entries:
        raise InputError(uri, "feed holds no entries")
    feed_title = parsed.feed.get("title")
    articles = []
    keys = _Keys()
    for index, entry in enumerate(parsed.entries):
        article = _feed_article(entry, feed_title, page_id, index, uri, fetched_at, keys)
        if article is not None:
            articles.append(article)
    return CleanResult(articles=tuple(articles))


def _feed_article(
    entry: Any, feed_title: str | None, page_id: str, index: int, uri: str, fetched_at: datetime, keys: _Keys
) -> Article | None:
    body = _feed_paragraphs(_entry_text(entry))
    title = " ".join((entry.get("title") or "").split())
    if not body and not title:
        return None
    struct = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(struct), UTC) if struct else None
    author = entry.get("author")
    return Article(
        id=make_id(page_id, keys.unique(entry.get("id") or entry.get("link") or str(index), index)),
        page_id=page_id,
        position=Position.MAIN,
        index=index,
        title=title,
        body=body or title,
        uri=uri,
        url=entry.get("link"),
        source=feed_title,
        outlet=_slug(feed_title),
        authors=(author,) if author else (),
        published_text=entry.get("published") or entry.get("updated"),
        published_at=published,
        fetched_at=fetched_at,
        extractor="clean.feed.v3",
    )


def _entry_text(entry: Any) -> str:
    """The entry's full content, else its summary, as text; markup only when the feed declares HTML."""
    detail = entry["content"][0] if entry.get("content") else {}
    if not detail.get("value"):
        detail = entry.get("summary_detail") or {"value": entry.get("summary", "")}
    value: str = detail.get("value") or ""
    if detail.get("type") == "text/plain":
        return value
    return html_to_text(value)


def _feed_paragraphs(text: str) -> str:
    """Paragraphs split at blank lines; a single newline inside one is a space (feeds hard-wrap text)."""
    blocks = _BLANK_LINE.split(text)
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())


def extract_text_article(text: str, *, page_id: str, uri: str, fetched_at: datetime) -> Article:
    """A plain text file: first non-empty line is the title, the rest the body.

    Raises:
        InputError: no text at all.
    """
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError(uri, "no text")
    title, rest = lines[0], lines[1:]
    # the headline printed again under a date or a kicker: one headline, not two sentences
    key = _folded(title) if len(title) <= _HEADLINE_CHARS else None  # never fold a whole one-line text
    again = [
        i
        for i, line in enumerate(rest[:_HEAD_LINES])
        if len(line) <= _HEADLINE_CHARS and _folded(line) == key
    ]
    removed = tuple(Removed(text=rest[i], reason=DUPLICATE_TITLE) for i in again)
    rest = [line for i, line in enumerate(rest) if i not in again]
    return Article(
        id=make_id(page_id, "0"),
        page_id=page_id,
        position=Position.MAIN,
        index=0,
        title=title if rest else "",
        body="\n\n".join(rest) if rest else title,
        uri=uri,
        fetched_at=fetched_at,
        removed=removed,
        extractor="clean.text.v3",
    )


_HEAD_LINES = 3  # lines under the title where a text dump may print the headline again
_HEADLINE_CHARS = 500  # longer first lines are no headline to compare


def _folded(line: str) -> str:
    return " ".join(line.casefold().split())


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def html_to_text(html: str) -> str:
    """Text of an HTML fragment with one paragraph per block element (and per ``<br>``), entities decoded."""
    if "<" not in html:
        return unescape(html)
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    html = _XML_UNSAFE.sub(" ", html)  # lxml keeps them in text it then refuses to set back
    try:
        root = lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return unescape(re.sub(r"<[^>]+>", " ", html))
    if not isinstance(root.tag, str):  # a comment or processing instruction, not an element
        return unescape(re.sub(r"<[^>]+>", " ", html))
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        if element.tag != "br":  # text just before a block ends its paragraph too: "Intro<p>One</p>"
            element.text = "\n\n" + (element.text or "")
    text: str = root.text_content()
    return text


def _paragraphs(text: str) -> str:
    blocks = re.split(r"\n\s*\n|\n", text)
    return "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())


def _slug(name: str | None) -> str | None:
    if not name:
        return None
    from newsift.clean.outlets import normalize_outlet

    return normalize_outlet(name) or None


def parse_datetime(value: str | None) -> datetime | None:
    """ISO 8601, RFC 2822 or a written date ('20.11.2019 14:05', '2019/11/20', 'Nov. 20, 2019 2:05 PM') to
    aware UTC (a stated time without a zone is read as UTC); None when absent or unreadable."""
    stated = parse_stated_datetime(value)
    return stated.astimezone(UTC) if stated is not None else None


def parse_stated_datetime(value: str | None) -> datetime | None:
    """As ``parse_datetime``, but in the zone the text states ('11:30 PM EST' stays 23:30 at -05:00): the
    day a page's reader saw."""
    if not value:
        return None
    text = _ZONE_ID.sub("", value.strip())
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            parsed = _with_meridiem(parsedate_to_datetime(text), text)
        except (TypeError, ValueError, IndexError):
            found = _written_datetime(text)
            if found is None:
                return None
            parsed = found
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=_zone_named(text))


def _zone_named(text: str) -> tzinfo:
    """The zone a stated time names by its abbreviation ('19:20 CEST', '11:30 PM PST'), or a North American
    region's clock after a time ('11:30 PM ET': summer or winter time by the day), else UTC."""
    if match := _ZONE_NAME.search(text):
        return timezone(timedelta(minutes=_ZONE_MINUTES[match.group(1)]))
    if match := _REGION_ZONE.search(text):
        return ZoneInfo(_REGION_ZONES[match.group(1)])
    return UTC


_ZONE_ID = re.compile(r"\[[A-Za-z_/+-]+\]$")  # '...+01:00[Europe/Berlin]'
# zone abbreviations the mail-date parser does not know (it reads UT, GMT and the North American ones);
# the ambiguous ones (IST: India, Ireland, Israel) are left out
_ZONE_MINUTES = {
    **{"CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "WET": 0, "WEST": 60, "BST": 60, "EET": 120},
    **{"EEST": 180, "MSK": 180, "SAST": 120, "GST": 240, "PKT": 300, "WIB": 420, "ICT": 420, "HKT": 480},
    **{"SGT": 480, "PHT": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780},
    # read by the mail-date parser only in its own layout, not written ('Mar 5, 2024, 11:30 PM PST');
    # CST (China, Cuba, US Central) and AST (Arabia, Atlantic) are as ambiguous as IST and left out
    **{"EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420},
    **{"AKST": -540, "AKDT": -480, "HST": -600},
}
_ZONE_NAME = re.compile(rf"(?<![A-Za-z])({'|'.join(_ZONE_MINUTES)})(?![A-Za-z])")
_REGION_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver"}
_REGION_ZONES["PT"] = "America/Los_Angeles"
# only right after a clock time ('11:30 PM ET', '9:05 a.m. PT'): alone, two capitals are as likely a word
_REGION_ZONE = re.compile(r"(?:\d[:.]\d\d|[AaPp]\.?[Mm]\.?)\s*\b(ET|CT|MT|PT)(?![A-Za-z])")
_MONTH_NUMBERS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number], "sept" if number == 9 else "")
    if name
}
_WRITTEN_DATES = (
    re.compile(r"(?<![\w.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?!\d)"),  # 20.11.2019
    re.compile(r"(?<![\w/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)"),  # 2019/11/20
    re.compile(r"\b(?P<name>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)"),
    re.compile(
        r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?P<name>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})(?!\d)"
    ),
)
_CLOCK_GAP = 6  # characters between a day and its clock time (', ', ' at ', ' um ')
_CLOCK = re.compile(r"(?<!\d)(?P<h>\d{1,2})[:.](?P<min>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp]\.?[Mm]\b\.?)?")
# a clock time written before its day ('11:30 p.m. EDT Mar. 5, 2024'), with its zone and a comma
_CLOCK_BEFORE = re.compile(
    r"(?<![\d.])(?P<h>\d{1,2})[:.](?P<min>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp]\.?[Mm]\b\.?)?\s*(?:[A-Z]{2,4}\b)?[\s,]*$"
)
_MAX_CLOCK_BEFORE = 24
_ZONE_AFTER = re.compile(r"\s*[A-Z]{2,5}(?![A-Za-z])")  # '3:05 PM EST': kept with the time it zones


def find_written_date(text: str) -> str | None:
    """The first day written with dots, slashes or an English month name in a line of text, with the clock
    time right after it ('Updated July 24, 2024 3:05 PM' -> 'July 24, 2024 3:05 PM'); None when none."""
    found = _written(text)
    if found is None:
        return None
    day, clock = found
    start = min(day.start(), clock.start()) if clock else day.start()
    end = max(day.end(), clock.end() if clock else 0)
    zone = _ZONE_AFTER.match(text, end) if clock is not None and clock.end() == end else None
    return text[start : zone.end() if zone else end].strip()


def _written_datetime(text: str) -> datetime | None:
    """A day written with dots, slashes or an English month name, and the clock time after it if any."""
    found = _written(text)
    if found is None:
        return None
    day, clock = found
    groups = day.groupdict()
    month = _MONTH_NUMBERS[groups["name"].casefold()] if groups.get("name") else int(groups["m"])
    hour, minute = (int(clock["h"]), int(clock["min"])) if clock else (0, 0)
    try:
        moment = datetime(int(groups["y"]), month, int(groups["d"]), hour, minute)
    except ValueError:
        return None
    return _with_meridiem(moment, clock.group(0) if clock else "")


def _written(text: str) -> tuple[re.Match[str], re.Match[str] | None] | None:
    """The match of a written day (a real month name if named) and of a valid clock time just after it."""
    for pattern in _WRITTEN_DATES:
        for day in pattern.finditer(text):
            name = day.groupdict().get("name")
            if name is not None and name.casefold() not in _MONTH_NUMBERS:
                continue
            clock = _CLOCK.search(text, day.end())
            if clock is not None and clock.start() - day.end() > _CLOCK_GAP:
                clock = None
            if clock is None:
                clock = _CLOCK_BEFORE.search(text, max(0, day.start() - _MAX_CLOCK_BEFORE), day.start())
            if clock is not None and (int(clock["h"]) > 23 or int(clock["min"]) > 59):
                clock = None
            return day, clock
    return None


def _with_meridiem(moment: datetime, text: str) -> datetime:
    """'2:05 PM' is 14:05, '12:30 AM' is 00:30 (RFC 2822 parsing reads the clock and drops the marker)."""
    marker = re.search(r"\b([AaPp])\.?[Mm]\b", text)
    if marker is None or moment.hour > 12:
        return moment
    if marker.group(1) in "Pp" and moment.hour < 12:
        return moment.replace(hour=moment.hour + 12)
    if marker.group(1) in "Aa" and moment.hour == 12:
        return moment.replace(hour=0)
    return moment
