"""Uploads (``POST /api/ingest``) are ingested in a worker process, never in the server's own.

Analysis is CPU-bound and holds the GIL for seconds: run in the server's thread pool it slowed every
read of the server (issue 22, D19). The worker is one spawned process at a lower priority (nice 10), so
the server's reads come first on a busy machine; it runs the ingest like ``newsift ingest`` does, on its
own store connection, and ends when the server ends (or dies: it watches its parent).

The server only enqueues an upload and awaits its result on the event loop: no server thread waits
for an ingest, so any number of uploads in the queue leaves the whole thread pool to the reads. The
worker takes the queue one upload at a time (memory stays bounded).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsift import codec
from newsift.config import Settings
from newsift.errors import ExtractionError
from newsift.model import RunReport

__all__ = ["UPLOAD_NICENESS", "UploadWorker"]

logger = logging.getLogger(__name__)

UPLOAD_NICENESS = 10  # added to the worker's scheduling niceness: the server's reads go first


class UploadWorker:
    """One worker process, started at the first upload, that ingests the queued uploads one at a time."""

    def __init__(self, db: str, settings: Settings) -> None:
        self._db, self._settings = db, settings
        self._executor: ProcessPoolExecutor | None = None
        self._guard = threading.Lock()

    async def ingest(self, item: str, names: dict[str, str] | None = None) -> RunReport:
        """Queue one file path or URL for the worker and await the run's report (no thread waits).

        A wait cancelled (the server shutting down) before the worker took the upload takes it out of
        the queue; once taken, the worker finishes it.

        Raises:
            ExtractionError: the worker process died (it is started again for the next upload).
        """
        future = self._pool().submit(_ingest, self._db, self._settings, item, names)
        try:
            data = await asyncio.wrap_future(future)
        except BrokenProcessPool as err:
            self.close()
            raise ExtractionError(f"{item}: upload worker process died: {err}") from err
        return codec.decode(data, RunReport, source="upload worker")

    def worker_pid(self) -> int:
        """The worker's process id (starting it if need be)."""
        return int(self._pool().submit(os.getpid).result())

    def _pool(self) -> ProcessPoolExecutor:
        with self._guard:
            if self._executor is None:
                context = multiprocessing.get_context("spawn")  # never a fork of a threaded server
                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),)
                )
            return self._executor

    def close(self) -> None:
        with self._guard:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(parent: int) -> None:
    from newsift.pipeline.pool import watch_parent

    watch_parent(parent)
    os.nice(UPLOAD_NICENESS)


def _ingest(db: str, settings: Settings, item: str, names: dict[str, str] | None) -> bytes:
    """In the worker: one ingest run on the worker's own store connection."""
    from newsift.pipeline.runner import run_ingest
    from newsift.store import open_store

    store = open_store(db)
    try:
        return codec.encode(run_ingest([item], store, settings, names=names))
    finally:
        store.close()
        _release_heap()


def _release_heap() -> None:
    """Hand the heap an ingest freed back to the system: analysis and relinking allocate tens of MB for
    a moment, and glibc keeps freed pages per thread arena, so a long-lived worker would only grow."""
    import gc

    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    """glibc's malloc_trim, or None elsewhere (found once: find_library runs a subprocess)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc
        return None
