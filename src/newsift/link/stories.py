"""Incremental story clustering: articles about one happening, over a sliding time window.

An article joins the story whose members it is closest to on average (average link); the stories it
joined or nearly joined are then re-grouped from scratch; a story that grew into two happenings of one
kind splits. These are first guesses: once a batch is in, ``consolidate`` groups again, under the current
document frequencies, every story the batch changed, every story grouped on a much smaller corpus, and
every story linked to those (whole linked components, found by the re-grouping's own similarity), so
the stories depend on which articles are held, not on their order, and ingest ends as a relink would;
the bar for a merge may rise with the story's size (``cohesion``), so a subject's reports stop chaining.
Lookups go through capped postings (``link.postings``): adding one article costs the same however many
stories are held.

Besides words, an article brings its canonical entity ids and happening keys (``link.story_facts``: its
events' kinds and sides, stated times, sums, places) as plain strings; two reports whose events state
different months are held further apart. From its headline and lead it also brings the kind of business
happening it reports (``link.business_kinds``, for business reports only): reports naming other kinds,
other subjects or other months are held further apart, a large story keeps the reports of its main kind
and a story of three or more those of its main month. Works on ``Article`` records; imports no other stage.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt

from newsift.link.business_kinds import KIND_PREFIX, MONTH_MARK, SUBJECT_MARK, business_lead, lead_keys
from newsift.link.openings import (
    Opening,
    distinct_happenings,
    extract_opening,
    is_opening_mark,
    opening_marks,
)
from newsift.link.postings import CappedPostings, strongest_terms
from newsift.link.story_facts import TIME_PREFIX
from newsift.link.story_shelf import (
    LiveMember,
    LiveStory,
    OpenStories,
    ShelfChange,
    ShelvedPostings,
    StoryShelf,
)
from newsift.link.vectors import SparseVector, TermStatistics, add_into, extract_terms, weigh_terms
from newsift.model import Article, Story, make_id

__all__ = [
    "EXTRACTOR",
    "ClustererState",
    "LiveMember",
    "LiveStory",
    "ShelfChange",
    "Story",
    "StoryClusterer",
    "StorySettings",
    "StoryShelf",
    "article_time",
]

EXTRACTOR = "link.stories.v8"
_ENTITY_KEY = "="  # postings key prefix for entity ids; no text term starts with it
_BLOCKING_TERMS = 25  # a story is findable through each member's strongest terms
_POSTING_CAP = 100  # stories kept per key (the most recently joined): lookups stay bounded
_CANDIDATES = 60  # stories scored per new article, those sharing most keys with it
_SEQ_BITS = 32  # members read from a shelf are numbered (story position << _SEQ_BITS) + place in story


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySettings:
    """Knobs of the clusterer, chosen for BCubed F1 on the ECB+ tune half (odd topics, bench/SPLITS.md) and
    for story sizes on the BBC politics articles and the BBC business tune half (bench/story_sizes.py).

    Attributes:
        threshold: least combined similarity for an article to join a story; also where the average-link
            re-grouping of a neighbourhood stops merging.
        window: how far apart in time two articles of one story may be (published, else fetched).
        entity_weight: share of the score given to shared canonical entity ids (when both sides have some).
        name_weight: multiplier of capitalised-word features against ordinary words.
        number_weight: multiplier of number tokens (magnitudes, tolls, sums, years tell happenings apart).
        split_ratio: a story splits in two when the mean similarity across its best two-way partition is
            below this share of the mean similarity inside the parts (0 turns splitting off).
        split_min_size: smallest story that is checked for a split.
        split_min_part: smallest part a split may cut off (outliers stay where they are).
        split_growth: a story is checked again once it has grown by this factor since the last check.
        split_max_size: larger stories are not checked (the check is quadratic in members).
        max_live: most stories kept open; beyond it the least recently joined one closes (memory stays
            bounded on a stream without times).
        linkage: 0 scores a story by cosine with its centroid, 1 by the mean cosine with its members
            (average link: a story that has drifted over a broad topic no longer draws every article in).
        settle_floor: a story scoring at least this for a new article is part of its neighbourhood, which
            is re-grouped from scratch when it spans more than one story.
        settle_stories: most stories in a neighbourhood (the best scoring).
        consolidate_max: most members ``consolidate`` groups again at once (average link is cubic).
        regroup_growth: ``consolidate`` also groups again the stories last grouped when the documents
            counted were fewer than now by more than this share (their weights have moved since): an
            early story is grouped again each time the corpus grows by a tenth, a constant amount of
            work per new article however large the corpus, and ingest ends as a relink would.
        cohesion: how much the bar for merging rises (as a share of ``threshold``) with each doubling of
            the merged story beyond ``cohesive_size``: a story that grows by chaining through a subject's
            vocabulary stops growing, one whose reports all share the happening's details does not.
        cohesive_size: size up to which the merge bar is ``threshold``.
            Off by default: at 1.0 from 12 members (with happening keys) the ECB+ tune half held (0.938)
            and the largest BBC business story fell from 25 to 18, but the ECB+ check half fell to 0.897
            (0.897 too in session 5, from 16 members): a size bar cuts large true events.
        fact_weight: share of a pair's similarity given to the cosine of their happening keys (entity ids
            and ``link.story_facts`` keys, weighed by rarity) when both articles have some.
        time_conflict: factor of a pair's similarity when both state months for their events and share
            none (two happenings of one kind, months apart).
        kind_conflict: factor of a pair's similarity when the headlines and leads of both name business
            kinds (``link.business_kinds``) and share none (a company's results and its takeover).
        kind_min_size: a group of this many members or more keeps only the members whose headline and lead
            name its main business kind (the kind most of its members name) or none: a company's or an
            economy's reports of other happenings form stories of their own.
        month_min_size: a group of this many members or more keeps only the members whose business lead
            names its main month (the month most leads name) or none: monthly figures of one series, or
            one firm's happenings months apart, form stories of their own.
        happening_conflict: factor of a pair's similarity when the headlines and leads of both business
            reports say two happenings (``link.openings.distinct_happenings``: both state sums and share
            none, or places in a series and share none): one actor's separate happenings.
            Off by default: at 0.1 the ECB+ tune half held (0.938; the rule does not fire there) and the
            BBC business tune half parted one firm's or one bank's separate deals and decisions, but the
            ECB+ check half fell from 0.923 to 0.919 (recall 0.892 -> 0.885; 0.919 with weekdays too).
    """

    threshold: float = 0.13
    window: timedelta = timedelta(days=3)
    entity_weight: float = 0.3
    name_weight: float = 1.0
    number_weight: float = 2.0
    split_ratio: float = 0.5
    split_min_size: int = 6
    split_min_part: int = 4
    split_growth: float = 1.5
    split_max_size: int = 150
    max_live: int = 10_000
    linkage: float = 1.0
    settle_floor: float = 0.1
    settle_stories: int = 3
    consolidate_max: int = 1000
    cohesion: float = 0.0
    cohesive_size: int = 12
    regroup_growth: float = 0.1
    fact_weight: float = 0.1
    time_conflict: float = 0.5
    kind_conflict: float = 0.3
    kind_min_size: int = 5
    month_min_size: int = 3
    happening_conflict: float = 1.0


@dataclass(frozen=True, slots=True)
class _Member:
    id: str
    title: str
    vector: SparseVector
    entities: frozenset[str]
    when: datetime | None
    seq: int = 0
    counts: tuple[tuple[str, int], ...] = ()  # term counts, to weigh again as frequencies settle
    facts: tuple[str, ...] = ()  # happening keys: '=' entity ids and link.story_facts keys


@dataclass(slots=True)
class _Cluster:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    members: list[_Member] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    first_at: datetime | None = None
    last_at: datetime | None = None
    next_check: int = 0
    keys: set[str] = field(default_factory=set)
    grouped_at: int = 0  # documents counted when the story was last grouped (opened or re-grouped)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClustererState:
    """What ``StoryClusterer.restore`` needs to go on: document frequencies and the stories still open
    (``live``, or ``n_shelved`` stories on a shelf: ``StoryClusterer.shelve``).

    Closed stories are not part of it: they no longer change.
    """

    n_docs: int
    frequencies: tuple[tuple[str, int], ...]
    live: tuple[LiveStory, ...]
    latest: datetime | None = None
    n_shelved: int = 0
    next_position: int = 0  # join order of the next story opened or joined


def article_time(article: Article) -> datetime | None:
    """When an article appeared: published time, else fetched time, else unknown (the stream's clock)."""
    return article.published_at or article.fetched_at


class StoryClusterer:
    """Single-pass clustering: each new article joins the most similar live story, or starts one.

    Story ids are stable: a story's id derives from its first article and never changes as it grows.
    """

    def __init__(self, settings: StorySettings | None = None, stats: TermStatistics | None = None) -> None:
        self.settings = settings or StorySettings()
        self.stats = stats or TermStatistics()
        self._clusters: OpenStories[_Cluster] = OpenStories()
        self._postings: CappedPostings = CappedPostings(_POSTING_CAP)
        self._story_of: dict[str, str] = {}
        self._closed: dict[str, Story] = {}
        self._latest: datetime | None = None
        self._ends: list[tuple[datetime, str]] = []  # (last_at, story id) heap, for closing in time order
        self._seq = 0  # arrival number of the last member
        self._swept: datetime | None = None  # with a shelf: its stories ending before this were closed
        self._touched: set[str] = set()  # stories opened or joined since the last ``consolidate``
        self._weighed: dict[str, tuple[SparseVector, SparseVector]] = {}  # ``_current``, by member id
        self._weighed_at = -1  # the number of documents ``_weighed`` was weighed at

    def add(self, article: Article, entity_ids: Iterable[str] = (), facts: Iterable[str] = ()) -> str:
        """Assign ``article`` to a story and return the story id (the same id again for a known article).

        ``entity_ids`` are the canonical entities it mentions, ``facts`` its happening keys
        (``link.story_facts.happening_keys`` of its events).
        """
        if article.id in self._story_of:
            return self._story_of[article.id]
        when = article_time(article)
        self._advance(when)
        counts = extract_terms(article.title, "\n\n".join(p for p in (article.standfirst, article.body) if p))
        entity_ids = list(entity_ids)
        lead = business_lead(article.standfirst, article.body)
        kinds = lead_keys(article.title, lead, entity_ids) if lead is not None else ()
        marks = opening_marks(article.title, lead) if lead is not None else ()
        keys = tuple(sorted({*(_ENTITY_KEY + e for e in entity_ids), *facts, *kinds}))
        self.stats.add([*counts, *keys])
        keys = tuple(sorted({*keys, *marks}))
        vector = self._weigh(counts)
        entities = frozenset(entity_ids)
        ranked = self._ranked_clusters(vector, entities, when)
        settings = self.settings
        joins = bool(ranked) and ranked[0][1] >= settings.threshold
        cluster = ranked[0][0] if joins else self._open(article.id)
        self._seq += 1
        terms = tuple(sorted(counts.items()))
        self._join(
            cluster, _Member(article.id, article.title, vector, entities, when, self._seq, terms, keys)
        )
        near = [c for c, score in ranked[: settings.settle_stories] if score >= settings.settle_floor]
        near = [c for c in near if self._clusters.get(c.id) is c]  # joining may close one (``max_live``)
        if near and any(c is not cluster for c in near):
            self._settle([cluster, *(c for c in near if c is not cluster)])
        self._refine(self._clusters[self._story_of[article.id]])
        return self._story_of[article.id]

    def state(self) -> ClustererState:
        """The state to go on from later (``restore``): frequencies and the live stories (none when they
        are on a shelf)."""
        if self._clusters.shelf is not None:
            return self._state(())
        return self._state(tuple(_live(c) for c in self._clusters.values()))

    def shelve(self) -> tuple[ClustererState, ShelfChange]:
        """The state with the open stories kept on a shelf instead, and the change that brings the shelf
        up to date: the stories opened or joined since restore (all of them without a shelf) at their
        join order, and the shelved stories closed or re-grouped."""
        clusters = self._clusters
        stories = tuple(
            (clusters.position(c.id), _live(c), c.last_at, tuple(sorted(c.keys))) for c in clusters.changed()
        )
        change = ShelfChange(stories=stories, dropped=tuple(clusters.gone()), replace=clusters.shelf is None)
        return self._state(()), change

    def _state(self, live: tuple[LiveStory, ...]) -> ClustererState:
        n_docs, frequencies = self.stats.snapshot()
        return ClustererState(
            n_docs=n_docs,
            frequencies=frequencies,
            live=live,
            latest=self._latest,
            n_shelved=0 if live else len(self._clusters),
            next_position=self._clusters.next_position,
        )

    @classmethod
    def restore(
        cls, state: ClustererState, settings: StorySettings | None = None, shelf: StoryShelf | None = None
    ) -> StoryClusterer:
        """A clusterer that goes on where ``state`` was taken; only its live stories are in ``stories()``.

        With a ``shelf`` holding the state's open stories (``shelve``), a story is read from it only when
        the clusterer needs it (``link.story_shelf``), and ``stories()`` gives the stories changed since.
        The stories are the same as a restore holding them all; but ``add`` of an article already linked
        into a shelved story not read yet files it again.
        """
        clusterer = cls(settings, TermStatistics.restore(state.n_docs, state.frequencies))
        clusterer._latest = state.latest
        if shelf is not None:
            clusterer._clusters = OpenStories(
                shelf, clusterer._unshelve, n_shelved=state.n_shelved, next_position=state.next_position
            )
            clusterer._postings = ShelvedPostings(_POSTING_CAP, shelf.read_postings)
            clusterer._seq = state.next_position << _SEQ_BITS
            return clusterer
        for story in state.live:
            cluster = _Cluster(id=story.id, next_check=story.next_check, grouped_at=story.grouped_at)
            clusterer._clusters[cluster.id] = cluster
            for m in story.members:
                clusterer._seq += 1
                clusterer._place(cluster, _member_of(m, clusterer._seq))
            cluster.norm = _centroid_norm(cluster)
        return clusterer

    def _unshelve(self, position: int, story: LiveStory) -> _Cluster:
        """A story read from the shelf, as ``restore`` builds it; its members are numbered by its position
        (so they order as ``restore`` numbers them) and its postings are the shelf's."""
        cluster = _Cluster(id=story.id, next_check=story.next_check, grouped_at=story.grouped_at)
        for i, m in enumerate(story.members):
            self._hold(cluster, _member_of(m, (position << _SEQ_BITS) + i))
        cluster.norm = _centroid_norm(cluster)
        return cluster

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
        """Every story so far, closed ones included, oldest first; after a restore from a shelf, those
        closed, opened or joined since."""
        live = tuple(_freeze(c) for c in self._clusters.changed())
        return tuple(self._closed.values()) + live

    def _weigh(self, counts: Mapping[str, int]) -> SparseVector:
        """An article's vector under the current document frequencies, names and numbers re-weighted."""
        vector = weigh_terms(counts, self.stats)
        names, numbers = self.settings.name_weight, self.settings.number_weight
        if names == 1.0 and numbers == 1.0:
            return vector
        vector = {
            t: w * (names if t[0] == "@" else numbers if t[0].isdigit() else 1.0) for t, w in vector.items()
        }
        length = math.sqrt(sum(w * w for w in vector.values()))
        return {t: w / length for t, w in vector.items()} if length else {}

    def _ranked_clusters(
        self, vector: SparseVector, entities: frozenset[str], when: datetime | None
    ) -> list[tuple[_Cluster, float]]:
        """Candidate stories in the window with their scores, best first (ties: candidate order)."""
        scored: list[tuple[_Cluster, float]] = []
        candidates = self._postings.candidates(_keys(vector, entities), _CANDIDATES)
        self._clusters.read(candidates)
        for cluster_id in candidates:
            cluster = self._clusters[cluster_id]
            if not self._in_window(cluster, when):
                continue
            centroid = cluster.centroid
            dot = sum(w * centroid.get(t, 0.0) for t, w in vector.items())
            score = self._score(self._text_similarity(dot, cluster), entities, cluster)
            if score > 0.0:
                scored.append((cluster, score))
        scored.sort(key=lambda pair: -pair[1])
        return scored

    def _text_similarity(self, dot: float, cluster: _Cluster) -> float:
        """Cosine with the centroid (``linkage`` 0) up to mean cosine with the members (``linkage`` 1)."""
        if not cluster.norm:
            return 0.0
        a = self.settings.linkage
        scale: float = math.pow(cluster.norm, 1 - a) * math.pow(len(cluster.members), a)
        return dot / scale

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

    def _open(self, first_article_id: str) -> _Cluster:
        cluster = _Cluster(id=make_id("story", first_article_id), grouped_at=self.stats.n_docs)
        self._clusters[cluster.id] = cluster
        return cluster

    def _join(self, cluster: _Cluster, member: _Member) -> None:
        self._place(cluster, member)
        self._touched.add(cluster.id)
        cluster.norm = _centroid_norm(cluster)

    def _place(self, cluster: _Cluster, member: _Member) -> None:
        """``_join`` without the centroid's norm, which ``restore`` takes once per story."""
        for key in self._hold(cluster, member):
            self._postings.add(key, cluster.id)
        self._clusters[cluster.id] = self._clusters.pop(cluster.id)  # most recently joined last
        while len(self._clusters) > self.settings.max_live:
            self._close(self._clusters.oldest())

    def _hold(self, cluster: _Cluster, member: _Member) -> list[str]:
        """``member`` in ``cluster`` (centroid, keys, entities, times); returns its blocking keys."""
        add_into(cluster.centroid, member.vector)
        keys = _keys(member.vector, member.entities)
        cluster.keys.update(keys)
        cluster.members.append(member)
        cluster.entities.update(member.entities)
        if member.when is not None:
            cluster.first_at = min(cluster.first_at or member.when, member.when)
            cluster.last_at = max(cluster.last_at or member.when, member.when)
            heapq.heappush(self._ends, (cluster.last_at, cluster.id))
        self._story_of[member.id] = cluster.id
        return keys

    def _refine(self, cluster: _Cluster) -> None:
        """Split a story that has grown into two happenings of one kind (a merge made early, on little text).

        The partition is computed over the members in id order (it does not depend on arrival order); the
        part holding the story's first article keeps the id, the other part becomes a story whose id
        derives from its own first article. Checked again only after the story grew by ``split_growth``.
        """
        settings = self.settings
        size = len(cluster.members)
        if settings.split_ratio <= 0 or size < max(settings.split_min_size, cluster.next_check):
            return
        if size > settings.split_max_size:
            return
        cluster.next_check = math.ceil(size * settings.split_growth)
        members = sorted(cluster.members, key=lambda m: m.id)
        similarity = self._mix(
            _local_similarity([self._current_vector(m) for m in members]),
            _local_similarity([self._fact_vector(m) for m in members]),
            members,
        )
        parts = _split(similarity, settings.split_ratio, settings.split_min_part)
        if parts is None:
            return
        self._forget(cluster)
        groups = [sorted((members[i] for i in part), key=lambda m: m.seq) for part in parts]
        for group in sorted(groups, key=lambda g: g[0].seq):
            fresh = self._open(group[0].id)
            for member in group:
                self._join(fresh, member)

    def consolidate(self, article_ids: Iterable[str]) -> None:
        """Group the neighbourhood of ``article_ids`` again: the stories of the batch and every story
        linked to them (``_neighbourhood``).

        Run once a batch is in. Members are weighed again under the current document frequencies (an
        early article was weighed on few documents), grouped by average link in id order within each
        set of members linked at ``threshold``, and every group checked for a split: the stories of a
        neighbourhood depend on which articles it holds, not on the order they came in.
        """
        self._regroup(self._neighbourhood(article_ids))
        self._touched.clear()

    def _regroup(self, pool: Sequence[_Cluster]) -> None:
        """The members of ``pool`` grouped from scratch (``consolidate``)."""
        members = sorted((m for c in pool for m in c.members), key=lambda m: m.id)
        if len(members) < 2 or len(members) > self.settings.consolidate_max:
            return
        similarity = self._similarity(members, current=True)
        parts: list[list[_Member]] = []
        for component in _components(similarity, self.settings.threshold):
            kept = [members[i] for i in component]
            for group in self._group(similarity[np.ix_(component, component)], kept):
                parts.append(sorted((members[component[i]] for i in group), key=lambda m: m.seq))
        for cluster in pool:
            self._forget(cluster)
        for part in sorted(parts, key=lambda p: p[0].seq):
            fresh = self._open(part[0].id)
            for member in part:
                self._join(fresh, member)
            self._refine(fresh)

    def _group(self, similarity: npt.NDArray[np.float64], members: Sequence[_Member] = ()) -> list[list[int]]:
        """Average-link groups of the rows, the bar for a merge rising with the merged group's size; from
        ``kind_min_size`` members on, a group keeps only the members that report its main business kind,
        and from ``month_min_size`` on only those whose lead names its main month (or none)."""
        settings = self.settings

        def bar(size: float) -> float:
            excess = math.log2(max(1.0, size / settings.cohesive_size))
            return settings.threshold * (1.0 + settings.cohesion * excess)

        groups = _average_link(similarity, bar)
        purges = (
            (_LEAD_MARKS[0], settings.kind_min_size, 2 / 3),
            (_LEAD_MARKS[2], settings.month_min_size, 0.0),
        )
        for picked, min_size, named_share in purges if members else ():
            kept: list[list[int]] = []
            for group in groups:
                large = len(group) >= min_size
                off = _off_main([picked(members[i].facts) for i in group], named_share) if large else []
                if not off:
                    kept.append(group)
                    continue
                outside = [group[i] for i in off]
                kept.append([i for i in group if i not in outside])
                kept.extend(
                    [outside[j] for j in g] for g in _average_link(similarity[np.ix_(outside, outside)], bar)
                )
            groups = kept
        return groups

    def _neighbourhood(self, article_ids: Iterable[str]) -> list[_Cluster]:
        """The live stories of the batch, the stale stories, and every story linked to them.

        The batch's stories are those of ``article_ids`` and every story opened or joined since the last
        consolidation (a re-grouping on arrival leaves parts without a new article); stale stories were
        grouped under frequencies that have moved since (``_stale``). A story joins the pool when one of
        its members is linked (``_linked``) to a member of a story pooled, until no story joins: the pool
        is then a union of whole linked components, which average link never merges across, so grouping
        it again gives what grouping every live story would. The pool stops growing (keeping what it
        holds) before ``consolidate_max`` members; the batch's stories are gathered first.
        """
        pool: dict[str, _Cluster] = {}
        batch = [self._story_of.get(a, "") for a in sorted(set(article_ids))] + sorted(self._touched)
        if self._gather(pool, batch):
            self._gather(pool, self._stale())
        return list(pool.values())

    def _gather(self, pool: dict[str, _Cluster], seeds: Iterable[str]) -> bool:
        """Add the open stories of ``seeds`` to ``pool`` and then the stories linked to it, in id order;
        False once the next one would take the pool beyond ``consolidate_max`` members."""
        size = sum(len(c.members) for c in pool.values())
        frontier: list[_Member] = []
        reached: Iterable[_Cluster] = (c for i in seeds if (c := self._clusters.get(i)) is not None)
        while True:
            for cluster in reached:
                if cluster.id in pool:
                    continue
                if size + len(cluster.members) > self.settings.consolidate_max:
                    return False
                size += len(cluster.members)
                pool[cluster.id] = cluster
                frontier.extend(cluster.members)
            if not frontier:
                return True
            linked: dict[str, _Cluster] = {}
            for member in sorted(frontier, key=lambda m: m.id):
                linked.update((c.id, c) for c in self._linked(member, pool))
            reached = sorted(linked.values(), key=lambda c: min(m.id for m in c.members))
            frontier = []

    def _stale(self) -> list[str]:
        """Ids of the open stories grouped when the documents counted were fewer than now by more than
        ``regroup_growth`` (least recently grouped first): their members' weights have moved since."""
        bar = self.stats.n_docs / (1.0 + self.settings.regroup_growth)
        stale: list[str] = []
        for cluster in self._clusters.by_join_order():
            if cluster.grouped_at >= bar:
                break
            stale.append(cluster.id)
        return stale

    def _linked(self, member: _Member, pool: Mapping[str, _Cluster]) -> list[_Cluster]:
        """Stories outside ``pool`` holding a member as similar to ``member`` as ``threshold`` under the
        re-grouping's own similarity (current frequencies, happening keys, conflicts); candidates are
        the stories sharing blocking keys with it, in the window."""
        candidates = self._postings.candidates(_keys(member.vector, member.entities), _CANDIDATES)
        self._clusters.read(candidates)
        clusters = [
            c
            for i in candidates
            if i not in pool and (c := self._clusters.get(i)) is not None and self._in_window(c, member.when)
        ]
        others = [m for c in clusters for m in c.members]
        if not others:
            return []
        similarity = self._similarity_to(member, others)
        owners = [c for c in clusters for _ in c.members]
        linked = {owners[i].id: owners[i] for i in np.flatnonzero(similarity >= self.settings.threshold)}
        return list(linked.values())

    def _current_vector(self, member: _Member) -> SparseVector:
        """``member``'s vector under the current document frequencies (its first one if counts are unknown).

        Members keep the vector they were weighed with on arrival (centroids and labels stay as they
        were); only the re-grouping reads the current weights.
        """
        return self._current(member)[0] if member.counts else member.vector

    def _fact_vector(self, member: _Member) -> SparseVector:
        """``member``'s entity ids and happening keys weighed by rarity under the current frequencies."""
        return self._current(member)[1] if member.facts else {}

    def _current(self, member: _Member) -> tuple[SparseVector, SparseVector]:
        """``member``'s words and happening keys under the current frequencies, weighed once per state of
        the frequencies (a consolidation reads a member many times)."""
        if self._weighed_at != self.stats.n_docs:
            self._weighed.clear()
            self._weighed_at = self.stats.n_docs
        found = self._weighed.get(member.id)
        if found is None:
            text = self._weigh(dict(member.counts)) if member.counts else member.vector
            weighed = [k for k in member.facts if not is_opening_mark(k)]  # marks count only as conflicts
            facts = weigh_terms(dict.fromkeys(weighed, 1), self.stats) if weighed else {}
            found = self._weighed[member.id] = (text, facts)
        return found

    def _similarity(self, members: Sequence[_Member], *, current: bool) -> npt.NDArray[np.float64]:
        """Pairwise similarities of ``members``: words (under the current frequencies when ``current``,
        else as weighed on arrival) mixed with their happening keys (``_mix``), times the conflict
        factors (``_conflicted``)."""
        text = _similarity([self._current_vector(m) if current else m.vector for m in members])
        facts = _similarity([self._fact_vector(m) for m in members])
        return self._conflicted(self._mix(text, facts, members), members)

    def _similarity_to(self, member: _Member, others: Sequence[_Member]) -> npt.NDArray[np.float64]:
        """``_similarity(current=True)`` of ``member`` with each of ``others`` (not the others' pairs)."""
        text = _row_similarity(self._current_vector(member), [self._current_vector(o) for o in others])
        facts = _row_similarity(self._fact_vector(member), [self._fact_vector(o) for o in others])
        row: npt.NDArray[np.float64] = self._conflicted(
            self._mix(text, facts, others, (member,)), others, (member,)
        )[0]
        return row

    def _conflicted(
        self, similarity: _Matrix, members: Sequence[_Member], rows: Sequence[_Member] = ()
    ) -> _Matrix:
        """``similarity`` (rows: ``rows`` or else ``members``; columns: ``members``) times
        ``time_conflict`` for pairs stating disjoint months and ``kind_conflict`` for business pairs
        naming disjoint kinds, subjects or lead months."""
        marks = (
            (_months, self.settings.time_conflict),
            *((m, self.settings.kind_conflict) for m in _LEAD_MARKS),
        )
        for picked, factor in marks:
            if factor < 1.0:
                columns = [picked(m.facts) for m in members]
                conflict = _conflicts([picked(m.facts) for m in rows] if rows else columns, columns)
                similarity = similarity * np.where(conflict, factor, 1.0)
        factor = self.settings.happening_conflict
        if factor < 1.0:
            columns_open = [extract_opening(m.facts) for m in members]
            rows_open = [extract_opening(m.facts) for m in rows] if rows else columns_open
            similarity = similarity * np.where(_distinct(rows_open, columns_open), factor, 1.0)
        return similarity

    def _mix(
        self,
        text: npt.NDArray[np.float64],
        facts: npt.NDArray[np.float64],
        members: Sequence[_Member],
        rows: Sequence[_Member] = (),
    ) -> npt.NDArray[np.float64]:
        """``fact_weight`` of each pair's similarity from its happening keys, where both members have some
        (rows: ``rows`` or else ``members``; columns: ``members``)."""
        weight = self.settings.fact_weight
        has = np.array([_has_facts(m) for m in members])
        has_row = np.array([_has_facts(m) for m in rows]) if rows else has
        if weight <= 0 or not has.any() or not has_row.any():
            return text
        mixed: npt.NDArray[np.float64] = np.where(
            np.outer(has_row, has), (1 - weight) * text + weight * facts, text
        )
        return mixed

    def _settle(self, clusters: list[_Cluster]) -> None:
        """Cluster the members of a new article's neighbourhood again, from scratch (average link).

        The stories the article joined or nearly joined are pooled and re-grouped by average-link
        agglomeration, members taken in id order: the neighbourhood ends the same whatever order its
        articles came in, wrong early merges come apart and fragments of one happening join.
        Each group's id derives from its earliest member, so a story keeps its id while it keeps its
        first article.
        """
        members = sorted((m for c in clusters for m in c.members), key=lambda m: m.id)
        if len(members) > self.settings.split_max_size:
            return
        groups = self._group(self._similarity(members, current=False), members)
        parts = sorted(
            (sorted((members[i] for i in g), key=lambda m: m.seq) for g in groups), key=lambda g: g[0].seq
        )
        if sorted(tuple(m.id for m in p) for p in parts) == sorted(
            tuple(m.id for m in sorted(c.members, key=lambda m: m.seq)) for c in clusters
        ):
            return
        for cluster in clusters:
            self._forget(cluster)
        for part in parts:
            fresh = self._open(part[0].id)
            for member in part:
                self._join(fresh, member)

    def _forget(self, cluster: _Cluster) -> None:
        for key in cluster.keys:
            self._postings.discard(key, cluster.id)
        del self._clusters[cluster.id]

    def _advance(self, when: datetime | None) -> None:
        """Close stories that fell out of the window, so memory stays bounded on a long stream."""
        if when is None or (self._latest is not None and when <= self._latest):
            return
        self._latest = when
        horizon = when - 2 * self.settings.window
        while self._ends and self._ends[0][0] < horizon:
            last_at, cluster_id = heapq.heappop(self._ends)
            cluster = self._clusters.get(cluster_id)
            if cluster is not None and cluster.last_at == last_at:  # else a stale entry: it grew since
                self._close(cluster)
        shelf = self._clusters.shelf
        if shelf is not None and (self._swept is None or self._swept < horizon):
            for cluster_id in shelf.read_ending(self._swept, horizon):  # shelved stories not read yet
                cluster = self._clusters.get(cluster_id)
                if cluster is not None and cluster.last_at is not None and cluster.last_at < horizon:
                    self._close(cluster)
            self._swept = horizon

    def _close(self, cluster: _Cluster) -> None:
        self._closed[cluster.id] = _freeze(cluster)
        self._forget(cluster)


def _live(cluster: _Cluster) -> LiveStory:
    """A story as the state keeps it."""
    members = tuple(
        LiveMember(
            id=m.id,
            title=m.title,
            vector=tuple(m.vector.items()),
            entities=tuple(sorted(m.entities)),
            when=m.when,
            counts=m.counts,
            facts=m.facts,
        )
        for m in cluster.members
    )
    return LiveStory(
        id=cluster.id, next_check=cluster.next_check, members=members, grouped_at=cluster.grouped_at
    )


def _member_of(m: LiveMember, seq: int) -> _Member:
    """A member as the state keeps it, back in the clusterer with arrival number ``seq``."""
    return _Member(m.id, m.title, dict(m.vector), frozenset(m.entities), m.when, seq, m.counts, m.facts)


def _keys(vector: SparseVector, entities: Iterable[str]) -> list[str]:
    """Blocking keys: the strongest terms and the entities (an article and the stories it may join)."""
    return [*strongest_terms(vector, _BLOCKING_TERMS), *(_ENTITY_KEY + e for e in sorted(entities))]


def _freeze(cluster: _Cluster) -> Story:
    return Story(
        id=cluster.id,
        label=_central_title(cluster),
        article_ids=tuple(member.id for member in cluster.members),
        first_at=cluster.first_at,
        last_at=cluster.last_at,
        extractor=EXTRACTOR,
    )


def _central_title(cluster: _Cluster) -> str:
    def closeness(member: _Member) -> float:
        return sum(w * cluster.centroid.get(t, 0.0) for t, w in member.vector.items())

    titled = [m for m in cluster.members if m.title.strip()]
    return max(titled, key=closeness).title if titled else ""


def _split(
    similarity: npt.NDArray[np.float64], ratio: float, min_part: int
) -> tuple[list[int], list[int]] | None:
    """The best two-way partition of a story's members (rows of ``similarity``), if it should split.

    Similarities use *local* weights (``_local_similarity``): a term found in every member (the kind of
    happening, the names the two happenings share) weighs nothing, so what tells the happenings apart
    decides the partition.
    """
    first, second = _bisect(similarity, min_part)
    if min(len(first), len(second)) < min_part:
        return None
    cross = float(similarity[np.ix_(first, second)].mean())
    inside = (
        len(first) * _mean_within(similarity, first) + len(second) * _mean_within(similarity, second)
    ) / (len(first) + len(second))
    return (first, second) if cross < ratio * inside else None


def _local_similarity(vectors: Sequence[SparseVector]) -> npt.NDArray[np.float64]:
    """Cosine similarities of the vectors after weighting each term by sqrt(log((1 + n) / df)) among them."""
    matrix = _dense(vectors)
    document_frequency = np.count_nonzero(matrix, axis=0)
    matrix *= np.sqrt(np.log((1 + len(vectors)) / np.maximum(document_frequency, 1)))
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = np.divide(matrix, lengths, out=np.zeros_like(matrix), where=lengths > 0)
    similarity: npt.NDArray[np.float64] = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    return similarity


def _bisect(similarity: npt.NDArray[np.float64], min_part: int) -> tuple[list[int], list[int]]:
    """Average-link agglomeration down to two groups; once two groups reach ``min_part``, the small ones
    join them rather than the two merging (so an outlier cannot pass for the second happening)."""
    n = len(similarity)
    link = similarity.copy()  # mean similarity between live groups, indexed by each group's first row
    np.fill_diagonal(link, -np.inf)
    sizes = np.ones(n)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    while len(groups) > 2:
        candidates = link
        big = sizes >= min_part
        if np.count_nonzero(big) <= 2:
            candidates = np.where(np.outer(big, big), -np.inf, link)
        a, b = sorted(np.unravel_index(int(np.argmax(candidates)), link.shape))
        _merge(link, sizes, groups, int(a), int(b))
    first, second = (sorted(g) for g in groups.values())
    return first, second


_Matrix = npt.NDArray[np.float64]


def _merge(link: _Matrix, sizes: _Matrix, groups: dict[int, list[int]], a: int, b: int) -> None:
    """Average-link step: group ``b`` joins group ``a``; ``link`` keeps mean similarities between groups."""
    merged = (sizes[a] * link[a] + sizes[b] * link[b]) / (sizes[a] + sizes[b])
    link[a], link[:, a] = merged, merged
    link[a, a] = -np.inf
    link[b], link[:, b] = -np.inf, -np.inf
    sizes[a], sizes[b] = sizes[a] + sizes[b], 0
    groups[a] += groups.pop(b)


def _months(facts: Iterable[str]) -> frozenset[str]:
    """The months a member's events state ('~2004-12')."""
    return frozenset(k for k in facts if k.startswith(TIME_PREFIX) and len(k) == 8)


def _lead_marks(mark: str) -> Callable[[Iterable[str]], frozenset[str]]:
    """The business keys of one sort among a member's facts: kinds (mark ''), subjects, lead months."""
    prefix = KIND_PREFIX + mark

    def picked(facts: Iterable[str]) -> frozenset[str]:
        return frozenset(
            k for k in facts if k.startswith(prefix) and (mark or k[1:2] not in (SUBJECT_MARK, MONTH_MARK))
        )

    return picked


_LEAD_MARKS = tuple(_lead_marks(mark) for mark in ("", SUBJECT_MARK, MONTH_MARK))


def _off_main(marks: Sequence[frozenset[str]], named_share: float) -> list[int]:
    """Indexes of the members that have marks (business kinds, lead months) but not the group's main one
    (the mark most members have; ties to the first in name order). Nothing when under ``named_share`` of
    the members have a mark (for kinds: news that is not about business, where a kind is a passing word)
    or under half of those have the main one (no main mark)."""
    counts = Counter(k for ks in marks for k in ks)
    if not counts:
        return []
    main, count = min(counts.items(), key=lambda kc: (-kc[1], kc[0]))
    named = sum(1 for ks in marks if ks)
    if 2 * count < named or named < named_share * len(marks):
        return []
    return [i for i, ks in enumerate(marks) if ks and main not in ks]


def _conflicts(rows: Sequence[frozenset[str]], columns: Sequence[frozenset[str]]) -> npt.NDArray[np.bool_]:
    """Pairs (row, column) of members that both have marks (months, kinds) and share none of them."""
    conflict = np.zeros((len(rows), len(columns)), dtype=bool)
    for i, marks in enumerate(rows):
        if marks:
            for j, others in enumerate(columns):
                if others and not marks & others:
                    conflict[i, j] = True
    return conflict


def _distinct(rows: Sequence[Opening], columns: Sequence[Opening]) -> npt.NDArray[np.bool_]:
    """Pairs (row, column) of members whose openings say two happenings (``distinct_happenings``)."""
    distinct = np.zeros((len(rows), len(columns)), dtype=bool)
    marked = [j for j, opening in enumerate(columns) if opening]
    for i, opening in enumerate(rows):
        if opening:
            for j in marked:
                distinct[i, j] = distinct_happenings(opening, columns[j])
    return distinct


def _has_facts(member: _Member) -> bool:
    """Whether a member has keys that count in the fact similarity (opening marks count only as conflicts)."""
    return any(not is_opening_mark(k) for k in member.facts)


def _dense(vectors: Sequence[SparseVector]) -> npt.NDArray[np.float64]:
    """The vectors as rows of a dense matrix over the terms they use."""
    columns: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            columns.setdefault(term, len(columns))
    matrix = np.zeros((len(vectors), len(columns)))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, columns[term]] = weight
    return matrix


def _similarity(vectors: Sequence[SparseVector]) -> npt.NDArray[np.float64]:
    """Cosine similarities of unit vectors, diagonal zero (terms of one vector only are left out)."""
    shared = Counter(term for vector in vectors for term in vector)
    matrix = _dense([{t: w for t, w in v.items() if shared[t] > 1} for v in vectors])
    similarity: npt.NDArray[np.float64] = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    return similarity


def _row_similarity(vector: SparseVector, others: Sequence[SparseVector]) -> npt.NDArray[np.float64]:
    """Cosine similarities (1 x n) of one unit vector with each of ``others``."""
    terms = list(vector)
    row = np.array([vector[t] for t in terms])
    columns = np.array([[o.get(t, 0.0) for t in terms] for o in others]).reshape(len(others), len(terms))
    similarity: npt.NDArray[np.float64] = (columns @ row)[np.newaxis, :]
    return similarity


def _average_link(similarity: _Matrix, bar: Callable[[float], float]) -> list[list[int]]:
    """Average-link agglomeration: merge the two groups of highest mean similarity while it reaches
    ``bar(size of the merged group)``; a pair below its bar is set aside and the next best tried. Ties go
    to the lowest indexes, so the result depends only on the rows' order."""
    n = len(similarity)
    link = similarity.copy()
    np.fill_diagonal(link, -np.inf)
    sizes = np.ones(n)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    floor = bar(2.0)
    blocked = np.zeros_like(link, dtype=bool)
    while len(groups) > 1:
        open_link = np.where(blocked, -np.inf, link)
        a, b = sorted(np.unravel_index(int(np.argmax(open_link)), link.shape))
        if open_link[a, b] < floor:
            break
        if open_link[a, b] < bar(sizes[a] + sizes[b]):
            blocked[a, b] = blocked[b, a] = True
            continue
        _merge(link, sizes, groups, int(a), int(b))
        blocked[a], blocked[:, a] = False, False
    return list(groups.values())


def _components(similarity: npt.NDArray[np.float64], threshold: float) -> list[list[int]]:
    """Rows linked by chains of similarity at least ``threshold`` (average link never merges across)."""
    n = len(similarity)
    seen = np.zeros(n, dtype=bool)
    components: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        component, frontier = [start], [start]
        while frontier:
            row = frontier.pop()
            for other in np.flatnonzero((similarity[row] >= threshold) & ~seen):
                seen[other] = True
                component.append(int(other))
                frontier.append(int(other))
        components.append(sorted(component))
    return components


def _mean_within(similarity: npt.NDArray[np.float64], group: list[int]) -> float:
    pairs = len(group) * (len(group) - 1)
    return float(similarity[np.ix_(group, group)].sum()) / pairs if pairs else 0.0


def _centroid_norm(cluster: _Cluster) -> float:
    norm: float = sum(w * w for w in cluster.centroid.values()) ** 0.5
    return norm
