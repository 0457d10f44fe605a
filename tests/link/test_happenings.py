"""Cross-article event linking on hand-built events (no model): one happening, one cluster."""

from __future__ import annotations

import random

import pytest

from newsift.link.happenings import link_events
from newsift.model import Actor, Event, EventMode, Evidence, PloverType, Value


def _event(
    article: str,
    source: str | None,
    target: str | None,
    *,
    item: str | None = "tanks",
    year: int | None = 2022,
    value: float | None = None,
    sentence: int = 0,
) -> Event:
    evidence = Evidence(article_id=article, sentence=sentence, start=0, end=6, text="...")
    return Event(
        id=f"{article}-{sentence}-{source}-{target}-{item}-{year}",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=evidence,
        subtype="arms_transfer",
        source=(Actor(text=source, code=source),) if source else (),
        target=(Actor(text=target, code=target),) if target else (),
        item=item,
        year=year,
        value=Value(amount=value, currency="USD", text=f"${value}") if value else None,
    )


def _groups(events: list[Event]) -> set[frozenset[str]]:
    return {frozenset(e.id for e in c.events) for c in link_events(events)}


def test_event_linking_merges_reports_of_one_deal_across_articles() -> None:
    events = [
        _event("a", "USA", "POL", value=4.75e9),
        _event("b", "USA", "POL", item="Abrams tanks", year=None),
    ]
    (cluster,) = link_events(events)
    assert cluster.article_ids == ("a", "b")


def test_event_linking_never_merges_opposite_directions() -> None:
    assert len(link_events([_event("a", "USA", "POL"), _event("b", "POL", "USA")])) == 2


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(_event("b", "USA", "POL", year=2019), id="other-year"),
        pytest.param(_event("b", "USA", "POL", item="helicopters"), id="other-item"),
        pytest.param(_event("b", "USA", "ROU"), id="other-recipient"),
        pytest.param(_event("b", "USA", "POL", value=9e9), id="other-value"),
    ],
)
def test_event_linking_keeps_different_happenings_apart(other: Event) -> None:
    assert len(link_events([_event("a", "USA", "POL", value=4.75e9), other])) == 2


def test_event_linking_vague_mention_does_not_chain_two_deals() -> None:
    vague = _event("c", None, None, year=None)
    poland, romania = _event("a", "USA", "POL"), _event("b", "USA", "ROU")
    groups = _groups([poland, vague, romania])
    assert not any({poland.id, romania.id} <= group for group in groups)


def test_event_linking_does_not_depend_on_input_order() -> None:
    events = [
        _event("a", "USA", "POL"),
        _event("b", "USA", "POL", year=None),
        _event("c", None, None, year=None),
        _event("d", "USA", "ROU"),
        _event("e", "FRA", "IND", item="jets"),
        _event("f", "FRA", "IND", item="Rafale jets", sentence=3),
    ]
    expected = link_events(events)
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert link_events(shuffled) == expected


def test_event_linking_same_sentence_is_never_merged() -> None:
    assert len(link_events([_event("a", "USA", "POL"), _event("a", "USA", "POL", item="tank")])) == 2
