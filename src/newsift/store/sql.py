"""The one query set of both stores, written once over a ``Dialect``, and the one writer of a store.

``SqlStore`` holds every read and write whose SQL is the same for SQLite and PostgreSQL (``?``
placeholders, turned into the driver's by the dialect). A store subclass adds only what truly differs:
how to connect and migrate, its transaction, its full-text index and search.

Every write is a function of a ``Tx`` run by the store's ``Writer``: one connection behind one lock, one
transaction per write. Several stores may share one writer (the web server's threads do), so that all of
a process's writes to a database go through one connection.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

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
    RunRecord,
    merge_entity,
)
from newsift.store import dyad_reads, facts, link_reads
from newsift.store.accounts import Accounts
from newsift.store.comments import Comments
from newsift.store.corroboration import happening_key, query_corroboration
from newsift.store.count_cache import CountCache
from newsift.store.dialect import Dialect
from newsift.store.dyad_reads import DyadCounts, DyadMark
from newsift.store.dyads import dyad_pairs
from newsift.store.facts import ClaimRollup, DyadCount, FactFilters, FactPage, own_time
from newsift.store.poll_state import PollState
from newsift.store.records import (
    LinkChange,
    LinkRow,
    PostingChange,
    SearchHit,
    ShelvedStory,
    StoredBatch,
    StoryChange,
    iso,
    like_prefix,
    now,
)
from newsift.store.watches import Watches
from newsift.store.web_queries import WebQueries

__all__ = ["SqlStore", "Tx", "Writer"]

T = TypeVar("T")
_ARTICLE_COLUMNS: tuple[str, ...] = ("id", "page_id", "position", "idx", "content_hash", "title")
_ARTICLE_COLUMNS += ("source", "outlet", "published_at", "fetched_at", "record", "language")
_IN_CHUNK = 500  # ids per IN (...) list


class Cursor(Protocol):
    """What both drivers' connections or cursors offer: ``execute`` returns something with fetches."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...

    def executemany(self, sql: Any, rows: Any, /) -> Any: ...


