"""Tests of link.labels: a story's happening from its events."""

from __future__ import annotations

from newsift.link.labels import happening_label
from newsift.model import Actor, ClaimStatus, Event, EventMode, EventTime, Evidence, PloverType


def _event(article: str, source: str, target: str, **fields: object) -> Event:
    return Event(
        id=f"{article}-{source}-{target}",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=Evidence(article_id=article, sentence=0, start=0, end=10, text="a sentence"),
        source=(Actor(text=source, code=source),),
        target=(Actor(text=target, code=target),),
        **fields,  # type: ignore[arg-type]
    )


def test_label_is_the_happening_most_articles_report() -> None:
    when = EventTime(text="in May 2024", value="2024-05", precision="month")
    events = [
        _event("a1", "NOR", "POL", subtype="transfer", item="patrol boats", time=when),
        _event("a2", "NOR", "POL", subtype="transfer", item="patrol boats"),
        _event("a2", "NOR", "POL", subtype="transfer", item="patrol boats"),  # same article counts once
        _event("a3", "CHL", "PER", subtype="exercise"),
        _event("a3", "CHL", "PER", subtype="exercise"),
    ]
    assert happening_label(events) == "transfer: NOR → POL, patrol boats, 2024-05"


def test_label_prefers_an_asserted_happening_on_a_tie() -> None:
    events = [
        _event("a1", "NOR", "POL", subtype="transfer", status=ClaimStatus.DENIED),
        _event("a2", "CHL", "PER", subtype="exercise"),
    ]
    assert happening_label(events) == "exercise: CHL → PER"


def test_label_of_a_story_without_events_is_empty() -> None:
    assert happening_label([]) == ""
