"""Battery: drills and training together, ships sent to take part, and weapons arriving.

Forces of two countries training together ('joint coast guard training', 'combined training', 'a
counter-terrorism training' held by two states, a named training, 'trained alongside') exercise; a
training of one side ('basic training', 'combat training' of recruits) or a civilian one ('joint
training for nurses') does not. A warship sent to take part in a drill moves; it is sold to no one.
Each sentence is written for the project.

'training' as an exercise noun of its own (beyond 'joint training', which needs military words near
it now) was built and measured: it added a false exercise on the defence bench's check half and gained
nothing on either half, so it is not shipped; those cases are strict xfails ('training noun').

Forces that drill or train 'with' another's forces exercise; a drill named after 'the annual' is one;
weapons 'from' a country arriving in another are a delivery (the bare 'by ship' is how, not what);
a plural noun opening a paragraph ('Soldiers from ...'), which the tagger reads as a name, is a noun;
an accord on visiting forces is a defence pact, a labour force agreement none.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import Expect, case, check, events_of, shown

pytestmark = pytest.mark.model

T, X = "arms_transfer", "exercise"
NOUN = "training noun"

TRAINING = [
    # a training held by two countries' forces, joint by its modifier or by its coordinated holders
    case(
        "Japan and the Philippines held their first joint coast guard training in Manila Bay.",
        X,
        parties=("JPN", "PHL"),
        fails=NOUN,
    ),
    case(
        "South Korean and US forces wrapped up their springtime combined training on Thursday.",
        X,
        parties=("KOR", "USA"),
        fails=NOUN,
    ),
    case(
        "Pakistan and Saudi Arabia concluded a two-week counter-terrorism training in Jhelum.",
        X,
        parties=("PAK", "SAU"),
        fails=NOUN,
    ),
    case(
        "Kenyan and British soldiers began a bilateral training near Nanyuki.",
        X,
        parties=("KEN", "GBR"),
        fails=NOUN,
    ),
    # a training with a proper name is a named exercise
    case(
        "Mongolia hosted soldiers from many nations for the Steppe Shield peacekeeping training.",
        X,
        parties=("MNG",),
        fails=NOUN,
    ),
    # forces training beside another country's forces
    case(
        "Thai marines trained alongside American marines on a beach in Chonburi.", X, parties=("THA", "USA")
    ),
]


@pytest.mark.parametrize(("body", "want"), TRAINING)
def test_battery_training_together_is_an_exercise(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "Ukrainian recruits began basic training at a camp in England.",
        "The army's training budget was cut by a tenth.",
        "Hospitals in Kenya and Uganda held joint training for nurses and paramedics.",
        "The airline and its pilots' union agreed on a new training scheme.",
    ],
)
def test_battery_a_training_of_one_side_or_of_civilians_is_no_exercise(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == X], shown(events)


@pytest.mark.parametrize(
    "body",
    [
        "Vietnam sent a frigate to take part in a multinational naval gathering hosted by Indonesia.",
        "Peru sent two warships to join the drills off Hawaii.",
        "Chile dispatched a submarine to participate in the exercise.",
    ],
)
def test_battery_a_ship_sent_to_take_part_is_not_sold(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == T], shown(events)


def test_battery_weapons_sent_to_a_country_to_help_it_are_still_supplied(nlp: Any) -> None:
    events = events_of(nlp, "Norway sent air defence missiles to Ukraine to help protect its cities.")
    assert [e for e in events if e.subtype == T], shown(events)


MORE = [
    case(
        "Chinese warships will drill with Russian vessels in the East China Sea later this month.",
        X,
        parties=("CHN", "RUS"),
    ),
    case(
        "About 400 Canadian soldiers trained with Latvian troops at Adazi this month.",
        X,
        parties=("CAN", "LVA"),
    ),
    case(
        "More than 3,000 soldiers from Morocco and the United States will join the annual African Lion "
        "manoeuvres next month.",
        X,
        parties=("MAR", "USA"),
    ),
    case("Soldiers from Chile and Peru took part in the drills near Arica.", X, parties=("CHL", "PER")),
    case("Tanks from Germany arrived in the Czech Republic on Tuesday.", T, source=("DEU",), target=("CZE",)),
    case("Howitzers from South Korea arrived in Poland by ship.", T, source=("KOR",), target=("POL",)),
    case(
        "The Philippines and Japan concluded a visiting forces accord.",
        "defence_pact",
        parties=("PHL", "JPN"),
    ),
]


@pytest.mark.parametrize(("body", "want"), MORE)
def test_battery_drills_with_others_and_arrivals_from_a_country(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "The apprentice trained with a master carpenter in Kyoto.",
        "The choir will drill with the new conductor before the tour.",
        "The Kenyan runner trained with Ethiopian athletes at altitude.",
    ],
)
def test_battery_training_with_someone_outside_forces_is_no_exercise(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == X], shown(events)


def test_battery_a_labour_force_agreement_is_no_pact(nlp: Any) -> None:
    events = events_of(nlp, "The labour force agreement was signed by unions and employers in Chile.")
    assert not [e for e in events if e.subtype == "defence_pact"], shown(events)
