"""The SQLite store: WAL mode, numbered migrations, FTS5, one transaction per batch.

The queries live in ``store/sql.py``, shared with PostgreSQL; here are only the connection, the
migrations, the write transaction (``BEGIN IMMEDIATE``) and the FTS5 index and search. Records are kept
whole as JSON next to the columns used for filtering, so a record round-trips exactly.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsift import codec
from newsift.errors import StoreError
from newsift.model import Article
from newsift.store.dialect import SQLITE
from newsift.store.records import SEARCH_RANKED, LinkRow, SearchHit, StoredBatch, migrations, now
from newsift.store.sql import SqlStore, Tx, Writer
from newsift.store.terms import split_search_terms

__all__ = [
    "SEARCH_RANKED",
    "LinkRow",
    "SearchHit",
    "SqliteStore",
    "StoredBatch",
    "fts_query",
    "refresh_statistics",
]

logger = logging.getLogger(__name__)

_BUSY_TIMEOUT_S = 60.0
# The content mark: each maximum its own subquery, so each is one index lookup (one query holding both
# would scan the table).
_MARK = "SELECT COALESCE((SELECT MAX(rowid) FROM pages), 0), (SELECT MAX(stored_at) FROM pages)"


class SqliteStore(SqlStore):
    """A newsift store in one SQLite file (``:memory:`` works for tests).

    Args:
        path: the database file.
        writer: the writer of another store of the same file, so that this process's writes share one
            connection (the web server's threads); by default the store writes on its own connection.
    """

    dialect = SQLITE
    errors = (sqlite3.Error,)
    _kept_mark: tuple[int, tuple[int, str | None]] | None = None  # (data_version, the mark read then)

    def __init__(self, path: str | Path, *, writer: Writer | None = None) -> None:
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
        self._writer = writer or Writer(self._transaction)

    # --- schema ---------------------------------------------------------------------------------

    def _migrate(self) -> None:
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        for name, sql in migrations("sqlite"):
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
            self._conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, now()))
            self._conn.commit()
        except sqlite3.Error:
            self._conn.rollback()
            if name not in self._applied():
                raise
            return
        logger.info("%s: applied migration %s", self.path, name)

    # --- what differs from PostgreSQL -----------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Tx]:
        """One write transaction holding SQLite's write lock from its start (BEGIN IMMEDIATE), so what
        it checks (is this page stored?) still holds when it writes, whatever other processes do."""
        self._kept_mark = None  # this connection's own commits leave its data_version as it was
        try:
            with self._conn:
                if not self._conn.in_transaction:
                    self._conn.execute("BEGIN IMMEDIATE")
                yield Tx(self._conn, SQLITE)
        finally:
            self._kept_mark = None  # nor is a mark read inside the transaction kept

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._conn.execute(sql, tuple(params)).fetchall()]

    def query_content_mark(self) -> tuple[int, str | None]:
        """As ``SqlStore.query_content_mark``, read again only when another connection (another thread's
        writer, another process) has committed since the last read (``PRAGMA data_version``) or this
        store wrote itself; the pragma reads nothing.

        Read again, the mark is the largest page rowid and the newest page's time, two index lookups:
        pages are never deleted, so every stored page takes a rowid above all others and the largest
        rowid changes exactly when the count does. Counting them scanned every page, after every commit
        of an ingest (its batches and link writes), on each thread: 1 ms at 5,000 pages, growing with
        the store (issue 22, D19)."""
        version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        kept = self._kept_mark
        if kept is not None and kept[0] == version:
            return kept[1]
        last, newest = self._conn.execute(_MARK).fetchone()
        mark = (int(last), newest)
        self._kept_mark = (version, mark)
        return mark

    def _index_articles(self, tx: Tx, articles: Sequence[Article], replaced: set[str]) -> None:
        latest = {a.id: a for a in articles}  # an id stored twice in one batch: its last version
        # an FTS5 delete scans the whole index: only pay it for a real replacement
        tx.executemany(
            "DELETE FROM articles_fts WHERE article_id = ?", [(i,) for i in latest if i in replaced]
        )
        rows = [(a.id, a.title, "\n\n".join(p for p in (a.standfirst, a.body) if p)) for a in latest.values()]
        tx.executemany("INSERT INTO articles_fts (article_id, title, body) VALUES (?, ?, ?)", rows)

    def text_match(self, query: str, start: str, end: str) -> tuple[str, str, list[Any], str, str] | None:
        """The web search's full-text part: (join, clause, params, snippet, order), or None without words.

        ``start`` and ``end`` mark each hit in the snippet.
        """
        match = fts_query(query)
        if not match:
            return None
        snippet = f"snippet(articles_fts, 2, '{start}', '{end}', '…', 12)"
        join = "JOIN articles_fts ON articles_fts.article_id = a.id"
        return join, "articles_fts MATCH ?", [match], snippet, "bm25(articles_fts)"

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

    def settle(self) -> None:
        """Checkpoint the write-ahead log into the database file and truncate it."""
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def disk_bytes(self) -> int:
        """The database file with its write-ahead log and shared-memory index (0 for ``:memory:``)."""
        if self.path == ":memory:":
            return 0
        files = (Path(self.path + suffix) for suffix in ("", "-wal", "-shm", "-journal"))
        return sum(f.stat().st_size for f in files if f.exists())

    def close(self) -> None:
        self._conn.close()


def refresh_statistics(tx: Tx, limit: int) -> None:
    """SQLite's planner statistics, sampled over at most ``limit`` rows per index."""
    tx.execute(f"PRAGMA analysis_limit = {int(limit)}", [])
    tx.execute("ANALYZE", [])


def fts_query(query: str) -> str:
    """FTS5 MATCH text: each term a quoted phrase of its word parts ("F-16" → "F 16"), a designator any of
    its spellings (``("f 16" OR "f16" OR "f 16s" OR "f16s")``), diacritics folded; never FTS syntax."""
    groups = []
    for phrases in split_search_terms(query):
        quoted = [f'"{p}"' for p in phrases]
        groups.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(groups)
