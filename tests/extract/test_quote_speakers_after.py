"""A speaker named in the sentence after the quote, in the same paragraph: the author of a words noun that is
the sentence's subject ('The warning came from X', 'Those were the words of X', 'The remarks by X'), or
the subject of a speech verb with no content of its own ('X echoed him'). Each with a case it must not
take: a sentence with content of its own, a person who is not the author, a new paragraph.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="n", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


NAMED_NEXT = [
    (
        "Defence Minister Carla Ibarra said the corvettes would be bought this year.\n\n"
        '"We cannot wait for the next government to decide." The warning came from opposition leader '
        "Tomas Rueda on Monday.",
        "We cannot wait for the next",
        "Tomas Rueda",
    ),
    (
        "General Piet Maas said the drill went well.\n\n"
        '"Our partners must spend more on ammunition." Those were the words of Senator Hanna Kerr, who '
        "chairs the defence committee.",
        "Our partners must spend more",
        "Hanna Kerr",
    ),
    (
        "President Idris Kamara praised the frigate deal.\n\n"
        '"It is a historic step for our navy." Prime Minister Musa Bangura echoed him in a speech to '
        "parliament.",
        "It is a historic step",
        "Musa Bangura",
    ),
    (
        '"It is a clear breach of the truce," he said. The remarks by Deputy Foreign Minister Oleg Marin '
        "came hours after the launch.",
        "It is a clear breach",
        "Oleg Marin",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), NAMED_NEXT)
def test_speaker_named_in_the_next_sentence(nlp: Any, body: str, fragment: str, speaker: str) -> None:
    q = _quote(_quotes(nlp, body), fragment)
    assert q.speaker_text == speaker, q


KEPT = [
    (  # the next sentence is an attribution with content of its own: the quote goes on from Ibarra
        "Defence Minister Carla Ibarra said the corvettes would be bought this year.\n\n"
        '"We cannot wait for the next government to decide." Tomas Rueda, the opposition leader, said the '
        "plan would fail.",
        "We cannot wait for the next",
        "Carla Ibarra",
    ),
    (  # 'came as X visited': X is no author of the warning
        "Defence Minister Carla Ibarra said the corvettes would be bought this year.\n\n"
        '"We cannot wait for the next government to decide." The warning came as Tomas Rueda visited '
        "the shipyard.",
        "We cannot wait for the next",
        "Carla Ibarra",
    ),
    (  # the author is named in a new paragraph, not the quote's
        "Defence Minister Carla Ibarra said the corvettes would be bought this year.\n\n"
        '"We cannot wait for the next government to decide."\n\n'
        "The warning came from opposition leader Tomas Rueda on Monday.",
        "We cannot wait for the next",
        "Carla Ibarra",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), KEPT)
def test_quote_goes_on_when_the_next_sentence_names_no_author(
    nlp: Any, body: str, fragment: str, speaker: str
) -> None:
    q = _quote(_quotes(nlp, body), fragment)
    assert q.speaker_text == speaker, q


def test_pronoun_with_a_person_named_next_only_in_passing_has_no_speaker(nlp: Any) -> None:
    """'The remarks came after talks with X': X is not who spoke; 'he' stays unresolved (no quote)."""
    body = '"It is a clear breach of the truce," he said. The remarks came after talks with Oleg Marin.'
    assert not [q for q in _quotes(nlp, body) if "clear breach" in q.text]


def test_closing_mark_before_a_title_is_no_part_of_it(nlp: Any) -> None:
    """'"Q," Lieutenant Colonel X said': the tagger may tie the closing mark to the name; the title is the
    words alone."""
    q = _quote(
        _quotes(nlp, '"We hold the militia responsible," Lieutenant Colonel Yoav Dror said.'),
        "We hold the militia",
    )
    assert q.affiliation is not None and q.affiliation.startswith("Lieutenant"), q
