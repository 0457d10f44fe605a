"""The link step over a whole store: recompute duplicates, stories, related articles and tags, and
read them back. The runner calls ``relink_store`` after an ingest that stored something new.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsift import codec
from newsift.link.build import Links, dyad_key, link_articles
from newsift.link.duplicates import DuplicateKind, DuplicateMatch
from newsift.link.keyphrases import Tag
from newsift.link.related import Related
from newsift.model import Story
from newsift.store import LinkRow, Store, iter_articles

__all__ = [
    "Happening",
    "load_duplicates",
    "load_happenings",
    "load_related",
    "load_stories",
    "load_tags",
    "relink_store",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Happening:
    """One happening: the event mentions (in one or many articles) that report it."""

    id: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]


def relink_store(store: Store) -> Links:
    """Link every stored article and replace the stored link records with the result."""
    articles = list(iter_articles(store))
    entities: dict[str, list[str]] = {}
    for article in articles:
        counts = Counter(m.entity_id for m in store.query_mentions(article.id) if m.entity_id)
        entities[article.id] = [e for e, _ in counts.most_common()]
    names = {e.id: e.name for e, _ in store.query_entities(limit=1_000_000)}
    dyads: dict[str, set[str]] = {}
    for event in store.query_events():
        for a in event.source:
            for b in event.target:
                if a.code and b.code and a.code != b.code:
                    dyads.setdefault(event.evidence.article_id, set()).add(
                        dyad_key(event.type, a.code, b.code)
                    )
    links = link_articles(articles, entities, names, {k: sorted(v) for k, v in dyads.items()})
    store.replace_links(
        "story",
        (LinkRow(key=s.id, record=_json(s), rank=i) for i, s in enumerate(links.stories)),
    )
    store.replace_links(
        "duplicate",
        (LinkRow(key=d.article_id, article_id=d.article_id, record=_json(d)) for d in links.duplicates),
    )
    store.replace_links(
        "related",
        (
            LinkRow(key=f"{r.article_id}:{r.related_id}", article_id=r.article_id, rank=i, record=_json(r))
            for rows in links.related.values()
            for i, r in enumerate(rows)
        ),
    )
    store.replace_links("happening", _happenings(store))
    store.replace_links(
        "tags",
        (LinkRow(key=a, article_id=a, record=_json(list(tags))) for a, tags in links.tags.items()),
    )
    return links


def _happenings(store: Store) -> list[LinkRow]:
    """Event mentions across articles that report one happening (same type, actors, compatible facts)."""
    from newsift.extract.event_linking import link_events

    rows: list[LinkRow] = []
    for cluster in link_events(tuple(store.query_events())):
        record = Happening(
            id=cluster.id, event_ids=tuple(e.id for e in cluster.events), article_ids=cluster.article_ids
        )
        rows.extend(
            LinkRow(key=e.id, article_id=e.evidence.article_id, record=_json(record)) for e in cluster.events
        )
    return rows


def load_happenings(store: Store) -> dict[str, list[str]]:
    """Event id -> the ids of every event mention of the same happening (itself included)."""
    found: dict[str, list[str]] = {}
    for row in store.query_links("happening"):
        found[row.key] = list(codec.decode(row.record, Happening, source="links").event_ids)
    return found


def load_stories(store: Store) -> list[Story]:
    """Stories, largest first."""
    return [codec.decode(row.record, Story, source="links") for row in store.query_links("story")]


def load_duplicates(store: Store) -> list[tuple[str, list[DuplicateMatch]]]:
    """Groups of two or more copies: (group id, its matches, origin first)."""
    groups: dict[str, list[DuplicateMatch]] = {}
    for row in store.query_links("duplicate"):
        match = codec.decode(row.record, DuplicateMatch, source="links")
        groups.setdefault(match.group_id, []).append(match)
    found = [(g, sorted(m, key=lambda x: x.kind != DuplicateKind.UNIQUE)) for g, m in groups.items()]
    return sorted((g for g in found if len(g[1]) > 1), key=lambda g: (-len(g[1]), g[0]))


def load_related(store: Store, article_id: str) -> list[Related]:
    return [
        codec.decode(r.record, Related, source="links")
        for r in store.query_links("related", article_id=article_id)
    ]


def load_tags(store: Store, article_id: str) -> list[Tag]:
    rows = store.query_links("tags", article_id=article_id)
    return codec.decode(rows[0].record, list[Tag], source="links") if rows else []


def _json(record: object) -> str:
    return codec.encode(record).decode()
