"""Shared pieces of the defence battery files: one expectation per sentence and the check that reads it.

A case is one short sentence written for the project with what a demanding analyst expects of it: the
subtype, the supplier (``source``) and recipient (``target``) codes, the parties of a joint frame,
the status, quantity, value or stated time. Only the fields a case names are checked; a case that
fails today carries ``fails=<pattern name>`` and becomes a strict xfail, so a fixed class shows up as
XPASS. The article helpers come from ``test_defence_battery`` so every battery file parses alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from tests.extract.test_defence_battery import DEFENCE, REPORTED, _codes, _events

from newsift.extract.claims import extract_claims
from newsift.extract.events import extract_events
from newsift.model import Article, Claim, ClaimStatus, Event, Position
from newsift.nlp import annotate_articles

__all__ = [
    "DEFENCE",
    "POSITIVE",
    "REPORTED",
    "Expect",
    "case",
    "check",
    "claims_of",
    "events_of",
    "rows",
    "shown",
]

# statuses that say the event happened or will happen (a negated sentence must give none of them)
POSITIVE = {ClaimStatus.ASSERTED, ClaimStatus.ATTRIBUTED, ClaimStatus.CONFIRMED, ClaimStatus.PLANNED}


@dataclass(frozen=True)
class Expect:
    """What one sentence must yield; empty fields are not checked."""

    subtype: str
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()  # codes anywhere in source, target or participants
    status: ClaimStatus | None = None
    quantity: int | None = None
    value: tuple[float, str] | None = None
    time: tuple[str, str] | None = None  # (ISO value, precision), stated in the text
    sentence: int | None = None
    absent: frozenset[str] = frozenset()  # codes that must be no actor at all (places, third parties)


def case(
    body: str,
    subtype: str,
    *,
    source: tuple[str, ...] = (),
    target: tuple[str, ...] = (),
    parties: tuple[str, ...] = (),
    status: ClaimStatus | None = None,
    quantity: int | None = None,
    value: tuple[float, str] | None = None,
    time: tuple[str, str] | None = None,
    sentence: int | None = None,
    absent: tuple[str, ...] = (),
    fails: str | None = None,
) -> Any:
    """One battery case as a pytest param; ``fails`` names the failing pattern (a strict xfail)."""
    expect = Expect(subtype, frozenset(source), frozenset(target), frozenset(parties), status, quantity,
                    value, time, sentence, frozenset(absent))  # fmt: skip
    marks = [pytest.mark.xfail(strict=True, reason=fails)] if fails else []
    return pytest.param(body, expect, id=body[:70], marks=marks)


def rows(table: list[Any], fails: dict[str, str]) -> list[Any]:
    """Table rows (a sentence, or a tuple led by one) as params; a row whose sentence starts with a key
    of ``fails`` is a strict xfail with that key's pattern name."""
    out = []
    for row in table:
        row = (row,) if isinstance(row, str) else tuple(row)
        reason = next((r for k, r in fails.items() if row[0].startswith(k)), None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(*row, id=row[0][:60], marks=marks))
    return out


def events_of(nlp: Any, body: str, title: str = "Defence news") -> tuple[Event, ...]:
    return _events(nlp, body, title=title)


def claims_of(nlp: Any, body: str) -> tuple[tuple[Event, ...], tuple[Claim, ...]]:
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="Defence news",
                      body=body, published_at=REPORTED)  # fmt: skip
    annotated = next(annotate_articles([article], nlp=nlp))
    events = extract_events(annotated)
    return events, extract_claims(annotated, events)


def shown(events: tuple[Event, ...]) -> list[tuple[Any, ...]]:
    """The events as a short readable list for assertion messages."""
    return [(e.subtype, e.trigger, sorted(_codes(e.source)), sorted(_codes(e.target)),
             sorted(_codes(e.participants)), e.status.value, e.quantity,
             e.value and (e.value.amount, e.value.currency), e.time and (e.time.value, e.time.precision),
             e.evidence.sentence) for e in events]  # fmt: skip


def _problems(event: Event, want: Expect) -> list[str]:
    source, target = _codes(event.source), _codes(event.target)
    every = source | target | _codes(event.participants)
    found = []
    if not want.source <= source or not want.target <= target:
        found.append("roles")
    if want.source & target or want.target & source:
        found.append("direction")
    if not want.parties <= every:
        found.append("parties")
    if want.absent & every:
        found.append("extra party")
    if want.status is not None and event.status != want.status:
        found.append("status")
    if want.quantity is not None and event.quantity != want.quantity:
        found.append("quantity")
    if want.value is not None and (
        event.value is None
        or event.value.currency != want.value[1]
        or abs(event.value.amount - want.value[0]) > 0.01 * want.value[0]
    ):
        found.append("value")
    if want.time is not None and (
        event.time is None
        or event.time.source != "text"
        or (event.time.value, event.time.precision) != want.time
    ):
        found.append("time")
    return found


def check(events: tuple[Event, ...], want: Expect) -> Event:
    """The event of ``want.subtype`` that meets every named field; fails with all events shown."""
    candidates = [e for e in events if e.subtype == want.subtype
                  and (want.sentence is None or e.evidence.sentence == want.sentence)]  # fmt: skip
    assert candidates, f"no {want.subtype}: {shown(events)}"
    for event in candidates:
        if not _problems(event, want):
            return event
    problems = {p for e in candidates for p in _problems(e, want)}
    raise AssertionError(f"{sorted(problems)} wrong for {want}: {shown(events)}")
