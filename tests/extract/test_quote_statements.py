"""Statements, unnamed bodies and named-as quotes on sentences of our own, each with a negative."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote, SpeakerKind
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="s", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _find(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


def test_said_in_a_statement_that_reports_the_clause(nlp: Any) -> None:
    body = "The navy command in Lima said in a statement that the cargo held only medical supplies."
    quote = _find(_quotes(nlp, body), "the cargo held only medical supplies")
    assert quote.speaker_text == "The navy command in Lima"
    assert quote.speaker_kind is SpeakerKind.ORGANISATION


def test_a_relative_clause_on_the_medium_is_not_what_was_said(nlp: Any) -> None:
    body = "The navy said in a statement that went online on Friday."
    assert not any("posted online" in q.text for q in _quotes(nlp, body))


def test_the_statement_quoted_later_speaks_for_the_body_that_issued_it(nlp: Any) -> None:
    body = (
        "The navy command in Lima said in a statement that the cargo held only medical supplies. "
        '"Peru has nothing to hide about this voyage," the statement said.'
    )
    quote = _find(_quotes(nlp, body), "nothing to hide")
    assert quote.speaker_text == "The navy command in Lima"


def test_an_unnamed_body_is_an_organisation_as_written(nlp: Any) -> None:
    body = "The ministry of defence said it had received the first batch of tanks."
    quote = _find(_quotes(nlp, body), "first batch of tanks")
    assert (quote.speaker_text, quote.speaker_kind) == ("The ministry of defence", SpeakerKind.ORGANISATION)
    assert quote.speaker_id is None


def test_unnamed_people_are_not_an_unnamed_body(nlp: Any) -> None:
    body = "The officials said the first batch of tanks had arrived."
    quote = _find(_quotes(nlp, body), "first batch of tanks")
    assert quote.speaker_kind is SpeakerKind.ANONYMOUS


def test_called_it_in_quotation_marks_is_the_speakers_words(nlp: Any) -> None:
    body = 'The pact was welcomed by Minister Sven Larsen, who called it "a milestone for Nordic security".'
    quote = _find(_quotes(nlp, body), "a milestone for Nordic security")
    assert quote.speaker_text == "Sven Larsen"


def test_called_it_without_quotation_marks_is_no_quote(nlp: Any) -> None:
    body = "The pact was welcomed by Minister Sven Larsen, who called it a milestone for Nordic security."
    assert not any("milestone" in q.text for q in _quotes(nlp, body))


# --- state bodies written with their country, and statements without a named medium ---------------


@pytest.mark.parametrize(
    ("body", "fragment", "speaker", "entity"),
    [
        (
            "Israel's military said its jets struck a weapons depot.",
            "weapons depot",
            "Israel's military",
            "ISR",
        ),
        (
            "Egypt's armed forces said the joint exercise would last two weeks.",
            "last two weeks",
            "Egypt's armed forces",
            "EGY",
        ),
        (
            "The German government said it would approve the export of tanks.",
            "export of tanks",
            "The German government",
            "DEU",
        ),
    ],
)
def test_a_state_body_written_with_its_country_is_credited_as_written(
    nlp: Any, body: str, fragment: str, speaker: str, entity: str
) -> None:
    quote = _find(_quotes(nlp, body), fragment)
    assert (quote.speaker_text, quote.speaker_id) == (speaker, entity)


def test_a_short_form_the_tagger_left_lowercase_is_the_body_named_before(nlp: Any) -> None:
    body = (
        "The Indian Navy said the exercise with France would test anti-submarine warfare. "
        "The navy said three warships would take part."
    )
    quote = _find(_quotes(nlp, body), "three warships")
    assert quote.speaker_text == "Indian Navy"


def test_the_statement_with_no_medium_named_is_the_latest_speakers(nlp: Any) -> None:
    body = (
        "Egypt's armed forces said the joint exercise would last two weeks. "
        "The statement said special forces would take part."
    )
    assert _find(_quotes(nlp, body), "special forces").speaker_text == "Egypt's armed forces"


def test_the_statement_long_after_the_last_speaker_stays_a_document(nlp: Any) -> None:
    body = (
        "Egypt's armed forces said the joint exercise would last two weeks. The desert is hot in May. "
        "Sand storms are common. Roads are few. The statement said special forces would take part."
    )
    quotes = [q for q in _quotes(nlp, body) if "special forces" in q.text]
    assert all(q.speaker_text != "Egypt's armed forces" for q in quotes)


def test_a_body_written_before_a_document_noun_is_its_author(nlp: Any) -> None:
    quote = _find(_quotes(nlp, '"Demand for shells keeps rising," a Rheinmetall statement said.'), "Demand")
    assert (quote.speaker_text, quote.speaker_id) == ("Rheinmetall", "rheinmetall")


def test_a_country_written_before_a_document_noun_is_not_its_author(nlp: Any) -> None:
    quote = _find(_quotes(nlp, "The jets are ready, a US intelligence report said."), "jets are ready")
    assert quote.speaker_kind is SpeakerKind.DOCUMENT and quote.speaker_id is None


# --- 'As X explained, ...' ---------------------------------------------------------------------------


def test_as_the_speaker_explained_attributes_the_main_clause(nlp: Any) -> None:
    body = 'As Premier Ilir Basha explained, the new radars "will close the gap in our northern airspace".'
    quote = _find(_quotes(nlp, body), "close the gap")
    assert quote.speaker_text == "Ilir Basha"


def test_as_the_speaker_said_after_the_clause_attributes_it(nlp: Any) -> None:
    body = "The radars will close the gap in the north, as Ilir Basha said on Monday."
    assert _find(_quotes(nlp, body), "radars will close").speaker_text == "Ilir Basha"


def test_an_as_clause_without_a_cue_is_no_attribution(nlp: Any) -> None:
    assert _quotes(nlp, "As the ship left the port, crowds cheered on the quay.") == []


# --- datelines ---------------------------------------------------------------------------------------


def test_a_wire_dateline_with_a_double_hyphen_is_not_part_of_the_quote(nlp: Any) -> None:
    body = (
        "ANKARA, Jan 5 (Xinhua) -- Turkey will deliver two corvettes to Pakistan this year, "
        "Turkish Defence Minister Yasar Guler said Friday."
    )
    quote = _find(_quotes(nlp, body), "two corvettes")
    assert quote.text.startswith("Turkey will deliver")


def test_a_double_hyphen_inside_a_sentence_is_no_dateline(nlp: Any) -> None:
    body = "Turkey -- a NATO member -- will deliver two corvettes to Pakistan, Yasar Guler said Friday."
    quote = _find(_quotes(nlp, body), "two corvettes")
    assert quote.text.startswith("Turkey -- a NATO member")


# --- 'told a briefing that', spokespeople of a body written with its country ---------------------------


def test_told_a_briefing_that_reports_the_clause(nlp: Any) -> None:
    body = "The ministry's spokesman, Colonel Li Wen, told a monthly briefing that the patrols were routine."
    quote = _find(_quotes(nlp, body), "patrols were routine")
    assert quote.speaker_text == "Li Wen"


def test_told_a_committee_that_met_is_no_report(nlp: Any) -> None:
    body = "Colonel Li Wen told the committee that met on Monday about the patrols."
    assert not any("met on Monday" in q.text for q in _quotes(nlp, body))


def test_an_unnamed_spokesperson_for_a_national_body_is_the_body_as_written(nlp: Any) -> None:
    body = '"No decision has been taken," a spokesperson for the German defence ministry said.'
    quote = _find(_quotes(nlp, body), "No decision")
    assert (quote.speaker_text, quote.speaker_id) == ("German defence ministry", "DEU")


def test_an_unnamed_spokesperson_for_a_named_body_is_the_name(nlp: Any) -> None:
    quote = _find(
        _quotes(nlp, '"No decision has been taken," a spokesperson for Airbus said.'), "No decision"
    )
    assert quote.speaker_text == "Airbus"


def test_denied_claims_that_is_not_what_the_denier_said(nlp: Any) -> None:
    body = "Oman denied claims that a ship carrying rifles had been stopped off its coast."
    quotes = [q for q in _quotes(nlp, body) if "carrying rifles" in q.text]
    assert all(q.speaker_text != "Oman" for q in quotes)


def test_the_body_of_an_unnamed_spokesperson_is_its_short_form_later(nlp: Any) -> None:
    body = (
        '"No decision has been taken," a spokesperson for the German defence ministry said. '
        "The ministry added that talks with partners were ongoing."
    )
    assert _find(_quotes(nlp, body), "talks with partners").speaker_text == "German defence ministry"


def test_a_short_form_of_another_kind_is_not_the_spokespersons_body(nlp: Any) -> None:
    body = (
        '"No decision has been taken," a spokesperson for the German defence ministry said. '
        "The committee added that talks with partners were ongoing."
    )
    assert _find(_quotes(nlp, body), "talks with partners").speaker_text != "German defence ministry"
