"""What a question wants named (a place, a name, a cause, the size of a change, a stated time) and how a
passage answer holds it (issue 21, session 6): our own sentences, no store needed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.brief.passageanswer import passage_answer, timed_first
from newsift.brief.passages import PassageIndex, extract_query_terms
from newsift.brief.question import holds_wanted, is_answer_shaped, parse_question
from newsift.brief.records import Citation, SentenceRow
from newsift.model import Article, Position


def _article(body: str, title: str = "Industry news", article_id: str = "x") -> Article:
    return Article(id=article_id, page_id=f"p-{article_id}", position=Position.MAIN, index=0, title=title,
                   body=body, published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("Where will the carmaker build its new plant?", "place"),
        ("In which city did the talks take place?", "place"),
        ("Which court threw out the appeal?", "name"),
        ("What company bought the brewery?", "name"),
        ("Why was the fishing ban imposed?", "cause"),
        ("What led to the strike?", "cause"),
        ("Which minister resigned?", None),  # a person: names_a_person reads that
        ("Which part of the engine failed?", None),  # a common noun answers
        ("How many jobs will go?", None),
    ],
    ids=[
        "where",
        "in-which-city",
        "which-court",
        "what-company",
        "why",
        "led-to",
        "person",
        "part",
        "how-many",
    ],
)
def test_question_reads_what_is_wanted_named(question: str, wants: str | None) -> None:
    assert parse_question(question).wants == wants


def test_question_a_place_or_name_the_question_gives_is_no_answer() -> None:
    asked = "Where will Tata build its second Indian plant?"
    known = ("India", "Indian")
    assert not holds_wanted("Tata plans a second plant in India.", "place", asked, known)
    assert holds_wanted("The plant will stand next to the old one in Pune.", "place", asked, known)
    assert holds_wanted("It will be built off the Gujarat coast.", "place", asked, known)
    assert not holds_wanted("It will open in March.", "place", asked, known)  # a month is no place
    asked = "Which court threw out the appeal?"
    assert not holds_wanted("The appeal was thrown out on Monday.", "name", asked)
    assert holds_wanted("The ruling came from the High Court in Dublin.", "name", asked)
    assert holds_wanted("Prices rose after a drought hit the crop.", "cause", "Why did prices rise?")
    assert not holds_wanted("Prices rose sharply this year.", "cause", "Why did prices rise?")


def test_question_the_size_of_a_change_is_a_figure_not_a_duration() -> None:
    asked = "How much did exports fall in the quarter to June?"
    assert not is_answer_shaped("Exports fell in the three months to June.", "number", asked)
    assert not is_answer_shaped("Exports fell in 2023, officials said.", "number", asked)  # a year alone
    assert is_answer_shaped("Exports fell 3.2% in the quarter.", "number", asked)
    assert is_answer_shaped("Exports fell by a third.", "number", asked)
    # 'how many' is not a change: a number word answers it
    assert is_answer_shaped("Six ships were sold.", "number", "How many ships were sold?")


def test_ask_a_where_question_is_answered_by_a_sentence_naming_a_new_place() -> None:
    body = (
        "Tata Motors plans to build a second car plant in India to meet rising demand. "
        "Sales of small cars grew strongly last year. "
        "The new car plant will be built next to the existing one in Pune."
    )
    index = PassageIndex([_article(body)])
    question = parse_question("Where will Tata Motors build its second Indian car plant?")
    forms = {"IND": ("India", "Indian"), "tata": ("Tata Motors",)}
    answer = passage_answer(index, question, forms, limit=3, rerank=False)
    assert answer.text is not None and "Pune" in answer.text
    assert all("Pune" in c.sentence for c in answer.citations)


def test_ask_a_why_question_is_answered_by_a_sentence_giving_a_cause() -> None:
    body = (
        "The fishing ban on the bay is likely to be lifted next year, the minister said. "
        "The ban was imposed after cod stocks in the bay collapsed."
    )
    index = PassageIndex([_article(body)])
    answer = passage_answer(index, parse_question("Why was the fishing ban on the bay imposed?"), {},
                             limit=3, rerank=False)  # fmt: skip
    assert [c.sentence for c in answer.citations] == [
        "The ban was imposed after cod stocks in the bay collapsed."
    ]


def test_ask_the_figure_given_in_the_next_sentence_completes_the_lead() -> None:
    body = (
        "The Irish economy barely grew in the April to June quarter, figures show. "
        "Revised data showed output up by just 0.2% over the period. "
        "Ministers expect exports to recover."
    )
    index = PassageIndex([_article(body)])
    question = parse_question("How much did the Irish economy grow in the April to June quarter?")
    answer = passage_answer(index, question, {}, limit=3, rerank=False)
    assert answer.text is not None and "0.2%" in answer.text
    # only the sentence holding the figure is cited; the lead is kept as context
    assert [c.sentence for c in answer.citations] == [
        "Revised data showed output up by just 0.2% over the period."
    ]
    assert answer.text == "Revised data showed output up by just 0.2% over the period."
    assert (
        answer.passages[0].text == "The Irish economy barely grew in the April to June quarter, figures show."
    )


def test_ask_no_continuation_when_the_next_sentence_lacks_the_figure() -> None:
    body = (
        "The Irish economy barely grew in the April to June quarter, figures show. "
        "Ministers expect exports to recover."
    )
    index = PassageIndex([_article(body)])
    question = parse_question("How much did the Irish economy grow in the April to June quarter?")
    assert passage_answer(index, question, {}, limit=3, rerank=False).text is None


def test_passages_a_sentence_answers_only_from_an_article_about_the_question() -> None:
    tobacco = _article(
        "The government sued the tobacco companies over the dangers of smoking. "
        "Prosecutors wanted the cigarette firms to hand over $200bn in profits.",
        title="Court rejects tobacco claim",
        article_id="a",
    )
    rules = _article(
        "Foreign firms were given one more year by the government to meet new audit rules.",
        title="Audit rules delayed",
        article_id="b",
    )
    index = PassageIndex([tobacco, rules])
    question = "How much did the government want the tobacco firms to pay?"
    assert index.on_topic_articles(extract_query_terms(question), {}) == {"a"}
    assert all(r.citation.article_id == "a" for r in index.search(question, min_coverage=0.2, rerank=False))


def test_ask_with_a_time_asked_the_sentences_naming_it_come_first() -> None:
    def row(text: str, score: float) -> SentenceRow:
        return SentenceRow(text=text, citation=Citation(article_id="x", sentence=text), score=score)

    other = row("The economy grew 2.6% last year and is forecast to grow 2.1% in 2005.", 9.0)
    timed = row("Between July and September the economy grew by 0.1%.", 7.0)
    question = parse_question("How much did the economy grow in the July to September quarter?")
    assert timed_first([other, timed], question) == [timed, other]
    untimed = parse_question("How much did the economy grow?")
    assert timed_first([other, timed], untimed) == [other, timed]


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("What income tax threshold does the party propose?", "number"),
        ("To what age will the pension age rise?", "number"),
        ("What did the minister say about the tax rate?", None),  # a say-question, not a measure
        ("How much will the carmaker invest in the new plant?", "money"),
        ("How much aid will the farmers get?", "money"),
        ("How much was the bank fined?", "money"),
        ("By how much will the firm raise its dividend?", "number"),  # a change: a share answers
    ],
    ids=["threshold", "to-what-age", "say-about-rate", "invest", "aid", "fined", "by-how-much"],
)
def test_question_a_measure_noun_asks_a_number_and_money_verbs_a_sum(question: str, expects: str) -> None:
    assert parse_question(question).expects == expects


def test_question_a_cause_given_by_as_or_a_passive_of_harm() -> None:
    asked = "Why did sales of umbrellas fall?"
    assert holds_wanted("Sales dipped 2% as demand for umbrellas fell in the dry spring.", "cause", asked)
    assert holds_wanted("Umbrella sales were hurt by a dry spring.", "cause", asked)
    assert not holds_wanted("Sales of umbrellas fell 2%, as well as sales of coats.", "cause", asked)


def test_question_a_price_per_unit_is_answered_by_a_rate() -> None:
    asked = "What price per share is the bidder paying?"
    assert not is_answer_shaped("The bidder is paying £800m for the brewer.", "money", asked)
    assert is_answer_shaped("The bidder is paying £800m, or 240 pence a share.", "money", asked)
    assert is_answer_shaped("It pays 240 pence a share.", "money", "How much is the bidder paying?")
