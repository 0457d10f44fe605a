"""A plain progress line on stderr every few seconds, for logs, CI and cron (stderr not a terminal).

Failures are counted from the ERROR records the runner logs for each failed input.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["ProgressLine"]


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.n = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.n += 1


class ProgressLine:
    """Use as a context manager; pass ``update`` as the runner's ``on_progress`` callback.

    Every ``interval`` seconds it writes one line: inputs done, articles stored, rate, failures, time.
    """

    def __init__(
        self, stream: TextIO, *, interval: float = 5.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._stream = stream
        self._interval = interval
        self._clock = clock
        self._started = clock()
        self._state = (0, 0, 0)
        self._errors = _ErrorCounter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="newsift-progress", daemon=True)

    def update(self, done: int, total: int, stored: int) -> None:
        self._state = (done, total, stored)

    def render(self) -> str:
        done, total, stored = self._state
        elapsed = max(self._clock() - self._started, 1e-6)
        return (
            f"ingest: {done}/{total} inputs, {stored} articles stored, {stored / elapsed:.1f} articles/s, "
            f"{self._errors.n} failed, {elapsed:.0f}s"
        )

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            self._stream.write(self.render() + "\n")
            self._stream.flush()

    def __enter__(self) -> ProgressLine:
        logging.getLogger("newsift").addHandler(self._errors)
        self._started = self._clock()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        logging.getLogger("newsift").removeHandler(self._errors)
