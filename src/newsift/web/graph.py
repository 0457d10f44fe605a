"""Data functions for entities and dyads (two actors and everything between them), shared by API and pages."""

from __future__ import annotations

from typing import Any

from newsift.model import Entity
from newsift.store.facts import ClaimRollup, FactFilters
from newsift.store.web_queries import SearchFilters
from newsift.views import render_entity_json
from newsift.web.charts import count_by_period
from newsift.web.cursor import read_cursor, write_cursor
from newsift.web.data import render_article_summary
from newsift.web.db import WebDb
from newsift.web.errors import HttpError
from newsift.web.facts import FactParams, RowLookups, normalize_actor, query_facts

__all__ = ["query_dyad", "query_entity_list", "query_entity_page", "query_relationships"]

_MOST = 500  # rows of each kind read for a dyad page (its roll-up counts them)
_SHOWN = 100  # events and quotes listed on an entity page; the events view has them all


def query_entity_list(
    db: WebDb, *, kind: str | None, limit: int, offset: int, after: str | None = None
) -> dict[str, Any]:
    """Entities by mention count, as ``items`` with paging figures; ``after`` is the ``next`` of the page
    before. Counts grow as articles are added, so a cursor made before a change is stale (409)."""
    web = db.store().web
    stamp = web.change_stamp()  # before the read: a change during it makes the next cursor stale
    keys, start = read_cursor(after, "entities", "mentions", (int, str, str), stamp) if after else (None, 0)
    page = web.entity_page(kind=kind, limit=limit, offset=offset, after=keys)
    first = start + offset
    last = page.last_keys
    cursor = write_cursor("entities", "mentions", last, first + len(page.rows), stamp) if last else None
    items = [render_entity_json(e, n) for e, n in page.rows]
    return {"items": items, "limit": limit, "offset": first, "after": after, "next": cursor}


def _require_entity(db: WebDb, entity_id: str) -> Entity:
    entity = db.store().web.entity(normalize_actor(entity_id))
    if entity is None:
        raise HttpError(404, "not_found", f"no entity with id {entity_id}")
    return entity


def query_entity_page(db: WebDb, entity_id: str) -> dict[str, Any]:
    """An entity: mentions over time, articles, events (as actor or item), counterparts and quotes.

    Raises:
        HttpError: 404 when there is no such entity.
    """
    entity = _require_entity(db, entity_id)
    dates = db.store().web.entity_mention_dates(entity.id)
    quotes = query_facts(db, "quotes", FactParams(entity=entity.id, limit=_SHOWN), facets=False)["items"]
    events = query_facts(
        db, "events", FactParams(entity=entity.id, sort="-event_time", limit=_SHOWN), facets=False
    )
    hits, n_articles = db.store().web.filtered_articles(SearchFilters(entity=entity.id), limit=20, offset=0)
    data = render_entity_json(entity, sum(n for _, n in dates))
    data.update(
        mentions_over_time=[{"period": p, "count": n} for p, n in count_by_period(dates)],
        n_articles=n_articles,
        articles=[render_article_summary(a) for a, _ in hits],
        events=events["items"],
        n_events=events["total"],
        counterparts=[_pair_json(db, c) for c in db.store().query_counterparts(entity.id)],
        quotes_by=[q for q in quotes if q["speaker_id"] == entity.id],
        quotes_about=[q for q in quotes if q["speaker_id"] != entity.id and _names_it(q["text"], entity)],
    )
    return data


def _names_it(text: str, entity: Entity) -> bool:
    text = text.casefold()
    return any(name.casefold() in text for name in (entity.name, *entity.aliases) if len(name) > 2)


def _name(db: WebDb, actor_id: str) -> str:
    entity = db.store().web.entity(actor_id)
    return entity.name if entity else actor_id


def _pair_json(db: WebDb, pair: Any) -> dict[str, Any]:
    return {
        "first": {"id": pair.first, "name": _name(db, pair.first)},
        "second": {"id": pair.second, "name": _name(db, pair.second)},
        "n_events": pair.n_events,
        "n_claims": pair.n_claims,
        "n_denied": pair.n_denied,
        "href": f"/dyad/{pair.first}/{pair.second}",
    }


