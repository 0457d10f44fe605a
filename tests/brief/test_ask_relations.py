"""Issue 21: an answer comes only from sentences that carry the asked relation, and cites the fact's own
sentence. Our own sentences (public facts in our words, invented parties)."""

from __future__ import annotations

import pytest
from tests.brief.conftest import PAK, TUR, _article, _event

from newsift.brief.ask import answer_question, mentions_any
from newsift.brief.factfilter import select_on_topic
from newsift.brief.facts import Sources
from newsift.brief.factsearch import carries_relation, is_described
from newsift.brief.passageanswer import gives_back, retold_fact
from newsift.brief.passages import PassageIndex
from newsift.brief.question import parse_question
from newsift.brief.records import Citation, FactRow, SentenceRow
from newsift.model import Actor, Claim, ClaimStatus, EventMode, Evidence, PloverType
from newsift.store import SqliteStore

AZE = Actor(text="Azerbaijan", id="AZE", code="AZE")
FORMS = {"TUR": ("Turkey", "Turkish"), "PAK": ("Pakistan", "Pakistani")}
TO_THIRD = "Turkey sold Bayraktar drones to Azerbaijan, Pakistan's close partner, in 2020."
TO_ASKED = "Turkey delivered two corvettes to Pakistan in 2023."
ITEM_AS_ACTOR = "The Hangor-class submarines will later join the fleet that Pakistan is building."


def _supply(sentence: str, suffix: str, **fields: object) -> object:
    article = _article("r1", "dawn", 2, "Turkey and Pakistan", [TO_THIRD, TO_ASKED, ITEM_AS_ACTOR])
    base = {"type": PloverType.AID, "mode": EventMode.MILITARY, "subtype": "arms_transfer"}
    return _event(article, sentence, suffix, **(base | fields))


@pytest.mark.parametrize(
    ("sentence", "fields", "carries"),
    [
        pytest.param(TO_ASKED, {"source": (TUR,), "target": (PAK,), "item": "corvettes"}, True, id="asked"),
        pytest.param(TO_THIRD, {"source": (TUR,), "target": (AZE,), "item": "drones"}, False, id="third"),
        pytest.param(TO_ASKED, {"source": (PAK,), "target": (TUR,), "item": "corvettes"}, False, id="back"),
        pytest.param(
            ITEM_AS_ACTOR,
            {"source": (Actor(text="Hangor-class submarines", code="TUR"),), "target": (PAK,),
             "item": "Hangor-class submarines"},
            False,
            id="item-as-supplier",
        ),
        pytest.param(TO_ASKED, {"target": (PAK,), "item": "corvettes"}, True, id="open-side-named"),
    ],
)  # fmt: skip
def test_ask_a_supply_line_carries_the_asked_direction(sentence: str, fields: dict, carries: bool) -> None:
    question = parse_question("What has Turkey supplied to Pakistan?")
    assert (question.source, question.target) == ("TUR", "PAK")
    assert carries_relation(_supply(sentence, "e", **fields), question, FORMS) is carries  # type: ignore[arg-type]


def _denial(sentence: str, type_: str | None = None, subtype: str | None = None) -> FactRow:
    return FactRow(kind="claim", text="", status="denied", statuses=("denied",), type=type_, subtype=subtype,
                   citations=(Citation(article_id="r1", sentence=sentence),))  # fmt: skip


def test_ask_a_denial_answers_who_denied_only_when_it_denies_what_was_asked() -> None:
    question = parse_question("Who denied that Pakistani jets were shot down?")
    about = _denial("The air force denied that any Pakistani jet was shot down over the border.")
    other = _denial("Pakistan denied that it had asked Turkey for a loan.")
    assert select_on_topic(question, [about, other], {"PAK": FORMS["PAK"]}) == [about]


def test_ask_a_denied_happening_of_the_asked_type_answers_without_the_asked_words() -> None:
    question = parse_question("Who denied the arms delivery to Pakistan?")
    transfer = _denial("Ankara denied that the cargo planes carried weapons.", "AID", "arms_transfer")
    unrelated = _denial("Ankara denied that its envoy had been recalled.")
    assert select_on_topic(question, [transfer, unrelated], {"PAK": FORMS["PAK"]}) == [transfer]


def test_ask_what_did_x_deny_takes_every_denial_of_x() -> None:
    rows = [_denial("Pakistan denied the report.")]
    assert select_on_topic(parse_question("What did Pakistan deny?"), rows, {"PAK": FORMS["PAK"]}) == rows


@pytest.mark.parametrize(
    ("party", "forms", "described"),
    [
        pytest.param("The ministry", FORMS, True, id="the-ministry-under-a-headline-naming-both"),
        pytest.param("The aircraft maker", {"TUR": FORMS["TUR"]}, True, id="the-maker"),
        pytest.param("The dockers' union", FORMS, False, id="another-party"),
        pytest.param("The ministry", {"FRA": ("France",)}, False, id="headline-names-someone-else"),
    ],
)
def test_ask_a_party_given_as_the_organisation_stands_for_the_headline_name(
    db: str, party: str, forms: dict[str, tuple[str, ...]], described: bool
) -> None:
    # Article a1 of the test store is headed 'Turkey and Pakistan deepen defence ties'.
    evidence = Evidence(article_id="a1", sentence=1, start=0, end=10, text="It denied the report.")
    claim = Claim(id="c", status=ClaimStatus.DENIED, evidence=evidence, denied_by=(party,))
    assert is_described(claim, forms, Sources(SqliteStore(db))) is described


