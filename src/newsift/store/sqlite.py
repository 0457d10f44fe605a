"""The SQLite store: WAL mode, numbered migrations, FTS5, one transaction per batch.

Writes go through ``store_batch`` only; reads never write. Records are kept whole as JSON next to the
columns used for filtering, so a record round-trips exactly.
"""

from __future__ import annotations

import importlib.resources
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

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
from newsift.store.terms import split_search_terms

__all__ = ["SearchHit", "SqliteStore", "StoredBatch"]

logger = logging.getLogger(__name__)
_DIALECT = facts.Dialect("sqlite")
T = TypeVar("T")

# Matches ranked per search (the most recently stored ones): all of them for a typical query, a bounded
# cost for a word found in most articles (ranking 200,000 matches took 0.2 to 0.6 s).
SEARCH_RANKED = 5_000


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredBatch:
    n_stored: int
    n_unchanged: int
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkRow:
    """One stored link-stage record: its JSON, its key (unique per kind) and its article, if any."""

    key: str
    record: str
    article_id: str | None = None
    rank: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    article: Article
    snippet: str
    rank: float


_BUSY_TIMEOUT_S = 60.0


class SqliteStore:
    """A newsift store in one SQLite file (``:memory:`` works for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # another process's write transaction (a concurrent ingest) is waited for, not an error
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=_BUSY_TIMEOUT_S)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot open store: {err}") from err

    # --- schema ---------------------------------------------------------------------------------

    def _migrate(self) -> None:
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        for name, sql in _migrations("sqlite"):
            if name not in self._applied():
                self._apply(name, sql)

    def _applied(self) -> set[str]:
        return {row[0] for row in self._conn.execute("SELECT name FROM schema_migrations")}

    def _apply(self, name: str, sql: str) -> None:
        """One migration in one write transaction. A process opening the store at the same moment waits
        at BEGIN IMMEDIATE, then fails on the tables just made: it finds the migration applied and goes on.
        """
        try:
            self._conn.executescript("BEGIN IMMEDIATE;\n" + sql)
            self._conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, _now()))
            self._conn.commit()
        except sqlite3.Error:
            self._conn.rollback()
            if name not in self._applied():
                raise
            return
        logger.info("%s: applied migration %s", self.path, name)

    # --- writing --------------------------------------------------------------------------------

    def has_page(self, page_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM pages WHERE id = ?", (page_id,)).fetchone()
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
        stored: list[str] = []
        unchanged = 0
        try:
            with self._transaction() as conn:
                for raw, articles in pages:
                    if self._page_exists(conn, raw.id):
                        unchanged += len(articles) or 1
                        continue
                    self._insert_page(conn, raw, len(articles))
                    for article in articles:
                        self._insert_article(conn, article)
                        if article.id in analyses:
                            self._insert_analysis(conn, analyses[article.id])
                        stored.append(article.id)
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: batch not stored: {err}") from err
        return StoredBatch(n_stored=len(stored), n_unchanged=unchanged, article_ids=tuple(stored))

    def store_failures(self, run_id: str, failures: Iterable[Failure]) -> None:
        rows = [(run_id, f.item_id, f.stage, f.error_type, f.message, _now()) for f in failures]
        try:
            with self._transaction() as conn:
                conn.executemany("INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: failures not stored: {err}") from err

    def replace_links(self, kind: str, rows: Iterable[LinkRow]) -> None:
        """Replace every link row of one kind (``story``, ``duplicate``, ``related``, ``tags``) at once."""
        values = [(kind, r.key, r.article_id, r.rank, r.record) for r in rows]
        try:
            with self._transaction() as conn:
                conn.execute("DELETE FROM links WHERE kind = ?", (kind,))
                conn.executemany("INSERT INTO links VALUES (?, ?, ?, ?, ?)", values)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: {kind} links not stored: {e}") from e

    def query_links(
        self, kind: str, *, article_id: str | None = None, key: str | None = None
    ) -> list[LinkRow]:
        """Link rows of one kind, optionally of one article or one key, by rank then key."""
        sql, params = "SELECT key, article_id, rank, record FROM links WHERE kind = ?", [kind]
        if article_id is not None:
            sql, params = sql + " AND article_id = ?", [*params, article_id]
        if key is not None:
            sql, params = sql + " AND key = ?", [*params, key]
        rows = self._conn.execute(sql + " ORDER BY rank, key", params).fetchall()
        return [LinkRow(key=r[0], article_id=r[1], rank=r[2], record=r[3]) for r in rows]

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding SQLite's write lock from its start (BEGIN IMMEDIATE), so what
        it checks (is this page stored?) still holds when it writes, whatever other processes do."""
        with self._conn:
            if not self._conn.in_transaction:
                self._conn.execute("BEGIN IMMEDIATE")
            yield self._conn

    @staticmethod
    def _page_exists(conn: sqlite3.Connection, page_id: str) -> bool:
        return conn.execute("SELECT 1 FROM pages WHERE id = ?", (page_id,)).fetchone() is not None

    @staticmethod
    def _insert_page(conn: sqlite3.Connection, raw: Page | RawDocument, n_articles: int) -> None:
        conn.execute(
            "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?)",
            (raw.id, raw.uri, str(raw.content_type), _iso(raw.fetched_at), n_articles, _now()),
        )

    @staticmethod
    def _insert_article(conn: sqlite3.Connection, article: Article) -> None:
        existed = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone() is not None
        conn.execute(
            "INSERT OR REPLACE INTO articles (id, page_id, position, idx, content_hash, title, source,"
            " outlet, published_at, fetched_at, record, language)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.page_id,
                str(article.position),
                article.index,
                article.content_hash,
                article.title,
                article.source,
                article.outlet,
                _iso(article.published_at),
                _iso(article.fetched_at),
                codec.encode(article).decode(),
                article.language,
            ),
        )
        if existed:  # an FTS5 delete scans the whole index: only pay it for a real replacement
            conn.execute("DELETE FROM articles_fts WHERE article_id = ?", (article.id,))
        conn.execute(
            "INSERT INTO articles_fts (article_id, title, body) VALUES (?, ?, ?)",
            (
                article.id,
                article.title,
                "\n\n".join(p for p in (article.standfirst, article.body) if p),
            ),
        )

    def _insert_analysis(self, conn: sqlite3.Connection, analysis: Analysis) -> None:
        annotated = analysis.annotated
        article_id = annotated.article.id
        conn.executemany(
            "INSERT OR REPLACE INTO sentences VALUES (?, ?, ?, ?)",
            [(article_id, s.index, s.start, s.end) for s in annotated.sentences],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
            [
                (article_id, m.start, m.end, m.entity_id, m.label, codec.encode(m).decode())
                for m in annotated.mentions
            ],
        )
        for entity in annotated.entities:
            self._upsert_entity(conn, entity)
        conn.executemany(
            "INSERT OR REPLACE INTO quotes VALUES (?, ?, ?, ?)",
            [(q.id, article_id, q.speaker_id, codec.encode(q).decode()) for q in analysis.quotes],
        )
        for event in analysis.events:
            self._insert_event(conn, article_id, event)
        conn.executemany(
            "INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?)",
            [
                (c.id, article_id, str(c.status), c.event_id, codec.encode(c).decode())
                for c in analysis.claims
            ],
        )

    @staticmethod
    def _upsert_entity(conn: sqlite3.Connection, entity: Entity) -> None:
        row = conn.execute("SELECT record FROM entities WHERE id = ?", (entity.id,)).fetchone()
        if row is not None:
            entity = merge_entity(codec.decode(row[0], Entity), entity)
        conn.execute(
            "INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)",
            (
                entity.id,
                str(entity.kind),
                entity.name,
                entity.country,
                codec.encode(entity).decode(),
            ),
        )

    @staticmethod
    def _insert_event(conn: sqlite3.Connection, article_id: str, event: Event) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                article_id,
                str(event.type),
                event.subtype,
                str(event.status),
                event.year,
                codec.encode(event).decode(),
            ),
        )
        conn.execute("DELETE FROM event_actors WHERE event_id = ?", (event.id,))
        for role, actors in (
            ("source", event.source),
            ("target", event.target),
            ("participant", event.participants),
        ):
            conn.executemany(
                "INSERT INTO event_actors VALUES (?, ?, ?, ?)",
                [(event.id, role, a.code, a.id) for a in actors],
            )

    # --- reading --------------------------------------------------------------------------------

    def query_articles(
        self, *, limit: int = 50, offset: int = 0, outlet: str | None = None, language: str | None = None
    ) -> list[Article]:
        where, params = article_filters(outlet=outlet, language=language, mark="?")
        sql = f"SELECT record FROM articles{where}"  # nosec B608  # column names from code, values bound
        sql += " ORDER BY COALESCE(published_at, fetched_at) DESC, page_id, idx LIMIT ? OFFSET ?"
        params += [limit, offset]
        return self._records(sql, params, Article)

    def count_articles(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def get_article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 4 characters."""
        rows = self._records("SELECT record FROM articles WHERE id = ?", [article_id], Article)
        if not rows and len(article_id) >= 4:
            rows = self._records(
                "SELECT record FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                [_like_prefix(article_id)],
                Article,
            )
        return rows[0] if len(rows) == 1 else None

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search; the query is treated as words, never as FTS syntax.

        Ranks (bm25) the ``SEARCH_RANKED`` most recently stored matches, so a word found in most articles
        costs what a typical query does; a query with fewer matches is ranked over all of them. Snippets
        and records are read for the returned hits only.
        """
        match = fts_query(query)
        if not match:
            return []
        ranked = self._conn.execute(
            "SELECT rowid, rank FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT ?) ORDER BY rank LIMIT ?",
            (match, SEARCH_RANKED, limit),
        ).fetchall()
        hits = []
        for rowid, rank in ranked:
            row = self._conn.execute(
                "SELECT a.record, snippet(articles_fts, 2, '[', ']', '…', 12) "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
                "WHERE articles_fts MATCH ? AND articles_fts.rowid = ?",
                (match, rowid),
            ).fetchone()
            if row is not None:
                hits.append(
                    SearchHit(article=codec.decode(row[0], Article), snippet=row[1], rank=float(rank))
                )
        return hits

    def query_entities(self, *, kind: str | None = None, limit: int = 200) -> list[tuple[Entity, int]]:
        sql = (
            "SELECT e.record, COUNT(m.entity_id) AS n FROM entities e "
            "LEFT JOIN mentions m ON m.entity_id = e.id"
        )
        params: list[Any] = []
        if kind:
            sql += " WHERE e.kind = ?"
            params.append(kind)
        sql += " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?"
        params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [(codec.decode(r[0], Entity), int(r[1])) for r in rows]

    def query_mentions(self, article_id: str) -> list[Mention]:
        return self._records(
            "SELECT record FROM mentions WHERE article_id = ? ORDER BY start", [article_id], Mention
        )

    def query_articles_mentioning(self, entity_id: str) -> set[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?", (entity_id,)
        )
        return {row[0] for row in rows}

    def query_quotes(self, *, article_id: str | None = None, speaker: str | None = None) -> list[Quote]:
        sql, params = "SELECT record FROM quotes", []
        if article_id:
            sql, params = sql + " WHERE article_id = ?", [article_id]
        quotes = self._records(sql + " ORDER BY article_id, id", params, Quote)
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
                clauses.append(f"{column} = ?")
                params.append(value)
        if actor:
            clauses.append("id IN (SELECT event_id FROM event_actors WHERE code = ? OR entity_id = ?)")
            params += [actor, actor]
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT record FROM events{where} ORDER BY article_id, id"  # nosec B608  # constant fragments
        return self._records(sql, params, Event)

    def query_claims(self, *, article_id: str | None = None, status: str | None = None) -> list[Claim]:
        clauses, params = [], []
        if article_id:
            clauses.append("article_id = ?")
            params.append(article_id)
        if status:
            clauses.append("status = ?")
            params.append(status)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT record FROM claims{where} ORDER BY article_id, id"  # nosec B608  # constant fragments
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


def _migrations(dialect: str) -> list[tuple[str, str]]:
    folder = importlib.resources.files("newsift.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        parts = name.split(".")
        if len(parts) == 3 and parts[1] != dialect:
            continue
        found.append((name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def fts_query(query: str) -> str:
    """FTS5 MATCH text: each term a quoted phrase of its word parts ("F-16" → "F 16"), a designator any of
    its spellings (``("f 16" OR "f16" OR "f 16s" OR "f16s")``), diacritics folded; never FTS syntax."""
    groups = []
    for phrases in split_search_terms(query):
        quoted = [f'"{p}"' for p in phrases]
        groups.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(groups)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _now() -> str:
    return datetime.now(UTC).isoformat()


def article_filters(*, outlet: str | None, language: str | None, mark: str) -> tuple[str, list[Any]]:
    """The WHERE clause (with ``mark`` as the placeholder of the dialect) and values of an article listing."""
    clauses = [(column, value) for column, value in (("outlet", outlet), ("language", language)) if value]
    where = " AND ".join(f"{column} = {mark}" for column, _ in clauses)
    return (f" WHERE {where}" if where else ""), [value for _, value in clauses]


def _like_prefix(text: str) -> str:
    """A LIKE pattern (``ESCAPE '\\'``) for what starts with ``text``, its wildcards taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
