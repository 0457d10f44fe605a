"""List answers of `ask` (issue 21): which lines a supply list keeps and which sentence each line cites."""

from __future__ import annotations

from tests.brief.conftest import PAK, TUR, UPGRADE, _article, _event

from newsift.brief.ask import _naming_items
from newsift.brief.factlist import order_citations
from newsift.brief.facts import Sources
from newsift.brief.records import Citation, FactRow
from newsift.model import Actor, Event, EventMode, PloverType
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
    kept = _naming_items(rows, leads)
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
    assert [r.record_ids for r in _naming_items(rows, leads)] == [("named",), ("drones",)]
