"""The PostgreSQL store: the same public methods and semantics as SqliteStore, over psycopg 3.

The queries live in ``store/sql.py``, shared with SQLite; here are only the connection, the migrations
(the plain ones plus ``*.postgres.sql``), the write transaction and the tsvector index and search.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from newsift import codec
from newsift.errors import StoreError
from newsift.model import Article
from newsift.store.dialect import POSTGRES
from newsift.store.records import SEARCH_RANKED, SearchHit, migrations, now
from newsift.store.sql import SqlStore, Tx, Writer
from newsift.store.terms import split_search_terms

__all__ = ["PostgresStore", "is_postgres_url"]

logger = logging.getLogger(__name__)

# Any fixed 64-bit key: serialises concurrent migrations of one database.
_MIGRATION_LOCK = 0x6E657773
_SNIPPET = "MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…"
_C = POSTGRES.collate


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class PostgresStore(SqlStore):
    """A newsift store in a PostgreSQL database named by a ``postgresql://`` URL.

    Args:
        url: the database.
        writer: the writer of another store of the same database, so that this process's writes share
            one connection (the web server's threads); by default the store writes on its own connection.
    """

    dialect = POSTGRES
    errors = (psycopg.Error,)

    def __init__(self, url: str, *, writer: Writer | None = None) -> None:
        self.url = url
        self.path = _redact(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True)
            self._migrate()
        except psycopg.Error as err:
            raise StoreError(f"{self.path}: cannot open store: {err}") from err
        self._writer = writer or Writer(self._transaction)

    # --- schema ---------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
            done = {row[0] for row in self._conn.execute("SELECT name FROM schema_migrations")}
            for name, sql in migrations("postgres"):
                if name not in done:
                    self._conn.execute(sql.encode())
                    self._conn.execute("INSERT INTO schema_migrations VALUES (%s, %s)", (name, now()))
                    logger.info("%s: applied migration %s", self.path, name)

    # --- what differs from SQLite ---------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Tx]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield Tx(cur, POSTGRES)

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._conn.execute(POSTGRES.sql(sql), tuple(params)).fetchall()]

    def _index_articles(self, tx: Tx, articles: Sequence[Article], replaced: set[str]) -> None:
        text = POSTGRES.text
        rows = [
            (a.id, text(a.title), text("\n\n".join(p for p in (a.standfirst, a.body) if p))) for a in articles
        ]
        tx.executemany(POSTGRES.upsert("articles_search", ("article_id", "title", "body"), 1), rows)

    text_rank_is_local = True  # ts_rank_cd reads the article's own vector only

    def text_match(self, query: str, start: str, end: str) -> tuple[str, str, list[Any], str, str] | None:
        """The web search's full-text part: (join, clause, params, snippet, order), or None without words.

        ``start`` and ``end`` mark each hit in the snippet.
        """
        groups = split_search_terms(query)
        if not groups:
            return None
        join = (
            f"JOIN articles_search s ON s.article_id = a.id CROSS JOIN (SELECT {_tsquery(groups)} AS query, "
            "CAST(? AS TEXT) AS options) q"
        )
        params = [*(p for group in groups for p in group), f'StartSel="{start}", StopSel="{end}", {_SNIPPET}']
        snippet = "ts_headline('english', s.body, q.query, q.options)"
        # The best first, as bm25 on SQLite (the caller breaks ties); double precision, so that the value
        # read back for a keyset cursor compares equal to the one computed (real prints rounded).
        order = "-CAST(ts_rank_cd(s.tsv, q.query) AS double precision)"
        return join, "numnode(q.query) > 0 AND s.tsv @@ q.query", params, snippet, order

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search; the query is treated as words (each term a phrase), never as syntax.

        Ranks (``ts_rank_cd``) at most ``SEARCH_RANKED`` matches, so a word found in most articles costs
        what a typical query does; a query with fewer matches is ranked over all of them.
        """
        groups = split_search_terms(query)
        if not groups:
            return []
        phrases = [p for group in groups for p in group]
        rows = self._fetch(
            f"WITH q AS (SELECT {_tsquery(groups)} AS query), "  # nosec B608  # constant fragments; words are bound
            "m AS (SELECT s.article_id, s.body, s.tsv FROM q, articles_search s "
            "WHERE numnode(q.query) > 0 AND s.tsv @@ q.query LIMIT ?) "
            "SELECT a.record, ts_headline('english', m.body, q.query, ?), "
            "-ts_rank_cd(m.tsv, q.query) AS rank "
            "FROM q, m JOIN articles a ON a.id = m.article_id "
            f"ORDER BY rank, a.id {_C} LIMIT ?",
            [*phrases, SEARCH_RANKED, f"StartSel=[, StopSel=], {_SNIPPET}", limit],
        )
        return [SearchHit(article=codec.decode(r[0], Article), snippet=r[1], rank=float(r[2])) for r in rows]

    def settle(self) -> None:
        """Vacuum and analyse: what autovacuum does soon after a bulk load."""
        self._conn.execute("VACUUM ANALYZE")

    def disk_bytes(self) -> int:
        """The size of the whole database (``pg_database_size``)."""
        rows = self._fetch("SELECT pg_database_size(current_database())")
        return int(rows[0][0])

    def close(self) -> None:
        self._conn.close()


def _tsquery(groups: Sequence[tuple[str, ...]]) -> str:
    """Every group required, any phrase of a group enough: one bound phrase per ``?``."""
    return " && ".join(
        "(" + " || ".join(["phraseto_tsquery('english', ?)"] * len(group)) + ")" for group in groups
    )


def _redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, credentials = head.partition("//")
    return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"
