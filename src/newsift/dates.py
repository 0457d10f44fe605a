"""Calendar words and the wire dateline's shape, shared by the stages that read dates (clean: published
times; nlp: datelines the parser should not read; extract: event times, quotes after a dateline)."""

from __future__ import annotations

import re

__all__ = ["MONTHS", "dateline_end"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# 'Nov 20 - ', 'LONDON, Nov 20 (Wire) - ', 'PARIS — ', 'RIYADH: ' at the start of a span
_DATELINE = re.compile(
    rf"\s*(?:(?:[A-Z][A-Za-z.'-]+[ ,]*){{0,4}}(?:\([^()\n]{{1,40}}\)\s*)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*)?(?:\([^()\n]{{1,40}}\)\s*)?)(?:--|[-–—:])\s+"
)
_UPPER_PLACE = re.compile(r"^[A-Z][A-Z .'-]{2,}$")


def dateline_end(text: str, start: int, end: int) -> int:
    """Where a span's text begins after a dateline at its start ('Nov 20 - ', 'PARIS — '), else start."""
    match = _DATELINE.match(text, start, end)
    if match is None or match.end() >= end:
        return start
    head = text[start : match.end()].strip(" -–—:")
    has_date = re.search(_MONTH + r"\s+\d", head) is not None
    if has_date or "(" in head or _UPPER_PLACE.match(head):
        return match.end()
    return start
