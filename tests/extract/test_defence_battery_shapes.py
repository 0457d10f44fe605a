"""Battery, more shapes of defence news: each sentence written for the project, one per class.

Coordinated items, a recipient the model folds into the item's name, coast guard vessels, a named
drill the tagger reads as a verb, joint work 'together', licensed production and its licensor,
security partnerships, refused licences, a buyer's approval (planned), and demands for a ban or a
sale, which report neither.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import DEFENCE, Expect, case, check, events_of, shown

from newsift.model import ClaimStatus

pytestmark = pytest.mark.model

T, C, X, P, B = "arms_transfer", "co_development", "exercise", "defence_pact", "export_ban"

SHAPES = [
    # the item test reads every coordinated object, not only the first
    case("The US has sent Ukraine Patriot batteries and HIMARS launchers.", T, source=("USA",)),
    # a country right after a giving verb, folded into the item's name by the model, is the recipient
    case("Britain sold Ukraine Challenger tanks.", T, source=("GBR",), target=("UKR",)),
    case("France sold Greece Rafale jets last year.", T, source=("FRA",), target=("GRC",)),
    # coast guard vessels are military hardware
    case("Washington transferred three coast guard cutters to Vietnam.", T, source=("USA",), target=("VNM",)),
    # a drill's name before a plural the tagger reads as a verb
    case("Indonesian and US soldiers took part in the Garuda Shield drills.", X, parties=("IDN", "USA")),
    # forces sailing together, or practising with another country's forces, exercise
    case("Japanese and American destroyers sailed together in a show of force.", X, parties=("JPN", "USA")),
    case("US marines practised beach landings with Japanese troops on Okinawa.", X, parties=("USA", "JPN")),
    # 'Exercise Name': the capitalised noun opening the name is the exercise, its phrases its parties'
    case(
        "The third edition of Exercise Desert Falcon between the Indian Army and the Egyptian Army began.",
        X,
        parties=("IND", "EGY"),
    ),
    case(
        "A Chilean navy contingent left for Peru to take part in Exercise Pacific Dawn.", X, parties=("CHL",)
    ),
    case("The two navies conducted a PASSEX in the Arabian Sea after the port call.", X),
    # joint work said with 'together'
    case(
        "Japan, Britain and Italy are developing a new fighter jet together.",
        C,
        parties=("JPN", "GBR", "ITA"),
    ),
    # licensed production joins the licensor: after 'from', or as the origin of what is made
    case("Poland will assemble K2 tanks locally under licence from South Korea.", C, parties=("POL", "KOR")),
    case("Egypt will manufacture South Korean K9 howitzers under a licence deal.", C, parties=("EGY", "KOR")),
    # a partnership of a defence or security kind is a pact
    case("Greece and France concluded a strategic defence partnership.", P, parties=("GRC", "FRA")),
    case("Ukraine and Britain signed a 100-year security partnership.", P, parties=("UKR", "GBR")),
    # refusing export licences for arms is a ban
    case("Belgium refused export licences for arms to Israel.", B, source=("BEL",), target=("ISR",)),
    # an exercise noun the tagger reads as a verb, in a noun's place
    case("India and France kicked off the 10-day Varuna naval exercise off Goa.", X, parties=("IND", "FRA")),
    # the item inside a batch, five steps below the trigger
    case(
        "Cairo took delivery of the first batch of K9 howitzers from South Korea on Sunday.",
        T,
        source=("KOR",),
        target=("EGY",),
    ),
    # an item 'for' a state: that state receives it, the signer supplies it
    case("France signed a deal for 36 Rafale jets for India.", T, source=("FRA",), target=("IND",)),
    case("The deal covers 36 Rafale jets for India.", T, source=("FRA",), target=("IND",)),
    # a buyer of a country's weapon: the weapon's country sells
    case(
        "Algeria became the first foreign buyer of the Russian Su-57 fighter.",
        T,
        source=("RUS",),
        target=("DZA",),
    ),
    # widely exported systems the gazetteer now knows, with a civil-looking head noun or none
    case("Nigeria received 12 Super Tucano aircraft from Brazil.", T, source=("BRA",), target=("NGA",)),
    case("Brazil delivered the first KC-390 to Hungary.", T, source=("BRA",), target=("HUN",)),
    case("Vietnam ordered Yak-130 trainers from Russia.", T, source=("RUS",), target=("VNM",)),
    # a buyer's approval of a purchase: the purchase is planned
    case(
        "The Czech government approved the purchase of 24 F-35 jets from the US.",
        T,
        source=("USA",),
        target=("CZE",),
        status=ClaimStatus.PLANNED,
    ),
]


@pytest.mark.parametrize(("body", "want"), SHAPES)
def test_battery_more_shapes(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


DEMANDS = [  # a demand asks for the event; it reports no ban and no sale
    "Senators urged the government to stop selling weapons to Egypt.",
    "Activists demanded a ban on arms exports to Myanmar.",
    "The party called for an embargo on weapons sales to Russia.",
    "The motion included calls to end arms sales to Saudi Arabia.",
    "Campaigners called on Britain to halt fighter jet sales to Israel.",
]


@pytest.mark.parametrize("body", DEMANDS)
def test_battery_a_demand_reports_no_defence_event(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype in DEFENCE], shown(events)


@pytest.mark.parametrize(
    "body",
    [
        "The contract calls for the delivery of 12 jets to Chile by 2027.",  # a deal's terms, no demand
        "Egypt called a report that it would send rockets to Russia fabricated.",  # 'called X Y' names
    ],
)
def test_battery_a_deal_s_terms_or_a_naming_is_no_demand(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert [e for e in events if e.subtype == T], shown(events)


@pytest.mark.parametrize(
    "body",
    [
        "Poland plans to acquire new air defence capacity.",
        "Japan will acquire long-range strike capabilities.",
    ],
)
def test_battery_acquiring_a_capability_is_no_arms_transfer(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == T], shown(events)


D = "deployment"


def test_battery_a_verbless_headline_puts_forces_abroad(nlp: Any) -> None:
    """'Chilean troops in Peru for joint drills': one country's forces in another are deployed there."""
    events = events_of(nlp, "The drills began on Monday.", title="Chilean troops in Peru for joint drills")
    deployed = [e for e in events if e.subtype == D and e.evidence.sentence == 0]
    assert deployed, shown(events)
    assert {a.code for a in deployed[0].source} == {"CHL"} and {a.code for a in deployed[0].target} == {"PER"}
    # forces in their own country, or a headline with a verb, are no such deployment
    home = events_of(nlp, "The drills began on Monday.", title="Chilean troops in Chile for national drills")
    assert not [e for e in home if e.subtype == D and e.evidence.sentence == 0], shown(home)


