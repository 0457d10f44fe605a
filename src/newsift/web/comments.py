"""Comments on articles (and optionally on one claim of the article): add, list, delete by author only.

The table is the store's (``store.comments``); the rules are here.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from newsift.store import Store
from newsift.web.errors import HttpError

__all__ = ["MAX_COMMENT_CHARS", "create_comment", "delete_comment", "query_comments"]

MAX_COMMENT_CHARS = 5000


def _row(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = ("id", "article_id", "claim_id", "user", "body", "created_at")
    return dict(zip(keys, row, strict=True))


def query_comments(store: Store, article_id: str) -> list[dict[str, Any]]:
    """An article's comments, oldest first."""
    return [_row(r) for r in store.comments.of_article(article_id)]


def create_comment(
    store: Store, article_id: str, user: str, body: str, claim_id: str | None = None
) -> dict[str, Any]:
    """Store a comment and return it.

    Raises:
        HttpError: 422 for an empty or too long body, or a claim that is not one of the article's.
    """
    body = body.strip()
    if not body or len(body) > MAX_COMMENT_CHARS:
        raise HttpError(422, "invalid_comment", f"a comment has 1 to {MAX_COMMENT_CHARS} characters")
    claim_id = claim_id or None
    if claim_id is not None and not store.comments.is_claim_of(claim_id, article_id):
        raise HttpError(
            422, "invalid_claim", f"claim_id: claim {claim_id!r} is not a claim of article {article_id}"
        )
    row = (secrets.token_hex(8), article_id, claim_id, user, body, datetime.now(UTC).isoformat())
    store.comments.insert(row)
    return _row(row)


def delete_comment(store: Store, comment_id: str, user: str) -> str:
    """Delete a comment of ``user``; returns its article id.

    Raises:
        HttpError: 404 when there is no such comment, 403 when it belongs to someone else.
    """
    found = store.comments.owner(comment_id)
    if found is None:
        raise HttpError(404, "not_found", f"no comment with id {comment_id}")
    if found[0] != user:
        raise HttpError(403, "forbidden", "only its author can delete a comment")
    store.comments.delete(comment_id, user)
    return found[1]
