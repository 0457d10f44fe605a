"""The watch tables (migration 006): saved filters (JSON) and the records each has reported, as stored.

What a watch matches and how it reports live in ``brief/watch.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsift.store.sql import SqlStore, Tx

__all__ = ["Watches"]

_SEEN = "INSERT INTO watch_seen (watch_id, record_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"


class Watches:
    """Watches of one store; every write goes through the store's writer."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def add(self, watch_id: str, filter_json: str, created_at: str, seen: Sequence[str]) -> None:
        """Save a watch with the records it has already seen (its baseline), in one transaction."""

        def add(tx: Tx) -> None:
            sql = "INSERT INTO watches (id, filter, created_at, checked_at) VALUES (?, ?, ?, ?)"
            tx.execute(sql, [watch_id, filter_json, created_at, None])
            _mark_seen(tx, watch_id, seen, created_at)

        self._store.write(add, "watch not stored")

    def every(self) -> list[tuple[str, str, str, str | None]]:
        """(id, filter JSON, created, last checked) of every watch, oldest first."""
        c = self._store.dialect.collate
        rows = self._store._fetch(
            f"SELECT id, filter, created_at, checked_at FROM watches ORDER BY created_at, id{c}"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def seen(self, watch_id: str) -> set[str]:
        return {
            r[0]
            for r in self._store._fetch("SELECT record_id FROM watch_seen WHERE watch_id = ?", [watch_id])
        }

    def record_check(self, watch_id: str, seen: Sequence[str], checked_at: str) -> None:
        """Mark records reported and the watch checked, in one transaction."""

        def check(tx: Tx) -> None:
            _mark_seen(tx, watch_id, seen, checked_at)
            tx.execute("UPDATE watches SET checked_at = ? WHERE id = ?", [checked_at, watch_id])

        self._store.write(check, "watch check not stored")


def _mark_seen(tx: Tx, watch_id: str, record_ids: Sequence[str], at: str) -> None:
    tx.executemany(_SEEN, [(watch_id, record_id, at) for record_id in dict.fromkeys(record_ids)])
