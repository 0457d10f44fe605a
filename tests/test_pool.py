"""The analysis process pool: same analyses as in-process, in order, bounded, and loud when a worker dies."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from newsift.config import Settings
from newsift.errors import ExtractionError
from newsift.model import Article, Position
from newsift.pipeline.pool import AnalysisPool, analyze_parallel
from newsift.pipeline.steps import analyze_articles

pytestmark = pytest.mark.model

SETTINGS = Settings()
TEXTS = [
    "Turkey will upgrade Pakistan's F-16 jets, officials in Ankara said on Monday.",
    '"We are ready to co-develop drones," said Defence Minister Khawaja Asif.',
    "The Pakistan Navy and the Turkish Navy held a joint exercise in the Arabian Sea.",
    "India denied reports that it had delivered missiles to Armenia.",
    "Analysts in Islamabad cautioned that the deal could strain ties with Washington.",
]


def _articles(n: int) -> list[Article]:
    return [
        Article(
            id=f"a{i:03d}",
            page_id=f"p{i:03d}",
            position=Position.MAIN,
            index=0,
            title=f"Report {i}",
            body=TEXTS[i % len(TEXTS)],
        )
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def pool() -> Iterator[AnalysisPool]:
    with AnalysisPool(SETTINGS, workers=2) as opened:
        yield opened


def test_pool_matches_in_process_analysis_in_order(pool: AnalysisPool) -> None:
    articles = _articles(9)
    expected = analyze_articles(articles, SETTINGS)
    got = list(analyze_parallel(articles, SETTINGS, chunk_size=2, pool=pool))
    assert [a.article.id for a in got] == [a.id for a in articles]
    assert got == expected
    assert any(a.annotated.mentions for a in got)


def test_pool_reads_input_lazily_with_bounded_chunks_in_flight(pool: AnalysisPool) -> None:
    consumed: list[int] = []

    def lazy() -> Iterator[Article]:
        for article in _articles(40):
            consumed.append(1)
            yield article

    results = analyze_parallel(lazy(), SETTINGS, chunk_size=3, max_in_flight=2, pool=pool)
    first = next(results)
    assert first.article.id == "a000"
    assert len(consumed) <= 2 * 3
    assert len(list(results)) == 39
    assert len(consumed) == 40


def test_pool_analyze_splits_a_batch_across_workers(pool: AnalysisPool) -> None:
    articles = _articles(5)
    assert [a.article.id for a in pool.analyze(articles)] == [a.id for a in articles]
    assert pool.analyze([]) == []


def test_pool_single_worker_runs_in_process() -> None:
    articles = _articles(3)
    got = list(analyze_parallel(articles, SETTINGS, workers=1))
    assert got == analyze_articles(articles, SETTINGS)


def test_pool_worker_death_is_an_extraction_error() -> None:
    with AnalysisPool(SETTINGS, workers=1) as doomed:
        future = doomed.submit(_articles(200))
        for pid in list(doomed._executor._processes):
            os.kill(pid, signal.SIGKILL)
        with pytest.raises(ExtractionError, match="worker process died"):
            doomed.collect(future)


def test_pool_submit_batch_keeps_batches_in_flight_in_order(pool: AnalysisPool) -> None:
    first, second = _articles(6), _articles(12)[6:]
    pending = pool.submit_batch(first)
    later = pool.submit_batch(second)  # both batches queued: the workers never wait for the caller
    assert [a.article.id for a in pending.result()] == [a.id for a in first]
    assert [a.article.id for a in later.result()] == [a.id for a in second]
    assert pending.done() and later.done()
    assert pool.submit_batch([]).result() == []
