"""A surname written alone as a subject, which the tagger left untagged or took for a place or a common
noun, is still that person for the pronouns after it; with a name written with a particle ('bin'), the
given name is a short form too. Only as a subject.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="s", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _speaker(quotes: list[Quote], fragment: str) -> str | None:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0].speaker_text


SHORT = [
    (
        "Defence Secretary Alan Reeve met Swedish Defence Minister Pal Lund in Stockholm on Monday. "
        "Reeve said London would order more radars. Lund welcomed the plan. "
        '"It is good news for the whole region," he said.',
        "good news for the whole region",
        "Pal Lund",
    ),
    (
        "Defence Secretary Alan Reeve met Omani Foreign Minister Khalid bin Hamad in Muscat on Monday. "
        "Reeve said London would sell patrol boats. Khalid welcomed the offer. "
        '"Our coast guard needs faster boats," he said.',
        "Our coast guard needs faster boats",
        "Khalid bin Hamad",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), SHORT)
def test_pronoun_takes_the_subject_named_by_a_short_form(
    nlp: Any, body: str, fragment: str, speaker: str
) -> None:
    assert _speaker(_quotes(nlp, body), fragment) == speaker


def test_a_short_form_that_is_no_subject_is_not_taken(nlp: Any) -> None:
    """'... and thanked Lund': the bare surname as an object is not who speaks next; 'he' stays with the
    speaker named before."""
    body = (
        "Defence Secretary Alan Reeve met Swedish Defence Minister Pal Lund in Stockholm on Monday. "
        "Reeve said London would order more radars and thanked Lund for the talks. "
        '"It is good news for the whole region," he said.'
    )
    assert _speaker(_quotes(nlp, body), "good news for the whole region") == "Alan Reeve"
