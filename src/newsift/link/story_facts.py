"""What an article says happened, as plain keys for the story clusterer: its events and their times.

Two reports of one happening share the event (kind, who → whom), its stated time, its sum or its place;
two reports of one subject share its names and words but not those. ``happening_keys`` turns an article's
``Event`` records into such keys; ``link.stories`` weighs them by rarity, like words, and needs no
other stage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from newsift.model import Actor, Event

__all__ = [
    "ENTITY_PREFIX",
    "EVENT_PREFIX",
    "PLACE_PREFIX",
    "TIME_PREFIX",
    "VALUE_PREFIX",
    "happening_keys",
    "round_sum",
]

ENTITY_PREFIX = "="  # a canonical entity id the article mentions
EVENT_PREFIX = "!"  # kind and coded sides of an event: '!AID:FRA>IND'
TIME_PREFIX = "~"  # a time an event's sentence states: '~2004-12', '~2004'
VALUE_PREFIX = "$"  # a sum an event states, to two significant figures: '$USD:2.8e9'
PLACE_PREFIX = "^"  # a place an event's sentence names


def happening_keys(events: Iterable[Event]) -> tuple[str, ...]:
    """Sorted distinct keys of the happenings in ``events`` (one article's events).

    An event gives a key for its kind and coded sides when at least one side has a code (uncoded
    actors are words, which the text features already hold), one per stated time (month or day
    precision as the month, and the year), one for its sum and one for its place. Times that are only
    the report's date are left out: every report of a day would share them.
    """
    keys: set[str] = set()
    for event in events:
        kind = event.subtype or str(event.type)
        source, target = _codes(event.source), _codes(event.target)
        if source or target:
            keys.add(f"{EVENT_PREFIX}{kind}:{source}>{target}")
        time = event.time
        if time is not None and time.source == "text":
            keys.add(TIME_PREFIX + time.value[:4])
            if time.precision in ("month", "day"):
                keys.add(TIME_PREFIX + time.value[:7])
        elif event.year is not None:
            keys.add(f"{TIME_PREFIX}{event.year:04d}")
        if event.value is not None and event.value.amount > 0:
            keys.add(f"{VALUE_PREFIX}{event.value.currency}:{round_sum(event.value.amount)}")
        if event.place:
            keys.add(PLACE_PREFIX + " ".join(event.place.casefold().split()))
    return tuple(sorted(keys))


def _codes(actors: Iterable[Actor]) -> str:
    return "+".join(sorted({a.code for a in actors if a.code}))


def round_sum(amount: float) -> str:
    """Two significant figures, so '2.8bn' and '2,800m' are one sum."""
    exponent = math.floor(math.log10(amount))
    return f"{round(amount / 10**exponent, 1):g}e{exponent}"
