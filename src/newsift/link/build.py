"""One pass of the link stage over a set of articles: duplicates, stories, related articles and tags.

Articles are taken in time order (published, else fetched), so story ids and duplicate origins are the
same however the articles arrived; the pass is deterministic for the same set of articles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Container, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from newsift.link.duplicates import DuplicateIndex, DuplicateMatch, DuplicateRecord, DuplicateSettings
from newsift.link.keyphrases import Tag, extract_tags
from newsift.link.related import Related, RelatedEntry, RelatedIndex
from newsift.link.stories import ClustererState, StoryClusterer, StorySettings, StoryShelf, article_time
from newsift.link.vectors import TermStatistics
from newsift.model import Article, Story

__all__ = [
    "ArticleState",
    "Linker",
    "LinkerState",
    "Links",
    "PostingReader",
    "dyad_key",
    "link_articles",
    "link_more",
    "time_order",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_CHARS = 100_000
_RELATED = "rel:"  # posting keys: related-article blocking keys, and duplicate keys (exact hash, LSH band)
_DUPLICATE = "dup:"

# (keys, first link position kept, most ids per key or None for all) -> key -> (position, id), link order
PostingReader = Callable[[Sequence[str], int, "int | None"], Mapping[str, Sequence[tuple[int, str]]]]


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
    the linker still has open (when its stories are on a shelf: those opened, joined or closed since it
    was restored). Articles it already holds are skipped.
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
        self.order: list[str] = []  # the articles it holds, in the order they were linked
        self.n_articles = 0  # the articles linked into it, held or not (``restore_near`` skips some)

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
        self.n_articles += 1
        return match

    def knows(self, article_id: str) -> bool:
        return self.duplicates.group_of(article_id) is not None

    def article_state(self, article_id: str) -> ArticleState:
        return ArticleState(
            id=article_id,
            duplicate=self.duplicates.record_of(article_id),
            related=self.related.entry_of(article_id),
        )

    def posting_keys(self, article_id: str) -> tuple[str, ...]:
        """The keys a held article is posted under in the store (``restore_posted`` reads them): its
        related-article blocking keys and its duplicate keys."""
        related = self.related.entry_keys(self.related.entry_of(article_id))
        duplicate = self.duplicates.record_keys(self.duplicates.record_of(article_id))
        return (*(_RELATED + k for k in related), *sorted(_duplicate_key(k) for k in duplicate))

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
        linker = cls._from_state(state, story_settings, duplicate_settings)
        for article in articles:
            linker._restore_one(article)
        return linker

    @classmethod
    def restore_near(
        cls,
        state: LinkerState,
        read_states: Callable[[Container[str] | None], Iterable[ArticleState]],
        new: Sequence[Article],
        entities: Mapping[str, Sequence[str]] | None = None,
        dyads: Mapping[str, Sequence[str]] | None = None,
        *,
        n_stored: int = 0,
        story_settings: StorySettings | None = None,
        duplicate_settings: DuplicateSettings | None = None,
    ) -> Linker:
        """A linker that links ``new`` (articles it does not hold yet) as ``restore`` would, holding only
        the stored articles they will meet. ``read_states(ids)`` streams the saved states in link order
        (those of ``ids`` only, or all for None); it is read twice. First all, for ids and keys alone:
        which stored articles share an exact hash or an LSH band with a new one, and which are posted
        under the keys the new ones will be indexed under (their strongest terms, entities, dyads and the
        story each will join, worked out on trial copies of the clusterer and the document frequencies).
        From those postings the candidates of every new article are chosen as the related index chooses
        them. Then only the states of those articles are read and restored, each posted only under the
        keys whose postings keep it. Memory: ids per key (capped) and at most 150 states per new article
        plus the copies it may be, whatever the size of the store.

        Equal to ``restore`` while the store holds fewer articles than the indexes' capacity (200,000);
        past it, the ``n_stored`` articles' oldest, which the full linker forgets, are skipped by position
        (the duplicate index forgets by articles with a signature, so there the cut is approximate).
        """
        linker = cls._from_state(state, story_settings, duplicate_settings)
        copies, new_keys = linker._probe(state, new, entities or {}, dyads or {}, story_settings)
        wanted = {key for _, keys in new_keys for key in keys}
        posted, pinned = linker.related.postings(), set()
        # a full linker forgets the oldest articles past its indexes' capacity: skip those by position
        oldest = n_stored - min(linker.duplicates.settings.capacity, linker.related.capacity)
        for position, stored in enumerate(read_states(None)):
            linker.n_articles += 1
            if position >= oldest:
                if linker.duplicates.record_keys(stored.duplicate) & copies:
                    pinned.add(stored.id)
                for key in linker.related.entry_keys(stored.related):
                    if key in wanted:
                        posted.add(key, stored.id)
        chosen, holders = linker.related.choose_candidates(posted, new_keys)
        for stored in read_states(chosen | pinned):
            if stored.id in chosen or stored.id in pinned:
                keys = linker.related.entry_keys(stored.related)
                linker._restore_one(
                    stored, count=False, only={k for k in keys if stored.id in holders.get(k, ())}
                )
        return linker

    @classmethod
    def restore_posted(
        cls,
        state: LinkerState,
        read_postings: PostingReader,
        read_states: Callable[[Collection[str]], Iterable[ArticleState]],
        new: Sequence[Article],
        entities: Mapping[str, Sequence[str]] | None = None,
        dyads: Mapping[str, Sequence[str]] | None = None,
        *,
        n_stored: int = 0,
        story_settings: StorySettings | None = None,
        duplicate_settings: DuplicateSettings | None = None,
        shelf: StoryShelf | None = None,
    ) -> Linker:
        """``restore_near`` without reading every saved state: the stored postings (``posting_keys`` of
        each linked article, at its link position) say who is posted under the new articles' keys, so
        only those postings (the last ``cap`` per related key, every copy key) and then the states of the
        chosen candidates and possible copies are read: ``read_states(ids)``, in any order. With a
        ``shelf`` holding the open stories (``StoryClusterer.shelve``), only the stories the new articles
        meet are read from it. Its cost is bounded by the new articles, whatever the size of the store,
        and it links them as ``restore``."""
        linker = cls._from_state(state, story_settings, duplicate_settings, shelf)
        copies, new_keys = linker._probe(state, new, entities or {}, dyads or {}, story_settings, shelf)
        oldest = max(0, n_stored - min(linker.duplicates.settings.capacity, linker.related.capacity))
        posted = linker.related.postings()
        wanted = sorted({key for _, keys in new_keys for key in keys})
        related = read_postings([_RELATED + k for k in wanted], oldest, posted.cap)
        position: dict[str, int] = {}
        for key in wanted:
            for at, stored_id in related.get(_RELATED + key, ()):
                posted.add(key, stored_id)
                position[stored_id] = at
        pinned = read_postings(sorted(_duplicate_key(k) for k in copies), oldest, None)
        position.update((stored_id, at) for rows in pinned.values() for at, stored_id in rows)
        chosen, holders = linker.related.choose_candidates(posted, new_keys)
        possible = {stored_id for rows in pinned.values() for _, stored_id in rows}  # copies of a new one
        held = possible | (chosen & position.keys())
        states = {s.id: s for s in read_states(held)}
        for stored_id in sorted(held, key=position.__getitem__):  # link order, as the whole restore
            stored = states[stored_id]
            keys = linker.related.entry_keys(stored.related)
            only = {k for k in keys if stored_id in holders.get(k, ())}
            # only a possible copy goes into the near-duplicate index: the others share no band with a new one
            linker._restore_one(stored, count=False, only=only, near=stored_id in possible)
        linker.n_articles = n_stored
        return linker

    def _probe(
        self,
        state: LinkerState,
        new: Sequence[Article],
        entities: Mapping[str, Sequence[str]],
        dyads: Mapping[str, Sequence[str]],
        story_settings: StorySettings | None,
        shelf: StoryShelf | None = None,
    ) -> tuple[set[Hashable], list[tuple[str, tuple[str, ...]]]]:
        """The duplicate keys (exact hashes, LSH bands) of ``new``, and each new article's related keys in
        link order, exactly as ``link_more`` will index them: trial copies of the story clusterer and the
        document frequencies are fed the new articles in link order; the linker itself is not changed."""
        stories = StoryClusterer.restore(state.stories, story_settings, shelf)
        stats = TermStatistics.restore(state.n_docs, state.frequencies)
        copies: set[Hashable] = set()
        new_keys: list[tuple[str, tuple[str, ...]]] = []
        for article in (_bounded(a) for a in time_order(new)):
            entity_ids = entities.get(article.id, ())
            story_id = stories.add(article, entity_ids)
            copies |= self.duplicates.probe_keys(article)
            keys = self.related.probe_keys(
                article,
                stats=stats,
                entity_ids=entity_ids,
                dyads=dyads.get(article.id, ()),
                story_id=story_id,
            )
            new_keys.append((article.id, keys))
        return copies, new_keys

    @classmethod
    def _from_state(
        cls,
        state: LinkerState,
        story_settings: StorySettings | None,
        duplicate_settings: DuplicateSettings | None,
        shelf: StoryShelf | None = None,
    ) -> Linker:
        """A linker holding ``state`` (stories, document frequencies, wire groups) and no article yet."""
        linker = cls(story_settings=story_settings, duplicate_settings=duplicate_settings)
        linker.stories = StoryClusterer.restore(state.stories, story_settings, shelf)
        linker.stats = TermStatistics.restore(state.n_docs, state.frequencies)
        linker.related = RelatedIndex(linker.stats)
        linker.duplicates.restore_wire_groups(dict(state.wire_groups))
        return linker

    def _restore_one(
        self,
        article: ArticleState,
        *,
        count: bool = True,
        only: Container[str] | None = None,
        near: bool = True,
    ) -> None:
        self.duplicates.restore(article.id, article.duplicate, near=near)
        self.related.restore(article.id, article.related, only=only)
        self.order.append(article.id)
        self.n_articles += count


def _duplicate_key(key: Hashable) -> str:
    """A duplicate key as posting text: the exact hash, or an LSH band's number and a digest of its values."""
    if isinstance(key, tuple) and key and key[0] == "exact":
        return f"{_DUPLICATE}exact:{key[1]}"
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], tuple):
        values = ",".join(str(v) for v in key[1]).encode()
        return f"{_DUPLICATE}{key[0]}:{hashlib.blake2b(values, digest_size=12).hexdigest()}"
    raise ValueError(f"not a duplicate key: {key!r}")


def dyad_key(event_type: str, a: str, b: str) -> str:
    """'AID:FRA|IND': an event type and its two actors, in either direction."""
    first, second = sorted((a, b))
    return f"{event_type}:{first}|{second}"
