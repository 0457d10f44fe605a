"""Bodies as speakers: a body written with a noun a person's title also holds ('the Chilean navy' after
'Peru's navy chief') is the body, and 'it' is the body that spoke just before, however it was written.
Sentences of our own, each with a negative case."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote, SpeakerKind
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quote(nlp: Any, body: str, fragment: str) -> Quote:
    article = Article(id="o", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    quotes = list(extract_quotes(next(annotate_articles([article], nlp=nlp))))
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


def test_a_body_is_not_a_person_whose_title_holds_its_noun(nlp: Any) -> None:
    body = (
        'Peru\'s navy chief, Admiral Luis Quispe, spoke in Lima. "We are ready," Quispe said.\n\n'
        "The Chilean navy said the exercise would start in May."
    )
    quote = _quote(nlp, body, "the exercise would start")
    assert quote.speaker_id is None or "quispe" not in quote.speaker_id
    assert quote.speaker_kind is SpeakerKind.ORGANISATION


def test_the_chief_is_still_the_person_whose_title_holds_it(nlp: Any) -> None:
    body = (
        'Peru\'s navy chief, Admiral Luis Quispe, spoke in Lima. "We are ready," Quispe said.\n\n'
        "The navy chief said the exercise would start in May."
    )
    assert _quote(nlp, body, "the exercise would start").speaker_text == "Luis Quispe"


@pytest.mark.parametrize(
    "body",
    [
        "The Chilean navy said the exercise would start in May. It said six ships would take part.",
        "The Kenyan embassy in Rome said the visas were ready. It said the office would open on Monday.",
    ],
)
def test_it_is_the_body_that_spoke_in_the_sentence_before(nlp: Any, body: str) -> None:
    first = body.split(" said ")[0]
    second = body.split(". It said ")[1][:15]
    assert _quote(nlp, body, second).speaker_text == first


def test_it_after_a_gap_is_not_the_body_that_spoke_long_before(nlp: Any) -> None:
    body = (
        "The Chilean navy said the exercise would start in May. Six ships will sail from Valparaiso. "
        "They will carry marines from three countries. The Peruvian firm Sima builds two of the ships. "
        "It said the hulls were finished."
    )
    assert _quote(nlp, body, "the hulls were finished").speaker_text != "The Chilean navy"


@pytest.mark.parametrize(
    ("body", "fragment", "written"),
    [
        (
            "The EU board of auditors said the fund had lost track of its spending. The board said it had "
            "checked forty projects.",
            "checked forty projects",
            "The EU board of auditors",
        ),
        (
            "Chile's mission to the United Nations rejected the findings on Friday. The mission said "
            "Santiago had broken no rule.",
            "had broken no rule",
            "Chile's mission to the United Nations",
        ),
    ],
)
def test_a_body_written_again_by_its_head_noun_is_the_body_first_written(
    nlp: Any, body: str, fragment: str, written: str
) -> None:
    quote = _quote(nlp, body, fragment)
    assert quote.speaker_text == written
    assert quote.speaker_kind is SpeakerKind.ORGANISATION


def test_a_head_noun_first_written_without_a_body_stays_as_written(nlp: Any) -> None:
    body = "A new board of auditors met on Monday. The board said it had checked forty projects."
    assert _quote(nlp, body, "checked forty projects").speaker_text == "The board"


def test_a_document_written_again_is_not_made_a_body(nlp: Any) -> None:
    body = (
        "A Lisbon newspaper article described the deal in detail. "
        'The article said the ships were "older than the crews".'
    )
    quote = _quote(nlp, body, "older than the crews")
    assert quote.speaker_text != "A Lisbon newspaper article"
