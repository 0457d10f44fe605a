"""The header's "new in your watches" count, kept per user until the store or the user's watches change.

Counting runs every watch of the user over the store, too slow to repeat on each page; the count is kept
with a mark of what it depends on (the stored pages, the watches' filters and last visits) and computed
again only when that mark differs. Reads only.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable

from newsift.brief.watch import count_new, list_watches
from newsift.store import Store

__all__ = ["WatchCounts"]

_MOST_USERS = 10_000  # counts kept before the table starts over


class WatchCounts:
    """Each signed-in user's count of new watch matches, with the mark it was computed at."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._found: dict[str, tuple[Hashable, dict[str, int]]] = {}

    def count(self, store: Store, user: str) -> int:
        """What is new in ``user``'s watches since each was last opened (as ``count_new_of``)."""
        return sum(self.by_watch(store, user).values())

    def by_watch(self, store: Store, user: str) -> dict[str, int]:
        """What is new in each of ``user``'s watches since it was last opened, by watch id."""
        rows = tuple((r.id, r.filter, r.visited_at) for r in store.watches.rows(user))
        mark = (store.query_content_mark(), rows)  # read before counting: a later change shows next time
        with self._lock:
            kept = self._found.get(user)
        if kept is not None and kept[0] == mark:
            return kept[1]
        found = {w.id: count_new(store, w) for w in list_watches(store, owner=user)}
        with self._lock:
            if len(self._found) >= _MOST_USERS:
                self._found.clear()
            self._found[user] = (mark, found)
        return found
