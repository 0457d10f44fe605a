"""Incremental TF-IDF over sparse dict vectors, for stories, related articles and keyphrases.

Document frequencies grow as articles arrive (a stream has no fixed corpus); vectors are plain dicts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from newsift.link.text import STOP_WORDS, split_words

__all__ = [
    "SparseVector",
    "TermStatistics",
    "add_into",
    "cosine",
    "dot",
    "extract_terms",
    "norm",
    "weigh_terms",
]

SparseVector = dict[str, float]

# Capitalised words inside a sentence are usually names: the feature that separates two happenings of
# one kind (two earthquakes, two rehab stays) that share every common noun.
_NAME_PREFIX = "@"


class TermStatistics:
    """Document frequencies over the articles seen so far; ``idf`` is the smoothed inverse."""

    __slots__ = ("_df", "n_docs")

    def __init__(self) -> None:
        self.n_docs = 0
        self._df: Counter[str] = Counter()

    def add(self, terms: Iterable[str]) -> None:
        """Count one document holding ``terms`` (each distinct term once)."""
        self.n_docs += 1
        self._df.update(set(terms))

    def document_frequency(self, term: str) -> int:
        return self._df.get(term, 0)

    def snapshot(self) -> tuple[int, tuple[tuple[str, int], ...]]:
        """The number of documents and every document frequency, for ``restore``."""
        return self.n_docs, tuple(self._df.items())

    @classmethod
    def restore(cls, n_docs: int, frequencies: Iterable[tuple[str, int]]) -> TermStatistics:
        stats = cls()
        stats.n_docs = n_docs
        stats._df.update(dict(frequencies))
        return stats

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self._df.get(term, 0))) + 1.0


def extract_terms(title: str, body: str, *, title_weight: int = 2) -> Counter[str]:
    """Term counts of an article: lower-cased content words, plus a name feature per capitalised word.

    The title counts ``title_weight`` times, as a headline states what the article is about.
    """
    counts: Counter[str] = Counter()
    for _ in range(title_weight):
        counts.update(_terms(title, in_title=True))
    counts.update(_terms(body, in_title=False))
    return counts


def _terms(text: str, *, in_title: bool) -> list[str]:
    terms: list[str] = []
    previous = "."
    for word in split_words(text):
        lower = word.casefold()
        if lower not in STOP_WORDS and (len(lower) > 1 or lower.isdigit()):
            terms.append(lower)
            if _is_name(word, previous, in_title=in_title):
                terms.append(_NAME_PREFIX + lower)
        previous = word
    return terms


def _is_name(word: str, previous: str, *, in_title: bool) -> bool:
    # Title case headlines capitalise every word, so there only all-caps acronyms count as names.
    if in_title:
        return len(word) > 1 and word.isupper() and word.isalpha()
    return word[0].isupper() and not previous.endswith((".", "!", "?")) and not word.isupper()


def weigh_terms(counts: Mapping[str, int], stats: TermStatistics) -> SparseVector:
    """Sublinear tf times idf, L2-normalised (empty for an empty document)."""
    weights = {term: (1.0 + math.log(n)) * stats.idf(term) for term, n in counts.items() if n > 0}
    length = math.sqrt(sum(w * w for w in weights.values()))
    return {term: w / length for term, w in weights.items()} if length else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (not assumed normalised)."""
    denominator = norm(a) * norm(b)
    return dot(a, b) / denominator if denominator else 0.0


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product; the cosine of two vectors from ``weigh_terms``, which are already unit length."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(term, 0.0) for term, w in a.items())


def norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def add_into(total: dict[str, float], vector: Mapping[str, float], scale: float = 1.0) -> None:
    """``total += scale * vector`` in place (a centroid's running sum)."""
    for term, w in vector.items():
        total[term] = total.get(term, 0.0) + scale * w
