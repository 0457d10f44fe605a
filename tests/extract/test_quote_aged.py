"""'"...," the 58-year-old told reporters': an age standing for a person. The parse often reads 'the
58-year-old told reporters' as one noun phrase; the quote is still that source's, and the age stands for
the one person named in this or the last sentence. With two people named there, it names neither.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


def test_the_age_stands_for_the_one_person_named_before(nlp: Any) -> None:
    body = (
        "Admiral Lars Vik took command of the fleet in May. "
        '"We need more submarines," the 58-year-old told reporters.'
    )
    q = _quote(_quotes(nlp, body), "We need more submarines")
    assert q.speaker_text == "Lars Vik", q


def test_the_age_with_two_people_named_names_neither(nlp: Any) -> None:
    body = (
        "Admiral Karl Jensen and Senator Anna Holt met on Monday. "
        '"We need more submarines," the 58-year-old told reporters.'
    )
    quotes = _quotes(nlp, body)
    assert not [q for q in quotes if q.speaker_text in ("Karl Jensen", "Anna Holt")], quotes