def test_ask_a_headline_answer_is_cited_by_the_body_sentence_it_compresses() -> None:
    title = "Chile and Peru order four frigates in joint deal"
    body = "Chile and Peru signed a contract with a Korean yard in May for four frigates, two for each navy."
    article = _article("f1", "wire", 3, title, [body, "The ships will be built in Busan."])
    index = PassageIndex([article])
    headline = SentenceRow(text=title, citation=Citation(article_id="f1", sentence=title), score=1.0)
    row = retold_fact(headline, index, parse_question("What have Chile and Peru ordered?"))
    assert row.citation.sentence == body and row.text == body
    # A body sentence is never swapped.
    kept = SentenceRow(text=body, citation=Citation(article_id="f1", sentence=body), score=1.0)
    assert retold_fact(kept, index, parse_question("What have Chile and Peru ordered?")) is kept


def test_ask_a_headline_stays_when_its_body_sentence_lacks_the_asked_shape() -> None:
    title = "Chile and Peru order four frigates in joint deal"
    body = "Chile and Peru signed a contract with a Korean yard for four frigates."
    article = _article("f2", "wire", 3, title, [body])
    headline = SentenceRow(text=title, citation=Citation(article_id="f2", sentence=title), score=1.0)
    question = parse_question("When did Chile and Peru order the frigates?")
    assert retold_fact(headline, PassageIndex([article]), question) is headline


def test_ask_a_question_of_no_status_needs_a_word_beyond_its_names_and_type_words() -> None:
    question = parse_question("Which countries sent observers to the exercise with Turkey?")
    cited = (Citation(article_id="r1", sentence="Turkey hosted the exercise in 2023."),)
    scene = FactRow(kind="event", text="", status="asserted", statuses=("asserted",), type="COOPERATE",
                    subtype="exercise", citations=cited)  # fmt: skip
    assert select_on_topic(question, [scene], {"TUR": FORMS["TUR"]}) == []


@pytest.mark.parametrize(
    ("sentence", "back"),
    [
        pytest.param("Pakistan agreed to sell Turkey four used trainer jets.", True, id="the-other-way"),
        pytest.param("Turkey agreed to sell Pakistan four used trainer jets.", False, id="asked-way"),
        pytest.param("Pakistan bought four trainer jets from Turkey.", False, id="buying-runs-back"),
    ],
)
def test_ask_a_supply_passage_read_the_other_way_does_not_answer(sentence: str, back: bool) -> None:
    question = parse_question("What has Turkey sold to Pakistan?")
    assert gives_back(sentence, question, FORMS) is back


def test_ask_a_name_of_several_words_matches_in_any_case_a_short_one_as_written() -> None:
    assert mentions_any("The Turkish foreign ministry said so.", ["Turkish Foreign Ministry"])
    assert not mentions_any("Give us the jets.", ["US"])


def test_ask_a_denial_must_hold_a_third_of_what_was_asked_beyond_the_names() -> None:
    question = parse_question("Who denied that the harbour levy would raise ferry fares in Pakistan?")
    about = _denial("The port board denied that the levy would push ferry fares up.")
    one_word = _denial("The dockers' union denied that it had raised its dues.")  # 'raise' alone
    assert select_on_topic(question, [about, one_word], {"PAK": FORMS["PAK"]}) == [about]


def test_ask_a_name_of_several_words_matches_its_plural() -> None:
    assert mentions_any("The Lib Dems said the plan was costed.", ["Lib Dem"])
    assert mentions_any("The Lib Dem plan was costed.", ["Lib Dem"])
    assert not mentions_any("The Libyan demands were costed.", ["Lib Dem"])
    assert not mentions_any("Give us the jets.", ["US"])


@pytest.mark.parametrize(
    ("question", "source", "target", "intent"),
    [
        ("Who supplied drones to Pakistan?", None, "PAK", "list"),
        ("Who has bought drones from Turkey?", "TUR", None, "list"),
        ("What has Turkey sold Pakistan?", "TUR", "PAK", "list"),
        ("Who sold Bayraktar TB2 drones to Pakistan?", None, "PAK", "list"),  # the system is no party
        ("Who has offered to buy Turkish Aerospace?", None, None, ""),  # no side given: a takeover
        ("Which talks did Turkey hold with Pakistan?", "TUR", "PAK", ""),
    ],
    ids=["who-to", "who-from", "dative", "system-no-party", "who-no-side", "two-sides-any-type"],
)
def test_question_reads_who_supplied_to_whom(
    question: str, source: str | None, target: str | None, intent: str
) -> None:
    parsed = parse_question(question)
    assert (parsed.source, parsed.target, parsed.intent) == (source, target, intent)


def test_ask_who_supplied_lists_the_suppliers_to_the_named_party(db: str) -> None:
    answer = answer_question(SqliteStore(db), "Who has supplied drones to Pakistan?")
    assert answer.method == "records"
    assert "Baykar" in (answer.text or "")
    assert "Turkish Aerospace" in (answer.text or "")  # the F-16 upgrade is a supply to Pakistan too


def test_ask_who_supplied_to_a_party_that_only_supplies_has_no_answer(db: str) -> None:
    """Turkey gives in every stored happening: 'who supplied Turkey' has no answer from them."""
    answer = answer_question(SqliteStore(db), "Who has supplied drones to Turkey?")
    assert answer.method != "records"
