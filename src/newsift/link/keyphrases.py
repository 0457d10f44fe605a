"""Tags for an article: the canonical names of its entities (given) plus keyphrases found in its text.

Keyphrases are runs of content words scored by frequency, rarity (IDF when statistics are given), title
and lead position; deduplicated against each other and the entity names. No other stage is imported.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from newsift.link.text import STOP_WORDS, split_sentence_spans
from newsift.link.vectors import TermStatistics
from newsift.model import TAGS_EXTRACTOR, Article, Tag

__all__ = ["EXTRACTOR", "Tag", "extract_keyphrases", "extract_tags"]

EXTRACTOR = TAGS_EXTRACTOR
_MAX_PHRASE_WORDS = 3
# Words that make a phrase but never start or end a good one ("said", numbers alone and the like are stops).
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s\b")
_EXTRA_STOPS = frozenset(("according", "added", "statement", "people", "including", "told", "news"))
# Words no editor keeps as a tag: calendar and clock words, amounts and counting words.
_CALENDAR = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "year", "years",
    "month", "months", "week", "weeks", "day", "days", "today", "yesterday", "tomorrow", "earlier",
    "later", "ago", "quarter", "decade", "century", "billion", "billions", "million", "millions",
    "thousand", "thousands", "hundred", "hundreds", "crore", "crores", "lakh", "per", "cent", "percent",
    "dozen", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
))  # fmt: skip
# Happenings too generic to tag alone: a 'deal' or 'talks' says nothing until something names them.
_BARE_EVENT_NOUNS = frozenset((
    "deal", "deals", "sale", "sales", "contract", "contracts", "agreement", "agreements", "pact", "pacts",
    "talks", "acquisition", "development", "delivery", "deliveries", "transfer", "transfers",
))  # fmt: skip
# Nouns that name a happening: a phrase ending in one is an event tag ('arms transfer', 'joint drills').
_EVENT_NOUNS = frozenset((
    "upgrade", "upgrades", "transfer", "transfers", "sale", "sales", "delivery", "deliveries", "deal",
    "deals", "contract", "contracts", "agreement", "agreements", "pact", "pacts", "exercise", "exercises",
    "drill", "drills", "strike", "strikes", "ban", "bans", "sanction", "sanctions", "embargo",
    "deployment", "deployments", "attack", "attacks", "ceasefire", "talks", "summit", "acquisition",
    "co-development", "development",
))  # fmt: skip
# Words that mark a named programme or system ('KAAN fighter jet programme', 'Project 75').
_PROGRAMME_WORDS = frozenset(["programme", "program", "project", "initiative", "class", "system", "systems"])
_NAME_LINKS = frozenset(("of", "the", "and", "de", "for"))
# 'Turkish', 'Indian', 'Pakistani': the adjective of a country the entity tags already name.
_DEMONYM_ENDINGS = ("ish", "ian", "ese", "stani")
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]*-?\d[\w-]*$|^[A-Z]{3,}$")
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'’-]{2,})(?=,|:|\s+\(|\s+[-–—])", re.MULTILINE)


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
    datelines = _dateline_words(article)
    for name in entity_names:
        key = _key(name)
        if key and not _overlaps(key, seen) and len(tags) < limit and _is_tag_name(name, article, datelines):
            tags.append(Tag(text=name, kind="entity", score=1.0))
            seen.append(key)
    for phrase, score in _editor_order(article, stats):
        key = _key(phrase)
        if len(tags) >= limit:
            break
        if key and not _overlaps(key, seen):
            tags.append(Tag(text=phrase, kind="keyphrase", score=round(score, 4)))
            seen.append(key)
    return tuple(tags)


def _is_tag_name(name: str, article: Article, datelines: frozenset[str]) -> bool:
    """An entity name is a tag unless it is only a date or an amount ('Nov', '2024', '$75 million') or a
    place the article names in its dateline and nowhere else ('JAKARTA, Nov 5 (Reuters) -')."""
    words = [w.strip(".,'’$€£") for w in name.casefold().split()]
    if all(not w[:1].isalpha() or w in _CALENDAR for w in words):
        return False
    if name.casefold() not in datelines:
        return True
    said = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    in_datelines = sum(1 for m in _DATELINE.finditer(article.body) if said.fullmatch(m.group(1).strip()))
    return len(said.findall(article.body)) > in_datelines


def _editor_order(article: Article, stats: TermStatistics | None) -> list[tuple[str, float]]:
    """Keyphrases an editor would keep: the two best systems or programmes, the best event phrase, then
    names, then other event phrases; a name is taken in its longest recurring form."""
    datelines = _dateline_words(article)
    title = _key(article.title)
    kept = [
        (p, s, c) for p, s, c in _ranked(article, stats)
        if _is_keepable(p, c, datelines, title) and not _is_cut_name(p, article.text)
    ]  # fmt: skip
    groups: dict[int, list[tuple[str, float]]] = {}
    for phrase, score, _ in kept:
        groups.setdefault(_group(phrase), []).append((phrase, score))
    names = _longest_forms(groups.get(2, []), kept)
    return [*groups.get(0, [])[:2], *groups.get(1, [])[:1], *names, *groups.get(3, [])]


def _longest_forms(
    names: list[tuple[str, float]], kept: list[tuple[str, float, int]]
) -> list[tuple[str, float]]:
    """Each name replaced by a longer capitalised phrase holding it that occurs as often ('Upendra
    Dwivedi' for 'Dwivedi' when both occur together)."""
    counts = {p: c for p, _, c in kept}
    result = []
    for phrase, score in names:
        longer = [
            p for p in counts
            if p != phrase and _is_name(p.split()) and _key(phrase) < _key(p)
            and counts[p] >= counts[phrase] / 2
        ]  # fmt: skip
        result.append((max(longer, key=len), score) if longer else (phrase, score))
    return result


def _group(phrase: str) -> int:
    words = phrase.split()
    if any(_DESIGNATION.match(w) for w in words) or words[-1].casefold() in _PROGRAMME_WORDS:
        return 0
    if words[-1].casefold() in _EVENT_NOUNS:
        return 1
    return 2 if phrase[0].isupper() else 3


def _is_keepable(phrase: str, count: int, datelines: frozenset[str], title: frozenset[str]) -> bool:
    """No calendar or amount words, no dateline; a name, a system, a recurring event phrase or a
    headline phrase."""
    words = phrase.split()
    folded = [w.casefold().strip("'’") for w in words]
    if any(w in _CALENDAR or any(part in _CALENDAR for part in w.split("-")) for w in folded):
        return False
    if phrase.casefold() in datelines or (len(words) == 1 and words[0].endswith(_DEMONYM_ENDINGS)):
        return False
    if _POSSESSIVE.search(words[-1]):  # 'Pakistan's' modifies; the bare name is its own candidate
        return False
    if any(_DESIGNATION.match(w) for w in words) or (len(words) > 1 and folded[-1] in _EVENT_NOUNS):
        return True
    if phrase[0].isupper():  # a name is capitalised throughout; a one-word name recurs
        return _is_name(words) and (len(words) > 1 or count > 1)
    # A lowercase phrase is generic ('strategic ties', 'clear message') unless it names a happening or
    # the headline uses it whole ('defence spending' in 'Budget raises defence spending').
    if folded[-1] in _EVENT_NOUNS:
        return count > 1 and (len(words) > 1 or folded[0] not in _BARE_EVENT_NOUNS)
    return len(words) > 1 and _key(phrase) <= title


def _is_cut_name(phrase: str, text: str) -> bool:
    """A capitalised phrase that is always part of a longer name: each time it occurs another capitalised
    word follows or precedes it ('Prime Minister Narendra' or 'Minister Narendra Modi' of 'Prime Minister
    Narendra Modi', 'INS' of 'INS Vikrant'); a capitalised stop word before it ('The') does not count."""
    if not phrase[0].isupper():
        return False
    found = list(re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))
    return bool(found) and all(_in_longer_name(text, m.start(), m.end()) for m in found)


