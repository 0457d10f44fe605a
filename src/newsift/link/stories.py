"""Incremental story clustering: articles about one happening, over a sliding time window.

Works on ``Article`` records plus optional canonical entity ids given as plain data; imports no other stage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsift.link.vectors import SparseVector, TermStatistics, add_into, extract_terms, weigh_terms
from newsift.model import Article, Story, make_id

__all__ = ["EXTRACTOR", "Story", "StoryClusterer", "StorySettings", "article_time"]

EXTRACTOR = "link.stories.v1"
_ENTITY_KEY = "="  # postings key prefix for entity ids; no text term starts with it


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySettings:
    """Knobs of the clusterer; threshold chosen for BCubed F1 on the ECB+ train topics (bench/stories.py).

    Attributes:
        threshold: least combined similarity for an article to join a story.
        window: how far apart in time two articles of one story may be (published, else fetched).
        entity_weight: share of the score given to shared canonical entity ids (when both sides have some).
        name_weight: multiplier of capitalised-word features against ordinary words.
    """

    threshold: float = 0.2
    window: timedelta = timedelta(days=3)
    entity_weight: float = 0.3
    name_weight: float = 1.0


@dataclass(slots=True)
class _Cluster:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    members: list[tuple[str, str, SparseVector]] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    first_at: datetime | None = None
    last_at: datetime | None = None


def article_time(article: Article) -> datetime | None:
    """When an article appeared: published time, else fetched time, else unknown."""
    return article.published_at or article.fetched_at


class StoryClusterer:
    """Single-pass clustering: each new article joins the most similar live story, or starts one.

    Story ids are stable: a story's id derives from its first article and never changes as it grows.
    """

    def __init__(self, settings: StorySettings | None = None, stats: TermStatistics | None = None) -> None:
        self.settings = settings or StorySettings()
        self.stats = stats or TermStatistics()
        self._clusters: dict[str, _Cluster] = {}
        self._postings: dict[str, set[str]] = {}
        self._story_of: dict[str, str] = {}
        self._closed: dict[str, Story] = {}
        self._latest: datetime | None = None

    def add(self, article: Article, entity_ids: Iterable[str] = ()) -> str:
        """Assign ``article`` to a story and return the story id (the same id again for a known article)."""
        if article.id in self._story_of:
            return self._story_of[article.id]
        when = article_time(article)
        self._advance(when)
        vector = self._vectorize(article)
        entities = frozenset(entity_ids)
        best, score = self._best_cluster(vector, entities, when)
        cluster = best if best is not None and score >= self.settings.threshold else self._open(article)
        self._join(cluster, article, vector, entities, when)
        return cluster.id

    @property
    def n_live(self) -> int:
        """Stories still open to new articles (the rest fell out of the time window)."""
        return len(self._clusters)

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def story(self, story_id: str) -> Story:
        """The current state of one story. Raises KeyError for an unknown id."""
        if story_id in self._closed:
            return self._closed[story_id]
        return _freeze(self._clusters[story_id])

    def stories(self) -> tuple[Story, ...]:
        """Every story so far, closed ones included, oldest first."""
        live = tuple(_freeze(c) for c in self._clusters.values())
        return tuple(self._closed.values()) + live

    def _vectorize(self, article: Article) -> SparseVector:
        counts = extract_terms(article.title, "\n\n".join(p for p in (article.standfirst, article.body) if p))
        self.stats.add(counts)
        vector = weigh_terms(counts, self.stats)
        if self.settings.name_weight != 1.0:
            vector = {t: w * self.settings.name_weight if t[0] == "@" else w for t, w in vector.items()}
        return vector

    def _best_cluster(
        self, vector: SparseVector, entities: frozenset[str], when: datetime | None
    ) -> tuple[_Cluster | None, float]:
        dots: dict[str, float] = defaultdict(float)
        for term, weight in vector.items():
            for cluster_id in self._postings.get(term, ()):
                dots[cluster_id] += weight * self._clusters[cluster_id].centroid[term]
        for entity in entities:
            for cluster_id in self._postings.get(_ENTITY_KEY + entity, ()):
                dots.setdefault(cluster_id, 0.0)
        best: _Cluster | None = None
        best_score = 0.0
        for cluster_id, dot in dots.items():
            cluster = self._clusters[cluster_id]
            if not self._in_window(cluster, when):
                continue
            score = self._score(dot / cluster.norm if cluster.norm else 0.0, entities, cluster)
            if score > best_score:
                best, best_score = cluster, score
        return best, best_score

    def _score(self, text_similarity: float, entities: frozenset[str], cluster: _Cluster) -> float:
        if not entities or not cluster.entities:
            return text_similarity
        shared = sum(1 for e in entities if e in cluster.entities)
        overlap = shared / len(entities)
        weight = self.settings.entity_weight
        return (1 - weight) * text_similarity + weight * overlap

    def _in_window(self, cluster: _Cluster, when: datetime | None) -> bool:
        if when is None or cluster.first_at is None or cluster.last_at is None:
            return True
        window = self.settings.window
        return cluster.first_at - window <= when <= cluster.last_at + window

    def _open(self, article: Article) -> _Cluster:
        cluster = _Cluster(id=make_id("story", article.id))
        self._clusters[cluster.id] = cluster
        return cluster

    def _join(
        self,
        cluster: _Cluster,
        article: Article,
        vector: SparseVector,
        entities: frozenset[str],
        when: datetime | None,
    ) -> None:
        add_into(cluster.centroid, vector)
        cluster.norm = sum(w * w for w in cluster.centroid.values()) ** 0.5
        for term in vector:
            self._postings.setdefault(term, set()).add(cluster.id)
        cluster.members.append((article.id, article.title, vector))
        for entity in entities:
            self._postings.setdefault(_ENTITY_KEY + entity, set()).add(cluster.id)
        cluster.entities.update(entities)
        if when is not None:
            cluster.first_at = min(cluster.first_at or when, when)
            cluster.last_at = max(cluster.last_at or when, when)
        self._story_of[article.id] = cluster.id

    def _advance(self, when: datetime | None) -> None:
        """Close stories that fell out of the window, so memory stays bounded on a long stream."""
        if when is None or (self._latest is not None and when <= self._latest):
            return
        self._latest = when
        horizon = when - 2 * self.settings.window
        for cluster in [c for c in self._clusters.values() if c.last_at is not None and c.last_at < horizon]:
            self._close(cluster)

    def _close(self, cluster: _Cluster) -> None:
        self._closed[cluster.id] = _freeze(cluster)
        for term in [*cluster.centroid, *(_ENTITY_KEY + e for e in cluster.entities)]:
            postings = self._postings.get(term)
            if postings is not None:
                postings.discard(cluster.id)
                if not postings:
                    del self._postings[term]
        del self._clusters[cluster.id]


def _freeze(cluster: _Cluster) -> Story:
    return Story(
        id=cluster.id,
        label=_central_title(cluster),
        article_ids=tuple(member[0] for member in cluster.members),
        first_at=cluster.first_at,
        last_at=cluster.last_at,
        extractor=EXTRACTOR,
    )


def _central_title(cluster: _Cluster) -> str:
    def closeness(member: tuple[str, str, SparseVector]) -> float:
        return sum(w * cluster.centroid.get(t, 0.0) for t, w in member[2].items())

    titled = [m for m in cluster.members if m[1].strip()]
    return max(titled, key=closeness)[1] if titled else ""
