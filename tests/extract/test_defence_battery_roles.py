"""Battery, roles: who supplies, who receives, who takes part, one sentence per pattern and frame.

Sentences are written for the project (public-style facts in our own words, no benchmark text). Each
names the subtype and the codes a demanding analyst expects: the supplier in ``source`` and the
recipient in ``target`` (never the other way round) for arms transfers, upgrades and export bans; the
parties (anywhere among the event's actors, as the defence scorer counts them) for exercises, pacts
and co-development; the actor and the other side for deployments and strikes. Strict xfails name the
pattern that fails today.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import Expect, case, check, events_of, shown

pytestmark = pytest.mark.model
T = "arms_transfer"

ACTIVE = [
    case(
        "Italy handed over two patrol vessels to Tunisia.",
        T,
        source=("ITA",),
        target=("TUN",),
    ),
    case("Israel sold Barak 8 air defence systems to Azerbaijan.", T, source=("ISR",), target=("AZE",)),
    case("Russia supplied Su-30 fighter jets to Algeria.", T, source=("RUS",), target=("DZA",)),
    case("The Netherlands transferred 18 F-16 jets to Ukraine.", T, source=("NLD",), target=("UKR",)),
    case("Brazil exported Super Tucano attack aircraft to Nigeria.", T, source=("BRA",), target=("NGA",)),
    case(
        "Chile has ordered six more light attack aircraft from Brazil.", T, source=("BRA",), target=("CHL",)
    ),
    case("Peru has ordered four more combat aircraft from Sweden.", T, source=("SWE",), target=("PER",)),
    case("Chile ordered a batch of missiles from Israel.", T, source=("ISR",), target=("CHL",)),
    # a choice or a pledge of a weapon is a transfer still to come (its status: test_battery_status)
    case("Colombia selected the Swedish Gripen over the American F-16.", T, source=("SWE",), target=("COL",)),
    case(
        "Ecuador opted for Israeli Barak missiles for its new corvettes.", T, source=("ISR",), target=("ECU",)
    ),
    case("Denmark pledged 19 F-16 jets to Ukraine.", T, source=("DNK",), target=("UKR",)),
    # a loan of weapons is a transfer; a customer's owner is its supplier
    case(
        "Under the agreement, Germany will lend 14 howitzers to Lithuania.",
        T,
        source=("DEU",),
        target=("LTU",),
    ),
    case(
        "Vietnam, Russia's biggest arms customer in Asia, ordered 12 more jets.",
        T,
        source=("RUS",),
        target=("VNM",),
    ),
    # who uses weapons a participle says were supplied received them; a cargo bound for X is X's
    case("Sudan's army is using drones supplied by Iran.", T, source=("IRN",), target=("SDN",)),
    case(
        "A consignment of Belarusian rifles bound for Sudan was seized.", T, source=("BLR",), target=("SDN",)
    ),
    # a batch of weapons arriving in a state is a delivery
    case("A batch of Turkish Bayraktar drones arrived in Uruguay.", T, source=("TUR",), target=("URY",)),
    case("South Korea provided Poland with 180 K2 tanks.", T, source=("KOR",), target=("POL",)),
    case("The United States agreed to sell 66 F-16 fighters to Taiwan.", T, source=("USA",), target=("TWN",)),
    case(
        "China delivered the first Hangor-class submarine to Pakistan.", T, source=("CHN",), target=("PAK",)
    ),
    case("Egypt bought 24 Rafale jets from France.", T, source=("FRA",), target=("EGY",)),
    case("Qatar ordered 24 Eurofighter Typhoon jets from Britain.", T, source=("GBR",), target=("QAT",)),
    case("Greece has procured three FDI frigates from France.", T, source=("FRA",), target=("GRC",)),
    case(
        "Kazakhstan took delivery of Turkish Anka drones.",
        T,
        source=("TUR",),
        target=("KAZ",),
    ),
]

PASSIVE = [
    case("Ten Leopard 2 tanks were sent to Ukraine by Denmark.", T, source=("DNK",), target=("UKR",)),
    case("Morocco was sold 25 F-16 jets by the United States.", T, source=("USA",), target=("MAR",)),
    case(
        "Kenya will be supplied with armoured vehicles by Turkey.",
        T,
        source=("TUR",),
        target=("KEN",),
    ),
    case("Several Mi-17 helicopters were delivered to Peru by Russia.", T, source=("RUS",), target=("PER",)),
    case("Three submarines were bought from Germany by Israel.", T, source=("DEU",), target=("ISR",)),
    case(
        "Patriot batteries have been shipped to Poland by the United States.",
        T,
        source=("USA",),
        target=("POL",),
    ),
    case("Slovakia was supplied with Leopard tanks by Germany.", T, source=("DEU",), target=("SVK",)),
]

NOMINAL = [
    case(
        "The sale of 12 French Rafale jets to Serbia was signed in Belgrade.",
        T,
        source=("FRA",),
        target=("SRB",),
    ),
    case(
        "India's purchase of 26 Rafale Marine jets from France was finalised.",
        T,
        source=("FRA",),
        target=("IND",),
    ),
    case(
        "The delivery of Patriot batteries to Ukraine by Germany continued.",
        T,
        fails="military item not recognised",
        source=("DEU",),
        target=("UKR",),
    ),
    case("Germany's supply of IRIS-T systems to Ukraine has grown.", T, source=("DEU",), target=("UKR",)),
    case(
        "The transfer of Chinese drones to Myanmar worries its neighbours.",
        T,
        source=("CHN",),
        target=("MMR",),
    ),
    case("Norway's order for Korean K9 howitzers was signed in Oslo.", T, source=("KOR",), target=("NOR",)),
    case(
        "Australia's acquisition of American Tomahawk missiles went ahead.",
        T,
        source=("USA",),
        target=("AUS",),
    ),
]

COORDINATION = [
    case("France and Italy sold SAMP/T systems to Ukraine.", T, source=("FRA", "ITA"), target=("UKR",)),
    case("Germany delivered IRIS-T systems to Ukraine and Egypt.", T, source=("DEU",), target=("UKR", "EGY")),
    case(
        "Poland bought tanks from South Korea and the United States.",
        T,
        source=("KOR", "USA"),
        target=("POL",),
    ),
    case(
        "Lithuania and Latvia ordered IRIS-T systems from Germany.", T, source=("DEU",), target=("LTU", "LVA")
    ),
    case("Norway and Sweden shipped artillery shells to Ukraine.", T, source=("NOR", "SWE"), target=("UKR",)),
]

PASSIVE_ACCUSED = [  # the passive subject of an accusation is the one accused of supplying
    case("Chile has been accused of supplying rifles to Bolivian rebels.", T, source=("CHL",)),
    case("Iran was accused by Israel of smuggling weapons to Hezbollah.", T, source=("IRN",)),
]
FIRM = [
    case(  # the maker reporting the sale is its supplier, by its country
        "Colombia has signed a contract for 10 more trainer jets, its Brazilian maker said on Tuesday.",
        T,
        source=("BRA",),
        target=("COL",),
    ),
    case("Colombia will buy 10 more trainer jets, the Brazilian manufacturer announced.", T, source=("BRA",)),
    case("Croatia bought 12 Rafale jets from Dassault Aviation.", T, source=("FRA",), target=("HRV",)),
    case(
        "Rheinmetall will deliver Skyranger air defence systems to Denmark.",
        T,
        source=("DEU",),
        target=("DNK",),
    ),
    case(
        "Embraer sold C-390 transport aircraft to Portugal.",
        T,
        source=("BRA",),
        target=("PRT",),
    ),
    case("Naval Group delivered a Gowind-class corvette to Egypt.", T, source=("FRA",), target=("EGY",)),
    case("Saab will supply Thailand with Gripen fighters.", T, source=("SWE",), target=("THA",)),
    case("Baykar sold TB2 drones to Poland.", T, source=("TUR",), target=("POL",)),
    case(
        "Kongsberg delivered NASAMS batteries to Lithuania.",
        T,
        source=("NOR",),
        target=("LTU",),
    ),
    case(
        "Hyundai Rotem signed a contract to supply K2 tanks to Poland.", T, source=("KOR",), target=("POL",)
    ),
    case(
        "The Indonesian air force ordered 42 Rafale jets from Dassault.", T, source=("FRA",), target=("IDN",)
    ),
    case("Elbit Systems sold Hermes 900 drones to Brazil.", T, source=("ISR",), target=("BRA",)),
    case("Lockheed Martin will supply F-35 jets to the Czech Republic.", T, source=("USA",), target=("CZE",)),
    case(
        "Austal delivered patrol boats to Timor-Leste.",
        T,
        source=("AUS",),
        target=("TLS",),
    ),
    case(
        "Egypt signed a contract with Fincantieri for two FREMM frigates.",
        T,
        source=("ITA",),
        target=("EGY",),
    ),
    case(
        "Romania signed a deal with Hanwha Aerospace for K9 howitzers.", T, source=("KOR",), target=("ROU",)
    ),
    case(
        "Ukraine signed a contract with Rheinmetall to buy artillery ammunition.",
        T,
        source=("DEU",),
        target=("UKR",),
    ),
    case(
        "Rheinmetall signed a contract with Hungary to supply Lynx armoured vehicles.",
        T,
        source=("DEU",),
        target=("HUN",),
    ),
    case(
        "Mitsubishi Heavy Industries will build two frigates for Australia.",
        T,
        source=("JPN",),
        target=("AUS",),
    ),
]

ORIGIN = [
    case("Armenia received Indian Pinaka rocket launchers.", T, source=("IND",), target=("ARM",)),
    case("Nigeria received Chinese-made VT-4 tanks.", T, source=("CHN",), target=("NGA",)),
    case(
        "Bangladesh acquired Turkish armoured vehicles.",
        T,
        source=("TUR",),
        target=("BGD",),
    ),
    case("Argentina bought Danish F-16 fighters.", T, source=("DNK",), target=("ARG",)),
    case("Ukraine received Swedish Archer howitzers.", T, source=("SWE",), target=("UKR",)),
    case("Israeli-built drones were delivered to Azerbaijan.", T, source=("ISR",), target=("AZE",)),
    case("Ethiopia has acquired Iranian Mohajer-6 drones.", T, source=("IRN",), target=("ETH",)),
    case(
        "South Korea's Hanwha Aerospace delivered K9 howitzers to Australia.",
        T,
        source=("KOR",),
        target=("AUS",),
    ),
    case(
        "Russian S-400 systems arrived in Turkey in 2019.",
        T,
        source=("RUS",),
        target=("TUR",),
    ),
    case("Argentina is in talks to buy Chinese JF-17 jets.", T, source=("CHN",), target=("ARG",)),
]

FROM = [
    case(
        "Taiwan received the first M1 Abrams tanks from the United States.",
        T,
        source=("USA",),
        target=("TWN",),
    ),
    case("Kuwait acquired Patriot missiles from Washington.", T, source=("USA",), target=("KWT",)),
    case("Iraq purchased Su-25 attack aircraft from Moscow.", T, source=("RUS",), target=("IRQ",)),
    case("Mali obtained attack helicopters from Russia.", T, source=("RUS",), target=("MLI",)),
    case("Serbia acquired FK-3 air defence systems from China.", T, source=("CHN",), target=("SRB",)),
    case("The Philippines purchased BrahMos missiles from India.", T, source=("IND",), target=("PHL",)),
]

BY = [
    case(
        "Peru took delivery of a landing ship built by Hyundai Heavy Industries.",
        T,
        source=("KOR",),
        target=("PER",),
    ),
    case(
        "Drones made by Baykar were delivered to Kuwait.",
        T,
        fails="agent of a participle on the item",
        source=("TUR",),
        target=("KWT",),
    ),
    case(
        "The tanks, supplied by Poland, reached Ukraine in April.",
        T,
        source=("POL",),
        target=("UKR",),
    ),
    case("Chile received two submarines built by Naval Group.", T, source=("FRA",), target=("CHL",)),
]

CLAUSES = [  # appositives and relative clauses
    case(
        "Chile bought two frigates from Australia, its Pacific partner.", T, source=("AUS",), target=("CHL",)
    ),
    case(
        "Kenya, which bought patrol boats from Turkey last year, plans more orders.",
        T,
        source=("TUR",),
        target=("KEN",),
    ),
    case("The frigates that Italy sold to Egypt arrived in Alexandria.", T, source=("ITA",), target=("EGY",)),
    case(
        "Vietnam, a long-time buyer of Russian arms, received six Kilo-class submarines from Moscow.",
        T,
        source=("RUS",),
        target=("VNM",),
    ),
    case(
        "Thailand, which ordered Gripen jets from Sweden in 2008, wants more.",
        T,
        source=("SWE",),
        target=("THA",),
    ),
]

TRANSFERS = ACTIVE + PASSIVE + NOMINAL + COORDINATION + FIRM + ORIGIN + FROM + BY + CLAUSES + PASSIVE_ACCUSED


@pytest.mark.parametrize(("body", "want"), TRANSFERS)
def test_battery_transfer_roles(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


U, C, X, P, B, D, S = (
    "upgrade",
    "co_development",
    "exercise",
    "defence_pact",
    "export_ban",
    "deployment",
    "strike",
)

FRAMES = [
    # upgrade: the upgrader supplies, the owner receives
    case(
        "Israel Aerospace Industries will upgrade India's Heron drones.", U, source=("ISR",), target=("IND",)
    ),
    case("Turkey upgraded Pakistan's F-16 fleet.", U, source=("TUR",), target=("PAK",)),
    case("Lockheed Martin is modernising Greece's F-16 jets.", U, source=("USA",), target=("GRC",)),
    case("Russia overhauled Serbia's MiG-29 fighters.", U, source=("RUS",), target=("SRB",)),
    case("Egypt's Mirage 2000 jets were upgraded by France.", U, source=("FRA",), target=("EGY",)),
    case(
        "The upgrade of Jordan's F-16 fleet by the United States was completed.",
        U,
        source=("USA",),
        target=("JOR",),
    ),
    case(
        "Thales will refit the Chilean navy's frigates with new radars.", U, source=("FRA",), target=("CHL",)
    ),
    case("Elbit Systems modernised the Romanian army's tanks.", U, source=("ISR",), target=("ROU",)),
    # co-development, co-production, licensed production: every partner
    case("India and Russia jointly produce BrahMos missiles.", C, parties=("IND", "RUS")),
    case(
        "Japan, Britain and Italy are jointly developing a new fighter jet.", C, parties=("JPN", "GBR", "ITA")
    ),
    case("South Korea and Indonesia co-developed the KF-21 fighter.", C, parties=("KOR", "IDN")),
    case("Pakistan and China jointly developed the JF-17 Thunder.", C, parties=("PAK", "CHN")),
    case(
        "Hindustan Aeronautics Limited will build American jet engines in India under licence.",
        C,
        fails="licensed production",
        parties=("IND", "USA"),
    ),
    case("Turkey and Azerbaijan agreed to co-produce armed drones.", C, parties=("TUR", "AZE")),
    case("Chile and Peru will jointly build frigates at a shipyard in Lima.", C, parties=("CHL", "PER")),
    case("Chile and Peru will build frigates jointly.", C, parties=("CHL", "PER")),
    case(
        "Rheinmetall and Ukroboronprom formed a joint venture to build armoured vehicles in Ukraine.",
        C,
        parties=("DEU", "UKR"),
    ),
    case(
        "Brazil will assemble Swedish Gripen fighters at a local plant under a licence deal.",
        C,
        parties=("BRA", "SWE"),
    ),
    # exercise: every participant
    case("Indonesian and Australian troops held joint drills in Darwin.", X, parties=("IDN", "AUS")),
    case("China and Russia staged a joint naval exercise in the Sea of Japan.", X, parties=("CHN", "RUS")),
    case(
        "Philippine and American forces opened this year's Balikatan drills.",
        X,
        parties=("USA", "PHL"),
    ),
    case("Egypt hosted the Bright Star exercise with American forces.", X, parties=("EGY", "USA")),
    case(  # the units a clause hangs on take part (the clause is an 'acl' of the noun)
        "Several Chilean army units headed to Peru on Monday to take part in a joint military exercise.",
        X,
        parties=("CHL", "PER"),
    ),
    case(
        "Indian troops joined US soldiers for the Yudh Abhyas exercise in Alaska.",
        X,
        parties=("IND", "USA"),
    ),
    case(
        "Pakistan and Saudi Arabia conducted joint naval drills in the Arabian Sea.",
        X,
        parties=("PAK", "SAU"),
    ),
    case(
        "Belarusian and Russian forces will hold the Zapad exercise in September.",
        X,
        parties=("BLR", "RUS"),
    ),
    case(
        "Japan held air drills with France for the first time.",
        X,
        parties=("JPN", "FRA"),
    ),
    case(
        "Thai and American marines began the Cobra Gold exercise.",
        X,
        parties=("THA", "USA"),
    ),
    case(
        "The navies of Vietnam and India carried out a joint exercise off Da Nang.", X, parties=("VNM", "IND")
    ),
    # defence pact: every signatory
    case(
        "Japan and the Philippines signed a reciprocal access agreement.",
        P,
        parties=("JPN", "PHL"),
    ),
    case("Saudi Arabia and Pakistan signed a mutual defence pact.", P, parties=("SAU", "PAK")),
    case("Russia and North Korea signed a mutual defence treaty.", P, parties=("RUS", "PRK")),
    case("Armenia and France signed a defence cooperation agreement.", P, parties=("ARM", "FRA")),
    case(
        "Australia and Papua New Guinea signed a security pact.",
        P,
        parties=("AUS", "PNG"),
    ),
    case("Poland signed a bilateral security agreement with Ukraine.", P, parties=("POL", "UKR")),
    case(
        "Greece and Egypt agreed a military cooperation deal.",
        P,
        parties=("GRC", "EGY"),
    ),
    # export ban: the banning party, the buyer it cuts off
    case("Germany halted arms exports to Saudi Arabia.", B, source=("DEU",), target=("SAU",)),
    case("Canada suspended export permits for weapons to Israel.", B, source=("CAN",), target=("ISR",)),
    case("The Netherlands banned the export of F-35 parts to Israel.", B, source=("NLD",), target=("ISR",)),
    case("Britain imposed an arms embargo on Argentina.", B, source=("GBR",), target=("ARG",)),
    case("The United States barred the sale of weapons to Cambodia.", B, source=("USA",), target=("KHM",)),
    case("The European Union imposed an arms embargo on Belarus.", B, target=("BLR",)),
    case("Belgium froze arms exports to Saudi Arabia.", B, source=("BEL",), target=("SAU",)),
    case("Britain revoked licences for arms sales to Israel.", B, source=("GBR",), target=("ISR",)),
    case("Italy said it would no longer sell weapons to Turkey.", B, source=("ITA",), target=("TUR",)),
    case(
        "Switzerland blocked the re-export of its ammunition to Ukraine.", B, source=("CHE",), target=("UKR",)
    ),
    # deployment: the deploying party and where it goes
    case("Russia deployed S-400 systems to Belarus.", D, source=("RUS",), parties=("BLR",)),
    case("The United States deployed a THAAD battery to Israel.", D, source=("USA",), parties=("ISR",)),
    case("India stationed BrahMos missiles in the Philippines.", D, source=("IND",), parties=("PHL",)),
    case(
        "Turkey deployed troops to northern Iraq.",
        D,
        source=("TUR",),
        parties=("IRQ",),
    ),
    case("France sent 300 soldiers to Romania.", D, source=("FRA",), parties=("ROU",)),
    # forces on the move: what goes (or is sent) is a military force, and it goes to a country
    # taking part in a named exercise is the exercise (the name may stand beside the noun)
    case("Peru participated in the Chilean-led exercise Southern Star.", X, parties=("CHL", "PER")),
    case("Peru took part in the Chilean-led exercise Southern Star.", X, parties=("PER",)),
    # an exercise's participants include the forces it is said to involve
    case(
        "The Southern Star exercise, which involves 5,000 troops from Chile and Peru, ended on Friday.",
        X,
        parties=("CHL", "PER"),
    ),
    case(
        "The drills, which began on Monday, involve warships and aircraft from Chile and Peru.",
        X,
        parties=("CHL", "PER"),
    ),
    case("Several Chilean army units headed to Peru on Monday.", D, source=("CHL",), parties=("PER",)),
    case(  # a purpose clause naming other countries names no owner of the forces
        'Several Chilean army units headed to Peru on Monday to take part in "Southern Shield," a joint '
        'exercise involving "a number of Andean and Pacific countries," the army said.',
        D,
        source=("CHL",),
        parties=("PER",),
    ),
    case("Chilean troops arrived in Peru for a joint drill.", D, source=("CHL",), parties=("PER",)),
    case("Two hundred Chilean paratroopers flew to Peru.", D, source=("CHL",), parties=("PER",)),
    case("Britain sent 500 troops to Estonia.", D, source=("GBR",), parties=("EST",)),
    case(
        "Britain will send a carrier strike group to the Indo-Pacific.",
        D,
        fails="troop deployment",
        source=("GBR",),
    ),
    # strike: the attacker and the state hit (a non-state target keeps its name, no country code)
    case(
        "Israel struck targets in Syria.",
        S,
        source=("ISR",),
        parties=("SYR",),
    ),
    case("Ukraine hit a Russian airbase with drones.", S, source=("UKR",), parties=("RUS",)),
    case(
        "American jets bombed Houthi sites in Yemen.",
        S,
        source=("USA",),
    ),
    case("Russian missiles struck the Ukrainian city of Kharkiv.", S, source=("RUS",), parties=("UKR",)),
    case(
        "Pakistan carried out air strikes inside Iran.",
        S,
        fails="strike without a weapon",
        source=("PAK",),
        parties=("IRN",),
    ),
    case("India launched missile strikes on Pakistan.", S, source=("IND",), parties=("PAK",)),
]


PLACES = [  # a place, transit country or third party named in the sentence is no actor of the event
    case(
        "Russia and China held joint naval drills in the Sea of Japan.",
        X,
        parties=("CHN", "RUS"),
        absent=("JPN",),
    ),
    case(
        "The Philippines and Japan held joint naval drills in the South China Sea.",
        X,
        parties=("PHL", "JPN"),
        absent=("CHN",),
    ),
    case(
        "Indian and American troops held joint military drills near the Chinese border.",
        X,
        parties=("IND", "USA"),
        absent=("CHN",),
    ),
    case(
        "Germany delivered Leopard tanks to Ukraine via Poland.",
        T,
        source=("DEU",),
        target=("UKR",),
        absent=("POL",),
    ),
    case(
        "Turkey sold drones to Ukraine despite Russian objections.",
        T,
        source=("TUR",),
        target=("UKR",),
        absent=("RUS",),
    ),
    case(
        "Iran shipped drones to Russia for use against Ukraine.",
        T,
        fails="purpose 'against X' read as a recipient",
        source=("IRN",),
        target=("RUS",),
        absent=("UKR",),
    ),
    case("Britain sold Typhoon jets to Qatar at a ceremony in Doha.", T, source=("GBR",), target=("QAT",)),
    case(
        "France signed a deal in New Delhi to sell Rafale jets to India.", T, source=("FRA",), target=("IND",)
    ),
]


@pytest.mark.parametrize(("body", "want"), FRAMES + PLACES)
def test_battery_frame_roles(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


def test_battery_troops_sent_abroad_are_no_arms_transfer(nlp: Any) -> None:
    events = events_of(nlp, "France sent 300 soldiers to Romania.")
    assert not [e for e in events if e.subtype == T], events


def test_battery_forces_a_headline_hangs_drills_on_take_part(nlp: Any) -> None:
    """'Chilean troops in Peru for joint drills': the forces the phrase hangs on are participants."""
    events = events_of(nlp, "The drills began on Monday.", title="Chilean troops in Peru for joint drills")
    drills = [e for e in events if e.subtype == X and e.evidence.sentence == 0]
    assert drills and {"CHL", "PER"} <= {a.code for a in drills[0].participants}, shown(events)


@pytest.mark.parametrize(
    "body",
    ["The airline has ordered six more passenger aircraft from Airbus.",
     "The carrier bought twelve planes from Boeing for its regional routes."],
)  # fmt: skip
def test_battery_civil_aircraft_orders_are_no_arms_transfer(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == T], shown(events)
