"""The PostgreSQL store: the same public methods and semantics as SqliteStore, over psycopg 3.

Shares the plain migrations with SQLite and adds ``*.postgres.sql`` ones (tsvector search). Writes go
through ``store_batch`` only, one transaction per batch; reads never write.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg

from newsift import codec
from newsift.errors import StoreError
from newsift.model import (
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    Failure,
    Mention,
    Page,
    Quote,
    RawDocument,
    merge_entity,
)
from newsift.store import facts
from newsift.store.facts import DyadCount, FactFilters, FactPage
from newsift.store.sqlite import (
    SEARCH_RANKED,
    LinkRow,
    SearchHit,
    StoredBatch,
    _iso,
    _like_prefix,
    _migrations,
    _now,
    article_filters,
)
from newsift.store.terms import split_search_terms

__all__ = ["PostgresStore", "is_postgres_url"]

logger = logging.getLogger(__name__)
_DIALECT = facts.Dialect("postgres")
T = TypeVar("T")

# Any fixed 64-bit key: serialises concurrent migrations of one database.
_MIGRATION_LOCK = 0x6E657773
_SNIPPET = "StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…"
_C = 'COLLATE "C"'  # byte order, as SQLite sorts text
_ARTICLE_COLUMNS: tuple[str, ...] = ("id", "page_id", "position", "idx", "content_hash", "title")
_ARTICLE_COLUMNS += ("source", "outlet", "published_at", "fetched_at", "record", "language")


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class PostgresStore:
    """A newsift store in a PostgreSQL database named by a ``postgresql://`` URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = _redact(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True)
            self._migrate()
        except psycopg.Error as err:
            raise StoreError(f"{self.path}: cannot open store: {err}") from err

    # --- schema ---------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
            done = {row[0] for row in self._conn.execute("SELECT name FROM schema_migrations")}
            for name, sql in _migrations("postgres"):
                if name not in done:
                    self._conn.execute(sql.encode())
                    self._conn.execute("INSERT INTO schema_migrations VALUES (%s, %s)", (name, _now()))
                    logger.info("%s: applied migration %s", self.path, name)

    # --- writing --------------------------------------------------------------------------------

    def has_page(self, page_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM pages WHERE id = %s", (page_id,)).fetchone()
        return row is not None

    def store_batch(
        self,
        pages: Sequence[tuple[Page | RawDocument, Sequence[Article]]],
        analyses: dict[str, Analysis] | None = None,
    ) -> StoredBatch:
        """Store pages with their articles (and analyses) in one transaction; known pages are skipped.

        Raises:
            StoreError: the write failed; nothing of the batch is stored.
        """
        analyses = analyses or {}
        stored: list[Article] = []
        unchanged = 0
        try:
            with self._transaction() as cur:
                known = self._known_pages(cur, [raw.id for raw, _ in pages])
                new_pages = []
                for raw, articles in pages:
                    if raw.id in known:
                        unchanged += len(articles) or 1
                        continue
                    known.add(raw.id)
                    new_pages.append((raw, len(articles)))
                    stored.extend(articles)
                _insert_pages(cur, new_pages)
                _insert_articles(cur, stored)
                for article in stored:
                    if article.id in analyses:
                        self._insert_analysis(cur, analyses[article.id])
        except psycopg.Error as err:
            raise StoreError(f"{self.path}: batch not stored: {err}") from err
        ids = tuple(a.id for a in stored)
        return StoredBatch(n_stored=len(ids), n_unchanged=unchanged, article_ids=ids)

    def store_failures(self, run_id: str, failures: Iterable[Failure]) -> None:
        rows = [(run_id, f.item_id, f.stage, f.error_type, f.message, _now()) for f in failures]
        try:
            with self._transaction() as cur:
                cur.executemany("INSERT INTO failures VALUES (%s, %s, %s, %s, %s, %s)", rows)
        except psycopg.Error as err:
            raise StoreError(f"{self.path}: failures not stored: {err}") from err

    def replace_links(self, kind: str, rows: Iterable[LinkRow]) -> None:
        """Replace every link row of one kind (``story``, ``duplicate``, ``related``, ``tags``) at once."""
        values = [(kind, r.key, r.article_id, r.rank, r.record) for r in rows]
        try:
            with self._transaction() as cur:
                cur.execute("DELETE FROM links WHERE kind = %s", (kind,))
                cur.executemany("INSERT INTO links VALUES (%s, %s, %s, %s, %s)", values)
        except psycopg.Error as e:
            raise StoreError(f"{self.path}: {kind} links not stored: {e}") from e

    def query_links(
        self, kind: str, *, article_id: str | None = None, key: str | None = None
    ) -> list[LinkRow]:
        """Link rows of one kind, optionally of one article or one key, by rank then key."""
        sql, params = "SELECT key, article_id, rank, record FROM links WHERE kind = %s", [kind]
        if article_id is not None:
            sql, params = sql + " AND article_id = %s", [*params, article_id]
        if key is not None:
            sql, params = sql + " AND key = %s", [*params, key]
        rows = self._conn.execute(sql + " ORDER BY rank, key", params).fetchall()
        return [LinkRow(key=r[0], article_id=r[1], rank=r[2], record=r[3]) for r in rows]

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor[Any]]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    @staticmethod
    def _known_pages(cur: psycopg.Cursor[Any], page_ids: list[str]) -> set[str]:
        cur.execute("SELECT id FROM pages WHERE id = ANY(%s)", (page_ids,))
        return {row[0] for row in cur.fetchall()}

    def _insert_analysis(self, cur: psycopg.Cursor[Any], analysis: Analysis) -> None:
        annotated = analysis.annotated
        article_id = annotated.article.id
        _upsert(
            cur,
            "sentences",
            ("article_id", "idx", "start", '"end"'),
            2,
            [(article_id, s.index, s.start, s.end) for s in annotated.sentences],
        )
        _upsert(
            cur,
            "mentions",
            ("article_id", "start", '"end"', "entity_id", "label", "record"),
            3,
            [(article_id, m.start, m.end, m.entity_id, m.label, _json(m)) for m in annotated.mentions],
        )
        for entity in annotated.entities:
            self._upsert_entity(cur, entity)
        _upsert(
            cur,
            "quotes",
            ("id", "article_id", "speaker_id", "record"),
            1,
            [(q.id, article_id, q.speaker_id, _json(q)) for q in analysis.quotes],
        )
        for event in analysis.events:
            _insert_event(cur, article_id, event)
        _upsert(
            cur,
            "claims",
            ("id", "article_id", "status", "event_id", "record"),
            1,
            [(c.id, article_id, str(c.status), c.event_id, _json(c)) for c in analysis.claims],
        )

    @staticmethod
    def _upsert_entity(cur: psycopg.Cursor[Any], entity: Entity) -> None:
        row = cur.execute("SELECT record FROM entities WHERE id = %s", (entity.id,)).fetchone()
        if row is not None:
            entity = merge_entity(codec.decode(row[0], Entity), entity)
        row_values = (entity.id, str(entity.kind), entity.name, entity.country, _json(entity))
        _upsert(cur, "entities", ("id", "kind", "name", "country", "record"), 1, [row_values])

    # --- reading --------------------------------------------------------------------------------

    def query_articles(
        self, *, limit: int = 50, offset: int = 0, outlet: str | None = None, language: str | None = None
    ) -> list[Article]:
        where, params = article_filters(outlet=outlet, language=language, mark="%s")
        sql = f"SELECT record FROM articles{where}"  # nosec B608  # column names from code, values bound
        sql += (
            f" ORDER BY COALESCE(published_at, fetched_at) {_C} DESC NULLS LAST, page_id {_C}, idx"
            " LIMIT %s OFFSET %s"
        )
        params += [limit, offset]
        return self._records(sql, params, Article)

    def count_articles(self) -> int:
        row = self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        return int(row[0]) if row else 0

    def get_article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 4 characters."""
        rows = self._records("SELECT record FROM articles WHERE id = %s", [article_id], Article)
        if not rows and len(article_id) >= 4:
            rows = self._records(
                "SELECT record FROM articles WHERE id LIKE %s ESCAPE '\\' LIMIT 2",
                [_like_prefix(article_id)],
                Article,
            )
        return rows[0] if len(rows) == 1 else None

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search; the query is treated as words (each term a phrase), never as syntax.

        Ranks (``ts_rank_cd``) at most ``SEARCH_RANKED`` matches, so a word found in most articles costs
        what a typical query does; a query with fewer matches is ranked over all of them.
        """
        groups = split_search_terms(query)
        if not groups:
            return []
        phrases = [p for group in groups for p in group]
        tsquery = " && ".join(
            "(" + " || ".join(["phraseto_tsquery('english', %s)"] * len(group)) + ")" for group in groups
        )
        rows = self._conn.execute(
            f"WITH q AS (SELECT {tsquery} AS query), "  # nosec B608  # constant fragments; words are bound
            "m AS (SELECT s.article_id, s.body, s.tsv FROM q, articles_search s "
            "WHERE numnode(q.query) > 0 AND s.tsv @@ q.query LIMIT %s) "
            "SELECT a.record, ts_headline('english', m.body, q.query, %s), "
            "-ts_rank_cd(m.tsv, q.query) AS rank "
            "FROM q, m JOIN articles a ON a.id = m.article_id "
            f"ORDER BY rank, a.id {_C} LIMIT %s",
            [*phrases, SEARCH_RANKED, _SNIPPET, limit],
        ).fetchall()
        return [SearchHit(article=codec.decode(r[0], Article), snippet=r[1], rank=float(r[2])) for r in rows]

    def query_entities(self, *, kind: str | None = None, limit: int = 200) -> list[tuple[Entity, int]]:
        sql = (
            "SELECT e.record, COUNT(m.entity_id) AS n FROM entities e "
            "LEFT JOIN mentions m ON m.entity_id = e.id"
        )
        params: list[Any] = []
        if kind:
            sql += " WHERE e.kind = %s"
            params.append(kind)
        sql += f" GROUP BY e.id ORDER BY n DESC, e.name {_C} LIMIT %s"
        params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [(codec.decode(r[0], Entity), int(r[1])) for r in rows]

    def query_mentions(self, article_id: str) -> list[Mention]:
        return self._records(
            "SELECT record FROM mentions WHERE article_id = %s ORDER BY start", [article_id], Mention
        )

    def query_articles_mentioning(self, entity_id: str) -> set[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT article_id FROM mentions WHERE entity_id = %s", (entity_id,)
        )
        return {row[0] for row in rows}

    def query_quotes(self, *, article_id: str | None = None, speaker: str | None = None) -> list[Quote]:
        sql, params = "SELECT record FROM quotes", []
        if article_id:
            sql, params = sql + " WHERE article_id = %s", [article_id]
        quotes = self._records(sql + f" ORDER BY article_id {_C}, id {_C}", params, Quote)
        if speaker:
            wanted = speaker.casefold()
            quotes = [
                q
                for q in quotes
                if wanted in (q.speaker_id or "").casefold() or wanted in (q.speaker_text or "").casefold()
            ]
        return sorted(quotes, key=lambda q: (q.article_id, q.start))

    def query_events(
        self,
        *,
        article_id: str | None = None,
        type_: str | None = None,
        subtype: str | None = None,
        actor: str | None = None,
    ) -> list[Event]:
        clauses, params = [], []
        for column, value in (("article_id", article_id), ("type", type_), ("subtype", subtype)):
            if value:
                clauses.append(f"{column} = %s")
                params.append(value)
        if actor:
            clauses.append("id IN (SELECT event_id FROM event_actors WHERE code = %s OR entity_id = %s)")
            params += [actor, actor]
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT record FROM events{where} ORDER BY article_id {_C}, id {_C}"  # nosec B608  # constant fragments
        return self._records(sql, params, Event)

    def query_claims(self, *, article_id: str | None = None, status: str | None = None) -> list[Claim]:
        clauses, params = [], []
        if article_id:
            clauses.append("article_id = %s")
            params.append(article_id)
        if status:
            clauses.append("status = %s")
            params.append(status)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT record FROM claims{where} ORDER BY article_id {_C}, id {_C}"  # nosec B608  # constant fragments
        return self._records(sql, params, Claim)

    def query_fact_page(
        self,
        kind: str,
        filters: FactFilters,
        *,
        sort: str = "-event_time",
        limit: int = 50,
        offset: int = 0,
        facets: bool = True,
    ) -> FactPage:
        """Claims, events or quotes matching ``filters``: a page, the total and facet counts."""
        return facts.query_fact_page(
            self._fetch, _DIALECT, kind, filters, sort=sort, limit=limit, offset=offset, facets=facets
        )

    def query_top_dyads(self, *, limit: int = 30) -> list[DyadCount]:
        """The pairs of actors with the most events between them."""
        return facts.query_top_dyads(self._fetch, _DIALECT, limit=limit)

    def query_counterparts(self, actor: str, *, limit: int = 30) -> list[DyadCount]:
        """The actors sharing the most events with ``actor``."""
        return facts.query_counterparts(self._fetch, _DIALECT, actor, limit=limit)

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._conn.execute(sql, params).fetchall()]

    def _records(self, sql: str, params: Sequence[Any], type_: type[T]) -> list[T]:
        return [codec.decode(row[0], type_) for row in self._conn.execute(sql, params)]

    def close(self) -> None:
        self._conn.close()


