"""A description marked by a country ('the Chilean minister', 'the Kremlin spokesman') is the person
whose stated title names that country, never one whose title names another country, whether that
title names it by nationality ('Chilean') or by name ('Peru's', 'UK'). Sentences of our own."""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.quote_kit import quotes_of

pytestmark = pytest.mark.model


def _speaker(nlp: Any, body: str, fragment: str) -> str | None:
    found = [q for q in quotes_of(nlp, body) if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes_of(nlp, body)]
    return found[0].speaker_text


@pytest.mark.parametrize(
    ("body", "fragment", "speaker"),
    [
        pytest.param(
            "Peru's Defence Minister Walter Astudillo and his Chilean counterpart, Maya Fernandez, met "
            'in Lima on Friday.\n\nAstudillo said the border talks had been "useful".\n\n'
            '"We share a long coast and the same storms," the Chilean minister said at a press conference.',
            "long coast",
            "Maya Fernandez",
            id="speaker-titled-by-a-possessive-country",
        ),
        pytest.param(
            "UK Armed Forces Minister James Cartlidge and his Estonian counterpart, Hanno Pevkur, toured a "
            'base near Tapa.\n\nCartlidge said British troops would "stay as long as needed".\n\n'
            '"Our soldiers train side by side every day," the Estonian minister told reporters.',
            "side by side",
            "Hanno Pevkur",
            id="speaker-titled-by-a-country-name",
        ),
    ],
)
def test_a_nationality_marked_description_skips_a_speaker_of_another_country(
    nlp: Any, body: str, fragment: str, speaker: str
) -> None:
    assert _speaker(nlp, body, fragment) == speaker


def test_a_country_named_in_a_description_keeps_the_person_of_that_country(nlp: Any) -> None:
    body = (
        "UK Defence Secretary Grant Shapps and his Estonian counterpart, Hanno Pevkur, toured a base "
        'near Tapa.\n\n"Our soldiers train side by side every day," Pevkur told reporters.\n\n'
        "The UK minister said a new brigade would be ready by spring."
    )
    assert _speaker(nlp, body, "new brigade") == "Grant Shapps"


def test_a_description_with_no_country_still_goes_to_the_latest_holder(nlp: Any) -> None:
    body = (
        "UK Defence Secretary Grant Shapps and his Estonian counterpart, Hanno Pevkur, toured a base "
        'near Tapa.\n\n"Our soldiers train side by side every day," Pevkur told reporters.\n\n'
        "The defence secretary said a new brigade would be ready by spring."
    )
    assert _speaker(nlp, body, "new brigade") == "Grant Shapps"
