"""Link batches: linking one stored batch costs the same at a store of N articles as at F*N (issue 22, D4).

Usage: python bench/link_batches.py [--n N] [--factor F] [--batch B] [--measured K]
For each store size S in (N, F*N), in a fresh child process (so its peak RSS is its own): stores S
synthetic articles (the seeded generator of bench/store_scale.py: own text, no benchmark data) and links
them batch by batch as the runner does (``relink_articles`` after each stored batch of B), then stores
and links K more batches, measuring each of those: wall and CPU time, peak RSS during the batch's link step
(VmHWM reset through /proc/self/clear_refs before it), and how many saved article states, postings and
open stories (table ``link_stories``) it read. The articles carry no published time and fetch times a
minute apart, the worst case of a folder of small files: no story closes by time. Reports per-batch
medians at each size and their ratios (F*N over N): 1.0 is flat, F is linear in the store. Prints a
human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsift.pipeline.relink import relink_articles
from newsift.store import SqliteStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_scale import generate  # a sibling bench script


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux)


class _Counted:
    """Counts what one link step reads of the saved linker, wrapping the store's readers."""

    def __init__(self, store: SqliteStore) -> None:
        self.states = self.postings = self.stories = 0
        rows, postings, stories = store.query_link_rows, store.query_postings, store.query_shelved_stories

        def query_link_rows(kinds: Any, **kw: Any) -> Any:
            found = rows(kinds, **kw)
            if all(k.startswith("linkstate:") for k in kinds):
                self.states += len(found)
            return found

        def query_postings(keys: Any, **kw: Any) -> Any:
            found = postings(keys, **kw)
            self.postings += sum(len(v) for v in found.values())
            return found

        def query_shelved_stories(ids: Any) -> Any:
            found = stories(ids)
            self.stories += len(found)
            return found

        store.query_link_rows = query_link_rows  # type: ignore[method-assign]
        store.query_postings = query_postings  # type: ignore[method-assign]
        store.query_shelved_stories = query_shelved_stories  # type: ignore[method-assign]


def one_size(size: int, batch: int, measured: int, folder: Path) -> dict[str, Any]:
    """Build a store of ``size`` linked batch by batch, then measure ``measured`` more batches."""
    store = SqliteStore(folder / f"batches-{size}.db")
    pages = [
        (raw, [replace(a, published_at=None) for a in found])
        for raw, found in generate(size + measured * batch)
    ]
    started = time.perf_counter()
    build_times = []
    for start in range(0, size, batch):
        ids = list(store.store_batch(pages[start : start + batch]).article_ids)
        cpu = time.process_time()
        relink_articles(store, ids, happenings=False)
        build_times.append(time.process_time() - cpu)
    built_s = time.perf_counter() - started
    counted = _Counted(store)
    rows = []
    for start in range(size, size + measured * batch, batch):
        ids = list(store.store_batch(pages[start : start + batch]).article_ids)
        counted.states = counted.postings = counted.stories = 0
        before = _rss_mb("VmRSS")
        _reset_peak()
        t, cpu = time.perf_counter(), time.process_time()
        relink_articles(store, ids, happenings=False)
        rows.append(
            {
                "seconds": time.perf_counter() - t,
                "cpu_seconds": time.process_time() - cpu,
                "peak_rss_mb": _rss_mb("VmHWM"),
                "peak_over_start_mb": _rss_mb("VmHWM") - before,
                "states_read": counted.states,
                "postings_read": counted.postings,
                "open_stories_read": counted.stories,
            }
        )
    meta = store.query_links("linkstate", key="meta")
    store.close()
    tenth = max(1, len(build_times) // 10)
    return {
        "articles": size,
        "build_s": round(built_s, 1),
        "build_first_tenth_batch_cpu_s": round(statistics.median(build_times[:tenth]), 3),
        "build_last_tenth_batch_cpu_s": round(statistics.median(build_times[-tenth:]), 3),
        "meta_mb": round(len(meta[0].record) / 2**20, 2) if meta else 0.0,
        **{key: round(statistics.median(r[key] for r in rows), 3) for key in rows[0]},
        "states_read_max": max(r["states_read"] for r in rows),
        "open_stories": json.loads(meta[0].record)["linker"]["stories"].get("n_shelved") if meta else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the smaller store")
    parser.add_argument("--factor", type=int, default=4, help="the larger store holds factor * n")
    parser.add_argument("--batch", type=int, default=32, help="articles per batch (pipeline.batch_size)")
    parser.add_argument("--measured", type=int, default=5, help="batches measured after the store is built")
    parser.add_argument("--one-size", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_size is not None:
        with tempfile.TemporaryDirectory(prefix="link-batches-") as folder:
            print(json.dumps(one_size(args.one_size, args.batch, args.measured, Path(folder))))
        return 0
    results = []
    for size in (args.n, args.factor * args.n):
        command = [sys.executable, __file__, "--one-size", str(size), "--batch", str(args.batch)]
        command += ["--measured", str(args.measured)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ.copy())
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    small, large = results
    ratios = {
        key: round(large[key] / small[key], 2) if small[key] else None
        for key in (
            "seconds",
            "cpu_seconds",
            "peak_over_start_mb",
            "states_read",
            "postings_read",
            "open_stories_read",
            "meta_mb",
        )
    }
    print(
        f"per batch of {args.batch}: {small['seconds']:.2f} s ({small['cpu_seconds']:.2f} s CPU) at {args.n} "
        f"articles, {large['seconds']:.2f} s ({large['cpu_seconds']:.2f} s CPU) at {large['articles']} "
        f"(ratios {ratios['seconds']}, CPU {ratios['cpu_seconds']}); "
        f"peak RSS growth {small['peak_over_start_mb']:.1f} / {large['peak_over_start_mb']:.1f} MiB; "
        f"states read {small['states_read']} / {large['states_read']}"
    )
    print(json.dumps({"batch": args.batch, "small": small, "large": large, "ratio": ratios}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
