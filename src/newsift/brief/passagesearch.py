"""Sentences found for a question: staged searches of the passage index (entities named first, then any,
then the rest of the question; the words as written, then their families; then sentence windows)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsift.brief.matching import drop_forms, holds_answer, mentions_any
from newsift.brief.passages import MIN_COVERAGE, PassageIndex, extract_query_terms
from newsift.brief.question import Question, drop_status_words
from newsift.brief.records import SentenceRow

__all__ = ["MEANING_FALLBACK", "search_shaped", "search_windows"]

# A sentence of the asked shape (a number for 'how much', a time for 'when', a word of denial for 'who
# denied') may cover fewer of the question's words: the shape already narrows it, and answers rephrase
# ('drop' asked, 'fell' written).
_SHAPED_COVERAGE = 0.35

# A sentence read with its neighbours (no sentence holding enough of the question alone) must hold, with
# them, this share of the question's weighted terms.
_WINDOW_COVERAGE = 0.6

# A sentence that names none of the question's entities must hold more of the other words, and there
# must be at least two of them ('What did Sweden sell?' leaves one, too little to judge a sentence by).
_MIN_REST_TERMS = 2
_REST_COVERAGE = 0.5

# A sentence not naming the question's entities replaces those naming them when it holds this much more
# of the rest of the question (words or their families, weighted).
_FULLER = 0.25

# The meaning fallback (sentences close to the question by MiniLM when its words find none) is off:
# measured with the encoder installed it gained two tune questions and lost check ones (answers to
# questions the sources cannot answer; docs/benchmarks.md, session 8). Kept for a fresh question set.
MEANING_FALLBACK = False


def search_shaped(
    index: PassageIndex,
    q: Question,
    fits: Any,
    every_form: Sequence[str],
    *,
    limit: int,
    rerank: bool,
    same: dict[str, frozenset[str]],
) -> list[SentenceRow]:
    """Sentences that ``fits`` and hold the asked shape: naming one of the question's entities first,
    then any, then measured on the question less its names; the question's words as written first, then,
    when nothing holds them, widened to their word families ('lay off' asked, 'cut' written)."""
    shaped, named = _keepers(q, fits, every_form)
    coverage = _SHAPED_COVERAGE if q.expects or q.status else MIN_COVERAGE
    asked = drop_status_words(q.text) if q.status else q.text
    for widen in (False, True):
        found = index.search(asked, limit=limit, keep=named if every_form else shaped, rerank=rerank,
                             min_coverage=coverage, same=same, widen=widen)  # fmt: skip
        if found and every_form:
            found = (
                _fuller_unnamed(index, asked, found, shaped, every_form, limit=limit, rerank=rerank) or found
            )
        if not found and every_form:
            found = index.search(asked, limit=limit, keep=shaped, rerank=rerank, min_coverage=coverage,
                                 same=same, widen=widen)  # fmt: skip
        if not found and every_form:
            # Every indexed article names the question's entities, so a sentence that refers to them ('the
            # deal', 'the two navies') is measured on the rest of the question, which it must hold more of.
            rest = drop_forms(asked, every_form)
            if len(set(extract_query_terms(rest))) >= _MIN_REST_TERMS:
                found = index.search(rest, limit=limit, keep=shaped, rerank=rerank,
                                     min_coverage=max(coverage, _REST_COVERAGE), widen=widen)  # fmt: skip
        if found:
            return found
    found = search_windows(index, q, fits, every_form, limit=limit, same=same)
    if found:
        return found
    return _search_meaning(index, q, fits, every_form, limit=limit) if rerank and MEANING_FALLBACK else []


def _fuller_unnamed(
    index: PassageIndex,
    asked: str,
    found: list[SentenceRow],
    shaped: Any,
    every_form: Sequence[str],
    *,
    limit: int,
    rerank: bool,
) -> list[SentenceRow]:
    """Sentences that name none of the question's entities but hold clearly more of the rest of it (its
    words or their families) than any sentence naming one: every indexed article names them, and
    news names its subject once ('Dr Reddy's profits fell as research costs rose.') and then tells the
    asked detail without it ('R&D spending rose 37%'). Empty when none does."""
    rest = drop_forms(asked, every_form)
    terms = extract_query_terms(rest)
    if len(set(terms)) < _MIN_REST_TERMS:
        return []
    family = index.word_families(terms, {})
    others = index.search(
        rest, limit=limit, keep=shaped, rerank=rerank, min_coverage=_REST_COVERAGE, widen=True
    )
    best = max(index.coverage(p.text, rest, family) for p in found)
    return [
        p for p in others
        if not mentions_any(p.text, every_form) and index.coverage(p.text, rest, family) >= best + _FULLER
    ]  # fmt: skip


def search_windows(
    index: PassageIndex,
    q: Question,
    fits: Any,
    every_form: Sequence[str],
    *,
    limit: int,
    same: dict[str, frozenset[str]],
) -> list[SentenceRow]:
    """When no sentence holds enough of the question alone: the sentences that hold the asked shape and,
    with the sentences around them, the question ('UK Coal's losses deepened.' then 'The miner blamed
    flooding.'), naming one of the question's entities first."""
    asked = drop_status_words(q.text) if q.status else q.text
    rest = set(extract_query_terms(drop_forms(asked, every_form)))

    def holds_rest(article_id: str, sentence: str) -> bool:  # names alone do not tie it to the question
        return bool(rest & set(extract_query_terms(sentence))) and bool(fits(article_id, sentence))

    shaped, named = _keepers(q, holds_rest, every_form)
    for keep in (named, shaped) if every_form else (shaped,):
        found = index.search_windows(asked, limit=limit, keep=keep, min_coverage=_WINDOW_COVERAGE, same=same)
        if found:
            return found
    return []


def _search_meaning(
    index: PassageIndex, q: Question, fits: Any, every_form: Sequence[str], *, limit: int
) -> list[SentenceRow]:
    """When no sentence holds enough of the question's words: the sentences closest in meaning that hold
    the asked shape, naming one of the question's entities first (only with the optional encoder)."""
    shaped, named = _keepers(q, fits, every_form)
    asked = drop_status_words(q.text) if q.status else q.text
    for keep in (named, shaped) if every_form else (shaped,):
        found = index.search_meaning(asked, limit=limit, keep=keep)
        if found:
            return found
    return []


def _keepers(q: Question, fits: Any, every_form: Sequence[str]) -> tuple[Any, Any]:
    """Two sentence filters: ``shaped`` (``fits`` and holds the asked shape) and ``named`` (and names one of
    the question's entities)."""

    def shaped(article_id: str, sentence: str) -> bool:
        return bool(fits(article_id, sentence)) and holds_answer(sentence, q, every_form)

    def named(article_id: str, sentence: str) -> bool:
        return shaped(article_id, sentence) and mentions_any(sentence, every_form)

    return shaped, named
