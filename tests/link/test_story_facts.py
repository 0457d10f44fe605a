"""Tests of link.story_facts: an article's events as happening keys for the story clusterer."""

from __future__ import annotations

from newsift.link.story_facts import happening_keys
from newsift.model import Actor, Event, EventMode, EventTime, Evidence, PloverType, Value


def _event(n: int, source: str | None = "NOR", target: str | None = "POL", **fields: object) -> Event:
    return Event(
        id=f"e{n}",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=Evidence(article_id="a1", sentence=n, start=0, end=10, text="a sentence"),
        source=(Actor(text="Oslo", code=source),),
        target=(Actor(text="Warsaw", code=target),),
        **fields,  # type: ignore[arg-type]
    )


def test_keys_name_the_event_its_stated_month_and_year() -> None:
    when = EventTime(text="in May 2024", value="2024-05-14", precision="day")
    keys = happening_keys([_event(1, subtype="transfer", time=when)])
    assert keys == ("!transfer:NOR>POL", "~2024", "~2024-05")


def test_a_report_date_is_not_a_stated_time() -> None:
    reported = EventTime(text=None, value="2024-05-14", precision="day", source="report")
    assert happening_keys([_event(1, time=reported)]) == ("!AID:NOR>POL",)


def test_a_year_without_a_time_phrase_still_counts() -> None:
    assert "~2019" in happening_keys([_event(1, year=2019)])


def test_uncoded_sides_give_no_event_key_but_place_and_sum_count() -> None:
    event = _event(
        1,
        source=None,
        target=None,
        place="  Port  Harcourt ",
        value=Value(amount=2_800_000_000, currency="USD", text="$2.8bn"),
    )
    assert happening_keys([event]) == ("$USD:2.8e9", "^port harcourt")


def test_one_sum_written_two_ways_is_one_key() -> None:
    a = happening_keys([_event(1, value=Value(amount=2.8e9, currency="USD", text="$2.8bn"))])
    b = happening_keys([_event(2, value=Value(amount=2_804_000_000, currency="USD", text="$2,804m"))])
    assert [k for k in a if k[0] == "$"] == [k for k in b if k[0] == "$"] == ["$USD:2.8e9"]


def test_keys_are_distinct_and_sorted_over_many_events() -> None:
    keys = happening_keys([_event(1), _event(2), _event(3, source="SWE")])
    assert keys == ("!AID:NOR>POL", "!AID:SWE>POL")
    assert happening_keys([]) == ()
