"""The question's focus held by its answer (issue 21, session 11): what a 'how many / how much' question
counts, a sum asked as 'how much profit', a unit of time that is no figure, the head of a body for 'who
runs X'. Our own sentences, no store needed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.brief.facts import Sources
from newsift.brief.heads import asks_for_head, head_rows, holds_head
from newsift.brief.matching import holds_answer, may_tell_of, years_fit
from newsift.brief.passageanswer import asks_whole_year, counted_first, passage_answer, tells_part_of_year
from newsift.brief.passages import PassageIndex, stem
from newsift.brief.question import (
    asks_about_speech,
    counted_noun,
    holds_wanted,
    is_answer_shaped,
    names_a_party,
    names_a_person,
    parse_question,
)
from newsift.brief.records import Citation, SentenceRow
from newsift.brief.wordfamily import synonyms
from newsift.model import Article, ContentType, Position, RawDocument
from newsift.store import SqliteStore


def _article(body: str, title: str = "Industry news", article_id: str = "x") -> Article:
    return Article(id=article_id, page_id=f"p-{article_id}", position=Position.MAIN, index=0, title=title,
                   body=body, published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


def _row(text: str) -> SentenceRow:
    return SentenceRow(text=text, citation=Citation(article_id="x", sentence=text), score=1.0)


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many nurses will the hospital hire?", "nurses"),
        ("How much net profit did the brewer make?", "net profit"),
        ("How many of its stores will the chain close?", "stores"),
        ("How much did the economy grow?", ""),
        ("Who runs the brewer?", ""),
    ],
    ids=["plural", "two-words", "of-its", "no-noun", "not-a-count"],
)
def test_question_reads_what_is_counted(question: str, counted: str) -> None:
    assert counted_noun(question) == counted


def test_question_how_much_profit_asks_a_sum_of_money() -> None:
    assert parse_question("How much profit did the brewer make last year?").expects == "money"
    assert parse_question("How much revenue did the airline report?").expects == "money"
    assert parse_question("How much did sales rise?").expects == "number"  # a change: a share answers


def test_question_a_unit_of_time_is_a_figure_only_for_a_question_of_length() -> None:
    sentence = "The brewer said this week that it would open a plant."
    assert not is_answer_shaped(sentence, "number", "How many plants will the brewer open?")
    assert is_answer_shaped("The strike will last a week.", "number", "How long will the strike last?")
    assert is_answer_shaped("It will open two plants.", "number", "How many plants will the brewer open?")


def test_question_a_cause_given_as_attributed_to() -> None:
    assert holds_wanted("Analysts attributed the slide to weak exports.", "cause")
    assert holds_wanted("Traders put the fall down to profit-taking.", "cause")
    assert not holds_wanted("Analysts expect exports to pick up.", "cause")


def test_counted_first_keeps_the_sentences_naming_what_is_counted() -> None:
    q = parse_question("How many nurses will the hospital hire?")
    beds = _row("The hospital will add 40 beds and hire staff.")
    nurses = _row("The hospital will hire 120 nurses next spring.")
    assert counted_first([beds, nurses], q) == [nurses]
    assert counted_first([beds], q) == [beds]  # none names them: the found sentences stay


def test_counted_first_reads_the_counted_noun_by_its_synonyms() -> None:
    assert "job" in synonyms(stem("staff"), stem)
    q = parse_question("How many staff will the carmaker lay off?")
    jobs = _row("The carmaker will cut 3,000 jobs by 2027.")
    plants = _row("The carmaker will close 2 plants.")
    assert counted_first([plants, jobs], q) == [jobs]


def test_ask_how_much_profit_is_answered_by_the_profit_not_the_revenue() -> None:
    body = (
        "Harbour Foods had a strong year, its report says. "
        "Its revenue rose in the second half to $900m. "
        "The company's annual profit of $75m beat forecasts."
    )
    index = PassageIndex([_article(body, title="Harbour Foods results")])
    question = parse_question("How much profit did Harbour Foods make in the second half?")
    forms = {"hf": ("Harbour Foods",)}
    answer = passage_answer(index, question, forms, limit=3, rerank=False)
    assert answer.text is not None and "$75m" in answer.text
    assert all("profit" in c.sentence for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who runs Harbour Foods?", True),
        ("Who heads the charity?", True),
        ("Who is the boss of the airline?", True),
        ("Who bought Harbour Foods?", False),
        ("Who said the plant would close?", False),
    ],
)
def test_question_who_runs_asks_for_the_head(question: str, asks: bool) -> None:
    assert asks_for_head(question) is asks


def test_heads_a_person_beside_a_head_title_heads_the_body() -> None:
    assert holds_head("Chief executive Jane Roe said sales would grow.", ["Harbour Foods"])
    assert holds_head("Jane Roe, the charity's director, said the survey was clear.", ["Age Watch"])
    assert not holds_head("Harbour Foods said sales would grow.", ["Harbour Foods"])
    assert not holds_head("The chief executive said sales would grow.", ["Harbour Foods"])


def test_ask_who_runs_a_body_named_only_in_its_article_s_lead() -> None:
    about = _article(
        "Voters over sixty turn out more than the young, says Age Watch. "
        "Charity boss Jane Roe said parties should listen. "
        "The survey asked 2,000 adults.",
        title="Older voters matter",
        article_id="a",
    )
    passing = _article(
        "Ministers met several groups, Age Watch among them. President John Doe of the farmers' union spoke.",
        title="Ministers meet groups",
        article_id="b",
    )
    index = PassageIndex([passing, about])
    assert [r.citation.article_id for r in head_rows(index, ["Age Watch"])] == ["a"]
    answer = passage_answer(index, parse_question("Who heads Age Watch?"), {"aw": ("Age Watch",)},
                            limit=3, rerank=False)  # fmt: skip
    assert answer.text == "Charity boss Jane Roe said parties should listen."


def test_wordfamily_suing_is_taking_to_court() -> None:
    assert stem("sued") in synonyms(stem("court"), stem)


def test_question_the_quoted_speaker_is_no_party_to_what_is_asked() -> None:
    quoted = 'Opposition leader Jane Roe said: "I am glad the minister will finally go to the summit."'
    assert names_a_person(quoted) and not names_a_party(quoted)
    assert names_a_party("Trade minister John Doe will go to the summit, officials said.")
    assert not names_a_party('"The summit matters," said Jane Roe.')
    assert asks_about_speech("Who warned that the summit would fail?")
    assert not asks_about_speech("Who will go to the summit?")


def test_ask_who_will_attend_is_not_answered_by_the_speaker_of_a_quote() -> None:
    body = (
        "Trade minister John Doe will attend the Lisbon summit on fishing quotas, it was announced. "
        'Opposition leader Jane Roe said: "I am glad the minister will attend the summit on fishing quotas."'
    )
    index = PassageIndex([_article(body, title="Minister to go to Lisbon")])
    answer = passage_answer(index, parse_question("Who will attend the summit on fishing quotas?"), {},
                            limit=3, rerank=False)  # fmt: skip
    assert answer.text is not None and "John Doe" in answer.text
    assert all("Jane Roe" not in c.sentence for c in answer.citations)
    said = passage_answer(index, parse_question("Who said she was glad about the summit?"), {},
                          limit=3, rerank=False)  # fmt: skip
    assert said.text is not None and "Jane Roe" in said.text


@pytest.mark.parametrize(
    "forms",
    [("hire", "hiring", "hired"), ("sale", "sales"), ("vote", "votes", "voting"), ("take", "taking", "taken"),
     ("agree", "agreed", "agrees"), ("fee", "fees")],
)  # fmt: skip
def test_passages_stem_a_four_letter_base_meets_its_forms(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1
    assert stem("free") == "free" and stem("use") == "use"  # a double "ee" and a word of three keep it


def _stored(path: Path, articles: list[Article]) -> SqliteStore:
    store = SqliteStore(path)
    for article in articles:
        raw = RawDocument(uri=f"{article.id}.txt", content=article.id.encode(), content_type=ContentType.TEXT,
                          fetched_at=datetime(2025, 5, 2, tzinfo=UTC))  # fmt: skip
        store.store_batch([(raw, [replace(article, page_id=raw.id)])], {})
    return store


def test_matching_a_year_asked_bounds_the_report_not_the_fetch(tmp_path: Path) -> None:
    undated = replace(_article("Output grew 2.1% in 2004.", article_id="u"), published_at=None)
    earlier = replace(
        _article("Output may grow in 2004.", article_id="e"), published_at=datetime(2003, 6, 1, tzinfo=UTC)
    )
    later = replace(
        _article("Output grew 2.1% in 2004.", article_id="l"), published_at=datetime(2005, 2, 1, tzinfo=UTC)
    )
    store = _stored(tmp_path / "years.db", [undated, earlier, later])
    sources = Sources(store)
    q = parse_question("How much did output grow in 2004?")
    # fetched in 2025, written when unknown: it may tell of 2004; a report of 2004 comes out in 2004 or later
    assert [may_tell_of(a, q, sources) for a in ("u", "e", "l")] == [True, False, True]
    assert may_tell_of("e", parse_question("How much did output grow?"), sources)
    store.close()


def test_matching_a_sentence_naming_only_other_years_tells_of_another_period() -> None:
    q = parse_question("How much did output grow in 2004?")
    assert years_fit("Output grew 2.1% in 2004, after 1.5% in 2003.", q)
    assert not years_fit("Output grew 1.5% in 2003.", q)
    assert years_fit("Output grew 2.1% last year.", q)  # no year named: it may still
    assert years_fit("Output grew 1.5% in 2003.", parse_question("How much did output grow?"))


def test_matching_a_seat_the_question_does_not_write_answers_where() -> None:
    q = parse_question("Where are the EU trade ministers meeting?")
    forms = ["European Union", "EU", "Brussels"]
    assert holds_answer("EU trade ministers are meeting on Monday in Brussels.", q, forms)
    assert not holds_answer("EU trade ministers are meeting on Monday.", q, forms)
    asked_there = parse_question("Where in Brussels are the EU ministers meeting?")
    assert not holds_answer("The EU ministers are meeting in Brussels.", asked_there, forms)


def test_question_what_did_a_measure_fall_to_asks_a_figure() -> None:
    assert parse_question("What did the factory index fall to in March?").expects == "number"
    assert parse_question("What has inflation risen to?").expects == "number"
    assert parse_question("What did the union agree to?").expects is None


def test_ask_the_time_of_a_figure_s_base_is_not_the_time_it_tells_of() -> None:
    body = (
        "Factory output slowed in March, a survey of managers shows. "
        "The factory index fell to 50.2 from 52.9 in February."
    )
    index = PassageIndex([_article(body)])
    answer = passage_answer(index, parse_question("What did the factory index fall to in March?"), {},
                            limit=3, rerank=False)  # fmt: skip
    assert answer.text is not None and "50.2" in answer.text


def test_ask_a_question_of_a_whole_year_is_answered_first_by_the_year_s_figure() -> None:
    assert asks_whole_year(parse_question("How much did the economy grow over the whole of 2004?"))
    assert not asks_whole_year(parse_question("How much did the economy grow in the third quarter of 2004?"))
    assert tells_part_of_year("Output grew 0.8% in the last quarter of 2004.")
    assert not tells_part_of_year("Output grew 0.8% in the last quarter and 2.9% for the full year.")
    body = (
        "The Nordic economy grew 0.9% in the last quarter of 2004, official data show. "
        "Over 2004 the Nordic economy grew 2.9%, the best result since 2000."
    )
    index = PassageIndex([_article(body)])
    answer = passage_answer(index, parse_question("How much did the Nordic economy grow in 2004?"), {},
                            limit=3, rerank=False)  # fmt: skip
    assert answer.text is not None and "2.9%" in answer.text and "0.9%" not in answer.text
