"""Battery: the shapes of a defence pact beyond a signed 'security pact', and ties that are none.

States stepping up or entering defence cooperation, joining or acceding to a military alliance (the
gazetteer's ``alliance`` category), forming an alliance or coalition to fight an armed enemy, and one
state's force unit integrated into another's are defence pacts; cooperation between firms or
universities, a coalition government, an airline alliance, a charity alliance against poverty and a
sales force merged into a division are none. Each sentence is written for the project.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import Expect, case, check, events_of, shown

pytestmark = pytest.mark.model

P = "defence_pact"

PACTS = [
    case(
        "Poland and South Korea agreed to deepen defence cooperation during the visit.",
        P,
        parties=("POL", "KOR"),
    ),
    case(
        "India and Armenia have stepped up military cooperation in recent years.", P, parties=("IND", "ARM")
    ),
    case(
        "Spain and Morocco entered a new level of security cooperation with a border accord.",
        P,
        parties=("ESP", "MAR"),
    ),
    case(
        "Kenya and the United States signed a five-year defence cooperation framework.",
        P,
        parties=("KEN", "USA"),
    ),
    case("Finland formally joined NATO in April 2023.", P, parties=("FIN",)),
    case("Sweden's accession to NATO was completed in March 2024.", P, parties=("SWE",)),
    case(
        "Nigeria joined a Saudi-led coalition of Muslim nations formed to fight terrorism.",
        P,
        parties=("NGA",),
    ),
    case("Turkey formed an alliance to fight terrorism with a dozen states.", P, parties=("TUR",)),
    case(
        "Turkey formed an alliance to fight terrorism, made up of 12 states including Qatar.",
        P,
        parties=("TUR", "QAT"),
    ),
    case(
        "A Dutch brigade was integrated into a German armoured division last year.", P, parties=("NLD", "DEU")
    ),
]


@pytest.mark.parametrize(("body", "want"), PACTS)
def test_battery_cooperation_stepped_up_alliances_joined_and_units_merged_are_pacts(
    nlp: Any, body: str, want: Expect
) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "The airline joined the Star Alliance in 2005 to offer more connections.",
        "The Liberal Democrats joined a coalition government with the Conservatives in 2010.",
        "Charities formed an alliance to fight poverty in the region.",
        "Retailers launched a coalition to fight plastic waste.",
        "The two universities agreed to deepen research cooperation.",
        "The carmakers deepened their cooperation on batteries last year.",
        "Britain joined the European Union in 1973.",
        "The sales force was integrated into the marketing division last year.",
        "The bank said its cooperation with regulators had been close.",
        "The Saudi-led military coalition has been fighting the rebels since 2015.",
    ],
)
def test_battery_civilian_ties_and_standing_coalitions_are_no_pact(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == P], shown(events)
