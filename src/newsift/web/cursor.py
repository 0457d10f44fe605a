"""Keyset cursors of the paged lists (``next`` of one page, ``after=`` of the next): opaque, checked.

A cursor holds the list's kind and sort, the sort keys of the last row shown and the position of the
row after it. Rows are then read *after those keys*, so rows added before or after the cursor's place
neither repeat nor hide a row that was there (keyset paging). Where the order itself moves as rows are
added (entities by mention count, stories by size, relevance on a store whose rank reads the whole
index), the cursor also holds a stamp of the data; a stale cursor is a 409, never a silent repeat or gap.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from newsift.web.errors import HttpError

__all__ = ["AFTER_HELP", "CURSOR_MAX", "CURSOR_PATTERN", "read_cursor", "write_cursor"]

CURSOR_PATTERN = r"^[A-Za-z0-9_-]*$"
"""What a cursor is made of (URL-safe base64 without padding); empty: the first page."""
CURSOR_MAX = 2000
AFTER_HELP = (
    "The next cursor of the page before (keyset paging): rows added meanwhile neither repeat nor hide "
    "a row. offset then counts from the cursor. A cursor of another list or sort is a 422; where the order "
    "moves as articles are added (entities by mentions, stories, relevance on SQLite), a cursor made "
    "before a change is a 409 stale_cursor: start again without after=."
)
_BAD = "not the next cursor of a page of this list (pass a page's next unchanged)"


def _invalid(cursor: str, why: str) -> HttpError:
    return HttpError(422, "invalid_request", f"after: {cursor[:80]!r} is {why}")


def write_cursor(kind: str, sort: str, keys: list[Any], position: int, stamp: str | None = None) -> str:
    """An opaque cursor: the sort keys of a page's last row, the position of the row after it and, for
    an order that moves as rows are added, the data's ``stamp``."""
    data: dict[str, Any] = {"kind": kind, "sort": sort, "keys": keys, "at": position}
    if stamp is not None:
        data["stamp"] = stamp
    raw = json.dumps(data, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def read_cursor(
    cursor: str,
    kind: str,
    sort: str,
    types: tuple[type, ...],
    stamp: str | None = None,
) -> tuple[list[Any], int]:
    """The keys and position a cursor holds.

    Args:
        cursor: the ``after=`` value.
        kind, sort: the list being read; a cursor of another list or order is refused.
        types: the type of each sort key of this list and sort (``float`` takes an ``int`` too).
        stamp: the data's current stamp, for an order that moves as rows are added (read before the
            page, so that a change during the read makes the next cursor stale, never a repeat).

    Raises:
        HttpError: 422 when it is not a cursor of this list; 409 ``stale_cursor`` when the data changed
            under an order that moves.
    """
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        keys, position = list(data["keys"]), int(data["at"])
        same = data["kind"] == kind and data["sort"] == sort
        if position < 0 or not all(isinstance(k, str | int | float) for k in keys):
            raise TypeError("a cursor holds plain sort keys and a position")
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as err:
        raise _invalid(cursor, _BAD) from err
    if not same:
        raise _invalid(cursor, f"not a cursor of {kind} sorted by {sort} (the list or its sort changed)")
    if not _fits(keys, types):
        raise _invalid(cursor, _BAD)
    if stamp is not None and data.get("stamp") != stamp:
        raise HttpError(
            409,
            "stale_cursor",
            f"after: the {kind} changed since this cursor was made, and their order by {sort} moves as "
            "articles are added; start again from the first page (no after=)",
        )
    return keys, position


def _fits(keys: list[Any], types: tuple[type, ...]) -> bool:
    """One key per sort key, each of its type (never a bool; a whole number is a float too)."""
    if len(keys) != len(types):
        return False
    return all(
        not isinstance(k, bool) and (isinstance(k, t) or (t is float and isinstance(k, int)))
        for k, t in zip(keys, types, strict=True)
    )