def test_battery_an_exercise_the_gazetteer_knows_is_one_by_its_name_alone(nlp: Any) -> None:
    """'gathered in Thailand for Cobra Gold': the gazetteer's exercises ('category': 'exercise') are
    read as exercises wherever the article names them; its attacks and wars are not."""
    events = events_of(nlp, "Thousands of troops from many countries gathered in Thailand for Cobra Gold.")
    assert [e for e in events if e.subtype == X], shown(events)
    war = events_of(nlp, "Veterans gathered in Delhi for the Kargil War anniversary.")
    assert not [e for e in war if e.subtype == X], shown(war)


@pytest.mark.parametrize(
    "body",
    [
        "The orchestra rehearsed with the soloist on Friday.",
        "The two pilots flew together from Paris to Rome.",
        "The friends sailed together across the Atlantic.",
    ],
)
def test_battery_doing_things_together_without_forces_is_no_exercise(nlp: Any, body: str) -> None:
    events = events_of(nlp, body)
    assert not [e for e in events if e.subtype == X], shown(events)


def test_battery_a_standing_partnership_is_no_pact(nlp: Any) -> None:
    """'its defence partnership with France' names a tie that exists; signing one is the pact."""
    events = events_of(nlp, "The purchase has put Chile's defence partnership with France in the spotlight.")
    assert not [e for e in events if e.subtype == P], shown(events)
