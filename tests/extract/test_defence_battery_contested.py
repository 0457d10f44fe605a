"""Battery: contested supplies and forces, in the shapes a denial or an admission takes.

A state that rejects 'any role in' or 'any involvement in' sending arms is the sender it denies being
(the noun of taking part passes its subject to the gerund, as 'denied sending' does); a state that
'has' forces in another country keeps them there, also when it denies having them; goods named
for a weapon ('missile fuel', 'tank engines') are supplies for it, plain fuel is not; a craft
carrying weapons that a third party stops names their origin and destination, not the one
stopping it. Each sentence is written for the project; the negatives are the same shapes among
firms, clubs and people.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import DEFENCE, case, check, events_of, shown

from newsift.model import ClaimStatus

pytestmark = pytest.mark.model

DENIED = ClaimStatus.DENIED

CONTESTED = [
    # a noun of taking part under a denial: the denier is the one who would have sent
    case(
        "Sofia rejected any role in selling grenades to Armenia.",
        "arms_transfer",
        source=("BGR",),
        target=("ARM",),
        status=DENIED,
    ),
    case(
        "Cairo denied any involvement in delivering drones to Sudan's army.",
        "arms_transfer",
        source=("EGY",),
        target=("SDN",),
        status=DENIED,
    ),
    case(
        "Slovakia has denied playing any part in transferring howitzers to Ukraine.",
        "arms_transfer",
        source=("SVK",),
        target=("UKR",),
        status=DENIED,
    ),
    # goods named for a weapon ('missile fuel', 'tank engines') are no plain goods
    case(
        "Lithuanian officials charged that Belarusian firms had sold tank engines to Russia.",
        "arms_transfer",
        source=("BLR",),
        target=("RUS",),
        status=ClaimStatus.ALLEGED,
    ),
    case(
        "Kazakhstan shipped rocket fuel to Kyrgyzstan last year.",
        "arms_transfer",
        source=("KAZ",),
        target=("KGZ",),
    ),
    # a craft carrying weapons that a third party stops: the weapons' origin sends, their destination gets
    case(
        "Greek coastguards intercepted a freighter carrying Turkish rifles to Libya.",
        "arms_transfer",
        source=("TUR",),
        target=("LBY",),
        absent=("GRC",),
    ),
    case(
        "The Saudi navy seized a boat carrying Iranian missiles bound for Yemen.",
        "arms_transfer",
        source=("IRN",),
        target=("YEM",),
        absent=("SAU",),
    ),
    # having forces in a place keeps them there
    case("Britain has around 1,000 soldiers in Estonia.", "deployment", source=("GBR",), target=("EST",)),
    case(
        "France still had several hundred troops in Chad last year.",
        "deployment",
        source=("FRA",),
        target=("TCD",),
    ),
    case(
        "Ankara denies having any combat troops in Libya.",
        "deployment",
        source=("TUR",),
        target=("LBY",),
        status=DENIED,
    ),
    case(
        "Moscow says it has no soldiers in Moldova apart from peacekeepers.",
        "deployment",
        source=("RUS",),
        target=("MDA",),
    ),
]


@pytest.mark.parametrize(("body", "want"), CONTESTED)
def test_battery_contested_supplies_and_forces_keep_their_parties_and_status(
    nlp: Any, body: str, want: Any
) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "The bank denied any role in selling the bonds to pensioners.",
        "The mayor rejected any involvement in awarding the building contract.",
        "The club denied having any contact with the player's agent.",
        "The army has 40,000 soldiers and 200 tanks.",
        "The chain has 400 shops in France.",
        "She has two sons in the army.",
        "Germany has more than 80 million people in its cities.",
        "Kazakhstan shipped diesel fuel to Kyrgyzstan last year.",
        "Police seized a lorry carrying cigarettes bound for Spain.",
    ],
)
def test_battery_the_same_shapes_among_firms_clubs_and_people_are_no_defence_event(
    nlp: Any, body: str
) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in DEFENCE], shown(events)
