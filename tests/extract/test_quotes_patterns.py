"""Attribution patterns on short texts of our own: each rule with a case it must find and one it must not."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_attributions, extract_quotes
from newsift.model import AnnotatedArticle, Article, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model

Rel = dict[str, Any]


def _annotate(nlp: Any, body: str) -> AnnotatedArticle:
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return next(annotate_articles([article], nlp=nlp))


def _relations(nlp: Any, body: str) -> list[Rel]:
    annotated = _annotate(nlp, body)
    text = annotated.article.text
    return [
        {
            "source": text[slice(*a.source)] if a.source else None,
            "cue": text[slice(*a.cue)] if a.cue else None,
            "content": [text[s:e] for s, e in a.content],
        }
        for a in extract_attributions(annotated)
    ]


def _by_cue(relations: list[Rel], cue: str) -> Rel:
    found = [r for r in relations if r["cue"] == cue]
    assert len(found) == 1, relations
    return found[0]


@pytest.mark.parametrize(
    ("body", "cue"),
    [
        pytest.param(
            "The minister has also said that the port will reopen in May.", "has also said", id="aux-adverb"
        ),
        pytest.param("The mayor did not deny that the budget was short.", "did not deny", id="negation"),
        pytest.param("The union called for a new vote on the contract.", "called for", id="preposition"),
        pytest.param("The governor said: the state will appeal the ruling.", "said:", id="colon"),
    ],
)
def test_quotes_cue_span_takes_auxiliaries_and_particles(nlp: Any, body: str, cue: str) -> None:
    assert _by_cue(_relations(nlp, body), cue)


def test_quotes_cue_span_leaves_out_a_wh_adverb(nlp: Any) -> None:
    relations = _relations(nlp, "Nobody believed her when she said that the port would reopen in May.")
    assert [r["cue"] for r in relations] == ["said"]


def test_quotes_quote_cue_stays_the_verb(nlp: Any) -> None:
    (quote,) = extract_quotes(_annotate(nlp, '"The port will reopen in May," Ann Lee has also said.'))
    assert (quote.cue, quote.speaker_text) == ("said", "Ann Lee")


@pytest.mark.parametrize(
    ("body", "source"),
    [
        pytest.param(
            "Ann Lee, a lawyer for the city, said the deal was fair to both sides.",
            "Ann Lee, a lawyer for the city,",
            id="apposition",
        ),
        pytest.param("Ann Lee said the deal was fair to both sides.", "Ann Lee", id="no-apposition"),
    ],
)
def test_quotes_source_keeps_comma_closing_apposition(nlp: Any, body: str, source: str) -> None:
    assert _by_cue(_relations(nlp, body), "said")["source"] == source


def test_quotes_later_quote_in_same_paragraph_continues(nlp: Any) -> None:
    body = '"We will not stop," Ann Lee said as the crowd moved on. "This will go on every single day."'
    relation = _by_cue(_relations(nlp, body), "said")
    assert relation["content"] == ['"We will not stop,"', '"This will go on every single day."']


def test_quotes_quote_after_other_paragraph_does_not_continue(nlp: Any) -> None:
    body = (
        '"We will not stop," Ann Lee said.\n\nThe crowd then moved to the square near the river.\n\n'
        '"Nobody listens to us anymore, and nobody ever did."'
    )
    assert _by_cue(_relations(nlp, body), "said")["content"] == ['"We will not stop,"']


@pytest.mark.parametrize(
    ("body", "source", "content"),
    [
        pytest.param(
            "WALLACE: Will you attend the debate tomorrow night?",
            "WALLACE",
            "Will you attend the debate tomorrow night?",
            id="transcript",
        ),
        pytest.param(
            "Poll: Clinton and Trump tied before the debate",
            "Poll",
            "Clinton and Trump tied before the debate",
            id="poll-headline",
        ),
    ],
)
def test_quotes_speaker_label(nlp: Any, body: str, source: str, content: str) -> None:
    relation = _by_cue(_relations(nlp, body), ":")
    assert (relation["source"], relation["content"]) == (source, [content])


def test_quotes_label_that_names_no_speaker(nlp: Any) -> None:
    assert _relations(nlp, "Note: the figures above exclude overseas voters and the military.") == []


def test_quotes_dash_signature(nlp: Any) -> None:
    body = '"Nobody listens to us anymore, and nobody ever did." ― Maria Lopez\n\nThe vote is on Sunday.'
    relation = _by_cue(_relations(nlp, body), "―")
    assert (relation["source"], relation["content"]) == (
        "Maria Lopez",
        ['"Nobody listens to us anymore, and nobody ever did."'],
    )


def test_quotes_dash_without_a_name(nlp: Any) -> None:
    body = '"Nobody listens to us anymore, and nobody ever did." ― an old saying in the valley'
    assert [r for r in _relations(nlp, body) if r["cue"] == "―"] == []


def test_quotes_said_colon_introduces_next_paragraph(nlp: Any) -> None:
    body = "The minister spoke after the vote. She said:\n\nThe plan will not work without more money."
    relation = _by_cue(_relations(nlp, body), "said:")
    assert (relation["source"], relation["content"]) == ("She", ["The plan will not work without more money"])


def test_quotes_colon_without_cue_introduces_nothing(nlp: Any) -> None:
    assert _relations(nlp, "The agenda had two items:\n\nThe plan will not work without more money.") == []


@pytest.mark.parametrize(
    ("body", "cue", "source"),
    [
        pytest.param(
            "Trump took to Twitter to accuse the campaign of lying about the numbers.",
            "to accuse",
            "Trump",
            id="xcomp",
        ),
        pytest.param(
            "Ryan voted for the bill despite admitting that he had concerns about it.",
            "admitting",
            "Ryan",
            id="pcomp",
        ),
    ],
)
def test_quotes_subject_borrowed_from_governing_clause(nlp: Any, body: str, cue: str, source: str) -> None:
    assert _by_cue(_relations(nlp, body), cue)["source"] == source


def test_quotes_passive_agent_is_source(nlp: Any) -> None:
    relation = _by_cue(
        _relations(nlp, "The billing fault was first reported by The Guardian."),
        "was first reported by",
    )
    assert (relation["source"], relation["content"]) == ("The Guardian", ["The billing fault"])


def test_quotes_passive_of_non_cue_is_nothing(nlp: Any) -> None:
    assert _relations(nlp, "The registration bill was passed by the Senate on Friday.") == []


@pytest.mark.parametrize(
    ("body", "content"),
    [
        pytest.param(
            "The plan, she said, will cost far more than expected.",
            ["The plan", "will cost far more than expected"],
            id="interrupting",
        ),
        pytest.param(
            "Rules vague on whether part-time staff qualify, lawyers say.",
            ["Rules vague on whether part-time staff qualify"],
            id="trailing",
        ),
    ],
)
def test_quotes_parenthetical_cue(nlp: Any, body: str, content: list[str]) -> None:
    cue = "said" if "said" in body else "say"
    assert _by_cue(_relations(nlp, body), cue)["content"] == content


def test_quotes_fronted_adverbial_is_not_content(nlp: Any) -> None:
    relation = _by_cue(_relations(nlp, "On Monday, Ann Lee said the deal was fair to both sides."), "said")
    assert relation["content"] == ["the deal was fair to both sides"]


def test_quotes_new_speech_cue(nlp: Any) -> None:
    relation = _by_cue(_relations(nlp, "The senator denounced the decision to close the base."), "denounced")
    assert (relation["source"], relation["content"]) == ("The senator", ["the decision to close the base"])


def test_quotes_stance_verb_attributes_but_is_no_quote(nlp: Any) -> None:
    annotated = _annotate(nlp, "The union endorsed the plan to raise wages for nurses.")
    assert [a.cue_lemma for a in extract_attributions(annotated)] == ["endorse"]
    assert extract_quotes(annotated) == ()
