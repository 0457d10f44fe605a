"""'They added ...' right after a named spokesperson of a group speaks for the group, not for a plural
subject inside what the spokesperson said; further away, 'they' is left to the plural subjects. Our own
sentences."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quote(nlp: Any, body: str, fragment: str) -> Quote:
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    found = [q for q in extract_quotes(next(annotate_articles([article], nlp=nlp))) if fragment in q.text]
    assert found
    return found[0]


def test_they_after_a_groups_spokesman_is_the_group(nlp: Any) -> None:
    body = (
        "Hamas said on Monday it had freed two hostages.\n\n"
        'Hamas spokesman Abu Obaida said the captives had been "treated well". They added that more '
        "releases were possible."
    )
    quote = _quote(nlp, body, "more releases")
    assert quote.speaker_text is not None and "Hamas" in quote.speaker_text


def test_they_after_a_plural_subject_further_on_is_that_subject(nlp: Any) -> None:
    body = (
        "Army spokesman Ravi Kapoor said the border was calm.\n\n"
        "The villagers disagreed. Farmers near the fence reported shelling at night. They said that "
        "their fields had been hit twice."
    )
    quote = _quote(nlp, body, "fields had been hit")
    assert quote.speaker_text is None or "Kapoor" not in quote.speaker_text
    assert quote.speaker_id is None or quote.speaker_id != "IND"


@pytest.mark.parametrize("group", ["Hezbollah", "the Taliban"])
def test_they_after_a_spokesman_never_names_the_spokesman(nlp: Any, group: str) -> None:
    body = (
        f"{group[0].upper()}{group[1:]} said its fighters had left the area.\n\n"
        f'{group[0].upper()}{group[1:]} spokesman Omar Haddad said the move was "temporary". '
        "They added that talks would resume."
    )
    quote = _quote(nlp, body, "talks would resume")
    assert quote.speaker_text != "Omar Haddad"
