"""Candidate recall for `ask` (issue 21): a sentence found with its neighbours, a quote found through its
article's lead. Our own sentences, no model and no network."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.brief.factlist import select_quote_lines
from newsift.brief.facts import Sources
from newsift.brief.matching import mentions_any
from newsift.brief.passageanswer import passage_answer
from newsift.brief.passages import PassageIndex, extract_query_terms, normalize_designators
from newsift.brief.passagesearch import search_windows
from newsift.brief.question import entity_forms, parse_question
from newsift.model import Article, Entity, EntityKind, Evidence, Position, Quote, QuoteKind
from newsift.store import SqliteStore

LOSS = "Harbour Mining said its annual losses had deepened to 40 million pounds."
BLAME = "The miner blamed flooding at two pits and a long strike for the setback."
OTHER = "Its shares closed lower in London on Thursday."
ASKED = "What did Harbour Mining blame for its larger losses?"


def _article(body: str, title: str = "Mining results", article_id: str = "x") -> Article:
    return Article(id=article_id, page_id="p", position=Position.MAIN, index=0, title=title, body=body,
                   published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


def test_passages_a_sentence_holds_the_question_with_its_neighbours() -> None:
    index = PassageIndex([_article(f"{LOSS} {BLAME} {OTHER}")])
    assert BLAME not in [p.text for p in index.search(ASKED, limit=3)]  # it holds too little alone
    found = {p.text: p for p in index.search_windows(ASKED, limit=3)}
    assert found[BLAME].citation.sentence == BLAME  # the neighbour lends words, the sentence is cited


def test_passages_a_window_needs_a_question_word_in_the_sentence_itself() -> None:
    index = PassageIndex([_article(f"{LOSS} {OTHER}")])
    found = index.search_windows(ASKED, limit=3)
    assert OTHER not in [p.text for p in found]  # 'Its shares closed lower' holds no word of the question


def test_passages_a_window_stays_inside_its_article() -> None:
    index = PassageIndex(
        [_article(LOSS, article_id="a"), _article(BLAME, title="Pits flooded", article_id="b")]
    )
    assert index.search_windows(ASKED, limit=3) == []


def test_ask_a_cause_given_in_the_sentence_after_the_topic_answers() -> None:
    index = PassageIndex([_article(f"{LOSS} {BLAME} {OTHER}")])
    question = parse_question(ASKED)
    assert question.wants == "cause"  # 'what did X blame' asks for a cause, which LOSS does not give
    answer = passage_answer(index, question, {"hm": ("Harbour Mining",)}, limit=3, rerank=False)
    assert answer.text == BLAME
    assert [c.sentence for c in answer.citations] == [BLAME]


def test_ask_a_window_answer_holds_more_than_the_names() -> None:
    """A drill sentence naming A and B whose neighbour speaks of submarines sold does not answer 'What
    submarines has A sold to B?': the sentence itself must hold a word of what is asked beyond the names."""
    drill = "The navies of Norland and Sudia held their yearly drill off the coast in May."
    body = (
        "Norland and Sudia have close ties. Sudia buys grain from Norland, and Norland buys Sudia's tea. "
        f"{drill} Submarines of a third navy were sold for scrap later that year."
    )
    index = PassageIndex([_article(body, title="Navy drill")])
    asked = "What submarines has Norland sold to Sudia?"
    question = parse_question(asked)
    assert drill in [p.text for p in index.search_windows(asked, limit=5)]  # the window alone admits it
    found = search_windows(index, question, lambda *_: True, ["Norland", "Sudia"], limit=5, same={})
    assert drill not in [p.text for p in found]


class _Pages(Sources):
    def __init__(self, store: SqliteStore, articles: list[Article]) -> None:
        super().__init__(store)
        self._articles = {a.id: a for a in articles}

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def names(self) -> dict[str, str]:
        return {}


