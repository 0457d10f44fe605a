"""The brief of a relationship between two actors (ISO3 codes or entity ids): its events (both actors of
the event in any role, by the one rule of ``store/dyads.py``) by type over time, claims with their
roll-up, quotes, and a summary from the articles that report them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newsift.brief.article import summarize_article
from newsift.brief.facts import (
    Sources,
    count_types,
    select_quotes,
    summarize_claims,
    summarize_events,
)
from newsift.brief.records import Brief, SentenceRow, SourceRow
from newsift.model import Claim, Event, Quote
from newsift.store import Store
from newsift.store.dyads import is_between

__all__ = [
    "build_dyad_brief",
    "is_between",
    "query_dyad_claims",
    "query_dyad_events",
    "sources_of",
    "summarize_articles",
]


def query_dyad_events(store: Store, a: str, b: str, *, as_of: datetime | None = None) -> list[Event]:
    """Stored events of the dyad of ``a`` and ``b`` (both actors of the event, in any role: the rule of
    ``store/dyads.py``, which the web's dyad filter shares), reported on or before ``as_of``."""
    sources = Sources(store)
    found = [e for e in store.query_events(actor=a) if is_between(e, a, b)]
    return [e for e in found if _known_by(sources, e.evidence.article_id, as_of)]


def query_dyad_claims(store: Store, events: Sequence[Event]) -> list[Claim]:
    """The claims made about those events, in every article that reports them."""
    ids = {e.id for e in events}
    articles = {e.evidence.article_id for e in events}
    return [c for a in sorted(articles) for c in store.query_claims(article_id=a) if c.event_id in ids]


def _known_by(sources: Sources, article_id: str, as_of: datetime | None) -> bool:
    if as_of is None:
        return True
    published = sources.published(article_id)
    return published is None or published <= as_of


def build_dyad_brief(store: Store, a: str, b: str, *, as_of: datetime | None = None) -> Brief:
    """The relationship brief of ``a`` and ``b`` over all stored articles, as known on ``as_of``."""
    sources = Sources(store)
    events = query_dyad_events(store, a, b, as_of=as_of)
    claims = query_dyad_claims(store, events)
    article_ids = list(dict.fromkeys(e.evidence.article_id for e in events))
    names = sources.names()
    facts = tuple(summarize_events(events, claims, sources))
    return Brief(
        kind="dyad",
        subject=f"{names.get(a, a)} – {names.get(b, b)}",
        subject_ids=(a, b),
        facts=facts,
        claims=tuple(summarize_claims(claims, sources)),
        quotes=tuple(select_quotes(_quotes(store, article_ids, {a, b}), sources)),
        summary=tuple(summarize_articles(sources, article_ids)),
        sources=tuple(sources_of(sources, article_ids)),
        counts=count_types(facts),
        as_of=as_of,
    )


def _quotes(store: Store, article_ids: Sequence[str], actors: set[str]) -> list[Quote]:
    """Quotes in the dyad's articles, by one of the two actors first, then by anyone else."""
    found = [q for a in article_ids for q in store.query_quotes(article_id=a)]
    return sorted(found, key=lambda q: q.speaker_id not in actors)


def summarize_articles(sources: Sources, article_ids: Sequence[str], *, limit: int = 5) -> list[SentenceRow]:
    """The lead summary sentence of each article, most recent articles first."""
    articles = [a for a in (sources.article(x) for x in article_ids) if a is not None]
    articles.sort(key=lambda a: str(sources.published(a.id) or ""), reverse=True)
    rows = [row for article in articles for row in summarize_article(article, n_sentences=1)]
    return rows[:limit]


def sources_of(sources: Sources, article_ids: Sequence[str]) -> list[SourceRow]:
    return [r for r in (sources.source_row(x) for x in article_ids) if r is not None]
