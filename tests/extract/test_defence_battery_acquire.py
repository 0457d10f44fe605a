"""Battery: more ways of getting weapons, and look-alikes that get none.

Getting, securing, taking possession, commissioning and being given weapons are transfers
with the getter as recipient; a participle hyphenated to a name ('Chinese-built') tells the origin and
reports no building; an airline's jets are airliners; a glimpse of a jet is no jet. A firm that wins,
bags or receives an order or a contract from a state sells to that state; a loan secured to buy
weapons is no weapon. Each sentence is written for the project.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import Expect, case, check, events_of, shown

pytestmark = pytest.mark.model

T = "arms_transfer"

ACQUIRED = [
    case(
        "Egypt secured 30 more Rafale jets from France in a deal financed by loans.",
        T,
        source=("FRA",),
        target=("EGY",),
    ),
    case(
        "Kenya will get six Italian-made attack helicopters next year.", T, source=("ITA",), target=("KEN",)
    ),
    case(
        "Morocco has taken possession of its first Apache helicopters from the US.",
        T,
        source=("USA",),
        target=("MAR",),
    ),
    case(
        "Ukraine has been given 50 Bradley fighting vehicles by Washington.",
        T,
        source=("USA",),
        target=("UKR",),
    ),
    case(
        "The Pakistani navy commissioned its second Chinese-built frigate.",
        T,
        source=("CHN",),
        target=("PAK",),
    ),
]


WON = [
    case("Hanwha secured an order from Poland for 200 K9 howitzers.", T, source=("KOR",), target=("POL",)),
    case(
        "Lockheed Martin received a contract from Taiwan for 66 F-16 jets.",
        T,
        source=("USA",),
        target=("TWN",),
    ),
    case(
        "Bharat Dynamics bagged an order for Akash missiles from Armenia.",
        T,
        source=("IND",),
        target=("ARM",),
    ),
    case("Chile secured a loan from Spain to buy six frigates.", T, target=("CHL",), absent=("ESP",)),
]


@pytest.mark.parametrize(("body", "want"), [*ACQUIRED, *WON])
def test_battery_getting_securing_and_commissioning_weapons(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "The airline received its first Airbus A350 jets from Toulouse.",
        "The airline's order for 20 jets was confirmed on Monday.",
        "Fans got a glimpse of the new fighter jet at the air show.",
        "The council commissioned a study of the harbour's old torpedo sheds.",
        "The company secured a loan from the state bank.",
        "Officials said the new class gives Chile a steady base of modern frigates.",
        # a takeover is a firm's: 'take over' is no transfer verb (it read 'Shell' as an artillery shell)
        "The miner's attempt to take over its rival was compared to a bid by Shell for a gas firm.",
        "Ukraine's farmers got new tractors from a Polish firm.",
    ],
)
def test_battery_airliners_glimpses_and_studies_are_no_arms(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == T], shown(events)


def test_battery_an_origin_participle_builds_nothing(nlp: Any) -> None:
    """'Chinese-built' says where the frigate comes from: the commissioning is the only transfer, and
    no second one is read from 'built'."""
    events = [e for e in events_of(nlp, "The Pakistani navy commissioned its second Chinese-built frigate.")
              if e.subtype == T]  # fmt: skip
    assert len(events) == 1 and events[0].trigger == "commissioned", shown(events)
