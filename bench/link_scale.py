"""Link scale: linking a new batch costs the same per file whether the linker holds N or 4N articles.

Usage: python bench/link_scale.py [--n N] [--batch B] [--factor F]
Builds two linkers in one run, one holding N synthetic articles and one holding F*N (default 4N), then
links the same batch of B new articles into each (``link_more``: duplicates, stories, related lists,
tags) and compares the time per new file, and the memory the batch allocates (tracemalloc peak, in a
second pass on fresh copies). The articles carry no published time and fetch times seconds apart,
the worst case of a folder of small files: no story closes by time, every story is a candidate.
A ratio near 1.0 means bounded; linear cost in the store size would show F. Uses the synthetic
generator of bench/store_scale.py (own seeded text, no benchmark data).
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from newsift.link.build import Linker, link_more
from newsift.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_scale import START, generate  # a sibling bench script


def articles(n: int) -> list[Article]:
    """N one-article pages with no published time, fetched one second apart."""
    return [
        replace(a, published_at=None, fetched_at=START + timedelta(seconds=i))
        for i, (_, found) in enumerate(generate(n))
        for a in found
    ]


def filled(base: Sequence[Article]) -> Linker:
    """A linker holding ``base`` (added one by one, as an ingest adds them)."""
    linker = Linker()
    for article in base:
        linker.add(article)
    return linker


def batch_seconds(linker: Linker, batch: Sequence[Article]) -> float:
    started = time.perf_counter()
    link_more(linker, batch)
    return time.perf_counter() - started


def batch_peak_mb(linker: Linker, batch: Sequence[Article]) -> float:
    tracemalloc.start()
    link_more(linker, batch)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1500, help="articles in the smaller linker")
    parser.add_argument("--batch", type=int, default=200, help="new articles linked into each")
    parser.add_argument("--factor", type=int, default=4, help="the larger linker holds factor * n")
    args = parser.parse_args(argv)
    large_n = args.factor * args.n
    every = articles(large_n + args.batch)
    batch = every[large_n:]
    built = time.perf_counter()
    small, large = filled(every[: args.n]), filled(every[:large_n])
    build_s = time.perf_counter() - built
    spare_small, spare_large = copy.deepcopy(small), copy.deepcopy(large)
    link_more(Linker(), every[:5])  # warm-up: first-use caches are not charged to either size
    small_s, large_s = batch_seconds(small, batch), batch_seconds(large, batch)
    small_mb, large_mb = batch_peak_mb(spare_small, batch), batch_peak_mb(spare_large, batch)
    result = {
        "n": args.n,
        "large_n": large_n,
        "batch": args.batch,
        "build_s": round(build_s, 1),
        "ms_per_file_n": round(1000 * small_s / args.batch, 2),
        "ms_per_file_large": round(1000 * large_s / args.batch, 2),
        "time_ratio": round(large_s / small_s, 2),
        "batch_peak_mb_n": round(small_mb, 1),
        "batch_peak_mb_large": round(large_mb, 1),
        "memory_ratio": round(large_mb / small_mb, 2),
    }
    print(f"link a batch of {args.batch} new files into a linker of {args.n} and of {large_n} articles")
    print(
        f"  per new file: {result['ms_per_file_n']} ms at {args.n}, {result['ms_per_file_large']} ms at "
        f"{large_n}: ratio {result['time_ratio']} (bounded ≈ 1, linear ≈ {args.factor})"
    )
    print(
        f"  batch peak allocation: {result['batch_peak_mb_n']} MB vs {result['batch_peak_mb_large']} MB: "
        f"ratio {result['memory_ratio']}"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
