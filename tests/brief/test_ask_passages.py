"""Question shapes and passage choice for `ask` (issue 21): our own sentences, no store needed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.brief.passageanswer import passage_answer
from newsift.brief.passages import PassageIndex, stem
from newsift.brief.question import is_answer_shaped, parse_question
from newsift.model import Article, Position


def _article(body: str, title: str = "Navy news", article_id: str = "x") -> Article:
    return Article(id=article_id, page_id="p", position=Position.MAIN, index=0, title=title, body=body,
                   published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("How much is the order for 12 patrol boats worth?", "money"),
        ("How much did the city pay for the new bridge?", "money"),
        ("How much does the mayor earn from the board seat?", "money"),
        ("How much did exports fall in May?", "number"),
        ("How much did the bank raise its lending rate?", "number"),  # a raise is not always money
        ("By how much did the harbour fees rise?", "number"),
        ("Up to what share may outsiders own a bank?", "number"),
        ("By what percentage did steel output drop?", "number"),
        ("Which yard built the frigates?", None),
        ("On what date will the new ferry enter service?", "time"),
        ("Which day was the harbour closed?", "time"),
        ("Which daily newspaper broke the story?", None),
    ],
    ids=[
        "worth",
        "pay",
        "earn",
        "how-much-fall",
        "raise-a-rate",
        "by-how-much",
        "up-to-what-share",
        "by-what-pct",
        "which",
        "on-what-date",
        "which-day",
        "daily-is-no-day",
    ],
)
def test_question_money_is_a_shape_of_its_own(question: str, expects: str | None) -> None:
    assert parse_question(question).expects == expects


def test_question_a_number_the_question_states_does_not_answer_it() -> None:
    asked = "How much is the order for 12 patrol boats worth?"
    assert not is_answer_shaped("Chile signed the order for 12 patrol boats.", "money", asked)
    assert not is_answer_shaped("The order for 12 boats was signed in 2023.", "money", asked)
    assert is_answer_shaped("The order for 12 boats is worth $310 million.", "money", asked)
    assert is_answer_shaped("Each boat costs 40 million euros.", "money", asked)
    assert is_answer_shaped("The yard will hire 400 welders.", "number", "How many welders will it hire?")
    assert not is_answer_shaped("The yard will hire 12 welders.", "number", "Will 12 welders be enough?")


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (("dropped", "drop", "drops"), True),
        (("planning", "planned", "plan"), True),
        (("suing", "sue", "sued"), True),
        (("likeliest", "likely"), True),
        (("added", "add"), True),
        (("thing", "the"), False),
        (("bring", "bre"), False),
        (("chosen", "choose", "chose"), True),
        (("wrote", "write", "writes"), True),
        (("employees", "employee"), True),
        (("committees", "committee"), True),
        (("fees", "fee"), True),
    ],
    ids=[
        "doubled-ed",
        "doubled-ing",
        "short-ing",
        "superlative",
        "dd-kept",
        "thing",
        "bring",
        "irregular-e",
        "irregular-e-2",
        "ees-plural",
        "ees-plural-2",
        "ees-short",
    ],
)
def test_passages_stem_undoubles_and_reads_superlatives(forms: tuple[str, ...], same: bool) -> None:
    assert (len({stem(f) for f in forms}) == 1) is same


def test_ask_a_sentence_saying_the_deal_answers_a_question_naming_it() -> None:
    body = (
        "Chile ordered six Harbour Guardian patrol boats from a Dutch yard in 2023. "
        "The budget committee of the senate approved the deal a month later. "
        "Crews will train in Rotterdam."
    )
    index = PassageIndex([_article(body)])
    question = parse_question("Which senate body approved the Harbour Guardian deal?")
    answer = passage_answer(index, question, {"hg": ("Harbour Guardian",)}, limit=3, rerank=False)
    assert answer.text == "The budget committee of the senate approved the deal a month later."


def test_ask_the_rest_of_the_question_must_be_held_too() -> None:
    body = "Chile ordered six Harbour Guardian patrol boats in 2023. Crews will train in Rotterdam."
    index = PassageIndex([_article(body)])
    question = parse_question("Which senate body approved the Harbour Guardian deal?")
    answer = passage_answer(index, question, {"hg": ("Harbour Guardian",)}, limit=3, rerank=False)
    assert answer.text is None


def test_ask_a_second_sentence_stays_only_when_it_holds_as_much_of_the_question() -> None:
    body = (
        "The frigate Almirante Cochrane sailed from Valparaiso on Monday with a crew of 180. "
        "The frigate Almirante Cochrane sailed from Valparaiso after repairs costing little."
    )
    index = PassageIndex([_article(body)])
    question = parse_question("Did the frigate Almirante Cochrane sail from Valparaiso?")
    answer = passage_answer(index, question, {}, limit=3, rerank=False)
    assert len(answer.citations) == 2  # both hold every word of the question
    asked = parse_question("Did the Almirante Cochrane frigate sail from Valparaiso with its crew?")
    answer = passage_answer(index, asked, {}, limit=3, rerank=False)
    assert [c.sentence for c in answer.citations] == [body.split(". ")[0] + "."]


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who chairs the port authority?", True),
        ("Which retired admiral was named envoy?", False),  # 'envoy' is not the noun asked about
        ("Which Chilean minister signed the order?", True),
        ("What did the minister say about the boats?", False),
        ("Which yard built the frigates?", False),
    ],
    ids=["who", "which-adjectives-other-noun", "which-minister", "what-did", "which-yard"],
)
def test_question_reads_a_question_asking_for_a_person(question: str, asks: bool) -> None:
    from newsift.brief.question import asks_for_person

    assert asks_for_person(question) is asks


def test_question_names_a_person_other_than_the_known_ones() -> None:
    from newsift.brief.question import names_a_person

    assert names_a_person("Maria Soto took charge of the yard.")
    assert names_a_person("The yard is run by Mr Soto.")
    assert not names_a_person("One of Chile's best-known builders resigned on Friday.", ["Chile"])
    assert not names_a_person("Maria Soto took charge of the yard.", ["Maria Soto"])
    assert not names_a_person("The order was signed on Monday, March 3.")


def test_ask_a_name_given_in_the_next_sentence_completes_a_who_answer() -> None:
    body = (
        "One of the port's longest-serving pilots was dismissed on Friday over falsified safety logs. "
        "Tomas Berg had guided tankers into the harbour for thirty years. "
        "The harbour reopened on Sunday."
    )
    index = PassageIndex([_article(body)])
    question = parse_question("Was a pilot dismissed over falsified safety logs?")  # no name asked for
    assert [c.sentence[:8] for c in passage_answer(index, question, {}, limit=3, rerank=False).citations] == [
        "One of t"
    ]
    who = parse_question("Which harbour official was dismissed over falsified safety logs?")
    answer = passage_answer(index, who, {}, limit=3, rerank=False)
    assert answer.text is not None and "Tomas Berg" in answer.text
    # the name's sentence is the answer and its citation; the lead is context
    assert [c.sentence[:8] for c in answer.citations] == ["Tomas Be"]
    assert answer.passages[0].text.startswith("One of the port's")


def test_ask_of_two_close_sentences_the_one_naming_the_person_answers() -> None:
    body = (
        "The harbour board met on Monday to choose a new chair for the port authority. "
        "The port authority chair went to Ines Varga after the board met on Monday."
    )
    index = PassageIndex([_article(body)])
    answer = passage_answer(index, parse_question("Who was chosen to chair the port authority on Monday?"),
                             {}, limit=3, rerank=False)  # fmt: skip
    assert [c.sentence[:8] for c in answer.citations] == ["The port"]


def test_passages_a_verb_of_weighing_an_action_is_no_content_word() -> None:
    from newsift.brief.passages import extract_query_terms

    assert extract_query_terms("Which port is considering suing the shipyard?") == ["port", "sue", "shipyard"]
    body = "The port authority may sue the shipyard over the delays. The shipyard opened in 1990."
    (hit,) = PassageIndex([_article(body)]).search("Is the port weighing suing the shipyard?", rerank=False)
    assert hit.text == "The port authority may sue the shipyard over the delays."


def test_question_a_bare_million_is_a_count_not_money() -> None:
    asked = "How much will the carmaker invest in its new plant?"
    assert not is_answer_shaped(
        "The carmaker expects to sell 2.4 million cars a year by 2030.", "money", asked
    )
    assert is_answer_shaped("The carmaker will invest $2.4 billion in the plant.", "money", asked)
    assert is_answer_shaped("The plant will cost 900 million euros.", "money", asked)
