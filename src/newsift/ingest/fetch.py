"""Fetching URLs: http(s) only, bounded size, time and redirects, private addresses refused by default.

Every hop of a redirect chain is resolved and checked before connecting, and the connection goes to the
address that was checked (no second DNS lookup, so DNS rebinding cannot slip a private address in).
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsift.errors import InputError
from newsift.ingest.sniff import detect_content_type
from newsift.model import RawDocument

__all__ = [
    "Fetcher",
    "HttpFetcher",
    "PinnedTransport",
    "Resolver",
    "VettedUrl",
    "check_url",
    "resolve_host",
    "vet_url",
]

USER_AGENT = "newsift/0.1 (+https://example.invalid/newsift)"

Resolver = Callable[[str, int], Sequence[str]]
"""Turns (host, port) into IP address strings; raises OSError (e.g. socket.gaierror) when it cannot."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


class Fetcher(Protocol):
    def fetch(self, url: str) -> RawDocument: ...


@dataclass(frozen=True, slots=True)
class VettedUrl:
    """A URL whose host was resolved once and found acceptable: connect to ``addresses`` only."""

    host: str  # as the HTTP client sees it: IDNA-encoded, no brackets around IPv6
    port: int
    addresses: tuple[str, ...]


def resolve_host(host: str, port: int) -> tuple[str, ...]:
    """The system resolver's addresses for ``host``, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def check_url(url: str, *, allow_private: bool = False, allow_hosts: Collection[str] = ()) -> None:
    """Refuse non-http(s) URLs and hosts that resolve to private, loopback or link-local addresses.

    A check alone does not stop DNS rebinding (the client resolves again when it connects); fetch with
    ``HttpFetcher`` or a ``PinnedTransport``, which connect to the vetted address.

    Args:
        url: the URL about to be fetched (each hop of a redirect chain is checked on its own).
        allow_private: allow every private address.
        allow_hosts: ``host`` or ``host:port`` values exempt from the address check (an intranet
            source the operator trusts); a redirect out of them is checked like any other URL.

    Raises:
        InputError: the URL is refused, with the reason.
    """
    host, port = _split(url)
    if not _is_exempt(url, allow_private, allow_hosts):
        _refuse_private(url, host, _resolve(url, host, port, resolve_host))


def vet_url(
    url: str,
    *,
    allow_private: bool = False,
    allow_hosts: Collection[str] = (),
    resolver: Resolver = resolve_host,
) -> VettedUrl:
    """Check ``url`` like ``check_url`` and return the addresses to connect to (resolved exactly once).

    Exempt hosts (``allow_private``, ``allow_hosts``) are resolved too, so every connection is pinned.

    Raises:
        InputError: the URL is refused or its host cannot be resolved.
    """
    host, port = _split(url)
    exempt = _is_exempt(url, allow_private, allow_hosts)
    addresses = _resolve(url, host, port, resolver)
    if not exempt:
        _refuse_private(url, host, addresses)
    return VettedUrl(host=host, port=port, addresses=addresses)


def _split(url: str) -> tuple[str, int]:
    """(host as the client will send it, port) of an http(s) URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
        parsed = httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as err:  # a bad port, bracketed host or IDNA label
        raise InputError(url, f"malformed URL: {err}") from err
    if parts.scheme not in _DEFAULT_PORTS:
        raise InputError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if not parts.hostname or not parsed.raw_host:
        raise InputError(url, "URL has no host")
    return parsed.raw_host.decode("ascii").lower(), port or _DEFAULT_PORTS[parts.scheme]


def _is_exempt(url: str, allow_private: bool, allow_hosts: Collection[str]) -> bool:
    parts = urlsplit(url)
    return allow_private or parts.hostname in allow_hosts or f"{parts.hostname}:{parts.port}" in allow_hosts


def _resolve(url: str, host: str, port: int, resolver: Resolver) -> tuple[str, ...]:
    try:
        addresses = tuple(resolver(host, port))
    except (OSError, UnicodeError) as err:
        raise InputError(url, f"cannot resolve host {host!r}: {err}") from err
    if not addresses:
        raise InputError(url, f"cannot resolve host {host!r}: no address")
    return addresses


