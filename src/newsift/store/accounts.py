"""The web's account tables (migration 005): users, sessions and API tokens, as stored.

Secrets arrive here already digested (SHA-256 of session ids and tokens, argon2 password hashes); the
rules (names, password length, hashing) live in ``web/auth.py`` and ``web/accounts.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsift.store.sql import SqlStore, Tx

__all__ = ["TOKEN_ID_CHARS", "Accounts", "TokenInfo", "UserInfo"]

TOKEN_ID_CHARS = 12  # a token's public id: the first hex digits of its digest


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


class Accounts:
    """Users, sessions and API tokens of one store; every write goes through the store's writer."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def insert_user(self, name: str, password_hash: str, created_at: str) -> bool:
        """Add a user; False when the name is taken."""
        sql = "INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
        return self._store.write(lambda tx: tx.execute(sql, [name, password_hash, created_at]) == 1)

    def has_user(self, name: str) -> bool:
        return bool(self._store._fetch("SELECT 1 FROM users WHERE name = ?", [name]))

    def password_hash(self, name: str) -> str | None:
        rows = self._store._fetch("SELECT password_hash FROM users WHERE name = ?", [name])
        return str(rows[0][0]) if rows else None

    def set_password_hash(self, name: str, password_hash: str) -> bool:
        """Replace a user's password hash and end the user's sessions; False when there is no such user."""

        def change(tx: Tx) -> bool:
            changed = tx.execute("UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])
            tx.execute("DELETE FROM sessions WHERE user_name = ?", [name])
            return changed > 0

        return self._store.write(change)

    def insert_session(self, id_hash: str, user: str, created_at: str, expires_at: str) -> None:
        sql = "INSERT INTO sessions (id_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)"
        self._store.write(lambda tx: tx.execute(sql, [id_hash, user, created_at, expires_at]))

    def session(self, id_hash: str) -> tuple[str, str] | None:
        """(user, expiry time) of a session, or None."""
        rows = self._store._fetch("SELECT user_name, expires_at FROM sessions WHERE id_hash = ?", [id_hash])
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def delete_session(self, id_hash: str) -> None:
        self._store.write(lambda tx: tx.execute("DELETE FROM sessions WHERE id_hash = ?", [id_hash]))

    def insert_token(self, token_hash: str, user: str, label: str, created_at: str) -> None:
        sql = "INSERT INTO api_tokens (token_hash, user_name, label, created_at) VALUES (?, ?, ?, ?)"
        self._store.write(lambda tx: tx.execute(sql, [token_hash, user, label, created_at]))

    def use_token(self, token_hash: str, used_at: str) -> str | None:
        """The owner of a token (its last use recorded), or None."""
        rows = self._store._fetch("SELECT user_name FROM api_tokens WHERE token_hash = ?", [token_hash])
        if not rows:
            return None
        sql = "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?"
        self._store.write(lambda tx: tx.execute(sql, [used_at, token_hash]))
        return str(rows[0][0])

    def users(self) -> list[UserInfo]:
        """Every account by name, with its token and comment counts."""
        rows = self._store._fetch(
            "SELECT u.name, u.created_at, "
            "(SELECT COUNT(*) FROM api_tokens t WHERE t.user_name = u.name), "
            "(SELECT COUNT(*) FROM comments c WHERE c.user_name = u.name) "
            f"FROM users u ORDER BY u.name{self._store.dialect.collate}"
        )
        return [UserInfo(name=r[0], created_at=r[1], n_tokens=int(r[2]), n_comments=int(r[3])) for r in rows]

    def count_comments(self, name: str) -> int:
        return int(self._store._fetch("SELECT COUNT(*) FROM comments WHERE user_name = ?", [name])[0][0])

    def delete_user(self, name: str) -> None:
        """Remove an account with its comments, sessions and tokens, in one transaction."""

        def delete(tx: Tx) -> None:
            for table in ("comments", "sessions", "api_tokens"):
                tx.execute(f"DELETE FROM {table} WHERE user_name = ?", [name])  # nosec B608  # names from code
            tx.execute("DELETE FROM users WHERE name = ?", [name])

        self._store.write(delete)

    def tokens(self, user: str | None = None) -> list[TokenInfo]:
        """API tokens (an id, owner, label and times; never the digest), oldest first."""
        sql = "SELECT token_hash, user_name, label, created_at, last_used_at FROM api_tokens"
        params: list[str] = []
        if user is not None:
            sql, params = sql + " WHERE user_name = ?", [user]
        rows = self._store._fetch(
            sql + f" ORDER BY created_at, token_hash{self._store.dialect.collate}", params
        )
        return [
            TokenInfo(id=r[0][:TOKEN_ID_CHARS], user=r[1], label=r[2], created_at=r[3], last_used_at=r[4])
            for r in rows
        ]

    def delete_token(self, token_id: str) -> None:
        """Delete the token whose id (the first ``TOKEN_ID_CHARS`` digits of its digest) is ``token_id``."""
        sql = "DELETE FROM api_tokens WHERE substr(token_hash, 1, ?) = ?"
        self._store.write(lambda tx: tx.execute(sql, [TOKEN_ID_CHARS, token_id]))
