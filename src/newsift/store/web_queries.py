"""The web's read queries beyond the Store protocol: one entity, an article's sentences, mention dates
and the filtered, paged article search. Nothing here writes.

Portable SQL with ``?`` placeholders; the full-text part of a search comes from the store
(``text_match``: FTS5 on SQLite, tsvector on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsift import codec
from newsift.model import Article, Entity
from newsift.store.facts import keyset_clause

if TYPE_CHECKING:
    from newsift.store.sql import SqlStore

__all__ = ["MARK_END", "MARK_START", "ArticlePage", "EntityPage", "SearchFilters", "WebQueries"]

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


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePage:
    """A page of (article, snippet); ``last_keys`` are its last row's sort keys when more rows follow."""

    hits: list[tuple[Article, str | None]]
    total: int
    last_keys: list[Any] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityPage:
    """A page of (entity, mentions), most mentioned first; ``last_keys`` are its last row's sort keys
    (mentions, name, id) when more rows follow."""

    rows: list[tuple[Entity, int]]
    last_keys: list[Any] | None = None


class WebQueries:
    """The web's reads over one store."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    @property
    def rank_is_local(self) -> bool:
        """Whether a search's relevance rank of an article stays the same when other articles are added."""
        return self._store.text_rank_is_local

    def article_sort(self, filters: SearchFilters, *, by_date: bool = False) -> str:
        """The order of ``filtered_page``: ``relevance`` when the words make a text query, else ``date``."""
        ranked = not by_date and self._store.text_match(filters.q or "", MARK_START, MARK_END) is not None
        return "relevance" if ranked else "date"

    def change_stamp(self) -> str:
        """A short text that changes whenever articles are stored (mention counts and ranks can then
        change): the number of pages, as pages are only ever added and every write of articles adds one."""
        return str(int(self._store._fetch("SELECT COUNT(*) FROM pages")[0][0]))

    def entity_page(
        self, *, kind: str | None, limit: int, offset: int = 0, after: Sequence[Any] | None = None
    ) -> EntityPage:
        """Entities by mention count (most first, then by name and id), ``limit`` of them from ``offset``,
        after the row whose sort keys are ``after`` (keyset paging).

        Raises:
            ValueError: ``after`` is not (mentions, name, id).
        """
        count, c = "COUNT(m.entity_id)", self._store.dialect.collate
        keys = [(count, True), (f"e.name{c}", False), (f"e.id{c}", False)]
        where, params = ("WHERE e.kind = ?", [kind]) if kind else ("", [])
        having, values = "", list[Any]()
        if after is not None:
            shape = [type(v) for v in after]
            if shape != [int, str, str]:
                raise ValueError(f"after: (mentions, name, id) expected, got {list(after)!r}")
            clause, values = keyset_clause(keys, after)
            having = f"HAVING {clause}"
        order = "ORDER BY " + ", ".join(f"{k} {'DESC' if desc else 'ASC'}" for k, desc in keys)
        sql = (
            f"SELECT e.record, {count}, e.name, e.id "
            f"FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id {where} "
            f"GROUP BY e.id, e.name, e.record {having} {order} LIMIT ? OFFSET ?"
        )
        rows = self._store._fetch(sql, [*params, *values, limit + 1, offset])
        found = [(codec.decode(r[0], Entity, source="entities"), int(r[1])) for r in rows[:limit]]
        last = [int(rows[limit - 1][1]), *rows[limit - 1][2:]] if len(rows) > limit and limit > 0 else None
        return EntityPage(rows=found, last_keys=last)

    def entity(self, entity_id: str) -> Entity | None:
        rows = self._store._fetch("SELECT record FROM entities WHERE id = ?", [entity_id])
        return codec.decode(rows[0][0], Entity, source="entities") if rows else None

    def sentences(self, article_id: str) -> list[tuple[int, int]]:
        """The (start, end) of each sentence of an article, in order."""
        rows = self._store._fetch(
            'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', [article_id]
        )
        return [(int(r[0]), int(r[1])) for r in rows]

    def entity_mention_dates(self, entity_id: str) -> list[tuple[str | None, int]]:
        """(article date or None, mentions in that article) for every article mentioning the entity."""
        rows = self._store._fetch(
            f"SELECT {_DATE}, COUNT(*) FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? GROUP BY a.id",
            [entity_id],
        )
        return [(r[0], int(r[1])) for r in rows]

    def filtered_articles(
        self, filters: SearchFilters, *, limit: int, offset: int
    ) -> tuple[list[tuple[Article, str | None]], int]:
        """Articles matching the filters (by relevance with words, else newest first), with snippets.

        Returns the page of (article, snippet) and the total number of matches.
        """
        page = self.filtered_page(filters, limit=limit, offset=offset)
        return page.hits, page.total

    def filtered_page(
        self,
        filters: SearchFilters,
        *,
        limit: int,
        offset: int = 0,
        after: Sequence[Any] | None = None,
        by_date: bool = False,
    ) -> ArticlePage:
        """A page of the articles matching the filters (by relevance with words, else newest first), with
        snippets, the total, and the sort keys of its last row when more follow.

        Args:
            filters: what to keep.
            limit: most rows.
            offset: rows to skip (after ``after`` when given).
            after: the ``last_keys`` of the page before (keyset paging).
            by_date: newest first even with words.

        Raises:
            ValueError: ``after`` does not have one value per sort key.
        """
        c = self._store.dialect.collate
        base, params, match = self._matching(filters)
        base = base.replace("{facet_join}", "")
        keys = [(f"COALESCE({_DATE}, ''){c}", True), (f"a.page_id{c}", False), ("a.idx", False)]
        snippet = "NULL"
        if match is not None:
            snippet = match[0]
            keys = keys if by_date else [(match[1], False), (f"a.id{c}", False)]
        total = int(self._store._fetch_counts(f"SELECT COUNT(*) {base}", params)[0][0])
        page_base, page_params = base, list(params)
        if after is not None:
            if len(after) != len(keys):
                raise ValueError(f"after: {len(keys)} sort keys expected, got {len(after)}")
            clause, values = keyset_clause(keys, after)
            page_base, page_params = f"{base} AND {clause}", [*params, *values]
        order = "ORDER BY " + ", ".join(f"{k} {'DESC' if desc else 'ASC'}" for k, desc in keys)
        exprs = ", ".join(k for k, _ in keys)
        sql = f"SELECT a.record, {snippet}, {exprs} {page_base} {order} LIMIT ? OFFSET ?"
        rows = self._store._fetch(sql, [*page_params, limit + 1, offset])
        hits = [(codec.decode(r[0], Article, source="articles"), r[1]) for r in rows[:limit]]
        last = list(rows[limit - 1][2:]) if len(rows) > limit and limit > 0 else None
        return ArticlePage(hits=hits, total=total, last_keys=last)

    def _matching(self, filters: SearchFilters) -> tuple[str, list[Any], tuple[str, str] | None]:
        """FROM and WHERE of the articles matching ``filters`` (with a ``{facet_join}`` slot), their
        parameters, and (with words) the snippet and rank expressions."""
        match = self._store.text_match(filters.q or "", MARK_START, MARK_END)
        joins, params = "", list[Any]()
        clauses, values = _where(filters)
        ranked = None
        if match is not None:
            joins, clause, params, snippet, rank = match
            clauses.insert(0, clause)
            ranked = (snippet, rank)
        base = f"FROM articles a {joins} {{facet_join}} WHERE {' AND '.join(clauses) or '1 = 1'}"
        return base, [*params, *values], ranked

    def search_facets(self, filters: SearchFilters) -> dict[str, list[tuple[str, int]]]:
        """Counts of the matching articles by outlet, event type, claim status and month (report date),
        the most frequent values first (months newest first)."""
        base, params, _ = self._matching(filters)
        found: dict[str, list[tuple[str, int]]] = {}
        for name, (join, expr, order) in _SEARCH_FACETS.items():
            joined = base.replace("{facet_join}", join)
            sql = (
                f"SELECT {expr}, COUNT(DISTINCT a.id) {joined} "
                f"AND {expr} IS NOT NULL GROUP BY {expr} ORDER BY {order} LIMIT {_FACET_VALUES}"
            )
            found[name] = [(str(r[0]), int(r[1])) for r in self._store._fetch_counts(sql, params)]
        return found


_FACET_VALUES = 30
# facet: (join, grouped expression, order)
_SEARCH_FACETS = {
    "outlet": ("", "a.outlet", "2 DESC, 1"),
    "event_type": ("JOIN events fe ON fe.article_id = a.id", "fe.type", "2 DESC, 1"),
    "claim_status": ("JOIN claims fc ON fc.article_id = a.id", "fc.status", "2 DESC, 1"),
    "month": ("", f"substr({_DATE}, 1, 7)", "1 DESC"),
}


def _where(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
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
    return clauses, params
