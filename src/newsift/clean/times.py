"""Publication times as pages print them ("13 minutes ago", "Jul 26, 2025"), resolved to UTC ranges.

Pure arithmetic on a given fetch time: no clock reads, no I/O. Vague wordings give wide ranges.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from newsift.dates import MONTHS

__all__ = ["parse_relative_time", "strip_icon_label"]

_MINUTE = timedelta(minutes=1)
_UNITS: dict[str, timedelta] = {
    "s": timedelta(seconds=1),
    "m": _MINUTE,
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
    "mo": timedelta(days=30),
    "y": timedelta(days=365),
}
_UNIT_WORDS = (
    r"(?P<unit>secs?|seconds?|s|mins?|minutes?|m|hrs?|hours?|h|days?|d|weeks?|wks?|w"
    r"|months?|mos?|years?|yrs?|y)"
)
_COUNT_AGO = re.compile(
    r"^(?:about|around|over|almost|nearly|some)?\s*(?P<count>\d{1,4}|an?|one|a few|few)\s*"
    + _UNIT_WORDS
    + r"\.?\s+ago$"
)
_NOW = re.compile(r"^(?:just now|now|moments? ago|a moment ago|seconds ago|a few seconds ago)$")
# Icon fonts render their ligature names as text: "time43 minutes ago", "schedule 2 hours ago".
_ICON_LABEL = re.compile(r"^(?:access_time|schedule|calendar_today|clock|time|update|event)[\s:]*(?=\d)")

_MONTHS = MONTHS
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_CLOCK = (
    r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<zone>utc|gmt|ist|pkt|cet|cest|bst|est|edt|pst|pdt|z))?)?"
)
_WRITTEN_DATES = (
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY}{_YEAR}{_CLOCK}$"),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?{_YEAR}{_CLOCK}$"),
)
_NUMERIC_DATE = re.compile(r"^(?P<first>\d{1,2})[-/.](?P<second>\d{1,2})[-/.](?P<year>\d{4})" + _CLOCK + "$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$")
_ZONES = {"utc": 0.0, "gmt": 0.0, "z": 0.0, "ist": 5.5, "pkt": 5.0, "cet": 1.0, "cest": 2.0}
_ZONES |= {"bst": 1.0, "est": -5.0, "edt": -4.0, "pst": -8.0, "pdt": -7.0}
# A local date without a zone lies somewhere between UTC+14 and UTC-12.
_EAST_SLACK = timedelta(hours=14)
_WEST_SLACK = timedelta(hours=12)

Resolved = tuple[datetime, datetime, datetime]


def strip_icon_label(text: str) -> str:
    """Drop an icon's ligature name glued to a time ("time43 minutes ago" -> "43 minutes ago")."""
    return _ICON_LABEL.sub("", text.strip(), count=1)


def parse_relative_time(text: str, fetched_at: datetime) -> Resolved | None:
    """Resolve a printed publication time against the moment the page was fetched.

    Relative counts are tight ("13 minutes ago": between 14 and 12.5 minutes before the fetch);
    vague ones are wide ("an hour ago": between two hours and 45 minutes before, since sites
    round differently). Absolute dates without a zone span that calendar day in any zone.
    Numeric dates are read day first ("27-07-2025"), unless the first number cannot be a month.

    Args:
        text: the time as printed, possibly glued to an icon label.
        fetched_at: when the page was fetched; a naive value is taken as UTC.

    Returns:
        (point estimate, earliest, latest), timezone-aware UTC, or None when not a time.
    """
    fetched = _as_utc(fetched_at)
    cleaned = " ".join(strip_icon_label(text).casefold().split())
    if not cleaned or len(cleaned) > 60:
        return None
    for parse in (_parse_relative, _parse_written, _parse_numeric, _parse_iso):
        try:
            result = parse(cleaned, fetched)
        except OverflowError:  # "3000 years ago", "Jan 1, 0001": outside datetime's range, not a time
            return None
        if result is not None:
            return result
    return None


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _bounded(point: datetime, earliest: datetime, latest: datetime, fetched: datetime) -> Resolved:
    """Nothing is published after it was fetched; keep point within [earliest, latest]."""
    latest = min(latest, fetched)
    earliest = min(earliest, latest)
    return min(max(point, earliest), latest), earliest, latest


