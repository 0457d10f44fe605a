"""Polling sources (OPML or a URL list): polite, conditional fetches; only what is new is ingested.

Owns conditional GET (ETag / Last-Modified), robots.txt, per-host delays, retries with backoff and what
goes in the ``poll_state`` / ``poll_seen`` tables (written by ``store.poll_state``); cleaning, analysis
and storing go through the runner's functions.
"""

from __future__ import annotations

import logging
import time
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsift.config import Settings
from newsift.errors import InputError, NewsiftError
from newsift.ingest.fetch import USER_AGENT, PinnedTransport, Resolver, resolve_host, vet_url
from newsift.ingest.sniff import detect_content_type
from newsift.model import ContentType, Failure, RawDocument, Rejected, RunReport

__all__ = ["PollPolicy", "PollRound", "poll_sources", "read_sources"]

logger = logging.getLogger(__name__)

_RETRY_STATUSES = {429, 500, 502, 503, 504}


class _TransportError(InputError):
    """A network failure: worth a retry, unlike a refused URL or an oversized body."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PollPolicy:
    """How politely to poll: per-host delay, retries and their backoff, robots.txt freshness."""

    delay_s: float = 1.0
    retries: int = 2
    backoff_s: float = 2.0
    max_retry_after_s: float = 60.0
    robots_ttl_s: float = 3600.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PollRound:
    """What one pass over the sources did; ``report`` counts the articles stored."""

    index: int
    n_sources: int
    n_not_modified: int
    n_changed: int
    n_disallowed: int
    report: RunReport


def read_sources(path: str | Path) -> list[str]:
    """Feed and page URLs from an OPML file (``xmlUrl``, else ``url``/``htmlUrl``) or a plain list.

    A plain list has one URL a line; blank lines and lines starting with ``#`` are ignored.

    Raises:
        InputError: the file cannot be read or is malformed OPML.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read sources: {err}") from err
    if "<opml" in text[:2048].lower():
        return _opml_urls(text, str(path))
    lines = (line.strip() for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


def _opml_urls(text: str, source: str) -> list[str]:
    if "<!doctype" in text.lower() or "<!entity" in text.lower():
        raise InputError(source, "OPML with a DTD or entity declarations is refused")
    try:
        root = ET.fromstring(text)  # nosec B314  # no DTD (refused above), so no entity expansion
    except ET.ParseError as err:
        raise InputError(source, f"malformed OPML: {err}") from err
    urls = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("url") or outline.get("htmlUrl")
        if url:
            urls.append(url.strip())
    return list(dict.fromkeys(urls))


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
    poller = _Poller(store, settings, policy or PollPolicy(), sleep, resolver)
    rounds: list[PollRound] = []
    try:
        while max_rounds is None or len(rounds) < max_rounds:
            started = time.monotonic()
            rounds.append(poller.poll_round(len(rounds), urls))
            if on_round is not None:
                on_round(rounds[-1])
            if max_rounds is None or len(rounds) < max_rounds:
                sleep(max(0.0, every_s - (time.monotonic() - started)))
    finally:
        poller.close()
    return rounds


@dataclass
class _Host:
    robots: RobotFileParser
    robots_at: float
    delay_s: float
    last_at: float = -1e18


@dataclass
class _Fetched:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str


@dataclass
class _Tally:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)


