"""Battery: drills called by a name with an edition mark, and the fairs and shows of the same shape.

A report names a drill the gazetteer may not know ('Northern Shield 2025', 'Harbour Guard-24',
'Steel Wall-III', 'Desert Falcon 4'); in a sentence that shows forces or weapons, the name that runs
('began', 'was held'), whose edition runs ('the 12th edition of X opened'), or that forces set out
for ('departed for X') is an exercise. A defence fair, dialogue or games of the same shape is none.
Each sentence and each name is written for the project.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import DEFENCE, case, check, events_of, shown

pytestmark = pytest.mark.model

NAMED = [
    case(
        "Harbour Guard-24 began near Constanta with Romanian and Bulgarian troops.",
        "exercise",
        parties=("ROU", "BGR"),
    ),
    case(
        "Steel Wall-III concluded on Friday with Kenyan and Ugandan soldiers.",
        "exercise",
        parties=("KEN", "UGA"),
    ),
    case(
        "Desert Falcon 4 brought together Jordanian and Emirati forces in the south.",
        "exercise",
        parties=("JOR", "ARE"),
    ),
    case(
        "The 12th edition of Northern Shield opened with Danish and Dutch marines on board.",
        "exercise",
        parties=("DNK", "NLD"),
    ),
    case(
        "A Ghanaian army contingent departed for Coastal Lion-2025 in Senegal.", "exercise", parties=("GHA",)
    ),
]


@pytest.mark.parametrize(("body", "want"), NAMED)
def test_battery_named_drills_with_an_edition_mark_are_exercises(nlp: Any, body: str, want: Any) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "Harbour Expo 2025 opened in Constanta with 300 defence firms.",
        "Northern Dialogue 2024 began with defence ministers from ten states.",
        "Jazz Harbour 2025 opened in Lagos with more than 30 bands.",
        "Coastal Lion-2025 sold out its theatre run in Dakar.",
        "The 12th edition of the Northern Film Festival opened on Friday.",
        "Copa Norte 2026 kicked off in Quito with the hosts' attack looking sharp.",
        "The Harbour Derby 2025 began with a battle for midfield and a solid defence.",
    ],
)
def test_battery_fairs_dialogues_and_festivals_of_the_same_shape_are_no_exercise(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in DEFENCE], shown(events)
