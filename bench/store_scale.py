"""Store scale: ingest rate, search latency and size per article for SQLite (and PostgreSQL if present).

Usage: python bench/store_scale.py [--quick] [--n N] [--batch B] [--queries Q] [--pg-url URL | --no-pg]
       python bench/store_scale.py --relink N   (link 50 new articles into N: incremental vs whole store)
       python bench/store_scale.py --relink N --relink-factor F   (and the incremental run's cost at F*N
       over its cost at N: what a run's link step costs as the store grows; 1.0 is flat, F is linear)
Generates N synthetic articles (own seeded generator, default 200,000; --quick: 5,000), stores them
in batches (articles only, no analyses), then times Q searches of each kind: "typical" (one or two
mid-frequency words; one such word is in 0.2 % to 2 % of the articles) and "common" (one of the 40
most frequent topic words, which most articles contain: the worst case, ranking nearly every row).
Size per article is the growth of the database over the empty, migrated one. PostgreSQL runs
against --pg-url, else a throwaway server on 127.0.0.1 when the server binaries are installed.
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsift.model import Article, ContentType, Position, RawDocument
from newsift.store import SqliteStore

WORDS = (  # noqa: SIM905 (a sentence of words reads better than a 40-item list)
    "turkey pakistan india drone jet navy army exercise upgrade deal minister talks border trade "
    "missile frigate submarine treaty sanction election court bank inflation market oil gas port "
    "strike ceasefire summit envoy budget factory export import cyber unit alliance agreement report"
).split()
FILLER = "the a of to in and on for with said that by from at as was is it its has have will".split()  # noqa: SIM905
START = datetime(2025, 1, 1, tzinfo=UTC)


def _vocabulary(size: int, seed: int = 3) -> list[str]:
    """Distinct pronounceable pseudo-words, deterministic for a seed."""
    rng = random.Random(seed)
    onsets = "b c d f g h k l m n p r s t v z br dr kr pl st tr".split()  # noqa: SIM905
    vowels = "a e i o u ai ou".split()  # noqa: SIM905
    words: dict[str, None] = {}
    while len(words) < size:
        n_syllables = rng.choice((2, 2, 3, 3, 4))
        words["".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(n_syllables))] = None
    return list(words)


# News text is Zipfian: a few words are in every article, most are rare. 40 topic words head a
# vocabulary of 20,000 pseudo-words drawn with weight 1/rank, a third of the words of an article.
VOCABULARY = [*WORDS, *(w for w in _vocabulary(20_040) if w not in WORDS)][:20_000]
_CUMULATIVE = list(itertools.accumulate(1 / rank for rank in range(1, len(VOCABULARY) + 1)))
TYPICAL = VOCABULARY[300:3_000]  # each in roughly 0.2 % to 2 % of the articles


def generate(n: int, seed: int = 7) -> Iterator[tuple[RawDocument, list[Article]]]:
    """N one-article pages of 120 to 240 words, deterministic for a seed."""
    rng = random.Random(seed)
    for i in range(n):
        when = START + timedelta(minutes=i)
        raw = RawDocument(
            uri=f"synthetic://{i}",
            content=f"page {i}".encode(),
            content_type=ContentType.TEXT,
            fetched_at=when,
        )
        length = rng.randint(120, 240)
        content = rng.choices(VOCABULARY, cum_weights=_CUMULATIVE, k=length // 3)
        words = rng.choices(FILLER, k=length)
        for word in content:
            words[rng.randrange(length)] = word
        paragraphs = [" ".join(words[k : k + 40]).capitalize() + "." for k in range(0, len(words), 40)]
        title = " ".join(rng.choices(VOCABULARY, cum_weights=_CUMULATIVE, k=6)).capitalize()
        article = Article(
            id=f"{raw.id}-0",
            page_id=raw.id,
            position=Position.MAIN,
            index=0,
            title=title,
            body="\n\n".join(paragraphs),
            outlet=f"outlet{i % 50}",
            published_at=when,
            fetched_at=when,
        )
        yield raw, [article]


def measure(store: Any, n: int, batch: int, queries: int) -> dict[str, float]:
    pending: list[tuple[RawDocument, list[Article]]] = []
    ingest_s = 0.0  # the generator's own time is left out
    for page in generate(n):
        pending.append(page)
        if len(pending) >= batch:
            ingest_s += _timed(store.store_batch, pending)
            pending = []
    if pending:
        ingest_s += _timed(store.store_batch, pending)
    assert store.count_articles() == n, "not every article was stored"
    rng = random.Random(11)
    typical = [" ".join(rng.sample(TYPICAL, rng.choice((1, 1, 2)))) for _ in range(queries)]
    common = [rng.choice(WORDS) for _ in range(queries)]
    return {
        "ingest_articles_per_s": round(n / ingest_s, 1),
        "ingest_s": round(ingest_s, 2),
        **_search_latency(store, typical, "typical"),
        **_search_latency(store, common, "common"),
    }


def _timed(store_batch: Any, pending: list[tuple[RawDocument, list[Article]]]) -> float:
    started = time.perf_counter()
    store_batch(pending)
    return time.perf_counter() - started


def _search_latency(store: Any, queries: list[str], kind: str) -> dict[str, float]:
    store.search(queries[0], limit=20)  # warm the cache once
    latencies, hits = [], 0
    for query in queries:
        started = time.perf_counter()
        hits += len(store.search(query, limit=20))
        latencies.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(latencies, n=20)
    return {
        f"search_{kind}_p50_ms": round(statistics.median(latencies), 2),
        f"search_{kind}_p95_ms": round(cuts[18], 2),
        f"search_{kind}_mean_hits": round(hits / len(queries), 1),
    }


def run_sqlite(n: int, batch: int, queries: int, folder: Path) -> dict[str, float]:
    store = SqliteStore(folder / "scale.db")
    empty = _sqlite_size(store)
    result = measure(store, n, batch, queries)
    size = _sqlite_size(store)
    store.close()
    return {**result, "bytes_per_article": round((size - empty) / n)}


def _sqlite_size(store: SqliteStore) -> int:
    store.settle()  # the write-ahead log checkpointed into the file
    return store.disk_bytes()


def run_postgres(url: str, n: int, batch: int, queries: int) -> dict[str, float]:
    from newsift.store.postgres import PostgresStore

    store = PostgresStore(url)
    empty = store.disk_bytes()
    result = measure(store, n, batch, queries)
    store.settle()  # VACUUM ANALYZE: what autovacuum does soon after a bulk load
    size = store.disk_bytes()
    store.close()
    return {**result, "bytes_per_article": round((size - empty) / n)}


@contextmanager
def throwaway_postgres() -> Iterator[str | None]:
    """A PostgreSQL server in a temporary folder on 127.0.0.1, or None when it cannot be started."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found or (os.geteuid() == 0 and not shutil.which("runuser")):
        yield None
        return
    bindir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="newsift-pgbench-"))
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = str(folder / "data")
    run = [*as_user, str(bindir / "pg_ctl"), "-D", data]
    subprocess.run(
        [
            *as_user,
            str(bindir / "initdb"),
            "-D",
            data,
            "-U",
            "bench",
            "--auth=trust",
            "--no-locale",
            "-E",
            "UTF8",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*run, "-o", f"-h 127.0.0.1 -p {port} -k {folder}", "-w", "-l", str(folder / "log"), "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://bench@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run, "-m", "fast", "-w", "stop"], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _linked_store(n: int, added: int, folder: Path) -> tuple[SqliteStore, list[str], float]:
    """A store of ``n`` articles linked whole, then ``added`` more stored but not linked: the store,
    the new ids and the seconds the whole-store link took."""
    from newsift.pipeline.relink import relink_store

    store = SqliteStore(folder / f"relink-{n}.db")
    pages = list(generate(n + added))
    store.store_batch(pages[:n])
    started = time.perf_counter()
    relink_store(store)
    first_full = time.perf_counter() - started
    return store, list(store.store_batch(pages[n:]).article_ids), first_full


def _timed_incremental(store: SqliteStore, new_ids: list[str]) -> float:
    from newsift.pipeline.relink import relink_articles

    started = time.perf_counter()
    relink_articles(store, new_ids)
    return time.perf_counter() - started


def measure_relink(n: int, added: int, folder: Path) -> dict[str, float]:
    """Seconds to link ``added`` new articles into a linked store of ``n``: incremental and whole-store."""
    from newsift.pipeline.relink import relink_store

    store, new_ids, first_full = _linked_store(n, added, folder)
    incremental = _timed_incremental(store, new_ids)
    started = time.perf_counter()
    relink_store(store)
    full = time.perf_counter() - started
    store.close()
    return {
        "articles": n,
        "added": added,
        "full_relink_before_s": round(first_full, 2),
        "incremental_s": round(incremental, 2),
        "full_relink_s": round(full, 2),
        "full_over_incremental": round(full / incremental, 1),
    }


def incremental_seconds(n: int, added: int, folder: Path) -> float:
    """Seconds ``relink_articles`` takes to link ``added`` new articles into a linked store of ``n``."""
    store, new_ids, _ = _linked_store(n, added, folder)
    seconds = _timed_incremental(store, new_ids)
    store.close()
    return seconds


def measure_relink_scale(n: int, added: int, factor: int, folder: Path) -> dict[str, float]:
    """The incremental link step of one run at ``factor * n`` stored articles over the same at ``n``."""
    small = incremental_seconds(n, added, folder)
    large = incremental_seconds(factor * n, added, folder)
    return {
        "articles": n,
        "added": added,
        "factor": factor,
        "incremental_small_s": round(small, 2),
        "incremental_large_s": round(large, 2),
        "incremental_ratio": round(large / small, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 articles, 50 queries (seconds)")
    parser.add_argument("--n", type=int, default=None, help="synthetic articles (default 200,000)")
    parser.add_argument("--batch", type=int, default=500, help="pages per store_batch call")
    parser.add_argument("--queries", type=int, default=None, help="searches timed per kind (default 200)")
    parser.add_argument("--pg-url", default=None, help="an existing PostgreSQL database to fill")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--relink",
        type=int,
        default=None,
        metavar="N",
        help="instead: time linking 50 new articles into a linked store of N (incremental vs whole store)",
    )
    parser.add_argument(
        "--relink-factor",
        type=int,
        default=None,
        metavar="F",
        help="with --relink N: time the incremental link step at N and F*N stored articles (a ratio)",
    )
    args = parser.parse_args(argv)
    if args.relink is not None and args.relink_factor is not None:
        with tempfile.TemporaryDirectory(prefix="newsift-relink-") as tmp:
            scale = measure_relink_scale(args.relink, 50, args.relink_factor, Path(tmp))
        print(f"relink scale: {scale}")
        print(json.dumps(scale, sort_keys=True))
        return 0
    if args.relink is not None:
        with tempfile.TemporaryDirectory(prefix="newsift-relink-") as tmp:
            relink = measure_relink(args.relink, 50, Path(tmp))
        print(f"relink: {relink}")
        print(json.dumps(relink, sort_keys=True))
        return 0
    args.n = args.n or (5_000 if args.quick else 200_000)
    args.queries = args.queries or (50 if args.quick else 200)
    result: dict[str, Any] = {"articles": args.n, "batch": args.batch, "queries": args.queries}
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="newsift-scale-") as tmp:
            result["sqlite"] = run_sqlite(args.n, args.batch, args.queries, Path(tmp))
        print(f"sqlite: {result['sqlite']}")
    if not args.no_pg:
        with throwaway_postgres() if args.pg_url is None else _given(args.pg_url) as url:
            if url is None:
                print("postgresql: server binaries not found, skipped", file=sys.stderr)
            else:
                result["postgres"] = run_postgres(url, args.n, args.batch, args.queries)
                print(f"postgres: {result['postgres']}")
    print(json.dumps(result, sort_keys=True))
    return 0


@contextmanager
def _given(url: str) -> Iterator[str | None]:
    yield url


if __name__ == "__main__":
    sys.exit(main())
