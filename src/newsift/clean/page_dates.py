"""The publication and last-change times a page states: JSON-LD, date meta, then the markup (a ``<time>``
near the headline, a byline, a date line), and the day its address states. Reads the tree; never edits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsift.clean.agreement import nearest_first, with_headline
from newsift.clean.bylines import (
    MAX_BYLINE_CHARS,
    extract_bylines,
    extract_labelled_lines,
    is_outside_article,
)
from newsift.clean.jsonld import JsonLdArticle
from newsift.clean.structured import find_written_date, parse_datetime

__all__ = ["date_in_url", "extract_modified", "extract_published"]

_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate")
_MORE_DATE_META = (
    "dc.date.issued",
    "dcterms.created",
    "date",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
_PUBLISHED_MARK = re.compile(r"datepublished|publish|pubdate|posted|created", re.IGNORECASE)
# a time marked or worded as the last change ('Updated', 'Aktualisiert', 'Mis à jour'), not the publication
_MODIFIED_MARK = re.compile(r"modified|updated|update-|edited|lastmod", re.IGNORECASE)
_MODIFIED_WORD = (
    r"(?:updated|modified|edited|aktualisiert|actualizado|actualisé|mis\s+à\s+jour|aggiornato|bijgewerkt"
    r"|atualizado|oppdatert|uppdaterad|opdateret|güncellendi)"
)
_MODIFIED_BEFORE = re.compile(_MODIFIED_WORD + r"(?:\s+(?:on|at|am|le|el|il|op|em))?\W*$", re.IGNORECASE)
_MODIFIED_IN = re.compile(r"^\W*" + _MODIFIED_WORD + r"\b", re.IGNORECASE)
# the publication's day worded as such in a date line ('Published 4 March', 'First published', 'Posted')
_PUBLISHED_WORD = re.compile(
    r"\b(?:published|posted|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|publicerad|yayınlanma)\b",
    re.IGNORECASE,
)
_DATE_CLASS = re.compile(r"date|time|publish|posted", re.IGNORECASE)
_DATE_LINE_TAGS = ("div", "p", "span", "li", "small", "header")
_MAX_TIMES = 5
_EARLIEST_YEAR = 1990  # a placeholder date (year 1) is no date
_LATEST_YEAR = 2100
_STALE_GAP = timedelta(days=30)  # a JSON-LD date this far from the meta's is no rounding of the same time
_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)"),  # /2024/10/16/
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)[-_](?P<m>[01]\d)[-_](?P<d>[0-3]\d)(?!\d)"),  # 2024-10-16
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d])"),  # 20241016, alone
)


def extract_published(
    tree: HtmlElement, ld: JsonLdArticle, meta: dict[str, str], anchor: HtmlElement | None
) -> tuple[str, str] | None:
    """(source, text) of the publication time: the first the page states (letting the time printed with
    the headline settle stated times that disagree was measured and dropped: it cost a check-half date)."""
    names = (*_DATE_META, *_MORE_DATE_META)
    candidates = _date_candidates(None, (("json-ld", ld.published),), meta, names, None)
    stated = [
        (source, value, moment)
        for source, value in candidates
        if value and (moment := _readable_date(value)) is not None
    ]
    if not stated:
        return _date(tree, (), {}, (), anchor)
    if stated[0][0] == "json-ld" and (other := _stale_structured_date(tree, stated, anchor)) is not None:
        return other
    return stated[0][0], stated[0][1]


def _stale_structured_date(
    tree: HtmlElement, stated: list[tuple[str, str, datetime]], anchor: HtmlElement | None
) -> tuple[str, str] | None:
    """(source, text) of a meta date when the JSON-LD's is weeks away from it and the time printed with the
    headline agrees with the meta: the JSON-LD then carries a template's stale value. (A printed time that
    settles any disagreement, even of a day, was measured and dropped: it cost a check-half date.)"""
    first = stated[0][2]
    for source, value, moment in stated[1:]:
        if abs(_as_utc(moment) - _as_utc(first)) <= _STALE_GAP:
            continue
        printed = _readable_date(_time_element(tree, anchor) or _byline_date(tree, anchor))
        if printed is not None and abs(_as_utc(printed) - _as_utc(moment)) <= timedelta(days=1):
            return source, value
        return None
    return None


def extract_modified(ld: JsonLdArticle, meta: dict[str, str]) -> tuple[str, str] | None:
    """(source, text) of the last change the JSON-LD or the meta states."""
    return _date(None, (("json-ld", ld.modified),), meta, _MODIFIED_META, None)


def _as_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _readable_date(value: str | None) -> datetime | None:
    """The time a date text states, from 1990 on (a placeholder such as year 1 is no date)."""
    moment = parse_datetime(value) if value else None
    return moment if moment is not None and moment.year >= _EARLIEST_YEAR else None


def _date(
    tree: HtmlElement | None,
    structured: tuple[tuple[str, str | None], ...],
    meta: dict[str, str],
    names: tuple[str, ...],
    anchor: HtmlElement | None = None,
) -> tuple[str, str] | None:
    for source, value in _date_candidates(tree, structured, meta, names, anchor):
        if value and _readable_date(value) is not None:
            return source, value
    return None


def _date_candidates(
    tree: HtmlElement | None,
    structured: tuple[tuple[str, str | None], ...],
    meta: dict[str, str],
    names: tuple[str, ...],
    anchor: HtmlElement | None,
) -> Iterator[tuple[str, str | None]]:
    """Stated dates first; the markup (a ``<time>``, a byline) is searched only when reached."""
    yield from structured
    for name in names:
        yield f"meta:{name}", _from_epoch(meta.get(name))
    if tree is not None:
        yield "time", _time_element(tree, anchor)
        yield "markup:byline", _byline_date(tree, anchor)
        yield "markup:date-line", _date_line(tree, anchor)
        yield "markup:credit-line", _credit_line_date(tree, anchor)


def _from_epoch(value: str | None) -> str | None:
    """A time a meta states as seconds or milliseconds since 1970 ('1741082400', '1741082400000') as an ISO
    time in UTC, when it falls from 1990 to 2100; any other value as it is."""
    if value is None or not value.isdigit() or len(value) not in (10, 13):
        return value
    moment = datetime.fromtimestamp(int(value) / (1000 if len(value) == 13 else 1), UTC)
    return moment.isoformat() if _EARLIEST_YEAR <= moment.year <= _LATEST_YEAR else value


def _time_element(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """The ``datetime`` of a ``<time>`` marked as the publication time or inside the article, the one printed
    nearest the headline (none outside the headline's article); a bare ``<time>`` elsewhere (a header's
    clock, a teaser's date) is left to the fallback's date search, and one marked or worded as the last
    update ('Updated <time>') is not the publication's."""
    found: list[tuple[HtmlElement, str]] = []
    for element in tree.iter("time"):
        value = element.get("datetime")
        if not isinstance(value, str) or not value.strip() or is_outside_article(element):
            continue
        marks = f"{element.get('itemprop', '')} {element.get('class', '')} {element.get('pubdate', '')}"
        in_article = _PUBLISHED_MARK.search(marks) or any(a.tag == "article" for a in element.iterancestors())
        if in_article and not _is_update_time(element) and with_headline(element, anchor):
            found.append((element, value.strip()))
            if len(found) >= _MAX_TIMES:
                break
    return next((value for _, value in nearest_first(found, anchor, tree)), None)


def _is_update_time(element: HtmlElement) -> bool:
    """The time is the article's last change: its own or its parent's class or itemprop says so
    ('dateModified', 'updated'), or the words just before it or in it do ('Updated 3 May')."""
    parent = element.getparent()
    for node in (element, parent):
        if node is None:
            continue
        marks = f"{node.get('itemprop', '')} {node.get('class', '')} {node.get('id', '')}"
        if _MODIFIED_MARK.search(marks) and not _PUBLISHED_MARK.search(marks):
            return True
    previous = element.getprevious()
    if previous is not None:
        before = f"{previous.text_content()} {previous.tail or ''}"[-80:]
    else:
        before = (parent.text if parent is not None else None) or ""
    return bool(_MODIFIED_BEFORE.search(before) or _MODIFIED_IN.match(element.text_content()))


def _byline_date(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """A day written in one of the bylines nearest the headline ('By Ana Ruiz | Updated July 24, 2024')."""
    for _, text in extract_bylines(tree, anchor):
        if (day := _published_written_date(text)) is not None:
            return day
    return None


def _published_written_date(text: str) -> str | None:
    """The first day written in a line, or the one after a word saying it is the publication's when the
    line has one ('Updated 9 March 2025 | Published 4 March 2025' -> '4 March 2025')."""
    for match in _PUBLISHED_WORD.finditer(text):
        if (day := find_written_date(text[match.end() :])) is not None:
            return day
    return find_written_date(text)


def _date_line(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """A day worded as the publication's in a short element marked as a date or time ('<div class="date">
    Updated 9 March | Published 4 March</div>'), in the headline's article: without that word the line is
    left to the fallback's date search."""
    for element in tree.iter(*_DATE_LINE_TAGS):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if not _DATE_CLASS.search(marks) or is_outside_article(element) or not with_headline(element, anchor):
            continue
        text = " ".join(element.text_content().split())
        if len(text) > MAX_BYLINE_CHARS or not _PUBLISHED_WORD.search(text):
            continue
        if (day := _published_written_date(text)) is not None:
            return day
    return None


def _credit_line_date(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """A day written in a credit line with no byline or date class ('<p>Posted by Ana Ruiz on March 4,
    2025</p>', '<p>By Ana Ruiz | 4 March 2025</p>'), the first such line in the headline's article."""
    for text in extract_labelled_lines(tree, anchor):
        if (day := _published_written_date(text)) is not None:
            return day
    return None


def date_in_url(url: str | None, *, before: datetime) -> str | None:
    """The day a page's address states ('/2024/10/16/', '2024-10-16', a lone '20241016'), as an ISO date;
    None when the path holds no real day from 1990 up to ``before`` (an id that looks like a date is not)."""
    path = urlsplit(url or "").path
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if day.year >= _EARLIEST_YEAR and day <= before.date():
                return day.isoformat()
    return None
