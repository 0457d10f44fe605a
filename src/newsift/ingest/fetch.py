"""Fetching URLs: http(s) only, bounded size, time and redirects, private addresses refused by default.

Every hop of a redirect chain is resolved and checked before connecting (SSRF protection).
"""

from __future__ import annotations

import ipaddress
import socket
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


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse non-http(s) URLs and hosts that resolve to private, loopback or link-local addresses.

    Raises:
        InputError: the URL is refused, with the reason.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise InputError(url, "URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise InputError(url, f"cannot resolve host {host!r}: {err.strerror}") from err
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InputError(
                url, f"refused: {host} resolves to non-public address {address} (--allow-private)"
            )


class HttpFetcher:
    """A small, careful HTTP client: bounded body size, timeouts and redirect count."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = 20 * 1024 * 1024,
        timeout_s: float = 20.0,
        max_redirects: int = 5,
    ) -> None:
        self.allow_private = allow_private
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
                check_url(current, allow_private=self.allow_private)
            except InputError as err:
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
