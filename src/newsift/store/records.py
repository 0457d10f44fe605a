"""What the stores hand back besides model records (a stored batch, a link row, a search hit), and the
small helpers both dialects share: timestamps, LIKE prefixes, the migration files."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from datetime import UTC, datetime

from newsift.model import Article

__all__ = [
    "SEARCH_RANKED", "LinkChange", "LinkRow", "PostingChange", "SearchHit", "ShelvedStory", "StoredBatch",
    "StoryChange", "iso", "like_prefix", "migrations", "now",
]  # fmt: skip

# Matches ranked per search (the most recently stored ones): all of them for a typical query, a bounded
# cost for a word found in most articles (ranking 200,000 matches took 0.2 to 0.6 s).
SEARCH_RANKED = 5_000


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredBatch:
    n_stored: int
    n_unchanged: int
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkRow:
    """One stored link-stage record: its JSON, its key (unique per kind) and its article, if any."""

    key: str
    record: str
    article_id: str | None = None
    rank: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkChange:
    """A change of one kind's link rows: all replaced by ``rows`` (``replace``), or else the rows of
    ``articles`` and of ``keys`` dropped and each of ``rows`` written over the stored row of its key.
    Then the rows of the ``absorb`` kinds, in that order, become rows of this kind, ranked after its own."""

    kind: str
    rows: tuple[LinkRow, ...] = ()
    articles: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    replace: bool = False
    absorb: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PostingChange:
    """Postings of the saved linker to add, each (key, link position, article id): the article is indexed
    under that key; ``linked``: articles no longer waiting to be linked. ``replace`` drops every stored
    posting and every waiting article first (a whole relink)."""

    rows: tuple[tuple[str, int, str], ...] = ()
    linked: tuple[str, ...] = ()
    replace: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ShelvedStory:
    """One open story of the saved story clusterer (table ``link_stories``): its id, its place in the order
    of last joins, when its last member appeared (microseconds since 1970, None if unknown) and its JSON."""

    id: str
    position: int
    last_at: int | None
    record: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryChange:
    """A change of the saved open stories: the stories of ``dropped`` removed with their postings, and each
    of ``rows`` written over the stored story of its id, its postings replaced by those of ``postings``
    (key, position, story id) naming it. ``replace`` drops every saved story first."""

    rows: tuple[ShelvedStory, ...] = ()
    postings: tuple[tuple[str, int, str], ...] = ()
    dropped: tuple[str, ...] = ()
    replace: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    article: Article
    snippet: str
    rank: float


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def now() -> str:
    return datetime.now(UTC).isoformat()


def like_prefix(text: str) -> str:
    """A LIKE pattern (``ESCAPE '\\'``) for what starts with ``text``, its wildcards taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def migrations(dialect: str) -> list[tuple[str, str]]:
    """(file name, SQL) of every migration of ``dialect``: the plain ones and its ``NNN_x.<dialect>.sql``."""
    folder = importlib.resources.files("newsift.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        parts = name.split(".")
        if len(parts) == 3 and parts[1] != dialect:
            continue
        found.append((name, entry.read_text(encoding="utf-8")))
    return sorted(found)
