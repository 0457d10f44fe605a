"""PLOVER typing of wire-style sentences: background clauses and the codebook operator classes (session 9)."""

from __future__ import annotations

import pytest

from newsift.extract.events.classify import classify_article, rules_reading
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Article, PloverType, Position
from newsift.nlp import annotate_articles


def _annotated(text: str) -> AnnotatedArticle:
    article = Article(id="wire-1", page_id="wire", position=Position.MAIN, index=0, title="", body=text)
    return next(iter(annotate_articles([article])))


@pytest.mark.parametrize(
    "text",
    [
        "The governor stepped aside after relatives of the victims demanded his removal.",
        "The council postponed the vote, which the residents had demanded for months.",
    ],
    ids=["after-clause", "relative-clause"],
)
def test_classify_a_background_happening_does_not_type_the_sentence(text: str) -> None:
    main, events = rules_reading(Parse.build(_annotated(text)), 0)
    assert any(e.type == PloverType.REQUEST for e in events)  # the rules see the demand ...
    assert main is not None and main.type == PloverType.STATEMENT  # ... but not as the sentence's act


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands gathered for a rally to protest the new press law.", PloverType.PROTEST),
        ("The ministry sent doctors to help treat the wounded after the floods.", PloverType.AID),
        ("Officials said the army had arrested two reporters.", PloverType.COERCE),
    ],
    ids=["purpose-relative", "purpose-clause", "reported-clause"],
)
def test_classify_purpose_and_reported_clauses_still_type_the_sentence(
    text: str, expected: PloverType
) -> None:
    event = classify_article(_annotated(text))
    assert event is not None and event.type == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The city council withdrew the new parking fee.", PloverType.CONCEDE),
        ("The governor rescinded the order banning street vendors.", PloverType.CONCEDE),
        ("The junta agreed to the students' demand for new elections.", PloverType.CONCEDE),
        ("The cabinet bowed to calls for an independent inquiry.", PloverType.CONCEDE),
        ("The army stood down its forces along the frontier.", PloverType.RETREAT),
        ("The agency shipped grain to the flooded villages.", PloverType.AID),
    ],
    ids=[
        "fee-withdrawn",
        "order-rescinded",
        "agreed-to-demand",
        "bowed-to-calls",
        "stood-down",
        "grain-shipped",
    ],
)
def test_operator_codebook_classes(text: str, expected: PloverType) -> None:
    main, _ = rules_reading(Parse.build(_annotated(text)), 0)
    assert main is not None and main.type == expected
