"""Relink memory: what restoring the saved linker costs as the store grows (issue 22).

Usage: python bench/relink_memory.py [--n N] [--factor F] [--added A]
Builds two linked SQLite stores in one run, of N and F*N synthetic articles (the seeded generator of
bench/store_scale.py: own text, no benchmark data), stores A more articles in each, and measures with
tracemalloc the peak memory of:
- ``whole``: the baseline, ``Linker.restore`` over every saved article state (the step before this
  change: every state decoded into a list, every article indexed again);
- ``near``: ``Linker.restore_near`` over the same states read as a stream, holding only the stored
  articles that can meet the A new ones;
- ``skeleton``: ``Linker.restore`` with no article state (the stories still open and the document
  frequencies alone; they grow with the open stories and the vocabulary, not with the states);
- ``relink``: the whole incremental link step, ``relink_articles`` (since issue 22, D4, through the
  saved postings, ``Linker.restore_posted``: it reads the open stories and the candidates' states, no
  longer every stored story row or every saved state; happenings are left to the run's end).
Each is reported at N and at F*N and as the ratio of the two: 1.0 is flat, F is linear in the store.
Also how many stored articles ``near`` held. Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tracemalloc
from collections.abc import Callable, Container, Iterator
from pathlib import Path
from typing import Any

from newsift import codec
from newsift.link.build import ArticleState, Linker
from newsift.pipeline import relink
from newsift.store import SqliteStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_scale import _linked_store


def _peak_mb(step: Callable[[], object]) -> tuple[float, object]:
    tracemalloc.start()
    try:
        result = step()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20, result


def _states(
    store: SqliteStore, chunks: tuple[str, ...], only: Container[str] | None = None
) -> Iterator[ArticleState]:
    for chunk in chunks:
        for row in store.iter_links(chunk):
            if only is None or row.key in only:
                yield codec.decode(row.record, ArticleState, source="links")


def measure(n: int, added: int, folder: Path) -> dict[str, float]:
    """Peaks (MiB) of the three steps for ``added`` new articles linked into a store of ``n``."""
    store, new_ids, _ = _linked_store(n, added, folder)
    meta = relink._read_meta(store)
    assert meta is not None
    new = [a for a in (store.get_article(i) for i in new_ids) if a is not None]
    skeleton, _ = _peak_mb(lambda: Linker.restore(meta.linker, []))
    whole, _ = _peak_mb(lambda: Linker.restore(meta.linker, list(_states(store, meta.chunks))))
    near, linker = _peak_mb(
        lambda: Linker.restore_near(
            meta.linker, lambda only: _states(store, meta.chunks, only), new, n_stored=meta.n_articles
        )
    )
    run, _ = _peak_mb(lambda: relink.relink_articles(store, new_ids))
    held = len(linker.order) if isinstance(linker, Linker) else -1
    store.close()
    return {
        "skeleton_mb": round(skeleton, 2),
        "whole_mb": round(whole, 2),
        "near_mb": round(near, 2),
        "relink_mb": round(run, 2),
        "held": held,
        "live_stories": meta.linker.stories.n_shelved,  # on the shelf (link_stories), not in the meta row
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="stored articles of the small store")
    parser.add_argument("--factor", type=int, default=4, help="the large store holds factor * n")
    parser.add_argument("--added", type=int, default=50, help="new articles linked into each")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsift-relink-memory-") as tmp:
        small = measure(args.n, args.added, Path(tmp))
        large = measure(args.factor * args.n, args.added, Path(tmp))
    result: dict[str, Any] = {"n": args.n, "factor": args.factor, "added": args.added}
    for key in ("skeleton_mb", "whole_mb", "near_mb", "relink_mb", "held", "live_stories"):
        result[f"{key}_small"], result[f"{key}_large"] = small[key], large[key]
        result[f"{key}_ratio"] = round(large[key] / small[key], 2) if small[key] else None
    print(f"store of {args.n}: {small}")
    print(f"store of {args.factor * args.n}: {large}")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
