"""Words fronted before a cue's subject: a modifier of the cue (when, where, after what) is not what was
said; a clause is. Sentences of our own."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _texts(nlp: Any, body: str) -> list[str]:
    article = Article(id="f", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return [q.text for q in extract_quotes(next(annotate_articles([article], nlp=nlp)))]


@pytest.mark.parametrize(
    ("body", "fronted"),
    [
        (
            'On Monday, Senator Ann Lee (D-Texas), said, "We will fund the base for ten more years."',
            "On Monday",
        ),
        ('Late on Tuesday, General Tom Reed said: "The convoy has crossed the river."', "Late on Tuesday"),
        ('After the vote in the capital, Ann Lee told reporters: "The base stays open."', "After the vote"),
    ],
)
def test_a_fronted_modifier_of_the_cue_is_no_quote(nlp: Any, body: str, fronted: str) -> None:
    texts = _texts(nlp, body)
    assert not [t for t in texts if t.startswith(fronted)], texts
    assert [t for t in texts if t.startswith(body.split('"')[1][:12])], texts


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("The base will stay open for ten more years, Ann Lee said on Monday.", "The base will stay open"),
        ("Under the plan, the base will stay open, Ann Lee said.", "Under the plan, the base will"),
    ],
)
def test_a_fronted_clause_is_still_what_was_said(nlp: Any, body: str, said: str) -> None:
    assert [t for t in _texts(nlp, body) if t.startswith(said)]


def test_the_one_asked_is_not_the_one_asking(nlp: Any) -> None:
    """'Asked about X, Lee said': Lee was asked; the question names no speaker, so it is no quote."""
    body = 'Asked about reports that the plant had been hit, Ann Lee said: "We are still checking."'
    texts = _texts(nlp, body)
    assert "We are still checking." in texts
    assert not [t for t in texts if "plant had been hit" in t], texts


def test_a_participle_with_its_own_subject_still_reports(nlp: Any) -> None:
    body = 'Ann Lee asked whether the plant had been hit, saying: "We need to know tonight."'
    assert [t for t in _texts(nlp, body) if "plant had been hit" in t]


def test_a_fronted_clause_before_a_quote_stays_with_it(nlp: Any) -> None:
    body = 'So when the shipyard said it would close, "we were stunned," union leader Ann Lee said.'
    assert [t for t in _texts(nlp, body) if "we were stunned" in t]
