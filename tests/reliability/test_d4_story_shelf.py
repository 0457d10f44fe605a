"""Open stories kept on a shelf in the store give the stories of a clusterer holding them all (issue 22, D4).

Each batch is clustered twice: restored from a state that holds every open story (the full scan of the
old linker), and restored from the shelf, reading only the stories its articles meet. Both must file every
article in the same story, keep the same open stories in the same join order and close the same ones, by
time (stories in and out of time order) and by number (``max_live``). Inputs are made-up words.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsift import codec
from newsift.link.stories import ClustererState, LiveStory, StoryClusterer, StorySettings
from newsift.model import Article, ContentType, Position, RawDocument, Story
from newsift.pipeline.story_shelf import StoreShelf, story_change
from newsift.store import SqliteStore

T0 = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)
_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "bi", "du", "fa", "ge", "po", "zu", "xi"]


class CountingShelf(StoreShelf):
    def __init__(self, store: SqliteStore) -> None:
        super().__init__(store)
        self.stories_read = 0

    def read_stories(self, story_ids: Sequence[str]) -> list[tuple[int, LiveStory]]:
        found = super().read_stories(story_ids)
        self.stories_read += len(found)
        return found


def _stream(n: int, seed: int, *, shuffle_times: bool) -> list[tuple[Article, list[str]]]:
    """``n`` articles on 12 made-up subjects (each with its own words and two entity ids), three subjects
    active at a time, a few hours apart; some out of time order when ``shuffle_times``."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choices(_SYLLABLES, k=3))

    common = [word() for _ in range(60)]
    subjects = [([word() + str(s) for _ in range(25)], [f"ent-{s}-a", f"ent-{s}-b"]) for s in range(12)]
    items = []
    for i in range(n):
        words, entities = subjects[(i // 6 + rng.randrange(3)) % len(subjects)]
        text = rng.choices(words, k=25) + rng.choices(common, k=35)
        rng.shuffle(text)
        hours = i * 3 + (rng.randrange(-40, 5) if shuffle_times and i % 7 == 3 else 0)
        article = Article(
            id=f"art-{seed}-{i:03d}",
            page_id=f"page-{seed}-{i:03d}",
            position=Position.MAIN,
            index=0,
            title=" ".join(text[:6]).capitalize(),
            body=" ".join(text[6:]).capitalize() + ".",
            published_at=T0 + timedelta(hours=hours) if i % 11 else None,
        )
        items.append((article, entities[: 1 + i % 2]))
    return items


def _shelved(store: SqliteStore) -> list[tuple[str, tuple[str, ...]]]:
    """The open stories on the shelf in join order: (id, member ids)."""
    rows = store._fetch("SELECT record FROM link_stories ORDER BY position")
    stories = [codec.decode(r[0], LiveStory) for r in rows]
    return [(s.id, tuple(m.id for m in s.members)) for s in stories]


def _batch(clusterer: StoryClusterer, batch: Sequence[tuple[Article, list[str]]]) -> list[str]:
    filed = [clusterer.add(article, entities) for article, entities in batch]
    clusterer.consolidate(article.id for article, _ in batch)
    return filed + [clusterer.story_of(article.id) or "" for article, _ in batch]


def _closed(stories: Sequence[Story], live: set[str]) -> dict[str, tuple[str, ...]]:
    return {s.id: s.article_ids for s in stories if s.id not in live}


@pytest.mark.parametrize(
    ("settings", "shuffle_times"),
    [
        (StorySettings(window=timedelta(hours=10)), False),
        (StorySettings(window=timedelta(hours=10)), True),
        (StorySettings(window=timedelta(days=30), max_live=5), True),
    ],
    ids=["closing-by-time", "times-out-of-order", "closing-by-number"],
)
def test_d4_shelved_stories_equal_the_full_scan(
    tmp_path: Path, settings: StorySettings, shuffle_times: bool
) -> None:
    items = _stream(150, seed=7, shuffle_times=shuffle_times)
    store = SqliteStore(tmp_path / "shelf.db")
    full_state: ClustererState = StoryClusterer(settings).state()
    shelf_state: ClustererState = full_state
    closed_full: dict[str, tuple[str, ...]] = {}
    closed_shelf: dict[str, tuple[str, ...]] = {}
    reads = []
    for start in range(0, len(items), 10):
        batch = items[start : start + 10]
        full = StoryClusterer.restore(full_state, settings)
        shelf = CountingShelf(store)
        shelved = StoryClusterer.restore(shelf_state, settings, shelf if start else None)
        assert _batch(full, batch) == _batch(shelved, batch)
        full_state = full.state()
        shelf_state, change = shelved.shelve()
        store.write_links([story_change(change)])
        live = [(s.id, tuple(m.id for m in s.members)) for s in full_state.live]
        assert _shelved(store) == live  # the same open stories, in the same join order
        assert shelf_state.n_shelved == len(live)
        closed_full |= _closed(full.stories(), {i for i, _ in live})
        closed_shelf |= _closed(shelved.stories(), {i for i, _ in live})
        reads.append((shelf.stories_read, len(live)))
    assert closed_full == closed_shelf
    assert closed_full  # stories did close, by time or by number
    assert any(read < n_live for read, n_live in reads)  # a batch read fewer stories than are open


def test_d4_batches_keep_the_shelf_and_the_story_rows_in_step(tmp_path: Path) -> None:
    """Through the link step: after each batch the story rows file every stored article exactly once, and
    the shelf holds open stories with the members of their story rows (none left behind once re-grouped)."""
    from newsift.pipeline.relink import relink_articles

    items = _stream(60, seed=3, shuffle_times=True)
    store = SqliteStore(tmp_path / "links.db")
    for start in range(0, len(items), 12):
        stored = store.store_batch([_page(article) for article, _ in items[start : start + 12]])
        relink_articles(store, list(stored.article_ids), happenings=False)
        rows = {r.key: codec.decode(r.record, Story).article_ids for r in store.query_links("story")}
        filed = sorted(a for ids in rows.values() for a in ids)
        assert filed == sorted(a.id for a, _ in items[: start + 12])
        shelved = _shelved(store)
        assert shelved and all(sorted(rows[i]) == sorted(members) for i, members in shelved)


def _page(article: Article) -> tuple[RawDocument, list[Article]]:
    raw = RawDocument(
        uri=f"https://example.org/{article.id}",
        content=article.id.encode(),
        content_type=ContentType.TEXT,
        fetched_at=article.published_at or T0,
    )
    return raw, [replace(article, page_id=raw.id, fetched_at=raw.fetched_at)]


def test_d4_a_near_copy_in_a_later_batch_is_found_among_related_candidates(tmp_path: Path) -> None:
    """Stored articles restored only as related-article candidates stay out of the near-duplicate index;
    a later near copy (a few words changed) of a stored article still finds it, and an unrelated article
    of the same subject is still no copy."""
    from newsift.model import DuplicateKind, DuplicateMatch
    from newsift.pipeline.relink import relink_articles

    items = [a for a, _ in _stream(48, seed=5, shuffle_times=False)]
    rng = random.Random(2)
    long_body = " ".join(items[20].body.split() + ["".join(rng.choices(_SYLLABLES, k=3)) for _ in range(200)])
    items[20] = replace(items[20], body=long_body)
    store = SqliteStore(tmp_path / "links.db")
    for start in range(0, 48, 16):
        stored = store.store_batch([_page(a) for a in items[start : start + 16]])
        relink_articles(store, list(stored.article_ids), happenings=False)
    original = items[20]
    words = original.body.split()
    words[40], words[150] = "altered", "edited"
    copy = replace(original, id="art-copy", body=" ".join(words), published_at=T0 + timedelta(days=9))
    other = replace(items[21], id="art-other", published_at=T0 + timedelta(days=9))
    other = replace(other, body=" ".join(reversed(other.body.split())))  # same words, no shared shingles
    stored = store.store_batch([_page(copy), _page(other)])
    relink_articles(store, list(stored.article_ids), happenings=False)
    found = {
        r.key: codec.decode(r.record, DuplicateMatch)
        for r in store.query_links("duplicate")
        if r.key in ("art-copy", "art-other")
    }
    assert found["art-copy"].kind is DuplicateKind.NEAR and found["art-copy"].matched_id == original.id
    assert found["art-other"].kind is DuplicateKind.UNIQUE
