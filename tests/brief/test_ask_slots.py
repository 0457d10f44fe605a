"""Issue 21: question slots matched to what a sentence holds (a count, the asked change, the asked
recipient, the asked class, the asked person). Our own sentences, invented firms and people."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.brief.ask import _naming_person
from newsift.brief.factlist import named_item
from newsift.brief.passageanswer import _gives_elsewhere, passage_answer
from newsift.brief.passages import PassageIndex
from newsift.brief.polarity import opposes
from newsift.brief.question import drop_slot_noun, is_answer_shaped, parse_question
from newsift.brief.records import Citation, FactRow
from newsift.model import Article, Position


def _article(body: str, title: str = "Industry news", article_id: str = "x") -> Article:
    return Article(id=article_id, page_id=f"p-{article_id}", position=Position.MAIN, index=0, title=title,
                   body=body, published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "sentence", "opposed"),
    [
        ("When will the bank raise rates?", "The bank cut its rate to 3% on Friday.", True),
        ("When did the bank cut rates?", "The bank raised its rate to 5% in May.", True),
        ("When did the bank cut rates?", "The bank cut its rate to 3% on Friday.", False),
        ("When did the mill close?", "The mill opened in 1990.", True),
        ("Did the mill close?", "The mill, opened in 1990, closed last week.", False),
        ("Who chairs the board?", "The bank cut its rate.", False),
    ],
    ids=["raise-vs-cut", "cut-vs-raise", "same-side", "close-vs-open", "both-held", "no-change-asked"],
)
def test_ask_an_opposite_change_does_not_answer(question: str, sentence: str, opposed: bool) -> None:
    assert opposes(question, sentence) is opposed


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Lithuania and Latvia also fly the Z7 drone, and Chile chose it in 2023.", False),
        ("The firm delivered 40 Z7 drones in 2023.", True),
        ("The F-35 fleet grew in 2021.", False),
        ("It bought 2,000 trucks.", True),
        ("It will sell five ferries.", True),
    ],
    ids=["year-and-designator", "a-count", "designator-only", "thousands", "a-number-word"],
)
def test_ask_a_year_or_a_designator_counts_nothing(sentence: str, counts: bool) -> None:
    assert is_answer_shaped(sentence, "number", "How many Z7 drones has the firm delivered?") is counts


def test_ask_a_year_still_answers_how_long_and_when() -> None:
    assert is_answer_shaped("The plant opened in 2019.", "time", "When did the plant open?")
    assert is_answer_shaped("It ran until 2019.", "number", "How long did the plant run?")


@pytest.mark.parametrize(
    ("question", "slotless"),
    [
        ("Which countries also fly the Z7?", "Which also fly the Z7?"),
        ("What company bought the brewery?", "What bought the brewery?"),
        ("In which city did the talks take place?", "In which did the talks take place?"),
        ("Who bought the brewery?", "Who bought the brewery?"),
    ],
    ids=["which-countries", "what-company", "in-which-city", "no-class-asked"],
)
def test_ask_the_class_noun_is_dropped_from_the_slot(question: str, slotless: str) -> None:
    assert drop_slot_noun(question) == slotless


def test_ask_which_countries_is_answered_by_the_names_of_countries() -> None:
    body = (
        "Coastline Aero said on Monday that it had built its hundredth Z7 drone. "
        "Lithuania, Latvia and Chile also fly the Z7, the firm said. "
        "The company employs 900 people."
    )
    index = PassageIndex([_article(body)])
    question = parse_question("Which countries also fly the Z7?")
    answer = passage_answer(index, question, {"z7": ("Z7",)}, limit=3, rerank=False)
    assert answer.text is not None and "Lithuania, Latvia and Chile" in answer.text


@pytest.mark.parametrize(
    ("sentence", "elsewhere"),
    [
        ("Coastline Aero delivered 40 drones to Chile in May.", True),
        ("Coastline Aero delivered 40 drones to Peru in May.", False),
        ("Coastline Aero has delivered 40 drones so far.", False),
        ("Peru and Chile received drones built for the Andean market.", False),
    ],
    ids=["another-recipient", "the-asked-recipient", "no-recipient", "recipient-named-too"],
)
def test_ask_a_sentence_giving_to_another_name_tells_of_another_recipient(
    sentence: str, elsewhere: bool
) -> None:
    assert _gives_elsewhere(sentence, ("Peru", "Peruvian")) is elsewhere


def _row(sentence: str) -> FactRow:
    citation = Citation(article_id="x", sentence=sentence)
    return FactRow(
        kind="event", text=sentence, status="asserted", statuses=("asserted",), citations=(citation,)
    )


def test_ask_who_is_answered_by_the_rows_naming_a_person() -> None:
    pact = _row("Chile and Peru sign a fishing pact")
    signer = _row("Trade minister Ana Rivas signed for Chile in Lima.")
    question = parse_question("Who signed the fishing pact for Chile?")
    forms = {"CHL": ("Chile", "Chilean")}
    assert _naming_person(question, [pact, signer], forms) == [signer]
    assert _naming_person(parse_question("When was the fishing pact signed?"), [pact, signer], forms) == [
        pact,
        signer,
    ]


@pytest.mark.parametrize(
    ("sentence", "answered"),
    [
        ("Factory output grew 2.6% in 2023 and 2.1% in May, the agency said.", False),
        ("Factory output grew 0.4%, the agency said.", True),
        ("Factory output grew 0.4% in June, the agency said.", True),
    ],
    ids=["only-other-times", "no-time-named", "the-asked-time"],
)
def test_ask_a_sentence_naming_only_other_times_tells_of_another_period(
    sentence: str, answered: bool
) -> None:
    index = PassageIndex(
        [_article(f"{sentence} The agency publishes its figures every month. Exports rose.")]
    )
    question = parse_question("How much did factory output grow in June?")
    answer = passage_answer(index, question, {}, limit=3, rerank=False)
    assert (answer.text is not None) is answered


@pytest.mark.parametrize(
    ("item", "sentence", "named"),
    [
        (
            "howitzers",
            "The firm delivered 36 Z9 self-propelled howitzers to Chile.",
            "Z9 self-propelled howitzers",
        ),
        ("submarines", "Peru ordered two Type 300X submarines in May.", "Type 300X submarines"),
        ("howitzers", "The firm delivered howitzers to Chile.", "howitzers"),
        ("ferries", "Two new passenger ferries arrived.", "ferries"),
        ("Z9 guns", "It sold 12 Z9 guns.", "Z9 guns"),
    ],
    ids=["designator-before", "type-name-before", "a-verb-before", "plain-words-before", "already-named"],
)
def test_ask_a_list_line_names_the_item_as_its_sentence_does(item: str, sentence: str, named: str) -> None:
    assert named_item(item, sentence) == named


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Millions of nurses could strike, union leaders warned.", False),
        ("The board backed a multi-billion dollar plan.", False),
        ("Up to 1.2m nurses could strike on 3 May.", True),
        ("Hundreds of jobs will go, 450 of them in Leeds.", True),
    ],
    ids=["millions-of", "multi-billion", "a-figure", "vague-and-a-figure"],
)
def test_ask_a_vague_amount_is_no_figure(sentence: str, figure: bool) -> None:
    assert is_answer_shaped(sentence, "number", "How many nurses could strike?") is figure
