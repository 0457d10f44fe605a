"""Tags for an article: the canonical names of its entities (given) plus keyphrases found in its text.

Keyphrases are runs of content words scored by frequency, rarity (IDF when statistics are given), title
and lead position; deduplicated against each other and the entity names. No other stage is imported.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsift.link.text import STOP_WORDS, split_sentence_spans
from newsift.link.vectors import TermStatistics
from newsift.model import Article

__all__ = ["EXTRACTOR", "Tag", "extract_keyphrases", "extract_tags"]

EXTRACTOR = "link.keyphrases.v1"
_MAX_PHRASE_WORDS = 3
# Words that make a phrase but never start or end a good one ("said", numbers alone and the like are stops).
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s\b")
_EXTRA_STOPS = frozenset(("according", "added", "statement", "people", "including", "told", "news"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Tag:
    """One tag: ``kind`` is "entity" (a canonical name given by the caller) or "keyphrase"."""

    text: str
    kind: str
    score: float
    extractor: str = EXTRACTOR


def extract_tags(
    article: Article,
    *,
    entity_names: Iterable[str] = (),
    stats: TermStatistics | None = None,
    limit: int = 8,
) -> tuple[Tag, ...]:
    """Entity names first (in the order given), then keyphrases, deduplicated, at most ``limit`` in all.

    Args:
        article: the article to tag.
        entity_names: canonical names of the entities it mentions, most important first.
        stats: document frequencies of a corpus, to prefer rare phrases; without them frequency rules.
        limit: most tags to return.
    """
    tags: list[Tag] = []
    seen: list[frozenset[str]] = []
    for name in entity_names:
        key = _key(name)
        if key and not _overlaps(key, seen) and len(tags) < limit:
            tags.append(Tag(text=name, kind="entity", score=1.0))
            seen.append(key)
    for phrase, score in extract_keyphrases(article, stats=stats, limit=limit * 3):
        key = _key(phrase)
        if len(tags) >= limit:
            break
        if key and not _overlaps(key, seen):
            tags.append(Tag(text=phrase, kind="keyphrase", score=round(score, 4)))
            seen.append(key)
    return tuple(tags)


def extract_keyphrases(
    article: Article, *, stats: TermStatistics | None = None, limit: int = 8
) -> tuple[tuple[str, float], ...]:
    """Keyphrases of one article with their scores, best first (phrases as written in the text)."""
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    first_sentence: dict[str, int] = {}
    title_key = _key(article.title)
    for index, phrase in _phrases(article):
        key = " ".join(_singular(w) for w in _POSSESSIVE.sub("", phrase.casefold()).split())
        counts[key] += 1
        surface.setdefault(key, Counter())[phrase] += 1
        first_sentence.setdefault(key, index)
    best = {key: forms.most_common(1)[0][0] for key, forms in surface.items()}
    scored = sorted(
        ((_score(best[key], n, first_sentence[key], title_key, stats), key) for key, n in counts.items()),
        reverse=True,
    )
    return tuple((best[key], score) for score, key in scored[:limit] if score > 0)


def _phrases(article: Article) -> Iterator[tuple[int, str]]:
    text = article.text
    for index, (start, end) in enumerate(split_sentence_spans(text)):
        run: list[str] = []
        for token in [*_TOKEN.findall(text[start:end]), "."]:
            if _is_content(token):
                run.append(token)
                continue
            yield from ((index, p) for p in _subphrases(run))
            run = []


def _subphrases(run: list[str]) -> Iterator[str]:
    """Every 1- to 3-word piece of a run: repetition across the article decides which piece is the phrase."""
    for size in range(1, min(len(run), _MAX_PHRASE_WORDS) + 1):
        for i in range(len(run) - size + 1):
            yield " ".join(run[i : i + size])


def _is_content(token: str) -> bool:
    lower = token.casefold()
    return token[0].isalpha() and len(token) > 2 and lower not in STOP_WORDS and lower not in _EXTRA_STOPS


def _score(
    phrase: str, count: int, sentence: int, title_key: frozenset[str], stats: TermStatistics | None
) -> float:
    words = phrase.casefold().split()
    rarity = sum(stats.idf(w) for w in words) / len(words) if stats is not None else 1.0
    in_title = 1.5 if {_singular(w) for w in words} <= title_key else 1.0
    lead = 1.0 + 1.0 / (1.0 + sentence)
    # A longer phrase wins over its parts only when it recurs; said once, it is probably a chance run.
    length = 1.0 + 0.5 * (len(words) - 1) if count > 1 else 1.0 / len(words)
    return (1.0 + math.log(count)) * rarity * in_title * lead * length


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", _POSSESSIVE.sub("", text.casefold()))
    return frozenset(_singular(w) for w in words if w not in STOP_WORDS)


def _overlaps(key: frozenset[str], seen: list[frozenset[str]]) -> bool:
    """A phrase repeats a tag when its words are a subset or superset of that tag's words."""
    return any(key <= other or other <= key for other in seen)
