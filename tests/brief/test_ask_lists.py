"""List answers of `ask` (issue 21): which lines a supply list keeps and which sentence each line cites."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.brief.conftest import PAK, TUR, UPGRADE, _article, _event

from newsift.brief.factfilter import echoes_question, select_naming_items
from newsift.brief.factlist import order_citations, select_quote_lines
from newsift.brief.facts import Sources
from newsift.brief.question import parse_question
from newsift.brief.records import Citation, FactRow
from newsift.model import Actor, Article, Event, EventMode, Evidence, PloverType, Position, Quote, QuoteKind
from newsift.store import SqliteStore

HEADLINE = "Ankara upgrades Pakistan's F-16 fleet"
BRIEF = "The work on the F-16 fleet for Pakistan was finished in 2021."
LATER = "Deliveries of further kits are expected next year."


def _row(*citations: Citation, ids: tuple[str, ...]) -> FactRow:
    return FactRow(kind="event", text="", status="asserted", statuses=("asserted",), citations=citations,
                   record_ids=ids)  # fmt: skip


def _events() -> dict[str, Event]:
    article = _article("z1", "dawn", 3, HEADLINE, [UPGRADE, BRIEF, LATER])
    fields = {"type": PloverType.AID, "mode": EventMode.MILITARY, "subtype": "upgrade", "target": (PAK,)}
    upgrade = _event(article, UPGRADE, "up", source=(Actor(text="Turkish Aerospace", code="TUR"),),
                     item="F-16", quantity=41, **fields)  # fmt: skip
    later = _event(article, LATER, "later", source=(TUR,), **fields)
    return {"up": upgrade, "later": later}


def test_ask_a_supply_list_keeps_only_lines_that_name_an_item() -> None:
    leads = _events()
    rows = [
        _row(Citation(article_id="z1", sentence=UPGRADE), ids=("up",)),
        _row(Citation(article_id="z1", sentence=LATER), ids=("later",)),
    ]
    kept = select_naming_items(rows, leads)
    assert [r.record_ids for r in kept] == [("up",)]


def test_ask_a_line_cites_the_sentence_holding_most_of_its_fields(db: str) -> None:
    leads = _events()
    row = _row(Citation(article_id="a1", sentence=BRIEF), Citation(article_id="a1", sentence=UPGRADE),
               ids=("up",))  # fmt: skip
    ordered = order_citations(row, leads, Sources(SqliteStore(db)))
    assert [c.sentence for c in ordered] == [UPGRADE, BRIEF]  # actor, item and quantity beat the item


def test_ask_a_line_cites_a_body_sentence_before_the_headline(db: str) -> None:
    leads = _events()
    title = "Turkey and Pakistan deepen defence ties"  # the title of article a1 in the test store
    body = "Turkey and Pakistan ties grew closer."
    row = _row(Citation(article_id="a1", sentence=title), Citation(article_id="a1", sentence=body),
               ids=("later",))  # fmt: skip
    ordered = order_citations(row, leads, Sources(SqliteStore(db)))
    assert [c.sentence for c in ordered] == [body, title]


def test_ask_a_common_noun_line_retelling_a_named_system_of_its_article_is_dropped() -> None:
    named = "Chile ordered six Harbour Guardian patrol boats from a Dutch yard."
    generic = "The boats will be armed with a light gun."
    other = "Chile also bought drones."
    article = _article("z2", "dawn", 4, "Chile orders boats", [named, generic, other])
    fields = {
        "type": PloverType.AID,
        "mode": EventMode.MILITARY,
        "subtype": "arms_transfer",
        "target": (PAK,),
    }
    leads = {
        "named": _event(article, named, "n", item="Harbour Guardian patrol boats", **fields),
        "generic": _event(article, generic, "g", item="boats", **fields),
        "drones": _event(article, other, "d", item="drones", **fields),
    }
    rows = [_row(Citation(article_id="z2", sentence=e.evidence.text), ids=(k,)) for k, e in leads.items()]
    assert [r.record_ids for r in select_naming_items(rows, leads)] == [("named",), ("drones",)]


def test_ask_quote_lines_put_the_speakers_own_words_before_a_retelling(tmp_path: Path) -> None:
    """Two quote sentences equally near the topic: the direct quote comes first."""
    retold = "The mayor told residents the town would hire more staff for the clinics."
    own = '"We will need more nurses and more staff," the mayor said.'
    body = f"{retold} {own}"
    article = Article(id="m1", page_id="p", position=Position.MAIN, index=0, title="Clinic plans", body=body,
                      published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip

    class _OneArticle(Sources):
        def article(self, article_id: str) -> Article | None:
            return article if article_id == "m1" else None

        def names(self) -> dict[str, str]:
            return {}

    def quote(sentence: str, kind: QuoteKind, n: int) -> Quote:
        start = article.text.index(sentence)
        evidence = Evidence(article_id="m1", sentence=n, start=start, end=start + len(sentence),
                            text=sentence)  # fmt: skip
        end = start + len(sentence)
        return Quote(id=f"q{n}", article_id="m1", speaker_id=None, speaker_text="the mayor", text=sentence,
                     start=start, end=end, kind=kind, evidence=evidence, cue="said")  # fmt: skip

    quotes = [quote(retold, QuoteKind.INDIRECT, 0), quote(own, QuoteKind.DIRECT, 1)]
    lines, citations = select_quote_lines(quotes, "staff", _OneArticle(SqliteStore(tmp_path / "s.db")))
    assert [c.sentence for c in citations] == [own, retold]
    assert lines[0].startswith('1. the mayor: "We will need')


def test_ask_a_record_whose_item_is_only_the_questions_noun_does_not_answer_it() -> None:
    """'What missile will A and B develop?': a record of item 'missile' says what the question says; one
    naming the missile answers."""
    sentence = "Norland and Sudia will develop a new missile, the Skarp-2, together."
    article = _article("z3", "dawn", 5, "Joint missile", [sentence])
    fields = {"type": PloverType.COOPERATE, "mode": EventMode.MILITARY, "subtype": "co_development"}
    leads = {
        "bare": _event(article, sentence, "b", item="missile", **fields),
        "named": _event(article, sentence, "n", item="Skarp-2 missile", **fields),
    }
    question = parse_question("What missile will Norland and Sudia develop together?")
    rows = {k: _row(Citation(article_id="z3", sentence=sentence), ids=(k,)) for k in leads}
    assert echoes_question(rows["bare"], leads, question)
    assert not echoes_question(rows["named"], leads, question)
    assert not echoes_question(rows["bare"], leads, parse_question("What will Norland and Sudia build?"))
