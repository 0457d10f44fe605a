"""Request-level helpers: the app's database, the signed-in user, API tokens, CSRF checks, throttling."""

from __future__ import annotations

import threading
import time
from collections import deque

from fastapi import Request

from newsift.web.auth import check_csrf, make_csrf, query_session_user, query_token_user
from newsift.web.db import WebDb
from newsift.web.errors import HttpError

__all__ = [
    "CSRF_COOKIE",
    "SESSION_COOKIE",
    "LoginThrottle",
    "RateLimit",
    "csrf_for",
    "db_of",
    "require_csrf",
    "require_session_user",
    "require_token_user",
    "session_user",
]

SESSION_COOKIE = "newsift_session"
CSRF_COOKIE = "newsift_csrf"


def db_of(request: Request) -> WebDb:
    db: WebDb = request.app.state.db
    return db


def session_user(request: Request) -> str | None:
    """The signed-in user of this request's session cookie, if any."""
    return query_session_user(db_of(request).store(), request.cookies.get(SESSION_COOKIE))


def require_session_user(request: Request) -> str:
    """The signed-in user. Raises: HttpError 401 when nobody is signed in."""
    user = session_user(request)
    if user is None:
        raise HttpError(401, "unauthenticated", "sign in first")
    return user


def require_token_user(request: Request) -> str:
    """The owner of the ``Authorization: Bearer`` API token. Raises: HttpError 401 without a valid one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HttpError(401, "unauthenticated", "writes need an API token: Authorization: Bearer <token>")
    user = query_token_user(db_of(request).store(), token.strip())
    if user is None:
        raise HttpError(401, "unauthenticated", "unknown API token")
    return user


def csrf_for(request: Request) -> tuple[str, bool]:
    """This visitor's CSRF token, and whether it is new (then the page must set the cookie).

    The token is bound to the session cookie: after a sign-in (a new session) the old one no longer
    checks, so a fresh one is issued.
    """
    secret: bytes = request.app.state.secret
    cookie, session = request.cookies.get(CSRF_COOKIE), request.cookies.get(SESSION_COOKIE)
    if cookie and check_csrf(secret, cookie, cookie, session):
        return cookie, False
    return make_csrf(secret, session), True


def require_csrf(request: Request, field: str | None) -> None:
    """Raises: HttpError 403 unless the form's token matches the CSRF cookie signed for this session."""
    session = request.cookies.get(SESSION_COOKIE)
    if not check_csrf(request.app.state.secret, request.cookies.get(CSRF_COOKIE), field, session):
        raise HttpError(403, "csrf_failed", "missing or invalid CSRF token: reload the page and retry")


class LoginThrottle:
    """At most ``attempts`` failed sign-ins per client address in ``window_s`` seconds."""

    def __init__(self, attempts: int = 10, window_s: float = 300.0) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Raises: HttpError 429 when the client failed too often recently."""
        with self._lock:
            recent = self._recent(client)
            if len(recent) >= self.attempts:
                raise HttpError(429, "too_many_attempts", "too many failed sign-ins: wait a few minutes")

    def fail(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(time.monotonic())

    def _recent(self, client: str) -> deque[float]:
        recent = self._failures.setdefault(client, deque())
        while recent and recent[0] < time.monotonic() - self.window_s:
            recent.popleft()
        return recent


class RateLimit:
    """At most ``limit`` hits per key in any ``window_s`` seconds (a sliding window)."""

    def __init__(self, limit: int = 30, window_s: float = 60.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Count a hit for ``key``; returns 0.0, or the seconds to wait when over the limit (not counted)."""
        now = time.monotonic()
        with self._lock:
            for stale in [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.window_s]:
                del self._hits[stale]  # keeps memory bounded by the keys active in the last window
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return hits[0] + self.window_s - now
            hits.append(now)
            return 0.0
