"""The brief of one entity (a country, firm, person, system): the events it takes part in, the claims
about them, its quotes, and the articles that mention it. Built from stored records only.
"""

from __future__ import annotations

from newsift.brief.dyad import sources_of, summarize_articles
from newsift.brief.facts import (
    Sources,
    count_types,
    involves,
    select_quotes,
    summarize_claims,
    summarize_events,
)
from newsift.brief.records import Brief
from newsift.errors import InputError
from newsift.gazetteer import load_gazetteer
from newsift.model import Entity
from newsift.store import Store

__all__ = ["build_entity_brief", "find_entity"]


def find_entity(store: Store, name: str) -> Entity | None:
    """A stored entity by id, name or alias (case-insensitive), else a gazetteer entity by the same."""
    wanted = name.casefold().strip()
    stored = [e for e, _ in store.query_entities(limit=10**6)]
    gazetteer = load_gazetteer()
    for entities in (stored, list(gazetteer.entities.values())):
        for entity in entities:
            if wanted == entity.id.casefold() or wanted == entity.name.casefold():
                return entity
        for entity in entities:
            if wanted in (a.casefold() for a in entity.aliases):
                return entity
    for entity_id, _ in gazetteer.lookup(name.strip()):
        return gazetteer.entities.get(entity_id)
    return None


def build_entity_brief(store: Store, name: str) -> Brief:
    """The brief of the entity named ``name`` (an id, a name or an alias).

    Raises:
        InputError: no stored or gazetteer entity has that name.
    """
    entity = find_entity(store, name)
    if entity is None:
        raise InputError(name, "no entity with this id, name or alias")
    sources = Sources(store)
    events = [e for e in store.query_events(actor=entity.id) if involves(e, entity.id)]
    event_articles = {e.evidence.article_id for e in events}
    claims = [
        c for a in sorted(event_articles) for c in store.query_claims(article_id=a)
        if c.event_id in {e.id for e in events}
    ]  # fmt: skip
    mentioning = store.query_articles_mentioning(entity.id)
    article_ids = sorted(mentioning | event_articles)
    quotes = [q for q in store.query_quotes() if q.speaker_id == entity.id]
    facts = tuple(summarize_events(events, claims, sources))
    return Brief(
        kind="entity",
        subject=entity.name,
        subject_ids=(entity.id,),
        facts=facts,
        claims=tuple(summarize_claims(claims, sources)),
        quotes=tuple(select_quotes(quotes, sources)),
        summary=tuple(summarize_articles(sources, article_ids)),
        sources=tuple(sources_of(sources, article_ids)),
        counts=count_types(facts),
    )
