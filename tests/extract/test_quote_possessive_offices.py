"""'Its commander said ...' with 'General X, the commander of the ...' in the next sentence: a possessive
determiner ('its', 'his', 'their') narrows no office, so the holder named next is meant. Our own sentences."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _speaker(nlp: Any, body: str, fragment: str) -> str | None:
    article = Article(id="c", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    found = [q for q in extract_quotes(next(annotate_articles([article], nlp=nlp))) if fragment in q.text]
    assert found
    return found[0].speaker_text


def test_its_commander_is_the_commander_named_next(nlp: Any) -> None:
    body = (
        "Kenya's navy launched a new patrol ship on Thursday. Its commander said the ship could stay at "
        "sea for a month.\n\nRear Admiral Paul Owino, the commander of the coastal fleet, told reporters "
        "the crew had trained for a year."
    )
    assert _speaker(nlp, body, "stay at sea") == "Paul Owino"


def test_its_commander_is_not_a_holder_of_another_office_named_next(nlp: Any) -> None:
    body = (
        "Kenya's navy launched a new patrol ship on Thursday. Its commander said the ship could stay at "
        "sea for a month.\n\nFinance Minister Grace Wanjiku told reporters the ship had cost less than "
        "planned."
    )
    assert _speaker(nlp, body, "stay at sea") != "Grace Wanjiku"
