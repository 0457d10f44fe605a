"""The trained chooser between the rules' readings and the PLOVER typer (shipped off: classify.CHOOSER)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.extract.events.chooser import FEATURES, Chooser, choose, load_chooser, read_chooser
from newsift.extract.events.classify import CHOOSER, classify_article, readings, rules_reading
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Article, PloverType, Position
from newsift.nlp import annotate_articles

TWO_ACTS = "Police arrested three opposition leaders, and the president urged calm."


def _annotated(text: str) -> AnnotatedArticle:
    article = Article(id="chooser-1", page_id="chooser", position=Position.MAIN, index=0, title="", body=text)
    return next(iter(annotate_articles([article])))


def _typer(top: str) -> dict[str, float]:
    """Typer probabilities that put ``top`` far ahead of every other type."""
    others = [t.value for t in PloverType if t not in (PloverType.STATEMENT, PloverType(top))]
    return {top: 0.85, **{t: 0.01 for t in others}}


def test_readings_type_every_happening_and_mark_the_root() -> None:
    parse = Parse.build(_annotated(TWO_ACTS))
    main, events = rules_reading(parse, 0)
    found = readings(parse, events)
    assert main is not None and main.type == PloverType.COERCE
    assert {r.event.type for r in found} >= {PloverType.COERCE, PloverType.REQUEST}
    assert [r.event.trigger for r in found if r.at_root] == ["arrested"]
    assert not any(r.background for r in found)


def test_choose_keeps_the_rules_pick_the_reading_of_the_chosen_type_or_retypes_the_pick() -> None:
    parse = Parse.build(_annotated(TWO_ACTS))
    main, events = rules_reading(parse, 0)
    assert main is not None
    found = readings(parse, events)
    trusts_rules, trusts_typer = Chooser({"rules_pick": 1.0}), Chooser({"log_p": 1.0})
    assert choose(main, found, _typer("REQUEST"), trusts_rules) is main
    chosen = choose(main, found, _typer("REQUEST"), trusts_typer)
    assert chosen.type == PloverType.REQUEST and chosen.trigger == "urged"  # that reading's own event
    retyped = choose(main, found, _typer("AID"), trusts_typer)  # a type no reading has
    assert retyped.type == PloverType.AID and retyped.trigger == "arrested"


def test_shipped_chooser_weighs_every_feature_and_trusts_the_rules_pick() -> None:
    chooser = load_chooser()
    assert set(chooser.weights) == set(FEATURES)
    assert chooser.weights["rules_pick"] > 0 and chooser.weights["log_p"] > 0


def test_chooser_ships_off_and_can_be_switched_on() -> None:
    annotated = _annotated("The rebels began handing over their weapons to the monitors, the mission said.")
    assert CHOOSER is False
    shipped = classify_article(annotated)
    assert shipped is not None and shipped.type == PloverType.AID  # the rules read a handing-over as aid
    chosen = classify_article(annotated, chooser=True)
    assert chosen is not None and chosen.type == PloverType.RETREAT  # weapons handed in: disarmament


def test_a_malformed_chooser_file_names_the_file_and_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "chooser.json"
    path.write_text(json.dumps({"weights": {"log_p": 1.0, "colour": 2.0}}), "utf-8")
    with pytest.raises(ValueError, match=r"chooser\.json: unknown chooser features \['colour'\]"):
        read_chooser(path)
    path.write_text(json.dumps({"weights": {"log_p": "high"}}), "utf-8")
    with pytest.raises(ValueError, match=r"chooser\.json: not a chooser"):
        read_chooser(path)
    path.write_text("{not json", "utf-8")
    with pytest.raises(ValueError, match=r"chooser\.json: cannot read"):
        read_chooser(path)
