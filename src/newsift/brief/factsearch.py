"""Stored records answering a question: the events and claims whose parties, relation, type, status and
time fit it, as fact rows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.brief.facts import Sources, involves, summarize_claims, summarize_events
from newsift.brief.matching import in_window, mentions_any
from newsift.brief.passages import extract_query_terms
from newsift.brief.question import AID_FAMILY, Question
from newsift.brief.records import FactRow
from newsift.model import Actor, Claim, Event, PloverType
from newsift.store import Store

__all__ = ["carries_relation", "is_described", "query_facts", "select_relevant"]

# A party named by a definite description of an organisation ('the company', 'the defence ministry').
_DESCRIPTION = re.compile(
    r"^the\s+(?:[\w'’-]+\s+){0,2}?(?:company|firm|group|maker|manufacturer|producer|shipyard|shipbuilder|"
    r"ministry|government|department|bank|carrier|airline|retailer|chain|insurer|lender|agency|club)$",
    re.IGNORECASE,
)


def query_facts(
    store: Store, q: Question, sources: Sources, forms: dict[str, tuple[str, ...]], leads: dict[str, Event]
) -> list[FactRow]:
    """Fact rows answering the question; ``leads`` is filled with the kept events by id."""
    events, claims = _candidates(store, q)
    linked: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.event_id:
            linked.setdefault(claim.event_id, []).append(claim)
    kept = [e for e in events if _keeps_event(e, q, sources, forms, linked.get(e.id, []))]
    kept = _best_typed(kept, q)
    leads.update((e.id, e) for e in kept)
    loose = [
        c for c in claims
        if not c.event_id and q.status and str(c.status) == q.status
        and (_names_all(c.evidence.text, (), q, forms) or is_described(c, forms, sources))
        and in_window(None, c.evidence.article_id, q, sources)
    ]  # fmt: skip
    kept_claims = [c for e in kept for c in linked.get(e.id, [])]
    return summarize_events(kept, kept_claims, sources) + summarize_claims(loose, sources)


def is_described(claim: Claim, forms: dict[str, tuple[str, ...]], sources: Sources) -> bool:
    """'The company denied ...' under a headline naming Harbour Foods answers 'What did Harbour Foods
    deny?': a party given only as 'the <organisation noun>' stands for what the headline names."""
    parties = (*claim.denied_by, *claim.alleged_by, *claim.asserted_by)
    if not forms or not any(_DESCRIPTION.match(p) for p in parties):
        return False
    article = sources.article(claim.evidence.article_id)
    return article is not None and all(mentions_any(article.title, fs) for fs in forms.values())


def _candidates(store: Store, q: Question) -> tuple[list[Event], list[Claim]]:
    events: dict[str, Event] = {}
    for entity_id in q.entities:
        events.update((e.id, e) for e in store.query_events(actor=entity_id))
    for type_, subtype in _asked_types(q):
        events.update((e.id, e) for e in store.query_events(type_=type_, subtype=subtype))
    if q.status:
        for e in store.query_events():
            events.setdefault(e.id, e)
    articles = sorted({e.evidence.article_id for e in events.values()})
    claims = [c for a in articles for c in store.query_claims(article_id=a)]
    if q.status:
        known = {c.id for c in claims}
        claims += [c for c in store.query_claims(status=q.status) if c.id not in known]
    return list(events.values()), claims


def _keeps_event(
    event: Event, q: Question, sources: Sources, forms: dict[str, tuple[str, ...]], claims: list[Claim]
) -> bool:
    if q.status and str(event.status) != q.status and all(str(c.status) != q.status for c in claims):
        return False
    by_title = q.status and any(str(c.status) == q.status and is_described(c, forms, sources) for c in claims)
    if not (_names_all(event.evidence.text, (event,), q, forms) or by_title):
        return False
    if not carries_relation(event, q, forms):
        return False
    return in_window(event.year, event.evidence.article_id, q, sources)


def _names_all(
    sentence: str, events: Sequence[Event], q: Question, forms: dict[str, tuple[str, ...]]
) -> bool:
    """Every entity of the question is an actor of the event or is named in its sentence."""
    return all(
        any(involves(e, entity_id) for e in events) or mentions_any(sentence, forms.get(entity_id, ()))
        for entity_id in q.entities
    )


def carries_relation(event: Event, q: Question, forms: dict[str, tuple[str, ...]]) -> bool:
    """'What has A supplied to B?' is answered by an event from A to B: not by B supplying A, nor by A
    supplying a third party in a sentence that also names B, nor by C supplying B. A side the event leaves
    open may be the asked one when its sentence names it; an actor that is the item itself ('the
    Virginia-class submarines') is no party. 'Who sold jets to B?' asks one side only: B must receive.
    Cooperation has no direction."""
    if not (q.source or q.target) or event.type == PloverType.COOPERATE:
        return True
    sources, targets = _party_ids(event.source, event.item), _party_ids(event.target, event.item)
    if (q.target in sources or not q.target) and (q.source in targets or not q.source):
        return False
    return all(
        asked in side if side else mentions_any(event.evidence.text, forms.get(asked, ()))
        for asked, side in ((q.source, sources), (q.target, targets))
        if asked
    )


def _party_ids(actors: Sequence[Actor], item: str | None) -> set[str]:
    item_key = (item or "").casefold()
    parties = [a for a in actors if not (item_key and a.text.casefold() in item_key)]
    return {x for a in parties for x in (a.code, a.id) if x}


def _asked_types(q: Question) -> tuple[tuple[str | None, str | None], ...]:
    """The types asked for; a list of supplies takes every subtype of military aid (sales, upgrades)."""
    if q.intent == "list":
        return tuple(dict.fromkeys((*q.types, *(("AID", s) for s in sorted(AID_FAMILY)))))
    return q.types


def _best_typed(events: list[Event], q: Question) -> list[Event]:
    """With event types asked for, keep the events that match them best (type and subtype over type)."""
    if not q.types:
        return events
    if q.intent == "list":
        return [e for e in events if str(e.type) == "AID" and e.subtype in AID_FAMILY]

    def score(event: Event) -> int:
        # A subtype asked for must match: a co-development does not answer a question about exercises.
        best = 0
        for type_, subtype in q.types:
            type_ok = type_ is None or str(event.type) == type_
            if subtype is not None and event.subtype != subtype:
                continue
            best = max(best, 2 * type_ok + (type_ok and type_ is not None))
        return best

    top = max((score(e) for e in events), default=0)
    return [e for e in events if score(e) == top] if top else ([] if not q.status else events)


def select_relevant(q: Question, facts: list[FactRow]) -> list[FactRow]:
    """The facts whose sentences share the most words with the question (ties kept, in time order)."""
    terms = set(extract_query_terms(q.text))

    def overlap(fact: FactRow) -> int:
        return max(len(terms & set(extract_query_terms(c.sentence))) for c in fact.citations)

    best = max(overlap(f) for f in facts)
    return [f for f in facts if overlap(f) == best]