class _Poller:
    def __init__(
        self,
        store: Any,
        settings: Settings,
        policy: PollPolicy,
        sleep: Callable[[float], None],
        resolver: Resolver,
    ) -> None:
        self.store = store
        self.settings = settings
        self.policy = policy
        self.sleep = sleep
        self.resolver = resolver
        self.state = _StateDb(store)
        self.hosts: dict[str, _Host] = {}
        self.transport = PinnedTransport()
        # trust_env=False: a proxy from the environment would resolve names itself, after our check.
        self.client = httpx.Client(
            transport=self.transport,
            timeout=settings.ingest.fetch_timeout_s,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,
        )

    def close(self) -> None:
        self.client.close()

    def poll_round(self, index: int, urls: list[str]) -> PollRound:
        tally = _Tally()
        for url in urls:
            try:
                self._poll_one(url, tally)
            except NewsiftError as err:
                if self.settings.pipeline.on_error == "raise":
                    raise
                message = err.reason if isinstance(err, InputError) else str(err)
                logger.error("%s: poll failed: %s", url, message)
                failure = Failure(item_id=url, stage="poll", error_type=type(err).__name__, message=message)
                tally.failures.append(failure)
        if tally.failures:
            self.store.store_failures(uuid.uuid4().hex[:12], tally.failures)
        counts = tally.counts
        report = RunReport(
            n_inputs=len(urls),
            n_articles=counts["articles"],
            n_stored=len(tally.stored),
            n_unchanged=counts["not_modified"] + counts["unchanged"],
            failures=tuple(tally.failures),
            rejected=tuple(tally.rejected),
            article_ids=tuple(tally.stored),
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

    def _vet(self, url: str) -> None:
        """Resolve ``url``'s host once, refuse a private address (unless allowed), pin the connection."""
        rules = self.settings.ingest
        vetted = vet_url(url, allow_private=rules.allow_private, allow_hosts=rules.allow_hosts,
                         resolver=self.resolver)  # fmt: skip
        self.transport.pin(vetted)

    def _poll_one(self, url: str, tally: _Tally) -> None:
        self._vet(url)  # refused here, before robots.txt is asked for
        if not self._host(url).robots.can_fetch(USER_AGENT, url):
            tally.counts["disallowed"] += 1
            tally.rejected.append(Rejected(item_id=url, reason="robots", detail="disallowed by robots.txt"))
            return
        known = self.state.load(url)
        fetched = self._get(url, _validators(known))
        if fetched.status == 304:
            tally.counts["not_modified"] += 1
            self.state.save(url, known, fetched, changed=False)
            return
        if fetched.status >= 400:
            raise InputError(url, f"HTTP {fetched.status}")
        raw = RawDocument(
            uri=url,
            url=fetched.url,
            content=fetched.body,
            content_type=detect_content_type(fetched.body, fetched.url),
            fetched_at=datetime.now(UTC),
            encoding=fetched.headers.get("content-type", "").partition("charset=")[2] or None,
        )
        if known and known.get("content_hash") == raw.id:
            tally.counts["unchanged"] += 1
            self.state.save(url, known, fetched, changed=False)
            return
        tally.counts["changed"] += 1
        self._ingest(url, raw, tally)
        self.state.save(url, known, fetched, changed=True, content_hash=raw.id)

    def _ingest(self, url: str, raw: RawDocument, tally: _Tally) -> None:
        from newsift.runner import analyze_articles, clean_document

        result = clean_document(raw)
        tally.failures.extend(result.failures)
        articles = list(result.articles)
        if raw.content_type == ContentType.FEED:
            seen = self.state.seen(url)
            articles = [a for a in articles if a.content_hash not in seen]
        tally.counts["articles"] += len(articles)
        analyses = {}
        if self.settings.pipeline.analyze and articles:
            analyses = {a.article.id: a for a in analyze_articles(articles, self.settings)}
        stored = self.store.store_batch([(raw, articles)], analyses)
        tally.stored.extend(stored.article_ids)
        self.state.mark_seen(url, [a.content_hash for a in articles])

    # --- politeness -----------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        host = self.hosts.get(key)
        if host is None or time.monotonic() - host.robots_at > self.policy.robots_ttl_s:
            host = self.hosts[key] = self._robots(key, host)
        return host

    def _robots(self, origin: str, previous: _Host | None) -> _Host:
        host = previous or _Host(robots=RobotFileParser(), robots_at=0.0, delay_s=self.policy.delay_s)
        robots = RobotFileParser(origin + "/robots.txt")
        try:
            fetched = self._get(origin + "/robots.txt", {}, host=host)
        except InputError as err:
            fetched = None
            logger.warning("%s: robots.txt unreachable, assuming disallow: %s", origin, err.reason)
        if fetched is not None and fetched.status < 300:
            robots.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        elif fetched is not None and 400 <= fetched.status < 500:
            robots.parse([])  # RFC 9309: an unavailable robots.txt allows everything
        else:
            robots.parse(["User-agent: *", "Disallow: /"])  # RFC 9309: unreachable (5xx) allows nothing
        crawl_delay = robots.crawl_delay(USER_AGENT)
        host.robots, host.robots_at = robots, time.monotonic()
        host.delay_s = max(self.policy.delay_s, float(crawl_delay or 0))
        return host

    def _wait_turn(self, host: _Host) -> None:
        wait = host.last_at + host.delay_s - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        host.last_at = time.monotonic()

    # --- fetching -------------------------------------------------------------------------------

    def _get(self, url: str, headers: Mapping[str, str], *, host: _Host | None = None) -> _Fetched:
        """GET with the host's delay, checked redirects, and retries with exponential backoff."""
        host = host or self._host(url)
        for attempt in range(self.policy.retries + 1):
            self._wait_turn(host)
            try:
                fetched = self._follow(url, headers)
            except _TransportError:
                if attempt == self.policy.retries:
                    raise
                self.sleep(self.policy.backoff_s * 2**attempt)
                continue
            if fetched.status not in _RETRY_STATUSES or attempt == self.policy.retries:
                return fetched
            self.sleep(self._backoff(fetched, attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, fetched: _Fetched, attempt: int) -> float:
        retry_after = fetched.headers.get("retry-after", "")
        if retry_after.isdigit():
            return min(float(retry_after), self.policy.max_retry_after_s)
        return float(self.policy.backoff_s * 2**attempt)

    def _follow(self, url: str, headers: Mapping[str, str]) -> _Fetched:
        current = url
        for _ in range(self.settings.ingest.max_redirects + 1):
            try:
                self._vet(current)
            except InputError as err:
                if current == url:
                    raise
                raise InputError(url, f"redirect to {current} refused: {err.reason}") from err
            fetched = self._request(current, headers)
            location = fetched.headers.get("location")
            if fetched.status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            return fetched
        raise InputError(url, f"too many redirects (more than {self.settings.ingest.max_redirects})")

    def _request(self, url: str, headers: Mapping[str, str]) -> _Fetched:
        limit = self.settings.ingest.max_input_bytes
        try:
            with (
                self.transport.deadline(self.settings.ingest.fetch_timeout_s),
                self.client.stream("GET", url, headers=dict(headers)) as response,
            ):
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > limit:
                        raise InputError(url, f"response larger than {limit} bytes")
                return _Fetched(response.status_code, response.headers, bytes(body), url)
        except httpx.HTTPError as err:
            raise _TransportError(url, f"fetch failed: {type(err).__name__}: {err}") from err


def _validators(known: Mapping[str, Any] | None) -> dict[str, str]:
    headers = {}
    if known and known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known and known.get("last_modified"):
        headers["If-Modified-Since"] = known["last_modified"]
    return headers


class _StateDb:
    """The poll tables of the store (``store.poll_state``), fed with what a fetch returned."""

    def __init__(self, store: Any) -> None:
        self.tables = store.poll_state

    def load(self, url: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = self.tables.load(url)
        return found

    def save(
        self,
        url: str,
        known: Mapping[str, Any] | None,
        fetched: _Fetched,
        *,
        changed: bool,
        content_hash: str | None = None,
    ) -> None:
        known = known or {}
        now = datetime.now(UTC).isoformat()
        self.tables.save(
            url,
            etag=fetched.headers.get("etag") or known.get("etag"),
            last_modified=fetched.headers.get("last-modified") or known.get("last_modified"),
            content_hash=content_hash or known.get("content_hash"),
            status=fetched.status,
            checked_at=now,
            changed_at=now if changed else None,
        )

    def seen(self, url: str) -> set[str]:
        found: set[str] = self.tables.seen(url)
        return found

    def mark_seen(self, url: str, entries: list[str]) -> None:
        self.tables.mark_seen(url, entries, datetime.now(UTC).isoformat())
