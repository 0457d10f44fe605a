"""Beyond one machine: the same stage functions as Ray Data over input shards, Parquet out, store loaded.

Reading and cleaning run as a flat_map over shard paths; analysis runs in actors that hold the spaCy
pipeline; rows are written to Parquet; the driver then loads the store as its single writer.
No home-made cluster code: scheduling, retries and back-pressure are Ray's.
"""

from __future__ import annotations

import glob
import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsift import codec
from newsift.config import Settings
from newsift.errors import ConfigError, NewsiftError
from newsift.model import Analysis, Article, Failure, Page, RawDocument, Rejected, RunReport
from newsift.pipeline.runner import failure_of
from newsift.pipeline.steps import analyze_articles, clean_input, read_documents
from newsift.store import open_store

__all__ = ["read_shard", "run_ray"]

logger = logging.getLogger(__name__)


def read_shard(path: str, settings: Settings) -> list[dict[str, Any]]:
    """One shard (WARC, JSONL, feed, HTML or text file) as rows: one per article or failure."""
    rows: list[dict[str, Any]] = []
    try:
        for document in read_documents(path, settings):
            if isinstance(document, Failure):
                rows.append(_failure_row(document))
                continue
            rows.extend(_clean_rows(document))
    except NewsiftError as err:
        rows.append(_failure_row(failure_of(path, "ingest", err)))
    return rows


def _clean_rows(raw: RawDocument) -> list[dict[str, Any]]:
    try:
        result = clean_input(raw)
    except NewsiftError as err:
        return [_failure_row(failure_of(raw.uri, "clean", err))]
    if isinstance(result, Rejected):
        return [{"kind": "rejected", "page": "", "article": codec.encode(result).decode(), "analysis": ""}]
    page = Page.of(raw)
    rows = [_failure_row(f) for f in result.failures]
    page_json = codec.encode(page).decode()
    rows += [
        {"kind": "article", "page": page_json, "article": codec.encode(a).decode(), "analysis": ""}
        for a in result.articles
    ]
    return rows


def _failure_row(failure: Failure) -> dict[str, Any]:
    return {"kind": "failure", "page": "", "article": codec.encode(failure).decode(), "analysis": ""}


class _Analyzer:
    """A Ray actor: loads the pipeline once, analyses batches of article rows."""

    def __init__(self, settings_json: str) -> None:
        from newsift.nlp import load_nlp

        self.settings = codec.decode(settings_json, Settings)
        load_nlp()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        kinds = list(batch["kind"])
        wanted = [i for i, kind in enumerate(kinds) if kind == "article"]
        articles = [codec.decode(batch["article"][i], Article) for i in wanted]
        analyses = [""] * len(kinds)
        if self.settings.pipeline.analyze and articles:
            for i, analysis in zip(wanted, analyze_articles(articles, self.settings), strict=True):
                analyses[i] = codec.encode(analysis).decode()
        return {**{key: list(values) for key, values in batch.items()}, "analysis": analyses}


def run_ray(
    input_glob: str,
    output_dir: str | Path,
    db_url: str,
    *,
    settings: Settings | None = None,
    actors: int | None = None,
    batch_size: int | None = None,
) -> RunReport:
    """Clean and analyse every shard matching ``input_glob`` on Ray; write Parquet; load the store.

    Uses the running Ray cluster, or starts a local one (``ray.init()``) when none is connected.
    ``actors`` (spaCy holders, one CPU each) defaults to the cluster's CPUs less one, which stays
    free for reading and cleaning: with every CPU held by an actor, no shard could be read.

    Raises:
        ConfigError: Ray is not installed, or no file matches ``input_glob``.
        StoreError: the store could not be written.
    """
    settings = settings or Settings()
    paths = sorted(glob.glob(input_glob, recursive=True))
    if not paths:
        raise ConfigError(f"no input matches {input_glob!r}")
    try:
        import ray
    except ImportError as err:
        raise ConfigError("Ray is not installed: pip install 'ray[data]'") from err
    if not ray.is_initialized():
        ray.init()
    if actors is None:
        actors = max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)  # type: ignore[no-untyped-call]
    dataset = ray.data.from_items([{"path": p} for p in paths], override_num_blocks=len(paths))
    rows = dataset.flat_map(lambda item: read_shard(item["path"], settings))
    analysed = rows.map_batches(
        _Analyzer,
        fn_constructor_args=(codec.encode(settings).decode(),),
        batch_size=batch_size or settings.pipeline.batch_size,
        concurrency=actors,
        num_cpus=1,
    )
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    analysed.write_parquet(str(output_dir))
    return load_parquet(output_dir, db_url, n_inputs=len(paths))


def load_parquet(
    output_dir: str | Path, db_url: str, *, n_inputs: int = 0, pages_per_batch: int = 200
) -> RunReport:
    """Load the rows ``run_ray`` wrote into the store named by ``db_url``, batch by batch."""
    import pyarrow.parquet as pq

    store = open_store(db_url)
    failures: list[Failure] = []
    rejected: list[Rejected] = []
    totals = {"articles": 0, "stored": 0, "unchanged": 0}
    stored_ids: list[str] = []
    try:
        for part in sorted(Path(output_dir).glob("*.parquet")):
            table = pq.read_table(part, columns=["kind", "page", "article", "analysis"])
            pages, analyses = _group(table.to_pylist(), failures, rejected)
            totals["articles"] += sum(len(a) for _, a in pages)
            for start in range(0, len(pages), pages_per_batch):
                result = store.store_batch(pages[start : start + pages_per_batch], analyses)
                totals["stored"] += result.n_stored
                totals["unchanged"] += result.n_unchanged
                stored_ids.extend(result.article_ids)
        if failures:
            store.store_failures("ray", failures)
    finally:
        store.close()
    return RunReport(
        n_inputs=n_inputs,
        n_articles=totals["articles"],
        n_stored=totals["stored"],
        n_unchanged=totals["unchanged"],
        failures=tuple(failures),
        rejected=tuple(rejected),
        article_ids=tuple(stored_ids),
    )


def _group(
    rows: list[dict[str, Any]], failures: list[Failure], rejected: list[Rejected]
) -> tuple[list[tuple[Page, list[Article]]], dict[str, Analysis]]:
    pages: dict[str, Page] = {}
    articles: dict[str, list[Article]] = defaultdict(list)
    analyses: dict[str, Analysis] = {}
    for row in rows:
        if row["kind"] == "failure":
            failures.append(codec.decode(row["article"], Failure))
            continue
        if row["kind"] == "rejected":
            rejected.append(codec.decode(row["article"], Rejected))
            continue
        page = codec.decode(row["page"], Page)
        article = codec.decode(row["article"], Article)
        pages.setdefault(page.id, page)
        articles[page.id].append(article)
        if row["analysis"]:
            analyses[article.id] = codec.decode(row["analysis"], Analysis)
    return [(raw, sorted(articles[key], key=lambda a: a.index)) for key, raw in pages.items()], analyses
