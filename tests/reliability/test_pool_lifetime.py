"""The analysis pool cannot outlive its parent (issue 22, D13).

A child process opens an ``AnalysisPool`` with two workers and is killed with SIGKILL, which gives it
no chance to stop them; its workers and multiprocessing's resource tracker must then exit by
themselves. Processes are found through /proc, so the test needs Linux.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

PARENT = """
import sys, time
from newsift.config import Settings
from newsift.pipeline.pool import AnalysisPool

pool = AnalysisPool(Settings(), 2)
futures = [pool.submit([]) for _ in range(4)]  # starts both workers
print("ready", flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its new parent to reap it has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _wait(condition: object, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_d13_pool_workers_die_with_their_parent() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSIFT_")}
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, env=env)
    children: set[int] = set()
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == b"ready"
        # two workers and the resource tracker
        assert _wait(lambda: len(children.update(_children(parent.pid)) or children) >= 3, 60), children
        time.sleep(0.5)  # let the workers start their watch before the kill
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        survivors = lambda: {pid for pid in children if _alive(pid)}  # noqa: E731
        assert _wait(lambda: not survivors(), 20), f"still running after the parent died: {survivors()}"
    finally:
        for pid in [parent.pid, *children]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.wait(10)
        parent.stdout.close()  # type: ignore[union-attr]


def test_d13_watch_parent_exits_a_process_whose_parent_is_gone() -> None:
    """The watch itself, with no pool: an intermediate process dies, its child notices within a second."""
    grandchild = (
        "import os, sys, time; from newsift.pipeline.pool import watch_parent; "
        "watch_parent(int(sys.argv[1]), poll_s=0.05); print(os.getpid(), flush=True); time.sleep(60)"
    )
    middle = (
        "import subprocess, sys, time; "
        f"p = subprocess.Popen([sys.executable, '-c', {grandchild!r}, str(__import__('os').getpid())]); "
        "time.sleep(60)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSIFT_")}
    proc = subprocess.Popen([sys.executable, "-c", middle], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        pid = int(proc.stdout.readline())
        assert _alive(pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert _wait(lambda: not _alive(pid), 5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()  # type: ignore[union-attr]
