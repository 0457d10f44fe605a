"""A country written by the leading words of its name ('the Islamic Republic', 'the North') speaks as
that country when it was named before. Sentences of our own, each with a negative case."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quote(nlp: Any, body: str, fragment: str) -> Quote:
    article = Article(id="c", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    quotes = list(extract_quotes(next(annotate_articles([article], nlp=nlp))))
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


@pytest.mark.parametrize(
    ("body", "fragment", "country"),
    [
        (
            "Iran launched a new frigate on Sunday. The Islamic Republic said the ship was built without "
            "foreign help.",
            "the ship was built",
            "IRN",
        ),
        (
            "North Korea fired two missiles into the sea. The North said the launches were routine drills.",
            "the launches were routine",
            "PRK",
        ),
    ],
)
def test_a_country_written_by_the_start_of_its_name_is_that_country(
    nlp: Any, body: str, fragment: str, country: str
) -> None:
    assert _quote(nlp, body, fragment).speaker_id == country


def test_a_short_form_with_no_country_named_before_stays_as_written(nlp: Any) -> None:
    body = "The North said the launches were routine drills. North Korea fired two missiles into the sea."
    assert _quote(nlp, body, "the launches were routine").speaker_id != "PRK"
