"""The web adapter's stores: one per server thread for reads, and one writer for every write.

Each thread reads on its own connection; every write of every thread (comments, sessions, tokens)
goes through the writer of the first store opened, one transaction at a time. Uploads are ingested by
the upload worker process (web/uploads.py) like a ``newsift ingest`` run. SQLite files and PostgreSQL
URLs both work.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from newsift.errors import ConfigError, StoreError
from newsift.store import Store, open_store
from newsift.store.count_cache import CountCache
from newsift.store.sql import Tx
from newsift.store.sqlite import refresh_statistics

__all__ = ["WebDb"]

logger = logging.getLogger(__name__)
# Rows ANALYZE reads per index: approximate statistics, in a time that does not grow with the store.
_ANALYSIS_LIMIT = 2000


class WebDb:
    """Opens one store per server thread; their writes share ``writer``."""

    def __init__(self, path: str) -> None:
        if path.startswith("sqlite:///"):
            path = path[len("sqlite:///") :]
        if path == ":memory:":
            raise ConfigError("the web server needs a SQLite file or a PostgreSQL URL, not :memory:")
        self.path = path if path.startswith(("postgresql://", "postgres://")) else str(Path(path))
        self._write_store = open_store(self.path)  # applies the migrations (005_web included) once
        self.writer = self._write_store.writer
        self.shown = self._write_store.path  # without a password, for messages
        self._local = threading.local()
        self._opened: list[Store] = [self._write_store]
        self._guard = threading.Lock()
        self._counts = CountCache()  # facet counts and roll-ups, shared by every thread's store
        if not self.path.startswith(("postgresql://", "postgres://")):
            self._refresh_statistics()

    def _refresh_statistics(self) -> None:
        """SQLite's planner statistics, refreshed once at start (PostgreSQL's autovacuum keeps its own):
        without them it reads records through a primary key where a covering index would do (migration
        053). A store another process is writing is left as it is."""

        def analyze(tx: Tx) -> None:
            refresh_statistics(tx, _ANALYSIS_LIMIT)

        try:
            self._write_store.write(analyze, "planner statistics not refreshed")
        except StoreError as err:
            logger.warning("%s", err)

    def store(self) -> Store:
        """This thread's store (its own read connection; writes through the shared writer)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.path, writer=self.writer)
            store.count_cache = self._counts
            with self._guard:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close every store any thread opened, the writer's last."""
        with self._guard:
            while self._opened:
                self._opened.pop().close()
        self._local = threading.local()
