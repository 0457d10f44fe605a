"""Events on hand-built parses (no model): triggers, roles, attributes, negation, values, linking."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsift.extract.events.attributes import extract_values, is_designation, parse_number
from newsift.extract.events.lexicon import load_lexicon
from newsift.extract.events.rules import EXTRACTOR, extract_events
from newsift.link.happenings import link_events
from newsift.model import (
    Actor,
    AnnotatedArticle,
    Article,
    ClaimStatus,
    Entity,
    EntityKind,
    Event,
    EventMode,
    Evidence,
    Mention,
    PloverType,
    Position,
    Resolution,
    Sentence,
    Token,
    Value,
)

Row = tuple[str, str, str, str, str, int]


def _annotated(rows: list[Row], names: list[tuple[str, str, str | None]]) -> AnnotatedArticle:
    """One sentence from (text, lemma, pos, tag, dep, head) rows; ``names`` are (text, label, entity id)."""
    text, tokens = "", []
    for word, lemma, pos, tag, dep, head in rows:
        if text and word not in ".,'s":
            text += " "
        span = {"start": len(text), "end": len(text) + len(word)}
        tokens.append(Token(**span, lemma=lemma, pos=pos, tag=tag, dep=dep, head=head, sentence=0))
        text += word
    article = Article(id="hand", page_id="p", position=Position.MAIN, index=0, title=text, body="")
    mentions = []
    for name, label, entity_id in names:
        start = text.index(name)
        mentions.append(Mention(article_id="hand", start=start, end=start + len(name), text=name,
                                entity_id=entity_id, label=label, resolution=Resolution.EXACT))  # fmt: skip
    entities = tuple(Entity(id=e, kind=EntityKind.COUNTRY, name=n) for n, _, e in names if e and e.isupper())
    sentence = Sentence(article_id="hand", index=0, start=0, end=len(text))
    return AnnotatedArticle(article=article, sentences=(sentence,), tokens=tuple(tokens),
                            mentions=tuple(mentions), entities=entities)  # fmt: skip


BOUGHT: list[Row] = [
    ("Poland", "Poland", "PROPN", "NNP", "nsubj", 1),
    ("bought", "buy", "VERB", "VBD", "ROOT", 1),
    ("250", "250", "NUM", "CD", "nummod", 3),
    ("tanks", "tank", "NOUN", "NNS", "dobj", 1),
    ("from", "from", "ADP", "IN", "prep", 1),
    ("the", "the", "DET", "DT", "det", 7),
    ("United", "United", "PROPN", "NNP", "compound", 7),
    ("States", "States", "PROPN", "NNP", "pobj", 4),
    ("for", "for", "ADP", "IN", "prep", 1),
    ("$", "$", "SYM", "$", "quantmod", 11),
    ("4.75", "4.75", "NUM", "CD", "compound", 11),
    ("billion", "billion", "NUM", "CD", "pobj", 8),
    ("in", "in", "ADP", "IN", "prep", 1),
    ("2022", "2022", "NUM", "CD", "pobj", 12),
    (".", ".", "PUNCT", ".", "punct", 1),
]
BOUGHT_NAMES = [("Poland", "GPE", "POL"), ("the United States", "GPE", "USA"), ("2022", "DATE", None)]


def _fight(negated: bool) -> AnnotatedArticle:
    rows: list[Row] = [
        ("Turkey", "Turkey", "PROPN", "NNP", "nsubj", 3),
        ("will", "will", "AUX", "MD", "aux", 3),
    ]
    rows.append(
        ("not", "not", "PART", "RB", "neg", 3) if negated else ("soon", "soon", "ADV", "RB", "advmod", 3)
    )
    rows += [
        ("fight", "fight", "VERB", "VB", "ROOT", 3),
        ("a", "a", "DET", "DT", "det", 5),
        ("war", "war", "NOUN", "NN", "dobj", 3),
        ("for", "for", "ADP", "IN", "prep", 3),
        ("Pakistan", "Pakistan", "PROPN", "NNP", "pobj", 6),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    return _annotated(rows, [("Turkey", "GPE", "TUR"), ("Pakistan", "GPE", "PAK")])


def test_events_purchase_maps_to_aid_arms_transfer_with_supplier_as_source() -> None:
    (event,) = extract_events(_annotated(BOUGHT, BOUGHT_NAMES))
    assert (event.type, event.mode, event.subtype) == (PloverType.AID, EventMode.MILITARY, "arms_transfer")
    assert [a.code for a in event.source] == ["USA"]
    assert [a.code for a in event.target] == ["POL"]


def test_events_purchase_attributes() -> None:
    (event,) = extract_events(_annotated(BOUGHT, BOUGHT_NAMES))
    assert (event.item, event.quantity, event.year) == ("tanks", 250, 2022)
    assert event.value == Value(amount=4.75e9, currency="USD", text="$ 4.75 billion")
    assert event.time_text == "in 2022"


def test_events_evidence_points_at_trigger_in_sentence() -> None:
    annotated = _annotated(BOUGHT, BOUGHT_NAMES)
    (event,) = extract_events(annotated)
    assert annotated.article.text[event.evidence.start : event.evidence.end] == "bought"
    assert event.evidence.text == annotated.article.text
    assert (event.extractor, event.status) == (EXTRACTOR, ClaimStatus.ASSERTED)


def test_events_negated_war_is_not_an_event() -> None:
    assert extract_events(_fight(negated=True)) == ()


def test_events_affirmed_war_is_an_assault() -> None:
    (event,) = extract_events(_fight(negated=False))
    assert event.type == PloverType.ASSAULT
    assert [a.code for a in event.source] == ["TUR"]
    assert event.aspect == "planned"


def test_events_without_tokens_gives_nothing() -> None:
    article = Article(id="x", page_id="p", position=Position.MAIN, index=0, title="Empty", body="")
    assert extract_events(AnnotatedArticle(article=article)) == ()


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        pytest.param("a $75 million deal", 75e6, "USD", id="dollar-million"),
        pytest.param("the ₹63,000-crore deal", 6.3e11, "INR", id="rupee-crore"),
        pytest.param("worth €7.87 billion", 7.87e9, "EUR", id="euro-billion"),
        pytest.param("US$1.5bn programme", 1.5e9, "USD", id="us-dollar-bn"),
        pytest.param("about 2 billion euros", 2e9, "EUR", id="word-currency"),
        pytest.param("Rs 500 crore", 5e9, "INR", id="rs-crore"),
    ],
)
def test_event_attributes_money_values(text: str, amount: float, currency: str) -> None:
    ((start, end, value),) = extract_values(text, offset=10)
    assert (value.amount, value.currency) == (pytest.approx(amount), currency)
    assert text[start - 10 : end - 10] == value.text


@pytest.mark.parametrize(
    ("word", "number"),
    [("41", 41), ("two", 2), ("1,200", 1200), ("2022", None), ("JF-17", None), ("dozen", 12)],
)
def test_event_attributes_numbers(word: str, number: int | None) -> None:
    assert parse_number(word) == number


@pytest.mark.parametrize(
    ("word", "expected"), [("F-16s", True), ("K2", True), ("S-400", True), ("Karachi", False)]
)
def test_event_attributes_designations(word: str, expected: bool) -> None:
    assert is_designation(word) is expected


def test_event_lexicon_maps_every_subtype_once() -> None:
    lexicon = load_lexicon()
    subtypes = [d.subtype for d in lexicon.defence]
    assert len(subtypes) == len(set(subtypes))
    mapping = {d.subtype: (d.type, d.mode) for d in lexicon.defence}
    assert mapping["arms_transfer"] == (PloverType.AID, EventMode.MILITARY)
    assert mapping["export_ban"][0] == PloverType.SANCTION
    assert mapping["strike"][0] == PloverType.ASSAULT


def _event(article: str, **changes: object) -> Event:
    base = Event(
        id=f"{article}-1",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        subtype="upgrade",
        evidence=Evidence(article_id=article, sentence=0, start=0, end=5, text="x"),
        source=(Actor(text="Turkish Aerospace", code="TUR"),),
        target=(Actor(text="Pakistan", code="PAK"),),
        item="F-16 jets",
        value=Value(amount=75e6, currency="USD", text="$75 million"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_event_linking_joins_reports_of_one_happening() -> None:
    clusters = link_events([_event("a"), _event("b", item="F-16s"), _event("c", value=None)])
    assert len(clusters) == 1
    assert clusters[0].article_ids == ("a", "b", "c")


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"subtype": "arms_transfer"}, id="other-subtype"),
        pytest.param({"target": (Actor(text="India", code="IND"),)}, id="other-actor"),
        pytest.param({"value": Value(amount=350e6, currency="USD", text="$350 million")}, id="other-value"),
        pytest.param({"year": 2019}, id="other-year-vs-none-is-fine-but-item-differs", marks=[]),
    ],
)
def test_event_linking_keeps_different_happenings_apart(changes: dict[str, object]) -> None:
    other = _event("b", **changes)
    if "year" in changes:
        other = replace(other, item="submarines")
    assert len(link_events([_event("a"), other])) == 2
