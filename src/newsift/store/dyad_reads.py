"""What the dyad page draws and counts over every event of a dyad, without decoding a record: the events
per year and type and the actors around the pair (counted in SQL), and one light row per event for the
timeline (its own time, status and sentence).

A dyad's events are the ``dyad_events`` rows of the pair (the rule of ``store/dyads.py``); an event's own
time is ``events.event_time`` (migration 064), else its report's date, marked as such, as
``web/facts.event_time_json`` shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.store.dialect import Dialect
from newsift.store.dyads import DYAD_EVENTS

__all__ = ["DyadCounts", "DyadMark", "query_dyad_counts", "query_dyad_marks"]

Fetch = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
_REPORT_DAY = "substr(COALESCE(a.published_at, a.fetched_at), 1, 10)"
_NEIGHBOURS = 12  # actors around the pair listed


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadCounts:
    """Every event of a dyad counted: in all, per type (most first), per year of its own time (``by_report``:
    dated only by its report; year ``undated`` when it has neither) and per other actor (most first)."""

    n_events: int
    by_type: list[tuple[str, int]]
    by_year: list[tuple[str, bool, int]]
    neighbours: list[tuple[str, int]]


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadMark:
    """One event of a dyad as the timeline draws it: its own time (else its report's day, ``by_report``),
    status, sentence and where that sentence is."""

    event_id: str
    when: str | None
    by_report: bool
    status: str
    sentence: str
    article_id: str
    sentence_index: int


def query_dyad_counts(fetch: Fetch, dialect: Dialect, a: str, b: str) -> DyadCounts:
    """The events of the dyad of ``a`` and ``b`` counted (``fetch`` may keep counting results)."""
    when = f"COALESCE(e.event_time, {_REPORT_DAY})"
    rows = fetch(
        dialect.sql(
            f"SELECT e.type, COALESCE(substr({when}, 1, 4), ''), e.event_time IS NULL, COUNT(*) "
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id IN ({DYAD_EVENTS}) "
            "GROUP BY 1, 2, 3"
        ),
        [a, b],
    )
    types: dict[str, int] = {}
    years: dict[tuple[str, bool], int] = {}
    for type_, year, by_report, n in rows:
        types[str(type_)] = types.get(str(type_), 0) + int(n)
        key = (str(year) or "undated", bool(by_report))
        years[key] = years.get(key, 0) + int(n)
    actor = "COALESCE(x.code, x.entity_id)"
    around = fetch(
        dialect.sql(
            f"SELECT {actor}, COUNT(*) FROM event_actors x WHERE x.event_id IN ({DYAD_EVENTS}) "
            f"AND {actor} IS NOT NULL AND {actor} NOT IN (?, ?) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?"
        ),
        [a, b, a, b, _NEIGHBOURS],
    )
    return DyadCounts(
        n_events=sum(types.values()),
        by_type=sorted(types.items(), key=lambda item: (-item[1], item[0])),
        by_year=[(y, r, n) for (y, r), n in sorted(years.items(), key=lambda item: (item[0][1], item[0][0]))],
        neighbours=[(str(k), int(n)) for k, n in around],
    )


def query_dyad_marks(fetch: Fetch, dialect: Dialect, a: str, b: str, *, limit: int) -> list[DyadMark]:
    """The first ``limit`` events of the dyad by their own time (then id), one light row each."""
    when = f"COALESCE(e.event_time, {_REPORT_DAY})"
    sentence = dialect.json_text("e.record", "evidence", "text")
    index = dialect.json_text("e.record", "evidence", "sentence")
    rows = fetch(
        dialect.sql(
            f"SELECT e.id, {when}, e.event_time IS NULL, e.status, {sentence}, e.article_id, {index} "
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id IN ({DYAD_EVENTS}) "
            f"ORDER BY COALESCE({when}, ''), e.id LIMIT ?"
        ),
        [a, b, limit],
    )
    return [
        DyadMark(
            event_id=str(r[0]),
            when=r[1],
            by_report=bool(r[2]),
            status=str(r[3]),
            sentence=str(r[4] or ""),
            article_id=str(r[5]),
            sentence_index=int(r[6] or 0),
        )
        for r in rows
    ]
