"""Battery: more ways of stopping arms sales, and civilian pauses that stop none.

Pausing export permits, barring a state from buying weapons, and no longer allowing weapons sales are
export bans (the purchase a state is barred from is no transfer); pausing a tour, ticket sales or beef
exports, or barring a firm from buying another, is none. Each sentence is written for the project.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import Expect, case, check, events_of, shown

from newsift.model import ClaimStatus

pytestmark = pytest.mark.model

B, T = "export_ban", "arms_transfer"

BANS = [
    case("Canada paused arms export permits to Israel in January.", B, source=("CAN",), target=("ISR",)),
    case("The US barred Turkey from buying F-35 jets.", B, source=("USA",), target=("TUR",)),
    case(
        "Norway will no longer allow weapons sales to Saudi Arabia.",
        B,
        source=("NOR",),
        target=("SAU",),
        status=ClaimStatus.PLANNED,
    ),
]


@pytest.mark.parametrize(("body", "want"), BANS)
def test_battery_pausing_barring_and_no_longer_allowing_are_bans(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


def test_battery_a_purchase_barred_is_no_transfer(nlp: Any) -> None:
    events = events_of(nlp, "The US barred Turkey from buying F-35 jets.")
    assert not [e for e in events if e.subtype == T], shown(events)


@pytest.mark.parametrize(
    "body",
    [
        "Regulators blocked the software maker from buying a games studio.",
        "The band paused its tour after the singer fell ill.",
        "The club paused ticket sales for the final.",
        "The firm paused exports of beef to China.",
        "The council will no longer allow car sales on Sundays.",
    ],
)
def test_battery_civilian_pauses_and_bars_are_no_ban(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in (B, T)], shown(events)
