"""The steps of one input: read -> clean -> annotate -> extract (rules or llm) -> link.

Each step is a plain function of records and settings. Batching, the error policy and the store belong
to ``pipeline.runner``; this module holds no state and never decides what a failure means.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from newsift.clean import CleanResult, NoArticle, split_document
from newsift.config import Settings
from newsift.errors import ExtractionError, InputError
from newsift.ingest import HttpFetcher, decode_text, read_file
from newsift.ingest.files import printable_name
from newsift.ingest.warc import is_warc_path, iter_warc_documents, split_warc
from newsift.model import Analysis, AnnotatedArticle, Article, ContentType, Failure, RawDocument, Rejected
from newsift.registry import check_settings, event_extractor

if TYPE_CHECKING:
    import httpx

__all__ = [
    "LLM_FALLBACK",
    "NOT_ENGLISH",
    "NO_ARTICLE",
    "TOO_LONG",
    "analyze_articles",
    "analyze_input",
    "check_extractor",
    "clean_document",
    "clean_input",
    "extract_chosen_events",
    "extract_llm_analyses",
    "open_fetcher",
    "read_documents",
    "read_input",
    "skipped_languages",
    "split_input",
]

logger = logging.getLogger(__name__)

LLM_FALLBACK = "llm_fallback"  # the Rejected reason of an article whose LLM events fell back to rules
NO_ARTICLE = "no_article"  # the Rejected reason of a readable page that holds no article
TOO_LONG = "too_long"  # the Rejected reason of an article stored clean, too long to analyse
NOT_ENGLISH = "not_english"  # the Rejected reason of an article stored without its English-only analysis
LLM_EVENTS = "events.llm.v1"  # the registered extractor that reads events with an LLM
RULES_CHOICE = "rules"  # the pipeline.extractor value of the offline rules (what pool workers run)
ANALYSED_LANGUAGE = "en"  # the spaCy model, gazetteers and extractor lexicons are English


# --- read ---------------------------------------------------------------------------------------


def open_fetcher(settings: Settings) -> HttpFetcher:
    """An HTTP fetcher under the ingest rules (private addresses, size, timeout, redirects)."""
    rules = settings.ingest
    return HttpFetcher(
        allow_private=rules.allow_private,
        max_bytes=rules.max_input_bytes,
        timeout_s=rules.fetch_timeout_s,
        max_redirects=rules.max_redirects,
        allow_hosts=rules.allow_hosts,
    )


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
        fetcher = fetcher or open_fetcher(settings)
        try:
            return fetcher.fetch(item)
        finally:
            if own:
                fetcher.close()
    return read_file(item, fetched_at=fetched_at, max_bytes=settings.ingest.max_input_bytes)


def read_documents(
    item: str,
    settings: Settings,
    *,
    fetched_at: datetime | None = None,
    fetcher: HttpFetcher | None = None,
) -> Iterator[RawDocument | Failure]:
    """The documents of one input: itself, or the records of a WARC archive (a file streamed from disk,
    a fetched one split in memory); an unreadable WARC record comes as a Failure.

    Raises:
        InputError: the input cannot be read or is refused.
    """
    limit = settings.ingest.max_input_bytes
    if "://" not in item and is_warc_path(item):
        yield from iter_warc_documents(item, max_record_bytes=limit)
        return
    raw = read_input(item, settings, fetched_at=fetched_at, fetcher=fetcher)
    yield from split_warc(raw, max_record_bytes=limit)


# --- clean --------------------------------------------------------------------------------------


def clean_input(raw: RawDocument) -> CleanResult | Rejected:
    """Decode (for text formats) and split one document into articles; a page that holds no article
    (``clean.NoArticle``: no prose, a split into nothing, navigation only) is a
    ``Rejected(reason=NO_ARTICLE)`` result, not an error.

    Raises:
        InputError: the input is unreadable (empty, binary, undecodable, malformed).
    """
    text = None if raw.content_type == ContentType.FEED else decode_text(raw.content, raw.uri, raw.encoding)
    if raw.content_type == ContentType.FEED and (not raw.content or raw.content.isspace()):  # no copy
        raise InputError(raw.uri, "empty input")
    try:
        return split_document(raw, text)
    except NoArticle as err:
        logger.warning("%s: rejected: %s", printable_name(raw.uri), err.reason)
        return Rejected(item_id=printable_name(raw.uri), reason=NO_ARTICLE, detail=err.reason)


def clean_document(raw: RawDocument) -> CleanResult:
    """``clean_input`` for a caller that wants articles or an error (the one-input views).

    Raises:
        InputError: undecodable input, or no article in it (the rejection's detail is the reason).
    """
    result = clean_input(raw)
    if isinstance(result, Rejected):
        raise InputError(raw.uri, result.detail)
    return result


def split_input(item: str, settings: Settings, *, fetched_at: datetime | None = None) -> list[Article]:
    """The pure view of one input: read it and return its articles; nothing stored."""
    return list(clean_document(read_input(item, settings, fetched_at=fetched_at)).articles)


# --- annotate and extract -----------------------------------------------------------------------


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
    return extract_chosen_events(_analyze_rules(articles, settings), settings, fallbacks)


def check_extractor(settings: Settings) -> None:
    """Fail before any work when the chosen event extractor cannot run (``registry.check_settings``).

    Raises:
        ConfigError: the llm extractor is chosen but ``llm.base_url`` is empty.
    """
    check_settings(settings)


def extract_chosen_events(
    analyses: Sequence[Analysis], settings: Settings, fallbacks: list[Rejected] | None = None
) -> list[Analysis]:
    """The analyses with the events of the registered extractor the settings choose: the rules' are
    already in them; ``events.llm.v1`` reads them again (``extract_llm_analyses``)."""
    if event_extractor(settings.pipeline.extractor).name == LLM_EVENTS:
        return extract_llm_analyses(analyses, settings, fallbacks)
    return list(analyses)


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


def extract_llm_analyses(
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
