"""The second reader of defence subtypes: shipped model, a gated purchase lifted, a civilian supply vetoed,
the module flag, and a malformed model file (sentences written for these tests, not training ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.extract.events import defence_reader
from newsift.extract.events.defence_reader import defence_features, load_defence_model
from newsift.extract.events.learned import read_model
from newsift.extract.events.lexicon import load_lexicon
from newsift.extract.events.rules import extract_events
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Article, Event, Position
from newsift.nlp import annotate_articles


def _annotated(text: str) -> AnnotatedArticle:
    article = Article(id="reader-1", page_id="reader", position=Position.MAIN, index=0, title="", body=text)
    return next(iter(annotate_articles([article])))


def _defence(annotated: AnnotatedArticle, monkeypatch: pytest.MonkeyPatch, *, reader: bool) -> list[Event]:
    monkeypatch.setattr(defence_reader, "READER", reader)
    return [e for e in extract_events(annotated) if e.subtype]


def test_defence_reader_shipped_model_covers_every_subtype_and_none() -> None:
    model = load_defence_model()
    assert set(model.labels) == {spec.subtype for spec in load_lexicon().defence} | {"none"}
    assert all(len(row) == len(model.labels) for row in model.weights.values())
    assert sum(model.probabilities(["l:no-such-lemma"]).values()) == pytest.approx(1.0)


def test_defence_reader_lifts_a_purchase_the_gate_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    annotated = _annotated("Bolivia bought six Karakorum aircraft from Beijing.")
    assert _defence(annotated, monkeypatch, reader=False) == []  # 'aircraft' alone is no military matter
    (event,) = _defence(annotated, monkeypatch, reader=True)
    assert event.subtype == "arms_transfer"
    assert {a.code for a in event.source} == {"CHN"} and {a.code for a in event.target} == {"BOL"}


def test_defence_reader_vetoes_a_civilian_supply(monkeypatch: pytest.MonkeyPatch) -> None:
    annotated = _annotated("A Japanese firm will supply 300 rocket engines to the satellite company.")
    assert [e.subtype for e in _defence(annotated, monkeypatch, reader=False)] == ["arms_transfer"]
    assert _defence(annotated, monkeypatch, reader=True) == []
    events = extract_events(annotated)
    assert events and all(e.subtype is None for e in events)  # the supply keeps its general type


def test_defence_reader_keeps_a_transfer_the_rules_found(monkeypatch: pytest.MonkeyPatch) -> None:
    annotated = _annotated("Kenya will buy twelve attack helicopters from Italy, the defence ministry said.")
    (event,) = _defence(annotated, monkeypatch, reader=True)
    assert event.subtype == "arms_transfer"
    assert _defence(annotated, monkeypatch, reader=False) == [event]


def test_defence_reader_features_mark_weapon_nouns_and_the_kinds_of_names() -> None:
    features = defence_features(Parse.build(_annotated("Kenya bought 20 howitzers from France.")), 0)
    assert "d:item" in features and "m:country" in features and "m:two-codes" in features
    assert "l:20" not in features and not any("kenya" in f or "france" in f for f in features)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "cannot read the model file"),
        (json.dumps({"labels": ["none"], "bias": [0.0]}), "not a linear model"),
        (
            json.dumps({"labels": ["none", "strike"], "bias": [0.0, 0.0], "weights": {"l:a": [1]}}),
            "one value",
        ),
    ],
    ids=["bad-json", "no-weights", "short-row"],
)
def test_defence_reader_malformed_model_file_names_the_file(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "defence_model.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ValueError, match=rf"defence_model\.json.*{reason}"):
        read_model(path)