def _quote(article: Article, sentence: str, n: int) -> Quote:
    start = article.text.index(sentence)
    end = start + len(sentence)
    evidence = Evidence(article_id=article.id, sentence=n, start=start, end=end, text=sentence)
    return Quote(id=f"q{n}", article_id=article.id, speaker_id=None, speaker_text="the mayor", text=sentence,
                 start=start, end=end, kind=QuoteKind.INDIRECT, evidence=evidence, cue="said")  # fmt: skip


APPOINTED = "The city's first harbour ombudsman has been appointed."
PRAISED = "The mayor said Ms Reyes would give fishermen a stronger voice."


def test_ask_quote_lines_reach_the_topic_through_the_article_lead(tmp_path: Path) -> None:
    """No quote sentence names 'the ombudsman', but the quote's article opens with the appointment."""
    article = _article(f"{APPOINTED} She starts on Monday. {PRAISED}", title="Harbour ombudsman named")
    sources = _Pages(SqliteStore(tmp_path / "s.db"), [article])
    _, citations = select_quote_lines([_quote(article, PRAISED, 2)], "the new ombudsman", sources)
    assert [c.sentence for c in citations] == [PRAISED]


def test_ask_quote_lines_do_not_reach_a_topic_the_lead_does_not_name(tmp_path: Path) -> None:
    article = _article(f"{APPOINTED} She starts on Monday. {PRAISED}", title="Harbour ombudsman named")
    sources = _Pages(SqliteStore(tmp_path / "s.db"), [article])
    assert select_quote_lines([_quote(article, PRAISED, 2)], "the bus fares", sources) == ([], [])


@pytest.mark.parametrize(
    ("written", "asked"),
    [("F-16s", "F16"), ("Bayraktar TB-2", "Bayraktar TB2"), ("Su-30MKI", "Su30MKI"), ("S-400", "S400")],
    ids=["plural", "two-capitals", "capital-and-small", "one-capital"],
)
def test_passages_a_designator_is_one_word_however_it_is_joined(written: str, asked: str) -> None:
    assert extract_query_terms(written) == extract_query_terms(asked)


@pytest.mark.parametrize("text", ["Mid-2005", "Covid-19 cases", "in May 2024", "Type 26"])
def test_passages_a_year_or_a_lower_case_word_is_no_designator(text: str) -> None:
    assert normalize_designators(text) == text


def test_ask_a_designator_written_otherwise_names_the_same_system() -> None:
    stored = [Entity(id="system:tx2", kind=EntityKind.WEAPON_SYSTEM, name="Skarp TX2")]
    assert parse_question("Who makes the Skarp TX-2?", stored).entities == ("system:tx2",)
    assert mentions_any("Baykar delivered more TB-2s in May.", ("TB2",))
    assert not mentions_any("Baykar delivered more TB-3s in May.", ("TB2",))


def test_ask_a_question_writing_a_designator_otherwise_finds_its_sentence() -> None:
    body = "The air force flies 76 F-16s from two bases. A new radar was fitted last year."
    index = PassageIndex([_article(body, title="Air force")])
    answer = passage_answer(index, parse_question("How many F16 jets does the air force fly?"), {},
                             limit=3, rerank=False)  # fmt: skip
    assert answer.text == body.split(" A new")[0]


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Which Texan town will host the games?", "Texas"),
        ("What did Bavarian officials announce?", "Bavaria"),
        ("Which Kashmiri town was cut off?", "Kashmir"),
    ],
    ids=["listed", "rule-an", "rule-i"],
)
def test_question_a_demonym_names_its_region(question: str, place: str) -> None:
    stored = [Entity(id=f"place:{place.lower()}", kind=EntityKind.PLACE, name=place)]
    assert parse_question(question, stored).entities == (f"place:{place.lower()}",)


def test_question_a_region_is_also_named_by_its_demonym_but_a_person_is_not() -> None:
    stored = [
        Entity(id="place:bavaria", kind=EntityKind.PLACE, name="Bavaria"),
        Entity(id="person:anna", kind=EntityKind.PERSON, name="Anna"),
    ]
    assert "Bavarian" in entity_forms("place:bavaria", stored)
    assert entity_forms("person:anna", stored) == ("Anna",)
    assert parse_question("What did the Annan report say?", stored).entities == ()
