"""Battery: ties between states in shapes the earlier batteries lacked, and their civilian look-alikes.

Two capitals holding manoeuvres, forces flying a joint patrol, a promise to come to each other's aid,
a mutual assistance clause, becoming a member of NATO (or 'the Atlantic alliance'), an accord giving
one state's forces access to bases, a framework for defence cooperation; forces stationed at a base
in a country, a brigade of soldiers in a country, soldiers sent to fight for another state; states
that jointly fund and develop a weapon or build a combat system together, a joint venture of two
states; a state that stops delivering a weapon's parts or expels another from a weapons programme;
weapons leased from or to a state, signed for, seized on their way, or sent as military aid; forces
sent abroad in a passive, or named as sent in a denial. Airliners sold by their makers are no arms.
Each sentence is written for the project; the negatives are the same shapes among firms, teams and
diplomats.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import DEFENCE, Expect, case, check, events_of, shown

pytestmark = pytest.mark.model

TIES = [
    # two states hold drills: capitals as the holders, a patrol flown together
    case(
        "Moscow and Minsk will hold large-scale manoeuvres in western Belarus in the autumn.",
        "exercise",
        parties=("RUS", "BLR"),
    ),
    case(
        "Tokyo and Canberra staged their first combined exercise off northern Australia.",
        "exercise",
        parties=("JPN", "AUS"),
    ),
    case(
        "Chinese and Russian bombers flew a joint patrol over the East China Sea.",
        "exercise",
        parties=("CHN", "RUS"),
    ),
    # promises of mutual defence, membership of an alliance, access for forces
    case(
        "Poland and Lithuania pledged to come to each other's aid if either is attacked.",
        "defence_pact",
        parties=("POL", "LTU"),
    ),
    case(
        "Armenia and India agreed to defend each other in case of aggression.",
        "defence_pact",
        parties=("ARM", "IND"),
    ),
    case(
        "Italy and Greece signed a strategic partnership with a mutual assistance clause.",
        "defence_pact",
        parties=("ITA", "GRC"),
    ),
    case("Montenegro became the 29th member of NATO in 2017.", "defence_pact", parties=("MNE",)),
    case("North Macedonia joined the Atlantic alliance in 2020.", "defence_pact", parties=("MKD",)),
    case(
        "Papua New Guinea and Australia signed an accord giving Australian forces access to its ports.",
        "defence_pact",
        parties=("PNG", "AUS"),
    ),
    case(
        "Vietnam and Japan inked a framework for defence cooperation on Monday.",
        "defence_pact",
        parties=("VNM", "JPN"),
    ),
    # deployments to a site in a country, a unit's soldiers in a country, soldiers sent to fight
    case(
        "Russia stationed warplanes at an air base in Syria.", "deployment", source=("RUS",), target=("SYR",)
    ),
    case(
        "Britain will station a battalion of 900 soldiers in Estonia.",
        "deployment",
        source=("GBR",),
        target=("EST",),
    ),
    case(
        "French troops arrived at a camp in Mali last week.", "deployment", source=("FRA",), target=("MLI",)
    ),
    case(
        "Belarus sent hundreds of soldiers to help Russia in the war.",
        "deployment",
        source=("BLR",),
        target=("RUS",),
    ),
    # co-development by a shared adverb, a combat system built together, a joint venture's owners
    case(
        "Japan and the United States jointly design and build the SM-3 Block IIA interceptor.",
        "co_development",
        parties=("JPN", "USA"),
    ),
    case(
        "Sweden and Germany are building a new combat vehicle together.",
        "co_development",
        parties=("SWE", "DEU"),
    ),
    case(
        "The missile is made by a joint venture of France and Italy.",
        "co_development",
        parties=("FRA", "ITA"),
    ),
    # bans by stopping deliveries of a weapon's parts or expelling a state from a weapons programme
    case(
        "Denmark stopped delivering F-35 parts to Israel in May.",
        "export_ban",
        source=("DNK",),
        target=("ISR",),
    ),
    case(
        "Kazakhstan and Russia signed a treaty on military cooperation in Astana.",
        "defence_pact",
        parties=("KAZ", "RUS"),
    ),
    case(
        "A new security partnership between Japan and the Philippines was announced on Friday.",
        "defence_pact",
        parties=("JPN", "PHL"),
    ),
    case(
        "Russian soldiers have been stationed in Tajikistan since the 1990s.",
        "deployment",
        source=("RUS",),
        target=("TJK",),
    ),
    case(
        "Australia and Japan signed a treaty letting their troops train on each other's soil.",
        "defence_pact",
        parties=("AUS", "JPN"),
    ),
    case(
        "Egypt and Greece renewed their strategic partnership on defence in Athens.",
        "defence_pact",
        parties=("EGY", "GRC"),
    ),
    case("Washington froze military aid to Egypt in 2013.", "export_ban", source=("USA",), target=("EGY",)),
    case(
        "Germany and Norway agreed to cooperate on developing a new submarine-launched missile.",
        "co_development",
        parties=("DEU", "NOR"),
    ),
    case(
        "The United States excluded Turkey from the F-35 programme in 2019.",
        "export_ban",
        source=("USA",),
        target=("TUR",),
    ),
]

# who supplies and who gets, in shapes of trade, interdiction and forces sent
TRADES = [
    case(
        "Croatia will lease six Bayraktar drones from Turkey.",
        "arms_transfer",
        source=("TUR",),
        target=("HRV",),
    ),
    case(
        "Israel leased two Heron drones to Greece in 2020.", "arms_transfer", source=("ISR",), target=("GRC",)
    ),
    case("Romania has signed for 54 Abrams tanks.", "arms_transfer", source=("USA",), target=("ROU",)),
    case(
        "Rheinmetall won a Hungarian order for Lynx infantry fighting vehicles.",
        "arms_transfer",
        source=("DEU",),
        target=("HUN",),
    ),
    case(
        "Greece will pay Lockheed Martin to upgrade 84 of its F-16 jets.",
        "upgrade",
        source=("USA",),
        target=("GRC",),
    ),
    case("Chile hired Saab to modernise its Gripen fighters.", "upgrade", source=("SWE",), target=("CHL",)),
    case(
        "Morocco received 13 Bayraktar TB2 drones from Turkey.",
        "arms_transfer",
        source=("TUR",),
        target=("MAR",),
        quantity=13,
    ),
    case(
        "Bulgaria will buy eight F-16V fighter jets from the US.",
        "arms_transfer",
        source=("USA",),
        target=("BGR",),
        quantity=8,
    ),
    case(
        "Estonia sourced 12 K9 howitzers from South Korea.", "arms_transfer", source=("KOR",), target=("EST",)
    ),
    case(
        "The Royal Navy seized a consignment of Iranian missiles bound for Yemen.",
        "arms_transfer",
        source=("IRN",),
        target=("YEM",),
        absent=("GBR",),
    ),
    case(
        "A cargo of North Korean rockets destined for Libya was intercepted by Egypt.",
        "arms_transfer",
        source=("PRK",),
        target=("LBY",),
        absent=("EGY",),
    ),
    case(
        "Germany sent 500 million euros in military aid to Moldova.",
        "arms_transfer",
        source=("DEU",),
        target=("MDA",),
    ),
    case(
        "Chinese soldiers were sent to South Sudan as peacekeepers.",
        "deployment",
        source=("CHN",),
        target=("SSD",),
    ),
    case("Tehran denied sending troops to Syria.", "deployment", source=("IRN",), target=("SYR",)),
    case("Cuba agreed to dispatch troops to Angola.", "deployment", source=("CUB",), target=("AGO",)),
    case(
        "About 800 Dutch soldiers arrived in Lithuania for NATO's spring exercise.",
        "deployment",
        source=("NLD",),
        target=("LTU",),
        absent=("IGO",),
    ),
    case(
        "Russian mercenaries have been deployed in Libya since 2019.",
        "deployment",
        source=("RUS",),
        target=("LBY",),
    ),
    case(
        "Chechen volunteers aside, Belarusian soldiers are fighting for Russia, Kyiv says.",
        "deployment",
        source=("BLR",),
        target=("RUS",),
    ),
    case(
        "Wagner's rivals accused Russia of sending military instructors to Mali.",
        "deployment",
        source=("RUS",),
        target=("MLI",),
    ),
]


@pytest.mark.parametrize(("body", "want"), TRADES)
def test_battery_trades_interdictions_and_forces_sent_keep_their_parties(
    nlp: Any, body: str, want: Expect
) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(("body", "want"), TIES)
def test_battery_ties_between_states_in_new_shapes(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


@pytest.mark.parametrize(
    "body",
    [
        "Japan and South Korea held a joint earthquake drill in Osaka.",
        "France and Germany began a round of budget exercises in Brussels.",
        "Germany and France agreed on mutual legal assistance in tax cases.",
        "The two rival teams came to each other's aid after the storm.",
        "Ukraine wants to become a member of the European Union.",
        "Poland, a member of NATO since 1999, hosted the summit.",
        "Apple signed an agreement giving its sales force access to new offices.",
        "The two universities signed a framework for research cooperation.",
        "The two firms jointly own and run a chain of hotels in Spain.",
        "The firm stopped delivering parcels to Israel after the strike.",
        "Russia expelled two British diplomats from Moscow.",
        "The courier sent hundreds of parcels to Spain.",
        "Airbus won an order for 120 jets from a low-cost carrier.",
        "Qantas ordered 20 planes from Boeing on Monday.",
        "The striker signed for Arsenal on a four-year contract.",
        "Britain sent humanitarian aid to Gaza by sea.",
        "The EU will provide financial assistance to Portugal.",
        "The IMF halted financial aid to Sri Lanka.",
        "Chelsea players fought for the ball in the final minutes.",
        "The two airlines renewed their strategic partnership on loyalty schemes.",
        "The union signed a pact letting its members work from home.",
        "The retailer sourced its cotton from Uzbekistan.",
        "The council paid a builder to upgrade the school's heating.",
        "Honda and GM agreed to cooperate on developing electric cars.",
        "The two central banks signed a treaty on payment systems.",
    ],
)
def test_battery_the_same_shapes_among_firms_teams_and_diplomats_are_no_defence_event(
    nlp: Any, body: str
) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in DEFENCE], shown(events)
