"""The extraction benchmark's dev pages (../shared): newsift scores at least as well as plain trafilatura."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).parents[2] / "bench" / "extraction.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_extraction", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_html_bench_scoring_counts_shared_shingles() -> None:
    bench = _bench()
    assert bench.page_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    precision, recall = bench.page_scores("a b c d x", "a b c d e f")
    assert precision == 0.5 and recall == pytest.approx(1 / 3)
    assert bench.page_scores("", "a b c d") == (None, 0.0)


def test_html_bench_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--data", str(tmp_path / "absent")], capture_output=True, text=True
    )
    assert result.returncode == 2 and "not found" in result.stderr


@pytest.mark.shared
def test_html_bench_newsift_not_below_trafilatura_on_dev_pages(shared_dir: Path) -> None:
    folder = shared_dir / "benchdata" / "extraction" / "dev"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    bench = _bench()
    pages = bench.load(folder)[:30]
    ours = bench.summarize(bench.score(pages, bench.newsift_body)[0])
    theirs = bench.summarize(bench.score(pages, bench.trafilatura_body)[0])
    assert ours["f1"] >= theirs["f1"]
    assert ours["f1"] > 0.95


def test_html_bench_halves_split_by_page_number() -> None:
    bench = _bench()
    scores = [(1.0, 1.0), (0.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    split = bench.halves(scores)
    assert split["tune_odd"]["f1"] == 1.0 and split["check_even"]["f1"] == 0.0
    assert split["all"]["recall"] == 0.5
