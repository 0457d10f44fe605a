"""One pass of the link stage over a set of articles: duplicates, stories, related articles and tags.

Articles are taken in time order (published, else fetched), so story ids and duplicate origins are the
same however the articles arrived; the pass is deterministic for the same set of articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from newsift.link.duplicates import DuplicateIndex, DuplicateMatch, DuplicateRecord, DuplicateSettings
from newsift.link.keyphrases import Tag, extract_tags
from newsift.link.related import Related, RelatedEntry, RelatedIndex
from newsift.link.stories import ClustererState, StoryClusterer, StorySettings, article_time
from newsift.link.vectors import TermStatistics
from newsift.model import Article, Story

__all__ = [
    "ArticleState",
    "Linker",
    "LinkerState",
    "Links",
    "dyad_key",
    "link_articles",
    "link_more",
    "time_order",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_CHARS = 100_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Links:
    """What the link stage found: one duplicate match per article, stories, neighbours and tags."""

    duplicates: tuple[DuplicateMatch, ...]
    stories: tuple[Story, ...]
    related: Mapping[str, tuple[Related, ...]]
    tags: Mapping[str, tuple[Tag, ...]]


def link_articles(
    articles: Sequence[Article],
    entities: Mapping[str, Sequence[str]] | None = None,
    names: Mapping[str, str] | None = None,
    dyads: Mapping[str, Sequence[str]] | None = None,
    *,
    k_related: int = 5,
    n_tags: int = 8,
    story_settings: StorySettings | None = None,
    duplicate_settings: DuplicateSettings | None = None,
    happenings: Mapping[str, Sequence[str]] | None = None,
) -> Links:
    """Link articles to each other.

    Args:
        articles: the articles, in any order.
        entities: article id -> canonical entity ids it mentions, most mentioned first.
        names: entity id -> canonical name (for tags); ids without a name are not tags.
        dyads: article id -> keys of the events it reports (``TYPE:A|B``), for 'same dyad' relations.
        k_related: neighbours kept per article.
        n_tags: most tags per article.
        happenings: article id -> its happening keys (``link.story_facts.happening_keys`` of its
            events), which tell two stories of one kind apart.
    """
    return link_more(
        Linker(story_settings=story_settings, duplicate_settings=duplicate_settings),
        articles,
        entities,
        names,
        dyads,
        k_related=k_related,
        n_tags=n_tags,
        happenings=happenings,
    )


def link_more(
    linker: Linker,
    articles: Sequence[Article],
    entities: Mapping[str, Sequence[str]] | None = None,
    names: Mapping[str, str] | None = None,
    dyads: Mapping[str, Sequence[str]] | None = None,
    *,
    k_related: int = 5,
    n_tags: int = 8,
    happenings: Mapping[str, Sequence[str]] | None = None,
) -> Links:
    """Add ``articles`` (in time order) to what ``linker`` holds; the result covers the added articles only.

    Their duplicate matches, tags and related lists (over everything the linker holds), and the stories
    the linker still has open. Articles it already holds are skipped.
    """
    entities = entities or {}
    names = names or {}
    dyads = dyads or {}
    happenings = happenings or {}
    ordered = [_bounded(a) for a in time_order(articles) if not linker.knows(a.id)]
    matches = [
        linker.add(a, entities.get(a.id, ()), dyads.get(a.id, ()), happenings.get(a.id, ())) for a in ordered
    ]
    linker.stories.consolidate(a.id for a in ordered)
    tags = {
        a.id: extract_tags(
            a,
            entity_names=[names[e] for e in entities.get(a.id, ()) if e in names][:4],
            stats=linker.stats,
            limit=n_tags,
        )
        for a in ordered
    }
    return Links(
        duplicates=tuple(matches),
        stories=tuple(sorted(linker.stories.stories(), key=lambda s: (-len(s.article_ids), s.id))),
        related={a.id: linker.related.related(a.id, k_related) for a in ordered},
        tags=tags,
    )


def time_order(articles: Iterable[Article]) -> list[Article]:
    """Articles by time (published, else fetched; unknown first), then id: the order the link stage reads."""
    return sorted(articles, key=lambda a: (article_time(a) or _EPOCH, a.id))


def _bounded(article: Article) -> Article:
    # Linking reads at most the first _MAX_CHARS of a body: enough to tell a story, bounded in time/memory
    if len(article.body) > _MAX_CHARS:
        return replace(article, body=article.body[:_MAX_CHARS])
    return article


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleState:
    """What the link stage keeps of one article, to link later ones without reading it again."""

    id: str
    duplicate: DuplicateRecord
    related: RelatedEntry


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkerState:
    """The rest of a ``Linker``'s state: story clusterer, document frequencies, wire groups."""

    stories: ClustererState
    n_docs: int
    frequencies: tuple[tuple[str, int], ...]
    wire_groups: tuple[tuple[str, str], ...] = ()


