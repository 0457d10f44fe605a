"""Weapon designators as reports write them: a variant mark on a known system, a sentence's final period.

Sentences are written for these tests. A variant ('the Su-57E', 'K9A1 howitzers') is the system the
gazetteer knows by its base designator; a designator that ends a sentence keeps its name apart from
the period; what only looks like a designator (a phone, a road, a house number) stays unnamed.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.gazetteer import load_gazetteer
from newsift.model import Article, Position
from newsift.nlp import annotate_articles
from newsift.nlp.ruler import designators, variant_of


def _systems(nlp: Any, body: str) -> list[tuple[str, str | None]]:
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    return [(m.text, m.entity_id) for m in annotated.mentions if m.label == "PRODUCT"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name", "system"),
    [
        ("Norway will buy more K9A1 howitzers from South Korea.", "K9A1", "k9"),
        ("Manila took delivery of its first FA-50PH jets on Monday.", "FA-50PH", "fa-50"),
        ("The air force flew the Su-35S over the parade.", "Su-35S", "su-35"),
    ],
)
def test_designators_a_variant_is_the_system_of_its_base(nlp: Any, body: str, name: str, system: str) -> None:
    assert (name, system) in _systems(nlp, body)


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name", "system"),
    [
        ("Egypt has ordered the Su-35S.", "Su-35S", "su-35"),
        ("The navy will deploy the MQ-9B.", "MQ-9B", "mq-9"),
    ],
)
def test_designators_a_sentence_final_period_is_not_part_of_the_name(
    nlp: Any, body: str, name: str, system: str
) -> None:
    assert (name, system) in _systems(nlp, body)


@pytest.mark.model
def test_designators_the_abbreviations_keep_their_periods(nlp: Any) -> None:
    doc = nlp("The U.S. and the U.K. signed it.")
    assert [t.text for t in doc][:5] == ["The", "U.S.", "and", "the", "U.K."]


def test_designators_look_alikes_are_no_system() -> None:
    known = designators(load_gazetteer())
    assert variant_of("FA-50PH", known) == ("PRODUCT", "fa-50")
    assert variant_of("FA-50", known) is None  # the base itself is matched by the ruler's own patterns
    for text in ("iPhone15", "M25A", "5A", "A320neo", "COVID-19", "F-160", "K9s"):
        assert variant_of(text, known) is None, text
