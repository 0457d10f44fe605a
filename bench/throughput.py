"""Throughput of the full analysis pipeline against bare spaCy NER, with 1 and 2 worker processes.

Usage: python bench/throughput.py [--quick] [--data DIR|FILE] [--n N] [--batch-size B]
Reads texts from bbc_news.jsonl; in one run times (1) bare ``nlp.pipe`` of the same model with NER only,
(2) ``runner.analyze_articles`` in this process, one batch at a time as the runner calls it, (3) the same
through a 2-worker pool (start-up timed apart). Speed targets are ratios measured here, never absolute times.
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from newsift.config import PipelineSettings, Settings
from newsift.model import Article, Position
from newsift.nlp.pipeline import MODEL_PACKAGES
from newsift.pipeline.pool import AnalysisPool, analyze_parallel
from newsift.pipeline.steps import analyze_articles

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "corpus"


def read_articles(data: Path, n: int) -> list[Article]:
    path = data / "bbc_news.jsonl" if data.is_dir() else data
    if not path.is_file():
        raise SystemExit(f"{path} not found: see benchdata/corpus/README.md (pass --data)")
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text"):
                articles.append(_article(row, len(articles)))
            if len(articles) >= n:
                break
    return articles


def _article(row: dict[str, Any], index: int) -> Article:
    return Article(
        id=str(row.get("id") or index),
        page_id=f"bench-{index}",
        position=Position.MAIN,
        index=0,
        title=row.get("title") or "",
        body=row["text"],
    )


def time_bare_spacy(articles: list[Article], batch_size: int) -> tuple[float, int]:
    """Seconds for ``nlp.pipe`` over the same texts, NER only, and the entities found."""
    import spacy

    name = next(m for m in MODEL_PACKAGES if importlib.util.find_spec(m) is not None)
    nlp = spacy.load(name)
    nlp.select_pipes(enable=["ner"])
    texts = [a.text for a in articles]
    started = time.perf_counter()
    n_entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - started, n_entities


def time_full(articles: list[Article], settings: Settings) -> tuple[float, int]:
    """Seconds for the chain in this process, a batch at a time as the runner calls it, and the mentions.

    No analysis outlives its batch, so the peak RSS is the pipeline's, not a list of every result.
    """
    analyze_articles(articles[:2], settings)  # load the pipeline outside the timing
    size, n_mentions = settings.pipeline.batch_size, 0
    started = time.perf_counter()
    for k in range(0, len(articles), size):
        analyses = analyze_articles(articles[k : k + size], settings)
        n_mentions += sum(len(a.annotated.mentions) for a in analyses)
    return time.perf_counter() - started, n_mentions


def time_pool(
    articles: list[Article], settings: Settings, workers: int, chunk_size: int
) -> tuple[float, float, int, float]:
    """(start-up seconds, analysis seconds, mentions, largest worker peak RSS in MB) for a pool."""
    started = time.perf_counter()
    with AnalysisPool(settings, workers) as pool:
        pool.analyze(articles[: 2 * workers])  # every worker has loaded the model
        ready = time.perf_counter()
        analyses = analyze_parallel(articles, settings, chunk_size=chunk_size, pool=pool)
        n_mentions = sum(len(a.annotated.mentions) for a in analyses)
        done = time.perf_counter()
        worker_mb = max(_peak_mb(pid) for pid in pool._executor._processes)
    return ready - started, done - ready, n_mentions, worker_mb


def _peak_mb(pid: int) -> float:
    """A live process's peak RSS (VmHWM); getrusage(RUSAGE_CHILDREN) would count the parent at fork."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quick", action="store_true", help="150 articles (under a minute)")
    parser.add_argument("--n", type=int, default=None, help="articles to use (default: all, 150 quick)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=8, help="articles per pool task")
    args = parser.parse_args(argv)
    n = args.n or (150 if args.quick else 1_000_000)
    articles = read_articles(args.data.resolve(), n)
    settings = Settings(pipeline=PipelineSettings(batch_size=args.batch_size))
    n_chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {n_chars / len(articles):.0f} chars each on average", file=sys.stderr)

    load_before = os.getloadavg()[0]
    bare_s, n_entities = time_bare_spacy(articles, args.batch_size)
    print(f"bare spaCy NER: {bare_s:.2f}s ({len(articles) / bare_s:.1f}/s), {n_entities} entities")
    full_s, n_mentions = time_full(articles, settings)
    print(f"full pipeline, 1 process: {full_s:.2f}s ({len(articles) / full_s:.1f}/s), {n_mentions} mentions")
    startup_s, pool_s, pool_mentions, worker_mb = time_pool(articles, settings, args.workers, args.chunk_size)
    print(
        f"full pipeline, {args.workers} workers: {pool_s:.2f}s ({len(articles) / pool_s:.1f}/s)"
        f" after {startup_s:.2f}s start-up"
    )
    if pool_mentions != n_mentions:
        print(f"WARNING: pool found {pool_mentions} mentions, in-process {n_mentions}", file=sys.stderr)
    result = {
        "articles": len(articles),
        "batch_size": args.batch_size,
        "workers": args.workers,
        "chunk_size": args.chunk_size,
        "bare_spacy_s_per_article": round(bare_s / len(articles), 5),
        "full_s_per_article": round(full_s / len(articles), 5),
        "full_over_bare": round(full_s / bare_s, 3),
        "full_articles_per_s_1_worker": round(len(articles) / full_s, 2),
        f"full_articles_per_s_{args.workers}_workers": round(len(articles) / pool_s, 2),
        f"speedup_{args.workers}_workers": round(full_s / pool_s, 3),
        "pool_startup_s": round(startup_s, 2),
        "same_output": pool_mentions == n_mentions,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_worker_mb": round(worker_mb, 1),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],  # before, after
    }
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