class Tx:
    """One write transaction: statements written with ``?`` placeholders, run through the dialect."""

    def __init__(self, cursor: Cursor, dialect: Dialect) -> None:
        self._cursor = cursor
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        return int(self._cursor.execute(self.dialect.sql(sql), tuple(params)).rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._cursor.executemany(self.dialect.sql(sql), rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self._cursor.execute(self.dialect.sql(sql), tuple(params)).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._cursor.execute(self.dialect.sql(sql), tuple(params)).fetchall()]


class Writer:
    """A store's one writer: a write connection behind one lock, each write in one transaction."""

    def __init__(self, transaction: Callable[[], AbstractContextManager[Tx]]) -> None:
        self._transaction = transaction
        self._lock = threading.RLock()  # re-entrant: a write may call another store write

    def run(self, write: Callable[[Tx], T]) -> T:
        """``write(tx)`` in one transaction: committed when it returns, rolled back when it raises."""
        with self._lock, self._transaction() as tx:
            return write(tx)


class SqlStore:
    """The store methods shared by SQLite and PostgreSQL (see the module docstring)."""

    path: str
    dialect: Dialect
    errors: tuple[type[Exception], ...]  # the driver's error classes
    _writer: Writer
    count_cache: CountCache | None = None
    """Where counting queries keep their results until the content changes (the web server sets one)."""

    # --- what a dialect's store provides -----------------------------------------------------------

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one read query (``?`` placeholders) on this store's read connection; all its rows."""
        raise NotImplementedError

    def _index_articles(self, tx: Tx, articles: Sequence[Article], replaced: set[str]) -> None:
        """Add ``articles`` to the full-text index (``replaced``: ids that were stored before)."""
        raise NotImplementedError

    text_rank_is_local = False
    """True when ``text_match``'s rank reads only the article and the query, so that adding articles
    changes no stored article's rank (PostgreSQL's ``ts_rank_cd``; SQLite's bm25 reads the whole index)."""

    def text_match(self, query: str, start: str, end: str) -> tuple[str, str, list[Any], str, str] | None:
        """The full-text part of a filtered search: (join, clause, params, snippet, rank), or None; ``rank``
        is an expression whose smallest values are the best matches."""
        raise NotImplementedError

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        raise NotImplementedError

    def settle(self) -> None:
        """Bring the database's files to rest after a bulk load (before measuring its size)."""
        raise NotImplementedError

    def disk_bytes(self) -> int:
        """The bytes the database takes on disk."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- the writer ---------------------------------------------------------------------------------

    @property
    def writer(self) -> Writer:
        """This store's writer, to share with other stores of the same database in this process."""
        return self._writer

    def write(self, write: Callable[[Tx], T], what: str = "not written") -> T:
        """Run ``write`` through the store's one writer, in one transaction.

        Raises:
            StoreError: the driver failed (``what`` says what was lost); nothing of ``write`` is kept.
        """
        try:
            return self._writer.run(write)
        except self.errors as err:
            raise StoreError(f"{self.path}: {what}: {err}") from err

    # --- the tables of other parts: accounts, comments, watches, poll state, the web's reads ---------

    @functools.cached_property
    def accounts(self) -> Accounts:
        return Accounts(self)

    @functools.cached_property
    def comments(self) -> Comments:
        return Comments(self)

    @functools.cached_property
    def watches(self) -> Watches:
        return Watches(self)

    @functools.cached_property
    def poll_state(self) -> PollState:
        return PollState(self)

    @functools.cached_property
    def web(self) -> WebQueries:
        return WebQueries(self)

    # --- writing --------------------------------------------------------------------------------

    def has_page(self, page_id: str) -> bool:
        return bool(self._fetch("SELECT 1 FROM pages WHERE id = ?", [page_id]))

    def store_batch(
        self,
        pages: Sequence[tuple[Page | RawDocument, Sequence[Article]]],
        analyses: dict[str, Analysis] | None = None,
    ) -> StoredBatch:
        """Store pages with their articles (and analyses) in one transaction; known pages are skipped.

        Raises:
            StoreError: the write failed; nothing of the batch is stored.
        """
        write = functools.partial(self._store_pages, pages=pages, analyses=analyses or {})
        stored, unchanged = self.write(write, "batch not stored")
        ids = tuple(a.id for a in stored)
        return StoredBatch(n_stored=len(ids), n_unchanged=unchanged, article_ids=ids)

    def _store_pages(
        self,
        tx: Tx,
        *,
        pages: Sequence[tuple[Page | RawDocument, Sequence[Article]]],
        analyses: dict[str, Analysis],
    ) -> tuple[list[Article], int]:
        known = _existing(tx, "pages", [raw.id for raw, _ in pages])
        new_pages: list[tuple[Page | RawDocument, int]] = []
        stored: list[Article] = []
        unchanged = 0
        for raw, articles in pages:
            if raw.id in known:
                unchanged += len(articles) or 1
                continue
            known.add(raw.id)
            new_pages.append((raw, len(articles)))
            stored.extend(articles)
        text = tx.dialect.text
        tx.executemany(
            "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?)",
            [
                (raw.id, text(raw.uri), str(raw.content_type), iso(raw.fetched_at), n, now())
                for raw, n in new_pages
            ],
        )
        replaced = _existing(tx, "articles", [a.id for a in stored])
        tx.executemany(
            tx.dialect.upsert("articles", _ARTICLE_COLUMNS, 1), [_article_row(a, text) for a in stored]
        )
        self._index_articles(tx, stored, replaced)
        pending = [(a.id,) for a in stored if a.id not in replaced]
        tx.executemany("INSERT INTO link_pending (article_id) VALUES (?)", pending)  # in stored order
        for article in stored:
            if article.id in analyses:
                _insert_analysis(tx, analyses[article.id])
        return stored, unchanged

    def store_failures(self, run_id: str, failures: Iterable[Failure]) -> None:
        rows = [(run_id, f.item_id, f.stage, f.error_type, f.message, now()) for f in failures]
        self.write(lambda tx: tx.executemany("INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?)", rows),
                   "failures not stored")  # fmt: skip

    def store_run(self, run: RunRecord) -> None:
        """Write the ``runs`` row of a finished run: its times, settings hash and report."""
        columns = ("id", "started_at", "finished_at", "settings_hash", "report")
        values = (run.id, iso(run.started_at), iso(run.finished_at), run.settings_hash, run.report)
        self.write(lambda tx: tx.execute(tx.dialect.upsert("runs", columns, 1), values), "run not stored")

    def replace_links(self, kind: str, rows: Iterable[LinkRow]) -> None:
        """Replace every link row of one kind (``story``, ``duplicate``, ``related``, ``tags``) at once."""
        self.write_links([LinkChange(kind=kind, rows=tuple(rows), replace=True)])

    def update_links(self, kind: str, rows: Iterable[LinkRow], *, articles: Iterable[str] = ()) -> None:
        """Change part of one kind's link rows in one transaction: drop every row of ``articles``, then
        write ``rows``, each replacing the stored row of its key. The kind's other rows are kept."""
        self.write_links([LinkChange(kind=kind, rows=tuple(rows), articles=tuple(articles))])

    def write_links(self, changes: Sequence[LinkChange | PostingChange | StoryChange]) -> None:
        """Apply several link changes in one transaction: a run stopped anywhere (an error, a kill)
        leaves either all of them or none, so the links and the saved linker state always agree."""

        def write(tx: Tx) -> None:
            for change in changes:
                if isinstance(change, PostingChange):
                    _change_postings(tx, change)
                elif isinstance(change, StoryChange):
                    _change_stories(tx, change)
                else:
                    _change_links(tx, change)

        kinds = (
            c.kind if isinstance(c, LinkChange) else "posting" if isinstance(c, PostingChange) else "stories"
            for c in changes
        )
        self.write(write, f"{', '.join(dict.fromkeys(kinds))} links not stored")

    # --- reading --------------------------------------------------------------------------------

    def query_links(
        self, kind: str, *, article_id: str | None = None, key: str | None = None
    ) -> list[LinkRow]:
        """Link rows of one kind, optionally of one article or one key, by rank then key."""
        sql, params = "SELECT key, article_id, rank, record FROM links WHERE kind = ?", [kind]
        if article_id is not None:
            sql, params = sql + " AND article_id = ?", [*params, article_id]
        if key is not None:
            sql, params = sql + " AND key = ?", [*params, key]
        rows = self._fetch(sql + " ORDER BY rank, key", params)
        return [LinkRow(key=r[0], article_id=r[1], rank=r[2], record=r[3]) for r in rows]

    def iter_links(self, kind: str, *, page: int = 256) -> Iterator[LinkRow]:
        """Every link row of one kind by rank then key, read ``page`` rows at a time (index ``links_rank``),
        so a kind of any size streams in flat memory."""
        sql = "SELECT key, article_id, rank, record FROM links WHERE kind = ?"
        rows = self._fetch(sql + " ORDER BY rank, key LIMIT ?", [kind, page])
        while rows:
            yield from (LinkRow(key=r[0], article_id=r[1], rank=r[2], record=r[3]) for r in rows)
            if len(rows) < page:
                return
            last = rows[-1]
            rows = self._fetch(
                sql + " AND (rank, key) > (?, ?) ORDER BY rank, key LIMIT ?", [kind, last[2], last[0], page]
            )

    def query_postings(
        self, keys: Sequence[str], *, since: int = 0, cap: int | None = None
    ) -> dict[str, list[tuple[int, str]]]:
        """The saved linker's postings of ``keys`` (see ``link_reads.query_postings``)."""
        return link_reads.query_postings(self._fetch, keys, since=since, cap=cap)

    def query_link_rows(
        self, kinds: Sequence[str], *, keys: Sequence[str] = (), article_ids: Sequence[str] = ()
    ) -> list[LinkRow]:
        """Link rows of ``kinds`` by key or article (see ``link_reads.query_link_rows``)."""
        return link_reads.query_link_rows(self._fetch, kinds, keys=keys, article_ids=article_ids)

    def query_shelved_stories(self, story_ids: Sequence[str]) -> list[ShelvedStory]:
        """The saved open stories of ``story_ids`` (see ``link_reads.query_shelved_stories``)."""
        return link_reads.query_shelved_stories(self._fetch, story_ids)

    def query_shelved_story_ids(
        self, *, ending_after: int | None = None, ending_before: int | None = None, oldest: int | None = None
    ) -> list[str]:
        """Ids of saved open stories by end or join order (see ``link_reads.query_shelved_story_ids``)."""
        return link_reads.query_shelved_story_ids(
            self._fetch, ending_after=ending_after, ending_before=ending_before, oldest=oldest
        )

    def query_story_postings(self, keys: Sequence[str], *, cap: int) -> dict[str, list[str]]:
        """The saved open stories posted under ``keys`` (see ``link_reads.query_story_postings``)."""
        return link_reads.query_story_postings(self._fetch, keys, cap=cap)

    def query_entity_names(self, entity_ids: Sequence[str]) -> dict[str, str]:
        return link_reads.query_entity_names(self._fetch, entity_ids)

    def query_pending_links(self, *, limit: int) -> tuple[list[str], int]:
        """The first ``limit`` stored articles not linked yet, in stored order, and how many there are."""
        return link_reads.query_pending_links(self._fetch, limit=limit)

    def query_articles(
        self, *, limit: int = 50, offset: int = 0, outlet: str | None = None, language: str | None = None
    ) -> list[Article]:
        c = self.dialect.collate
        clauses = [(column, value) for column, value in (("outlet", outlet), ("language", language)) if value]
        where = " AND ".join(f"{column} = ?" for column, _ in clauses)
        sql = "SELECT record FROM articles" + (f" WHERE {where}" if where else "")  # nosec B608  # names from code
        sql += f" ORDER BY COALESCE(published_at, fetched_at){c} DESC NULLS LAST, page_id{c}, idx"
        sql += " LIMIT ? OFFSET ?"
        return self._records(sql, [*(value for _, value in clauses), limit, offset], Article)

    def count_articles(self) -> int:
        return int(self._fetch("SELECT COUNT(*) FROM articles")[0][0])

    def get_article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 4 characters."""
        rows = self._records("SELECT record FROM articles WHERE id = ?", [article_id], Article)
        if not rows and len(article_id) >= 4:
            rows = self._records(
                "SELECT record FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                [like_prefix(article_id)],
                Article,
            )
        return rows[0] if len(rows) == 1 else None

    def query_entities(self, *, kind: str | None = None, limit: int = 200) -> list[tuple[Entity, int]]:
        """Entities with their mention counts, most mentioned first (then by name and id)."""
        return self.web.entity_page(kind=kind, limit=limit).rows

    def query_mentions(self, article_id: str) -> list[Mention]:
        return self._records(
            "SELECT record FROM mentions WHERE article_id = ? ORDER BY start", [article_id], Mention
        )

    def query_articles_mentioning(self, entity_id: str) -> set[str]:
        rows = self._fetch("SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?", [entity_id])
        return {row[0] for row in rows}

    def query_quotes(self, *, article_id: str | None = None, speaker: str | None = None) -> list[Quote]:
        c = self.dialect.collate
        sql, params = "SELECT record FROM quotes", []
        if article_id:
            sql, params = sql + " WHERE article_id = ?", [article_id]
        quotes = self._records(sql + f" ORDER BY article_id{c}, id{c}", params, Quote)
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
        status: str | None = None,
    ) -> list[Event]:
        """Events by article, type, subtype, actor (any side) and ``status``: the event's own, or that of
        a claim about it."""
        clauses, params = [], []
        for column, value in (("article_id", article_id), ("type", type_), ("subtype", subtype)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if actor:
            clauses.append("id IN (SELECT event_id FROM event_actors WHERE code = ? OR entity_id = ?)")
            params += [actor, actor]
        if status:
            clauses.append("(status = ? OR id IN (SELECT event_id FROM claims WHERE status = ?))")
            params += [status, status]
        return self._records(self._ordered("events", clauses), params, Event)

    def query_claims_of_events(self, event_ids: Iterable[str]) -> list[Claim]:
        """The claims about any of ``event_ids``, by article then id."""
        wanted, found = sorted(set(event_ids)), []
        for first in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[first : first + _IN_CHUNK]
            clause = f"event_id IN ({', '.join('?' for _ in chunk)})"
            found += self._records(self._ordered("claims", [clause]), chunk, Claim)
        return sorted(found, key=_article_then_id)  # one order across the chunks

    def query_claims(self, *, article_id: str | None = None, status: str | None = None) -> list[Claim]:
        clauses, params = [], []
        for column, value in (("article_id", article_id), ("status", status)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        return self._records(self._ordered("claims", clauses), params, Claim)

    def _ordered(self, table: str, clauses: list[str]) -> str:
        """SELECT the records of ``table`` matching all ``clauses``, by article then id."""
        c = self.dialect.collate
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return f"SELECT record FROM {table}{where} ORDER BY article_id{c}, id{c}"  # nosec B608  # constant fragments

    def query_fact_page(
        self,
        kind: str,
        filters: FactFilters,
        *,
        sort: str = "-event_time",
        limit: int = 50,
        offset: int = 0,
        facets: bool = True,
        after: Sequence[Any] | None = None,
    ) -> FactPage:
        """Claims, events or quotes matching ``filters``: a page, the total and facet counts."""
        return facts.query_fact_page(
            self._fetch, self.dialect, kind, filters, sort=sort, limit=limit, offset=offset, facets=facets,
            after=after, count=self._fetch_counts,
        )  # fmt: skip

    def query_claim_rollup(self, filters: FactFilters) -> ClaimRollup:
        """The claims matching ``filters`` counted per status (claims, outlets, first seen) and overall."""
        return facts.query_claim_rollup(self._fetch_counts, self.dialect, filters)

    def query_dyad_counts(self, a: str, b: str) -> DyadCounts:
        """Every event of the dyad of ``a`` and ``b`` counted: in all, per type, per year, per other actor."""
        return dyad_reads.query_dyad_counts(self._fetch_counts, self.dialect, a, b)

    def query_dyad_marks(self, a: str, b: str, *, limit: int) -> list[DyadMark]:
        """The dyad's first ``limit`` events by their own time, as light rows for its timeline."""
        return dyad_reads.query_dyad_marks(self._fetch, self.dialect, a, b, limit=limit)

    def query_top_dyads(self, *, limit: int = 30) -> list[DyadCount]:
        """The pairs of actors with the most events between them."""
        return facts.query_top_dyads(self._fetch_counts, self.dialect, limit=limit)

    def query_counterparts(self, actor: str, *, limit: int = 30) -> list[DyadCount]:
        """The actors sharing the most events with ``actor``."""
        return facts.query_counterparts(self._fetch_counts, self.dialect, actor, limit=limit)

    def _fetch_counts(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """``_fetch`` for a counting query: its kept result while the content is unchanged."""
        if self.count_cache is None:
            return self._fetch(sql, params)
        return self.count_cache.fetch(self.query_content_mark(), self._fetch, sql, params)

    def query_content_mark(self) -> tuple[int, str | None]:
        """How many pages are stored and when the last one was: it changes whenever records are added,
        since a stored page is never rewritten (what caches of derived counts are keyed on)."""
        count, last = self._fetch("SELECT COUNT(*), MAX(stored_at) FROM pages", [])[0]
        return int(count), last

    def query_corroboration(self, event_ids: Sequence[str]) -> dict[str, int]:
        """For each event found, how many independent outlets report its happening."""
        return query_corroboration(self._fetch, self.dialect, event_ids)

    def _records(self, sql: str, params: Sequence[Any], type_: type[T]) -> list[T]:
        return [codec.decode(row[0], type_) for row in self._fetch(sql, params)]


def _change_links(tx: Tx, change: LinkChange) -> None:
    values = [(change.kind, r.key, r.article_id, r.rank, r.record) for r in change.rows]
    if change.replace:
        tx.execute("DELETE FROM links WHERE kind = ?", [change.kind])
    else:
        dropped = [(change.kind, a) for a in dict.fromkeys(change.articles)]
        tx.executemany("DELETE FROM links WHERE kind = ? AND article_id = ?", dropped)
        keys = [(change.kind, k) for k in dict.fromkeys(change.keys)]
        tx.executemany("DELETE FROM links WHERE kind = ? AND key = ?", keys)
    columns = ("kind", "key", "article_id", "rank", "record")
    tx.executemany(tx.dialect.upsert("links", columns, 2), values)
    for other in change.absorb:
        row = tx.one("SELECT MAX(rank) FROM links WHERE kind = ?", [change.kind])
        offset = row[0] + 1 if row is not None and row[0] is not None else 0
        tx.execute("UPDATE links SET kind = ?, rank = rank + ? WHERE kind = ?", [change.kind, offset, other])


def _change_postings(tx: Tx, change: PostingChange) -> None:
    if change.replace:
        tx.execute("DELETE FROM link_postings")
        tx.execute("DELETE FROM link_pending")
    else:
        linked = [(a,) for a in dict.fromkeys(change.linked)]
        tx.executemany("DELETE FROM link_pending WHERE article_id = ?", linked)
    upsert = tx.dialect.upsert("link_postings", ("key", "position", "article_id"), 2)
    tx.executemany(upsert, [tuple(row) for row in change.rows])


def _change_stories(tx: Tx, change: StoryChange) -> None:
    if change.replace:
        tx.execute("DELETE FROM link_stories")
        tx.execute("DELETE FROM link_story_postings")
    gone = [(i,) for i in dict.fromkeys((*change.dropped, *(r.id for r in change.rows)))]
    tx.executemany("DELETE FROM link_story_postings WHERE story_id = ?", gone)
    tx.executemany("DELETE FROM link_stories WHERE id = ?", gone)
    rows = [(r.id, r.position, r.last_at, r.record) for r in change.rows]
    tx.executemany("INSERT INTO link_stories (id, position, last_at, record) VALUES (?, ?, ?, ?)", rows)
    upsert = tx.dialect.upsert("link_story_postings", ("key", "position", "story_id"), 2)
    tx.executemany(upsert, [tuple(row) for row in change.postings])


def _existing(tx: Tx, table: str, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are already keys of ``table``."""
    found: set[str] = set()
    unique = list(dict.fromkeys(ids))
    for i in range(0, len(unique), _IN_CHUNK):
        chunk = unique[i : i + _IN_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found |= {r[0] for r in tx.all(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)}  # nosec B608
    return found


def _article_row(a: Article, text: Callable[[str | None], str | None]) -> tuple[Any, ...]:
    return (
        a.id, a.page_id, str(a.position), a.index, a.content_hash, text(a.title), text(a.source),
        text(a.outlet), iso(a.published_at), iso(a.fetched_at), _json(a), a.language,
    )  # fmt: skip


def _insert_analysis(tx: Tx, analysis: Analysis) -> None:
    annotated = analysis.annotated
    article_id = annotated.article.id
    upsert = tx.dialect.upsert
    tx.executemany(
        upsert("sentences", ("article_id", "idx", "start", '"end"'), 2),
        [(article_id, s.index, s.start, s.end) for s in annotated.sentences],
    )
    tx.executemany(
        upsert("mentions", ("article_id", "start", '"end"', "entity_id", "label", "record"), 3),
        [(article_id, m.start, m.end, m.entity_id, m.label, _json(m)) for m in annotated.mentions],
    )
    for entity in annotated.entities:
        _upsert_entity(tx, entity)
    tx.executemany(
        upsert("quotes", ("id", "article_id", "speaker_id", "record"), 1),
        [(q.id, article_id, q.speaker_id, _json(q)) for q in analysis.quotes],
    )
    for event in analysis.events:
        _insert_event(tx, article_id, event)
    tx.executemany(
        upsert("claims", ("id", "article_id", "status", "event_id", "record"), 1),
        [(c.id, article_id, str(c.status), c.event_id, _json(c)) for c in analysis.claims],
    )


def _upsert_entity(tx: Tx, entity: Entity) -> None:
    """Store an entity, merged with the stored one of the same id (``model.merge_entity``)."""
    row = tx.one("SELECT record FROM entities WHERE id = ?", [entity.id])
    if row is not None:
        entity = merge_entity(codec.decode(row[0], Entity), entity)
    values = (entity.id, str(entity.kind), entity.name, entity.country, _json(entity))
    tx.execute(tx.dialect.upsert("entities", ("id", "kind", "name", "country", "record"), 1), values)


def _insert_event(tx: Tx, article_id: str, event: Event) -> None:
    columns = ("id", "article_id", "type", "subtype", "status", "year", "record", "happening", "event_time")
    values = (
        event.id,
        article_id,
        str(event.type),
        event.subtype,
        str(event.status),
        event.year,
        _json(event),
        tx.dialect.text(happening_key(event)),
        tx.dialect.text(own_time(event)),
    )
    tx.execute(tx.dialect.upsert("events", columns, 1), values)
    tx.execute("DELETE FROM event_actors WHERE event_id = ?", [event.id])
    roles = (("source", event.source), ("target", event.target), ("participant", event.participants))
    actors = [(event.id, role, a.code, a.id) for role, group in roles for a in group]
    tx.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?)", actors)
    tx.execute("DELETE FROM dyad_events WHERE event_id = ?", [event.id])
    pairs = [(a, b, event.id) for a, b in dyad_pairs(event)]
    tx.executemany("INSERT INTO dyad_events (first, second, event_id) VALUES (?, ?, ?)", pairs)


def _article_then_id(claim: Claim) -> tuple[str, str]:
    return claim.evidence.article_id, claim.id


def _json(record: object) -> str:
    return codec.encode(record).decode()
