"""What a sentence or article holds of a question: its entities named in any of their surface forms, the
asked shape (a number, a time, a name), its time window."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.brief.facts import Sources
from newsift.brief.passages import extract_query_terms, normalize_designators
from newsift.brief.question import Question, holds_wanted, is_answer_shaped

__all__ = [
    "all_forms",
    "drop_forms",
    "first_mention",
    "holds_answer",
    "in_window",
    "mentions_any",
    "same_terms",
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


def drop_forms(text: str, forms: Sequence[str]) -> str:
    """The question without the names of its entities (longest forms first, with a possessive 's)."""
    for form in sorted(forms, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(form)}(?:['’]s)?(?!\w)", " ", text)
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
