"""Fetching URLs: http(s) only, bounded size, time and redirects, private addresses refused by default.

Every hop of a redirect chain is resolved and checked before connecting (SSRF protection).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from newsift.errors import InputError
from newsift.ingest.sniff import detect_content_type
from newsift.model import RawDocument

__all__ = ["Fetcher", "HttpFetcher", "check_url"]

USER_AGENT = "newsift/0.1 (+https://example.invalid/newsift)"


class Fetcher(Protocol):
    def fetch(self, url: str) -> RawDocument: ...


def check_url(url: str, *, allow_private: bool = False, allow_hosts: Collection[str] = ()) -> None:
    """Refuse non-http(s) URLs and hosts that resolve to private, loopback or link-local addresses.

    Args:
        url: the URL about to be fetched (each hop of a redirect chain is checked on its own).
        allow_private: allow every private address.
        allow_hosts: ``host`` or ``host:port`` values exempt from the address check (an intranet
            source the operator trusts); a redirect out of them is checked like any other URL.

    Raises:
        InputError: the URL is refused, with the reason.
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as err:  # a bad port or bracketed host
        raise InputError(url, f"malformed URL: {err}") from err
    if parts.scheme not in ("http", "https"):
        raise InputError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if not host:
        raise InputError(url, "URL has no host")
    if allow_private or host in allow_hosts or f"{host}:{port}" in allow_hosts:
        return
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise InputError(url, f"cannot resolve host {host!r}: {err}") from err
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
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


class HttpFetcher:
    """A small, careful HTTP client: bounded body size, timeouts and redirect count."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = 20 * 1024 * 1024,
        timeout_s: float = 20.0,
        max_redirects: int = 5,
        allow_hosts: Collection[str] = (),
    ) -> None:
        self.allow_private = allow_private
        self.allow_hosts = frozenset(allow_hosts)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._client = httpx.Client(
            timeout=timeout_s, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        )

    def fetch(self, url: str) -> RawDocument:
        """Fetch ``url``, following at most ``max_redirects`` checked redirects.

        Raises:
            InputError: refused URL, network error, HTTP error status, or too large a body.
        """
        current = url
        for _ in range(self.max_redirects + 1):
            try:
                check_url(current, allow_private=self.allow_private, allow_hosts=self.allow_hosts)
            except InputError as err:
                if current == url:
                    raise
                raise InputError(url, f"redirect to {current} refused: {err.reason}") from err
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
