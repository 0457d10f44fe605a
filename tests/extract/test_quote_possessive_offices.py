"""'Its commander said ...' with 'General X, the commander of the ...' in the next sentence: a possessive
determiner ('its', 'his', 'their') narrows no office, so the holder named next is meant. Our own sentences."""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.quote_kit import quote_with

pytestmark = pytest.mark.model


def test_its_commander_is_the_commander_named_next(nlp: Any) -> None:
    body = (
        "Kenya's navy launched a new patrol ship on Thursday. Its commander said the ship could stay at "
        "sea for a month.\n\nRear Admiral Paul Owino, the commander of the coastal fleet, told reporters "
        "the crew had trained for a year."
    )
    assert quote_with(nlp, body, "stay at sea").speaker_text == "Paul Owino"


def test_its_commander_is_not_a_holder_of_another_office_named_next(nlp: Any) -> None:
    body = (
        "Kenya's navy launched a new patrol ship on Thursday. Its commander said the ship could stay at "
        "sea for a month.\n\nFinance Minister Grace Wanjiku told reporters the ship had cost less than "
        "planned."
    )
    assert quote_with(nlp, body, "stay at sea").speaker_text != "Grace Wanjiku"
