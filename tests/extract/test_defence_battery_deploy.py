"""Battery: forces based, rushed or kept in another country are deployed there; firms based, patients
rushed, coaches kept and a unit's home station ('where the brigade is based') are not. Each sentence
is written for the project."""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import Expect, case, check, events_of, shown

pytestmark = pytest.mark.model

D = "deployment"

DEPLOYED = [
    case(
        "Germany will permanently base a 5,000-strong brigade in Lithuania.",
        D,
        source=("DEU",),
        target=("LTU",),
    ),
    case("Turkey has kept troops in northern Iraq for years.", D, source=("TUR",), target=("IRQ",)),
    case("Chile rushed 200 soldiers to its northern border.", D, source=("CHL",)),
    case("France maintains a small garrison of troops in Djibouti.", D, source=("FRA",), target=("DJI",)),
]


@pytest.mark.parametrize(("body", "want"), DEPLOYED)
def test_battery_forces_based_rushed_or_kept_abroad(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "The firm is based in London.",
        "The company will base its new plant in Ohio.",
        "Paramedics rushed the injured to hospital.",
        "The club kept its coach for another season.",
        "The bank will maintain its staff in Dublin.",
        "The ministers met in Punta Arenas, where the Chilean 3rd Army Brigade is based.",
    ],
)
def test_battery_firms_patients_and_staff_are_not_deployed(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == D], shown(events)
