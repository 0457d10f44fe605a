"""The verb-gerund-object repair: 'denied selling rifles to X' is a denied sale, whatever the model reads.

Sentences written for the project. The model reads some of them with the '-ing' word as a modifier
of the noun ('selling points'); the repair makes it the verb's complement again.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import events_of, shown

from newsift.extract.repair import (
    ing_lemma,
    repair_gerunds,
    repair_inverted_attributions,
    repair_shifted_recipients,
)
from newsift.model import ClaimStatus, Token


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("shipping", "ship"), ("selling", "sell"), ("supplying", "supply"), ("providing", "provide"),
     ("transferring", "transfer"), ("delivering", "deliver"), ("leasing", "lease"),
     ("acquiring", "acquire"), ("donating", "donate"), ("exporting", "export")],
)  # fmt: skip
def test_an_ing_form_gives_its_verb(word: str, lemma: str) -> None:
    assert ing_lemma(word) == lemma


def _tok(i: int, lemma: str, pos: str, dep: str, head: int) -> Token:
    return Token(start=i * 10, end=i * 10 + 5, lemma=lemma, pos=pos, tag="", dep=dep, head=head, sentence=0)


def test_a_gerund_read_as_a_modifier_becomes_the_verbs_complement() -> None:
    texts = ["Chile", "denied", "shipping", "rifles", "to", "Peru", "."]
    tokens = [
        _tok(0, "Chile", "PROPN", "nsubj", 1),
        _tok(1, "deny", "VERB", "ROOT", 1),
        _tok(2, "shipping", "NOUN", "compound", 3),
        _tok(3, "rifle", "NOUN", "dobj", 1),
        _tok(4, "to", "ADP", "prep", 1),
        _tok(5, "Peru", "PROPN", "pobj", 4),
        _tok(6, ".", "PUNCT", "punct", 1),
    ]
    fixed = repair_gerunds(tokens, texts)
    assert (fixed[2].head, fixed[2].dep, fixed[2].lemma, fixed[2].pos) == (1, "xcomp", "ship", "VERB")
    assert fixed[3].head == 2 and fixed[4].head == 2  # the object and the 'to' phrase follow the verb
    assert fixed[5] == tokens[5] and tokens[2].dep == "compound"  # the input is not touched


def test_a_modifier_not_right_after_the_verb_stays() -> None:
    texts = ["Chile", "sold", "new", "training", "jets", "."]
    tokens = [
        _tok(0, "Chile", "PROPN", "nsubj", 1),
        _tok(1, "sell", "VERB", "ROOT", 1),
        _tok(2, "new", "ADJ", "amod", 4),
        _tok(3, "training", "NOUN", "compound", 4),
        _tok(4, "jet", "NOUN", "dobj", 1),
        _tok(5, ".", "PUNCT", "punct", 1),
    ]
    assert repair_gerunds(tokens, texts) == tuple(tokens)


DENIED_GERUNDS = [
    ("Serbia denied shipping ammunition to Ukraine.", "SRB", "UKR"),
    ("Pakistan denied selling shells to Ukraine.", "PAK", "UKR"),
    ("China denied supplying weapons to Russia.", "CHN", "RUS"),
    ("Chile denied selling rifles to Bolivia.", "CHL", "BOL"),
]


@pytest.mark.model
@pytest.mark.parametrize(("body", "source", "target"), DENIED_GERUNDS)
def test_a_denied_gerund_is_a_denied_transfer_with_its_parties(
    nlp: Any, body: str, source: str, target: str
) -> None:
    events = [e for e in events_of(nlp, body) if e.subtype == "arms_transfer"]
    assert [(e.source[0].code, e.target[0].code, e.status) for e in events if e.source and e.target] == [
        (source, target, ClaimStatus.DENIED)
    ], shown(tuple(events))


def test_an_inverted_attribution_read_as_a_conjunct_becomes_the_root() -> None:
    texts = ["Chile", "signed", "a", "deal", ",", "its", "maker", "said", "."]
    tokens = [
        _tok(0, "Chile", "PROPN", "nsubj", 1),
        _tok(1, "sign", "VERB", "ROOT", 1),
        _tok(2, "a", "DET", "det", 3),
        _tok(3, "deal", "NOUN", "dobj", 1),
        _tok(4, ",", "PUNCT", "punct", 1),
        _tok(5, "its", "PRON", "poss", 6),
        _tok(6, "maker", "NOUN", "nsubj", 7),
        _tok(7, "say", "VERB", "conj", 1),
        _tok(8, ".", "PUNCT", "punct", 7),
    ]
    fixed = repair_inverted_attributions(tokens, texts, frozenset({"say"}))
    assert (fixed[7].head, fixed[7].dep) == (7, "ROOT")
    assert (fixed[1].head, fixed[1].dep) == (7, "ccomp")
    # two acts joined by 'and' stay two acts
    joined = [*tokens[:4], _tok(4, "and", "CCONJ", "cc", 1), *tokens[5:]]
    texts_joined = [*texts[:4], "and", *texts[5:]]
    assert repair_inverted_attributions(joined, texts_joined, frozenset({"say"})) == tuple(joined)


INVERTED = [
    "Peru has signed a contract for eight more KT-1 trainer jets, their South Korean maker said on "
    "Tuesday, two weeks after one of the trainers crashed near the coast.",
    "Chile has ordered six more Super Tucano light attack aircraft, their Brazilian builder said "
    "Monday, a month after one of its older planes crashed during a training flight.",
]


@pytest.mark.model
@pytest.mark.parametrize("body", INVERTED)
def test_a_sale_reported_by_an_inverted_attribution_is_attributed(nlp: Any, body: str) -> None:
    events = [e for e in events_of(nlp, body) if e.subtype == "arms_transfer"]
    assert [e.status for e in events] == [ClaimStatus.ATTRIBUTED], shown(tuple(events))


def test_a_country_folded_into_the_object_after_a_giving_verb_is_the_recipient() -> None:
    texts = ["Britain", "sold", "Ukraine", "Challenger", "tanks", "."]
    tokens = [
        _tok(0, "Britain", "PROPN", "nsubj", 1),
        _tok(1, "sell", "VERB", "ROOT", 1),
        _tok(2, "Ukraine", "PROPN", "compound", 3),
        _tok(3, "Challenger", "PROPN", "compound", 4),
        _tok(4, "tank", "NOUN", "dobj", 1),
        _tok(5, ".", "PUNCT", "punct", 1),
    ]
    fixed = repair_shifted_recipients(tokens, texts, [(2, 2)])
    assert (fixed[2].head, fixed[2].dep) == (1, "dative")
    assert fixed[3:] == tuple(tokens[3:])
    # an abbreviation there is an origin ('sold US tanks'); a verb that already names its recipient
    # keeps its object whole
    assert repair_shifted_recipients(
        tokens, ["Britain", "sold", "US", "Challenger", "tanks", "."], [(2, 2)]
    ) == tuple(tokens)
    with_to = [*tokens[:5], _tok(5, "to", "ADP", "prep", 1), _tok(6, "Poland", "PROPN", "pobj", 5)]
    assert repair_shifted_recipients(with_to, [*texts[:5], "to", "Poland"], [(2, 2), (6, 6)]) == tuple(
        with_to
    )
