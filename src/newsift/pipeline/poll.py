"""The polling loop: every round, each source is checked politely (``ingest.poll``) and what is new goes
through the steps (clean -> analyse) into the store, under the runner's one error policy.

Owns rounds, their timing and their reports; HTTP politeness and fetch state belong to ``ingest.poll``.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.config import Settings
from newsift.errors import NewsiftError
from newsift.ingest.fetch import Resolver, resolve_host
from newsift.ingest.poll import Checked, PollPolicy, SourcePoller, read_sources
from newsift.model import ContentType, RawDocument, Rejected, RunReport
from newsift.pipeline.runner import Outcomes
from newsift.pipeline.steps import analyze_articles, clean_input

__all__ = ["PollPolicy", "PollRound", "poll_sources", "read_sources"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class PollRound:
    """What one pass over the sources did; ``report`` counts the articles stored."""

    index: int
    n_sources: int
    n_not_modified: int
    n_changed: int
    n_disallowed: int
    report: RunReport


def poll_sources(
    sources_file: str | Path,
    store: Any,
    settings: Settings,
    *,
    every_s: float = 900.0,
    max_rounds: int | None = None,
    policy: PollPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_round: Callable[[PollRound], None] | None = None,
    resolver: Resolver = resolve_host,
) -> list[PollRound]:
    """Poll every source once per round, ``every_s`` seconds apart, and ingest what is new.

    A source answering 304, or the same bytes as last time, is not modified; a feed that changed
    contributes only the entries not ingested before. Fetch state survives restarts (in the store).

    Args:
        sources_file: OPML or a plain list of feed/page URLs (read once).
        store: an open SqliteStore or PostgresStore.
        settings: ingest limits (``allow_private`` or ``allow_hosts`` for local servers) and pipeline
            options.
        every_s: seconds from the start of one round to the start of the next.
        max_rounds: stop after this many rounds (None: poll until interrupted).
        policy: per-host delay, retries and backoff.
        sleep: how to wait (tests pass a recorder).
        on_round: called after each round with its summary.
        resolver: turns a host into addresses (tests pass a fake DNS). Each request resolves once,
            checks the addresses and connects to them; every redirect hop is checked again.

    Raises:
        InputError: the sources file cannot be read.
    """
    urls = read_sources(sources_file)
    poller = SourcePoller(store, settings, policy or PollPolicy(), sleep, resolver)
    rounds: list[PollRound] = []
    try:
        while max_rounds is None or len(rounds) < max_rounds:
            started = time.monotonic()
            rounds.append(_Round(store, settings, poller).run(len(rounds), urls))
            if on_round is not None:
                on_round(rounds[-1])
            if max_rounds is None or len(rounds) < max_rounds:
                sleep(max(0.0, every_s - (time.monotonic() - started)))
    finally:
        poller.close()
    return rounds


@dataclass
class _Round:
    store: Any
    settings: Settings
    poller: SourcePoller
    counts: Counter[str] = field(default_factory=Counter)
    stored: list[str] = field(default_factory=list)

    def run(self, index: int, urls: list[str]) -> PollRound:
        outcomes = Outcomes(on_error=self.settings.pipeline.on_error)
        for url in urls:
            try:
                self._poll_one(url, outcomes)
            except NewsiftError as err:
                outcomes.fail(url, "poll", err)
        if outcomes.failures:
            self.store.store_failures(uuid.uuid4().hex[:12], outcomes.failures)
        counts = self.counts
        report = RunReport(
            n_inputs=len(urls),
            n_articles=counts["articles"],
            n_stored=len(self.stored),
            n_unchanged=counts["not_modified"] + counts["unchanged"],
            failures=tuple(outcomes.failures),
            rejected=tuple(outcomes.rejected),
            article_ids=tuple(self.stored),
        )
        logger.info("poll round %d: %s", index, dict(counts))
        return PollRound(
            index=index,
            n_sources=len(urls),
            n_not_modified=counts["not_modified"],
            n_changed=counts["changed"],
            n_disallowed=counts["disallowed"],
            report=report,
        )

    def _poll_one(self, url: str, outcomes: Outcomes) -> None:
        checked = self.poller.check(url)
        self.counts[checked.outcome] += 1
        if checked.outcome == "disallowed":
            outcomes.rejected.append(
                Rejected(item_id=url, reason="robots", detail="disallowed by robots.txt")
            )
        if checked.raw is None:
            return
        self._ingest(checked, checked.raw, outcomes)
        self.poller.remember(checked)

    def _ingest(self, checked: Checked, raw: RawDocument, outcomes: Outcomes) -> None:
        result = clean_input(raw)
        if isinstance(result, Rejected):
            outcomes.rejected.append(result)
            return
        outcomes.failures.extend(result.failures)
        articles = list(result.articles)
        if raw.content_type == ContentType.FEED:
            seen = self.poller.seen(checked.url)
            articles = [a for a in articles if a.content_hash not in seen]
        self.counts["articles"] += len(articles)
        analyses = {}
        if self.settings.pipeline.analyze and articles:
            analyses = {a.article.id: a for a in analyze_articles(articles, self.settings)}
        stored = self.store.store_batch([(raw, articles)], analyses)
        self.stored.extend(stored.article_ids)
        self.poller.mark_seen(checked.url, [a.content_hash for a in articles])
