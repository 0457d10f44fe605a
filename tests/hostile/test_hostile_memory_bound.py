"""The memory bound of the hostile-input runs is enforced by the kernel, not only measured afterwards.

``cli_process.limit_memory`` sets ``RLIMIT_DATA`` on the child: these tests show it takes hold (an
allocation past it fails with MemoryError in the child, one under it does not), so the hostile runs
that use it cannot take more than the documented bound whatever their input does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.hostile import cli_process as proc

GRAB = "import sys; block = bytearray(int(sys.argv[1]) << 20); block[::4096] = b'x' * len(block[::4096])"


def _grab(mb: int, limit_mb: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GRAB, str(mb)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=proc.limit_memory(limit_mb),
        check=False,
    )


def test_memory_bound_an_allocation_past_the_limit_fails_in_the_child() -> None:
    done = _grab(384, limit_mb=256)
    assert done.returncode == 1 and "MemoryError" in done.stderr


def test_memory_bound_an_allocation_under_the_limit_succeeds() -> None:
    done = _grab(64, limit_mb=256)
    assert done.returncode == 0, done.stderr


def test_memory_bound_is_the_one_docs_reliability_states() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert f"peak RSS under **{proc.MEMORY_BOUND_MB} MiB**" in page
    assert f"more than **{proc.DATA_LIMIT_MB >> 10} GiB of data** (`RLIMIT_DATA`" in page