def _parse_relative(text: str, fetched: datetime) -> Resolved | None:
    if _NOW.match(text):
        return _bounded(fetched, fetched - 5 * _MINUTE, fetched, fetched)
    if text in ("today", "yesterday"):
        return _parse_day_word(text, fetched)
    match = _COUNT_AGO.match(text)
    if match is None:
        return None
    unit = _UNITS[_unit_key(match["unit"])]
    count = match["count"]
    if count in ("a", "an", "one"):
        return _bounded(fetched - unit, fetched - 2 * unit, fetched - 0.75 * unit, fetched)
    if count in ("a few", "few"):
        return _bounded(fetched - 3 * unit, fetched - 10 * unit, fetched - unit, fetched)
    number = int(count)
    latest = fetched - max(number - 0.5, 0.0) * unit
    return _bounded(fetched - number * unit, fetched - (number + 1) * unit, latest, fetched)


def _unit_key(unit: str) -> str:
    if unit.startswith("mo"):
        return "mo"
    if unit.startswith("mi") or unit == "m":
        return "m"
    return unit[0]


def _parse_day_word(text: str, fetched: datetime) -> Resolved:
    """'today'/'yesterday' depend on the reader's zone, so the range is a zone-widened calendar day."""
    midnight = fetched.replace(hour=0, minute=0, second=0, microsecond=0)
    if text == "today":
        return _bounded(fetched - timedelta(hours=6), midnight - _EAST_SLACK, fetched, fetched)
    start = midnight - timedelta(days=1)
    return _bounded(fetched - timedelta(days=1), start - _EAST_SLACK, midnight + _WEST_SLACK, fetched)


def _parse_written(text: str, fetched: datetime) -> Resolved | None:
    for pattern in _WRITTEN_DATES:
        match = pattern.match(text)
        if match is not None:
            month = _MONTHS[match["month"]]
            return _resolve_date(match, int(match["day"]), month, fetched)
    return None


def _parse_numeric(text: str, fetched: datetime) -> Resolved | None:
    match = _NUMERIC_DATE.match(text)
    if match is None:
        return None
    day, month = int(match["first"]), int(match["second"])
    if month > 12 >= day:
        day, month = month, day
    return _resolve_date(match, day, month, fetched)


def _parse_iso(text: str, fetched: datetime) -> Resolved | None:
    if _ISO_DATE.match(text) is None:
        return None
    try:
        moment = datetime.fromisoformat(text.upper())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        exact = moment.astimezone(UTC)
        return _bounded(exact, exact, exact, fetched)
    if len(text) == 10:
        return _day_range(moment.replace(tzinfo=UTC), fetched)
    local = moment.replace(tzinfo=UTC)
    return _bounded(local, local - _EAST_SLACK, local + _WEST_SLACK, fetched)


def _resolve_date(match: re.Match[str], day: int, month: int, fetched: datetime) -> Resolved | None:
    year = int(match["year"]) if match["year"] else fetched.year
    try:
        date = datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    if not match["year"] and date > fetched + timedelta(days=1):
        try:
            date = date.replace(year=year - 1)
        except ValueError:
            return None
    if match["hour"] is None:
        return _day_range(date, fetched)
    return _clock_time(match, date, fetched)


def _day_range(date: datetime, fetched: datetime) -> Resolved:
    noon = date + timedelta(hours=12)
    return _bounded(noon, date - _EAST_SLACK, date + timedelta(days=1) + _WEST_SLACK, fetched)


def _clock_time(match: re.Match[str], date: datetime, fetched: datetime) -> Resolved | None:
    hour, minute = int(match["hour"]), int(match["minute"])
    ampm = (match["ampm"] or "").replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    local = date.replace(hour=hour, minute=minute)
    zone = match["zone"]
    if zone is None:
        return _bounded(local, local - _EAST_SLACK, local + _WEST_SLACK, fetched)
    offset = timezone(timedelta(hours=_ZONES[zone]))
    exact = local.replace(tzinfo=offset).astimezone(UTC)
    return _bounded(exact, exact, exact + _MINUTE, fetched)
