"""Capped postings: the candidate blocking that keeps each link lookup bounded however large the store.

Each key (a strong term, an entity, a story) keeps only the ``cap`` ids most recently posted under it,
and a lookup scores only the ``limit`` ids that share the most keys with the query. A lookup therefore
reads at most ``len(keys) * cap`` ids, whatever the number of articles indexed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["CappedPostings", "strongest_terms"]


class CappedPostings:
    """Key -> the ``cap`` most recently posted ids (posting an id again makes it the most recent)."""

    __slots__ = ("_lists", "cap")

    def __init__(self, cap: int) -> None:
        if cap < 1:
            raise ValueError(f"postings cap must be at least 1, got {cap}")
        self.cap = cap
        self._lists: dict[str, dict[str, None]] = {}

    def add(self, key: str, item: str) -> None:
        ids = self._lists.setdefault(key, {})
        ids.pop(item, None)
        ids[item] = None
        if len(ids) > self.cap:
            del ids[next(iter(ids))]

    def discard(self, key: str, item: str) -> None:
        ids = self._lists.get(key)
        if ids is not None:
            ids.pop(item, None)
            if not ids:
                del self._lists[key]

    def get(self, key: str) -> Iterable[str]:
        return self._lists.get(key, {}).keys()

    def candidates(self, keys: Iterable[str], limit: int, exclude: str | None = None) -> list[str]:
        """The ``limit`` ids sharing most of ``keys`` (ties: first met first), ``exclude`` left out."""
        counts: Counter[str] = Counter()
        for key in keys:
            counts.update(self._lists.get(key, {}).keys())
        if exclude is not None:
            counts.pop(exclude, None)
        return [item for item, _ in counts.most_common(limit)]

    def __len__(self) -> int:
        return len(self._lists)


def strongest_terms(vector: Mapping[str, float], n: int) -> list[str]:
    """The ``n`` heaviest terms of a vector (ties in the vector's own order): an article's blocking keys."""
    return sorted(vector, key=lambda term: -vector[term])[:n]
