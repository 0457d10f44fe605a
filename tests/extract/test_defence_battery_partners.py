"""Battery: partners in weapons programmes and pacts, and who is no party to them.

States that are partners in a programme building a weapon develop it together; a defence framework or
charter signed or renewed is a pact, and the city it is signed in is no party to it; people who merely
come from two states ('students from X and Y') do not make an exercise theirs. Each sentence is
written for the project; the negatives are the same shapes among firms, banks and schools.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import DEFENCE, case, check, events_of, shown

pytestmark = pytest.mark.model

PARTNERS = [
    case(
        "Sweden and Britain were partners in the Meteor missile programme.",
        "co_development",
        parties=("SWE", "GBR"),
    ),
    case(
        "Turkey was a partner in the F-35 fighter jet programme until 2019.",
        "co_development",
        parties=("TUR",),
    ),
    case(
        "Canada and Norway extended their defence framework during a visit to Oslo.",
        "defence_pact",
        parties=("CAN", "NOR"),
    ),
    case(
        "Greece and Cyprus signed a military charter in Athens on Friday.",
        "defence_pact",
        parties=("GRC", "CYP"),
    ),
    case(
        "Poland and Ukraine renewed their security framework in Geneva.",
        "defence_pact",
        parties=("POL", "UKR"),
        absent=("CHE",),
    ),
    case(
        "Egypt and Sudan signed a defence pact in Nairobi.",
        "defence_pact",
        parties=("EGY", "SDN"),
        absent=("KEN",),
    ),
]


@pytest.mark.parametrize(("body", "want"), PARTNERS)
def test_battery_partners_in_programmes_and_pacts_keep_their_parties(nlp: Any, body: str, want: Any) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "Norway is a close partner in the fight against piracy.",
        "Two banks are partners in the city's housing programme.",
        "Samsung and Sony were partners in a screen research project.",
        "The two cities renewed their trade framework in Vienna.",
        "Pupils from Spain and Italy took part in a joint chemistry exercise.",
        "Engineers from Japan and Chile joined a joint mapping exercise.",
    ],
)
def test_battery_the_same_shapes_among_firms_banks_and_schools_are_no_defence_event(
    nlp: Any, body: str
) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in DEFENCE], shown(events)
