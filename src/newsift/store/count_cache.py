"""Results of counting queries (facet counts, roll-ups, the top pairs of actors) kept until the store's
content changes. The web server shares one cache between the stores of its threads; a store without one
counts on every call. Only small grouped results are kept here, never records.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

__all__ = ["CountCache"]

Rows = list[tuple[Any, ...]]
_MOST_RESULTS = 512  # distinct queries kept (a facet of a filter is one); the oldest used go first


class CountCache:
    """Query results by SQL and parameters, valid while the store's content mark is the one they were
    counted at (``SqlStore.query_content_mark``: it changes whenever a page is stored, and every record
    that these counts read is written with a page)."""

    def __init__(self, most: int = _MOST_RESULTS) -> None:
        self._lock = threading.Lock()
        self._found: OrderedDict[tuple[str, tuple[Any, ...]], Rows] = OrderedDict()
        self._mark: Hashable = None
        self._most = most

    def fetch(
        self, mark: Hashable, fetch: Callable[[str, Sequence[Any]], Rows], sql: str, params: Sequence[Any]
    ) -> Rows:
        """The rows of ``sql``: kept ones when counted at ``mark``, else ``fetch``'s (then kept).

        ``mark`` must be read before the query runs, so that a change made meanwhile shows next time.
        """
        key = (sql, tuple(params))
        with self._lock:
            if mark != self._mark:
                self._found.clear()
                self._mark = mark
            elif key in self._found:
                self._found.move_to_end(key)
                return self._found[key]
        rows = fetch(sql, params)
        with self._lock:
            if mark == self._mark:
                self._found[key] = rows
                if len(self._found) > self._most:
                    self._found.popitem(last=False)
        return rows
