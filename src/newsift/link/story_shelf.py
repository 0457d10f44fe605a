"""The story clusterer's open stories, in memory or on a shelf (the store) read on first use (issue 22, D4).

A clusterer restored from a shelf holds only the open stories a batch touches: the candidates its articles'
blocking keys name (postings read per key, the last ``cap`` stories by join order, as a whole restore
would hold them), the stories that close by time or by number, and the stories it opens. It then gives
the same stories as a clusterer restored with every open story. Owns no clustering rule and no SQL: the
caller passes a ``StoryShelf`` reading its store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from newsift.link.postings import CappedPostings

__all__ = ["LiveMember", "LiveStory", "OpenStories", "ShelfChange", "ShelvedPostings", "StoryShelf"]

C = TypeVar("C")


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveMember:
    """One article of a live story, as the clusterer keeps it (``vector``: (term, weight) pairs)."""

    id: str
    title: str
    vector: tuple[tuple[str, float], ...]
    entities: tuple[str, ...] = ()
    when: datetime | None = None
    counts: tuple[tuple[str, int], ...] = ()
    facts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveStory:
    id: str
    members: tuple[LiveMember, ...]
    next_check: int = 0
    grouped_at: int = 0  # documents counted when it was last grouped


@dataclass(frozen=True, slots=True, kw_only=True)
class ShelfChange:
    """What to write to the shelf after a batch: the stories changed or opened, each with its new position
    (join order), when its last member appeared and its blocking keys; the shelved stories gone (closed or
    re-grouped); ``replace`` when ``stories`` are all the open stories (a whole relink)."""

    stories: tuple[tuple[int, LiveStory, datetime | None, tuple[str, ...]], ...]
    dropped: tuple[str, ...] = ()
    replace: bool = False


class StoryShelf(Protocol):
    """Reads of the saved open stories, as they were when the batch began (nothing is written meanwhile)."""

    def read_stories(self, story_ids: Sequence[str]) -> Iterable[tuple[int, LiveStory]]:
        """(position, story) of those of ``story_ids`` that are saved."""
        ...

    def read_postings(self, keys: Sequence[str], cap: int) -> Mapping[str, Sequence[str]]:
        """Key -> ids of the last ``cap`` saved stories posted under it, by position (oldest first)."""
        ...

    def read_ending(self, after: datetime | None, before: datetime) -> Sequence[str]:
        """Ids of the saved stories whose last member appeared before ``before`` and, given ``after``,
        not before it."""
        ...

    def read_oldest(self, n: int) -> Sequence[str]:
        """Ids of the ``n`` least recently joined saved stories, least recent first."""
        ...


class ShelvedPostings(CappedPostings):
    """Capped postings whose list of a key is read from the shelf the first time the key is used."""

    __slots__ = ("_read", "_seen")

    def __init__(self, cap: int, read: Callable[[Sequence[str], int], Mapping[str, Sequence[str]]]) -> None:
        super().__init__(cap)
        self._read = read
        self._seen: set[str] = set()

    def _fetch(self, keys: Iterable[str]) -> None:
        missing = [k for k in dict.fromkeys(keys) if k not in self._seen]
        if not missing:
            return
        self._seen.update(missing)
        for key, ids in self._read(missing, self.cap).items():
            self._lists[key] = dict.fromkeys(ids)

    def add(self, key: str, item: str) -> None:
        self._fetch((key,))
        super().add(key, item)

    def discard(self, key: str, item: str) -> None:
        self._fetch((key,))
        super().discard(key, item)

    def get(self, key: str) -> Iterable[str]:
        self._fetch((key,))
        return super().get(key)

    def candidates(self, keys: Iterable[str], limit: int, exclude: str | None = None) -> list[str]:
        keys = list(keys)
        self._fetch(keys)
        return super().candidates(keys, limit, exclude)


class OpenStories(Generic[C]):
    """Story id -> open story, in join order (least recently joined first; setting an id makes it the
    most recent), with the stories of a shelf read on first use.

    Without a shelf it is an ordered dict. With one, ``unshelve(position, record)`` builds a story read
    from it; a shelved story keeps its saved position until set again. ``len`` counts the shelved stories
    not yet read too. Iterating needs every story in memory, so it is refused over a shelf.
    """

    def __init__(
        self,
        shelf: StoryShelf | None = None,
        unshelve: Callable[[int, LiveStory], C] | None = None,
        *,
        n_shelved: int = 0,
        next_position: int = 0,
    ) -> None:
        self.shelf = shelf
        self._unshelve = unshelve
        self._held: dict[str, C] = {}
        self._order: dict[str, int] = {}  # id -> join order: the saved position, or later when set here
        self._shelved: set[str] = set()  # held ids read from the shelf (whether set again or not)
        self._moved: set[str] = set()  # ids set here (opened or joined)
        self._looked: set[str] = set()  # ids looked up on the shelf
        self._n = n_shelved  # open stories, shelved ones not read included
        self.next_position = next_position

    def get(self, story_id: str) -> C | None:
        if story_id not in self._held and self.shelf is not None:
            self._read((story_id,))
        return self._held.get(story_id)

    def read(self, story_ids: Iterable[str]) -> None:
        """Read the shelved stories of ``story_ids`` not looked up yet, in one go."""
        if self.shelf is not None:
            self._read(story_ids)

    def _read(self, story_ids: Iterable[str]) -> None:
        assert self.shelf is not None and self._unshelve is not None
        missing = [i for i in dict.fromkeys(story_ids) if i not in self._looked and i not in self._held]
        if not missing:
            return
        self._looked.update(missing)
        for position, record in self.shelf.read_stories(missing):
            self._held[record.id] = self._unshelve(position, record)
            self._order[record.id] = position
            self._shelved.add(record.id)

    def __getitem__(self, story_id: str) -> C:
        found = self.get(story_id)
        if found is None:
            raise KeyError(story_id)
        return found

    def __setitem__(self, story_id: str, story: C) -> None:
        self._n += story_id not in self._held
        self._held[story_id] = story
        self._order[story_id] = self.next_position
        self.next_position += 1
        self._moved.add(story_id)

    def __delitem__(self, story_id: str) -> None:
        del self._held[story_id]
        del self._order[story_id]
        self._n -= 1
        self._moved.discard(story_id)
        self._looked.add(story_id)  # gone: never read from the shelf again

    def position(self, story_id: str) -> int:
        """Where a held story stands in join order (its saved position, or later once set)."""
        return self._order[story_id]

    def pop(self, story_id: str) -> C:
        story = self[story_id]
        del self[story_id]
        return story

    def __len__(self) -> int:
        return self._n

    def values(self) -> Iterator[C]:
        """Every open story in join order (only without a shelf)."""
        if self.shelf is not None:
            raise TypeError("the open stories of a shelf are not all in memory")
        return iter(self.held())

    def held(self) -> list[C]:
        """The open stories in memory, in join order."""
        return [self._held[i] for i in sorted(self._held, key=self._order.__getitem__)]

    def by_join_order(self) -> Iterator[C]:
        """The open stories, least recently joined first; over a shelf, its saved stories are read as the
        iteration reaches them (in saved order), then come those set here."""
        if self.shelf is None:
            yield from self.held()
            return
        wanted, done = 16, 0
        while True:
            ids = self.shelf.read_oldest(wanted)
            self.read(ids[done:])
            for story_id in ids[done:]:
                if story_id not in self._moved and (story := self.get(story_id)) is not None:
                    yield story
            if len(ids) < wanted:
                break
            done, wanted = len(ids), 2 * wanted
        yield from (
            self._held[i] for i in sorted(self._moved, key=self._order.__getitem__) if i in self._held
        )

    def changed(self) -> list[C]:
        """The stories opened or joined since restore (every held story without a shelf), in join order."""
        if self.shelf is None:
            return self.held()
        return [self._held[i] for i in sorted(self._moved, key=self._order.__getitem__)]

    def gone(self) -> list[str]:
        """Ids of the shelved stories read and no longer open (closed, re-grouped)."""
        return sorted(i for i in self._shelved if i not in self._held)

    def oldest(self) -> C:
        """The least recently joined open story (``len`` must be positive)."""
        if self.shelf is not None:
            touched = {i for i in self._shelved if i in self._moved or i not in self._held}
            for story_id in self.shelf.read_oldest(len(touched) + 1):
                if story_id not in touched:
                    return self[story_id]
        return self._held[min(self._held, key=self._order.__getitem__)]
