from __future__ import annotations

import pytest
from tests.brief.conftest import DENIAL, DRONES, DRONES_2, EXERCISE, PARTS, RAFALE, TRUST, UPGRADE

from newsift.brief.ask import answer_question
from newsift.brief.passages import PassageIndex, stem
from newsift.brief.question import parse_question
from newsift.store import SqliteStore


@pytest.mark.parametrize(
    ("question", "entities", "source", "target", "types", "status", "window"),
    [
        (
            "What has Turkey supplied to Pakistan since 2020?",
            ("TUR", "PAK"),
            "TUR",
            "PAK",
            (("AID", "arms_transfer"),),
            None,
            (2020, None),
        ),
        (
            "Who denied the arms delivery to Pakistan?",
            ("PAK",),
            None,
            None,
            (("AID", "arms_transfer"),),
            "denied",
            (None, None),
        ),
        (
            "Which drones did Pakistan buy from Turkey in 2022?",
            ("PAK", "TUR"),
            "TUR",
            "PAK",
            (("AID", "arms_transfer"),),
            None,
            (2022, 2022),
        ),
        (
            "Did Bangladesh sign a pact with Turkey?",
            ("BGD", "TUR"),
            "BGD",
            "TUR",
            (("AGREE", None), (None, "defence_pact")),
            None,
            (None, None),
        ),
    ],
    ids=["supply-since", "who-denied", "bought-from-in", "bangladesh-is-not-a-ban"],
)
def test_question_reads_entities_direction_types_status_and_window(
    question: str,
    entities: tuple[str, ...],
    source: str | None,
    target: str | None,
    types: tuple[tuple[str | None, str | None], ...],
    status: str | None,
    window: tuple[int | None, int | None],
) -> None:
    parsed = parse_question(question)
    assert parsed.entities == entities
    assert (parsed.source, parsed.target) == (source, target)
    assert parsed.types == types and parsed.status == status
    assert (parsed.since_year, parsed.until_year) == window


