"""Account administration for the CLI: list and remove users, list and revoke API tokens.

Tokens are known only by their SHA-256 digest; a token's public id is the digest's first 12 hex digits.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

from newsift.errors import InputError

__all__ = ["TokenInfo", "UserInfo", "delete_user", "query_tokens", "query_users", "revoke_token"]

TOKEN_ID_CHARS = 12
_MIN_PREFIX = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class UserInfo:
    name: str
    created_at: str
    n_tokens: int
    n_comments: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenInfo:
    id: str
    user: str
    label: str
    created_at: str
    last_used_at: str | None


def query_users(conn: sqlite3.Connection) -> list[UserInfo]:
    """Every local account by name, with its token and comment counts."""
    rows = conn.execute(
        "SELECT u.name, u.created_at, "
        "(SELECT COUNT(*) FROM api_tokens t WHERE t.user_name = u.name), "
        "(SELECT COUNT(*) FROM comments c WHERE c.user_name = u.name) FROM users u ORDER BY u.name"
    ).fetchall()
    return [UserInfo(name=r[0], created_at=r[1], n_tokens=r[2], n_comments=r[3]) for r in rows]


def delete_user(conn: sqlite3.Connection, name: str, *, with_comments: bool = False) -> int:
    """Remove an account, its sessions and its tokens; returns the number of comments removed with it.

    Raises:
        InputError: no such user, or the user has comments and ``with_comments`` is False.
    """
    if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is None:
        raise InputError(name, "no such user")
    n_comments = int(conn.execute("SELECT COUNT(*) FROM comments WHERE user_name = ?", (name,)).fetchone()[0])
    if n_comments and not with_comments:
        raise InputError(name, f"the user wrote {n_comments} comments; remove them too with --with-comments")
    with conn:
        for table in ("comments", "sessions", "api_tokens"):
            conn.execute(f"DELETE FROM {table} WHERE user_name = ?", (name,))
        conn.execute("DELETE FROM users WHERE name = ?", (name,))
    return n_comments


def query_tokens(conn: sqlite3.Connection, user: str | None = None) -> list[TokenInfo]:
    """API tokens (never the secret: an id, owner, label and times), oldest first."""
    sql = "SELECT token_hash, user_name, label, created_at, last_used_at FROM api_tokens"
    params: tuple[str, ...] = ()
    if user is not None:
        sql, params = sql + " WHERE user_name = ?", (user,)
    rows = conn.execute(sql + " ORDER BY created_at, token_hash", params).fetchall()
    return [
        TokenInfo(id=r[0][:TOKEN_ID_CHARS], user=r[1], label=r[2], created_at=r[3], last_used_at=r[4])
        for r in rows
    ]


def revoke_token(conn: sqlite3.Connection, token: str) -> TokenInfo:
    """Delete one API token named by its id (or a unique prefix of 6+ digits) or by the raw token.

    Raises:
        InputError: no token matches, or the prefix matches several.
    """
    if token.startswith("nsk_"):
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        matches = [t for t in query_tokens(conn) if digest.startswith(t.id)]
        shown = "token"  # never echo a secret
    elif len(token) >= _MIN_PREFIX:
        matches = [t for t in query_tokens(conn) if t.id.startswith(token.lower())]
        shown = token
    else:
        raise InputError(token, f"give a token id (at least {_MIN_PREFIX} characters) or the token itself")
    if len(matches) != 1:
        raise InputError(shown, "no such token" if not matches else f"{len(matches)} tokens match; give more")
    with conn:
        conn.execute(
            "DELETE FROM api_tokens WHERE substr(token_hash, 1, ?) = ?", (TOKEN_ID_CHARS, matches[0].id)
        )
    return matches[0]
