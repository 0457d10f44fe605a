"""Cross-article event linking: mentions of one happening become one cluster, so counts count events.

Compares records only (type, subtype, actor codes, item, value, year); reads no text beyond them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsift.model import Event, make_id

__all__ = ["EventCluster", "link_events"]

_VALUE_TOLERANCE = 0.1
_STOP = frozenset({"the", "a", "an", "of", "and", "s", "class"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EventCluster:
    """One happening and the event mentions (from one or many articles) that report it."""

    id: str
    events: tuple[Event, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.evidence.article_id for e in self.events))


def link_events(events: Iterable[Event]) -> tuple[EventCluster, ...]:
    """Group events that report the same happening.

    Two events link when type and subtype match, their actor codes agree (equal, or one side has
    none) and item, value and year do not contradict each other. Linking is transitive.

    Returns:
        Clusters in order of their first event; the cluster id is derived from its members' ids.
    """
    pending = list(events)
    parent = list(range(len(pending)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, a in enumerate(pending):
        for j in range(i):
            if find(i) != find(j) and _same_happening(a, pending[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Event]] = {}
    for k, event in enumerate(pending):
        groups.setdefault(find(k), []).append(event)
    return tuple(
        EventCluster(id=make_id("event-cluster", *sorted(e.id for e in members)), events=tuple(members))
        for members in groups.values()
    )


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type or a.subtype != b.subtype:
        return False
    if a.evidence.article_id == b.evidence.article_id and a.evidence.sentence == b.evidence.sentence:
        return False
    if a.subtype is None and not (_codes(a) and _codes(b)):
        return False
    return _codes_agree(a, b) and _items_agree(a.item, b.item) and _values_agree(a, b) and _years_agree(a, b)


def _codes(event: Event) -> frozenset[str]:
    return frozenset(x.code for x in (*event.source, *event.target, *event.participants) if x.code)


def _codes_agree(a: Event, b: Event) -> bool:
    codes_a, codes_b = _codes(a), _codes(b)
    if not codes_a or not codes_b:
        return bool(a.item and b.item) or bool(a.value and b.value)
    return codes_a <= codes_b or codes_b <= codes_a


def _words(text: str) -> frozenset[str]:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in text)
    return frozenset(w.rstrip("s") for w in cleaned.split() if w not in _STOP)


def _items_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    return bool(_words(a) & _words(b))


def _values_agree(a: Event, b: Event) -> bool:
    if a.value is None or b.value is None or a.value.currency != b.value.currency:
        return True
    high = max(a.value.amount, b.value.amount)
    return abs(a.value.amount - b.value.amount) <= _VALUE_TOLERANCE * high


def _years_agree(a: Event, b: Event) -> bool:
    return a.year is None or b.year is None or a.year == b.year
