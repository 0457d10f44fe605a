"""'According to X, General Y said the jets were "ready"': the content of 'according to' opens with a named
person's own speech cue; the quoted words are that person's, X only relays them. A country or a body
after 'according to' ('According to the ministry, Iran said ...') stays as it was: the body reports.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="r", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _speaker(quotes: list[Quote], fragment: str) -> str | None:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0].speaker_text


def test_the_person_who_said_it_speaks_not_the_relay(nlp: Any) -> None:
    body = 'According to Defence Minister Rui Costa, General Nuno Alves said the frigates were "fit for sea."'
    assert _speaker(_quotes(nlp, body), "fit for sea") == "Nuno Alves"


def test_according_to_a_person_alone_is_that_person(nlp: Any) -> None:
    body = 'According to Defence Minister Rui Costa, the frigates are "fit for sea."'
    assert _speaker(_quotes(nlp, body), "fit for sea") == "Rui Costa"


def test_a_body_reporting_a_country_keeps_the_body(nlp: Any) -> None:
    body = 'According to the ministry, Chile said the frigates were "fit for sea."'
    assert _speaker(_quotes(nlp, body), "fit for sea") == "the ministry"
