"""The story clusterer's shelf in the store (issue 22, D4): the saved open stories read for one batch, and
the change that saves them after it. Reads are kept for the batch (the clusterer and its trial copy read
the same stories; the store does not change until the batch's links are written)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from newsift import codec
from newsift.link.stories import LiveStory, ShelfChange
from newsift.store import ShelvedStory, Store, StoryChange

__all__ = ["StoreShelf", "story_change"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class StoreShelf:
    """``link.stories.StoryShelf`` over a store's ``link_stories`` and ``link_story_postings``."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._stories: dict[str, tuple[int, LiveStory] | None] = {}
        self._postings: dict[tuple[str, int], list[str]] = {}

    def read_stories(self, story_ids: Sequence[str]) -> list[tuple[int, LiveStory]]:
        missing = [i for i in dict.fromkeys(story_ids) if i not in self._stories]
        if missing:
            self._stories.update(dict.fromkeys(missing))
            for row in self._store.query_shelved_stories(missing):
                self._stories[row.id] = (row.position, codec.decode(row.record, LiveStory, source="links"))
        return [found for i in dict.fromkeys(story_ids) if (found := self._stories[i]) is not None]

    def read_postings(self, keys: Sequence[str], cap: int) -> dict[str, list[str]]:
        missing = [k for k in dict.fromkeys(keys) if (k, cap) not in self._postings]
        if missing:
            found = self._store.query_story_postings(missing, cap=cap)
            self._postings.update(((k, cap), found.get(k, [])) for k in missing)
        return {k: ids for k in keys if (ids := self._postings[(k, cap)])}

    def read_ending(self, after: datetime | None, before: datetime) -> list[str]:
        since = _micros(after) if after is not None else None
        return self._store.query_shelved_story_ids(ending_after=since, ending_before=_micros(before))

    def read_oldest(self, n: int) -> list[str]:
        return self._store.query_shelved_story_ids(oldest=n)


def story_change(change: ShelfChange) -> StoryChange:
    """The store's change of the saved open stories for a clusterer's ``shelve``."""
    rows = tuple(
        ShelvedStory(
            id=story.id,
            position=position,
            last_at=_micros(last_at) if last_at is not None else None,
            record=codec.encode(story).decode(),
        )
        for position, story, last_at, _ in change.stories
    )
    postings = tuple((key, position, story.id) for position, story, _, keys in change.stories for key in keys)
    return StoryChange(rows=rows, postings=postings, dropped=change.dropped, replace=change.replace)


def _micros(moment: datetime) -> int:
    """Microseconds since 1970 (a time without a zone is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(microseconds=1)
