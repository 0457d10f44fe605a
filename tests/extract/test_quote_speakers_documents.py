"""Documents that speak for their authors: 'a statement from the army', 'A Royal Navy statement'. A
document about a body ('a report on the navy') is not the body's.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote, SpeakerKind
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="d", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


# --- a document whose 'by', 'from' or 'of' names a body by its common noun ---------------------------

ISSUED_BY = [
    (
        '"Our ships will stay in the strait," said a statement from the Chilean navy.',
        "Our ships will stay",
        "navy",
    ),
    (
        "A report by the Danish armed forces said the radar had failed twice during the drill.",
        "the radar had failed twice",
        "forces",
    ),
    (
        "A statement from the Kenyan defence ministry said the helicopters were delivered on time.",
        "the helicopters were delivered",
        "ministry",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "head"), ISSUED_BY)
def test_document_from_a_body_is_the_body(nlp: Any, body: str, fragment: str, head: str) -> None:
    q = _quote(_quotes(nlp, body), fragment)
    assert q.speaker_kind is SpeakerKind.ORGANISATION, q
    assert head in (q.speaker_text or "").lower().split(), q


def test_document_about_a_body_is_no_body(nlp: Any) -> None:
    """'a report on the navy' is about the navy, not by it."""
    q = _quote(
        _quotes(nlp, "A report on the Chilean navy said the ships were in poor repair."),
        "the ships were in poor repair",
    )
    assert q.speaker_kind is not SpeakerKind.ORGANISATION, q


def test_named_body_written_with_an_article_before_a_document_noun(nlp: Any) -> None:
    """'An Egyptian Armed Forces statement', the article tagged inside the body's name."""
    q = _quote(
        _quotes(nlp, "A Royal Thai Navy statement said the frigate had completed its sea trials."),
        "the frigate had completed",
    )
    assert q.speaker_kind is SpeakerKind.ORGANISATION, q
    assert "navy" in (q.speaker_text or "").lower(), q
