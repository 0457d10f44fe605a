"""HTTP manners for the JSON reads: HEAD answered as GET without a body, ETag with 304 on a match, and gzip
for large API responses (never HTML pages: they carry CSRF tokens, and compression would expose them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["API_PREFIXES", "ApiETag", "ApiGzip", "HeadAsGet"]

API_PREFIXES = ("/api", "/openapi.json", "/healthz")
GZIP_MIN_BYTES = 1024


def _is_api(scope: Scope) -> bool:
    return scope["type"] == "http" and str(scope["path"]).startswith(API_PREFIXES)


class HeadAsGet:
    """A HEAD request runs the GET route; the headers (Content-Length included) are kept, the body dropped."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class ApiETag:
    """A strong ETag (a digest of the body) on every 200 JSON read, and 304 when If-None-Match has it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_api(scope) or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        held: list[Message] = []
        await self.app(scope, receive, _collect(held))
        start, body = held[0], b"".join(m.get("body", b"") for m in held[1:])
        if start["status"] != 200:
            await _replay(send, start, body)
            return
        tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = MutableHeaders(scope=start)
        headers["etag"] = tag
        headers.setdefault("cache-control", "no-cache")
        if tag in _tags(Headers(scope=scope).get("if-none-match", "")):
            del headers["content-length"]
            await send({**start, "status": 304})
            await send({"type": "http.response.body", "body": b""})
            return
        await _replay(send, start, body)


def _collect(held: list[Message]) -> Send:
    async def collect(message: Message) -> None:
        held.append(message)

    return collect


async def _replay(send: Send, start: Message, body: bytes) -> None:
    await send(start)
    await send({"type": "http.response.body", "body": body})


def _tags(value: str) -> Iterable[str]:
    return {tag.strip().removeprefix("W/") for tag in value.split(",")}


class ApiGzip:
    """Gzip (when accepted) for API responses of ``GZIP_MIN_BYTES`` or more; pages go as they are."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=GZIP_MIN_BYTES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await (self.gzip if _is_api(scope) else self.app)(scope, receive, send)
