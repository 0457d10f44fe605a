"""Typing, irrealis and claim-status rules on short sentences of our own, parsed by the real model."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.claims.modality import detect_modality
from newsift.extract.claims.rules import extract_claims
from newsift.extract.events.classify import classify_sentence
from newsift.extract.events.rules import extract_events
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Article, ClaimStatus, PloverType, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _annotate(nlp: Any, text: str) -> AnnotatedArticle:
    article = Article(
        id="q", page_id="p", position=Position.MAIN, index=0, title="", body=text, outlet="Wire"
    )
    return next(annotate_articles([article], nlp=nlp))


def _types(nlp: Any, text: str) -> set[PloverType]:
    return {e.type for e in extract_events(_annotate(nlp, text))}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Germany will not send tanks to the region.", id="negated-future"),
        pytest.param("Egypt never signed the defence agreement with Sudan.", id="never"),
        pytest.param("If the talks collapse, Russia would attack the port.", id="conditional"),
        pytest.param("Spain is not going to fight a war for Morocco.", id="not-going-to"),
    ],
)
def test_events_negated_and_hypothetical_sentences_give_no_events(nlp: Any, text: str) -> None:
    assert extract_events(_annotate(nlp, text)) == ()


def test_events_negation_stays_in_its_own_clause(nlp: Any) -> None:
    events = extract_events(
        _annotate(nlp, "Spain did not buy the jets, and Italy bought 20 tanks from Germany.")
    )
    assert [e.trigger for e in events] == ["bought"]


def test_events_parade_march_is_not_a_protest(nlp: Any) -> None:
    text = "A contingent of Brazilian sailors marched down the avenue during the national day parade."
    assert PloverType.PROTEST not in _types(nlp, text)


def test_events_march_with_protest_context_is_a_protest(nlp: Any) -> None:
    assert PloverType.PROTEST in _types(
        nlp, "Thousands of students marched through Santiago against tuition fees."
    )


def test_events_month_name_is_not_a_march(nlp: Any) -> None:
    assert PloverType.PROTEST not in _types(nlp, "Chile ordered two frigates from Britain in March 2023.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The visit marked 30 years of the partnership between Japan and Australia.", id="marked"
        ),
        pytest.param(
            "Officials gathered on the 50th anniversary of the treaty between Peru and Chile.", id="of"
        ),
    ],
)
def test_events_anniversary_mention_is_not_an_event(nlp: Any, text: str) -> None:
    assert not _types(nlp, text) & {PloverType.CONSULT, PloverType.COOPERATE, PloverType.AGREE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The government lifted the curfew in the capital.", PloverType.CONCEDE, id="lift-curfew"
        ),
        pytest.param(
            "The minister cancelled a planned visit to Caracas.", PloverType.SANCTION, id="cancel-visit"
        ),
        pytest.param(
            "Striking workers blocked the main highway into Lima.", PloverType.PROTEST, id="block-road"
        ),
        pytest.param(
            "The union called off the strike after talks.", PloverType.CONCEDE, id="call-off-strike"
        ),
        pytest.param("Rebels attempted to assassinate the governor.", PloverType.ASSAULT, id="attempt"),
        pytest.param(
            "Activists marched through the city to protest the new law.", PloverType.PROTEST, id="purpose"
        ),
        pytest.param("The army vowed to attack the rebel camps.", PloverType.THREATEN, id="vow-harm"),
        pytest.param("Norway agreed to send aid to Sudan.", PloverType.AGREE, id="agree-good"),
        pytest.param(
            "The two sides failed to reach an agreement on the border.", PloverType.REJECT, id="fail"
        ),
    ],
)
def test_event_typing_classifies_sentence_as_plover_does(nlp: Any, text: str, expected: PloverType) -> None:
    event = classify_sentence(_annotate(nlp, text), 0)
    assert event is not None and event.type == expected


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        pytest.param("Brazil has not confirmed any such loss.", "not confirmed", id="not-confirmed"),
        pytest.param(
            "The ministry refused to confirm that the jets were delivered.", "not confirm", id="refused"
        ),
    ],
)
def test_claims_withheld_confirmation_is_not_confirmed(nlp: Any, text: str, cue: str) -> None:
    annotated = _annotate(nlp, text)
    claims = extract_claims(annotated, extract_events(annotated))
    statuses = {c.status for c in claims}
    assert ClaimStatus.CONFIRMED not in statuses
    assert any(c.status == ClaimStatus.SPECULATED and c.cue == cue for c in claims)


def test_claims_plain_confirmation_is_confirmed(nlp: Any) -> None:
    annotated = _annotate(nlp, "Turkey confirmed that it delivered drones to Pakistan.")
    claims = extract_claims(annotated, extract_events(annotated))
    assert {c.status for c in claims} == {ClaimStatus.CONFIRMED}


def _modality_of(nlp: Any, text: str, word: str) -> Any:
    annotated = _annotate(nlp, text)
    parse = Parse.build(annotated)
    return detect_modality(parse, parse.tree.token_at(text.index(word)))


def test_event_modality_hedge_scopes_over_its_own_clause(nlp: Any) -> None:
    modality = _modality_of(nlp, "Talks will probably fail because the army seized the port.", "seized")
    assert modality.hedges == () and modality.status == ClaimStatus.ASSERTED


def test_event_modality_bare_infinitive_is_not_realis(nlp: Any) -> None:
    assert not _modality_of(nlp, "The navy has a plan to buy four frigates.", "buy").is_realis
    assert _modality_of(nlp, "The navy managed to buy four frigates.", "buy").is_realis


def test_events_quantity_behind_a_model_number(nlp: Any) -> None:
    events = extract_events(
        _annotate(
            nlp,
            "Qatar signed a contract for 24 AH-64E Apache attack helicopters from the United States in 2016.",
        )
    )
    assert any(e.quantity == 24 for e in events)


@pytest.mark.parametrize(
    ("text", "word", "realis"),
    [
        ("Please call the embassy and let us know the flight number.", "know", False),
        ("Send the report to the ministry and tell them the dates.", "tell", False),
        ("The pilots were able to land the damaged jet in Karachi.", "land", True),
        ("The navy had to tow the frigate back to port.", "tow", True),
        ("The navy has to tow the frigate back to port.", "tow", False),
        ("The pilots will be able to land at night.", "land", False),
        ("Where do the ministers meet next week?", "meet", False),
        ("Where did the ministers meet last week?", "meet", True),
    ],
    ids=[
        "imperative-conj",
        "imperative-first",
        "was-able",
        "had-to",
        "has-to",
        "will-be-able",
        "wh-present",
        "wh-past",
    ],
)
def test_event_modality_requests_and_past_necessity(nlp: Any, text: str, word: str, realis: bool) -> None:
    assert _modality_of(nlp, text, word).is_realis is realis


@pytest.mark.model
def test_events_fighting_that_broke_out_is_no_sanction(nlp: Any) -> None:
    assert PloverType.SANCTION not in _types(nlp, "Heavy fighting broke out between the army and rebels.")
    assert PloverType.SANCTION in _types(nlp, "The two countries broke off diplomatic relations.")
