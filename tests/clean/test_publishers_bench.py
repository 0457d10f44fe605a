"""bench/publishers.py: its loader pairs gold with pages by content and its scores count what they claim."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).parents[2] / "bench" / "publishers.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_publishers", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _gold(title: str, lead: str) -> dict[str, object]:
    return {
        "title": title,
        "authors": ["Ana Ruiz"],
        "publishing_date": "2024-03-02 23:30:00+00:00",
        "body": {"summary": [], "sections": [{"headline": [], "paragraphs": [lead]}]},
    }


def _page(title: str, lead: str) -> bytes:
    html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{lead}</p></body></html>"
    return gzip.compress(html.encode())


def test_publishers_bench_pairs_versions_with_the_page_that_holds_them(tmp_path: Path) -> None:
    bench = _bench()
    group = tmp_path / "xx"
    group.mkdir()
    old_lead = "The harbour board met on Tuesday to approve a longer pier for the ferry terminal and shops."
    new_lead = "The harbour board met again on Friday and delayed the pier because the costs had doubled."
    gold = {"V1": _gold("Board backs longer pier", old_lead), "V2": _gold("Board delays pier", new_lead)}
    (group / "Harbour.json").write_text(json.dumps(gold))
    # the file names sort against the version order: pairing must follow the content
    (group / "Harbour_2023_01_01.html.gz").write_bytes(_page("Board delays pier", new_lead))
    (group / "Harbour_2024_01_01.html.gz").write_bytes(_page("Board backs longer pier", old_lead))
    (group / "meta.info").write_text("{}")
    pages = bench.load(tmp_path, {"en"})
    assert [(p.title, p.body) for p in pages] == [
        ("Board backs longer pier", old_lead),
        ("Board delays pier", new_lead),
    ]
    assert old_lead in pages[0].html and new_lead in pages[1].html


def test_publishers_bench_same_day_and_title_rules() -> None:
    bench = _bench()
    assert bench.same_day("2024-03-03T01:30:00+02:00", "2024-03-02 23:30:00+00:00")  # same UTC day
    assert bench.same_day("2024-03-02T20:00:00-05:00", "2024-03-02 23:30:00+00:00")  # same stated day
    assert not bench.same_day("2024-03-04T10:00:00+00:00", "2024-03-02 23:30:00+00:00")
    assert not bench.same_day("", "2024-03-02 23:30:00+00:00")
    assert bench.same_title("Board’s  plan", "Board's plan")
    assert not bench.same_title("Board plan | Harbour News", "Board plan")


def test_publishers_bench_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--data", str(tmp_path / "absent")], capture_output=True, text=True
    )
    assert result.returncode == 2 and "not found" in result.stderr
