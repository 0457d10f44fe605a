"""Extractive summaries: a few central sentences of an article, lead-weighted as news is, quoted verbatim.

Never writes new text: every summary sentence is a slice of ``Article.text`` with its offsets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsift.link.text import split_sentence_spans
from newsift.link.vectors import SparseVector, TermStatistics, add_into, cosine, extract_terms, weigh_terms
from newsift.model import Article

__all__ = ["EXTRACTOR", "SummarySentence", "summarize"]

EXTRACTOR = "link.summary.lead_centrality.v3"
_MIN_WORDS = 6
_MAX_WORDS = 60
_REDUNDANT = 0.6
# The standfirst and the body's lead sentence state the main facts: each weighs as the first sentence.
_LEAD_PRIOR = 2.0
# A heading is a short line without a sentence's closing punctuation; a cross-link ('Also read: ...') is
# page furniture. Neither is ever a summary sentence.
_HEADING_WORDS = 14
_CROSS_LINK = re.compile(r"^\s*(?:also\s+read|read\s+(?:more|also)|see\s+also|watch)\s*:", re.IGNORECASE)
_CLOSES = (".", "!", "?", "'", "’", '"', "”", ")")
# A denial is a main fact wherever it stands (a reader must not take the denied report as settled): it
# weighs as the lead.
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ial)|refut(?:e|es|ed))\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarySentence:
    """One chosen sentence: ``text == article.text[start:end]``; ``index`` counts body sentences."""

    index: int
    start: int
    end: int
    text: str
    score: float
    extractor: str = EXTRACTOR


def summarize(
    article: Article, *, n_sentences: int = 3, spans: Sequence[tuple[int, int]] | None = None
) -> tuple[SummarySentence, ...]:
    """Pick up to ``n_sentences`` sentences that best stand for the article, in their original order.

    A sentence scores by closeness to the whole text (TF-IDF, sentences as documents) times a prior that
    favours the standfirst, the lead sentence and a denial wherever it stands; a sentence too close to one
    already chosen is skipped.
    Section headings and cross-links ('Also read: ...') are never chosen.

    Args:
        article: the article; the title is never part of the summary.
        n_sentences: most sentences to return.
        spans: sentence spans into ``article.text`` from the nlp stage, if known; else a rule splitter runs.

    Returns:
        The chosen sentences in text order (empty for an article without a body).
    """
    candidates = _candidates(article, spans)
    if not candidates:
        return ()
    vectors = _vectors(article.text, candidates)
    centroid: SparseVector = {}
    for vector in vectors:
        add_into(centroid, vector)
    body_start = sum(len(part) + 2 for part in (article.title, article.standfirst) if part)
    n_before = sum(1 for s, _ in candidates if s < body_start)  # standfirst sentences
    scored = [
        (
            cosine(vector, centroid)
            * _weight(article.text[s:e], i, n_before)
            * _length_factor(article.text[s:e]),
            i,
        )
        for i, ((s, e), vector) in enumerate(zip(candidates, vectors, strict=True))
    ]
    chosen: list[tuple[float, int]] = []
    for score, i in sorted(scored, reverse=True):
        if len(chosen) == n_sentences:
            break
        if all(cosine(vectors[i], vectors[j]) < _REDUNDANT for _, j in chosen):
            chosen.append((score, i))
    return tuple(
        _sentence(article, candidates[i], i, score) for score, i in sorted(chosen, key=lambda c: c[1])
    )


def _candidates(article: Article, spans: Sequence[tuple[int, int]] | None) -> list[tuple[int, int]]:
    body_start = len(article.title) + 2 if article.title else 0
    found = spans if spans is not None else split_sentence_spans(article.text[body_start:])
    offset = 0 if spans is not None else body_start
    shifted = [(s + offset, e + offset) for s, e in found]
    headings = {" ".join(h.split()) for h in article.headings}
    return [
        (s, e) for s, e in shifted
        if s >= body_start and e > s and not _is_furniture(article.text[s:e], headings)
    ]  # fmt: skip


def _is_furniture(sentence: str, headings: set[str]) -> bool:
    """A section heading (named by the article, or shaped as one) or a cross-link line."""
    text = " ".join(sentence.split())
    if text in headings or _CROSS_LINK.match(text):
        return True
    return len(text.split()) <= _HEADING_WORDS and not text.endswith(_CLOSES)


def _vectors(text: str, spans: Sequence[tuple[int, int]]) -> list[SparseVector]:
    stats = TermStatistics()
    counts: list[Counter[str]] = [extract_terms("", text[s:e]) for s, e in spans]
    for c in counts:
        stats.add(c)
    return [weigh_terms(c, stats) for c in counts]


def _weight(sentence: str, index: int, n_standfirst: int) -> float:
    return _LEAD_PRIOR if _DENIAL.search(sentence) else _prior(index, n_standfirst)


def _prior(index: int, n_standfirst: int) -> float:
    """News puts the happening first: the standfirst and the lead get the most weight, later sentences a
    gently falling share (counted from the lead)."""
    if index <= n_standfirst:
        return _LEAD_PRIOR
    return 1.0 + 1.0 / (1.0 + index - n_standfirst)


def _length_factor(sentence: str) -> float:
    n_words = len(sentence.split())
    if n_words < _MIN_WORDS:
        return 0.3
    return 0.7 if n_words > _MAX_WORDS else 1.0


def _sentence(article: Article, span: tuple[int, int], index: int, score: float) -> SummarySentence:
    start, end = span
    return SummarySentence(
        index=index, start=start, end=end, text=article.text[start:end], score=round(score, 4)
    )
