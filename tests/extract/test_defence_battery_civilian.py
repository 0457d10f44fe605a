"""Battery, civilian look-alikes: sentences that read like defence news and are not.

Cars, airliners bought by airlines, finance and property arms, labour strikes, sports deals, phone
networks, trade pacts and bans on goods that are no weapons: none may yield a defence event (any
defence subtype). Each sentence is written for the project. Strict xfails name the pattern that
fails today.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import DEFENCE, events_of, rows, shown

pytestmark = pytest.mark.model

CARS = [
    "Toyota agreed to supply Mazda with 10,000 hybrid engines.",
    "Hyundai will deliver 5,000 electric buses to Chile.",
    "Volkswagen sold its truck unit to a group of investors.",
    "Renault ordered car batteries from a Chinese supplier.",
    "Saab's former car business was sold to a Chinese consortium.",
    "Mitsubishi Motors shipped 2,000 pickup trucks to Thailand.",
    "Tesla delivered 400,000 cars in the second quarter.",
    "Ford will build electric vans in Turkey with a local partner.",
]
AIRLINERS = [
    "Turkish Airlines ordered 220 jets from Airbus.",
    "Qantas took delivery of its first Airbus A321 from France.",
    "Boeing delivered 30 jetliners to Chinese airlines in May.",
    "Emirates will buy 90 Boeing 777 jets.",
    "Air India signed a deal to buy 470 planes from Boeing and Airbus.",
    "Embraer sold 20 regional jets to an American carrier.",
    "Leonardo sold civilian helicopters to a Norwegian operator.",
    "Rolls-Royce will supply engines for the airline's new fleet.",
]
FINANCE = [
    "Deutsche Bank sold its asset management arm to a US rival.",
    "The insurer sold its Asian life arm to a Japanese group.",
    "Sony's finance arm reported a record profit.",
    "The bank spun off its investment arm in 2021.",
    "The retailer's property arm was bought by a Qatari fund.",
]
LABOUR = [
    "Train drivers in Germany went on strike.",
    "Nurses in Britain will strike next week over pay.",
    "Dockworkers struck at ports on the US East Coast.",
    "A general strike hit Argentina on Thursday.",
    "A strike at Boeing halted production of its jets for seven weeks.",
    "Teachers in France staged a national strike.",
]
SPORT = [
    "Arsenal struck a deal to sign a Brazilian striker.",
    "The club sold its captain to Real Madrid for 80 million euros.",
    "France beat Brazil in the final.",
    "The Turkish club signed a defender from Italy.",
    "Japan's national team held a training camp with Australia.",
    "The striker fired three shots at the goal.",
    "Manchester City agreed a deal with Juventus for the midfielder.",
    "The two rugby teams launched a joint training drill in Cardiff.",
]
NETWORKS = [
    "Vodafone sold its Italian network to Iliad.",
    "Ericsson will supply 5G equipment to Indonesia.",
    "Nokia signed a deal to build a mobile network in Ukraine.",
    "Britain banned Huawei from its 5G network.",
    "The operator deployed 5G towers across Kenya.",
    "Orange agreed to buy a Spanish mobile operator.",
]
OTHER = [
    "China banned exports of gallium to the United States.",
    "Russia halted gas exports to Poland.",
    "India and Japan signed a trade pact.",
    "The European Union and Mercosur agreed a trade deal.",
    "Firefighters deployed helicopters to fight the blaze.",
    "Japan restricted exports of chipmaking equipment to China.",
    "The company deployed a new software update to its customers.",
    "Indonesia banned exports of nickel ore.",
    "Germany will supply Poland with natural gas next winter.",
    "France delivered food aid to Gaza.",
    "The drugmaker launched a joint venture with a Chinese firm.",
    "Ford and Volkswagen will jointly build electric cars in Mexico.",
    "Storms hit the coast of Florida.",
    "The band's new album hit number one in Britain.",
    "Hackers attacked the website of the German parliament.",
]
STANDING_RULES = [  # a rule in force, aimed at no one named, reports no ban and no transfer
    "Chilean regulations strictly prohibit the unauthorised transfer of weapons to third parties.",
    "Peruvian law bans the export of weapons to countries at war.",
    "National rules prohibit arms sales to any country under sanctions.",
    # deals in general: a bare plural deal noun naming no party and no item
    "The executive was jailed for hiring an official while she still handled military contracts.",
]

FAILS: dict[str, str] = {
    "Leonardo sold civilian helicopters to a Norwegian operator.": "civilian aircraft from a defence firm",
    "The two rugby teams launched a joint training drill in Cardiff.": "sports training read as exercise",
    "Firefighters deployed helicopters to fight the blaze.": "civilian deployment of aircraft",
}


@pytest.mark.parametrize(
    "body", rows(CARS + AIRLINERS + FINANCE + LABOUR + SPORT + NETWORKS + OTHER + STANDING_RULES, FAILS)
)
def test_battery_civilian_look_alike_gives_no_defence_event(nlp: Any, body: str) -> None:
    events = events_of(nlp, body, title="Business news")
    assert not [e for e in events if e.subtype in DEFENCE], shown(events)


def test_battery_a_new_law_aimed_at_a_party_is_a_ban(nlp: Any) -> None:
    events = events_of(nlp, "The new law bans arms exports to Peru.")
    assert [e.subtype for e in events if e.subtype] == ["export_ban"], shown(events)
