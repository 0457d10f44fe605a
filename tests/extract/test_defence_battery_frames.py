"""Battery: frames around a trigger that carry its parties, item or status.

- forces added 'along with' an exercise's troops, forces 'brought together from' states, and the
  partners of the verb an exercise is the subject of ('the drills began with troops from X and Y');
- exercising an option for more weapons is a purchase (an airline's or a shareholder's option is not);
- a passive whose subject is raised above it ('the missiles were due to be unloaded and from there
  transferred to X') still has its subject as item;
- forces that operate, remain or stay in a named place are deployed there (not 'operate drones');
- 'As the minister noted, X bought ...' attributes the clause, like 'according to';
- making weapons locally, assembling them or teaming up to build them is co-production when parties
  of two countries take part (not 'India will build the jets locally' or two banks teaming up);
- a weapon system the gazetteer names is an item whatever the tagger calls it;
- weapons that land in or reach a state are delivered there, like weapons that arrive;
- weapons funnelled, diverted or ferried to a party are supplied to it (a plane that flies
  itself, or funds diverted, supplies nothing);
- weapons of one country's make found in the hands of, or used by, another party went to it (not
  weapons used by their own country's forces, nor cars found in a garage);
- buyers named only by kind and a vague count ('several countries have ordered X') are no party.

Each sentence is written for the project.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import Expect, case, check, events_of, shown

from newsift.model import ClaimStatus

pytestmark = pytest.mark.model

E, T, D, C = "exercise", "arms_transfer", "deployment", "co_development"

FRAMES = [
    case(
        "The drills involve 5,000 Thai and US troops, along with several hundred Japanese personnel.",
        E,
        parties=("THA", "USA", "JPN"),
    ),
    case(
        "The drill, which runs to March 10, brings together navies from 12 states including India and Peru.",
        E,
        parties=("IND", "PER"),
    ),
    case(
        "The 10th edition of the exercise began on Monday in Rajasthan with troops from India and Egypt.",
        E,
        parties=("IND", "EGY"),
    ),
    case("Peru exercised an option for four more K2 tanks.", T, source=("KOR",), target=("PER",)),
    case(
        "The missiles were due to be unloaded at the port and from there transferred to the rebels.",
        T,
    ),
    case("Some 4,000 Rwandan soldiers are operating in eastern Congo.", D, source=("RWA",)),
    case("About 900 US troops will remain in Syria.", D, source=("USA",), target=("SYR",)),
    case(
        "As the minister noted, Brazil bought 36 Gripen fighter jets in 2014.",
        T,
        target=("BRA",),
        status=ClaimStatus.ATTRIBUTED,
    ),
    case("Saab and India's Adani will manufacture Gripen jets locally.", C, parties=("SWE", "IND")),
    case("Egypt will assemble South Korean K9 howitzers at a local factory.", C, parties=("EGY", "KOR")),
    case(
        "Brazil's Embraer and India's Mahindra teamed up to build C-390 transport planes.",
        C,
        parties=("BRA", "IND"),
    ),
    case(
        "Vietnam bought its first batch of Yak-130 trainers from Russia in 2015.",
        T,
        source=("RUS",),
        target=("VNM",),
    ),
    case("The first Rafale jets reached Greece in January.", T, source=("FRA",), target=("GRC",)),
    case("A delivery of Patriot missiles reached Poland last week.", T, source=("USA",), target=("POL",)),
    case("The first two F-16 jets landed in Romania on Friday.", T, source=("USA",), target=("ROU",)),
    case("Belarus has been funnelling ammunition to Russian troops.", T, source=("BLR",), target=("RUS",)),
    case("The shells were diverted to Russia through Armenia.", T, target=("RUS",)),
    case(
        "UN experts found Iranian-made drones in the hands of Hezbollah.", T, source=("IRN",), target=("LBN",)
    ),
    case(
        "Iranian-made drones were used by the Russian army in Ukraine.", T, source=("IRN",), target=("RUS",)
    ),
    case("Poland and Norway have ordered the K9 howitzer.", T, source=("KOR",), target=("POL", "NOR")),
]


@pytest.mark.parametrize(("body", "want"), FRAMES)
def test_battery_frames_carry_parties_items_and_status(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


def test_battery_a_raised_passive_keeps_its_item(nlp: Any) -> None:
    body = "The missiles were due to be unloaded at the port and from there transferred to the rebels."
    events = [e for e in events_of(nlp, body) if e.subtype == T]
    assert events and events[0].item == "missiles", shown(events)


@pytest.mark.parametrize(
    "body",
    [
        "The airline exercised options for 20 more A320 jets.",
        "Shareholders exercised their options to buy shares.",
        "Soldiers operate drones from a base in Nevada.",
        "The airline operates flights in Kenya.",
        "The soldiers remained silent during the trial.",
        "The army chief will stay in office until March.",
        "India will build the Tejas jets locally.",
        "The destroyers will be assembled in Adelaide.",
        "Two banks teamed up to build a payments app.",
        "Boeing and Embraer teamed up to build passenger jets.",
        "The missile reached an altitude of 100 km.",
        "The plane carrying the minister landed in Paris.",
        "Two jets flew to Poland for the exercise.",
        "The firm funnelled cash to its parent in Ireland.",
        "Funds were diverted to the rebels.",
        "Russian-made missiles were used by Russian forces against the city.",
        "Police found German-made cars in the garage.",
        "The army used Turkish-made drones in the offensive.",
        "Several countries have ordered the K9 howitzer.",
        "Many armies have bought Turkish drones.",
    ],
)
def test_battery_civilian_options_stays_and_lone_makers_are_no_such_event(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in (T, D, C)], shown(events)
