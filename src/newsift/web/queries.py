"""Read queries the store does not offer (one entity, sentences, filtered search, dates per article).

Parameterised SQL only, over the tables of the store's migrations; nothing here writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsift import codec
from newsift.model import Article, Entity
from newsift.store.sqlite import fts_query

__all__ = [
    "MARK_END",
    "MARK_START",
    "SearchFilters",
    "query_article_dates",
    "query_entity",
    "query_entity_mention_dates",
    "query_filtered_articles",
    "query_sentences",
]

_DATE = "COALESCE(a.published_at, a.fetched_at)"
# Private-use characters around each hit in a snippet: article text may hold brackets, never these.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchFilters:
    """Search terms (words, never FTS syntax) and filters; None means no filter."""

    q: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    event_type: str | None = None
    claim_status: str | None = None


def query_entity(conn: sqlite3.Connection, entity_id: str) -> Entity | None:
    row = conn.execute("SELECT record FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return codec.decode(row[0], Entity, source="entities") if row else None


def query_sentences(conn: sqlite3.Connection, article_id: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of an article, in order."""
    rows = conn.execute(
        'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (article_id,)
    ).fetchall()
    return [(int(r[0]), int(r[1])) for r in rows]


def query_entity_mention_dates(conn: sqlite3.Connection, entity_id: str) -> list[tuple[str | None, int]]:
    """(article date or None, mentions in that article) for every article mentioning the entity."""
    rows = conn.execute(
        "SELECT COALESCE(a.published_at, a.fetched_at), COUNT(*) FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? GROUP BY a.id",
        (entity_id,),
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def query_article_dates(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str | None, str]]:
    """For each id: (published or fetched time, outlet or source or '')."""
    found: dict[str, tuple[str | None, str]] = {}
    for article_id in set(ids):
        row = conn.execute(
            "SELECT COALESCE(a.published_at, a.fetched_at), COALESCE(a.outlet, a.source, '') "
            "FROM articles a WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is not None:
            found[article_id] = (row[0], str(row[1]))
    return found


def query_filtered_articles(
    conn: sqlite3.Connection, filters: SearchFilters, *, limit: int, offset: int
) -> tuple[list[tuple[Article, str | None]], int]:
    """Articles matching the filters (by relevance with words, else newest first), with snippets.

    Returns the page of (article, snippet) and the total number of matches.
    """
    joins, clauses, params = _where(filters)
    base = f"FROM articles a {joins} WHERE {' AND '.join(clauses) or '1 = 1'}"
    total = int(conn.execute(f"SELECT COUNT(*) {base}", params).fetchone()[0])
    if filters.q and "articles_fts" in joins:
        select = f"SELECT a.record, snippet(articles_fts, 2, '{MARK_START}', '{MARK_END}', '…', 12) "
        order = "ORDER BY bm25(articles_fts)"
    else:
        select, order = "SELECT a.record, NULL ", f"ORDER BY {_DATE} DESC, a.page_id, a.idx"
    rows = conn.execute(f"{select}{base} {order} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [(codec.decode(r[0], Article, source="articles"), r[1]) for r in rows], total


def _where(filters: SearchFilters) -> tuple[str, list[str], list[Any]]:
    joins = ""
    clauses: list[str] = []
    params: list[Any] = []
    match = fts_query(filters.q or "")
    if match:
        joins = "JOIN articles_fts ON articles_fts.article_id = a.id"
        clauses.append("articles_fts MATCH ?")
        params.append(match)
    simple = [
        ("a.outlet = ?", filters.outlet),
        (f"{_DATE} >= ?", filters.since),
        ("a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)", filters.entity),
        ("a.id IN (SELECT article_id FROM claims WHERE status = ?)", filters.claim_status),
    ]
    for clause, value in simple:
        if value:
            clauses.append(clause)
            params.append(value)
    if filters.until:  # a date prefix: '2025-04' keeps all of April
        clauses.append(f"substr({_DATE}, 1, length(?)) <= ?")
        params += [filters.until, filters.until]
    if filters.event_type:
        clauses.append("a.id IN (SELECT article_id FROM events WHERE type = ? OR subtype = ?)")
        params += [filters.event_type.upper(), filters.event_type]
    return joins, clauses, params