def _in_longer_name(text: str, start: int, end: int) -> bool:
    if re.match(r"[ \t]+[A-Z]", text[end:]):
        return True
    before = re.search(r"([A-Z][\w'’-]*)[ \t]+$", text[max(0, start - 40) : start])
    return before is not None and before.group(1).casefold() not in STOP_WORDS


def _is_name(words: list[str]) -> bool:
    return all(w[0].isupper() or w in _NAME_LINKS for w in words) and words[-1][0].isupper()


def _dateline_words(article: Article) -> frozenset[str]:
    """Places and wire names of datelines ('JAKARTA, Nov 5 (Reuters) -'), from the record and the text."""
    found = {m.group(1).strip().casefold() for m in _DATELINE.finditer(article.body)}
    if article.dateline is not None:
        found |= {x.casefold() for x in (article.dateline.place, article.dateline.text) if x}
    return frozenset(found)


def extract_keyphrases(
    article: Article, *, stats: TermStatistics | None = None, limit: int = 8
) -> tuple[tuple[str, float], ...]:
    """Keyphrases of one article with their scores, best first (phrases as written in the text)."""
    return tuple((phrase, score) for phrase, score, _ in _ranked(article, stats)[:limit])


def _ranked(article: Article, stats: TermStatistics | None) -> list[tuple[str, float, int]]:
    """Every candidate phrase with its score and count, best first."""
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
    return [(best[key], score, counts[key]) for score, key in scored if score > 0]


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
