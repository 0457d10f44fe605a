"""Battery: drills and moves of forces in the shapes reports give them.

A drill inside a span of time ('two weeks of manoeuvres'), done by forces that join, accompany or host
another state's ships, drilled as a verb, practised together, flown as joint flights or as simulated
strikes (a drill, not a strike, and its flight no separate move); a state named only for a border or a
coast is no party; a joint drill naming one side takes the other from the sentence before. Forces
that land in a state, a company of soldiers, fighter jets flown to a base are deployed. A ban on
weapons 'for' a state hits that state. Each sentence is written for the project; the negatives are the
same shapes among chefs, firms, tourists and actors.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import DEFENCE, case, check, events_of, shown

pytestmark = pytest.mark.model

DRILLS = [
    case(
        "The Dutch submarine joined Norwegian frigates for a week of manoeuvres in the North Sea.",
        "exercise",
        parties=("NLD", "NOR"),
    ),
    case(
        "A Spanish frigate accompanied Moroccan ships during the naval exercise.",
        "exercise",
        parties=("ESP", "MAR"),
    ),
    case(
        "The Thai navy hosted a Malaysian corvette for three days of drills.",
        "exercise",
        parties=("THA", "MYS"),
    ),
    case(
        "Latvian and Estonian soldiers drilled in the forests near Valga.", "exercise", parties=("LVA", "EST")
    ),
    case(
        "Brazilian and Argentine air force pilots will practise air-to-air combat together next month.",
        "exercise",
        parties=("BRA", "ARG"),
    ),
    case(
        "Turkish and Azerbaijani air forces carried out joint flights over Nakhchivan.",
        "exercise",
        parties=("TUR", "AZE"),
    ),
    case(
        "Finnish and Swedish troops rehearsed amphibious landings together on Gotland.",
        "exercise",
        parties=("FIN", "SWE"),
    ),
    case(
        "Vietnam's defence minister arrived in Vientiane on Monday.\n\n"
        "The joint exercise with Laotian forces will last ten days, officials said.",
        "exercise",
        parties=("LAO", "VNM"),
        sentence=2,
    ),
    case(
        "Hungary and Serbia held joint military drills near the Romanian border.",
        "exercise",
        parties=("HUN", "SRB"),
        absent=("ROU",),
    ),
    case(
        "About 300 Belgian paratroopers landed in Lithuania on Tuesday.",
        "deployment",
        source=("BEL",),
        target=("LTU",),
    ),
    case(
        "A battalion of Italian soldiers arrived in Latvia for a six-month rotation.",
        "deployment",
        source=("ITA",),
        target=("LVA",),
    ),
    case(
        "The French air force flew four fighter jets to its base in Jordan.",
        "deployment",
        source=("FRA",),
        target=("JOR",),
    ),
    case(
        "Egypt's first Rafale squadron arrived from France on Tuesday.",
        "arms_transfer",
        source=("FRA",),
        target=("EGY",),
    ),
    case(
        "A Dutch army squadron arrived in Lithuania from Germany.",
        "deployment",
        source=("NLD",),
        target=("LTU",),
    ),
    case(
        "Norway barred trucks carrying munitions for Russia from crossing its border.",
        "export_ban",
        source=("NOR",),
        target=("RUS",),
    ),
]


@pytest.mark.parametrize(("body", "want"), DRILLS)
def test_battery_drills_and_moves_of_forces_keep_their_parties(nlp: Any, body: str, want: Any) -> None:
    check(events_of(nlp, body), want)


def test_battery_a_simulated_strike_is_a_drill_and_its_flight_no_separate_move(nlp: Any) -> None:
    events = events_of(nlp, "Greek and Cypriot warplanes flew simulated strike missions over the sea.")
    subtypes = [e.subtype for e in events if e.subtype in DEFENCE | {"movement", "strike"}]
    assert subtypes == ["exercise"], shown(events)


@pytest.mark.parametrize(
    "body",
    [
        "Italian and Spanish chefs practised old recipes together in Rome.",
        "The striker drilled a low shot past the keeper after a swift attack.",
        "Both squads practised attacking moves together before the derby.",
        "The two clubs rehearsed their defence together in a mock attack drill.",
        "The two airlines began joint flights to Lima in May.",
        "A group of Chinese tourists landed in Iceland on Monday.",
        "A company of German engineers arrived in Chile to build a bridge.",
        "The oil firm drilled two wells off the Danish coast.",
        "The actors rehearsed the battle scene together for a week.",
        "The bank ran a simulated cyber attack on its own network.",
        "The port barred ships carrying grain for Egypt from docking.",
    ],
)
def test_battery_the_same_shapes_among_chefs_firms_and_tourists_are_no_defence_event(
    nlp: Any, body: str
) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in DEFENCE], shown(events)
