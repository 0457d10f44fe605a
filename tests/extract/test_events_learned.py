"""The trained PLOVER typer: shipped model and word classes, the rules' remarks it types, verbal reactions."""

from __future__ import annotations

import pytest

from newsift.extract.events.classify import classify_article, rules_reading
from newsift.extract.events.learned import (
    load_plover_model,
    load_word_classes,
    model_from_json,
    sentence_features,
)
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Article, PloverType, Position
from newsift.nlp import annotate_articles


def _annotated(text: str) -> AnnotatedArticle:
    article = Article(id="learned-1", page_id="learned", position=Position.MAIN, index=0, title="", body=text)
    return next(iter(annotate_articles([article])))


def test_shipped_model_covers_every_plover_type_but_statement() -> None:
    model = load_plover_model()
    assert set(model.labels) == {t.value for t in PloverType if t != PloverType.STATEMENT}
    assert all(len(row) == len(model.labels) for row in model.weights.values())
    probabilities = model.probabilities(["l:no-such-lemma"])
    assert sum(probabilities.values()) == pytest.approx(1.0)


def test_word_classes_share_a_hypernym_between_related_verbs() -> None:
    classes = load_word_classes()
    assert set(classes["ambush"]) & set(classes["attack"])
    assert not set(classes["ambush"]) & set(classes["negotiate"])


def test_malformed_model_names_the_file_and_the_reason() -> None:
    raw = {"labels": ["AGREE", "REJECT"], "bias": [0.0, 0.0], "weights": {"l:sign": [1.0]}}
    with pytest.raises(ValueError, match=r"plover_model\.json.*one value per label"):
        model_from_json(raw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doctors from the charity vaccinated thousands of children in the camps.", PloverType.AID),
        ("The guerrillas relinquished their positions near the dam.", PloverType.RETREAT),
        ("The army bulldozed homes in the village.", PloverType.COERCE),
    ],
)
def test_a_verb_the_rules_do_not_know_is_typed_by_the_model(text: str, expected: PloverType) -> None:
    annotated = _annotated(text)
    main, _ = rules_reading(Parse.build(annotated), 0)
    assert main is not None and main.type == PloverType.STATEMENT  # the rules alone see a remark
    event = classify_article(annotated)
    assert event is not None and event.type == expected


def test_a_typed_rule_event_is_kept() -> None:
    event = classify_article(_annotated("Police arrested three opposition leaders in the capital on Friday."))
    assert event is not None and event.type == PloverType.COERCE


def test_condemning_an_attack_is_an_accusation_not_the_attack() -> None:
    event = classify_article(_annotated("The ministry condemned the bombing of the market."))
    assert event is not None and event.type == PloverType.ACCUSE


def test_features_leave_out_names_and_numbers() -> None:
    annotated = _annotated("Kenya sent 300 doctors to Uganda.")
    features = sentence_features(Parse.build(annotated), 0)
    assert "l:send" in features and "p0:send" in features
    assert not any("kenya" in f or "300" in f or "uganda" in f for f in features)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militia vowed to step up its raids on the army's supply lines.", PloverType.THREATEN),
        ("The cabinet said it would not negotiate with the hijackers.", PloverType.REJECT),
        ("The army will not withdraw from the northern district.", PloverType.REJECT),
    ],
)
def test_promised_harms_and_refusals_in_the_future(text: str, expected: PloverType) -> None:
    event = classify_article(_annotated(text))
    assert event is not None and event.type == expected


def test_a_hunger_strike_is_a_protest_not_a_military_strike() -> None:
    text = "Former soldiers began a hunger strike to demand their military pensions, their lawyers said."
    event = classify_article(_annotated(text))
    assert event is not None and event.type == PloverType.PROTEST
    air = classify_article(_annotated("Fighter jets carried out an air strike on the fuel depot."))
    assert air is not None and air.type == PloverType.ASSAULT


def test_peacekeeping_forces_on_the_move_are_aid() -> None:
    event = classify_article(_annotated("Peacekeeping troops from Ghana were deployed in the south."))
    assert event is not None and event.type == PloverType.AID
    army = classify_article(_annotated("The army deployed two brigades to the border town."))
    assert army is not None and army.type == PloverType.MOBILIZE
