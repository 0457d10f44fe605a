"""Word families for passage retrieval (issue 21): derivations and news synonyms, our own sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.brief.passageanswer import passage_answer
from newsift.brief.passages import PassageIndex, stem
from newsift.brief.question import parse_question
from newsift.brief.wordfamily import derivation_root, synonyms
from newsift.model import Article, Position


def _article(body: str, title: str = "Harbour news") -> Article:
    return Article(id="x", page_id="p", position=Position.MAIN, index=0, title=title, body=body,
                   published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


@pytest.mark.parametrize(
    ("words", "shared"),
    [
        (("investor", "investment", "invest"), True),
        (("supplier", "supply"), True),
        (("profitability", "profit"), True),
        (("water", "wat"), False),  # a root must keep four letters
        (("order", "ord"), False),
    ],
    ids=["invest", "supply", "profit", "short-root", "short-root-2"],
)
def test_wordfamily_derivations_share_a_root(words: tuple[str, ...], shared: bool) -> None:
    assert (len({derivation_root(stem(w)) for w in words}) == 1) is shared


def test_wordfamily_synonyms_are_symmetric_and_stemmed() -> None:
    assert stem("competitors") in synonyms(stem("rival"), stem)
    assert stem("rivals") in synonyms(stem("competitor"), stem)
    assert synonyms(stem("harbour"), stem) == {stem("harbour")}


def test_ask_a_question_in_other_words_is_answered_when_its_own_words_find_nothing() -> None:
    body = (
        "The ferry operator Bluewake will cut 320 jobs at its two terminals next year. "
        "Bluewake also bought its smaller rival Tidelink in March."
    )
    index = PassageIndex([_article(body)])
    layoffs = passage_answer(index, parse_question("How many staff will Bluewake lay off?"), {},
                              limit=3, rerank=False)  # fmt: skip
    assert layoffs.text is not None and "320" in layoffs.text
    assert [c.sentence[:12] for c in layoffs.citations] == ["The ferry op"]
    rival = passage_answer(index, parse_question("Which competitor did Bluewake acquire?"), {},
                            limit=3, rerank=False)  # fmt: skip
    assert rival.text is not None and "Tidelink" in rival.text


def test_passages_words_as_written_win_over_their_family() -> None:
    body = (
        "Bluewake staff were told of the new rota on Monday. "
        "About 40 jobs will go at the Bluewake depot, the union said."
    )
    index = PassageIndex([_article(body)])
    hit = passage_answer(
        index, parse_question("How many jobs will go at Bluewake?"), {}, limit=3, rerank=False
    )
    assert [c.sentence[:8] for c in hit.citations] == ["About 40"]
    assert index.search("staff told rota", rerank=False)[0].text.startswith("Bluewake staff")
    assert not index.search("workforce told rota", rerank=False, min_coverage=0.9)
    assert index.search("workforce told rota", rerank=False, min_coverage=0.9, widen=True)


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("harvest", "crops"),
        ("office", "bureau"),
        ("profit", "earnings"),
        ("levy", "tax"),
        ("factory", "plant"),
        ("walkout", "strike"),
        ("vessel", "ships"),
        ("detained", "arrested"),
    ],
    ids=["farm", "statistics", "money", "tax", "industry", "labour", "transport", "crime"],
)
def test_wordfamily_general_news_groups_hold_both_words(asked: str, written: str) -> None:
    assert stem(written) in synonyms(stem(asked), stem)


@pytest.mark.parametrize(
    ("asked", "other"),
    [("harvest", "budget"), ("profit", "loss"), ("plant", "office"), ("strike", "attack")],
    ids=["farm-budget", "opposites", "plant-office", "strike-attack"],
)
def test_wordfamily_groups_do_not_join_unrelated_words(asked: str, other: str) -> None:
    assert stem(other) not in synonyms(stem(asked), stem)


def test_ask_a_harvest_question_finds_the_crop_sentence() -> None:
    body = (
        "Rains came late across the plateau this spring. "
        "The farm ministry said the country's grain crops reached 11 million tonnes in 2019. "
        "Officials expect food prices to ease."
    )
    index = PassageIndex([_article(body, title="Plateau farms")])
    answer = passage_answer(index, parse_question("How large was the harvest in 2019?"), {},
                            limit=3, rerank=False)  # fmt: skip
    assert answer.text is not None and "11 million tonnes" in answer.text


def test_passages_a_family_word_orders_the_sentences_its_own_words_admit() -> None:
    body = (
        "Quarterly growth figures for the islands surprised most analysts. "
        "The national statistics bureau Isleco put growth at 2.1% for the quarter. "
        "Tourism figures were also published on Friday."
    )
    index = PassageIndex([_article(body, title="Island economy")])
    found = index.search("Which statistics office published the growth figures?", rerank=False,
                         min_coverage=0.25)  # fmt: skip
    assert found[0].text.startswith("The national statistics bureau")
    # Not admitted by the family word alone: 'bureau' for 'office' adds no coverage.
    assert not index.search("Which office did Isleco join?", rerank=False, min_coverage=0.9)
