"""The reads an incremental link step needs, each bounded by what it asks for: postings of some keys,
link rows of some keys or articles, entity names, and the stored articles waiting to be linked.

Plain functions of a store's ``fetch`` (``?`` placeholders), shared by SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from newsift.store.records import LinkRow, ShelvedStory

__all__ = [
    "query_entity_names",
    "query_link_rows",
    "query_pending_links",
    "query_postings",
    "query_shelved_stories",
    "query_shelved_story_ids",
    "query_story_postings",
]

Fetch = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
_IN_CHUNK = 500  # values per IN (...) list


def _chunks(values: Sequence[str]) -> list[list[str]]:
    unique = list(dict.fromkeys(values))
    return [unique[i : i + _IN_CHUNK] for i in range(0, len(unique), _IN_CHUNK)]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def query_postings(
    fetch: Fetch, keys: Sequence[str], *, since: int = 0, cap: int | None = None
) -> dict[str, list[tuple[int, str]]]:
    """Key -> (link position, article id) of the articles posted under it at ``since`` or later, in
    link order: the last ``cap`` of them (all for None). One indexed range read per key."""
    sql = "SELECT position, article_id FROM link_postings WHERE key = ? AND position >= ?"
    sql += " ORDER BY position DESC"
    found: dict[str, list[tuple[int, str]]] = {}
    for key in dict.fromkeys(keys):
        rows = fetch(sql + (" LIMIT ?" if cap is not None else ""), [key, since, *([cap] if cap else [])])
        if rows:
            found[key] = [(int(r[0]), str(r[1])) for r in reversed(rows)]
    return found


def query_link_rows(
    fetch: Fetch, kinds: Sequence[str], *, keys: Sequence[str] = (), article_ids: Sequence[str] = ()
) -> list[LinkRow]:
    """The link rows of ``kinds`` whose key is one of ``keys`` or whose article is one of ``article_ids``
    (index ``links`` primary key, ``links_article``), by kind, rank and key."""
    rows: list[tuple[Any, ...]] = []
    select = "SELECT kind, key, article_id, rank, record FROM links WHERE kind IN "  # nosec B608  # marks only
    for column, values in (("key", keys), ("article_id", article_ids)):
        for chunk in _chunks(values):
            rows += fetch(f"{select}({_marks(kinds)}) AND {column} IN ({_marks(chunk)})", [*kinds, *chunk])
    order = {kind: i for i, kind in enumerate(kinds)}
    rows.sort(key=lambda r: (order[r[0]], r[3], r[1]))
    unique = dict.fromkeys((r[0], r[1], r[2], r[3], r[4]) for r in rows)
    return [LinkRow(key=r[1], article_id=r[2], rank=r[3], record=r[4]) for r in unique]


def query_entity_names(fetch: Fetch, entity_ids: Sequence[str]) -> dict[str, str]:
    """Entity id -> canonical name, for the ids given (those stored)."""
    names: dict[str, str] = {}
    for chunk in _chunks(entity_ids):
        sql = f"SELECT id, name FROM entities WHERE id IN ({_marks(chunk)})"  # nosec B608  # marks only
        names.update((str(r[0]), str(r[1])) for r in fetch(sql, chunk))
    return names


def query_pending_links(fetch: Fetch, *, limit: int) -> tuple[list[str], int]:
    """The first ``limit`` stored articles not linked yet (``link_pending``), in the order they were
    stored, and how many are pending in all."""
    rows = fetch("SELECT article_id FROM link_pending ORDER BY seq LIMIT ?", [limit])
    count = fetch("SELECT COUNT(*) FROM link_pending", [])
    return [str(r[0]) for r in rows], int(count[0][0]) if count else 0


def query_shelved_stories(fetch: Fetch, story_ids: Sequence[str]) -> list[ShelvedStory]:
    """The saved open stories of ``story_ids`` (those saved), by position."""
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(story_ids):
        select = "SELECT id, position, last_at, record FROM link_stories WHERE id IN "  # nosec B608  # marks
        rows += fetch(f"{select}({_marks(chunk)})", chunk)
    rows.sort(key=lambda r: int(r[1]))
    return [ShelvedStory(id=r[0], position=int(r[1]), last_at=r[2], record=r[3]) for r in rows]


def query_shelved_story_ids(
    fetch: Fetch,
    *,
    ending_after: int | None = None,
    ending_before: int | None = None,
    oldest: int | None = None,
) -> list[str]:
    """Ids of saved open stories, by position: those whose last member appeared before ``ending_before``
    and not before ``ending_after`` (microseconds since 1970; index ``link_stories_last_at``), or else the
    ``oldest`` least recently joined."""
    if ending_before is not None:
        sql, params = "SELECT id FROM link_stories WHERE last_at < ?", [ending_before]
        if ending_after is not None:
            sql, params = sql + " AND last_at >= ?", [*params, ending_after]
        return [str(r[0]) for r in fetch(sql + " ORDER BY position", params)]
    rows = fetch("SELECT id FROM link_stories ORDER BY position LIMIT ?", [oldest or 0])
    return [str(r[0]) for r in rows]


def query_story_postings(fetch: Fetch, keys: Sequence[str], *, cap: int) -> dict[str, list[str]]:
    """Key -> the ids of the last ``cap`` saved open stories (by position) posted under it, oldest first.
    One indexed range read per key."""
    sql = "SELECT story_id FROM link_story_postings WHERE key = ? ORDER BY position DESC LIMIT ?"
    found: dict[str, list[str]] = {}
    for key in dict.fromkeys(keys):
        rows = fetch(sql, [key, cap])
        if rows:
            found[key] = [str(r[0]) for r in reversed(rows)]
    return found
