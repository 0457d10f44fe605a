"""The store interface the runner, CLI, exports and web rely on; SQLite and PostgreSQL implement it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from newsift.model import (
    Analysis,
    Article,
    Claim,
    Entity,
    Event,
    Failure,
    Mention,
    Page,
    Quote,
    RawDocument,
    RunRecord,
)
from newsift.store.count_cache import CountCache
from newsift.store.dyad_reads import DyadCounts, DyadMark
from newsift.store.facts import ClaimRollup, DyadCount, FactFilters, FactPage
from newsift.store.records import (
    LinkChange,
    LinkRow,
    PostingChange,
    SearchHit,
    ShelvedStory,
    StoredBatch,
    StoryChange,
)

if TYPE_CHECKING:
    from newsift.store.accounts import Accounts
    from newsift.store.comments import Comments
    from newsift.store.poll_state import PollState
    from newsift.store.sql import Tx, Writer
    from newsift.store.watches import Watches
    from newsift.store.web_queries import WebQueries

__all__ = ["Store", "iter_articles"]

T = TypeVar("T")


class Store(Protocol):
    """What every store offers: idempotent batch writes and the read queries of the CLI and web."""

    path: str
    count_cache: CountCache | None  # counting queries' results kept until the content changes

    @property
    def accounts(self) -> Accounts: ...

    @property
    def comments(self) -> Comments: ...

    @property
    def watches(self) -> Watches: ...

    @property
    def poll_state(self) -> PollState: ...

    @property
    def web(self) -> WebQueries: ...

    @property
    def writer(self) -> Writer: ...

    def write(self, write: Callable[[Tx], T], what: str = "not written") -> T: ...

    def has_page(self, page_id: str) -> bool: ...

    def store_batch(
        self,
        pages: Sequence[tuple[Page | RawDocument, Sequence[Article]]],
        analyses: dict[str, Analysis] | None = None,
    ) -> StoredBatch: ...

    def store_failures(self, run_id: str, failures: Iterable[Failure]) -> None: ...

    def store_run(self, run: RunRecord) -> None: ...

    def query_articles(
        self, *, limit: int = 50, offset: int = 0, outlet: str | None = None, language: str | None = None
    ) -> list[Article]: ...

    def count_articles(self) -> int: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]: ...

    def query_entities(self, *, kind: str | None = None, limit: int = 200) -> list[tuple[Entity, int]]: ...

    def query_mentions(self, article_id: str) -> list[Mention]: ...

    def query_articles_mentioning(self, entity_id: str) -> set[str]: ...

    def query_quotes(self, *, article_id: str | None = None, speaker: str | None = None) -> list[Quote]: ...

    def query_events(
        self,
        *,
        article_id: str | None = None,
        type_: str | None = None,
        subtype: str | None = None,
        actor: str | None = None,
        status: str | None = None,
    ) -> list[Event]: ...

    def query_claims(self, *, article_id: str | None = None, status: str | None = None) -> list[Claim]: ...

    def query_claims_of_events(self, event_ids: Iterable[str]) -> list[Claim]: ...

    def query_fact_page(
        self,
        kind: str,
        filters: FactFilters,
        *,
        sort: str = "-event_time",
        limit: int = 50,
        offset: int = 0,
        facets: bool = True,
        after: Sequence[Any] | None = None,
    ) -> FactPage: ...

    def query_claim_rollup(self, filters: FactFilters) -> ClaimRollup: ...

    def query_dyad_counts(self, a: str, b: str) -> DyadCounts: ...

    def query_dyad_marks(self, a: str, b: str, *, limit: int) -> list[DyadMark]: ...

    def query_top_dyads(self, *, limit: int = 30) -> list[DyadCount]: ...

    def query_counterparts(self, actor: str, *, limit: int = 30) -> list[DyadCount]: ...

    def query_corroboration(self, event_ids: Sequence[str]) -> dict[str, int]: ...

    def query_content_mark(self) -> tuple[int, str | None]: ...

    def replace_links(self, kind: str, rows: Iterable[LinkRow]) -> None: ...

    def update_links(self, kind: str, rows: Iterable[LinkRow], *, articles: Iterable[str] = ()) -> None: ...

    def write_links(self, changes: Sequence[LinkChange | PostingChange | StoryChange]) -> None: ...

    def query_links(
        self, kind: str, *, article_id: str | None = None, key: str | None = None
    ) -> list[LinkRow]: ...

    def iter_links(self, kind: str, *, page: int = 256) -> Iterator[LinkRow]: ...

    def query_postings(
        self, keys: Sequence[str], *, since: int = 0, cap: int | None = None
    ) -> dict[str, list[tuple[int, str]]]: ...

    def query_link_rows(
        self, kinds: Sequence[str], *, keys: Sequence[str] = (), article_ids: Sequence[str] = ()
    ) -> list[LinkRow]: ...

    def query_shelved_stories(self, story_ids: Sequence[str]) -> list[ShelvedStory]: ...

    def query_shelved_story_ids(
        self, *, ending_after: int | None = None, ending_before: int | None = None, oldest: int | None = None
    ) -> list[str]: ...

    def query_story_postings(self, keys: Sequence[str], *, cap: int) -> dict[str, list[str]]: ...

    def query_entity_names(self, entity_ids: Sequence[str]) -> dict[str, str]: ...

    def query_pending_links(self, *, limit: int) -> tuple[list[str], int]: ...

    def settle(self) -> None: ...

    def disk_bytes(self) -> int: ...

    def close(self) -> None: ...


_PAGE = 500


def iter_articles(store: Store) -> Iterator[Article]:
    """Every stored article, newest first, read a page of rows at a time."""
    offset = 0
    while True:
        page = store.query_articles(limit=_PAGE, offset=offset)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE
