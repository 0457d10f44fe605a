"""Events and claims on a hand-written fixture about other country pairs, parsed by the real model."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsift.extract.claims.rules import extract_claims
from newsift.extract.events.rules import extract_events
from newsift.link.happenings import link_events
from newsift.model import (
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    Entity,
    EntityKind,
    Event,
    PloverType,
    Position,
)
from newsift.nlp import annotate_articles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"


def resolve(annotated: AnnotatedArticle) -> AnnotatedArticle:
    """Give NER mentions the entity ids the resolver would (test stand-in, fixture names only)."""
    table = json.loads((FIXTURES / "resolutions.json").read_text("utf-8"))
    mentions = tuple(
        replace(m, entity_id=table[m.text][0]) if m.text in table and m.text != "_doc" else m
        for m in annotated.mentions
    )
    entities = {
        v[0]: Entity(id=v[0], kind=EntityKind(v[1]), name=k, country=v[2])
        for k, v in table.items()
        if k != "_doc"
    }
    return replace(annotated, mentions=mentions, entities=tuple(entities.values()))


def load(nlp: Any, name: str, article_id: str = "deals") -> AnnotatedArticle:
    lines = [x for x in (FIXTURES / name).read_text("utf-8").splitlines() if x.strip()]
    article = Article(id=article_id, page_id="p", position=Position.MAIN, index=0, title=lines[0],
                      body="\n\n".join(lines[1:]), outlet="Fixture Wire")  # fmt: skip
    return resolve(next(annotate_articles([article], nlp=nlp)))


@pytest.fixture(scope="module")
def facts(nlp: Any) -> tuple[tuple[Event, ...], tuple[Claim, ...]]:
    annotated = load(nlp, "defence_deals.txt")
    events = extract_events(annotated)
    return events, extract_claims(annotated, events)


def _one(events: tuple[Event, ...], snippet: str, subtype: str | None = None) -> Event:
    found = [e for e in events if snippet in e.evidence.text and (subtype is None or e.subtype == subtype)]
    assert len(found) == 1, f"{snippet!r}: {[(e.trigger, e.subtype) for e in found]}"
    return found[0]


def _codes(actors: tuple[Any, ...]) -> list[str]:
    return sorted(a.code for a in actors if a.code)


@pytest.mark.model
@pytest.mark.parametrize(
    ("snippet", "subtype", "source", "target"),
    [
        pytest.param("250 Abrams", "arms_transfer", ["USA"], ["POL"], id="buy-from"),
        pytest.param("36 Rafale", "arms_transfer", ["FRA"], ["IND"], id="order-from"),
        pytest.param("K9 howitzers", "arms_transfer", ["KOR"], ["POL"], id="firm-delivers"),
        pytest.param("S-400 squadron", "arms_transfer", ["RUS"], ["IND"], id="delivered-to"),
        pytest.param("banned arms exports", "export_ban", ["DEU"], ["SAU"], id="export-ban"),
        pytest.param("Varuna", "exercise", ["FRA", "IND"], [], id="exercise"),
        pytest.param("Houthi targets", "strike", ["GBR", "USA"], [], id="strike"),
    ],
)
def test_events_fixture_actors(
    facts: tuple[tuple[Event, ...], tuple[Claim, ...]],
    snippet: str,
    subtype: str,
    source: list[str],
    target: list[str],
) -> None:
    event = _one(facts[0], snippet, subtype)
    assert _codes(event.source) == source
    assert _codes(event.target) == target


@pytest.mark.model
@pytest.mark.parametrize(
    ("snippet", "field", "value"),
    [
        pytest.param("250 Abrams", "quantity", 250, id="quantity"),
        pytest.param("36 Rafale", "year", 2016, id="year"),
        pytest.param("K9 howitzers", "time_text", "December 2022", id="time-text"),
        pytest.param("Varuna", "programme", "Varuna", id="exercise-name"),
        pytest.param("Houthi targets", "place", "Yemen", id="place"),
        pytest.param("Papua New Guinea", "year", 2023, id="pact-year"),
    ],
)
def test_events_fixture_attributes(
    facts: tuple[tuple[Event, ...], tuple[Claim, ...]], snippet: str, field: str, value: object
) -> None:
    event = next(e for e in facts[0] if snippet in e.evidence.text and e.subtype)
    assert getattr(event, field) == value


@pytest.mark.model
@pytest.mark.parametrize(
    ("snippet", "amount", "currency"),
    [("Abrams", 4.75e9, "USD"), ("36 Rafale", 7.87e9, "EUR"), ("Rafale Marine", 6.3e11, "INR")],
)
def test_events_fixture_values(
    facts: tuple[tuple[Event, ...], tuple[Claim, ...]], snippet: str, amount: float, currency: str
) -> None:
    event = _one(facts[0], snippet, "arms_transfer")
    assert event.value is not None
    assert (event.value.amount, event.value.currency) == (pytest.approx(amount), currency)


@pytest.mark.model
def test_events_fixture_signed_pact_is_support(facts: tuple[tuple[Event, ...], tuple[Claim, ...]]) -> None:
    event = _one(facts[0], "Papua New Guinea", "defence_pact")
    assert event.type == PloverType.SUPPORT
    assert _codes(event.source) == ["PNG", "USA"]


@pytest.mark.model
@pytest.mark.parametrize(
    "snippet",
    [pytest.param("not going to send", id="negated"), pytest.param("If the talks fail", id="conditional")],
)
def test_events_fixture_irrealis_sentences_give_no_events(
    facts: tuple[tuple[Event, ...], tuple[Claim, ...]], snippet: str
) -> None:
    assert [e.trigger for e in facts[0] if snippet in e.evidence.text] == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("snippet", "subtype", "status"),
    [
        pytest.param("denied reports", "deployment", ClaimStatus.DENIED, id="denied"),
        pytest.param("Warsaw newspaper", "arms_transfer", ClaimStatus.ALLEGED, id="alleged"),
        pytest.param("may supply", "arms_transfer", ClaimStatus.SPECULATED, id="modal"),
        pytest.param("Hanwha", "arms_transfer", ClaimStatus.ASSERTED, id="plain"),
    ],
)
def test_claims_fixture_status_follows_cue(
    facts: tuple[tuple[Event, ...], tuple[Claim, ...]], snippet: str, subtype: str, status: ClaimStatus
) -> None:
    events, claims = facts
    event = _one(events, snippet, subtype)
    (claim,) = [c for c in claims if c.event_id == event.id]
    assert event.status == claim.status == status


@pytest.mark.model
def test_claims_fixture_denial_names_the_denier(facts: tuple[tuple[Event, ...], tuple[Claim, ...]]) -> None:
    events, claims = facts
    event = _one(events, "denied reports", "deployment")
    (claim,) = [c for c in claims if c.event_id == event.id]
    (denier,) = claim.denied_by  # the ministry: its entity id once resolved, else its country
    assert denier == "IND" or "defence" in denier
    assert claim.cue == "denied"


@pytest.mark.model
def test_claims_fixture_allegation_names_the_outlet(
    facts: tuple[tuple[Event, ...], tuple[Claim, ...]],
) -> None:
    events, claims = facts
    event = _one(events, "Warsaw newspaper", "arms_transfer")
    (claim,) = [c for c in claims if c.event_id == event.id]
    assert claim.alleged_by and claim.asserted_by == ()


@pytest.mark.model
def test_claims_fixture_plain_statement_is_the_outlets(
    facts: tuple[tuple[Event, ...], tuple[Claim, ...]],
) -> None:
    events, claims = facts
    event = _one(events, "Hanwha", "arms_transfer")
    (claim,) = [c for c in claims if c.event_id == event.id]
    assert claim.asserted_by == ("Fixture Wire",)


@pytest.mark.model
def test_events_fixture_offsets_slice_to_trigger(facts: tuple[tuple[Event, ...], tuple[Claim, ...]]) -> None:
    for event in facts[0]:
        sentence = event.evidence.text
        assert event.trigger is not None
        assert event.evidence.end - event.evidence.start <= len(event.trigger)
        assert sentence


@pytest.mark.model
def test_events_fixture_repeated_report_links_to_one_event(nlp: Any) -> None:
    first = extract_events(load(nlp, "defence_deals.txt", "first"))
    second = extract_events(load(nlp, "deals_followup.txt", "second"))
    clusters = link_events(first + second)
    rafale = [c for c in clusters if any("36 Rafale" in e.evidence.text and e.subtype for e in c.events)]
    assert len(rafale) == 1
    assert rafale[0].article_ids == ("first", "second")
    assert len(clusters) < len(first) + len(second)
