"""A battery of short sentences written for the project, one per pattern of the defence frames.

Each case is (title, body, expectation). Expectations name the subtype and the ISO codes of the
supplier (source) and recipient (target) or participants, the status, or the absence of any defence
event (civilian look-alikes). None of these sentences comes from a benchmark.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from newsift.extract.claims.rules import extract_claims
from newsift.extract.events.rules import extract_events
from newsift.model import Article, ClaimStatus, Event, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model
DEFENCE = {"arms_transfer", "upgrade", "co_development", "exercise", "defence_pact", "export_ban",
           "deployment", "movement", "strike"}  # fmt: skip
REPORTED = datetime(2024, 6, 14, tzinfo=UTC)


def _events(nlp: Any, body: str, title: str = "Defence news") -> tuple[Event, ...]:
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title=title, body=body,
                      published_at=REPORTED)  # fmt: skip
    return extract_events(next(annotate_articles([article], nlp=nlp)))


def _codes(actors: Any) -> set[str]:
    return {a.code for a in actors if a.code}


def _one(events: tuple[Event, ...], subtype: str) -> Event:
    found = [e for e in events if e.subtype == subtype]
    assert found, f"no {subtype} in {[(e.subtype, e.trigger) for e in events]}"
    return found[0]


ROLES: list[Any] = [
    # supply verbs: subject supplies, 'to' receives
    ("France delivered six Rafale fighter jets to Greece last month.", "FRA", "GRC"),
    ("Germany will supply Ukraine with four more air-defence systems.", "DEU", "UKR"),
    ("Sweden sold two submarines to Singapore.", "SWE", "SGP"),
    ("The United States completed the delivery of Patriot missiles to Poland.", "USA", "POL"),
    # passive with agent: the agent supplies
    pytest.param(
        "Estonia will be supplied with more howitzers by South Korea.",
        "KOR",
        "EST",
        marks=pytest.mark.xfail(strict=True, reason="agent hanging from the with-object: open"),
    ),
    ("Two frigates were delivered to Egypt by Italy in 2020.", "ITA", "EGY"),
    # acquire verbs: subject receives, 'from' supplies
    ("India bought 36 Rafale jets from France.", "FRA", "IND"),
    ("Poland ordered 250 Abrams tanks from the United States.", "USA", "POL"),
    ("Morocco has acquired Chinese Wing Loong drones.", "CHN", "MAR"),
    ("Indonesia is in talks to buy Chinese combat drones.", "CHN", "IDN"),
    ("Hungary purchased German-built Leopard tanks.", "DEU", "HUN"),
    # a deal with a counterparty
    ("Finland signed a contract with Israel to buy air defence missiles.", "ISR", "FIN"),
    ("Brazil is negotiating with Sweden on a purchase of further Gripen jets.", "SWE", "BRA"),
]


@pytest.mark.parametrize(("body", "supplier", "recipient"), ROLES)
def test_battery_arms_transfer_roles(nlp: Any, body: str, supplier: str, recipient: str) -> None:
    event = _one(_events(nlp, body), "arms_transfer")
    assert supplier in _codes(event.source), event
    assert recipient in _codes(event.target), event


JOINT: list[Any] = [
    pytest.param(
        "Egypt and Greece began a week of joint air drills on Monday.",
        {"EGY", "GRC"},
    ),
    ("Indian and French warships held a naval exercise in the Arabian Sea.", {"IND", "FRA"}),
    ("Russia held joint military drills with Belarus.", {"RUS", "BLR"}),
    (
        "Japan and Australia announced the launch of their yearly naval exercise.",
        {"JPN", "AUS"},
    ),
]


@pytest.mark.parametrize(("body", "codes"), JOINT)
def test_battery_exercise_participants(nlp: Any, body: str, codes: set[str]) -> None:
    event = _one(_events(nlp, body), "exercise")
    assert codes <= _codes(event.participants), event


STATUS: list[Any] = [
    pytest.param(
        "Indonesia is reportedly buying fighter jets from France.",
        ClaimStatus.SPECULATED,
    ),
    ("Pakistan may buy more drones from Turkey.", ClaimStatus.SPECULATED),
    pytest.param(
        "Greece is expected to acquire F-35 jets, officials said.",
        ClaimStatus.SPECULATED,
    ),
    ("Turkey denied that it had delivered drones to Ethiopia.", ClaimStatus.DENIED),
    ("Iran rejected claims that it had shipped missiles to the rebels.", ClaimStatus.DENIED),
    pytest.param(
        "Washington accused Iran of supplying drones to Russia.",
        ClaimStatus.ALLEGED,
    ),
    ("Norway will deliver 14 tanks to Ukraine next year.", ClaimStatus.PLANNED),
    ("The ministry confirmed that the jets had been delivered to Qatar.", ClaimStatus.CONFIRMED),
    ("Spain delivered four helicopters to Morocco, the ministry said.", ClaimStatus.ATTRIBUTED),
    ("Spain delivered four helicopters to Morocco in March.", ClaimStatus.ASSERTED),
]


@pytest.mark.parametrize(("body", "status"), STATUS)
def test_battery_arms_transfer_status(nlp: Any, body: str, status: ClaimStatus) -> None:
    events = _events(nlp, body)
    event = _one(events, "arms_transfer")
    assert event.status == status, event


def test_battery_a_concluded_contract_is_not_planned(nlp: Any) -> None:
    event = _one(
        _events(nlp, "Croatia signed a contract to buy 12 Rafale jets from France."), "arms_transfer"
    )
    assert event.status == ClaimStatus.ASSERTED


CIVILIAN = [
    "A truck maker agreed to supply a Swedish rival with 12,000 delivery vans.",
    "The Italian group sold half of its finance arm to a bank.",
    "The Swedish firm will build its new cars in a plant near Stockholm.",
    "Workers at the airline went on strike on Monday over pay.",
    "Shares in the scandal-hit fuel supplier fell sharply.",
    "The two firms formed a joint venture to build washing machines in Vietnam.",
    "The government lifted its ban on beef imports from the United States.",
    "Think tanks and analysts expect the economy to grow.",
    "The striker hit the post twice before half-time.",
    "The airline ordered 20 new passenger jets from Airbus.",
]


@pytest.mark.parametrize("body", CIVILIAN, ids=[c[:40] for c in CIVILIAN])
def test_battery_civilian_look_alikes_give_no_defence_event(nlp: Any, body: str) -> None:
    events = _events(nlp, body, title="Business news")
    assert not [e for e in events if e.subtype in DEFENCE], [(e.subtype, e.trigger) for e in events]


def test_battery_title_and_first_sentence_stay_apart(nlp: Any) -> None:
    events = _events(nlp, "Egypt and Greece began joint air drills on Monday.", title="Drills over the sea")
    (event,) = [e for e in events if e.subtype == "exercise"]
    assert event.evidence.text.startswith("Egypt and Greece")


TIMES = [
    ("Spain delivered four helicopters to Morocco in March 2021.", "2021-03", "month"),
    ("Spain delivered four helicopters to Morocco in 2019.", "2019", "year"),
    ("Spain delivered four helicopters to Morocco last month.", "2024-05", "month"),
    ("Spain delivered four helicopters to Morocco on 4 May 2023.", "2023-05-04", "day"),
]


@pytest.mark.parametrize(("body", "value", "precision"), TIMES, ids=[t[1] for t in TIMES])
def test_battery_event_time_is_its_own(nlp: Any, body: str, value: str, precision: str) -> None:
    event = _one(_events(nlp, body), "arms_transfer")
    assert event.time is not None and event.time.source == "text"
    assert (event.time.value, event.time.precision) == (value, precision)


def test_battery_event_time_falls_back_to_the_report_marked(nlp: Any) -> None:
    event = _one(_events(nlp, "Spain delivered four helicopters to Morocco."), "arms_transfer")
    assert event.time is not None and event.time.source == "report" and event.time.value == "2024-06-14"


def test_battery_denial_reaches_the_article_pair(nlp: Any) -> None:
    body = ("Turkey sold drones to Pakistan in 2022.\n\n"
            "Both capitals deny any recent arms transfer.")  # fmt: skip
    events = _events(nlp, body)
    denied = [e for e in events if e.subtype == "arms_transfer" and e.status == ClaimStatus.DENIED]
    assert denied, events
    assert _codes(denied[0].source) == {"TUR"} and _codes(denied[0].target) == {"PAK"}
    assert all(a.inferred and a.inferred_from == 1 for a in denied[0].source + denied[0].target)


def test_battery_denial_claim_names_the_denier(nlp: Any) -> None:
    body = "Serbia dismissed a newspaper report that it had shipped shells to Ukraine."
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="News", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    claims = extract_claims(annotated, extract_events(annotated))
    denied = [c for c in claims if c.status == ClaimStatus.DENIED]
    assert denied and any("SRB" in c.denied_by or "Serbia" in c.denied_by for c in denied), claims


def test_battery_a_deal_named_again_without_its_weapon_is_still_an_arms_transfer(nlp: Any) -> None:
    body = ("Norway ordered four submarines from Germany in 2017.\n\n"
            "Oslo finalised that purchase after a long competition.")  # fmt: skip
    events = _events(nlp, body)
    later = [e for e in events if e.subtype == "arms_transfer" and e.evidence.sentence == 2]
    assert later, [(e.subtype, e.evidence.sentence) for e in events]
    assert "DEU" in _codes(later[0].source) and "NOR" in _codes(later[0].target)


def test_battery_no_itemless_deal_without_an_arms_article(nlp: Any) -> None:
    events = _events(nlp, "The carmaker finalised that purchase after a long competition.")
    assert not [e for e in events if e.subtype == "arms_transfer"]


def test_battery_joined_demonyms_are_each_a_participant(nlp: Any) -> None:
    event = _one(_events(nlp, "The joint Russian-Belarusian military drills began on Monday."), "exercise")
    assert {"RUS", "BLR"} <= _codes(event.participants)


def test_battery_a_designation_names_its_maker(nlp: Any) -> None:
    event = _one(_events(nlp, "Poland has signed a contract for 48 more K9 howitzers."), "arms_transfer")
    assert "POL" in _codes(event.target)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("The rights group claimed that Iran had shipped drones to the militia.", ClaimStatus.ALLEGED),
        (
            "The claim that Iran shipped drones to the militia is false, the ministry said.",
            ClaimStatus.DENIED,
        ),
        ("Iran is possibly one of the buyers of the drones, the report said.", ClaimStatus.SPECULATED),
    ],
)
def test_battery_claims_take_their_sentence_top_status(nlp: Any, body: str, status: ClaimStatus) -> None:
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="News", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    claims = extract_claims(annotated, extract_events(annotated))
    assert any(c.status == status for c in claims if c.evidence.sentence == 1), claims


def test_battery_an_export_ban_hits_the_buyer_of_the_sales_it_stops(nlp: Any) -> None:
    body = "Spain suspended export licences for weapons sales to Israel, and acted against a US supplier too."
    event = _one(_events(nlp, body), "export_ban")
    assert _codes(event.source) == {"ESP"} and _codes(event.target) == {"ISR"}


def test_battery_a_claim_inside_a_named_quote_is_the_speakers(nlp: Any) -> None:
    from newsift.extract.quotes import extract_quotes

    body = ('"Turkey delivered six drones to Pakistan last year," defence analyst Maria Lopez said.\n\n'
            "Pakistan bought six drones from Turkey last year.")  # fmt: skip
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title="News", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    events, quotes = extract_events(annotated), extract_quotes(annotated)
    assert quotes and quotes[0].speaker_id, quotes
    claims = extract_claims(annotated, events, quotes)
    quoted = [c for c in claims if c.evidence.sentence == 1 and c.event_id]
    plain = [c for c in claims if c.evidence.sentence == 2 and c.event_id]
    assert quoted and all(c.asserted_by == (quotes[0].speaker_id,) for c in quoted), quoted
    assert all(c.status == ClaimStatus.ATTRIBUTED for c in quoted)
    assert plain and all(c.asserted_by != (quotes[0].speaker_id,) for c in plain)


def test_battery_an_export_permission_is_not_a_transfer(nlp: Any) -> None:
    body = "The Italian cabinet has authorised an Italian yard to deliver two frigates to Qatar."
    events = _events(nlp, body)
    assert not [e for e in events if e.subtype == "arms_transfer"], events
    assert [e for e in events if e.subtype == "other"]


def test_battery_a_buyers_approval_stays_a_transfer(nlp: Any) -> None:
    event = _one(
        _events(nlp, "Poland approved the purchase of 32 F-35 jets from the United States."), "arms_transfer"
    )
    assert "USA" in _codes(event.source) and "POL" in _codes(event.target)


def test_battery_a_speech_verb_above_the_deal_makes_it_attributed(nlp: Any) -> None:
    body = "The navy said it had signed a further contract in May to buy German-built torpedoes."
    event = _one(_events(nlp, body), "arms_transfer")
    assert event.status == ClaimStatus.ATTRIBUTED and "DEU" in _codes(event.source)


def test_battery_a_report_of_a_denied_transfer_is_an_allegation(nlp: Any) -> None:
    body = ("Turkey denied that it had delivered drones to Ethiopia.\n\n"
            "Turkey delivered six drones to Ethiopia in March, a newspaper said.\n\n"
            "Turkey sold two frigates to Pakistan in 2019.")  # fmt: skip
    events = [e for e in _events(nlp, body) if e.subtype == "arms_transfer"]
    by_sentence = {e.evidence.sentence: e.status for e in events}
    assert by_sentence.get(1) == ClaimStatus.DENIED, events
    assert by_sentence.get(2) == ClaimStatus.ALLEGED, events
    assert by_sentence.get(3) == ClaimStatus.ASSERTED, events


@pytest.mark.parametrize(
    "body",
    [
        "Norway has suspended dozens of permits for weapons shipments to Chile, the ministry said.",
        "Federal rules strictly forbid the unauthorised transfer of arms to third parties.",
        "Parliament voted for a ban on sales of rifles to Peru.",
    ],
)
def test_battery_a_stopped_transfer_is_not_a_transfer(nlp: Any, body: str) -> None:
    assert not [e for e in _events(nlp, body) if e.subtype == "arms_transfer"]


def test_battery_taking_part_in_an_exercise_is_not_a_co_development(nlp: Any) -> None:
    events = _events(nlp, "The Dutch and Belgian soldiers are participating in the manoeuvres.")
    assert not [e for e in events if e.subtype == "co_development"]
    assert _codes(_one(events, "exercise").participants) == {"NLD", "BEL"}


@pytest.mark.parametrize(
    ("body", "supplier"),
    [
        ("Kenya cut ties with Qatar on Monday, accusing it of arming rebel groups with drones.", "QAT"),
        ("Qatar rejected claims accusing it of arming rebel groups with drones.", "QAT"),
    ],
)
def test_battery_the_accused_pronoun_is_never_its_accuser(nlp: Any, body: str, supplier: str) -> None:
    assert _codes(_one(_events(nlp, body), "arms_transfer").source) == {supplier}


@pytest.mark.parametrize(
    "body",
    [
        "Norway will spend two billion dollars on four frigates to be built in cooperation with the "
        "Italian company Fincantieri.",
        "The deal covers four Fincantieri-designed frigates worth two billion euros.",
    ],
)
def test_battery_the_maker_of_the_item_supplies(nlp: Any, body: str) -> None:
    assert "ITA" in _codes(_one(_events(nlp, body), "arms_transfer").source)


@pytest.mark.parametrize(
    ("body", "subtype"),
    [
        (
            "Chile pledged to acquire long-range capabilities to hit targets deep inside enemy territory.",
            "strike",
        ),
        ("The new ships will be able to land 800 marines on a beach.", "movement"),
        ("Peru denies selling rifles to any party in the war.", "arms_transfer"),
        ("Federal law covers the transfer of rifles to third parties.", "arms_transfer"),
        ("The minister said the money would equip our army with modern gear.", "arms_transfer"),
        ("Officials said they knew nothing of the missile export initiative.", "arms_transfer"),
        (
            "The frigates will be built under a defence alliance between Fincantieri and Navantia.",
            "defence_pact",
        ),
        ("Chile has a clean record in adhering to international arms control agreements.", "defence_pact"),
        ("Former soldiers began a hunger strike to demand their military pensions.", "strike"),
        # a party ordered to act is told, not sold anything
        ("The Netherlands was ordered by a court to stop delivering F-35 parts to Israel.", "arms_transfer"),
        # after a sale between two states, an order of a review and all contracts of a kind are no trade
        (
            "Chile sold 12 patrol boats to Peru last year. The minister said she had ordered a review of "
            "all Chilean weapons suppliers' contracts with Peru and other countries.",
            "arms_transfer",
        ),
        (
            "Chile sold 12 patrol boats to Peru last year. The minister said she had ordered a review of "
            "the contracts.",
            "arms_transfer",
        ),
        (  # civil goods are no arms, even in an article about an arms sale
            "Chile sold 12 patrol boats to Peru last year. The minister insisted the freighter had come to "
            "deliver Chilean goods to Peruvian buyers.",
            "arms_transfer",
        ),
        (  # any weapon at all is no one item
            'Chile sold 12 patrol boats to Peru last year. "Nobody believes Peru will store any weapon it '
            'receives from abroad," he said.',
            "arms_transfer",
        ),
    ],
)
def test_battery_framings_that_name_no_happening(nlp: Any, body: str, subtype: str) -> None:
    # (the sale that sets the context, where there is one, is a happening of its own)
    assert not [e for e in _events(nlp, body) if e.subtype == subtype and e.item != "patrol boats"]


def test_battery_an_accord_signed_by_commanders_is_a_defence_pact(nlp: Any) -> None:
    body = (
        "On Friday, the chief of the Polish army and the commander of Czech land forces signed a "
        "cooperation agreement."
    )
    assert _codes(_one(_events(nlp, body), "defence_pact").participants) >= {"POL", "CZE"}
    assert not [e for e in _events(nlp, "The two banks signed a cooperation agreement.") if e.subtype]


@pytest.mark.parametrize(
    ("body", "present"),
    [
        ("Greece denied that a boat carrying Turkish weapons to rebels in Libya had been seized.", True),
        ("Italy seized a weapons cache destined for the rebels in Libya.", True),
        ("A plane carrying cruise missiles crashed in Syria.", False),
    ],
)
def test_battery_weapons_carried_to_a_party_are_a_transfer(nlp: Any, body: str, present: bool) -> None:
    assert bool([e for e in _events(nlp, body) if e.subtype == "arms_transfer"]) is present


def test_battery_he_is_the_person_named_before_and_his_country_buys(nlp: Any) -> None:
    body = (
        "As Emmanuel Macron explained at the show, he is negotiating with Sweden on the purchase of "
        "12 submarines."
    )
    event = _one(_events(nlp, body), "arms_transfer")
    assert (_codes(event.source), _codes(event.target)) == ({"SWE"}, {"FRA"})


@pytest.mark.parametrize(
    "body",
    [
        "The bank sold two shell companies to a Dutch investor.",
        "Poland sold its stake in the drone maker to a US fund.",
    ],
)
def test_battery_a_weapon_word_naming_a_business_is_no_item(nlp: Any, body: str) -> None:
    assert not [e for e in _events(nlp, body) if e.subtype]


@pytest.mark.parametrize(
    "body",
    [
        "A Kenyan budget airline agreed a 1.5 billion dollar deal for 20 Airbus A320 planes.",
        "The chief executive left by mutual agreement, the firm said.",
    ],
)
def test_battery_designated_airliners_and_idioms_are_civilian(nlp: Any, body: str) -> None:
    assert not [e for e in _events(nlp, body) if e.subtype]
