"""The brief of one stored article: summary, facts, claims with status, quotes, tags and related articles.

Built from stored records only; every line cites the article and the sentence it rests on.
"""

from __future__ import annotations

from newsift.brief.factlist import render_key_facts
from newsift.brief.facts import Sources, select_quotes, summarize_claims, summarize_events
from newsift.brief.records import Brief, Citation, SentenceRow
from newsift.errors import InputError
from newsift.link.summary import summarize
from newsift.model import Article
from newsift.pipeline.relink import load_related, load_tags
from newsift.store import Store

__all__ = ["build_article_brief", "summarize_article"]


def build_article_brief(store: Store, article_id: str) -> Brief:
    """The brief of one article (an id or a unique id prefix).

    Raises:
        InputError: no stored article has that id.
    """
    sources = Sources(store)
    article = store.get_article(article_id)
    if article is None:
        raise InputError(article_id, "no stored article with this id")
    events = store.query_events(article_id=article.id)
    claims = store.query_claims(article_id=article.id)
    source = sources.source_row(article.id)
    facts = summarize_events(events, claims, sources)
    return Brief(
        kind="article",
        subject=article.title,
        subject_ids=(article.id,),
        facts=tuple(facts),
        claims=tuple(summarize_claims(claims, sources)),
        quotes=tuple(select_quotes(store.query_quotes(article_id=article.id), sources)),
        summary=summarize_article(article),
        key_facts=render_key_facts(facts, {e.id: e for e in events}, sources.names()),
        sources=(source,) if source else (),
        tags=tuple(t.text for t in load_tags(store, article.id)),
        related=tuple(_related(store, sources, article.id)),
    )


def summarize_article(article: Article, n_sentences: int = 3) -> tuple[SentenceRow, ...]:
    """The extractive summary, each sentence cited verbatim."""
    return tuple(
        SentenceRow(
            text=s.text,
            citation=Citation(article_id=article.id, sentence=s.text),
            score=s.score,
        )
        for s in summarize(article, n_sentences=n_sentences)
    )


def _related(store: Store, sources: Sources, article_id: str) -> list[tuple[str, str, str]]:
    rows = []
    for related in load_related(store, article_id):
        other = sources.article(related.related_id)
        reasons = ", ".join(str(r) for r in related.reasons)
        rows.append((related.related_id, other.title if other else "", reasons))
    return rows
