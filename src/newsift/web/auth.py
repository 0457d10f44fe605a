"""Local accounts (argon2 password hashes), sessions, API tokens and CSRF tokens.

Secrets never reach the database in clear: session ids and API tokens are stored as SHA-256 digests.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from newsift.errors import InputError

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


def create_user(conn: sqlite3.Connection, name: str, password: str) -> None:
    """Add a local account.

    Raises:
        InputError: bad name, password shorter than 8 characters, or the name is taken.
    """
    if not _NAME.fullmatch(name):
        raise InputError(repr(name), "user names are 2-40 letters, digits, '_', '.' or '-'")
    _check_password(name, password)
    try:
        with conn:
            conn.execute(
                "INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)",
                (name, _hasher.hash(password), _now().isoformat()),
            )
    except sqlite3.IntegrityError as err:
        raise InputError(name, "user already exists") from err


def _check_password(name: str, password: str) -> None:
    if len(password) < _MIN_PASSWORD:
        raise InputError(name, f"password must have at least {_MIN_PASSWORD} characters")


def set_password(conn: sqlite3.Connection, name: str, password: str) -> None:
    """Replace a user's password and end the user's sessions (API tokens stay valid).

    Raises:
        InputError: no such user, or a password shorter than 8 characters.
    """
    _check_password(name, password)
    with conn:
        changed = conn.execute(
            "UPDATE users SET password_hash = ? WHERE name = ?", (_hasher.hash(password), name)
        ).rowcount
        conn.execute("DELETE FROM sessions WHERE user_name = ?", (name,))
    if not changed:
        raise InputError(name, "no such user")


def authenticate(conn: sqlite3.Connection, name: str, password: str) -> bool:
    """True when ``password`` is the user's password."""
    row = conn.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
    try:
        return _hasher.verify(row[0] if row else _DUMMY_HASH, password) and row is not None
    except (VerificationError, InvalidHashError):
        return False


def create_session(conn: sqlite3.Connection, user: str) -> str:
    """A new session for ``user``; returns the raw id, which only the cookie holds."""
    raw = secrets.token_urlsafe(32)
    now = _now()
    with conn:
        conn.execute(
            "INSERT INTO sessions (id_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (_digest(raw), user, now.isoformat(), (now + timedelta(days=SESSION_DAYS)).isoformat()),
        )
    return raw


def query_session_user(conn: sqlite3.Connection, raw: str | None) -> str | None:
    """The user of a live session, or None (unknown or expired id)."""
    if not raw:
        return None
    row = conn.execute(
        "SELECT user_name, expires_at FROM sessions WHERE id_hash = ?", (_digest(raw),)
    ).fetchone()
    if row is None or datetime.fromisoformat(row[1]) <= _now():
        return None
    return str(row[0])


def delete_session(conn: sqlite3.Connection, raw: str | None) -> None:
    if raw:
        with conn:
            conn.execute("DELETE FROM sessions WHERE id_hash = ?", (_digest(raw),))


def create_api_token(conn: sqlite3.Connection, user: str, label: str = "cli") -> str:
    """A new API token for ``user``; the raw token is returned once and never stored.

    Raises:
        InputError: no such user.
    """
    if conn.execute("SELECT 1 FROM users WHERE name = ?", (user,)).fetchone() is None:
        raise InputError(user, "no such user (add it with `newsift user add`)")
    raw = "nsk_" + secrets.token_urlsafe(32)
    with conn:
        conn.execute(
            "INSERT INTO api_tokens (token_hash, user_name, label, created_at) VALUES (?, ?, ?, ?)",
            (_digest(raw), user, label, _now().isoformat()),
        )
    return raw


def query_token_user(conn: sqlite3.Connection, raw: str) -> str | None:
    """The user owning an API token, or None."""
    digest = _digest(raw)
    row = conn.execute("SELECT user_name FROM api_tokens WHERE token_hash = ?", (digest,)).fetchone()
    if row is None:
        return None
    with conn:
        conn.execute(
            "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", (_now().isoformat(), digest)
        )
    return str(row[0])


def make_csrf(secret: bytes) -> str:
    """A signed CSRF token (``nonce.signature``) for the double-submit cookie and the form field."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_sign(secret, nonce)}"


def check_csrf(secret: bytes, cookie: str | None, field: str | None) -> bool:
    """True when the form field equals the cookie and the cookie carries our signature."""
    if not cookie or not field or not hmac.compare_digest(cookie, field):
        return False
    nonce, _, signature = cookie.partition(".")
    return hmac.compare_digest(signature, _sign(secret, nonce))


def _sign(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, nonce.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
