"""The plain progress line of `ingest` when stderr is not a terminal (logs, CI, cron)."""

from __future__ import annotations

import io
import logging
import shutil
import time
from pathlib import Path

from typer.testing import CliRunner

from newsift.cli import app
from newsift.cli.progress import ProgressLine

REPO = Path(__file__).resolve().parents[2]


def test_progress_line_counts_inputs_rate_and_failures() -> None:
    now = [100.0]
    line = ProgressLine(io.StringIO(), interval=3600, clock=lambda: now[0])
    with line:
        line.update(3, 10, 8)
        logging.getLogger("newsift.runner").error("bad.txt: clean failed: empty input")
        now[0] += 4.0
        text = line.render()
    assert text == "ingest: 3/10 inputs, 8 articles stored, 2.0 articles/s, 1 failed, 4s"
    logging.getLogger("newsift.runner").error("after the run: not counted")
    assert "1 failed" in line.render()


def test_progress_line_is_written_every_interval() -> None:
    out = io.StringIO()
    with ProgressLine(out, interval=0.01) as line:
        line.update(1, 2, 5)
        deadline = time.monotonic() + 5
        while "ingest: 1/2 inputs, 5 articles stored" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    assert "ingest: 1/2 inputs, 5 articles stored" in out.getvalue()


def test_cli_ingest_prints_progress_lines_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(REPO / "examples", inputs)
    (inputs / "0-empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "n.db"), "ingest", str(inputs), "--progress-every", "0.05"]
    )
    lines = [x for x in result.stderr.splitlines() if x.startswith("ingest: ")]
    assert result.exit_code == 1, result.stderr  # the empty file failed, the rest was stored
    assert lines, result.stderr
    assert any(" failed, " in x and "1 failed" in x for x in lines)
