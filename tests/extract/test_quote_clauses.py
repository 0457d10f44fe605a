"""Speaker and content shapes of defence news, in sentences of our own (session 12): an agency's name
the parse took for the said clause, a past verb joined to a reported clause, a pronoun inside a 'what'
clause, a body's short name, an 'X of Y' body, a document's issuer, ranks before names, an inverted
attribution parsed as a conjunct, and a long partial quote after a naming verb.

Every class has a case it must get right and a negative case it must not be fooled by.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.quote_kit import quotes_of

from newsift.model import Quote, SpeakerKind

pytestmark = pytest.mark.model


def _quote(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


def _who(q: Quote) -> str:
    return f"{q.speaker_id or ''} {q.speaker_text or ''}".lower()


# --- an agency's name at the end of the sentence is not what was said ----------------------------------


def test_quote_before_a_cue_carried_by_a_named_agency_is_found(nlp: Any) -> None:
    body = '"All crews came back safely," the air force said in remarks carried by the state broadcaster RTV.'
    q = _quote(quotes_of(nlp, body), "All crews came back safely")
    assert "air force" in _who(q), q


def test_a_real_clause_after_a_carried_statement_is_still_the_content(nlp: Any) -> None:
    body = "The air force said in remarks carried by the state broadcaster that every crew had come back."
    q = _quote(quotes_of(nlp, body), "every crew had come back")
    assert "air force" in _who(q), q


# --- a past verb joined to a clause under a modal goes with the reporting verb ---------------------------


def test_past_naming_verb_after_a_reported_clause_is_the_reporters(nlp: Any) -> None:
    body = (
        "Czech Defence Minister Jana Novakova toured the tank plant on Monday. "
        'She said her government would order more vehicles and called the plan "long overdue and necessary".'
    )
    q = _quote(quotes_of(nlp, body), "long overdue and necessary")
    assert "novakova" in _who(q), q


def test_base_verb_sharing_the_modal_stays_in_the_reported_clause(nlp: Any) -> None:
    body = (
        "Czech Defence Minister Jana Novakova toured the tank plant on Monday. "
        'She said the army would retire its old vehicles and describe them as "museum pieces" in a report.'
    )
    quotes = [q for q in quotes_of(nlp, body) if "museum pieces" in q.text and q.text.startswith("museum")]
    assert all("novakova" not in _who(q) for q in quotes), quotes


# --- 'what it called': the pronoun stands for the subject of the clause around it -------------------------


def test_it_in_a_what_clause_is_the_subject_of_the_clause_around_it(nlp: Any) -> None:
    body = (
        "Peru said on Monday it would send a ship to help. "
        'The Chilean navy thanked Lima for what it called "quick and generous help" during the rescue.'
    )
    q = _quote(quotes_of(nlp, body), "quick and generous help")
    assert "navy" in _who(q) and "peru" not in _who(q), q


def test_he_in_a_what_clause_is_not_a_body_subject(nlp: Any) -> None:
    body = (
        "Admiral Juan Soto met the rescued crew on Monday. "
        'The navy thanked Lima for what he called "quick and generous help" during the rescue.'
    )
    q = _quote(quotes_of(nlp, body), "quick and generous help")
    assert "soto" in _who(q), q


# --- 'the Guard' after a body whose name ends so ----------------------------------------------------------


def test_the_last_word_of_a_body_named_before_is_that_body(nlp: Any) -> None:
    body = (
        "Iran's Revolutionary Guards said they had seized a tanker in the Gulf. "
        '"The crew is being questioned," the Guards said in a statement.'
    )
    q = _quote(quotes_of(nlp, body), "The crew is being questioned")
    assert q.speaker_kind is SpeakerKind.ORGANISATION and q.speaker_id, q


def test_the_same_words_with_no_body_before_are_no_organisation(nlp: Any) -> None:
    body = '"The crew is being questioned," the Guards said in a statement.'
    q = _quote(quotes_of(nlp, body), "The crew is being questioned")
    assert q.speaker_kind is not SpeakerKind.PERSON or q.speaker_id is None, q


# --- 'the Chamber of Shipping': a body named with 'of' is no person ----------------------------------------


def test_a_body_named_with_of_is_an_organisation(nlp: Any) -> None:
    body = "The International Chamber of Shipping said the strait was no longer safe for tankers."
    q = _quote(quotes_of(nlp, body), "the strait was no longer safe")
    assert q.speaker_kind is SpeakerKind.ORGANISATION and "shipping" in _who(q), q


def test_a_person_of_a_body_is_still_the_person(nlp: Any) -> None:
    body = "Anna Weiss of the International Chamber of Shipping said the strait was unsafe for tankers."
    q = _quote(quotes_of(nlp, body), "the strait was unsafe")
    assert q.speaker_kind is SpeakerKind.PERSON and "weiss" in _who(q), q


# --- 'a study published by X said': the issuer speaks through its document ---------------------------------


def test_a_document_published_by_a_named_body_is_the_bodys(nlp: Any) -> None:
    body = (
        "A study published by the Stockholm International Peace Research Institute on Monday said arms "
        "imports to Europe had nearly doubled."
    )
    q = _quote(quotes_of(nlp, body), "arms imports to Europe had nearly doubled")
    assert q.speaker_kind is SpeakerKind.ORGANISATION and "institute" in _who(q), q


def test_a_document_commissioned_by_a_body_is_not_the_bodys(nlp: Any) -> None:
    body = "A study commissioned by the defence ministry said arms imports to Europe had nearly doubled."
    q = _quote(quotes_of(nlp, body), "arms imports to Europe had nearly doubled")
    assert q.speaker_kind is not SpeakerKind.ORGANISATION, q


def test_a_memo_signed_by_a_named_officer_is_the_officers(nlp: Any) -> None:
    body = 'The memo, signed by Major General Ian Scott, says: "Our stocks will not last the winter."'
    q = _quote(quotes_of(nlp, body), "Our stocks will not last the winter")
    assert q.speaker_kind is SpeakerKind.PERSON and "scott" in _who(q), q


# --- ranks before a name ----------------------------------------------------------------------------------


def test_a_senior_rank_is_no_part_of_the_name(nlp: Any) -> None:
    body = "Navy spokesman Senior Captain Lin Hao said the drills near the strait were routine."
    q = _quote(quotes_of(nlp, body), "the drills near the strait were routine")
    assert q.speaker_text == "Lin Hao" and q.speaker_id, q


def test_senior_as_a_surname_stays_in_the_name(nlp: Any) -> None:
    body = "Ann Senior, a navy spokeswoman, said the drills near the strait were routine."
    q = _quote(quotes_of(nlp, body), "the drills near the strait were routine")
    assert q.speaker_text == "Ann Senior", q


def test_a_rank_in_a_spokesmans_title_is_not_the_body_he_speaks_for(nlp: Any) -> None:
    body = "Army spokesman Brigadier General Tom Reed said the border posts would be reinforced."
    q = _quote(quotes_of(nlp, body), "the border posts would be reinforced")
    assert "reed" in _who(q) and "general" not in (q.speaks_for or "").lower(), q


def test_a_body_in_a_spokesmans_title_is_the_body_he_speaks_for(nlp: Any) -> None:
    body = "Pentagon spokesman Colonel Sam Tora said the patrol boats would be repaired."
    q = _quote(quotes_of(nlp, body), "the patrol boats would be repaired")
    assert "tora" in _who(q) and q.speaks_for and "colonel" not in q.speaks_for.lower(), q


# --- 'X has agreed to Y, the ministry said': an inverted attribution the parse joined as a conjunct ---------


def test_an_inverted_attribution_after_an_agreement_verb_is_the_trailing_speakers(nlp: Any) -> None:
    body = "Chile has agreed to buy two frigates from Britain, the Chilean navy said on Friday."
    q = _quote(quotes_of(nlp, body), "Chile has agreed to buy two frigates")
    assert "navy" in _who(q), q


def test_a_trailing_pronoun_cue_repeats_the_first_speaker(nlp: Any) -> None:
    body = "Ana Ruiz said the talks had failed because neither side would move, she said."
    q = _quote(quotes_of(nlp, body), "the talks had failed")
    assert "ruiz" in _who(q), q


# --- a long partial quote after a naming verb ----------------------------------------------------------


def test_a_long_partial_quote_after_called_is_the_speakers(nlp: Any) -> None:
    body = (
        "Finance Minister Ana Ruiz called the budget "
        '"the biggest investment in our armed forces since the end of the Cold War".'
    )
    q = _quote(quotes_of(nlp, body), "the biggest investment in our armed forces")
    assert "ruiz" in _who(q), q


def test_a_name_in_quotes_after_called_is_no_quote(nlp: Any) -> None:
    body = 'The navy called its new ship "Almirante Cochrane" at a ceremony in the port of Talcahuano.'
    assert not [q for q in quotes_of(nlp, body) if q.text.strip('"') == "Almirante Cochrane"]