class Linker:
    """The link indexes (duplicates, stories, related articles) fed one article at a time, in time order.

    ``state`` and ``article_state`` save it; ``restore`` rebuilds it without the articles' text, so a
    store can link new articles against everything it holds without reading it all again.
    """

    def __init__(
        self,
        *,
        story_settings: StorySettings | None = None,
        duplicate_settings: DuplicateSettings | None = None,
    ) -> None:
        self.duplicates = DuplicateIndex(duplicate_settings)
        self.stories = StoryClusterer(story_settings)
        self.stats = TermStatistics()
        self.related = RelatedIndex(self.stats)
        self.order: list[str] = []

    def add(
        self,
        article: Article,
        entity_ids: Sequence[str] = (),
        dyads: Sequence[str] = (),
        happenings: Sequence[str] = (),
    ) -> DuplicateMatch:
        """Link one article; returns its duplicate match. ``happenings``: its happening keys, for stories."""
        article = _bounded(article)
        match = self.duplicates.add_article(article)
        story_id = self.stories.add(article, entity_ids, happenings)
        self.related.add(
            article, entity_ids=entity_ids, story_id=story_id, duplicate_group=match.group_id, dyads=dyads
        )
        self.order.append(article.id)
        return match

    def knows(self, article_id: str) -> bool:
        return self.duplicates.group_of(article_id) is not None

    def article_state(self, article_id: str) -> ArticleState:
        return ArticleState(
            id=article_id,
            duplicate=self.duplicates.record_of(article_id),
            related=self.related.entry_of(article_id),
        )

    def state(self) -> LinkerState:
        n_docs, frequencies = self.stats.snapshot()
        return LinkerState(
            stories=self.stories.state(),
            n_docs=n_docs,
            frequencies=frequencies,
            wire_groups=tuple(self.duplicates.wire_groups.items()),
        )

    @classmethod
    def restore(
        cls,
        state: LinkerState,
        articles: Iterable[ArticleState],
        *,
        story_settings: StorySettings | None = None,
        duplicate_settings: DuplicateSettings | None = None,
    ) -> Linker:
        """A linker that goes on from ``state``; ``articles`` in the order they were first linked."""
        linker = cls(story_settings=story_settings, duplicate_settings=duplicate_settings)
        linker.stories = StoryClusterer.restore(state.stories, story_settings)
        linker.stats = TermStatistics.restore(state.n_docs, state.frequencies)
        linker.related = RelatedIndex(linker.stats)
        for article in articles:
            linker.duplicates.restore(article.id, article.duplicate)
            linker.related.restore(article.id, article.related)
            linker.order.append(article.id)
        linker.duplicates.restore_wire_groups(dict(state.wire_groups))
        return linker


def dyad_key(event_type: str, a: str, b: str) -> str:
    """'AID:FRA|IND': an event type and its two actors, in either direction."""
    first, second = sorted((a, b))
    return f"{event_type}:{first}|{second}"
