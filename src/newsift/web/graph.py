"""Data functions for entities and dyads (two actors and everything between them), shared by API and pages."""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsift.model import Actor, Claim, Entity, Event, Quote
from newsift.views import render_claim_json, render_entity_json, render_event_json, render_quote_json
from newsift.web.charts import count_by_period
from newsift.web.db import WebDb
from newsift.web.errors import HttpError
from newsift.web.queries import query_article_dates, query_entity, query_entity_mention_dates

__all__ = ["normalize_actor", "query_dyad", "query_entity_list", "query_entity_page"]


def normalize_actor(value: str) -> str:
    """Country codes are upper case (``tur`` → ``TUR``); other entity ids are kept as given."""
    return value.upper() if len(value) == 3 and value.isalpha() else value


def query_entity_list(db: WebDb, *, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Entities by mention count, as ``items`` with paging figures."""
    rows = db.store().query_entities(kind=kind, limit=limit + offset)
    items = [render_entity_json(e, n) for e, n in rows[offset:]]
    return {"items": items, "limit": limit, "offset": offset}


def _require_entity(db: WebDb, entity_id: str) -> Entity:
    entity = query_entity(db.conn(), normalize_actor(entity_id))
    if entity is None:
        raise HttpError(404, "not_found", f"no entity with id {entity_id}")
    return entity


def query_entity_page(db: WebDb, entity_id: str) -> dict[str, Any]:
    """An entity, its mentions over time, its events, its quotes and the quotes about it.

    Raises:
        HttpError: 404 when there is no such entity.
    """
    entity = _require_entity(db, entity_id)
    store = db.store()
    dates = query_entity_mention_dates(db.conn(), entity.id)
    names = {entity.id: entity.name}
    article_ids = store.query_articles_mentioning(entity.id)
    quotes = [q for q in store.query_quotes() if q.article_id in article_ids or q.speaker_id == entity.id]
    data = render_entity_json(entity, sum(n for _, n in dates))
    data.update(
        mentions_over_time=[{"period": p, "count": n} for p, n in count_by_period(dates)],
        n_articles=len(article_ids),
        events=[render_event_json(e) for e in store.query_events(actor=entity.id)],
        quotes_by=[render_quote_json(q, names) for q in quotes if q.speaker_id == entity.id],
        quotes_about=[
            render_quote_json(q, names) for q in quotes if q.speaker_id != entity.id and _names_it(q, entity)
        ],
    )
    return data


def _names_it(quote: Quote, entity: Entity) -> bool:
    text = quote.text.casefold()
    return any(name.casefold() in text for name in (entity.name, *entity.aliases) if len(name) > 2)


def _involves(actors: tuple[Actor, ...], actor_id: str) -> bool:
    return any(actor_id in (a.code, a.id) for a in actors)


def _between(event: Event, a: str, b: str) -> bool:
    actors = event.source + event.target + event.participants
    return _involves(actors, a) and _involves(actors, b)


def query_dyad(db: WebDb, first: str, second: str) -> dict[str, Any]:
    """Everything between two actors: events over time, claims with a status roll-up, quotes, neighbours.

    Raises:
        HttpError: 404 when an actor is neither an entity nor an event actor, 422 when both are the same.
    """
    a, b = normalize_actor(first), normalize_actor(second)
    if a == b:
        raise HttpError(422, "invalid_dyad", "a dyad needs two different actors")
    store = db.store()
    events = [e for e in store.query_events(actor=a) if _between(e, a, b)]
    ends = [query_entity(db.conn(), x) for x in (a, b)]
    unknown = [
        x
        for x, entity in zip((a, b), ends, strict=True)
        if entity is None and not store.query_events(actor=x)
    ]
    if unknown:
        raise HttpError(404, "not_found", f"no entity or event actor {' or '.join(unknown)}")
    dates = query_article_dates(db.conn(), [e.evidence.article_id for e in events])
    event_ids = {e.id for e in events}
    claims = [c for c in store.query_claims() if c.event_id in event_ids]
    return {
        "actors": [_actor_json(x, entity) for x, entity in zip((a, b), ends, strict=True)],
        "events": _events_json(events, dates),
        "timeline": [{"period": p, "count": n} for p, n in _timeline(events, dates)],
        "by_type": dict(Counter(str(e.type) for e in events).most_common()),
        "claims": [render_claim_json(c) for c in claims],
        "rollup": _rollup(claims, query_article_dates(db.conn(), [c.evidence.article_id for c in claims])),
        "quotes": _pair_quotes(db, a, b, ends),
        "neighbours": _neighbours(events, {a, b}),
    }


def _actor_json(actor_id: str, entity: Entity | None) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": entity.name if entity else actor_id,
        "kind": str(entity.kind) if entity else None,
    }


def _events_json(events: list[Event], dates: dict[str, tuple[str | None, str]]) -> list[dict[str, Any]]:
    rows = []
    for event in events:
        date, outlet = dates.get(event.evidence.article_id, (None, ""))
        rows.append({**render_event_json(event), "date": date, "outlet": outlet or None})
    return sorted(rows, key=lambda r: (r["date"] or "", r["id"]))


def _timeline(events: list[Event], dates: dict[str, tuple[str | None, str]]) -> list[tuple[str, int]]:
    return count_by_period((dates.get(e.evidence.article_id, (None, ""))[0], 1) for e in events)


def _rollup(claims: list[Claim], dates: dict[str, tuple[str | None, str]]) -> dict[str, Any]:
    """Per status: claims, independent outlets and first seen; overall: outlets and any denial."""
    statuses: dict[str, dict[str, Any]] = {}
    for claim in claims:
        date, outlet = dates.get(claim.evidence.article_id, (None, ""))
        row = statuses.setdefault(str(claim.status), {"n_claims": 0, "outlets": set(), "first_seen": None})
        row["n_claims"] += 1
        row["outlets"].add(outlet or claim.evidence.article_id)
        if date and (row["first_seen"] is None or date < row["first_seen"]):
            row["first_seen"] = date
    outlets = {o for row in statuses.values() for o in row["outlets"]}
    by_status = {
        status: {"n_claims": r["n_claims"], "n_outlets": len(r["outlets"]), "first_seen": r["first_seen"]}
        for status, r in sorted(statuses.items())
    }
    return {
        "n_claims": len(claims),
        "n_outlets": len(outlets),
        "has_denial": "denied" in statuses,
        "by_status": by_status,
    }


def _pair_quotes(db: WebDb, a: str, b: str, ends: list[Entity | None]) -> list[dict[str, Any]]:
    store = db.store()
    shared = store.query_articles_mentioning(a) & store.query_articles_mentioning(b)
    names = {e.id: e.name for e in ends if e is not None}
    return [render_quote_json(q, names) for q in store.query_quotes() if q.article_id in shared]


def _neighbours(events: list[Event], pair: set[str]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    for event in events:
        for actor in event.source + event.target + event.participants:
            key = actor.code or actor.id
            if key and key not in pair:
                counts[key] += 1
    return [{"id": k, "n_events": n} for k, n in counts.most_common(12)]
