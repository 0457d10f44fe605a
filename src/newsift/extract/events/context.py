"""Actors an article makes plain but a sentence leaves implicit.

'The order for the last three frigates was placed in 2019' names no supplier, yet the
article around it is about one supplier and one recipient. A directed defence event (arms transfer,
upgrade, and a deployment: 'The troops arrived on Monday' after 'Pakistani troops in Qatar') missing a
side takes it from the article's dominant pair: the supplier (or deployer, recipient or host) that
the article's own sentences name most often for that subtype, when one leads the others. Such actors
are marked ``inferred`` with the sentence that named them. Joint events (exercises, pacts,
co-development) missing participants take them from the article's one named exercise (or pact) when
the article names only one set of participants for that subtype. First of all, a body (an armed group,
a firm) that one sentence names with its country keeps that country wherever the article names it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from newsift.extract.parse import Parse, is_state
from newsift.model import Actor, EntityKind, Event

__all__ = ["complete_actors", "implied_partners"]

_DIRECTED = frozenset({"arms_transfer", "upgrade", "deployment"})
_JOINT = frozenset({"exercise", "defence_pact", "co_development"})


def _one_code_per_body(events: list[Event]) -> list[Event]:
    """A body named once with its country ('Sudan's Rapid Support Forces') keeps that country where the
    article names it again without one ('the RSF'): one id, one code and sector in one article."""
    known: dict[str, Actor] = {}
    for event in events:
        for actor in (*event.source, *event.target, *event.participants):
            if actor.id and actor.code and not is_state(actor):
                known.setdefault(actor.id, actor)

    def filled(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
        return tuple(
            replace(a, code=known[a.id].code, sector=a.sector or known[a.id].sector)
            if a.id in known and not a.code
            else a
            for a in actors
        )

    if not known:
        return list(events)
    return [
        replace(e, source=filled(e.source), target=filled(e.target), participants=filled(e.participants))
        for e in events
    ]


def _dominant(events: list[Event], side: str) -> Actor | None:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[Actor, int]] = {}
    for event in events:
        for actor in getattr(event, side):
            if is_state(actor) and not actor.inferred:
                counts[actor.code or ""] += 1
                first.setdefault(actor.code or "", (actor, event.evidence.sentence))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    actor, sentence = first[ranked[0][0]]
    return replace(actor, inferred=True, inferred_from=sentence)


def complete_actors(events: list[Event]) -> list[Event]:
    """The events with missing sides filled from the article (see the module docstring)."""
    out = _one_code_per_body(events)
    for subtype in _DIRECTED:
        # an export permission ('other') names the trade's parties too
        group = [
            e for e in out if e.subtype == subtype or (subtype == "arms_transfer" and e.subtype == "other")
        ]
        supplier, recipient = _dominant(group, "source"), _dominant(group, "target")
        for k, event in enumerate(out):
            if event.subtype != subtype:
                continue
            codes = {a.code for a in event.source + event.target}
            sources, targets = event.source, event.target
            if not any(map(is_state, sources)) and supplier and supplier.code not in codes:
                sources = (*sources, supplier)
                codes.add(supplier.code)
            if not any(map(is_state, targets)) and recipient and recipient.code not in codes:
                targets = (*targets, recipient)
            if (sources, targets) != (event.source, event.target):
                out[k] = replace(event, source=sources, target=targets)
    for subtype in _JOINT:
        sets = {
            frozenset(a.code for a in e.participants if is_state(a))
            for e in out
            if e.subtype == subtype and sum(map(is_state, e.participants)) >= 2
        }
        if len(sets) != 1:
            continue
        full = next(iter(sets))
        source = next(
            e
            for e in out
            if e.subtype == subtype and frozenset(a.code for a in e.participants if is_state(a)) == full
        )
        for k, event in enumerate(out):
            have = {a.code for a in event.participants if is_state(a)}
            if event.subtype != subtype or not have < full:
                continue
            extra = tuple(
                replace(a, inferred=True, inferred_from=source.evidence.sentence)
                for a in source.participants
                if is_state(a) and a.code not in have
            )
            out[k] = replace(event, participants=event.participants + extra)
    return out


# words that make an exercise two-sided although the sentence names one side: 'the joint drills with X'
_TOGETHER = frozenset({"joint", "combined", "bilateral"})


def implied_partners(parse: Parse, events: list[Event]) -> list[Event]:
    """'Egypt's army chief arrived in Riyadh. The joint exercise with Saudi forces will run until
    Friday': a joint exercise whose sentence names one state takes, as its other side, the one other
    state the sentence before it names (marked inferred from that sentence); none when that sentence
    names no other state or several."""
    out = list(events)
    for k, event in enumerate(out):
        states = {a.code for a in event.participants if is_state(a)}
        if event.subtype != "exercise" or len(states) != 1 or not _two_sided(parse, event):
            continue
        before = event.evidence.sentence - 1
        if before < 0:
            continue
        tokens = parse.sentence_tokens(before)
        if not tokens:
            continue
        others = {
            code: m
            for m in parse.mentions_in(tokens[0], tokens[-1])
            if parse.kind_of(m) == EntityKind.COUNTRY and (code := parse.code_of(m)) and code not in states
        }
        if len(others) != 1:
            continue
        ((code, mention),) = others.items()
        partner = Actor(
            text=mention.text, id=mention.entity_id, code=code, inferred=True, inferred_from=before
        )
        out[k] = replace(event, participants=(*event.participants, partner))
    return out


def _two_sided(parse: Parse, event: Event) -> bool:
    head = parse.tree.token_at(event.evidence.start)
    kids = parse.tree.kids(head, "amod", "prep")
    return any(parse.lemma(k) in _TOGETHER or parse.lemma(k) == "with" for k in kids)
