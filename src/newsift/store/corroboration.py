"""How many independent outlets report the happening behind an event: the key stored with each event
(``events.happening``, migration 010), the count a claim or event row shows and the join the
``-corroboration`` sort orders by. Nothing here writes; ``sql.py`` stores the key with the event and the
triggers of migration 052 keep each happening's count of outlets (``happening_outlets``).

Two events report one happening when they agree exactly on type, subtype, item (ASCII case folded, as
SQL ``lower`` does), year and actor codes role by role. That is the strict core of ``link.happenings``
(which also joins a mention missing a field to one that has it), so the count never overstates. An event
without an actor code is its own happening. An outlet is the article's ``outlet``, else its ``source``,
else the article itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from newsift.model import Event
from newsift.store.dialect import Dialect

__all__ = ["HAPPENING_INNER_JOINS", "HAPPENING_JOINS", "happening_key", "query_corroboration"]

Fetch = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Joined on a claims or events query: ``h.n`` is then the number of outlets (NULL for a claim
# without an event). The counts are kept per happening by triggers (migration 052), so a list sorted by
# them reads one row per match rather than counting every event of the store.
HAPPENING_JOINS = {
    "claims": (
        "LEFT JOIN events he ON he.id = c.event_id "
        "LEFT JOIN happening_outlets h ON h.happening = he.happening"
    ),
    "events": "LEFT JOIN happening_outlets h ON h.happening = e.happening",
}
# The same as inner joins, for the rows of one count of outlets (``h.n = ?``): the planner may then start
# from the counts (their index, migration 055) rather than from every claim or event.
HAPPENING_INNER_JOINS = {
    "claims": ("JOIN events he ON he.id = c.event_id JOIN happening_outlets h ON h.happening = he.happening"),
    "events": "JOIN happening_outlets h ON h.happening = e.happening",
}


def happening_key(event: Event) -> str:
    """The key of the happening ``event`` reports (migration 010 computes the same in SQL)."""
    codes = sorted({f"{role}:{a.code}" for role, side in _sides(event) for a in side if a.code is not None})
    if not codes:
        return f"event:{event.id}"
    stated = event.time.value if event.time is not None and event.time.source != "report" else None
    when = stated if stated is not None else (str(event.year) if event.year is not None else "")
    item = (event.item or "").translate(_ASCII_LOWER)
    return "|".join((str(event.type), event.subtype or "", item, when[:4], ",".join(codes)))


def _sides(event: Event) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    return (("source", event.source), ("target", event.target), ("participant", event.participants))


def query_corroboration(fetch: Fetch, dialect: Dialect, event_ids: Sequence[str]) -> dict[str, int]:
    """For each of ``event_ids`` found, how many independent outlets report its happening (at least 1)."""
    if not event_ids:
        return {}
    marks = ", ".join("?" for _ in event_ids)
    sql = (
        "SELECT e.id, COALESCE(h.n, 1) FROM events e "
        f"LEFT JOIN happening_outlets h ON h.happening = e.happening WHERE e.id IN ({marks})"
    )
    return {str(r[0]): int(r[1]) for r in fetch(dialect.sql(sql), list(event_ids))}
