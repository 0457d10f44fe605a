"""Nested attribution: a quoted fragment inside reported speech quotes the reported speaker, on sentences
of our own, each with a negative case."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_attributions, extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _annotated(nlp: Any, body: str) -> Any:
    article = Article(id="n", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return next(annotate_articles([article], nlp=nlp))


def _quotes(nlp: Any, body: str) -> list[Quote]:
    return list(extract_quotes(_annotated(nlp, body)))


def _speaker(nlp: Any, body: str, fragment: str) -> str | None:
    found = [q for q in _quotes(nlp, body) if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in _quotes(nlp, body)]
    return found[0].speaker_text


@pytest.mark.parametrize(
    ("body", "fragment", "speaker"),
    [
        (  # a capital standing for its government inside a minister's reported speech
            'The trade minister, Olga Petrenko, said Kyiv wanted "a fair price for every tonne".',
            "a fair price for every tonne",
            "Olga Petrenko",
        ),
        (  # a person inside another's reported speech
            'Admiral Hugo Brandt said his counterpart promised "more ships before winter".',
            "more ships before winter",
            "Hugo Brandt",
        ),
        (  # a body as the outer speaker
            'The Danish foreign ministry said Copenhagen expected "a swift reply from its partners".',
            "a swift reply from its partners",
            "The Danish foreign ministry",
        ),
    ],
)
def test_a_partial_quote_inside_reported_speech_is_the_outer_speakers(
    nlp: Any, body: str, fragment: str, speaker: str
) -> None:
    assert _speaker(nlp, body, fragment) == speaker


def test_a_whole_quoted_sentence_after_an_inner_cue_stays_the_inner_speakers(nlp: Any) -> None:
    body = 'Olga Petrenko said the envoy told her: "The grain corridor will stay open."'
    assert _speaker(nlp, body, "grain corridor will stay open") != "Olga Petrenko"


def test_a_naming_verb_inside_reported_speech_keeps_its_own_speaker(nlp: Any) -> None:
    body = 'Olga Petrenko said the governor called the blockade "a slow siege".'
    assert _speaker(nlp, body, "a slow siege") != "Olga Petrenko"


def test_an_anonymous_outer_source_does_not_take_a_named_speakers_words(nlp: Any) -> None:
    body = 'Two officials said Olga Petrenko promised "a fair price for every tonne".'
    assert _speaker(nlp, body, "a fair price for every tonne") == "Olga Petrenko"


def test_attributions_for_spans_keep_the_inner_relation(nlp: Any) -> None:
    """PolNeAR's spans give each word one role: the inner cue keeps its own relation there."""
    body = 'The trade minister, Olga Petrenko, said Kyiv wanted "a fair price for every tonne".'
    annotated = _annotated(nlp, body)
    text = annotated.article.text
    sources = [text[a.source[0] : a.source[1]] for a in extract_attributions(annotated) if a.source]
    assert "Kyiv" in sources


def test_a_description_inside_a_speakers_report_is_not_that_speaker(nlp: Any) -> None:
    body = 'Olga Petrenko said the envoy told her: "The grain corridor will stay open."'
    assert _speaker(nlp, body, "grain corridor will stay open") == "the envoy"


def test_a_description_in_the_next_sentence_is_still_the_speaker_before(nlp: Any) -> None:
    body = (
        '"We will not retreat," Olga Petrenko said on Friday. '
        'The minister said the army had "enough shells for a year".'
    )
    assert _speaker(nlp, body, "enough shells for a year") == "Olga Petrenko"


def test_a_description_with_two_cues_keeps_the_speaker_before(nlp: Any) -> None:
    """'The top envoy repeated ..., saying: "..."': the description is resolved once per cue; its first
    resolution does not make the person it names the one reporting it."""
    body = (
        "Olga Petrenko, the foreign minister, spoke in Vienna on Friday. The grain will move by rail, "
        "Petrenko said. The top diplomat also repeated her call for more inspectors, saying: "
        '"No port can stay open without them."'
    )
    assert _speaker(nlp, body, "No port can stay open") == "Olga Petrenko"