def _insert_pages(cur: psycopg.Cursor[Any], pages: list[tuple[Page | RawDocument, int]]) -> None:
    rows = [
        (raw.id, _text(raw.uri), str(raw.content_type), _iso(raw.fetched_at), n, _now()) for raw, n in pages
    ]
    cur.executemany("INSERT INTO pages VALUES (%s, %s, %s, %s, %s, %s)", rows)


def _insert_articles(cur: psycopg.Cursor[Any], articles: list[Article]) -> None:
    columns = _ARTICLE_COLUMNS
    rows = [
        (
            a.id,
            a.page_id,
            str(a.position),
            a.index,
            a.content_hash,
            _text(a.title),
            _text(a.source),
            _text(a.outlet),
            _iso(a.published_at),
            _iso(a.fetched_at),
            _json(a),
            a.language,
        )
        for a in articles
    ]
    _upsert(cur, "articles", columns, 1, rows)
    search_rows = [
        (a.id, _text(a.title), _text("\n\n".join(p for p in (a.standfirst, a.body) if p))) for a in articles
    ]
    _upsert(cur, "articles_search", ("article_id", "title", "body"), 1, search_rows)


def _insert_event(cur: psycopg.Cursor[Any], article_id: str, event: Event) -> None:
    columns = ("id", "article_id", "type", "subtype", "status", "year", "record")
    row = (
        event.id,
        article_id,
        str(event.type),
        event.subtype,
        str(event.status),
        event.year,
        _json(event),
    )
    _upsert(cur, "events", columns, 1, [row])
    cur.execute("DELETE FROM event_actors WHERE event_id = %s", (event.id,))
    actors = [
        (event.id, role, a.code, a.id)
        for role, group in (
            ("source", event.source),
            ("target", event.target),
            ("participant", event.participants),
        )
        for a in group
    ]
    cur.executemany("INSERT INTO event_actors VALUES (%s, %s, %s, %s)", actors)


def _upsert(
    cur: psycopg.Cursor[Any],
    table: str,
    columns: tuple[str, ...],
    n_keys: int,
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """INSERT OR REPLACE, PostgreSQL style: the first ``n_keys`` columns are the conflict target."""
    if not rows:
        return
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[n_keys:])
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "  # nosec B608  # names from code
        f"ON CONFLICT ({', '.join(columns[:n_keys])}) DO UPDATE SET {updates}"
    )
    cur.executemany(sql, rows)


def _json(record: object) -> str:
    return codec.encode(record).decode()


def _text(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL; the JSON record keeps the exact value (escaped)."""
    return value.replace("\x00", "") if value else value


def _redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, credentials = head.partition("//")
    return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"
