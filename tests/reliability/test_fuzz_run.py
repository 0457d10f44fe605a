"""CI runs the atheris harness for a bounded time: a crash it finds fails the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "fuzz" / "run.py"


def test_fuzz_harness_runs_bounded_without_crash() -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")
    done = subprocess.run(
        [sys.executable, str(RUN), "8"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
