"""Cross-article event linking: mentions of one happening become one cluster, so counts count events.

Compares records only (type, subtype, actor codes, item, value, year); reads no text beyond them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsift.model import Actor, Event, PloverType, make_id

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

    Two events are compatible when type and subtype match, their source and target codes agree role
    by role (equal, or one side a subset; a swapped direction is another happening) and item, value
    and year do not contradict each other. An event joins a cluster only when it is compatible with
    every member (complete linkage), so two different deals are never chained together through a
    vague third mention. The result does not depend on the input order.

    Returns:
        Clusters in text order of their first event (by article id, sentence, offset); the cluster id
        is derived from its members' ids.
    """
    clusters: list[list[Event]] = []
    for event in sorted(events, key=_order):
        home = next((c for c in clusters if all(_same_happening(event, other) for other in c)), None)
        if home is None:
            clusters.append([event])
        else:
            home.append(event)
    return tuple(
        EventCluster(id=make_id("event-cluster", *sorted(e.id for e in members)), events=tuple(members))
        for members in clusters
    )


def _order(event: Event) -> tuple[str, int, int, str]:
    return event.evidence.article_id, event.evidence.sentence, event.evidence.start, event.id


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type or a.subtype != b.subtype:
        return False
    if a.evidence.article_id == b.evidence.article_id and a.evidence.sentence == b.evidence.sentence:
        return False
    if a.subtype is None and not (_codes(a) and _codes(b)):
        return False
    return (
        _codes_agree(a, b)
        and _roles_agree(a, b)
        and _items_agree(a.item, b.item)
        and _values_agree(a, b)
        and _years_agree(a, b)
    )


def _role_codes(actors: tuple[Actor, ...]) -> frozenset[str]:
    return frozenset(x.code for x in actors if x.code)


def _roles_agree(a: Event, b: Event) -> bool:
    """Source with source and target with target: 'A sells to B' is not 'B sells to A'."""
    for role in ("source", "target"):
        codes_a, codes_b = _role_codes(getattr(a, role)), _role_codes(getattr(b, role))
        if codes_a and codes_b and not (codes_a <= codes_b or codes_b <= codes_a):
            return False
    crossed = _role_codes(a.source) & _role_codes(b.target) or _role_codes(a.target) & _role_codes(b.source)
    return not (crossed and a.type != PloverType.COOPERATE)


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
    """Stated times agree when one contains the other ('2023' and '2023-05'); report dates never count."""
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    ta, tb = _stated(a), _stated(b)
    return ta is None or tb is None or ta.startswith(tb) or tb.startswith(ta)


def _stated(event: Event) -> str | None:
    time = event.time
    return time.value if time is not None and time.source == "text" else None
