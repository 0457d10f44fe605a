"""What puts an event in the relationship of two actors (a dyad): the one rule behind the web's ``dyad=``
filter, the dyad page and the relationships matrix (SQL over ``event_actors``), and ``newsift brief
--dyad`` and a watch with ``--dyad`` (the same rule over decoded events).

**The rule.** An event belongs to the dyad of A and B when both are actors of it, in any role: source,
target or participant. So a sale from A to B counts whichever way round, and so do an exercise A and B
hold together and a programme they develop together (both participants, or both sources), and a sale A
and B make together to a third country. An event where one of them is only the place (``Event.place``,
which is never an actor) or is only named in the sentence does not count. An actor is matched by its
country code or its entity id.

Why any role rather than opposite sides only: an analyst reading "the relationship of A and B" wants
what they do together as much as what one does to the other; joint exercises and co-development are the
substance of a defence relationship, and the extractor puts them in one role (participants). Two buyers
of one seller also count (both are targets of one sale): that the same supplier arms both is part of
their relationship too, and the event shows who the third party is.

**In SQL** the pairs are kept in ``dyad_events`` (migration 054), one row per ordered pair of different
actor keys of an event, both ways round (``dyad_pairs``), written by ``store/sql.py`` with the event's
actors; ``dyad_clause`` reads it, so a dyad is one index range rather than the intersection of every
event of each actor. (Triggers on ``event_actors`` kept it first; on PostgreSQL they made storing 1.5×
slower, so the one function that writes an event's actors writes its pairs too.)

Quotes have no roles: a dyad's quotes are the ones in the articles that report its events, or (for the
web's quotes filter) by or about both actors.
"""

from __future__ import annotations

from newsift.model import Actor, Event

__all__ = [
    "ACTOR_EVENTS",
    "DYAD_EVENTS",
    "DYAD_ROLES",
    "actors_of",
    "dyad_clause",
    "dyad_pairs",
    "is_between",
    "plays_in",
]

# The roles an actor plays in an event, as ``event_actors.role`` stores them (store/sql.py writes one row
# per actor of each): every one of them counts for a dyad.
DYAD_ROLES = ("source", "target", "participant")
# The ids of the events where ``?`` (a code, then the same value as an entity id) is an actor. A UNION,
# so that each side reads its own covering index.
ACTOR_EVENTS = (
    "SELECT event_id FROM event_actors WHERE code = ? "
    "UNION SELECT event_id FROM event_actors WHERE entity_id = ?"
)
# The ids of the events of the dyad of ``?`` and ``?`` (each a code or an entity id): both are actors.
DYAD_EVENTS = "SELECT event_id FROM dyad_events WHERE first = ? AND second = ?"


def actors_of(event: Event) -> tuple[Actor, ...]:
    """Every actor of the event, in the roles of ``DYAD_ROLES``."""
    return (*event.source, *event.target, *event.participants)


def plays_in(event: Event, actor: str) -> bool:
    """True when ``actor`` (a country code or an entity id) is an actor of the event, in any role."""
    return any(a.code == actor or a.id == actor for a in actors_of(event))


def is_between(event: Event, a: str, b: str) -> bool:
    """True when the event belongs to the dyad of ``a`` and ``b`` (two different actors): both are actors
    of it, in any role."""
    return a != b and plays_in(event, a) and plays_in(event, b)


def dyad_pairs(event: Event) -> list[tuple[str, str]]:
    """The rows of ``dyad_events`` for the event: every ordered pair of different keys (codes and entity
    ids) of its actors, so that ``is_between(event, a, b)`` exactly when ``(a, b)`` is among them."""
    keys = sorted({k for a in actors_of(event) for k in (a.code, a.id) if k is not None})
    return [(a, b) for a in keys for b in keys if a != b]


def dyad_clause(event_id: str, a: str, b: str) -> tuple[str, list[str]]:
    """The SQL condition (and its parameters) that the event whose id is the column ``event_id`` belongs
    to the dyad of ``a`` and ``b``: the same rule as ``is_between``, over the pairs of ``dyad_events``."""
    return f"{event_id} IN ({DYAD_EVENTS})", [a, b]
