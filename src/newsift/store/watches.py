"""The watch tables (migrations 006, 009): saved filters (JSON), who owns each and its name, the records
each has reported, and the records its owner saw when last opening it, as stored.

What a watch matches and how it reports live in ``brief/watch.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsift.store.sql import SqlStore, Tx

__all__ = ["WatchRow", "Watches"]

_SEEN = "INSERT INTO watch_seen (watch_id, record_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
_VISITED = "INSERT INTO watch_visited (watch_id, record_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
_COLUMNS = "id, filter, created_at, checked_at, owner, name, visited_at"


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchRow:
    """One stored watch; ``owner`` is None for a watch saved from the command line."""

    id: str
    filter: str
    created_at: str
    checked_at: str | None
    owner: str | None = None
    name: str | None = None
    visited_at: str | None = None


class Watches:
    """Watches of one store; every write goes through the store's writer."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def add(
        self,
        watch_id: str,
        filter_json: str,
        created_at: str,
        seen: Sequence[str],
        *,
        owner: str | None = None,
        name: str | None = None,
    ) -> None:
        """Save a watch with the records it has already seen (its baseline, also its owner's last visit),
        in one transaction."""

        def add(tx: Tx) -> None:
            sql = (
                "INSERT INTO watches (id, filter, created_at, checked_at, owner, name, visited_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"
            )
            tx.execute(sql, [watch_id, filter_json, created_at, None, owner, name, created_at])
            _mark_seen(tx, watch_id, seen, created_at)
            tx.executemany(_VISITED, [(watch_id, r) for r in dict.fromkeys(seen)])

        self._store.write(add, "watch not stored")

    def every(self) -> list[tuple[str, str, str, str | None]]:
        """(id, filter JSON, created, last checked) of every watch, oldest first."""
        return [(r.id, r.filter, r.created_at, r.checked_at) for r in self.rows()]

    def rows(self, owner: str | None = None) -> list[WatchRow]:
        """Every watch (or only those of ``owner``), oldest first."""
        c = self._store.dialect.collate
        where, params = ("WHERE owner = ?", [owner]) if owner is not None else ("", [])
        sql = f"SELECT {_COLUMNS} FROM watches {where} ORDER BY created_at, id{c}"
        return [_row(r) for r in self._store._fetch(sql, params)]

    def get(self, watch_id: str) -> WatchRow | None:
        rows = self._store._fetch(f"SELECT {_COLUMNS} FROM watches WHERE id = ?", [watch_id])
        return _row(rows[0]) if rows else None

    def seen(self, watch_id: str) -> set[str]:
        return {
            r[0]
            for r in self._store._fetch("SELECT record_id FROM watch_seen WHERE watch_id = ?", [watch_id])
        }

    def visited(self, watch_id: str) -> set[str]:
        """The records the watch showed when its owner last opened it."""
        sql = "SELECT record_id FROM watch_visited WHERE watch_id = ?"
        return {r[0] for r in self._store._fetch(sql, [watch_id])}

    def record_check(self, watch_id: str, seen: Sequence[str], checked_at: str) -> None:
        """Mark records reported and the watch checked, in one transaction."""

        def check(tx: Tx) -> None:
            _mark_seen(tx, watch_id, seen, checked_at)
            tx.execute("UPDATE watches SET checked_at = ? WHERE id = ?", [checked_at, watch_id])

        self._store.write(check, "watch check not stored")

    def record_visit(self, watch_id: str, shown: Sequence[str], visited_at: str) -> None:
        """The owner opened the watch: what it showed is no longer new."""

        def visit(tx: Tx) -> None:
            tx.executemany(_VISITED, [(watch_id, r) for r in dict.fromkeys(shown)])
            tx.execute("UPDATE watches SET visited_at = ? WHERE id = ?", [visited_at, watch_id])

        self._store.write(visit, "watch visit not stored")

    def update(self, watch_id: str, owner: str, name: str, filter_json: str) -> bool:
        """Rename a watch and replace its filter; False when ``owner`` has no watch with this id."""
        sql = "UPDATE watches SET name = ?, filter = ? WHERE id = ? AND owner = ?"
        return self._store.write(lambda tx: tx.execute(sql, [name, filter_json, watch_id, owner]) == 1)

    def delete(self, watch_id: str, owner: str) -> bool:
        """Delete a watch of ``owner`` with what it reported and showed; False when there is none."""

        def delete(tx: Tx) -> bool:
            if tx.one("SELECT 1 FROM watches WHERE id = ? AND owner = ?", [watch_id, owner]) is None:
                return False
            for table in ("watch_seen", "watch_visited"):
                tx.execute(f"DELETE FROM {table} WHERE watch_id = ?", [watch_id])
            tx.execute("DELETE FROM watches WHERE id = ?", [watch_id])
            return True

        return self._store.write(delete, "watch not deleted")


def _row(r: tuple[object, ...]) -> WatchRow:
    return WatchRow(
        id=str(r[0]), filter=str(r[1]), created_at=str(r[2]), checked_at=_text(r[3]), owner=_text(r[4]),
        name=_text(r[5]), visited_at=_text(r[6]),
    )  # fmt: skip


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _mark_seen(tx: Tx, watch_id: str, record_ids: Sequence[str], at: str) -> None:
    tx.executemany(_SEEN, [(watch_id, record_id, at) for record_id in dict.fromkeys(record_ids)])
