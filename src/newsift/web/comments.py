"""Comments on articles (and optionally on one claim of the article): add, list, delete by author only."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import UTC, datetime
from typing import Any

from newsift.web.errors import HttpError

__all__ = ["MAX_COMMENT_CHARS", "create_comment", "delete_comment", "query_comments"]

MAX_COMMENT_CHARS = 5000
_SELECT = (
    "SELECT id, article_id, claim_id, user_name, body, created_at FROM comments "
    "WHERE article_id = ? ORDER BY created_at, id"
)
_INSERT = (
    "INSERT INTO comments (id, article_id, claim_id, user_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?)"
)


def _row(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = ("id", "article_id", "claim_id", "user", "body", "created_at")
    return dict(zip(keys, row, strict=True))


def query_comments(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """An article's comments, oldest first."""
    rows = conn.execute(_SELECT, (article_id,)).fetchall()
    return [_row(r) for r in rows]


def create_comment(
    conn: sqlite3.Connection, article_id: str, user: str, body: str, claim_id: str | None = None
) -> dict[str, Any]:
    """Store a comment and return it.

    Raises:
        HttpError: 422 for an empty or too long body, or a claim that is not one of the article's.
    """
    body = body.strip()
    if not body or len(body) > MAX_COMMENT_CHARS:
        raise HttpError(422, "invalid_comment", f"a comment has 1 to {MAX_COMMENT_CHARS} characters")
    claim_id = claim_id or None
    if claim_id is not None and not _claim_of(conn, claim_id, article_id):
        raise HttpError(
            422, "invalid_claim", f"claim_id: claim {claim_id!r} is not a claim of article {article_id}"
        )
    row = (secrets.token_hex(8), article_id, claim_id, user, body, datetime.now(UTC).isoformat())
    with conn:
        conn.execute(_INSERT, row)
    return _row(row)


def _claim_of(conn: sqlite3.Connection, claim_id: str, article_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM claims WHERE id = ? AND article_id = ?", (claim_id, article_id))
    return row.fetchone() is not None


def delete_comment(conn: sqlite3.Connection, comment_id: str, user: str) -> str:
    """Delete a comment of ``user``; returns its article id.

    Raises:
        HttpError: 404 when there is no such comment, 403 when it belongs to someone else.
    """
    row = conn.execute("SELECT user_name, article_id FROM comments WHERE id = ?", (comment_id,)).fetchone()
    if row is None:
        raise HttpError(404, "not_found", f"no comment with id {comment_id}")
    if row[0] != user:
        raise HttpError(403, "forbidden", "only its author can delete a comment")
    with conn:
        conn.execute("DELETE FROM comments WHERE id = ? AND user_name = ?", (comment_id, user))
    return str(row[1])
