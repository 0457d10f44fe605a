"""A source written again: an unnamed source repeated as 'the official', a participle cue ('saying')
after reported speech, a trailing 'he said' after a full attribution. Sentences of our own, each class
with a negative case."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote, SpeakerKind
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(nlp: Any, body: str, fragment: str) -> Quote:
    quotes = _quotes(nlp, body)
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


# --- an unnamed source written again with 'the' stays unnamed ------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Defence Minister Ann Lee toured the shipyard on Monday. A senior navy official said the hull was "
        'ready. "The engines arrive in May," the official added.',
        "Ann Lee, the harbour master, opened the new quay. An engineer who worked on the site said the "
        'concrete had cracked. "We warned them twice," the engineer said.',
        'General Tom Reed inspected the unit. "Morale is low," said a soldier in the second company. '
        '"Nobody has been paid since March," the soldier told reporters.',
    ],
)
def test_an_unnamed_source_repeated_with_the_stays_anonymous(nlp: Any, body: str) -> None:
    tail = body.split('"')[-2]
    quote = _quote(nlp, body, tail.rstrip(",")[:20])
    assert quote.speaker_id is None
    assert quote.speaker_kind is SpeakerKind.ANONYMOUS


def test_an_unnamed_source_later_named_in_apposition_is_the_person(nlp: Any) -> None:
    body = (
        "Defence Minister Ann Lee toured the shipyard on Monday. A senior navy official, Tom Reed, said the "
        'hull was ready. "The engines arrive in May," the official added.'
    )
    assert _quote(nlp, body, "The engines arrive").speaker_text == "Tom Reed"


def test_a_description_not_written_before_is_still_the_person_named(nlp: Any) -> None:
    body = (
        "A senior navy official said the hull was ready. Defence Minister Ann Lee toured the shipyard on "
        'Monday. "The engines arrive in May," the minister said.'
    )
    assert _quote(nlp, body, "The engines arrive").speaker_text == "Ann Lee"


# --- a participle after reported speech goes with the reporting verb -------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Admiral Omar Haddad said the navy will have to choose, saying: "
        '"At some point it must buy new ships."',
        'Omar Haddad said the coastguard would need more boats, adding, "The old ones are rusting away."',
    ],
)
def test_a_participle_after_reported_speech_borrows_the_reporters_subject(nlp: Any, body: str) -> None:
    tail = body.split('"')[-2]
    quote = _quote(nlp, body, tail[:20])
    assert quote.speaker_text == "Omar Haddad"
    said = [q for q in _quotes(nlp, body) if q is not quote and q.speaker_text == "Omar Haddad"]
    assert said and all("saying" not in q.text and "adding" not in q.text for q in said)


def test_a_participle_on_the_main_clause_keeps_its_subject(nlp: Any) -> None:
    body = 'Omar Haddad spoke first. The navy rejected the offer, saying: "The price is far too high."'
    assert _quote(nlp, body, "The price is far too high").speaker_text != "Omar Haddad"


# --- a trailing 'he said' after a sentence that already has its attribution ------------------------------


def test_a_trailing_cue_does_not_swallow_a_whole_attribution(nlp: Any) -> None:
    body = (
        "Admiral Omar Haddad leads the fleet. Navy spokesman Karim Nasser said that the fleet would grow, "
        'because Haddad has "a clear plan for every port," he said.'
    )
    quote = _quote(nlp, body, "the fleet would grow")
    assert quote.speaker_text == "Karim Nasser"
    assert "Nasser said" not in quote.text


def test_a_trailing_cue_after_a_clause_with_no_cue_takes_the_clause(nlp: Any) -> None:
    body = (
        "Admiral Omar Haddad leads the fleet. "
        'The fleet will grow next year, because "ports need ships," he said.'
    )
    quote = _quote(nlp, body, "The fleet will grow next year")
    assert quote.speaker_text == "Omar Haddad"


# --- 'he'/'she' after an unnamed person spoke ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Foreign ministry spokesman Omar Nabil said Egypt would stay neutral. A Western diplomat told the "
        'paper that "nobody expected the shipment." "We only learned of it last week," he added.',
        "Defence Minister Ann Lee opened the plant. A source close to the project said the jets were late. "
        '"Nobody wants to admit it," she said.',
    ],
)
def test_a_pronoun_after_an_unnamed_speaker_is_that_speaker(nlp: Any, body: str) -> None:
    quote = _quote(nlp, body, body.split('"')[-2][:20])
    assert quote.speaker_id is None
    assert quote.speaker_kind is SpeakerKind.ANONYMOUS


def test_a_pronoun_after_a_person_named_since_is_that_person(nlp: Any) -> None:
    body = (
        'A Western diplomat told the paper that "nobody expected the shipment." Omar Nabil disagreed. '
        '"We knew in March," he said.'
    )
    assert _quote(nlp, body, "We knew in March").speaker_text == "Omar Nabil"


def test_a_pronoun_after_unnamed_people_is_not_them(nlp: Any) -> None:
    body = (
        "Omar Nabil spoke first. Two Western diplomats told the paper that the shipment was late. "
        '"We knew in March," he said.'
    )
    assert _quote(nlp, body, "We knew in March").speaker_text == "Omar Nabil"


# --- a charge in quotation marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "charge"),
    [
        (
            'Omar Nabil accused the rebels of "spreading lies about the convoy" and stalling the talks.',
            "spreading lies about the convoy",
        ),
        (
            'Omar Nabil accused Britain of "trying to hide the real cost of the jets" and delay the vote.',
            "trying to hide the real cost",
        ),
    ],
)
def test_a_quoted_charge_after_accused_of_is_the_accusers(nlp: Any, body: str, charge: str) -> None:
    quote = _quote(nlp, body, charge)
    assert quote.speaker_text == "Omar Nabil"
    assert "stalling" not in quote.text or '"' in quote.text  # the quoted words, or the content holding them


def test_an_unquoted_charge_or_a_short_scare_quote_is_no_quote(nlp: Any) -> None:
    for body in (
        "Omar Nabil accused the rebels of spreading lies about the convoy.",
        'Omar Nabil denied selling "attack drones" to the rebels.',
    ):
        assert not _quotes(nlp, body), body
