"""The runner: reads inputs, runs the steps in order and in batches, applies the one error policy.

It owns batching, the on_error policy (``Outcomes``), progress callbacks, the RunReport and the run's
``runs`` row; the steps (``pipeline.steps``) own none of that.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from newsift import codec
from newsift.clean import CleanResult
from newsift.clean.language import load_language_model
from newsift.config import OnError, Settings, settings_hash
from newsift.errors import InputError, NewsiftError, StoreError
from newsift.ingest import HttpFetcher, expand_inputs
from newsift.ingest.files import printable_name
from newsift.model import (
    Analysis,
    Article,
    Failure,
    Page,
    RawDocument,
    Rejected,
    RunRecord,
    RunReport,
    make_id,
)
from newsift.pipeline.steps import (
    RULES_CHOICE,
    TOO_LONG,
    analyze_articles,
    check_extractor,
    clean_input,
    extract_chosen_events,
    open_fetcher,
    read_documents,
    skipped_languages,
)
from newsift.store import Store

if TYPE_CHECKING:
    from newsift.pipeline.pool import AnalysisPool, PendingBatch

__all__ = ["Outcomes", "failure_of", "run_ingest", "store_run"]

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, int], None]  # inputs done, inputs in all, articles stored so far
_T = TypeVar("_T")


# --- the error policy ---------------------------------------------------------------------------


def failure_of(item: str, stage: str, err: Exception) -> Failure:
    """The Failure record of ``err`` met at ``stage`` on ``item``: the one place failures are built
    from errors (an InputError names its own source and reason)."""
    if isinstance(err, InputError):
        return Failure(item_id=printable_name(err.source), stage=stage, error_type=type(err).__name__,
                       message=err.reason)  # fmt: skip
    return Failure(item_id=printable_name(item), stage=stage, error_type=type(err).__name__, message=str(err))


@dataclass
class Outcomes:
    """The failures and rejections of one run under its ``on_error`` policy: ``"raise"`` re-raises
    at once, ``"record"`` keeps a Failure and lets the run go on. Every runner (ingest, poll) uses it."""

    on_error: OnError = "record"
    failures: list[Failure] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def fail(self, item: str, stage: str, err: Exception) -> None:
        """Record ``err`` met on ``item`` (or raise it, under ``on_error="raise"``)."""
        if self.on_error == "raise":
            raise err
        failure = failure_of(item, stage, err)
        if isinstance(err, NewsiftError):
            logger.error("%s: %s failed: %s", failure.item_id, stage, failure.message)
        else:  # a bug on one input: its traceback is logged, the batch goes on
            logger.exception("%s: unexpected error", failure.item_id)
        self.failures.append(failure)

    def add(self, failure: Failure) -> None:
        """Keep a failure a step returned (a bad JSONL line, an unreadable WARC record)."""
        logger.error("%s: %s failed: %s", failure.item_id, failure.stage, failure.message)
        self.failures.append(failure)

    def isolated(self, documents: Iterator[_T | Failure], item: str, stage: str = "ingest") -> Iterator[_T]:
        """Per-input isolation: a bad input (or a bug on one) becomes a Failure and the batch goes on."""
        try:
            for doc in documents:
                if isinstance(doc, Failure):
                    self.add(doc)
                else:
                    yield doc
        except Exception as err:
            self.fail(item, stage, err)


# --- the runs row -------------------------------------------------------------------------------


def store_run(store: Store, run_id: str, started_at: datetime, settings: Settings, report: RunReport) -> None:
    """Write the ``runs`` row of a finished run, so stored results can be traced to their settings."""
    row = RunRecord(
        id=run_id,
        started_at=started_at,
        finished_at=datetime.now(UTC),
        settings_hash=settings_hash(settings),
        report=codec.encode(report).decode(),
    )
    try:
        store.store_run(row)
    except StoreError as err:  # the report still carries the run
        logger.error("%s", err)


# --- the ingest run -----------------------------------------------------------------------------


def run_ingest(
    items: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    fetched_at: datetime | None = None,
    on_progress: Progress | None = None,
    names: Mapping[str, str] | None = None,
) -> RunReport:
    """Ingest paths, folders and URLs into the store, batch by batch.

    ``names`` gives an input the URI to store instead of its path (an upload keeps its client's
    file name, not the server's temporary path).

    Each failing input becomes a Failure (``on_error="record"``) or raises (``"raise"``); a batch is
    stored in one transaction, so a crash loses at most the batches in flight (two with a pool).
    Expected non-results are the report's ``rejected`` entries, apart from its failures (they leave
    the exit code at 0): a page with no article (``NO_ARTICLE``, nothing stored), an article too long
    to analyse (``TOO_LONG``, stored clean), articles whose LLM events fell back to the rules ones
    (``LLM_FALLBACK``) and articles not in English (``NOT_ENGLISH``, stored without entities and facts).

    Raises:
        ConfigError: the llm extractor is chosen but has no endpoint (checked before any input is read).
    """
    if settings.pipeline.analyze:
        check_extractor(settings)
    started_at = datetime.now(UTC)
    run = _Run(store, settings, list(expand_inputs(items)), names or {})
    if run.inputs:
        load_language_model()  # its one-off load peaks before any page is in memory, not beside a big one
    try:
        run.read_all(fetched_at, on_progress)
    except StoreError as err:  # e.g. a full disk: the batch in flight is lost, committed ones stay
        if settings.pipeline.on_error == "raise":
            raise
        logger.error("%s: ingest stopped: %s", store.path, err)
        run.outcomes.failures.append(failure_of(store.path, "store", err))
    finally:
        run.close()
    report = run.report()
    if run.outcomes.failures:
        try:
            store.store_failures(run.id, run.outcomes.failures)
        except StoreError as err:  # the report still carries them
            logger.error("%s", err)
    store_run(store, run.id, started_at, settings, report)
    return report


@dataclass
class _InFlight:
    pages: list[tuple[Page, list[Article]]]
    pending: PendingBatch | None
    n_articles: int


class _Run:
    """The state of one ingest run: the batch being filled, the one in flight, counts and outcomes."""

    def __init__(self, store: Store, settings: Settings, inputs: list[str], names: Mapping[str, str]) -> None:
        self.id = uuid.uuid4().hex[:12]
        self.store, self.settings, self.inputs, self.names = store, settings, inputs, names
        self.outcomes = Outcomes(on_error=settings.pipeline.on_error)
        self.fallbacks: list[Rejected] = []
        self.counts = {"articles": 0, "stored": 0, "unchanged": 0}
        self.stored_ids: list[str] = []
        self.batch: list[tuple[Page, list[Article]]] = []  # no bytes held in a batch
        self.fetcher: HttpFetcher | None = None
        self.pool = _pool(settings)
        self.in_flight: _InFlight | None = None  # with a pool: the batch analysed while the next is read

    def read_all(self, fetched_at: datetime | None, on_progress: Progress | None) -> None:
        total = len(self.inputs)
        if self.settings.pipeline.link and _unlinked(self.store):
            self._link(whole_units_only=True)
        for done, item in enumerate(self.inputs, start=1):
            if "://" in item and self.fetcher is None:
                self.fetcher = open_fetcher(self.settings)
            self._read_one(item, fetched_at, partial(self._tick, on_progress, done - 1, total))
            if on_progress is not None:
                on_progress(done, total, self.counts["stored"])
        self.flush()
        self.flush()  # the last batch, still in flight with a pool
        if on_progress is not None:
            on_progress(total, total, self.counts["stored"])
        if self.settings.pipeline.link:
            self._link()
            self._link_happenings()

    def _read_one(self, item: str, fetched_at: datetime | None, on_flush: Callable[[], None]) -> None:
        """Read and clean one input. Its documents are locals here, so none outlives the input: a big
        page's bytes are not held through the rest of the run and the link step."""
        documents = read_documents(item, self.settings, fetched_at=fetched_at, fetcher=self.fetcher)
        for raw in self.outcomes.isolated(documents, item):
            self._take(raw, item, on_flush)

    def _tick(self, on_progress: Progress | None, done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(done, total, self.counts["stored"])

    def _take(self, raw: RawDocument, item: str, on_flush: Callable[[], None]) -> None:
        """Clean one document into the batch, flushing full batches (``on_flush`` after each: a WARC,
        a big feed or a folder moves within one input)."""
        if raw.uri == item and item in self.names:
            raw = replace(raw, uri=self.names[item])
        page = Page.of(raw)  # hashes the bytes once
        if self.store.has_page(page.id):
            self.counts["unchanged"] += 1
            logger.info("%s: already stored, skipped", raw.uri)
            return
        result = self._clean(raw)
        if result is None:
            return
        if isinstance(result, Rejected):
            self.outcomes.rejected.append(result)
            return
        self.outcomes.failures.extend(result.failures)
        if self.settings.pipeline.analyze:
            self.outcomes.rejected.extend(skipped_languages(result.articles))
        self.counts["articles"] += len(result.articles)
        for part in _parts(page, list(result.articles), self.settings.pipeline.batch_size):
            self.batch.append(part)
            if sum(len(articles) for _, articles in self.batch) >= self.settings.pipeline.batch_size:
                self.flush()
                on_flush()

    def _clean(self, raw: RawDocument) -> CleanResult | Rejected | None:
        """Clean one document; a failure is recorded (with the document's name) and None returned."""
        try:
            return clean_input(raw)
        except Exception as err:  # a bad document (or a bug on one): the policy decides
            self.outcomes.fail(raw.uri, "ingest", err)
            return None

    def flush(self) -> None:
        """Analyse and store the batch. With a pool, the batch is started on the workers and the previous
        one stored, so the workers analyse while this process stores and reads."""
        if self.pool is None:
            pages = self.batch
            self.batch = []
            self._store(pages, self._analyze(pages))
            return
        started = None
        if self.batch:
            articles = self._analysable([a for _, arts in self.batch for a in arts])
            try:
                pending = self.pool.submit_batch(articles) if articles else None
            except NewsiftError as err:
                self.outcomes.fail(f"batch of {len(articles)} articles", "analyze", err)
                pending = None
            started = _InFlight(pages=self.batch, pending=pending, n_articles=len(articles))
            self.batch = []
        if self.in_flight is not None:
            self._store(self.in_flight.pages, self._collect(self.in_flight))
        self.in_flight = started

    def _analysable(self, articles: list[Article]) -> list[Article]:
        """Articles short enough to analyse; longer ones are stored clean and reported as rejected."""
        limit = self.settings.pipeline.max_analyze_chars
        for article in articles:
            if len(article.text) > limit:
                where = article.uri or article.id
                detail = f"{len(article.text):,} characters, over the analysis limit of {limit:,}"
                logger.warning("%s: %s: stored unanalysed", where, detail)
                self.outcomes.rejected.append(
                    Rejected(item_id=where, reason=TOO_LONG, detail=f"{detail}: stored unanalysed")
                )
        return [a for a in articles if len(a.text) <= limit]

    def _analyze(self, pages: list[tuple[Page, list[Article]]]) -> dict[str, Analysis]:
        articles = [a for _, page_articles in pages for a in page_articles]
        if not (self.settings.pipeline.analyze and articles):
            return {}
        articles = self._analysable(articles)
        try:
            done = analyze_articles(articles, self.settings, fallbacks=self.fallbacks)
        except NewsiftError as err:
            self.outcomes.fail(f"batch of {len(articles)} articles", "analyze", err)
            return {}
        return {a.annotated.article.id: a for a in done}

    def _collect(self, flushed: _InFlight) -> dict[str, Analysis]:
        if flushed.pending is None:
            return {}
        try:
            done = extract_chosen_events(flushed.pending.result(), self.settings, self.fallbacks)
        except NewsiftError as err:
            self.outcomes.fail(f"batch of {flushed.n_articles} articles", "analyze", err)
            return {}
        return {a.annotated.article.id: a for a in done}

    def _store(self, pages: list[tuple[Page, list[Article]]], analyses: dict[str, Analysis]) -> None:
        if not pages:
            return
        stored = self.store.store_batch(pages, analyses)
        self.counts["stored"] += stored.n_stored
        self.counts["unchanged"] += stored.n_unchanged
        self.stored_ids.extend(stored.article_ids)
        if self.settings.pipeline.link and stored.n_stored:
            self._link(whole_units_only=True)

    def _link(self, *, whole_units_only: bool = False) -> None:
        """Link the stored articles waiting for it, a batch at a time (see ``relink.link_pending``):
        after each stored batch the whole units, at the run's end the rest. Happenings wait for the end."""
        from newsift.pipeline.relink import link_pending

        batch_size = self.settings.pipeline.batch_size
        try:
            link_pending(self.store, batch_size, whole_units_only=whole_units_only)
        except NewsiftError as err:  # the articles are stored and wait; the next unit or run links them
            self.outcomes.fail(self.store.path, "link", err)

    def _link_happenings(self) -> None:
        """Link the happenings once, when the run's batches stored events (they read every event)."""
        from newsift.pipeline.relink import link_happenings

        try:
            link_happenings(self.store)
        except NewsiftError as err:
            self.outcomes.fail(self.store.path, "link", err)

    def close(self) -> None:
        if self.fetcher is not None:
            self.fetcher.close()
        if self.pool is not None:
            self.pool.close()

    def report(self) -> RunReport:
        return RunReport(
            n_inputs=len(self.inputs),
            n_articles=self.counts["articles"],
            n_stored=self.counts["stored"],
            n_unchanged=self.counts["unchanged"],
            failures=tuple(self.outcomes.failures),
            rejected=(*self.fallbacks, *self.outcomes.rejected),
            article_ids=tuple(self.stored_ids),
        )


def _parts(page: Page, articles: list[Article], size: int) -> list[tuple[Page, list[Article]]]:
    """A page as the store receives it. Past one batch of articles (a feed of 100,000 items), its
    articles come in parts of ``size``, each under a page record of its own (id from the page's and
    the part's position), then the page itself with none: the parts commit batch by batch, and a run
    stopped midway is resumed by the next, which skips the parts already stored. Article ids do not
    change; only their ``page_id`` names the part.
    """
    if len(articles) <= size:
        return [(page, articles)]
    parts = []
    for start in range(0, len(articles), size):
        chunk = articles[start : start + size]
        part = replace(
            page, id=make_id(page.id, f"part:{start}"), uri=f"{page.uri}#{start + 1}-{start + len(chunk)}"
        )
        parts.append((part, [replace(article, page_id=part.id) for article in chunk]))
    return [*parts, (page, [])]


def _unlinked(store: Store) -> bool:
    """True when articles stored by an earlier run were never linked (it stopped before its links)."""
    from newsift.pipeline.relink import is_linked

    if is_linked(store):
        return False
    logger.warning("%s: articles stored by an earlier run are not linked yet: linking them now", store.path)
    return True


def _pool(settings: Settings) -> AnalysisPool | None:
    if not settings.pipeline.analyze or settings.pipeline.workers <= 1:
        return None
    import msgspec

    from newsift.pipeline.pool import AnalysisPool

    # Workers run spaCy and the rules; LLM requests go from this process (_collect), so fallbacks count.
    rules = msgspec.structs.replace(settings.pipeline, extractor=RULES_CHOICE)
    return AnalysisPool(msgspec.structs.replace(settings, pipeline=rules), settings.pipeline.workers)
