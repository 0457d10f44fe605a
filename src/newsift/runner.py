"""The runner: reads inputs, runs the stages in order and in batches, applies the error policy.

It owns batching, the on_error policy, progress callbacks and the RunReport; stages own none of that.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from newsift.clean import CleanResult, split_document
from newsift.config import Settings
from newsift.errors import ConfigError, ExtractionError, InputError, NewsiftError, StoreError
from newsift.ingest import HttpFetcher, decode_text, expand_inputs, read_file
from newsift.ingest.files import printable_name
from newsift.ingest.warc import is_warc_path, iter_warc_documents, split_warc
from newsift.model import (
    Analysis,
    AnnotatedArticle,
    Article,
    ContentType,
    Failure,
    Page,
    RawDocument,
    Rejected,
    RunReport,
    make_id,
)
from newsift.store import Store

if TYPE_CHECKING:
    import httpx

    from newsift.pool import AnalysisPool, PendingBatch

__all__ = [
    "LLM_FALLBACK",
    "NOT_ENGLISH",
    "analyze_articles",
    "analyze_input",
    "check_extractor",
    "clean_document",
    "read_input",
    "run_ingest",
    "skipped_languages",
    "split_input",
]

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, int], None]  # inputs done, inputs in all, articles stored so far
LLM_FALLBACK = "llm_fallback"  # the Rejected reason of an article whose LLM events fell back to rules
NOT_ENGLISH = "not_english"  # the Rejected reason of an article stored without its English-only analysis
ANALYSED_LANGUAGE = "en"  # the spaCy model, gazetteers and extractor lexicons are English
_T = TypeVar("_T")


def read_input(
    item: str,
    settings: Settings,
    *,
    fetched_at: datetime | None = None,
    fetcher: HttpFetcher | None = None,
) -> RawDocument:
    """Read a path or URL into a RawDocument.

    Raises:
        InputError: the input cannot be read or is refused.
    """
    if "://" in item:
        if not item.startswith(("http://", "https://")):
            raise InputError(item, "unsupported URL scheme (only http and https)")
        own = fetcher is None
        fetcher = fetcher or _fetcher(settings)
        try:
            return fetcher.fetch(item)
        finally:
            if own:
                fetcher.close()
    return read_file(item, fetched_at=fetched_at, max_bytes=settings.ingest.max_input_bytes)


def clean_document(raw: RawDocument) -> CleanResult:
    """Decode (for text formats) and split one document into articles.

    Raises:
        InputError: undecodable input, or no article in it.
    """
    text = None if raw.content_type == ContentType.FEED else decode_text(raw.content, raw.uri, raw.encoding)
    if raw.content_type == ContentType.FEED and not raw.content.strip():
        raise InputError(raw.uri, "empty input")
    result = split_document(raw, text)
    if not result.articles and not result.failures:
        raise InputError(raw.uri, "no article found")
    return result


def split_input(item: str, settings: Settings, *, fetched_at: datetime | None = None) -> list[Article]:
    """The pure view of one input: read it and return its articles; nothing stored."""
    return list(clean_document(read_input(item, settings, fetched_at=fetched_at)).articles)


def analyze_articles(
    articles: Sequence[Article], settings: Settings, *, fallbacks: list[Rejected] | None = None
) -> list[Analysis]:
    """Run nlp and the extractors over a batch of articles, in input order.

    With ``pipeline.extractor == "llm"`` the events come from the LLM extractor; an article whose
    request fails keeps its rules events and is logged, and appended to ``fallbacks`` when given.

    Raises:
        ConfigError: the llm extractor is chosen but ``llm.base_url`` is empty.
    """
    check_extractor(settings)
    analyses = _analyze_rules(articles, settings)
    if settings.pipeline.extractor == "llm":
        return _extract_llm_analyses(analyses, settings, fallbacks)
    return analyses


def check_extractor(settings: Settings) -> None:
    """Fail before any work when the chosen event extractor cannot run.

    Raises:
        ConfigError: the llm extractor is chosen but ``llm.base_url`` is empty.
    """
    if settings.pipeline.extractor == "llm" and not settings.llm.base_url:
        raise ConfigError(
            "the llm event extractor needs an endpoint: set llm.base_url (NEWSIFT_LLM__BASE_URL) "
            "and llm.model (NEWSIFT_LLM__MODEL)"
        )


def _analyze_rules(articles: Sequence[Article], settings: Settings) -> list[Analysis]:
    """Entities, quotes, events and claims of the English articles; the others come back unannotated
    (stored and searchable, with no facts), in input order."""
    from newsift.extract import extract_claims, extract_events, extract_quotes
    from newsift.nlp import annotate_articles

    english = [a for a in articles if a.language == ANALYSED_LANGUAGE]
    annotated = iter(annotate_articles(english, batch_size=settings.pipeline.batch_size))
    analyses = []
    for article in articles:
        if article.language != ANALYSED_LANGUAGE:
            analyses.append(Analysis(annotated=AnnotatedArticle(article=article)))
            continue
        done = next(annotated)
        events, quotes = extract_events(done), extract_quotes(done)
        analyses.append(
            Analysis(
                annotated=done, quotes=quotes, events=events, claims=extract_claims(done, events, quotes)
            )
        )
    return analyses


def skipped_languages(articles: Iterable[Article]) -> list[Rejected]:
    """One ``Rejected(reason=NOT_ENGLISH)`` per article whose English-only extractors are skipped."""
    return [
        Rejected(
            item_id=article.id,
            reason=NOT_ENGLISH,
            detail=f"language {article.language}: English-only entities, quotes, events and claims skipped",
        )
        for article in articles
        if article.language != ANALYSED_LANGUAGE
    ]


def _extract_llm_analyses(
    analyses: Sequence[Analysis], settings: Settings, fallbacks: list[Rejected] | None = None
) -> list[Analysis]:
    """The analyses with their events from the LLM extractor and their claims made from those events.

    Args:
        analyses: rules analyses; their events are kept where the LLM did not read (and on failure).
        settings: ``llm`` holds the endpoint and the per-article bounds.
        fallbacks: collects one ``Rejected(reason="llm_fallback")`` per article whose request failed.
    """
    import httpx

    with httpx.Client(timeout=settings.llm.timeout_s) as client:
        return [_llm_analysis(analysis, settings, client, fallbacks) for analysis in analyses]


def _llm_analysis(
    analysis: Analysis, settings: Settings, client: httpx.Client, fallbacks: list[Rejected] | None
) -> Analysis:
    from newsift.extract import extract_claims
    from newsift.extract.events.llm import extract_events_llm

    annotated = analysis.annotated
    try:
        events = extract_events_llm(annotated, settings.llm, rules=analysis.events, client=client)
    except ExtractionError as err:  # its message starts with the article id
        # A run that collects fallbacks reports them in one summary line; a line each would drown it.
        level = logging.INFO if fallbacks is not None else logging.WARNING
        where = annotated.article.uri or annotated.article.id
        logger.log(level, "%s: llm events failed, rules events kept: %s", where, err)
        if fallbacks is not None:
            fallbacks.append(Rejected(item_id=annotated.article.id, reason=LLM_FALLBACK, detail=str(err)))
        return analysis
    return replace(analysis, events=events, claims=extract_claims(annotated, events, analysis.quotes))


def analyze_input(item: str, settings: Settings, *, fetched_at: datetime | None = None) -> list[Analysis]:
    """The pure view of the whole chain for one input: nothing stored."""
    return analyze_articles(split_input(item, settings, fetched_at=fetched_at), settings)


@dataclass
class _Batch:
    pages: list[tuple[Page, list[Article]]] = field(default_factory=list)  # no bytes held in a batch

    def n_articles(self) -> int:
        return sum(len(articles) for _, articles in self.pages)


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
    Articles whose LLM events fell back to the rules ones are the report's ``rejected`` entries with
    reason ``LLM_FALLBACK``; articles not in English (stored, but without entities and facts) are
    entries with reason ``NOT_ENGLISH``.

    Raises:
        ConfigError: the llm extractor is chosen but has no endpoint (checked before any input is read).
    """
    if settings.pipeline.analyze:
        check_extractor(settings)
    inputs = list(expand_inputs(items))
    run_id = uuid.uuid4().hex[:12]
    failures: list[Failure] = []
    fallbacks: list[Rejected] = []
    skipped: list[Rejected] = []  # articles in another language than the extractors'
    counts = {"articles": 0, "stored": 0, "unchanged": 0}
    stored_ids: list[str] = []
    batch = _Batch()
    fetcher: HttpFetcher | None = None
    pool = _pool(settings)
    in_flight: _InFlight | None = None  # with a pool: the batch being analysed while the next is read
    try:
        for done, item in enumerate(inputs, start=1):
            if "://" in item and fetcher is None:
                fetcher = _fetcher(settings)
            for raw in _isolated(_documents(item, settings, fetched_at, fetcher), item, failures, settings):
                if names and raw.uri == item and item in names:
                    raw = replace(raw, uri=names[item])
                page = Page.of(raw)  # hashes the bytes once
                if store.has_page(page.id):
                    counts["unchanged"] += 1
                    logger.info("%s: already stored, skipped", raw.uri)
                    continue
                result = _clean_isolated(raw, failures, settings)
                if result is None:
                    continue
                failures.extend(result.failures)
                if settings.pipeline.analyze:
                    skipped.extend(skipped_languages(result.articles))
                counts["articles"] += len(result.articles)
                for part in _parts(page, list(result.articles), settings.pipeline.batch_size):
                    batch.pages.append(part)
                    if batch.n_articles() >= settings.pipeline.batch_size:
                        in_flight = _flush(
                            batch, store, settings, counts, stored_ids, failures, pool, fallbacks, in_flight
                        )
                        if on_progress is not None:  # a WARC, a big feed or a folder moves within one input
                            on_progress(done - 1, len(inputs), counts["stored"])
            if on_progress is not None:
                on_progress(done, len(inputs), counts["stored"])
        in_flight = _flush(batch, store, settings, counts, stored_ids, failures, pool, fallbacks, in_flight)
        _flush(batch, store, settings, counts, stored_ids, failures, pool, fallbacks, in_flight)
        if on_progress is not None:
            on_progress(len(inputs), len(inputs), counts["stored"])
        if settings.pipeline.link and (counts["stored"] or _unlinked(store)):
            _relink(store, stored_ids, failures, settings)
    except StoreError as err:  # e.g. a full disk: the batch in flight is lost, committed ones stay
        if settings.pipeline.on_error == "raise":
            raise
        logger.error("%s: ingest stopped: %s", store.path, err)
        failures.append(Failure(item_id=store.path, stage="store", error_type="StoreError", message=str(err)))
    finally:
        if fetcher is not None:
            fetcher.close()
        if pool is not None:
            pool.close()
    if failures:
        try:
            store.store_failures(run_id, failures)
        except StoreError as err:  # the report still carries them
            logger.error("%s", err)
    return RunReport(
        n_inputs=len(inputs),
        n_articles=counts["articles"],
        n_stored=counts["stored"],
        n_unchanged=counts["unchanged"],
        failures=tuple(failures),
        rejected=(*fallbacks, *skipped),
        article_ids=tuple(stored_ids),
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


def _documents(
    item: str, settings: Settings, fetched_at: datetime | None, fetcher: HttpFetcher | None
) -> Iterator[RawDocument | Failure]:
    """The documents of one input: itself, or the pages of a WARC archive (streamed from disk)."""
    if "://" not in item and is_warc_path(item):
        yield from iter_warc_documents(item, max_record_bytes=settings.ingest.max_input_bytes)
        return
    raw = read_input(item, settings, fetched_at=fetched_at, fetcher=fetcher)
    yield from split_warc(raw, max_record_bytes=settings.ingest.max_input_bytes)


def _isolated(
    documents: Iterator[_T | Failure], item: str, failures: list[Failure], settings: Settings
) -> Iterator[_T]:
    """Per-input isolation: a bad input (or a bug on one) becomes a Failure and the batch goes on."""
    try:
        for doc in documents:
            if isinstance(doc, Failure):
                logger.error("%s: %s failed: %s", doc.item_id, doc.stage, doc.message)
                failures.append(doc)
            else:
                yield doc
    except NewsiftError as err:
        _record(failures, item, "ingest", err, settings)
    except Exception as err:
        if settings.pipeline.on_error == "raise":
            raise
        logger.exception("%s: unexpected error", printable_name(item))
        failures.append(
            Failure(
                item_id=printable_name(item), stage="ingest", error_type=type(err).__name__, message=str(err)
            )
        )


def _clean_isolated(raw: RawDocument, failures: list[Failure], settings: Settings) -> CleanResult | None:
    """Clean one document; a failure is recorded (with the document's name) and None returned."""
    done = list(_isolated(_cleaned(raw), raw.uri, failures, settings))
    return done[0] if done else None


def _cleaned(raw: RawDocument) -> Iterator[CleanResult]:
    yield clean_document(raw)


def _analysable(articles: list[Article], failures: list[Failure], settings: Settings) -> list[Article]:
    """Articles short enough to analyse; longer ones are stored clean and reported."""
    limit = settings.pipeline.max_analyze_chars
    for article in articles:
        if len(article.text) > limit:
            message = (
                f"{len(article.text):,} characters, over the analysis limit of {limit:,}: stored unanalysed"
            )
            failures.append(
                Failure(
                    item_id=article.uri or article.id, stage="analyze", error_type="TooLong", message=message
                )
            )
    return [a for a in articles if len(a.text) <= limit]


def _relink(store: Store, stored_ids: list[str], failures: list[Failure], settings: Settings) -> None:
    """Link the articles stored in this run against the store (incremental; see ``relink_articles``)."""
    from newsift.relink import relink_articles

    try:
        relink_articles(store, stored_ids)
    except NewsiftError as err:  # the articles are stored; only the links are stale
        _record(failures, store.path, "link", err, settings)


def _unlinked(store: Store) -> bool:
    """True when articles stored by an earlier run were never linked (it stopped before its links)."""
    from newsift.relink import is_linked

    if is_linked(store):
        return False
    logger.warning("%s: articles stored by an earlier run are not linked yet: linking them now", store.path)
    return True


def _pool(settings: Settings) -> AnalysisPool | None:
    if not settings.pipeline.analyze or settings.pipeline.workers <= 1:
        return None
    import msgspec

    from newsift.pool import AnalysisPool

    # Workers run spaCy and the rules; LLM requests go from this process (_flush), so fallbacks are counted.
    rules = msgspec.structs.replace(settings.pipeline, extractor="rules")
    return AnalysisPool(msgspec.structs.replace(settings, pipeline=rules), settings.pipeline.workers)


@dataclass
class _InFlight:
    pages: list[tuple[Page, list[Article]]]
    pending: PendingBatch | None
    n_articles: int


def _flush(
    batch: _Batch,
    store: Store,
    settings: Settings,
    counts: dict[str, int],
    stored_ids: list[str],
    failures: list[Failure],
    pool: AnalysisPool | None = None,
    fallbacks: list[Rejected] | None = None,
    previous: _InFlight | None = None,
) -> _InFlight | None:
    """Analyse and store a batch. With a pool, the batch is started on the workers and the previous
    one stored, so the workers analyse while this process stores and reads; returns what is in flight."""
    if pool is None or not settings.pipeline.analyze:
        _store(batch.pages, _analyze_batch(batch, settings, failures, fallbacks), store, counts, stored_ids)
        batch.pages.clear()
        return None
    started = None
    if batch.pages:
        articles = _analysable([a for _, arts in batch.pages for a in arts], failures, settings)
        try:
            pending = pool.submit_batch(articles) if articles else None
        except NewsiftError as err:
            _record(failures, f"batch of {len(articles)} articles", "analyze", err, settings)
            pending = None
        started = _InFlight(pages=list(batch.pages), pending=pending, n_articles=len(articles))
        batch.pages.clear()
    if previous is not None:
        _store(previous.pages, _collect(previous, settings, failures, fallbacks), store, counts, stored_ids)
    return started


def _analyze_batch(
    batch: _Batch, settings: Settings, failures: list[Failure], fallbacks: list[Rejected] | None
) -> dict[str, Analysis]:
    articles = [a for _, page_articles in batch.pages for a in page_articles]
    if not (settings.pipeline.analyze and articles):
        return {}
    articles = _analysable(articles, failures, settings)
    try:
        done = analyze_articles(articles, settings, fallbacks=fallbacks)
    except NewsiftError as err:
        _record(failures, f"batch of {len(articles)} articles", "analyze", err, settings)
        return {}
    return {a.annotated.article.id: a for a in done}


def _collect(
    flushed: _InFlight, settings: Settings, failures: list[Failure], fallbacks: list[Rejected] | None
) -> dict[str, Analysis]:
    if flushed.pending is None:
        return {}
    try:
        done = flushed.pending.result()
        if settings.pipeline.extractor == "llm":
            done = _extract_llm_analyses(done, settings, fallbacks)
    except NewsiftError as err:
        _record(failures, f"batch of {flushed.n_articles} articles", "analyze", err, settings)
        return {}
    return {a.annotated.article.id: a for a in done}


def _store(
    pages: list[tuple[Page, list[Article]]],
    analyses: dict[str, Analysis],
    store: Store,
    counts: dict[str, int],
    stored_ids: list[str],
) -> None:
    if not pages:
        return
    stored = store.store_batch(pages, analyses)
    counts["stored"] += stored.n_stored
    counts["unchanged"] += stored.n_unchanged
    stored_ids.extend(stored.article_ids)


def _record(failures: list[Failure], item: str, stage: str, err: NewsiftError, settings: Settings) -> None:
    if settings.pipeline.on_error == "raise":
        raise err
    message = err.reason if isinstance(err, InputError) else str(err)
    item_id = printable_name(err.source if isinstance(err, InputError) else item)
    logger.error("%s: %s failed: %s", item_id, stage, message)
    failures.append(Failure(item_id=item_id, stage=stage, error_type=type(err).__name__, message=message))


def _fetcher(settings: Settings) -> HttpFetcher:
    return HttpFetcher(
        allow_private=settings.ingest.allow_private,
        max_bytes=settings.ingest.max_input_bytes,
        timeout_s=settings.ingest.fetch_timeout_s,
        max_redirects=settings.ingest.max_redirects,
        allow_hosts=settings.ingest.allow_hosts,
    )
