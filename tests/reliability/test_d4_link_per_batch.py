"""A big folder is linked batch by batch, and a batch reads a bounded part of the saved linker (issue 22, D4).

The runner links each stored batch before it stores the next, so a run stopped anywhere leaves at most
one batch unlinked; and linking a batch reads the saved postings of its own keys and the states of the
stored articles those postings name (at most 150 candidates per new article, plus its possible copies),
never the whole saved linker: the number of saved article states it loads does not grow with the store.
Inputs are made-up words written by the test.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsift.config import PipelineSettings, Settings
from newsift.model import Analysis, Article, Page, RawDocument
from newsift.pipeline.relink import is_linked
from newsift.pipeline.runner import run_ingest
from newsift.store import LinkRow, SqliteStore, StoredBatch

SETTINGS = Settings(pipeline=PipelineSettings(analyze=False, batch_size=32))
START = datetime(2024, 5, 1, tzinfo=UTC)
_CANDIDATES = 150  # link.related: candidates scored per new article
_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "bi", "du", "fa", "ge", "po", "zu"]


class CountingStore(SqliteStore):
    """A real SQLite store that counts what the link step reads of the saved linker."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.states_read = 0  # saved article states handed out (rows of the linker's chunk kinds)
        self.copy_postings_read = 0  # ids read under duplicate keys (possible copies: loaded whole)
        self.whole_state_reads = 0  # streams over a whole chunk of saved states
        self.waiting_before_batch: list[int] = []  # stored articles not linked yet, before each batch

    def query_link_rows(
        self, kinds: Sequence[str], *, keys: Sequence[str] = (), article_ids: Sequence[str] = ()
    ) -> list[LinkRow]:
        rows = super().query_link_rows(kinds, keys=keys, article_ids=article_ids)
        if all(kind.startswith("linkstate:") for kind in kinds):
            self.states_read += len(rows)
        return rows

    def query_postings(
        self, keys: Sequence[str], *, since: int = 0, cap: int | None = None
    ) -> dict[str, list[tuple[int, str]]]:
        found = super().query_postings(keys, since=since, cap=cap)
        self.copy_postings_read += sum(len(ids) for key, ids in found.items() if key.startswith("dup:"))
        return found

    def iter_links(self, kind: str, *, page: int = 256) -> Iterator[LinkRow]:
        if kind.startswith("linkstate:"):
            self.whole_state_reads += 1
        return super().iter_links(kind, page=page)

    def store_batch(
        self,
        pages: Sequence[tuple[Page | RawDocument, Sequence[Article]]],
        analyses: dict[str, Analysis] | None = None,
    ) -> StoredBatch:
        self.waiting_before_batch.append(self.query_pending_links(limit=0)[1])
        return super().store_batch(pages, analyses)

    def reset(self) -> None:
        self.states_read = self.copy_postings_read = self.whole_state_reads = 0


def _word(rng: random.Random) -> str:
    return "".join(rng.choices(_SYLLABLES, k=3))


def _write_jsonl(path: Path, n: int, seed: int, first: int = 0) -> Path:
    """``n`` articles of 90 words drawn from one shared pool of 80 made-up words, so every article
    shares blocking keys with most others: without the candidate bound, a new one would meet them all."""
    rng = random.Random(seed)
    pool = [_word(rng) for _ in range(80)]
    lines = []
    for i in range(first, first + n):
        words = rng.choices(pool, k=90)
        lines.append(
            {
                "title": " ".join(words[:6]).capitalize(),
                "text": " ".join(words[6:]).capitalize() + ".",
                "url": f"https://example.org/{seed}/{i}",
                "source": "Example Times",
                "published": "2024-05-01T08:00:00Z",
            }
        )
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def _store_of(folder: Path, n: int) -> CountingStore:
    store = CountingStore(folder / f"news-{n}.db")
    report = run_ingest([str(_write_jsonl(folder / f"base-{n}.jsonl", n, seed=5))], store, SETTINGS)
    assert report.n_stored == n and not report.failures
    return store


def test_d4_runner_links_each_batch_before_storing_the_next(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "news.db")
    report = run_ingest([str(_write_jsonl(tmp_path / "big.jsonl", 100, seed=3))], store, SETTINGS)
    assert report.n_stored == 100 and not report.failures
    # 100 articles in batches of 32: four batches; before each, fewer than one batch waits to be linked
    assert len(store.waiting_before_batch) >= 4
    assert all(n < SETTINGS.pipeline.batch_size for n in store.waiting_before_batch)
    assert is_linked(store) and store.query_pending_links(limit=0)[1] == 0
    assert len(store.query_links("duplicate")) == store.count_articles() == 100


@pytest.mark.parametrize(
    "n", [200, pytest.param(800, marks=pytest.mark.slow)], ids=["store-200", "store-800"]
)
def test_d4_a_batch_loads_a_bounded_number_of_saved_states(tmp_path: Path, n: int) -> None:
    store = _store_of(tmp_path, n)
    store.reset()
    new = _write_jsonl(tmp_path / "new.jsonl", 1, seed=5, first=n)  # one more article from the same pool
    report = run_ingest([str(new)], store, SETTINGS)
    assert report.n_stored == 1 and not report.failures
    assert store.whole_state_reads == 0  # no saved chunk is streamed whole
    assert 0 < store.states_read <= _CANDIDATES + store.copy_postings_read
    assert store.states_read < n  # the bound bites: most stored articles are candidates in principle
    assert is_linked(store)
    related = store.query_links("related", article_id=report.article_ids[0])
    assert related  # the new article was linked against the stored ones


def test_d4_batch_links_equal_the_whole_relink_on_time_ordered_batches(tmp_path: Path) -> None:
    """Batches in time order, linked one by one from the postings, give the whole relink's duplicates,
    stories and related lists."""
    from newsift.pipeline.relink import relink_store

    def links(store: SqliteStore) -> dict[str, Any]:
        kinds = ("story", "duplicate", "related")
        return {kind: sorted((r.key, r.record) for r in store.query_links(kind)) for kind in kinds}

    rng = random.Random(11)
    topics = [[_word(rng) + str(t) for _ in range(30)] for t in range(8)]
    lines = []
    for i in range(90):
        words = rng.choices(topics[i % 8], k=70)
        text = " ".join(words)
        if i % 9 == 8:  # an exact copy of an earlier article
            text = lines[i - 5]["text"]
        lines.append(
            {
                "title": " ".join(words[:5]).capitalize(),
                "text": text,
                "url": f"https://example.org/t/{i}",
                "published": (START + timedelta(hours=i)).isoformat(),
            }
        )
    path = tmp_path / "timed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    store = SqliteStore(tmp_path / "news.db")
    assert run_ingest([str(path)], store, SETTINGS).n_stored == 90
    batched = links(store)
    relink_store(store)
    assert batched == links(store)
