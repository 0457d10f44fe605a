"""Speakers in titles, given-name gender and quotes carried over from narration, on our own sentences.

Each pattern has a case it must get right and a negative case.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_attributions, extract_quotes
from newsift.extract.quotes.lexicon import load_lexicon
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="n", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _speaker_of(quotes: list[Quote], fragment: str) -> str:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0].speaker_text or ""


# --- a name inside a title before the speaker's own name is not the speaker -----------------------------

NAME_IN_TITLE = [
    (
        "Senator Ann Lee faces a close vote. Lee spokesman Nick Arlo said the vote would be delayed.",
        "Nick Arlo",
    ),
    (
        "Senator Ann Lee faces a close vote. Lee's spokesman, Nick Arlo, said the vote would be delayed.",
        "Nick Arlo",
    ),
    (
        "Senator Ann Lee faces a close vote. A spokesman for Lee, Nick Arlo, said the vote would be delayed.",
        "Nick Arlo",
    ),
    (
        "Governor Maria Okoro left for Lagos. Okoro aide Daniel Mensah said the trip would last a week.",
        "Daniel Mensah",
    ),
]


@pytest.mark.parametrize(("body", "speaker"), NAME_IN_TITLE)
def test_the_named_head_of_the_phrase_speaks(nlp: Any, body: str, speaker: str) -> None:
    assert _speaker_of(_quotes(nlp, body), "would") == speaker


def test_a_name_in_an_apposition_after_the_speaker_is_not_the_speaker(nlp: Any) -> None:
    body = "Ann Lee, an aide to Senator Tom Reed, said the vote would be delayed."
    assert _speaker_of(_quotes(nlp, body), "vote would be delayed") == "Ann Lee"


# --- a pronoun skips a person whose given name is of the other gender -----------------------------------


def test_she_skips_a_nearer_man_named_by_a_male_given_name(nlp: Any) -> None:
    body = (
        "Ann Lee said the navy needed more ships. Tom Reed, the navy chief, disagreed with the plan. "
        '"The budget is far too small for that," she said.'
    )
    assert _speaker_of(_quotes(nlp, body), "budget is far too small") == "Ann Lee"


def test_he_still_takes_the_nearest_man(nlp: Any) -> None:
    body = (
        "Ann Lee said the navy needed more ships. Tom Reed, the navy chief, disagreed with the plan. "
        '"The budget is far too small for that," he said.'
    )
    assert _speaker_of(_quotes(nlp, body), "budget is far too small") == "Tom Reed"


def test_the_article_overrules_the_given_name(nlp: Any) -> None:
    """A person the text calls 'Ms' is female whatever the given name suggests."""
    body = (
        "Ms Robin Hale runs the port. Mr Chris Dale runs the rail yard. "
        '"We will need two more cranes," she said.'
    )
    assert _speaker_of(_quotes(nlp, body), "two more cranes") == "Robin Hale"


def test_given_names_are_general_vocabulary() -> None:
    lexicon = load_lexicon()
    assert {"john", "mohammed", "olga"} <= lexicon.given_male | lexicon.given_female
    assert "john" in lexicon.given_male and "olga" in lexicon.given_female
    assert "jean" not in lexicon.given_male | lexicon.given_female  # used for both: no prior


# --- a quote on its own after a speech verb with a thing as object is the speaker's ----------------------


def test_quote_after_narrated_speech_is_carried_over(nlp: Any) -> None:
    body = (
        "In a speech on Monday, Defence Minister Ann Lee defended the purchase.\n\n"
        '"This is the right choice for the navy. It gives us reach across the ocean."'
    )
    assert _speaker_of(_quotes(nlp, body), "right choice for the navy") == "Ann Lee"


def test_quote_after_a_plan_is_not_carried_over(nlp: Any) -> None:
    body = 'The harbour board plans to buy three tugs.\n\n"They will also help after storms and floods."'
    assert not [q for q in _quotes(nlp, body) if "help after storms" in q.text]


def test_the_object_of_the_speech_verb_is_still_no_quote(nlp: Any) -> None:
    body = (
        "In a speech on Monday, Defence Minister Ann Lee defended the purchase.\n\n"
        '"This is the right choice for the navy. It gives us reach across the ocean."'
    )
    assert not [q for q in _quotes(nlp, body) if q.text.strip() == "the purchase"]


# --- 'said on Monday:' closing a paragraph introduces the quote of the next one -------------------------


def test_cue_with_a_time_and_a_colon_introduces_the_next_paragraph(nlp: Any) -> None:
    body = 'Minister Ann Lee said on Monday:\n\n"We will buy the ships this year. The navy has waited."'
    assert _speaker_of(_quotes(nlp, body), "buy the ships this year") == "Ann Lee"


def test_a_clause_before_the_colon_is_not_a_modifier(nlp: Any) -> None:
    body = "Ann Lee said the plan had one aim: to protect the coast.\n\nThe navy has twelve ships there."
    assert not [q for q in _quotes(nlp, body) if "twelve ships" in q.text]


# --- a dateline is neither the speaker nor part of the title -------------------------------------------

DATELINES = [
    (
        "KIEV, May 3 (Wire) - Defence Minister Omar Haddad said the tanks had arrived at the front.",
        "Omar Haddad",
    ),
    ("RIYADH: Prince Omar Haddad said the kingdom would not be pressured on the deal.", "Omar Haddad"),
    ("HANOI - General Tran Minh said the navy would buy two more submarines.", "Tran Minh"),
]


@pytest.mark.parametrize(("body", "speaker"), DATELINES)
def test_a_dateline_is_not_the_speaker(nlp: Any, body: str, speaker: str) -> None:
    quotes = _quotes(nlp, body)
    assert [q.speaker_text for q in quotes] == [speaker]
    assert not any(w.isupper() and len(w) > 2 for w in (quotes[0].affiliation or "").split())


def test_a_lone_label_with_no_speaker_of_its_own_in_its_rest_is_still_a_speaker(nlp: Any) -> None:
    body = "HOST: Welcome back, and thank you for joining us tonight on the programme."
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    found = extract_attributions(next(annotate_articles([article], nlp=nlp)))
    assert [body[a.source[0] : a.source[1]] for a in found if a.source] == ["HOST"]
