"""Related articles: for each article the nearest others, with the reasons (same story, same dyad and
event type, shared entities, similar text). Never the article itself, nor its duplicates or wire copies.
No other stage is imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsift.link.vectors import SparseVector, TermStatistics, dot, extract_terms, weigh_terms
from newsift.model import RELATED_EXTRACTOR, Article, Related, RelatedReason

__all__ = ["EXTRACTOR", "Reason", "Related", "RelatedEntry", "RelatedIndex"]

EXTRACTOR = RELATED_EXTRACTOR
_INDEXED_TERMS = 25  # each article is findable through its strongest terms only: postings stay short
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
    """Articles added with their story, entity ids and duplicate group; ``related`` ranks neighbours."""

    def __init__(self, stats: TermStatistics | None = None) -> None:
        self.stats = stats or TermStatistics()
        self._entries: dict[str, _Entry] = {}
        self._postings: dict[str, set[str]] = {}
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

    def restore(self, article_id: str, entry: RelatedEntry) -> None:
        """Index an article again from its state (its document frequencies are already in ``stats``)."""
        self._index(
            article_id,
            _Entry(
                dict(entry.vector),
                frozenset(entry.entities),
                entry.story_id,
                entry.copy_group,
                frozenset(entry.dyads),
            ),
        )

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

        Scans every entry once: what an incremental update needs to refresh the older articles' lists.
        """
        wanted = set(new_ids)
        owners: dict[str, set[str]] = {}
        for new_id in wanted:
            for key in self._keys_of[new_id]:
                owners.setdefault(key, set()).add(new_id)
        gained: dict[str, set[str]] = {}
        for article_id, entry in self._entries.items():
            hits = owners.keys() & self._query_keys(entry)
            found = set().union(*(owners[k] for k in hits)) - {article_id} if hits else set()
            if found:
                gained[article_id] = found
        return gained

    def _index(self, article_id: str, entry: _Entry) -> None:
        self._entries[article_id] = entry
        vector = entry.vector
        strongest = sorted(vector, key=vector.__getitem__, reverse=True)[:_INDEXED_TERMS]
        keys = [
            *strongest,
            *(f"entity:{e}" for e in sorted(entry.entities)),
            *([f"story:{entry.story_id}"] if entry.story_id else []),
            *(f"dyad:{d}" for d in sorted(entry.dyads)),
        ]
        self._keys_of[article_id] = tuple(keys)
        for key in keys:
            self._postings.setdefault(key, set()).add(article_id)

    def related(self, article_id: str, k: int = 5) -> tuple[Related, ...]:
        """The ``k`` best neighbours of an indexed article (empty for an unknown id)."""
        entry = self._entries.get(article_id)
        if entry is None:
            return ()
        return _best(
            [self._relate(article_id, entry, other) for other in self._candidates(article_id, entry)], k
        )

    def _candidates(self, article_id: str, entry: _Entry) -> set[str]:
        found: set[str] = set()
        for key in self._query_keys(entry):
            found |= self._postings.get(key, set())
        found.discard(article_id)
        return found

    @staticmethod
    def _query_keys(entry: _Entry) -> set[str]:
        keys = {*entry.vector, *(f"entity:{e}" for e in entry.entities), *(f"dyad:{d}" for d in entry.dyads)}
        if entry.story_id:
            keys.add(f"story:{entry.story_id}")
        return keys

    def _relate(self, article_id: str, entry: _Entry, other_id: str) -> Related | None:
        other = self._entries[other_id]
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


def _best(found: Iterable[Related | None], k: int) -> tuple[Related, ...]:
    """The ``k`` highest scores, ties by related id."""
    return tuple(sorted((r for r in found if r is not None), key=lambda r: (-r.score, r.related_id))[:k])
