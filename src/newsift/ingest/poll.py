"""Polling sources (OPML or a URL list) politely: conditional fetches, robots.txt, per-host delays.

Owns conditional GET (ETag / Last-Modified), robots.txt, per-host delays, retries with backoff and the
fetch state of each source (``poll_state`` / ``poll_seen``, written by ``store.poll_state``). It never
cleans, analyses or stores: the polling loop over those steps is ``newsift.pipeline.poll``.
"""

from __future__ import annotations

import logging
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsift.config import Settings
from newsift.errors import InputError
from newsift.ingest.fetch import USER_AGENT, PinnedTransport, Resolver, vet_url
from newsift.ingest.sniff import detect_content_type
from newsift.model import RawDocument

__all__ = ["Checked", "PollPolicy", "SourcePoller", "read_sources"]

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Checked:
    """What one conditional fetch of a source found: ``disallowed`` (robots.txt), ``not_modified``
    (304), ``unchanged`` (the same bytes as last time) or ``changed`` (``raw`` holds the new bytes)."""

    url: str
    outcome: str
    raw: RawDocument | None = None
    known: Mapping[str, Any] | None = None
    fetched: _Fetched | None = None


class SourcePoller:
    """Fetches sources politely and keeps their fetch state in the store's database; ``check`` one
    source, ingest it if changed, then ``remember`` it."""

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

    def _vet(self, url: str) -> None:
        """Resolve ``url``'s host once, refuse a private address (unless allowed), pin the connection."""
        rules = self.settings.ingest
        vetted = vet_url(url, allow_private=rules.allow_private, allow_hosts=rules.allow_hosts,
                         resolver=self.resolver)  # fmt: skip
        self.transport.pin(vetted)

    def check(self, url: str) -> Checked:
        """Fetch ``url`` unless robots.txt forbids it, conditionally (ETag / Last-Modified); the state
        of an unchanged source is saved here, a changed one's by ``remember`` once it is ingested.

        Raises:
            InputError: the URL is refused, unreachable, or answers an HTTP error.
        """
        self._vet(url)  # refused here, before robots.txt is asked for
        if not self._host(url).robots.can_fetch(USER_AGENT, url):
            return Checked(url=url, outcome="disallowed")
        known = self.state.load(url)
        fetched = self._get(url, _validators(known))
        if fetched.status == 304:
            self.state.save(url, known, fetched, changed=False)
            return Checked(url=url, outcome="not_modified")
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
            self.state.save(url, known, fetched, changed=False)
            return Checked(url=url, outcome="unchanged")
        return Checked(url=url, outcome="changed", raw=raw, known=known, fetched=fetched)

    def remember(self, checked: Checked) -> None:
        """Save the state of a changed source after its new content was ingested."""
        if checked.fetched is not None and checked.raw is not None:
            self.state.save(checked.url, checked.known, checked.fetched, changed=True,
                            content_hash=checked.raw.id)  # fmt: skip

    def seen(self, url: str) -> set[str]:
        """Content hashes of the feed entries of ``url`` ingested before."""
        return self.state.seen(url)

    def mark_seen(self, url: str, entries: list[str]) -> None:
        self.state.mark_seen(url, entries)

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
                host.last_at = time.monotonic()  # the delay counts from the end of the last exchange
                if attempt == self.policy.retries:
                    raise
                self.sleep(self.policy.backoff_s * 2**attempt)
                continue
            host.last_at = time.monotonic()  # so a slow answer never shortens the pause before the next
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
