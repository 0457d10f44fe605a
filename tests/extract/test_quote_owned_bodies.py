"""'it said' after a clause about a country's body ("Chile's navy rejected the report.") is that body as
written, not the bare country; a country's person ("Chile's president") is no body. Sentences of our own."""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.quote_kit import quote_with

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("body", "fragment", "speaker_text"),
    [
        pytest.param(
            "A fishing boat sank off Valparaiso on Sunday. Chile's navy rejected reports of a collision. "
            '"The vessel was taking on water before our patrol arrived," it said in a statement.',
            "taking on water",
            "Chile's navy",
            id="navy",
        ),
        pytest.param(
            "A bridge collapsed in the Andes after heavy rain. Peru's army sent engineers to the valley. "
            '"A temporary crossing will be ready by Friday," it said.',
            "temporary crossing",
            "Peru's army",
            id="army",
        ),
    ],
)
def test_it_after_a_countrys_body_is_that_body(nlp: Any, body: str, fragment: str, speaker_text: str) -> None:
    quote = quote_with(nlp, body, fragment)
    assert quote.speaker_text == speaker_text


def test_it_after_a_countrys_body_keeps_the_countrys_entity(nlp: Any) -> None:
    body = (
        "A fishing boat sank off Valparaiso on Sunday. Chile's navy rejected reports of a collision. "
        '"The vessel was taking on water before our patrol arrived," it said in a statement.'
    )
    assert quote_with(nlp, body, "taking on water").speaker_id == "CHL"


def test_it_after_a_countrys_president_is_the_country(nlp: Any) -> None:
    body = (
        "Fighting resumed near the border. Kenya's president visited the troops on Monday. "
        '"Our units have held every position," it said in a later statement.'
    )
    assert quote_with(nlp, body, "held every position").speaker_text == "Kenya"