def test_ask_supply_since_2020_answers_from_records_without_the_denied_delivery(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What has Turkey supplied to Pakistan since 2020?")
    assert answer.method == "records"
    assert answer.text == (
        "1. Baykar → Pakistan arms transfer: Bayraktar TB2 · 2022 (attributed · theprint, dawn) [1]"
    )
    assert [c.sentence for c in answer.citations] == [DRONES]
    assert [c.sentence for c in answer.facts[0].citations] == [DRONES, DRONES_2]
    assert all(f.year is None or f.year >= 2020 for f in answer.facts)


def test_issue_21_supply_lists_every_transfer_and_upgrade_each_cited(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What has Turkey supplied to Pakistan?")
    lines = (answer.text or "").splitlines()
    assert lines == [
        "1. Turkish Aerospace → Pakistan upgrade: F-16 · 41 units · $75 million · 2019"
        " (asserted · theprint) [1]",
        "2. Baykar → Pakistan arms transfer: Bayraktar TB2 · 2022 (attributed · theprint, dawn) [2]",
    ]
    assert [c.sentence for c in answer.citations] == [UPGRADE, DRONES]
    assert DENIAL not in [c.sentence for c in answer.citations]


def test_ask_who_denied_names_the_denier_and_cites_the_sentence(db: str) -> None:
    answer = answer_question(SqliteStore(db), "Who denied the arms delivery to Pakistan?")
    assert answer.text == f"1. Turkish Defence Ministry: {DENIAL} (denied · theprint) [1]"
    assert [(c.article_id, c.sentence) for c in answer.citations] == [("a1", DENIAL)]
    assert answer.facts[0].status == "denied"


def test_issue_21_what_did_x_say_about_y_answers_from_the_speakers_quote(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What did Rehan Qadir say about spare parts?")
    assert answer.method == "quotes"
    assert answer.text == f"1. Rehan Qadir: {PARTS} [1]"
    assert [c.sentence for c in answer.citations] == [PARTS]


def test_issue_21_a_speaker_without_a_quote_on_the_topic_has_no_answer(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What did Rehan Qadir say about submarines?")
    assert answer.text is None


def test_issue_21_what_happened_between_lists_the_dyad_in_time_order(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What happened between Turkey and Pakistan since 2020?")
    lines = (answer.text or "").splitlines()
    assert [line.split(". ", 1)[0] for line in lines] == ["1", "2"]
    assert "Bayraktar TB2 · 2022" in lines[0] and EXERCISE in lines[1]


def test_ask_direction_matters(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What has India supplied to France?")
    assert answer.text is None


def test_ask_unknown_dyad_has_no_answer_in_the_sources(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What did Brazil sell to Norway?")
    assert (answer.text, answer.citations, answer.method) == (None, (), "none")


def test_ask_falls_back_to_passages_with_an_extractive_answer(db: str) -> None:
    answer = answer_question(SqliteStore(db), "How long has the partnership rested on trust?", rerank=False)
    assert answer.method == "passages"
    assert answer.text == TRUST and answer.citations[0].article_id == "a1"


def test_ask_unrelated_question_has_no_answer(db: str) -> None:
    assert answer_question(SqliteStore(db), "What is the boiling point of mercury?").text is None


def test_ask_records_answer_prefers_sentences_sharing_the_question_words(db: str) -> None:
    answer = answer_question(SqliteStore(db), "Which jets completed delivery?")
    assert [c.sentence for c in answer.citations] == [RAFALE]


def test_passages_bm25_needs_half_the_weighted_terms() -> None:
    from datetime import UTC, datetime

    from newsift.model import Article, Position

    article = Article(
        id="x",
        page_id="p",
        position=Position.MAIN,
        index=0,
        title="Harbour news",
        body="The frigate sailed from the northern harbour at dawn. Fishing boats stayed in port all week.",
        published_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    index = PassageIndex([article])
    (hit,) = index.search("When did the frigate sail?", rerank=False)
    assert hit.text == "The frigate sailed from the northern harbour at dawn."
    assert index.search("Which submarine sailed at night?", rerank=False) == []
    assert stem("supplied") == stem("supplies") == "supply"


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("How much did Germany's economy shrink?", "number"),
        ("To what rate was corporate tax cut?", "number"),
        ("By when are deliveries expected?", "time"),
        ("Who built the submarines?", None),
    ],
    ids=["how-much", "to-what-rate", "by-when", "who"],
)
def test_question_reads_the_shape_of_the_answer(question: str, expects: str | None) -> None:
    assert parse_question(question).expects == expects


def test_question_lowercase_word_is_not_a_stored_entity() -> None:
    from newsift.model import Entity, EntityKind

    slip = Entity(id="organisation:telecoms", kind=EntityKind.ORGANISATION, name="Telecoms")
    assert parse_question("Did India open telecoms to investors?", [slip]).entities == ("IND",)
    assert parse_question("Did India open Telecoms to investors?", [slip]).entities == ("IND", slip.id)


def test_passages_stem_meets_irregular_past_and_final_e() -> None:
    assert stem("shrank") == stem("shrinking") == stem("shrink")
    assert stem("raised") == stem("raise") and stem("agreed") == stem("agree")


def test_ask_how_much_answers_with_a_sentence_holding_an_amount(db: str) -> None:
    answer = answer_question(SqliteStore(db), "How much was the F-16 upgrade deal worth?", rerank=False)
    assert answer.text is not None and "$75 million" in answer.text
    assert all(any(ch.isdigit() for ch in c.sentence) for c in answer.citations)


def test_issue_21_question_reads_the_speaker_topic_and_intent() -> None:
    from newsift.model import Entity, EntityKind

    analyst = Entity(id="rehan-qadir", kind=EntityKind.PERSON, name="Rehan Qadir")
    said = parse_question("What did Rehan Qadir say about spare parts?", [analyst])
    assert (said.intent, said.speaker, said.topic) == ("say", "rehan-qadir", "spare parts")
    assert parse_question("What happened between Turkey and Pakistan since 2020?").intent == "dyad"
    assert parse_question("What has Turkey upgraded for Pakistan?").intent == "list"
    assert parse_question("Which jets completed delivery?").intent == ""  # no actor: not a list
    assert parse_question("Who denied the sale?").intent == "status"


def test_issue_21_status_words_give_way_to_a_cue_in_the_sentence() -> None:
    from newsift.brief.question import drop_status_words, has_status_cue

    assert (
        drop_status_words("Who denied that the jets were shot down?") == "Who  that the jets were shot down?"
    )
    assert has_status_cue("The minister called the report inaccurate.", "denied")
    assert not has_status_cue("The air force shot down two jets.", "denied")
    assert has_status_cue("The air force shot down two jets.", None)


def test_issue_21_passages_count_an_entity_form_for_another() -> None:
    from datetime import UTC, datetime

    from newsift.model import Article, Position

    body = "India has not confirmed the loss of any jet. The weather in Paris was mild all week."
    article = Article(id="x", page_id="p", position=Position.MAIN, index=0, title="Air force statement",
                      body=body, published_at=datetime(2024, 1, 1, tzinfo=UTC))  # fmt: skip
    index = PassageIndex([article])
    assert index.search("Was the Indian jet loss confirmed?", rerank=False, min_coverage=0.9) == []
    same = {"indian": frozenset({"indian", "india"})}
    (hit,) = index.search("Was the Indian jet loss confirmed?", rerank=False, min_coverage=0.9, same=same)
    assert hit.text == "India has not confirmed the loss of any jet."


@pytest.mark.parametrize(
    ("when", "year", "expected"),
    [
        (
            {"text": "March 2022", "value": "2022-03", "precision": "month", "source": "stated"},
            2022,
            "March 2022",
        ),
        (
            {"text": None, "value": "2025-07-26", "precision": "day", "source": "report"},
            None,
            "2025-07-26 (report date)",
        ),
        (None, 2019, "2019"),
    ],
    ids=["stated-time", "report-date-marked", "year-before-the-time-field"],
)
def test_issue_21_event_time_reads_the_time_record_when_the_store_has_one(
    when: dict[str, str | None] | None, year: int | None, expected: str
) -> None:
    from types import SimpleNamespace
    from typing import cast

    from newsift.brief.factlist import event_time_text
    from newsift.model import Event

    event = SimpleNamespace(time=SimpleNamespace(**when) if when else None, time_text=None, year=year)
    assert event_time_text(cast(Event, event)) == expected


def test_ask_a_quote_answers_a_topic_given_in_another_word_of_its_family(db: str) -> None:
    answer = answer_question(SqliteStore(db), "What did Rehan Qadir say about refusals?")  # 'refused' said
    assert answer.method == "quotes"
    assert [c.sentence for c in answer.citations] == [PARTS]
