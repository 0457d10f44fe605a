"""Local accounts (argon2 password hashes), sessions, API tokens and CSRF tokens bound to the session.

Secrets never reach the database in clear: session ids and API tokens are stored as SHA-256 digests.
The tables are the store's (``store.accounts``); the rules are here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from newsift.errors import InputError
from newsift.store import Store

__all__ = [
    "SESSION_DAYS",
    "authenticate",
    "check_csrf",
    "create_api_token",
    "create_session",
    "create_user",
    "delete_session",
    "make_csrf",
    "query_session_user",
    "query_token_user",
    "set_password",
]

SESSION_DAYS = 14
_hasher = PasswordHasher()
_NAME = re.compile(r"[A-Za-z0-9_.-]{2,40}")  # fullmatch: "$" alone would let a final newline in
_MIN_PASSWORD = 8
# Verified when the user does not exist, so a wrong name costs as much time as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def create_user(store: Store, name: str, password: str) -> None:
    """Add a local account.

    Raises:
        InputError: bad name, password shorter than 8 characters, or the name is taken.
    """
    if not _NAME.fullmatch(name):
        raise InputError(repr(name), "user names are 2-40 letters, digits, '_', '.' or '-'")
    _check_password(name, password)
    if not store.accounts.insert_user(name, _hasher.hash(password), _now().isoformat()):
        raise InputError(name, "user already exists")


def _check_password(name: str, password: str) -> None:
    if len(password) < _MIN_PASSWORD:
        raise InputError(name, f"password must have at least {_MIN_PASSWORD} characters")


def set_password(store: Store, name: str, password: str) -> None:
    """Replace a user's password and end the user's sessions (API tokens stay valid).

    Raises:
        InputError: no such user, or a password shorter than 8 characters.
    """
    _check_password(name, password)
    if not store.accounts.set_password_hash(name, _hasher.hash(password)):
        raise InputError(name, "no such user")


def authenticate(store: Store, name: str, password: str) -> bool:
    """True when ``password`` is the user's password."""
    known = store.accounts.password_hash(name)
    try:
        return _hasher.verify(known or _DUMMY_HASH, password) and known is not None
    except (VerificationError, InvalidHashError):
        return False


def create_session(store: Store, user: str) -> str:
    """A new session for ``user``; returns the raw id, which only the cookie holds."""
    raw = secrets.token_urlsafe(32)
    now = _now()
    expires = now + timedelta(days=SESSION_DAYS)
    store.accounts.insert_session(_digest(raw), user, now.isoformat(), expires.isoformat())
    return raw


def query_session_user(store: Store, raw: str | None) -> str | None:
    """The user of a live session, or None (unknown or expired id)."""
    if not raw:
        return None
    found = store.accounts.session(_digest(raw))
    if found is None or datetime.fromisoformat(found[1]) <= _now():
        return None
    return found[0]


def delete_session(store: Store, raw: str | None) -> None:
    if raw:
        store.accounts.delete_session(_digest(raw))


def create_api_token(store: Store, user: str, label: str = "cli") -> str:
    """A new API token for ``user``; the raw token is returned once and never stored.

    Raises:
        InputError: no such user.
    """
    if not store.accounts.has_user(user):
        raise InputError(user, "no such user (add it with `newsift user add`)")
    raw = "nsk_" + secrets.token_urlsafe(32)
    store.accounts.insert_token(_digest(raw), user, label, _now().isoformat())
    return raw


def query_token_user(store: Store, raw: str) -> str | None:
    """The user owning an API token, or None."""
    return store.accounts.use_token(_digest(raw), _now().isoformat())


def make_csrf(secret: bytes, session: str | None = None) -> str:
    """A signed CSRF token (``nonce.signature``) for the double-submit cookie and the form field.

    The signature covers the session cookie (``session``; None before sign-in), so a token minted for
    one session, or for none, is refused with another.
    """
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_sign(secret, nonce, session)}"


def check_csrf(secret: bytes, cookie: str | None, field: str | None, session: str | None = None) -> bool:
    """True when the form field equals the cookie and the cookie carries our signature for ``session``."""
    if not cookie or not field or not hmac.compare_digest(cookie, field):
        return False
    nonce, _, signature = cookie.partition(".")
    return hmac.compare_digest(signature, _sign(secret, nonce, session))


def _sign(secret: bytes, nonce: str, session: str | None) -> str:
    bound = f"{nonce}\n{_digest(session)}" if session else nonce
    return hmac.new(secret, bound.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
