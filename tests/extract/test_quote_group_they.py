"""'They added ...' right after a named spokesperson of a group speaks for the group, not for a plural
subject inside what the spokesperson said; further away, 'they' is left to the plural subjects. Our own
sentences."""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.quote_kit import quote_with

pytestmark = pytest.mark.model


def test_they_after_a_groups_spokesman_is_the_group(nlp: Any) -> None:
    body = (
        "Hamas said on Monday it had freed two hostages.\n\n"
        'Hamas spokesman Abu Obaida said the captives had been "treated well". They added that more '
        "releases were possible."
    )
    quote = quote_with(nlp, body, "more releases")
    assert quote.speaker_text is not None and "Hamas" in quote.speaker_text


def test_they_after_a_plural_subject_further_on_is_that_subject(nlp: Any) -> None:
    body = (
        "Army spokesman Ravi Kapoor said the border was calm.\n\n"
        "The villagers disagreed. Farmers near the fence reported shelling at night. They said that "
        "their fields had been hit twice."
    )
    quote = quote_with(nlp, body, "fields had been hit")
    assert quote.speaker_text is None or "Kapoor" not in quote.speaker_text
    assert quote.speaker_id is None or quote.speaker_id != "IND"


@pytest.mark.parametrize("group", ["Hezbollah", "the Taliban"])
def test_they_after_a_spokesman_never_names_the_spokesman(nlp: Any, group: str) -> None:
    body = (
        f"{group[0].upper()}{group[1:]} said its fighters had left the area.\n\n"
        f'{group[0].upper()}{group[1:]} spokesman Omar Haddad said the move was "temporary". '
        "They added that talks would resume."
    )
    quote = quote_with(nlp, body, "talks would resume")
    assert quote.speaker_text != "Omar Haddad"
