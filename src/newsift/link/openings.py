"""What one happening a business report's opening states: its sums and its place in a series.

Two reports of one actor (a firm, a central bank, a minister) share its name and its vocabulary whatever
happened; what tells two of its happenings apart is in the headline and the lead: the sum of the deal
($1.8bn against $4bn), the place in a series ('for a fifth month in a row' against 'a sixth'). Shares
are left out: how far a price moved in reaction ('up 5%', 'closed up 4.75%') is told differently by
reports of one happening; so are weekdays, which reports of one happening told on other days differ in.
``opening_marks`` reads them as plain keys for ``link.stories``; ``distinct_happenings`` tells whether two
reports' marks (``extract_opening``) say they report two happenings. Reads text only; imports no other stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsift.link.story_facts import round_sum

__all__ = [
    "OPENING_PREFIX",
    "Opening",
    "distinct_happenings",
    "extract_opening",
    "is_opening_mark",
    "opening_marks",
]

OPENING_PREFIX = "#"  # '#sum:1.8e9', '#run:sixth month'
_SUM, _RUN = "sum", "run"

_SCALES = {"": 1.0, "k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_SCALES |= {"tn": 1e12, "trillion": 1e12}
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_SCALE = r"\s?(k|mn|m|million|bn|billion|tn|trillion)?\b"
_CURRENCY_WORDS = r"(?:dollars|euros|pounds|yen|yuan|rupees|won|roubles|francs|pesos)"
_SUM_PATTERN = re.compile(
    r"(?:[$£€¥]|\b(?:us|a|c|hk)\$)\s?"
    + _NUMBER
    + _SCALE
    + r"|\b"
    + _NUMBER
    + _SCALE
    + r"\s+"
    + _CURRENCY_WORDS
)
# A price per unit ('$9.50 a share', '$50 a barrel') is a rate, not the happening's sum: one bid is told
# by its price per share in one report and by its total in another.
_PER_UNIT = re.compile(
    r"\s*(?:a|an|per|for each)\s+(?:share|barrel|ounce|tonne|ton|unit|head|year|month|day)\b"
)
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th)"
)
# 'for the sixth month in a row', 'the fourth time in five months', 'a third consecutive quarter'; a day
# count ('the sixth day of protests') is one happening going on, so days and weeks are left out.
_RUN_PATTERN = re.compile(
    rf"\b({_ORDINALS})\s+(?:(?:consecutive|straight|successive)\s+)?(month|time|quarter|year|meeting)s?\b"
)


def opening_marks(title: str, lead: str) -> tuple[str, ...]:
    """Sorted marks of the happening a report's headline and lead state: each sum (to two significant
    figures, so '$1.13bn' and '$1,130m' are one) and place in a series."""
    text = f"{title}\n{lead}".lower().replace("’", "'")
    marks = {_mark(_SUM, round_sum(value)) for value in _sums(text)}
    marks.update(_mark(_RUN, f"{m.group(1)} {m.group(2)}") for m in _RUN_PATTERN.finditer(text))
    return tuple(sorted(marks))


def is_opening_mark(key: str) -> bool:
    return key.startswith(OPENING_PREFIX)


@dataclass(frozen=True, slots=True)
class Opening:
    """A report's opening marks as the pair test reads them: its sums and places in a series."""

    sums: frozenset[str] = frozenset()
    runs: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.sums or self.runs)


def extract_opening(keys: Iterable[str]) -> Opening:
    """The opening marks among a report's keys (other keys are ignored: a member's whole set may pass)."""
    marks = [k for k in keys if is_opening_mark(k)]
    if not marks:
        return Opening()
    return Opening(
        sums=frozenset(k for k in marks if k.startswith(_mark(_SUM, ""))),
        runs=frozenset(k for k in marks if k.startswith(_mark(_RUN, ""))),
    )


def distinct_happenings(first: Opening, second: Opening) -> bool:
    """Whether two reports' openings say two happenings: both state sums and share none, or places in a
    series and share none."""
    return any(a and b and not a & b for a, b in ((first.sums, second.sums), (first.runs, second.runs)))


def _mark(sort: str, value: str) -> str:
    return f"{OPENING_PREFIX}{sort}:{value}"


def _sums(text: str) -> list[float]:
    values: list[float] = []
    for match in _SUM_PATTERN.finditer(text):
        number, scale = (
            (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        )
        if not _PER_UNIT.match(text, match.end()):
            values.append(float(number.replace(",", "")) * _SCALES[scale or ""])
    return [v for v in values if v > 0]
