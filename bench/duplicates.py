"""Check link.duplicates on real corpora: recall of the known exact-duplicate groups, sampled precision of
near duplicates, and throughput with peak memory over the Reuters-21578 stream.

Usage: python bench/duplicates.py [--data DIR] [--samples N] [--limit N]
DIR holds bbc_news.jsonl, reuters21578.jsonl and exact_duplicate_groups.json (benchdata/corpus).
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsift.link.duplicates import DuplicateIndex, DuplicateKind
from newsift.link.text import word_shingles

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "corpus"
CORPORA = {"bbc_news": "bbc_news.jsonl", "reuters21578": "reuters21578.jsonl"}


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def document_text(row: dict[str, Any]) -> str:
    return "\n\n".join(part for part in (row.get("title") or "", row.get("text") or "") if part.strip())


def index_corpus(
    path: Path, limit: int | None
) -> tuple[DuplicateIndex, dict[str, str], float, dict[str, int]]:
    index = DuplicateIndex()
    texts: dict[str, str] = {}
    kinds = {kind.value: 0 for kind in DuplicateKind}
    started = time.perf_counter()
    for n, row in enumerate(read_rows(path)):
        if limit is not None and n >= limit:
            break
        if not (row.get("text") or "").strip():
            continue
        text = document_text(row)
        texts[row["id"]] = text
        kinds[index.add(row["id"], text).kind.value] += 1
    return index, texts, time.perf_counter() - started, kinds


def exact_recall(index: DuplicateIndex, groups: Sequence[Sequence[str]]) -> tuple[int, int]:
    found = sum(
        1
        for g in groups
        if len({index.group_of(i) for i in g} - {None}) == 1 and None not in {index.group_of(i) for i in g}
    )
    return found, len(groups)


def true_jaccard(a: str, b: str) -> float:
    sa, sb = word_shingles(a), word_shingles(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def sample_near_pairs(
    index: DuplicateIndex, texts: dict[str, str], n: int, seed: int = 0
) -> list[tuple[str, str, float]]:
    pairs = [(g[0], other) for g in index.groups() for other in g[1:] if texts.get(g[0]) != texts.get(other)]
    pairs = [
        (a, b)
        for a, b in pairs
        if " ".join(texts[a].split()).casefold() != " ".join(texts[b].split()).casefold()
    ]
    random.Random(seed).shuffle(pairs)
    return [(a, b, true_jaccard(texts[a], texts[b])) for a, b in pairs[:n]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--samples", type=int, default=30, help="near-duplicate pairs to check by sampling")
    parser.add_argument("--limit", type=int, default=None, help="index only the first N rows of each corpus")
    args = parser.parse_args(argv)
    groups_path = args.data / "exact_duplicate_groups.json"
    if not groups_path.is_file() or not all((args.data / f).is_file() for f in CORPORA.values()):
        raise SystemExit(
            f"corpus files absent in {args.data}: see benchdata/corpus/README.md (pass --data DIR)"
        )
    gold = json.loads(groups_path.read_text(encoding="utf-8"))["groups"]
    result: dict[str, Any] = {}
    for name, filename in CORPORA.items():
        index, texts, seconds, kinds = index_corpus(args.data / filename, args.limit)
        found, total = exact_recall(index, [g for g in gold.get(name, []) if all(i in texts for i in g)])
        sampled = sample_near_pairs(index, texts, args.samples)
        precise = sum(1 for *_, j in sampled if j >= 0.5)
        result[name] = {
            "docs": len(texts),
            "seconds": round(seconds, 2),
            "docs_per_s": round(len(texts) / seconds, 1),
            "exact_groups_found": found,
            "exact_groups": total,
            "exact_recall": round(found / total, 4) if total else 1.0,
            "kinds": kinds,
            "near_pairs_sampled": len(sampled),
            "near_precision_sampled": round(precise / len(sampled), 4) if sampled else None,
            "sampled_jaccard_min": round(min((j for *_, j in sampled), default=1.0), 3),
        }
        print(
            f"{name}: {len(texts)} docs in {seconds:.1f}s ({len(texts) / seconds:.0f} docs/s), "
            f"exact groups found {found}/{total}, kinds {kinds}"
        )
        for a, b, j in sampled[:8]:
            print(f"  sampled pair {a} ~ {b}: true shingle Jaccard {j:.2f}")
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"peak RSS {result['peak_rss_mb']} MB")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
