"""Run the real `newsift` CLI in a child process and measure it: exit code, output, wall time, peak RSS.

Peak RSS comes from the child's own rusage (``os.wait4``), so it is that process's high-water mark
and nothing else's. Shared by tests/hostile and tests/reliability.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CLI",
    "DATA_LIMIT_MB",
    "MEMORY_BOUND_MB",
    "Finished",
    "limit_file_size",
    "limit_memory",
    "run_newsift",
    "start_newsift",
]

CLI = "import sys; from newsift.cli import main; sys.exit(main(sys.argv[1:]))"
# The memory bounds docs/reliability.md promises for one hostile input (ingest --no-analyze), in MiB:
# the child's peak RSS is asserted under MEMORY_BOUND_MB, and ``limit_memory`` has the kernel refuse it
# data past DATA_LIMIT_MB: the same bound plus a fixed allowance for address space reserved but never
# resident (thread stacks, allocator arenas; the D8 input peaks at about 640 MiB of data for 490 MiB RSS).
MEMORY_BOUND_MB = 768
DATA_LIMIT_MB = MEMORY_BOUND_MB + 256


@dataclass(frozen=True, slots=True)
class Finished:
    code: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # user + system time of the child: its work, whatever else the machine runs

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error ")]


def _env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSIFT_")}
    env.update({"COLUMNS": "400", "NO_COLOR": "1", "PYTHONHASHSEED": "0"})
    env.update(extra or {})
    return env


def start_newsift(
    args: Sequence[str],
    out: Path,
    *,
    env: Mapping[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    program: str = CLI,
) -> subprocess.Popen[bytes]:
    """Start ``newsift ARGS`` with stdout and stderr written to ``out``.stdout/.stderr.

    ``program``: the Python code run with ``ARGS`` (a test may wrap the CLI in hooks of its own)."""
    with out.with_suffix(".stdout").open("wb") as stdout, out.with_suffix(".stderr").open("wb") as stderr:
        return subprocess.Popen(
            [sys.executable, "-c", program, *args],
            stdout=stdout,
            stderr=stderr,
            env=_env(env),
            preexec_fn=preexec,
        )


def run_newsift(
    args: Sequence[str],
    out: Path,
    *,
    env: Mapping[str, str] | None = None,
    timeout_s: float = 120.0,
    preexec: Callable[[], None] | None = None,
    program: str = CLI,
) -> Finished:
    """Run ``newsift ARGS`` to the end (killed after ``timeout_s``) and measure it."""
    started = time.monotonic()
    process = start_newsift(args, out, env=env, preexec=preexec, program=program)
    timer = threading.Timer(timeout_s, lambda: os.kill(process.pid, signal.SIGKILL))
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting
    seconds = time.monotonic() - started
    return Finished(
        code=process.returncode,
        stdout=out.with_suffix(".stdout").read_text(errors="replace"),
        stderr=out.with_suffix(".stderr").read_text(errors="replace"),
        seconds=seconds,
        peak_rss_mb=usage.ru_maxrss / 1024,  # Linux reports KiB
        cpu_seconds=usage.ru_utime + usage.ru_stime,
    )


def limit_memory(max_mb: int = DATA_LIMIT_MB) -> Callable[[], None]:
    """A preexec hook: the child may not hold more than ``max_mb`` MiB of data (``RLIMIT_DATA``: its heap
    and private writable mappings; shared libraries and mapped files are not counted), so an input that
    would take more fails there with MemoryError instead of taking the machine's memory."""

    def apply() -> None:
        limit = max_mb << 20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

    return apply


def limit_file_size(max_bytes: int) -> Callable[[], None]:
    """A preexec hook: files the child writes may not grow past ``max_bytes`` (EFBIG, no SIGXFSZ)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply
