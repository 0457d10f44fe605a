from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.brief.conftest import DENIAL, DRONES, DRONES_2, RAFALE

from newsift.brief.article import build_article_brief
from newsift.brief.dyad import build_dyad_brief
from newsift.brief.entity import build_entity_brief
from newsift.brief.facts import Sources, render_event_text
from newsift.brief.records import Brief
from newsift.brief.render import render_brief_json, render_brief_markdown
from newsift.errors import InputError
from newsift.store import SqliteStore, Store


def _open(db: str) -> SqliteStore:
    return SqliteStore(db)


def assert_grounded(store: Store, brief: Brief) -> None:
    """Every line is a fact rendered from stored records, or a sentence of the article it cites."""
    events = {e.id: e for e in store.query_events()}
    claims = {c.id: c for c in store.query_claims()}
    names = Sources(store).names()
    for row in brief.facts:
        assert row.text in {render_event_text(events[i], names) for i in row.record_ids if i in events}
    for row in brief.claims:
        assert row.text in {f"[{row.status}] {claims[i].cue or 'claim'}" for i in row.record_ids}
    assert all(i in events or i in claims for r in (*brief.facts, *brief.claims) for i in r.record_ids)
    citations = [c for r in (*brief.facts, *brief.claims) for c in r.citations]
    citations += [q.citation for q in brief.quotes] + [s.citation for s in brief.summary]
    for citation in citations:
        article = store.get_article(citation.article_id)
        assert article is not None and citation.sentence in article.text
    for sentence in brief.summary:
        assert sentence.text == sentence.citation.sentence
    for quote in brief.quotes:
        article = store.get_article(quote.citation.article_id)
        assert article is not None and quote.text in article.text


def test_dyad_brief_rolls_up_one_happening_reported_by_two_outlets(db: str) -> None:
    store = _open(db)
    brief = build_dyad_brief(store, "PAK", "TUR")
    (drones,) = [f for f in brief.facts if "Bayraktar TB2" in f.text]
    assert (drones.n_reports, drones.n_outlets, drones.outlets) == (2, 2, ("theprint", "dawn"))
    assert {c.sentence for c in drones.citations} == {DRONES, DRONES_2}
    assert drones.first_seen_at == datetime(2025, 7, 20, 9, tzinfo=UTC)
    assert drones.last_seen_at == datetime(2025, 7, 22, 9, tzinfo=UTC)
    assert all("Rafale" not in f.text for f in brief.facts)
    assert dict(brief.counts) == {"AID": 3, "COOPERATE": 1}


def test_dyad_brief_marks_the_denial_and_who_denied(db: str) -> None:
    brief = build_dyad_brief(_open(db), "TUR", "PAK")
    (denied,) = [f for f in brief.facts if f.has_denial]
    assert denied.status == "denied" and denied.denied_by == ("Turkish Defence Ministry",)
    assert denied.citations[0].sentence == DENIAL


def test_dyad_brief_as_of_leaves_out_later_reports(db: str) -> None:
    brief = build_dyad_brief(_open(db), "TUR", "PAK", as_of=datetime(2025, 7, 21, tzinfo=UTC))
    (drones,) = [f for f in brief.facts if "Bayraktar TB2" in f.text]
    assert drones.n_outlets == 1 and [s.article_id for s in brief.sources] == ["a1"]


def test_brief_every_line_is_a_stored_fact_or_a_cited_sentence(db: str) -> None:
    store = _open(db)
    for brief in (
        build_article_brief(store, "a1"),
        build_dyad_brief(store, "TUR", "PAK"),
        build_entity_brief(store, "Baykar"),
        build_dyad_brief(store, "FRA", "IND"),
    ):
        assert brief.facts
        assert_grounded(store, brief)


@pytest.mark.model
def test_brief_grounded_on_ingested_example_pages(tmp_path: Path) -> None:
    from newsift.config import Settings
    from newsift.pipeline.runner import run_ingest

    store = SqliteStore(tmp_path / "ex.db")
    examples = Path(__file__).resolve().parents[2] / "examples"
    report = run_ingest([str(examples)], store, Settings(db=str(tmp_path / "ex.db")))
    assert report.n_stored >= 2
    for article_id in report.article_ids:
        brief = build_article_brief(store, article_id)
        assert brief.summary
        assert_grounded(store, brief)
    assert_grounded(store, build_dyad_brief(store, "FRA", "IND"))


def test_entity_brief_by_name_lists_its_events_and_sources(db: str) -> None:
    brief = build_entity_brief(_open(db), "baykar")
    assert brief.subject == "Baykar" and brief.subject_ids == ("baykar",)
    assert [f.subtype for f in brief.facts] == ["arms_transfer"]
    assert {s.article_id for s in brief.sources} == {"a1", "a2"}


def test_entity_brief_unknown_name_raises(db: str) -> None:
    with pytest.raises(InputError):
        build_entity_brief(_open(db), "Nonexistent Widgets Ltd")


def test_article_brief_has_summary_quotes_and_claims(db: str) -> None:
    brief = build_article_brief(_open(db), "a1")
    assert brief.summary[0].citation.article_id == "a1"
    assert [q.speaker for q in brief.quotes] == ["Rehan Qadir", "a Pakistani official"]
    assert {f.status for f in brief.facts} >= {"asserted", "denied"}


def test_issue_21_article_brief_key_facts_line_from_events_and_claims(db: str) -> None:
    brief = build_article_brief(_open(db), "a1")
    facts = brief.key_facts.split("; ")
    assert facts[0] == "denied by Turkish Defence Ministry: Turkey → Pakistan arms transfer of weapons"
    assert "Turkish Aerospace → Pakistan upgrade of F-16 (41, $75 million, 2019)" in facts
    assert "Baykar → Pakistan arms transfer of Bayraktar TB2 (2022)" in facts
    assert "Key facts:" in render_brief_markdown(brief)


def test_article_brief_unknown_id_raises(db: str) -> None:
    with pytest.raises(InputError):
        build_article_brief(_open(db), "zzzzzz")


def test_render_markdown_quotes_every_cited_sentence(db: str) -> None:
    brief = build_dyad_brief(_open(db), "TUR", "PAK")
    text = render_brief_markdown(brief)
    assert text.startswith("# Turkey – Pakistan")
    for fact in brief.facts:
        assert f"**{fact.text}**" in text
        assert all(f"> {c.sentence} [{c.article_id}]" in text for c in fact.citations)
    assert RAFALE not in text


def test_render_json_has_rollup_keys(db: str) -> None:
    data = render_brief_json(build_dyad_brief(_open(db), "TUR", "PAK"))
    assert set(data) >= {"facts", "claims", "quotes", "summary", "sources", "tags", "related", "counts"}
    fact = data["facts"][0]
    assert set(fact) >= {"n_outlets", "has_denial", "first_seen_at", "last_seen_at", "citations"}
    assert set(fact["citations"][0]) >= {"article_id", "sentence"}
