"""The web's comment table (migration 005), as stored: rows in, rows out; the rules live in web/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsift.store.sql import SqlStore

__all__ = ["COMMENT_COLUMNS", "Comments"]

COMMENT_COLUMNS = ("id", "article_id", "claim_id", "user_name", "body", "created_at")
_SELECT = f"SELECT {', '.join(COMMENT_COLUMNS)} FROM comments"  # nosec B608  # names from code


class Comments:
    """Comments on articles of one store; every write goes through the store's writer."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def of_article(self, article_id: str) -> list[tuple[Any, ...]]:
        """An article's comments (``COMMENT_COLUMNS``), oldest first."""
        c = self._store.dialect.collate
        return self._store._fetch(f"{_SELECT} WHERE article_id = ? ORDER BY created_at, id{c}", [article_id])

    def every(self) -> list[tuple[Any, ...]]:
        """Every comment (``COMMENT_COLUMNS``), oldest first."""
        return self._store._fetch(f"{_SELECT} ORDER BY created_at, id{self._store.dialect.collate}")

    def is_claim_of(self, claim_id: str, article_id: str) -> bool:
        sql = "SELECT 1 FROM claims WHERE id = ? AND article_id = ?"
        return bool(self._store._fetch(sql, [claim_id, article_id]))

    def insert(self, row: tuple[Any, ...]) -> None:
        """Store one comment given as values of ``COMMENT_COLUMNS``."""
        sql = f"INSERT INTO comments ({', '.join(COMMENT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"  # nosec B608
        self._store.write(lambda tx: tx.execute(sql, row))

    def owner(self, comment_id: str) -> tuple[str, str] | None:
        """(author, article id) of a comment, or None."""
        rows = self._store._fetch("SELECT user_name, article_id FROM comments WHERE id = ?", [comment_id])
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def delete(self, comment_id: str, user: str) -> bool:
        """Delete a comment of ``user``; False when there was none."""
        sql = "DELETE FROM comments WHERE id = ? AND user_name = ?"
        return self._store.write(lambda tx: tx.execute(sql, [comment_id, user]) > 0)
