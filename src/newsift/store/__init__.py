"""The store stage: everything persisted, SQLite by default."""

from newsift.store.sqlite import SearchHit, SqliteStore, StoredBatch

__all__ = ["SearchHit", "SqliteStore", "StoredBatch", "open_store"]


def open_store(url: str) -> SqliteStore:
    """Open the store named by a path or ``sqlite:///path`` URL."""
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///") :]
    return SqliteStore(url)
