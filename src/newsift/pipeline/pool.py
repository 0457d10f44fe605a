"""A process pool for the analysis stage: each worker loads the spaCy pipeline once, chunks go round.

Owns process start-up, chunking, a bound on chunks in flight (memory stays flat) and ordered output.
It imports the steps, never the runner, and must not read inputs or write the store: the runner does
both, in the parent process. Workers never outlive the parent: each watches it and exits when it is
gone, even after a SIGKILL.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from types import TracebackType

from newsift import codec
from newsift.config import Settings
from newsift.errors import ExtractionError
from newsift.model import Analysis, Article
from newsift.pipeline.steps import analyze_articles

__all__ = ["AnalysisPool", "PendingBatch", "analyze_parallel", "watch_parent"]

logger = logging.getLogger(__name__)


def analyze_parallel(
    articles: Iterable[Article],
    settings: Settings,
    workers: int = 2,
    *,
    chunk_size: int | None = None,
    max_in_flight: int | None = None,
    pool: AnalysisPool | None = None,
) -> Iterator[Analysis]:
    """Analyse articles in ``workers`` processes; yield analyses in input order.

    The input is read lazily, at most ``max_in_flight`` chunks (default two per worker) are queued
    or running at once, so memory does not grow with the input.

    Args:
        articles: any iterable, consumed as results are taken.
        settings: passed to ``steps.analyze_articles`` in each worker.
        workers: processes; 1 analyses in this process with no pool.
        chunk_size: articles per task (default ``settings.pipeline.batch_size``).
        max_in_flight: chunks submitted but not yet yielded.
        pool: an open pool to reuse (its worker count wins); by default one is started and stopped.

    Raises:
        ExtractionError: a worker process died.
        NewsiftError: what ``analyze_articles`` raised for a chunk, re-raised here.
    """
    size = chunk_size or settings.pipeline.batch_size
    chunks = _chunks(articles, size)
    if pool is not None:
        yield from _ordered(pool, chunks, max_in_flight or 2 * pool.workers)
    elif workers <= 1:
        yield from _analyze_in_process(chunks, settings)
    else:
        with AnalysisPool(settings, workers) as own:
            yield from _ordered(own, chunks, max_in_flight or 2 * workers)


def _ordered(pool: AnalysisPool, chunks: Iterable[list[Article]], limit: int) -> Iterator[Analysis]:
    pending: deque[Future[bytes]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(chunk))
        if len(pending) >= limit:
            yield from pool.collect(pending.popleft())
    while pending:
        yield from pool.collect(pending.popleft())


class AnalysisPool:
    """Worker processes with the spaCy pipeline loaded; ``analyze`` one batch or ``submit`` many.

    Use as a context manager, or call ``close``; the runner keeps one open for a whole run.
    """

    def __init__(self, settings: Settings, workers: int = 2, *, start_method: str = "spawn") -> None:
        self.settings = settings
        self.workers = workers
        # spawn: a fresh interpreter per worker, never a fork of a parent holding threads or sockets
        context = multiprocessing.get_context(start_method)
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),)
        )

    def submit(self, articles: Sequence[Article]) -> Future[bytes]:
        """Queue one chunk; pass the future to ``collect`` for its analyses."""
        try:
            return self._executor.submit(_analyze_chunk, list(articles), self.settings)
        except BrokenProcessPool as err:
            raise ExtractionError(f"analysis worker process died: {err}") from err

    @staticmethod
    def collect(future: Future[bytes]) -> list[Analysis]:
        """Wait for one chunk and decode its analyses (JSON between processes: 4× faster than pickle)."""
        try:
            data = future.result()
        except BrokenProcessPool as err:
            raise ExtractionError(f"analysis worker process died: {err}") from err
        return codec.decode(data, list[Analysis], source="analysis worker")

    def analyze(self, articles: Sequence[Article]) -> list[Analysis]:
        """One batch split across the workers, analyses returned in input order."""
        return self.submit_batch(articles).result()

    def submit_batch(self, articles: Sequence[Article]) -> PendingBatch:
        """Start one batch on the workers and return at once, so the caller can store the previous
        batch (or read the next) while this one is analysed; ``result()`` waits for it.
        """
        size = max(1, -(-len(articles) // self.workers))
        return PendingBatch(tuple(self.submit(chunk) for chunk in _chunks(articles, size)))

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class PendingBatch:
    """A batch submitted with ``AnalysisPool.submit_batch``; its analyses come in input order."""

    def __init__(self, futures: tuple[Future[bytes], ...]) -> None:
        self._futures = futures

    def done(self) -> bool:
        return all(future.done() for future in self._futures)

    def result(self) -> list[Analysis]:
        """Wait for the whole batch.

        Raises:
            ExtractionError: a worker process died.
            NewsiftError: what ``analyze_articles`` raised for a chunk, re-raised here.
        """
        return [analysis for future in self._futures for analysis in AnalysisPool.collect(future)]


def _init_worker(parent: int) -> None:
    """Tie the worker's life to its parent's, then load the pipeline once, before its first chunk."""
    watch_parent(parent)
    from newsift.nlp import load_nlp

    load_nlp()


PARENT_POLL_S = 0.25


def watch_parent(parent: int, *, poll_s: float = PARENT_POLL_S) -> None:
    """End this process when ``parent`` dies (a SIGKILL gives it no chance to stop its workers).

    A daemon thread polls the parent id: once the parent is gone the process is re-parented, the id
    changes, and the thread exits the process at once. Process-wide, unlike Linux's parent-death
    signal, which fires when the *thread* that started the child ends.
    """
    if os.getppid() != parent:  # the parent died before this worker got here
        os._exit(1)
    threading.Thread(
        target=_exit_with, args=(parent, poll_s), name="newsift-parent-watch", daemon=True
    ).start()


def _exit_with(parent: int, poll_s: float) -> None:
    while os.getppid() == parent:
        time.sleep(poll_s)
    logger.warning("analysis worker %d: parent %d is gone, exiting", os.getpid(), parent)
    os._exit(1)


def _analyze_chunk(articles: list[Article], settings: Settings) -> bytes:
    return codec.encode(analyze_articles(articles, settings))


def _analyze_in_process(chunks: Iterable[list[Article]], settings: Settings) -> Iterator[Analysis]:
    for chunk in chunks:
        yield from analyze_articles(chunk, settings)


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
