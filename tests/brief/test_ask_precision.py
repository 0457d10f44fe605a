"""Fewer, better citations and paraphrase (issue 21, session 12): one sentence cited when it holds the
one thing asked, a word's family weighed when two sentences are compared, a sentence that tells the
detail without repeating the subject's name, words of purpose and market cause for 'why', a length of
time for 'how long', phrases and nominalisations that say a lexicon word. Our own sentences, no store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.brief.matching import drop_forms
from newsift.brief.passageanswer import asks_one_thing, one_of_two, passage_answer
from newsift.brief.passages import PassageIndex, extract_query_terms, stem
from newsift.brief.question import holds_wanted, is_answer_shaped, names_a_person, parse_question
from newsift.brief.records import Citation, SentenceRow
from newsift.brief.wordfamily import synonyms
from newsift.model import Article, Position


def _article(body: str, title: str = "Industry news", article_id: str = "x") -> Article:
    return Article(id=article_id, page_id=f"p-{article_id}", position=Position.MAIN, index=0, title=title,
                   body=body, published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


def _row(text: str, article_id: str = "x") -> SentenceRow:
    return SentenceRow(text=text, citation=Citation(article_id=article_id, sentence=text), score=1.0)


@pytest.mark.parametrize(
    ("question", "one"),
    [
        ("How many trams did the city order?", True),
        ("When will the bridge open?", True),
        ("Where did the ministers meet?", True),
        ("Why did the brewer close the plant?", True),
        ("Which firm built the bridge?", False),
        ("Who will chair the inquiry?", False),
        ("What did the council decide?", False),
    ],
    ids=["count", "time", "place", "cause", "name", "person", "open"],
)
def test_passageanswer_asks_one_thing(question: str, one: bool) -> None:
    assert asks_one_thing(parse_question(question)) is one


def test_passageanswer_one_of_two_keeps_the_article_s_earlier_sentence() -> None:
    body = (
        "The city of Norhaven has ordered 40 trams from a Swiss maker, the council said. "
        "The deal also holds an option for 40 more trams after 2030."
    )
    index = PassageIndex([_article(body)])
    earlier, later = (_row(d.text) for d in index.docs)
    assert (
        one_of_two([later, earlier], index, parse_question("How many trams did Norhaven order?")) == earlier
    )


def test_passageanswer_one_of_two_passes_over_a_denial() -> None:
    rumour = "Rumours swirled for a week. The finance minister will present the budget on 3 May."
    index = PassageIndex([
        _article("Aides denied the finance minister will cut fuel duty on 3 May.", article_id="a"),
        _article(rumour, article_id="b"),
    ])  # fmt: skip
    denial = _row("Aides denied the finance minister will cut fuel duty on 3 May.", "a")
    stated = _row("The finance minister will present the budget on 3 May.", "b")
    question = parse_question("When will the finance minister present the budget?")
    assert one_of_two([denial, stated], index, question) == stated
    asked_denial = parse_question("What did aides deny about the finance minister?")
    assert one_of_two([denial, stated], index, asked_denial) == denial


def test_ask_one_sentence_cited_for_one_figure() -> None:
    body = (
        "Budget carrier Skylane has ordered 30 new jets from a European maker. "
        "Skylane ordered 30 jets last year too, the carrier said."
    )
    index = PassageIndex([_article(body, title="Carrier buys planes")])
    answer = passage_answer(index, parse_question("How many jets has Skylane ordered?"), {"s": ("Skylane",)},
                            limit=3, rerank=False)  # fmt: skip
    assert [c.sentence for c in answer.citations] == [index.docs[0].text]


def test_ask_a_family_word_counts_when_two_sentences_are_compared() -> None:
    body = (
        "Kestrel's sales jumped 9% in May. "
        "Bigger stocks grew in Norland as sales slowed, and output was cut by 4%."
    )
    index = PassageIndex([_article(body, title="Carmakers cut output")])
    forms = {"k": ("Kestrel",), "n": ("Norland",)}
    answer = passage_answer(index, parse_question("How much did Kestrel's sales in Norland grow?"), forms,
                            limit=3, rerank=False)  # fmt: skip
    assert answer.text is not None and "9%" in answer.text and "4%" not in answer.text


def test_ask_a_sentence_tells_the_detail_without_the_subject_s_name() -> None:
    body = (
        "Profits at drugmaker Dr Valdane fell 60% as research costs rose. "
        "Research spending rose 25% to 90m euros in the year, the accounts show."
    )
    index = PassageIndex([_article(body, title="Valdane profits fall")])
    question = parse_question("By how much did Dr Valdane's research spending rise?")
    answer = passage_answer(index, question, {"v": ("Valdane",)}, limit=3, rerank=False)
    assert answer.text is not None and "25%" in answer.text


def test_ask_a_sentence_naming_the_subject_stays_when_it_holds_as_much() -> None:
    body = (
        "The port authority of Calder owns 51% of Brinemoor Salt. "
        "The authority will also sell 5% of its stake in Brinemoor Salt to a buyer it did not name."
    )
    index = PassageIndex([_article(body, title="Calder sells salt stake")])
    forms = {"c": ("Calder",), "b": ("Brinemoor Salt",)}
    question = parse_question("What stake does the Calder authority hold in Brinemoor Salt?")
    answer = passage_answer(index, question, forms, limit=3, rerank=False)
    assert answer.text is not None and "51%" in answer.text


def test_matching_drop_forms_takes_a_title_with_the_name() -> None:
    assert extract_query_terms(drop_forms("How much did Dr Valdane's spending rise?", ["Valdane"])) == [
        "spend",
        "ris",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ten consulates will close in an effort to save money, the minister said.",
        "The levy is designed to cut traffic in the centre.",
        "Shares in the brewer jumped 6% on speculation of a takeover.",
        "Steel makers cut output in the face of falling demand.",
        "Jobless numbers rose for a fifth month as growth remains weak.",
    ],
    ids=["effort", "designed", "speculation", "in-the-face", "as-remains"],
)
def test_question_purpose_and_market_cause_answer_why(sentence: str) -> None:
    assert holds_wanted(sentence, "cause")


def test_question_no_cause_in_a_plain_report() -> None:
    assert not holds_wanted("Shares in the brewer jumped 6% on Monday.", "cause")


@pytest.mark.parametrize(
    ("sentence", "length"),
    [
        ("I have worked at the firm for the last 31 years.", True),
        ("The strike will last a week.", True),
        ("It ran until 2019.", True),
        ("She earns up to £40,000 a year from the firm.", False),
        ("She will retire from the firm later in the year.", False),
        ("The firm has 30 partners.", False),
    ],
    ids=["years", "a-week", "until-year", "rate", "a-time", "a-count"],
)
def test_question_how_long_asks_a_length_of_time(sentence: str, length: bool) -> None:
    assert is_answer_shaped(sentence, "number", "How long had she been with the firm?") is length


def test_question_how_old_still_takes_a_bare_number() -> None:
    assert is_answer_shaped("Jane Roe, 61, was elected.", "number", "How old is Jane Roe?")


@pytest.mark.parametrize(
    ("phrase", "word"),
    [
        ("The number of people out of work rose.", "jobless"),
        ("Nurses walked out on Friday.", "walkout"),
        ("The chairman stepped down in May.", "resign"),
    ],
    ids=["out-of-work", "walked-out", "stepped-down"],
)
def test_passages_a_phrase_says_a_lexicon_word(phrase: str, word: str) -> None:
    assert stem(word) in extract_query_terms(phrase)


def test_wordfamily_the_base_of_a_nominalisation_joins_its_group() -> None:
    assert stem("jobless") in synonyms(stem("unemployed"), stem)
    assert stem("forecast") in synonyms(stem("predicted"), stem)
    assert synonyms(stem("project"), stem) == frozenset({stem("project")})  # a plan, not a forecast


def test_ask_unemployed_is_answered_by_out_of_work() -> None:
    body = (
        "Norland's jobless rate rose to 6.1% from 5.9%, the statistics office said. "
        "The number of people out of work rose 12,000 to 310,000 in the quarter."
    )
    index = PassageIndex([_article(body, title="Norland jobless total rises")])
    question = parse_question("How many people in Norland are unemployed?")
    answer = passage_answer(index, question, {"n": ("Norland",)}, limit=3, rerank=False)
    assert answer.text is not None and "310,000" in answer.text


@pytest.mark.parametrize(
    ("asked", "written"),
    [("cut", "curb"), ("blame", "attributed")],
    ids=["curb", "attributed"],
)
def test_wordfamily_news_paraphrase(asked: str, written: str) -> None:
    assert stem(written) in synonyms(stem(asked), stem)


def test_ask_why_is_answered_by_the_sentence_saying_the_cause_in_other_words() -> None:
    body = (
        "Norland tried to cut farm subsidies in 2001 but backed down in the face of protests. "
        "Its new cabinet says it wants to curb farm subsidies and spend the money on rural schools."
    )
    index = PassageIndex([_article(body, title="Norland weighs subsidy cut")])
    question = parse_question("Why does Norland's cabinet want to cut farm subsidies?")
    answer = passage_answer(index, question, {"n": ("Norland",)}, limit=3, rerank=False)
    assert answer.text is not None and "schools" in answer.text


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Norway already has similar pacts with Australia and the United Kingdom.", False),
        ("Reports in the Financial Times said the deal was close.", False),
        ("Trade minister Jane Roe signed for Norway.", True),
    ],
    ids=["country", "outlet", "person"],
)
def test_question_a_gazetteer_place_or_outlet_is_no_person(sentence: str, person: bool) -> None:
    assert names_a_person(sentence) is person
