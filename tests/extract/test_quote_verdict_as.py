"""'dismissed the claims as "baseless"': the quoted words after 'as' are the speaker's, even when the parse
hangs the adjective on 'as' instead of making it its object. Without quotation marks ('described the deal
as important') no words are quoted.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="v", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


VERDICTS = [
    (
        'Nepal\'s foreign ministry spokesman Arjun Thapa dismissed the claims as "baseless."',
        "baseless",
        "Thapa",
    ),
    ('Minsk rejected the accusations as "absurd."', "absurd", "Minsk"),
    ('The navy rejected the report as "a fairy tale from start to finish."', "a fairy tale", "navy"),
]


@pytest.mark.parametrize(("body", "words", "speaker"), VERDICTS)
def test_quoted_words_after_as_are_the_speakers(nlp: Any, body: str, words: str, speaker: str) -> None:
    quotes = _quotes(nlp, body)
    assert [q for q in quotes if words in q.text and speaker in (q.speaker_text or "")], [
        (q.speaker_text, q.text) for q in quotes
    ]


def test_no_marks_no_quote(nlp: Any) -> None:
    assert not _quotes(nlp, "The minister described the deal as important for both nations.")
