"""What the quote tests share: the quotes newsift finds in a body of our own, and the one holding a
fragment."""

from __future__ import annotations

from typing import Any

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles


def quotes_of(nlp: Any, body: str, title: str = "") -> list[Quote]:
    """Every quote of one article with this body."""
    article = Article(id="q", page_id="p", position=Position.MAIN, index=0, title=title, body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def quote_with(nlp: Any, body: str, fragment: str) -> Quote:
    """The first quote whose text holds ``fragment`` (the test fails when none does)."""
    found = [q for q in quotes_of(nlp, body) if fragment in q.text]
    assert found, quotes_of(nlp, body)
    return found[0]
