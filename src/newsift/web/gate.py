"""The ASGI gate in front of the routes: the Host check, and for uploads the token, the rate limit and the
size, all decided from the headers before a byte of the body is read. No data logic here.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsift.web.guards import RateLimit

__all__ = ["DEFAULT_HOSTS", "FORM_LIMIT", "MULTIPART_ALLOWANCE", "Gate"]

DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1", "testserver")
FORM_LIMIT = 1 << 20
"""Most bytes of any request body but an upload (comments are at most 5,000 characters)."""
MULTIPART_ALLOWANCE = 1 << 16
"""Bytes an upload may carry beyond the file itself: boundaries, part headers, the other fields."""
_UPLOAD_PATH = "/api/ingest"
_DIGITS = re.compile(r"[0-9]{1,19}")
_Refusal = tuple[int, str, str, dict[str, str]]


class Gate:
    """Refuses a request from its headers: a foreign Host (400), and for ``POST /api/ingest`` no valid
    token (401), too many uploads by this token (429) or a body over the limit (413).

    A body without Content-Length is counted as it streams and cut off at the same limit, so no request
    makes the server buffer or spool more than the limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        hosts: Iterable[str],
        find_token_user: Callable[[str], str | None],
        upload_limit: int,
        uploads: RateLimit,
    ) -> None:
        self.app = app
        self.hosts = frozenset(h.lower().strip("[]") for h in (*DEFAULT_HOSTS, *hosts))
        self.find_token_user = find_token_user
        self.upload_limit = upload_limit + MULTIPART_ALLOWANCE
        self.uploads = uploads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and not self._is_trusted(scope, Headers(scope=scope)):
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal, limit = await self._check(scope, Headers(scope=scope))
        if refusal is not None:
            await _refuse(scope, receive, send, *refusal)
        else:
            await self.app(scope, _counted(receive, limit), send)

    async def _check(self, scope: Scope, headers: Headers) -> tuple[_Refusal | None, int]:
        """The refusal for this request, if any, else the most body bytes it may send."""
        if not self._is_trusted(scope, headers):
            return (400, "bad_host", "unknown Host header", {}), 0
        limit = FORM_LIMIT
        if scope["method"] == "POST" and scope["path"] == _UPLOAD_PATH:
            refusal = await self._check_upload(headers)
            if refusal is not None:
                return refusal, 0
            limit = self.upload_limit
        declared = headers.get("content-length")
        if declared is not None and not _DIGITS.fullmatch(declared):
            return (400, "bad_request", "invalid Content-Length", {}), 0
        if declared is not None and int(declared) > limit:
            return (413, "too_large", f"request body larger than {limit} bytes", {}), 0
        return None, limit

    def _is_trusted(self, scope: Scope, headers: Headers) -> bool:
        return self._is_trusted_host(headers.get("host", ""), scope.get("server"))

    def _is_trusted_host(self, value: str, server: tuple[str, int] | None) -> bool:
        """A configured name, or the literal address this connection arrived on (never a rebound name)."""
        try:
            name = urlsplit("//" + value).hostname or ""
        except ValueError:
            return False
        if name in self.hosts or "*" in self.hosts:
            return True
        if any(h.startswith("*.") and name.endswith(h[1:]) for h in self.hosts):
            return True
        return server is not None and _same_address(name, server[0])

    async def _check_upload(self, headers: Headers) -> _Refusal | None:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return 401, "unauthenticated", "writes need an API token: Authorization: Bearer <token>", {}
        if await run_in_threadpool(self.find_token_user, token) is None:
            return 401, "unauthenticated", "unknown API token", {}
        wait = self.uploads.hit(hashlib.sha256(token.encode("utf-8")).hexdigest())
        if wait:
            message = f"more than {self.uploads.limit} uploads in {self.uploads.window_s:g} s: retry later"
            return 429, "too_many_requests", message, {"retry-after": str(max(1, round(wait)))}
        return None


def _same_address(name: str, local: str) -> bool:
    try:
        return ipaddress.ip_address(name) == ipaddress.ip_address(local)
    except ValueError:
        return False


def _counted(receive: Receive, limit: int) -> Receive:
    """``receive`` that fails with 413 once the body passes ``limit`` bytes (Content-Length or not)."""
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, f"request body larger than {limit} bytes")
        return message

    return counted


async def _refuse(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str],
) -> None:
    """The app's one error shape, sent without reading the body; the connection is then closed."""
    extra = {"connection": "close", **headers}
    if status == 401:
        extra["www-authenticate"] = "Bearer"
    body = {"error": {"status": status, "code": code, "message": message}}
    await JSONResponse(body, status_code=status, headers=extra)(scope, receive, send)
