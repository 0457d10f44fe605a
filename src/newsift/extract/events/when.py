"""An event's own time, as stated, separate from when it was reported.

``time_text`` (the date phrase of the trigger's clause: 'in December 2021', 'on 4 May 2023', 'last
month') becomes an ISO value with its precision; relative phrases resolve against the article's
date. With nothing stated, the report's date is the fallback, marked ``source="report"``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from newsift.dates import MONTHS
from newsift.model import EventTime

__all__ = ["event_time"]

_MONTHS = MONTHS
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\b", re.I)
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_RELATIVE = re.compile(r"\b(last|this|next|previous)\s+(year|month)\b", re.I)


def event_time(text: str | None, year: int | None, reported: datetime | None) -> EventTime | None:
    """The event's time from its date phrase (see the module docstring); None when nothing is known."""
    if text:
        stated = _stated(text, year, reported)
        if stated is not None:
            return stated
    if year:
        return EventTime(text=text, value=f"{year:04d}", precision="year")
    if reported is not None:
        return EventTime(text=None, value=reported.date().isoformat(), precision="day", source="report")
    return None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def _stated(text: str, year: int | None, reported: datetime | None) -> EventTime | None:
    weekday = _WEEKDAY.search(text)
    if weekday and reported is not None and not _YEAR.search(text) and not _MONTH.search(text):
        back = (reported.weekday() - _WEEKDAYS.index(weekday.group(1).lower())) % 7
        day = date.fromordinal(reported.date().toordinal() - back)  # the last such day up to the report
        return EventTime(text=text, value=day.isoformat(), precision="day")
    relative = _RELATIVE.search(text)
    if relative and reported is not None:
        shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[relative.group(1).lower()]
        if relative.group(2).lower() == "year":
            return EventTime(text=text, value=f"{reported.year + shift:04d}", precision="year")
        shifted = reported.month + shift
        y = reported.year + (shifted - 1) // 12
        return EventTime(text=text, value=f"{y:04d}-{(shifted - 1) % 12 + 1:02d}", precision="month")
    years = _YEAR.findall(text)
    found_year: int | None = int(years[0]) if len(years) == 1 else year
    month_match = _MONTH.search(text)
    month: int | None = _MONTHS[month_match.group(1).lower()] if month_match else None
    if month_match and month_match.group(1).lower() == "may" and not found_year:
        month = None  # 'may' alone is a modal more often than a month
    if found_year is None and month is not None and reported is not None:
        found_year = reported.year if month <= reported.month else reported.year - 1
    if found_year is None:
        return None
    if month is None:
        return EventTime(text=text, value=f"{found_year:04d}", precision="year")
    rest = text[: month_match.start()] + " " + text[month_match.end() :] if month_match else text
    rest = _YEAR.sub(" ", rest)
    day_match = _DAY.search(rest)
    if day_match:
        try:
            day = date(found_year, month, int(day_match.group(1)))
            return EventTime(text=text, value=day.isoformat(), precision="day")
        except ValueError:
            pass
    return EventTime(text=text, value=f"{found_year:04d}-{month:02d}", precision="month")
