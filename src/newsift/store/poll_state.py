"""The polling tables (migration 004): conditional-GET validators per source and the feed entries
already ingested, as stored. The politeness rules live in ``ingest/poll.py``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsift.store.sql import SqlStore

__all__ = ["PollState"]

_SAVE = (
    "INSERT INTO poll_state (url, etag, last_modified, content_hash, status, checked_at, changed_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
    " last_modified = excluded.last_modified, content_hash = excluded.content_hash,"
    " status = excluded.status, checked_at = excluded.checked_at,"
    " changed_at = COALESCE(excluded.changed_at, poll_state.changed_at)"
)
_SEEN = "INSERT INTO poll_seen (url, entry, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"


class PollState:
    """Poll state of one store; every write goes through the store's writer."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def load(self, url: str) -> dict[str, Any] | None:
        """The validators and content hash last seen for ``url`` (keys etag, last_modified, content_hash)."""
        sql = "SELECT etag, last_modified, content_hash FROM poll_state WHERE url = ?"
        rows = self._store._fetch(sql, [url])
        return dict(zip(("etag", "last_modified", "content_hash"), rows[0], strict=True)) if rows else None

    def save(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        content_hash: str | None,
        status: int,
        checked_at: str,
        changed_at: str | None,
    ) -> None:
        """Record one fetch of ``url``; ``changed_at`` None keeps the previous change time."""
        values = [url, etag, last_modified, content_hash, status, checked_at, changed_at]
        self._store.write(lambda tx: tx.execute(_SAVE, values), "poll state not stored")

    def seen(self, url: str) -> set[str]:
        return {row[0] for row in self._store._fetch("SELECT entry FROM poll_seen WHERE url = ?", [url])}

    def mark_seen(self, url: str, entries: Sequence[str], seen_at: str) -> None:
        rows = [(url, entry, seen_at) for entry in dict.fromkeys(entries)]
        self._store.write(lambda tx: tx.executemany(_SEEN, rows), "poll entries not stored")
