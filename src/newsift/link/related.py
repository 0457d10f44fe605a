"""Related articles: for each article the nearest others, with the reasons (same story, same dyad and
event type, shared entities, similar text). Never the article itself, nor its duplicates or wire copies.
No other stage is imported.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from newsift.link.postings import CappedPostings, strongest_terms
from newsift.link.vectors import SparseVector, TermStatistics, dot, extract_terms, weigh_terms
from newsift.model import RELATED_EXTRACTOR, Article, Related, RelatedReason

__all__ = ["EXTRACTOR", "Reason", "Related", "RelatedEntry", "RelatedIndex"]

EXTRACTOR = RELATED_EXTRACTOR
_INDEXED_TERMS = 25  # each article is findable through its strongest terms only: postings stay short
_POSTING_CAP = 200  # ids kept per key (the most recent): a lookup reads a bounded number of ids
_CANDIDATES = 150  # ids scored per lookup, those sharing most keys with the article
_CAPACITY = 200_000  # articles kept searchable; older ones are forgotten (memory stays bounded)
_STORY_BONUS = 0.3
_DYAD_BONUS = 0.2
_ENTITY_WEIGHT = 0.3
_MIN_TEXT_SIMILARITY = 0.1


Reason = RelatedReason  # the record lives in newsift.model


@dataclass(frozen=True, slots=True)
class _Entry:
    vector: SparseVector
    entities: frozenset[str]
    story_id: str | None
    copy_group: str
    dyads: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedEntry:
    """What the index keeps of one article, to rebuild it without the text (``RelatedIndex.restore``).

    ``vector`` is a tuple of (term, weight) pairs in the order the weights were computed (ties among the
    strongest terms are broken by that order).
    """

    vector: tuple[tuple[str, float], ...]
    entities: tuple[str, ...] = ()
    story_id: str | None = None
    copy_group: str = ""
    dyads: tuple[str, ...] = ()


class RelatedIndex:
    """Articles added with their story, entity ids and duplicate group; ``related`` ranks neighbours.

    Two articles can be neighbours when they share a blocking key: one of each one's strongest terms,
    an entity, a dyad or the story. Postings per key and candidates per lookup are capped, so adding
    and ranking one article costs the same however many articles the index holds.
    """

    def __init__(self, stats: TermStatistics | None = None, *, capacity: int = _CAPACITY) -> None:
        self.stats = stats or TermStatistics()
        self.capacity = capacity
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._postings = CappedPostings(_POSTING_CAP)
        self._keys_of: dict[str, tuple[str, ...]] = {}  # each article's posting keys

    def add(
        self,
        article: Article,
        *,
        entity_ids: Iterable[str] = (),
        story_id: str | None = None,
        duplicate_group: str | None = None,
        dyads: Iterable[str] = (),
    ) -> None:
        """Index one article.

        Args:
            article: the article.
            entity_ids: canonical ids of the entities it mentions.
            story_id: its story (from ``StoryClusterer``), if known.
            duplicate_group: its group in ``DuplicateIndex`` (copies share one); defaults to its content hash.
            dyads: keys of the events it reports, as ``TYPE:A|B`` with the two actor codes sorted.
        """
        counts = extract_terms(article.title, article.body)
        self.stats.add(counts)
        vector = weigh_terms(counts, self.stats)
        entities = frozenset(entity_ids)
        group = duplicate_group or article.content_hash
        self._index(article.id, _Entry(vector, entities, story_id, group, frozenset(dyads)))

    def entry_of(self, article_id: str) -> RelatedEntry:
        """The state of one indexed article. Raises KeyError for an unknown id."""
        entry = self._entries[article_id]
        return RelatedEntry(
            vector=tuple(entry.vector.items()),
            entities=tuple(sorted(entry.entities)),
            story_id=entry.story_id,
            copy_group=entry.copy_group,
            dyads=tuple(sorted(entry.dyads)),
        )

    def restore(self, article_id: str, entry: RelatedEntry, *, only: Container[str] | None = None) -> None:
        """Index an article again from its state (its document frequencies are already in ``stats``);
        with ``only``, posted under those of its keys alone (see ``choose_candidates``)."""
        self._index(article_id, _restored(entry), only)

    def choose_candidates(
        self, posted: CappedPostings, new: Sequence[tuple[str, tuple[str, ...]]]
    ) -> tuple[set[str], dict[str, set[str]]]:
        """Which stored articles new ones will meet, worked out on ids alone.

        Args:
            posted: the stored articles' ids posted under the keys of interest, in link order (capped as
                this index caps them); the new articles' ids are posted into it here.
            new: each new article's id and keys, in link order.

        Returns:
            The stored and new ids among the new articles' candidates, and for each key the ids its
            postings hold once all are in: a linker holding only those candidates, each posted only
            under the keys that still hold it, ranks every new article's candidates as the whole one.
        """
        for article_id, keys in new:
            for key in keys:
                posted.add(key, article_id)
        chosen = {
            c for article_id, keys in new for c in posted.candidates(keys, _CANDIDATES, exclude=article_id)
        }
        return chosen, {key: set(posted.get(key)) for _, keys in new for key in keys}

    def probe_keys(
        self,
        article: Article,
        *,
        stats: TermStatistics,
        entity_ids: Iterable[str],
        dyads: Iterable[str],
        story_id: str | None,
    ) -> tuple[str, ...]:
        """The keys ``add`` will post ``article`` under, weighing it on ``stats`` (a copy of this index's
        document frequencies, fed the articles added before it) instead of changing the index."""
        counts = extract_terms(article.title, article.body)
        stats.add(counts)
        return _keys(weigh_terms(counts, stats), entity_ids, story_id, dyads)

    def postings(self) -> CappedPostings:
        """Empty postings capped as this index caps its own (for ``choose_candidates``)."""
        return CappedPostings(self._postings.cap)

    def entry_keys(self, entry: RelatedEntry) -> tuple[str, ...]:
        """The keys a stored article is indexed under (those ``restore`` posts it under)."""
        restored = _restored(entry)
        return _keys(restored.vector, restored.entities, restored.story_id, restored.dyads)

    def merge(
        self, article_id: str, kept: Iterable[Related], other_ids: Iterable[str], k: int = 5
    ) -> tuple[Related, ...]:
        """An earlier neighbour list of ``article_id`` with ``other_ids`` added where they rank among the
        ``k`` best, ranked as ``related`` ranks."""
        entry = self._entries[article_id]
        found = [*kept, *(self._relate(article_id, entry, other) for other in other_ids)]
        return _best(found, k)

    def gained_candidates(self, new_ids: Iterable[str]) -> dict[str, set[str]]:
        """Indexed article -> those of ``new_ids`` that are among its candidate neighbours.

        Reads only the new articles' postings (candidacy is symmetric: a shared key), so it costs the
        same however many articles the index holds: what an incremental update needs to refresh the
        older articles' lists.
        """
        gained: dict[str, set[str]] = {}
        for new_id in dict.fromkeys(new_ids):
            if new_id not in self._entries:
                continue
            for other in self._candidates(new_id):
                gained.setdefault(other, set()).add(new_id)
        return gained

    def _index(self, article_id: str, entry: _Entry, only: Container[str] | None = None) -> None:
        self._entries[article_id] = entry
        keys = _keys(entry.vector, entry.entities, entry.story_id, entry.dyads)
        if only is not None:
            keys = tuple(k for k in keys if k in only)
        self._keys_of[article_id] = keys
        for key in keys:
            self._postings.add(key, article_id)
        while len(self._entries) > self.capacity:
            self._forget(next(iter(self._entries)))

    def _forget(self, article_id: str) -> None:
        del self._entries[article_id]
        for key in self._keys_of.pop(article_id, ()):
            self._postings.discard(key, article_id)

    def related(self, article_id: str, k: int = 5) -> tuple[Related, ...]:
        """The ``k`` best neighbours of an indexed article (empty for an unknown id)."""
        entry = self._entries.get(article_id)
        if entry is None:
            return ()
        return _best([self._relate(article_id, entry, other) for other in self._candidates(article_id)], k)

    def _candidates(self, article_id: str) -> list[str]:
        """Indexed articles sharing a blocking key with ``article_id``, at most ``_CANDIDATES``."""
        return self._postings.candidates(self._keys_of[article_id], _CANDIDATES, exclude=article_id)

    def _relate(self, article_id: str, entry: _Entry, other_id: str) -> Related | None:
        other = self._entries.get(other_id)
        if other is None:  # forgotten (beyond capacity)
            return None
        if other.copy_group == entry.copy_group:
            return None
        similarity = dot(entry.vector, other.vector)  # both unit length: no norms per pair
        shared = tuple(sorted(entry.entities & other.entities))
        same_story = entry.story_id is not None and entry.story_id == other.story_id
        union = len(entry.entities | other.entities)
        score = similarity + _ENTITY_WEIGHT * (len(shared) / union if union else 0.0)
        score += _STORY_BONUS if same_story else 0.0
        dyads = tuple(sorted(entry.dyads & other.dyads))
        score += _DYAD_BONUS if dyads else 0.0
        reasons = [
            reason
            for reason, holds in (
                (Reason.SAME_STORY, same_story),
                (Reason.SAME_DYAD, bool(dyads)),
                (Reason.SHARED_ENTITIES, bool(shared)),
                (Reason.TEXT_SIMILARITY, similarity >= _MIN_TEXT_SIMILARITY),
            )
            if holds
        ]
        if not reasons:
            return None
        return Related(
            article_id=article_id,
            related_id=other_id,
            score=round(score, 4),
            reasons=tuple(reasons),
            shared_entities=shared,
            shared_dyads=dyads,
            text_similarity=round(similarity, 4),
        )


def _keys(
    vector: SparseVector,
    entities: Iterable[str],
    story_id: str | None,
    dyads: Iterable[str],
) -> tuple[str, ...]:
    """An article's blocking keys: its strongest terms, entities, story and dyads."""
    return (
        *strongest_terms(vector, _INDEXED_TERMS),
        *(f"entity:{e}" for e in sorted(entities)),
        *([f"story:{story_id}"] if story_id else []),
        *(f"dyad:{d}" for d in sorted(dyads)),
    )


def _restored(entry: RelatedEntry) -> _Entry:
    return _Entry(
        dict(entry.vector),
        frozenset(entry.entities),
        entry.story_id,
        entry.copy_group,
        frozenset(entry.dyads),
    )


def _best(found: Iterable[Related | None], k: int) -> tuple[Related, ...]:
    """The ``k`` highest scores, ties by related id."""
    return tuple(sorted((r for r in found if r is not None), key=lambda r: (-r.score, r.related_id))[:k])
