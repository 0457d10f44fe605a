"""The web adapter's stores: one per server thread for reads, and one writer for every write.

Each thread reads on its own connection; every write of every thread (comments, sessions, tokens)
goes through the writer of the first store opened, one transaction at a time. Uploads are ingested by
the upload worker process (web/uploads.py) like a ``newsift ingest`` run. SQLite files and PostgreSQL
URLs both work.
"""

from __future__ import annotations

import threading
from pathlib import Path

from newsift.errors import ConfigError
from newsift.store import Store, open_store

__all__ = ["WebDb"]


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
        self.ingest_lock = threading.Lock()  # one upload analysed at a time: memory stays bounded
        self._local = threading.local()
        self._opened: list[Store] = [self._write_store]
        self._guard = threading.Lock()

    def store(self) -> Store:
        """This thread's store (its own read connection; writes through the shared writer)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.path, writer=self.writer)
            with self._guard:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close every store any thread opened, the writer's last."""
        with self._guard:
            while self._opened:
                self._opened.pop().close()
        self._local = threading.local()
