"""Results of counting queries (facet counts, roll-ups, the top pairs of actors) kept until the store's
content changes. The web server shares one cache between the stores of its threads; a store without one
counts on every call. Only small grouped results are kept here, never records.

One count at a time per query: when the content changes (an ingest stores a batch), the next readers of
a page all miss at once; the first counts and the others wait for its rows rather than running the
same count beside it (on a busy server four readers of /relationships made four 170 ms counts that
shared the CPU, issue 22, D19).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

__all__ = ["CountCache"]

Rows = list[tuple[Any, ...]]
_MOST_RESULTS = 512  # distinct queries kept (a facet of a filter is one); the oldest used go first


class _Flight:
    """A count being run by one thread, awaited by the others that asked for it at the same mark."""

    __slots__ = ("done", "rows", "waiters")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.rows: Rows | None = None
        self.waiters = 0


class CountCache:
    """Query results by SQL and parameters, valid while the store's content mark is the one they were
    counted at (``SqlStore.query_content_mark``: it changes whenever a page is stored, and every record
    that these counts read is written with a page)."""

    def __init__(self, most: int = _MOST_RESULTS) -> None:
        self._lock = threading.Lock()
        self._found: OrderedDict[tuple[str, tuple[Any, ...]], Rows] = OrderedDict()
        self._mark: Hashable = None
        self._most = most
        self._flying: dict[tuple[Hashable, tuple[str, tuple[Any, ...]]], _Flight] = {}

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
            flight = self._flying.get((mark, key))
            if flight is not None:
                flight.waiters += 1
            else:
                self._flying[(mark, key)] = mine = _Flight()
        if flight is not None:  # another thread is counting this: its rows, unless it failed
            flight.done.wait()
            return flight.rows if flight.rows is not None else fetch(sql, params)
        try:
            mine.rows = fetch(sql, params)
        finally:
            with self._lock:
                del self._flying[(mark, key)]
                if mine.rows is not None and mark == self._mark:
                    self._found[key] = mine.rows
                    if len(self._found) > self._most:
                        self._found.popitem(last=False)
            mine.done.set()
        return mine.rows
