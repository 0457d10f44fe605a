"""', a claim X denied': the claim noun in apposition to what someone else asserted. X did not say the
clause before it; X's words are what it puts in quotation marks ('rejected as "absurd"'), and the clause
is the first speaker's content up to the comma.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="c", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


DENIALS = [
    (
        "Lithuania accused Belarus on Monday of flying drones over its border posts, an allegation Minsk "
        'rejected as "a fantasy."',
        "a fantasy",
        "Minsk",
    ),
    (
        "Washington says Caracas has bought rifles from Moscow, a charge the Venezuelan defence ministry "
        'rejected as "invented from start to finish."',
        "invented from start to finish",
        "ministry",
    ),
    (
        "Seoul accused Pyongyang of selling rockets to Moscow, a claim North Korea dismissed as "
        '"groundless slander."',
        "groundless slander",
        "Korea",
    ),
]


@pytest.mark.parametrize(("body", "words", "speaker"), DENIALS)
def test_the_denier_says_only_its_quoted_words(nlp: Any, body: str, words: str, speaker: str) -> None:
    quotes = _quotes(nlp, body)
    denier = [q for q in quotes if speaker in (q.speaker_text or "")]
    assert denier, [(q.speaker_text, q.text) for q in quotes]
    assert all(words in q.text for q in denier), [(q.speaker_text, q.text) for q in denier]


def test_the_first_speaker_content_ends_before_the_claim_noun(nlp: Any) -> None:
    quotes = _quotes(nlp, "The rebels said the rockets were made abroad, a claim Tehran denied.")
    assert [q.text for q in quotes] == ["the rockets were made abroad"], quotes


def test_a_view_shared_is_no_denial(nlp: Any) -> None:
    """', a view the minister shared as "obvious"': no claim noun and no verdict verb; no quote of the
    minister's, and the first speaker's content keeps its apposition."""
    quotes = _quotes(
        nlp, 'The rebels said the rockets were made abroad, a view the minister shared as "obvious."'
    )
    assert not [q for q in quotes if "minister" in (q.speaker_text or "")], quotes
