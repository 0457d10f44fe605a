"""Exact and near duplicates, and syndicated wire copies, found incrementally (MinHash LSH on word shingles).

Works on ids and text (or ``Article`` records); imports no other stage. Memory is bounded by ``capacity``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsift.link.text import word_shingles
from newsift.link.wires import detect_wire
from newsift.model import DUPLICATES_EXTRACTOR, Article, DuplicateKind, DuplicateMatch, content_hash

__all__ = [
    "EXTRACTOR",
    "DuplicateIndex",
    "DuplicateKind",
    "DuplicateMatch",
    "DuplicateRecord",
    "DuplicateSettings",
]

EXTRACTOR = DUPLICATES_EXTRACTOR
_SCHEME = "affine32"  # datasketch's default; stored signatures are rebuilt into MinHash objects with it


@dataclass(frozen=True, slots=True, kw_only=True)
class DuplicateSettings:
    """Attributes:
    near_threshold: least estimated Jaccard of word shingles for a near duplicate.
    syndication_threshold: least estimated containment for two copies of one wire story.
    num_perm: MinHash permutations. shingle_size: words per shingle.
    capacity: how many recent articles stay searchable (older ones are forgotten; memory stays bounded).
    """

    near_threshold: float = 0.8
    syndication_threshold: float = 0.5
    num_perm: int = 128
    shingle_size: int = 5
    capacity: int = 200_000


@dataclass(frozen=True, slots=True, kw_only=True)
class DuplicateRecord:
    """What the index keeps of one article, to index it again without its text (``restore``)."""

    group_id: str
    exact_key: str
    signature: tuple[int, ...] = ()
    n_shingles: int = 0
    wire: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class _Entry:
    signature: np.ndarray
    n_shingles: int
    wire: str | None
    outlet: str | None


class DuplicateIndex:
    """Add articles one at a time; each add says which earlier group (if any) the article belongs to."""

    def __init__(self, settings: DuplicateSettings | None = None) -> None:
        self.settings = settings or DuplicateSettings()
        lowest = min(self.settings.near_threshold, self.settings.syndication_threshold)
        # Containment of a short copy in a longer one shows up as a lower Jaccard: search wide, decide after.
        self._lsh = MinHashLSH(threshold=max(0.2, lowest * 0.6), num_perm=self.settings.num_perm)
        self._exact: dict[str, str] = {}
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._group_of: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._wire_of_group: dict[str, str] = {}
        self._outlet_of: dict[str, str | None] = {}
        self._wire_of: dict[str, str | None] = {}
        self._exact_key_of: dict[str, str] = {}
        self._permutations: np.ndarray | None = None  # shared by rebuilt MinHash objects (costly to draw)
        self._signature_dtype: np.dtype[Any] | None = None

    def add_article(self, article: Article) -> DuplicateMatch:
        """Index ``article`` using its text, ``wire`` field (or credits in the text) and outlet."""
        wire = detect_wire(article.text, article.wire)
        return self.add(article.id, article.text, wire=wire, outlet=article.outlet or article.source)

    def add(
        self, article_id: str, text: str, *, wire: str | None = None, outlet: str | None = None
    ) -> DuplicateMatch:
        """Index one article and return the group it joins (its own new group when unique).

        Adding an id twice returns its group again without re-indexing.
        """
        if article_id in self._group_of:
            return self._describe(article_id, DuplicateKind.UNIQUE, None, 0.0)
        self._outlet_of[article_id] = outlet
        self._wire_of[article_id] = wire
        exact_key = content_hash(text)
        self._exact_key_of[article_id] = exact_key
        if exact_key in self._exact and self._exact[exact_key] in self._group_of:
            return self._join(article_id, self._exact[exact_key], DuplicateKind.EXACT, 1.0)
        self._exact.setdefault(exact_key, article_id)
        shingles = word_shingles(text, self.settings.shingle_size)
        if not shingles:
            return self._join(article_id, None, DuplicateKind.UNIQUE, 0.0)
        entry = _Entry(self._signature(shingles), len(shingles), wire, outlet)
        kind, matched, similarity = self._best_match(entry)
        self._remember(article_id, entry)
        return self._join(article_id, matched, kind, similarity)

    def group_of(self, article_id: str) -> str | None:
        return self._group_of.get(article_id)

    def members(self, group_id: str) -> tuple[str, ...]:
        return tuple(self._members.get(group_id, ()))

    def groups(self) -> tuple[tuple[str, ...], ...]:
        """Every group with at least two articles, in order of first appearance."""
        return tuple(tuple(m) for m in self._members.values() if len(m) > 1)

    def origin_of(self, article_id: str) -> str:
        """The independent origin of one article: its wire, its copy group, its outlet, or itself."""
        group = self._group_of.get(article_id)
        if group is not None and group in self._wire_of_group:
            return f"wire:{self._wire_of_group[group]}"
        if group is not None and len(self._members[group]) > 1:
            return f"group:{group}"
        if self._wire_of.get(article_id):
            return f"wire:{self._wire_of[article_id]}"
        outlet = self._outlet_of.get(article_id)
        return f"outlet:{outlet.casefold()}" if outlet else f"article:{article_id}"

    def independent_origins(self, article_ids: Iterable[str]) -> set[str]:
        """Distinct origins behind ``article_ids``: copies of one wire story or one outlet count once.

        Use its size, not the number of articles, when counting how many sources corroborate a claim.
        """
        return {self.origin_of(article_id) for article_id in article_ids}

    def record_of(self, article_id: str) -> DuplicateRecord:
        """What ``restore`` needs to index ``article_id`` again. Raises KeyError for an unknown id."""
        entry = self._entries.get(article_id)
        return DuplicateRecord(
            group_id=self._group_of[article_id],
            exact_key=self._exact_key_of[article_id],
            signature=tuple(int(v) for v in entry.signature) if entry is not None else (),
            n_shingles=entry.n_shingles if entry is not None else 0,
            wire=self._wire_of.get(article_id),
            outlet=self._outlet_of.get(article_id),
        )

    def restore(self, article_id: str, record: DuplicateRecord, *, near: bool = True) -> None:
        """Index an article again from its record; call in the order the articles were first added.

        ``near=False`` leaves its signature out of the near-duplicate index (LSH), the costly part: for an
        article that shares no LSH band with any article to come, which it could never match.
        """
        self._outlet_of[article_id] = record.outlet
        self._wire_of[article_id] = record.wire
        self._exact_key_of[article_id] = record.exact_key
        self._exact.setdefault(record.exact_key, article_id)
        self._group_of[article_id] = record.group_id
        self._members.setdefault(record.group_id, []).append(article_id)
        if record.signature and near:
            self._signature_dtype = self._signature_dtype or self._dtype()
            signature = np.array(record.signature, dtype=self._signature_dtype)
            self._remember(article_id, _Entry(signature, record.n_shingles, record.wire, record.outlet))

    def probe_keys(self, article: Article) -> set[Hashable]:
        """Keys a stored article must share with ``article`` to be compared with it: its exact hash and
        each LSH band of its signature (an article sharing none is never its candidate)."""
        keys: set[Hashable] = {("exact", content_hash(article.text))}
        shingles = word_shingles(article.text, self.settings.shingle_size)
        if shingles:
            keys |= self._bands(tuple(int(v) for v in self._signature(shingles)))
        return keys

    def record_keys(self, record: DuplicateRecord) -> set[Hashable]:
        """The keys of a stored article (see ``probe_keys``)."""
        return {("exact", record.exact_key), *self._bands(record.signature)}

    def _bands(self, signature: tuple[int, ...]) -> set[Hashable]:
        if not signature:
            return set()
        return {(i, signature[start:end]) for i, (start, end) in enumerate(self._lsh.hashranges)}

    @property
    def wire_groups(self) -> dict[str, str]:
        """Copy group id -> the wire it is a copy of (state for ``restore_wire_groups``)."""
        return dict(self._wire_of_group)

    def restore_wire_groups(self, wire_groups: dict[str, str]) -> None:
        self._wire_of_group.update(wire_groups)

    def _dtype(self) -> np.dtype[Any]:
        dtype: np.dtype[Any] = self._as_minhash(np.zeros(self.settings.num_perm)).hashvalues.dtype
        return dtype

    def _signature(self, shingles: set[str]) -> np.ndarray:
        minhash = MinHash(num_perm=self.settings.num_perm)
        minhash.update_batch([s.encode("utf-8") for s in shingles])
        signature: np.ndarray = minhash.hashvalues
        return signature

    def _as_minhash(self, signature: np.ndarray) -> MinHash:
        if self._permutations is None:
            self._permutations = MinHash(num_perm=self.settings.num_perm).permutations
        return MinHash(
            num_perm=self.settings.num_perm,
            hashvalues=signature,
            scheme=_SCHEME,
            permutations=self._permutations,
        )

    def _best_match(self, entry: _Entry) -> tuple[DuplicateKind, str | None, float]:
        minhash = self._as_minhash(entry.signature)
        best: tuple[DuplicateKind, str | None, float] = (DuplicateKind.UNIQUE, None, 0.0)
        for candidate in self._lsh.query(minhash):
            other = self._entries.get(candidate)
            if other is None:
                continue
            kind, similarity = self._classify(entry, other)
            if kind is not DuplicateKind.UNIQUE and similarity > best[2]:
                best = (kind, candidate, similarity)
        return best

    def _classify(self, entry: _Entry, other: _Entry) -> tuple[DuplicateKind, float]:
        jaccard = float(np.mean(entry.signature == other.signature))
        if jaccard >= self.settings.near_threshold:
            return DuplicateKind.NEAR, jaccard
        if entry.wire is None or entry.wire != other.wire:
            return DuplicateKind.UNIQUE, jaccard
        # |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
        shared = jaccard * (entry.n_shingles + other.n_shingles) / (1 + jaccard)
        containment = shared / min(entry.n_shingles, other.n_shingles)
        if containment >= self.settings.syndication_threshold:
            return DuplicateKind.SYNDICATED, min(containment, 1.0)
        return DuplicateKind.UNIQUE, jaccard

    def _remember(self, article_id: str, entry: _Entry) -> None:
        self._entries[article_id] = entry
        self._lsh.insert(article_id, self._as_minhash(entry.signature))
        while len(self._entries) > self.settings.capacity:
            old_id, _ = self._entries.popitem(last=False)
            self._lsh.remove(old_id)

    def _join(
        self, article_id: str, matched: str | None, kind: DuplicateKind, similarity: float
    ) -> DuplicateMatch:
        group = self._group_of.get(matched, article_id) if matched is not None else article_id
        self._group_of[article_id] = group
        self._members.setdefault(group, []).append(article_id)
        wire = self._wire_of.get(article_id)
        if wire and (kind is not DuplicateKind.UNIQUE or len(self._members[group]) == 1):
            self._wire_of_group.setdefault(group, wire)
        return self._describe(article_id, kind, matched, similarity)

    def _describe(
        self, article_id: str, kind: DuplicateKind, matched: str | None, similarity: float
    ) -> DuplicateMatch:
        return DuplicateMatch(
            article_id=article_id,
            group_id=self._group_of[article_id],
            kind=kind,
            origin=self.origin_of(article_id),
            matched_id=matched,
            similarity=similarity,
        )
