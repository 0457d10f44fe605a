"""A source whose parse made a premodifying adjective its head ("Sudan's paramilitary Rapid Support
Forces said") names the body written at its end. Our own sentences."""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.quote_kit import quote_with

from newsift.model import SpeakerKind

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("body", "fragment", "name"),
    [
        pytest.param(
            "Sudan's paramilitary Rapid Support Forces said on Sunday they had taken a bridge near Omdurman.",
            "taken a bridge",
            "Rapid Support Forces",
            id="paramilitary",
        ),
        pytest.param(
            "Colombia's leftist National Liberation Army said on Monday it had freed two soldiers.",
            "freed two soldiers",
            "National Liberation Army",
            id="leftist",
        ),
    ],
)
def test_a_misparsed_adjective_head_names_the_body_at_the_end(
    nlp: Any, body: str, fragment: str, name: str
) -> None:
    quote = quote_with(nlp, body, fragment)
    assert quote.speaker_kind is SpeakerKind.ORGANISATION
    assert quote.speaker_text is not None and quote.speaker_text.endswith(name)