def _refuse_private(url: str, host: str, addresses: Iterable[str]) -> None:
    for text in addresses:
        try:
            address = ipaddress.ip_address(text.partition("%")[0])  # drop an IPv6 zone id
        except ValueError as err:
            raise InputError(url, f"refused: {host} resolves to {text!r}, not an IP address") from err
        if not _is_public(address):
            raise InputError(
                url, f"refused: {host} resolves to non-public address {address} (--allow-private)"
            )


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Global, and so is any IPv4 address embedded in it (mapped, 6to4, Teredo, NAT64)."""
    if not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return True
    embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    if address in _NAT64:
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return all(ip is None or ip.is_global for ip in embedded)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class _Deadline(threading.local):
    """The monotonic time by which this thread's current request must be done, if any."""

    at: float | None = None

    def timeout(self, timeout: float | None, *, write: bool = False) -> float | None:
        """``timeout`` shortened to what is left before the deadline; raises once it has passed."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise (httpcore.WriteTimeout if write else httpcore.ReadTimeout)("the overall deadline passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake ends by the request's overall deadline,
    so a server sending a byte a second (headers or body) cannot hold a fetch past it."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.timeout(timeout, write=True))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, self._deadline.timeout(timeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


class _PinnedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses pinned for (host, port); anything else fails closed.
    Every connection keeps to the deadline set with ``PinnedTransport.deadline``."""

    def __init__(self) -> None:
        self._pins: dict[tuple[str, int], tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self.deadline = _Deadline()

    def pin(self, vetted: VettedUrl) -> None:
        with self._lock:
            self._pins[(vetted.host, vetted.port)] = vetted.addresses

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        with self._lock:
            addresses = self._pins.get((host.lower(), port), ())
        if not addresses:
            raise httpcore.ConnectError(f"{host}:{port} was not vetted before connecting")
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:  # an IP literal: socket.create_connection does no DNS lookup
            try:
                wait = self.deadline.timeout(timeout)
                stream = super().connect_tcp(address, port, wait, local_address, socket_options)
                return _DeadlineStream(stream, self.deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as err:
                failure = err
        raise failure or httpcore.ConnectError(f"{host}:{port}: no address to connect to")


class PinnedTransport(httpx.HTTPTransport):
    """An httpx transport that connects only to addresses pinned with ``pin`` (resolved and vetted).

    TLS still verifies the certificate against, and sends SNI for, the URL's host name; the Host
    header is the URL's. Only the TCP connection target is fixed.
    """

    def __init__(self, *, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__()
        self._backend = _PinnedBackend()
        context = verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=self._backend)

    def pin(self, vetted: VettedUrl) -> None:
        """Allow connections to ``vetted.host:vetted.port``, at its vetted addresses only."""
        self._backend.pin(vetted)

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Within the block, this thread's requests end (``httpx.TimeoutException``) ``seconds`` from now,
        however the server paces its bytes. Nested blocks keep the earlier deadline."""
        state = self._backend.deadline
        outer = state.at
        at = time.monotonic() + seconds
        state.at = at if outer is None else min(outer, at)
        try:
            yield
        finally:
            state.at = outer


class HttpFetcher:
    """A small, careful HTTP client: bounded body size, timeouts and redirect count, pinned addresses.

    ``resolver`` replaces the system resolver (a test's fake DNS); ``verify`` is passed to TLS (an
    ``ssl.SSLContext`` trusting an intranet CA, say). Proxy environment variables are ignored: a proxy
    would resolve names itself, after our check.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = 20 * 1024 * 1024,
        timeout_s: float = 20.0,
        max_redirects: int = 5,
        allow_hosts: Collection[str] = (),
        resolver: Resolver = resolve_host,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.allow_private = allow_private
        self.allow_hosts = frozenset(allow_hosts)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.timeout_s = timeout_s
        self._resolver = resolver
        self._transport = PinnedTransport(verify=verify)
        self._client = httpx.Client(
            transport=self._transport,
            timeout=timeout_s,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,
        )

    def fetch(self, url: str) -> RawDocument:
        """Fetch ``url``, following at most ``max_redirects`` checked redirects, all within ``timeout_s``
        (one deadline for the whole fetch: connections, redirects, headers and body).

        Raises:
            InputError: refused URL, network error, HTTP error status, too large a body, or the
                deadline passed.
        """
        with self._transport.deadline(self.timeout_s):
            try:
                return self._fetch(url)
            except InputError as err:
                if isinstance(err.__cause__, httpx.TimeoutException):
                    raise InputError(url, f"no complete answer within {self.timeout_s:g} s") from err
                raise

    def _fetch(self, url: str) -> RawDocument:
        current = url
        for _ in range(self.max_redirects + 1):
            try:
                vetted = vet_url(
                    current, allow_private=self.allow_private, allow_hosts=self.allow_hosts,
                    resolver=self._resolver,
                )  # fmt: skip
            except InputError as err:
                if current == url:
                    raise
                raise InputError(url, f"redirect to {current} refused: {err.reason}") from err
            self._transport.pin(vetted)
            response, body = self._get(current)
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise InputError(url, f"redirect without Location from {current}")
                current = urljoin(current, location)
                continue
            return self._document(url, current, response, body)
        raise InputError(url, f"too many redirects (more than {self.max_redirects})")

    def _get(self, url: str) -> tuple[httpx.Response, bytes]:
        try:
            with self._client.stream("GET", url) as response:
                body = bytearray()
                if not response.is_redirect:
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > self.max_bytes:
                            raise InputError(url, f"response larger than {self.max_bytes} bytes")
                return response, bytes(body)
        except httpx.HTTPError as err:
            raise InputError(url, f"fetch failed: {type(err).__name__}: {err}") from err

    def _document(self, url: str, final: str, response: httpx.Response, content: bytes) -> RawDocument:
        if response.status_code >= 400:
            raise InputError(url, f"HTTP {response.status_code}")
        return RawDocument(
            uri=url,
            url=final,
            content=content,
            content_type=detect_content_type(content, final),
            fetched_at=datetime.now(UTC),
            encoding=response.charset_encoding,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
