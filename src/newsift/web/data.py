"""One data function per resource, shared by the JSON API and the HTML pages (two renderers of one dict).

Article list, article page, search and stories live here; entities and dyads in ``graph.py``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from markupsafe import escape

from newsift.model import Article, Claim, Mention, Story
from newsift.pipeline.relink import load_related, load_stories, load_tags
from newsift.store.web_queries import MARK_END, MARK_START, ArticlePage, SearchFilters
from newsift.views import (
    render_article_json,
    render_claim_json,
    render_entity_json,
    render_event_json,
    render_quote_json,
    render_related_json,
    render_story_json,
)
from newsift.web.comments import query_comments
from newsift.web.cursor import read_cursor, write_cursor
from newsift.web.db import WebDb
from newsift.web.errors import HttpError
from newsift.web.summaries import query_summary

__all__ = [
    "query_article_list",
    "query_article_page",
    "query_search",
    "query_stories",
    "render_article_summary",
    "require_article",
]


def render_article_summary(article: Article) -> dict[str, Any]:
    """The short form of an article used in lists: no body text."""
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "source": article.source,
        "position": str(article.position),
        "published": article.published_at.isoformat() if article.published_at else None,
        "published_text": article.published_text,
        "url": article.url,
    }


def query_article_list(
    db: WebDb, filters: SearchFilters, *, limit: int, offset: int, after: str | None = None
) -> dict[str, Any]:
    """A page of stored articles (newest first, or by relevance with words) as ``items`` with paging;
    ``after`` is the ``next`` cursor of the page before (keyset paging)."""
    page, paging = _article_page(db, filters, limit, offset, after)
    return {"items": [render_article_json(a) for a, _ in page.hits], **paging}


def _article_page(
    db: WebDb, filters: SearchFilters, limit: int, offset: int, after: str | None, by_date: bool = False
) -> tuple[ArticlePage, dict[str, Any]]:
    """The page, and its paging fields: total, limit, offset (from the cursor's position), after and next.

    Relevance on a store whose rank reads the whole index moves as articles are added: its cursors carry
    the data's stamp (a stale one is a 409); the date order never moves.
    """
    web = db.store().web
    sort = web.article_sort(filters, by_date=by_date)
    types: tuple[type, ...] = (float, str) if sort == "relevance" else (str, str, int)
    stamp = web.change_stamp() if sort == "relevance" and not web.rank_is_local else None  # before the read
    keys, start = read_cursor(after, "articles", sort, types, stamp) if after else (None, 0)
    try:
        page = web.filtered_page(filters, limit=limit, offset=offset, after=keys, by_date=by_date)
    except ValueError as err:
        raise HttpError(422, "invalid_request", "after: not the next cursor of a page of this list") from err
    first = start + offset
    last = page.last_keys
    cursor = None
    if last is not None:
        cursor = write_cursor("articles", sort, last, first + len(page.hits), stamp)
    paging = {"total": page.total, "limit": limit, "offset": first, "after": after, "next": cursor}
    return page, paging


def require_article(db: WebDb, article_id: str) -> Article:
    """The article with this id (or unique prefix).

    Raises:
        HttpError: 404 when there is none.
    """
    article = db.store().get_article(article_id)
    if article is None:
        raise HttpError(404, "not_found", f"no article with id {article_id}")
    return article


def query_article_page(db: WebDb, article_id: str) -> dict[str, Any]:
    """An article with its entities, mentions, quotes, events, claims, related articles, tags and comments.

    Raises:
        HttpError: 404 when there is no such article.
    """
    article = require_article(db, article_id)
    store = db.store()
    mentions = store.query_mentions(article.id)
    entities = _article_entities(db, mentions)
    names = {e["id"]: e["name"] for e in entities}
    sentences = store.web.sentences(article.id)
    data = render_article_json(article)
    data.update(
        entities=entities,
        mentions=[_mention_json(m) for m in mentions],
        quotes=[render_quote_json(q, names) for q in store.query_quotes(article_id=article.id)],
        events=[render_event_json(e) for e in store.query_events(article_id=article.id)],
        claims=[_claim_json(c, article, sentences) for c in store.query_claims(article_id=article.id)],
        summary=query_summary(article, sentences),
        sentences=[{"index": i, "start": start, "end": end} for i, (start, end) in enumerate(sentences)],
        tags=[{"text": t.text, "kind": t.kind} for t in load_tags(store, article.id)],
        related=_related(db, article.id),
        comments=query_comments(store, article.id),
    )
    return data


def _mention_json(mention: Mention) -> dict[str, Any]:
    return {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "entity_id": mention.entity_id,
        "label": mention.label,
        "resolution": str(mention.resolution),
        "sentence": mention.sentence,
    }


def _article_entities(db: WebDb, mentions: list[Mention]) -> list[dict[str, Any]]:
    counts = Counter(m.entity_id for m in mentions if m.entity_id)
    found = []
    for entity_id, n in counts.most_common():
        entity = db.store().web.entity(entity_id)
        if entity is not None:
            found.append(render_entity_json(entity, n))
    return found


def _claim_json(claim: Claim, article: Article, sentences: list[tuple[int, int]]) -> dict[str, Any]:
    """A claim, plus the span of its sentence in the article text (where the page marks it)."""
    data = render_claim_json(claim)
    data["span"] = _sentence_span(claim, article, sentences)
    return data


def _sentence_span(claim: Claim, article: Article, sentences: list[tuple[int, int]]) -> dict[str, int]:
    index = claim.evidence.sentence
    if 0 <= index < len(sentences):
        start, end = sentences[index]
        if article.text[start:end].strip() == claim.evidence.text.strip():
            return {"start": start, "end": end}
    found = article.text.find(claim.evidence.text)
    if found >= 0:
        return {"start": found, "end": found + len(claim.evidence.text)}
    return {"start": claim.evidence.start, "end": claim.evidence.end}


def _related(db: WebDb, article_id: str) -> list[dict[str, Any]]:
    store = db.store()
    rows = []
    for related in load_related(store, article_id):
        other = store.get_article(related.related_id)
        rows.append(render_related_json(related, other.title if other else None))
    return rows


def query_search(
    db: WebDb,
    filters: SearchFilters,
    *,
    limit: int,
    offset: int,
    facets: bool = False,
    after: str | None = None,
    by_date: bool = False,
) -> dict[str, Any]:
    """Full-text search with filters (outlet, dates, entity, event type, claim status); with ``facets``,
    also the matches counted by outlet, event type, claim status and month."""
    page, paging = _article_page(db, filters, limit, offset, after, by_date)
    items = [{**render_article_summary(a), **_snippets(snippet)} for a, snippet in page.hits]
    data: dict[str, Any] = {"items": items, **paging}
    if facets:
        found = db.store().web.search_facets(filters)
        data["facets"] = {k: [{"value": v, "count": n} for v, n in rows] for k, rows in found.items()}
    return data


def _snippets(marked: str | None) -> dict[str, str | None]:
    """The snippet with hits in [brackets] (plain text), and as escaped HTML with hits in <mark>."""
    if marked is None:
        return {"snippet": None, "snippet_html": None}
    plain = marked.replace(MARK_START, "[").replace(MARK_END, "]")
    html = str(escape(marked)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return {"snippet": plain, "snippet_html": html}


def query_stories(db: WebDb, *, limit: int, offset: int, after: str | None = None) -> dict[str, Any]:
    """Stories (clusters of articles), largest first, with their article titles; ``after`` is the
    ``next`` of the page before. Stories change as articles join them, so a cursor made before a
    change is stale (409)."""
    store = db.store()
    stories = load_stories(store)
    stamp = _stories_stamp(stories)
    start = 0
    if after:
        (last_id,), start = read_cursor(after, "stories", "size", (str,), stamp)
        if not 0 < start <= len(stories) or stories[start - 1].id != last_id:  # same stamp, other place
            raise HttpError(422, "invalid_request", "after: not the next cursor of a page of this list")
    first = start + offset
    page = stories[first : first + limit]
    titles: dict[str, str] = {}
    for story in page:
        for article_id in story.article_ids:
            article = store.get_article(article_id)
            if article is not None:
                titles[article_id] = article.title
    items = [render_story_json(s, titles) for s in page]
    more = page and first + len(page) < len(stories)
    cursor = write_cursor("stories", "size", [page[-1].id], first + len(page), stamp) if more else None
    paging = {"total": len(stories), "limit": limit, "offset": first, "after": after, "next": cursor}
    return {"items": items, **paging}


def _stories_stamp(stories: list[Story]) -> str:
    """A digest of the stories in order with their articles: it changes whenever the list does."""
    digest = hashlib.sha256()
    for story in stories:
        digest.update(f"{story.id}:{','.join(story.article_ids)};".encode())
    return digest.hexdigest()[:16]
