"""What a sentence or article holds of a question: its entities named in any of their surface forms, the
asked shape (a number, a time, a name), its time window."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.brief.facts import Sources
from newsift.brief.passages import extract_query_terms, normalize_designators
from newsift.brief.question import Question, holds_wanted, is_answer_shaped, seat_forms

__all__ = [
    "all_forms",
    "drop_forms",
    "first_mention",
    "holds_answer",
    "in_window",
    "may_tell_of",
    "mentions_any",
    "same_terms",
    "years_fit",
]


def mentions_any(sentence: str, forms: Sequence[str]) -> bool:
    """True when one of the surface forms occurs in the sentence as whole words; a form of several words
    in any case and in the plural ('the Turkish foreign ministry' for 'Turkish Foreign Ministry', 'Lib Dems'
    for 'Lib Dem'), a one-word form as written ('US' is not 'us'), a designator however it is joined
    ('TB2' for 'TB-2')."""
    return any(
        re.search(rf"(?<!\w){re.escape(f)}(?!\w)", sentence)
        or (" " in f.strip() and re.search(rf"(?<!\w){re.escape(f)}s?(?!\w)", sentence, re.IGNORECASE))
        for f in forms
    ) or _names_designator(sentence, [f for f in forms if any(c.isdigit() for c in f)])


def _names_designator(sentence: str, forms: Sequence[str]) -> bool:
    closed = normalize_designators(sentence) if forms else ""
    return any(re.search(rf"(?<!\w){re.escape(normalize_designators(f))}s?(?!\w)", closed) for f in forms)


def first_mention(sentence: str, names: Sequence[str]) -> int | None:
    found = [m.start() for f in names if (m := re.search(rf"(?<!\w){re.escape(f)}(?!\w)", sentence))]
    return min(found, default=None)


def all_forms(forms: dict[str, tuple[str, ...]]) -> list[str]:
    return [f for fs in forms.values() for f in fs]


# A title written before a name is part of it ('Dr Reddy's' less 'Reddy' leaves no 'Dr').
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.?\s+)?"


def drop_forms(text: str, forms: Sequence[str]) -> str:
    """The question without the names of its entities (longest forms first, with a title before and a
    possessive 's after)."""
    for form in sorted(forms, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){_TITLE}{re.escape(form)}(?:['’]s)?(?!\w)", " ", text)
    return text


def same_terms(forms: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Each one-word form of a named entity stands for the others ('Indian' asked, 'India' written)."""
    same: dict[str, frozenset[str]] = {}
    for names in forms.values():
        words = frozenset(terms[0] for f in names if len(terms := extract_query_terms(f)) == 1)
        for word in words:
            same[word] = same.get(word, frozenset()) | words
    return same


def holds_answer(sentence: str, q: Question, known: Sequence[str] = ()) -> bool:
    """The sentence holds what the question asks for: a number, sum or time, a place, a name or a cause
    (``known``: the forms of the question's entities, which are no answer)."""
    if q.wants == "place":  # a seat the question does not write is a place ('in Brussels' for the EU)
        seats = seat_forms()
        known = [f for f in known if f not in seats or f in q.text]
    return is_answer_shaped(sentence, q.expects, q.text) and holds_wanted(sentence, q.wants, q.text, known)


def in_window(year: int | None, article_id: str, q: Question, sources: Sources) -> bool:
    if q.since_year is None and q.until_year is None:
        return True
    if year is None:
        published = sources.published(article_id)
        year = published.year if published else None
    if year is None:
        return False
    return (q.since_year is None or year >= q.since_year) and (q.until_year is None or year <= q.until_year)


_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w%]|[.,]\d)")


def may_tell_of(article_id: str, q: Question, sources: Sources) -> bool:
    """An article may tell of the question's period ('in 2004', 'since 2020'): when it was published is
    unknown (only when it was fetched), or it was published in the period's first year or after; a report
    of a year comes out during it or later, so the period's end does not bound the publication."""
    if q.since_year is None and q.until_year is None:
        return True
    article = sources.article(article_id)
    published = article.published_at if article else None
    return published is None or q.since_year is None or published.year >= q.since_year


def years_fit(sentence: str, q: Question) -> bool:
    """A sentence naming years tells of the question's period only when one of them falls in it ('in 2004'
    asked: '4.4% for 2004' fits, '2.1% in 2003' does not); one naming no year may still."""
    if q.since_year is None and q.until_year is None:
        return True
    years = [int(y) for y in _YEAR.findall(sentence)]
    return not years or any(
        (q.since_year is None or y >= q.since_year) and (q.until_year is None or y <= q.until_year)
        for y in years
    )
