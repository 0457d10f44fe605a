"""The store stage: everything persisted, SQLite by default, PostgreSQL for a postgresql:// URL."""

from newsift.store.base import Store, iter_articles
from newsift.store.records import (
    LinkChange,
    LinkRow,
    PostingChange,
    SearchHit,
    ShelvedStory,
    StoredBatch,
    StoryChange,
)
from newsift.store.sql import Writer
from newsift.store.sqlite import SqliteStore

__all__ = [
    "LinkChange", "LinkRow", "PostingChange", "SearchHit", "ShelvedStory", "SqliteStore", "Store",
    "StoredBatch", "StoryChange", "Writer", "iter_articles", "open_store",
]  # fmt: skip


def open_store(url: str, *, writer: Writer | None = None) -> Store:
    """Open the store named by a path, a ``sqlite:///path`` URL or a ``postgresql://`` URL.

    ``writer``: another store's writer (of the same database) to write through instead of its own.

    Raises:
        StoreError: the store cannot be opened (PostgreSQL also when psycopg is not installed).
    """
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from newsift.store.postgres import PostgresStore
        except ImportError as err:
            from newsift.errors import StoreError

            raise StoreError(
                f"{url.split('@')[-1]}: PostgreSQL needs psycopg: pip install 'newsift[postgres]'"
            ) from err
        return PostgresStore(url, writer=writer)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///") :]
    return SqliteStore(url, writer=writer)
