"""Per-thread SQLite connections for the web adapter: the store's public reads, and a raw connection for
the web's own tables (accounts, comments) and the few read queries the store does not offer.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from newsift.errors import ConfigError
from newsift.store import SqliteStore

__all__ = ["WebDb"]


class WebDb:
    """Opens one store and one connection per server thread; writes are serialised by ``write_lock``."""

    def __init__(self, path: str) -> None:
        if path.startswith(("postgresql://", "postgres://")):
            raise ConfigError(f"{path.split('@')[-1]}: the web server needs a SQLite store for now")
        if path.startswith("sqlite:///"):
            path = path[len("sqlite:///") :]
        if path == ":memory:":
            raise ConfigError("the web server needs a SQLite file, not :memory:")
        self.path = str(Path(path))
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._opened: list[SqliteStore | sqlite3.Connection] = []
        self._guard = threading.Lock()
        SqliteStore(self.path).close()  # apply migrations (005_web included) once, up front

    def store(self) -> SqliteStore:
        """This thread's store."""
        store: SqliteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = SqliteStore(self.path)
            self._remember(store)
        return store

    def conn(self) -> sqlite3.Connection:
        """This thread's raw connection (foreign keys on, 5 s busy timeout)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys=ON")
            self._remember(conn)
        return conn

    def _remember(self, item: SqliteStore | sqlite3.Connection) -> None:
        with self._guard:
            self._opened.append(item)

    def close(self) -> None:
        """Close every connection any thread opened."""
        with self._guard:
            while self._opened:
                self._opened.pop().close()
        self._local = threading.local()