def query_relationships(db: WebDb, *, limit: int = 30) -> dict[str, Any]:
    """The top dyads by events (with claims and denials), and a matrix over their actors."""
    pairs = [_pair_json(db, p) for p in db.store().query_top_dyads(limit=limit)]
    actors: dict[str, str] = {}
    for pair in pairs:
        for end in (pair["first"], pair["second"]):
            actors.setdefault(end["id"], end["name"])
    cells = {f"{p['first']['id']}|{p['second']['id']}": p["n_events"] for p in pairs}
    cells.update({f"{p['second']['id']}|{p['first']['id']}": p["n_events"] for p in pairs})
    top = list(actors.items())[:12]
    matrix = [
        {"id": a, "name": name, "cells": [{"id": b, "n_events": cells.get(f"{a}|{b}", 0)} for b, _ in top]}
        for a, name in top
    ]
    return {"items": pairs, "actors": [{"id": a, "name": n} for a, n in actors.items()], "matrix": matrix}


def query_dyad(
    db: WebDb, first: str, second: str, *, shown: int = _MOST, listed: int = _MOST, offset: int = 0
) -> dict[str, Any]:
    """Everything between two actors: events on their own time, claims (denials first), quotes, neighbours.

    ``shown``: most claims and quotes listed (the roll-up counts every claim). ``listed`` and ``offset``:
    the events listed, by their own time (at most ``_MOST``). The counts (``n_events``, ``by_type``, the
    ``timeline`` per year and the ``neighbours``) are over every event of the dyad, whatever is listed.

    Raises:
        HttpError: 404 when an actor is neither an entity nor an event actor, 422 when both are the same.
    """
    a, b = normalize_actor(first), normalize_actor(second)
    if a == b:
        raise HttpError(422, "invalid_dyad", "a dyad needs two different actors")
    dyad, lookups, store = f"{a},{b}", RowLookups(db), db.store()
    counts = store.query_dyad_counts(a, b)
    ends = [store.web.entity(x) for x in (a, b)]
    unknown = [
        x
        for x, entity in zip((a, b), ends, strict=True)
        if entity is None and not counts.n_events and not store.query_events(actor=x)
    ]
    if unknown:
        raise HttpError(404, "not_found", f"no entity or event actor {' or '.join(unknown)}")
    events = query_facts(
        db, "events", FactParams(dyad=dyad, sort="event_time", limit=min(listed, _MOST), offset=offset),
        facets=False, lookups=lookups,
    )["items"]  # fmt: skip
    most = min(shown, _MOST)
    claims = query_facts(
        db, "claims", FactParams(dyad=dyad, sort="status", limit=most), facets=False, lookups=lookups
    )["items"]
    quotes = query_facts(db, "quotes", FactParams(dyad=dyad, limit=most), facets=False, lookups=lookups)
    for event in events:  # the keys this page had before event time: report date and outlet
        event.update(date=event["article"]["date"], outlet=event["article"]["outlet"])
    return {
        "actors": [_actor_json(x, entity) for x, entity in zip((a, b), ends, strict=True)],
        "events": events,
        "n_events": counts.n_events,
        "timeline": [
            {"period": year, "count": n, "source": "report" if by_report else "text"}
            for year, by_report, n in counts.by_year
        ],
        "by_type": dict(counts.by_type),
        "claims": claims,
        "rollup": _rollup(store.query_claim_rollup(FactFilters(dyad=(a, b)))),
        "quotes": quotes["items"],
        "neighbours": [{"id": k, "n_events": n} for k, n in counts.neighbours],
    }


def _actor_json(actor_id: str, entity: Entity | None) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": entity.name if entity else actor_id,
        "kind": str(entity.kind) if entity else None,
    }


def _rollup(counted: ClaimRollup) -> dict[str, Any]:
    """Per status: claims, independent outlets and first seen; overall: claims, outlets and any denial."""
    return {
        "n_claims": counted.n_claims,
        "n_outlets": counted.n_outlets,
        "has_denial": "denied" in counted.by_status,
        "by_status": {
            status: {"n_claims": n, "n_outlets": outlets, "first_seen": first}
            for status, (n, outlets, first) in sorted(counted.by_status.items())
        },
    }
