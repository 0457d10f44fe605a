"""Battery, status: hedges, denials, allegations, future forms, attributions, confirmations, negations.

Sentences written for the project. Each names the subtype and the status the defence README's
precedence gives it (denied > alleged > speculated > confirmed > planned > attributed > asserted); a
concluded contract stays asserted even when deliveries lie ahead. Denials and allegations also keep
the actors of the event they reject or report, and the claim names who denies or alleges. A negated
or cancelled event gives no event that says it happened or will happen. Strict xfails name the
pattern that fails today.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.extract.defence_battery_kit import POSITIVE, Expect, case, check, claims_of, events_of, rows, shown

from newsift.model import ClaimStatus

pytestmark = pytest.mark.model
T, X, P, D, B, C, U, S = (
    "arms_transfer",
    "exercise",
    "defence_pact",
    "deployment",
    "export_ban",
    "co_development",
    "upgrade",
    "strike",
)
SPEC, DEN, ALL = ClaimStatus.SPECULATED, ClaimStatus.DENIED, ClaimStatus.ALLEGED
PLAN, ATTR, CONF, ASS = (
    ClaimStatus.PLANNED,
    ClaimStatus.ATTRIBUTED,
    ClaimStatus.CONFIRMED,
    ClaimStatus.ASSERTED,
)

HEDGE = [
    case("Egypt is reportedly buying Chinese J-10C fighters.", T, status=SPEC),
    case("Algeria may have acquired Su-57 jets from Russia.", T, status=SPEC),
    case("Serbia might buy more Rafale jets from France.", T, status=SPEC),
    case("Iran could supply ballistic missiles to Russia.", T, status=SPEC),
    case(
        "Vietnam is believed to be negotiating the purchase of BrahMos missiles from India.", T, status=SPEC
    ),
    case("Indonesia is likely to order more Rafale jets from France.", T, status=SPEC),
    case(
        "Saudi Arabia is said to be considering Chinese J-35 fighters.",
        T,
        fails="considering an item with no purchase verb",
        status=SPEC,
    ),
    case(
        "Thailand is expected to buy Swedish Gripen jets.",
        T,
        status=SPEC,
    ),
    case("Turkey is in talks to buy Eurofighter jets from Britain.", T, status=SPEC),
    case("Iraq possibly received armed drones from Iran.", T, status=SPEC),
    case("A possible sale of F-16 jets to Turkey is under review in Washington.", T, status=SPEC),
    case(
        "Rumours say Qatar has ordered more Rafale jets from France.",
        T,
        status=SPEC,
    ),
    case("Uzbekistan is probably the buyer of the Chinese drones seen at its airbase.", T, status=SPEC),
    case("China and Pakistan may hold joint naval drills next month.", X, status=SPEC),
    case(
        "Saudi Arabia and the United States are reportedly close to a defence pact.",
        P,
        status=SPEC,
    ),
    case("Belarus could deploy Russian nuclear missiles on its soil.", D, status=SPEC),
    case("Germany might halt arms exports to Turkey, officials hinted.", B, status=SPEC),
]

DENIAL = [
    case("North Korea denied supplying artillery shells to Russia.", T, status=DEN),
    case("China rejected reports that it had sold drones to Sudan.", T, status=DEN),
    case(
        "India's defence ministry dismissed as baseless a report that India exported shells to Ukraine.",
        T,
        status=DEN,
    ),
    case("Egypt called a report that it would send rockets to Russia fabricated.", T, status=DEN),
    case("Iran said claims that it had shipped missiles to Russia were groundless.", T, status=DEN),
    case("Israel denied that it had supplied weapons to Myanmar.", T, status=DEN),
    case("The Serbian ministry rejected claims that Serbia sold ammunition to Ukraine.", T, status=DEN),
    case("Pakistan refuted reports that it had supplied arms to Ukraine.", T, status=DEN),
    case(
        "Bulgaria denied that it had shipped shells to Ukraine, calling the report false.",
        T,
        status=DEN,
    ),
    case("Russia denied reports of joint naval drills with Iran.", X, status=DEN),
    case(
        "Belarus denied that it had deployed troops to its border with Ukraine.",
        D,
        status=DEN,
    ),
    case(
        "Ankara denied that Turkish drones had been sold to Niger, a day after a newspaper said so.",
        T,
        status=DEN,
    ),
]

ALLEGATION = [
    case("Ukraine accused Iran of supplying drones to Russia.", T, status=ALL),
    case("Kyiv alleged that North Korea had shipped missiles to Russia.", T, status=ALL),
    case("North Korea is alleged to have sent artillery shells to Russia.", T, status=ALL),
    case(
        "Sudan's army accused the United Arab Emirates of arming the Rapid Support Forces.",
        T,
        status=ALL,
    ),
    case("Western officials accuse China of sending drone parts to Russia.", T, status=ALL),
    case(
        "Azerbaijan claimed that France had supplied armoured vehicles to Armenia.",
        T,
        status=ALL,
    ),
    case("Israel alleged that Iran had smuggled rockets to Hezbollah.", T, status=ALL),
    # imputed acts: a concealed act in reported speech, the content of a leak, a party named as the doer
    case("The newspaper reported that Chile secretly sold mortars to Peru.", T, status=ALL),
    case("A leaked intelligence memo shows that Belarus shipped rifles to Sudan.", T, status=ALL),
    case("Bulgaria and Romania were named as having sold artillery shells to Georgia.", T, status=ALL),
    case(
        "A UN panel accused Eritrea of shipping rifles to the rebels.",
        T,
        fails="accusation with an unnamed non-state recipient",
        status=ALL,
    ),
]

FUTURE = [
    case("Sweden will deliver Archer howitzers to Ukraine next year.", T, status=PLAN),
    case("Greece plans to buy 20 F-35 jets from the United States.", T, status=PLAN),
    case("Poland is set to acquire 96 Apache helicopters from the United States.", T, status=PLAN),
    case("Germany intends to order more Patriot missiles from the United States.", T, status=PLAN),
    case(
        "The first Rafale jets for Indonesia are due to arrive from France in 2026.",
        T,
        fails="arrival verb",
        status=PLAN,
    ),
    case("An embargo on arms sales to Niger will take effect next month.", B, status=PLAN),
    case("India and France will hold the Varuna naval exercise in July.", X, status=PLAN),
    case("Canada will sign a defence pact with the Philippines.", P, status=PLAN),
    case(
        "Brazil's parliament approved the purchase of Swedish Gripen jets.",
        T,
        status=PLAN,
    ),
    case("Norway is going to deliver F-16 jets to Ukraine.", T, status=PLAN),
    case("Colombia selected the Swedish Gripen over the American F-16.", T, status=PLAN),
    case("Denmark pledged 19 F-16 jets to Ukraine.", T, status=PLAN),
    case("Romania aims to buy F-35 fighters from the United States.", T, status=PLAN),
    case("Japan and Britain plan to co-develop a new air-to-air missile.", C, status=PLAN),
    case("Turkey will upgrade Qatar's Leopard tanks.", U, status=PLAN),
    case("Kenya will be supplied with drones by Turkey under the deal.", T, status=PLAN),
    case(
        "Russia is to deploy tactical missiles to Belarus in the summer.",
        D,
        status=PLAN,
    ),
]

CONCLUDED = [  # a signed contract or placed order is the event itself: asserted, not planned
    case("Qatar signed a contract with France for a further 12 Rafale jets.", T, status=ASS),
    case("Egypt placed an order for 30 more Rafale jets with Dassault.", T, status=ASS),
    case("Bulgaria has signed a deal to buy eight F-16 jets from the United States.", T, status=ASS),
    case("Norway signed a contract in March to buy Korean K9 howitzers for delivery in 2026.", T, status=ASS),
]

ATTRIBUTED = [
    case("Chile said it sold mortars to Peru.", T, status=ATTR),
    case("Chile secretly sold howitzers to Peru in 1995.", T, status=ASS),  # concealed, but not imputed
    case(
        "Taiwan received 38 Abrams tanks from the United States, the defence ministry said.", T, status=ATTR
    ),
    case("According to Reuters, Turkey sold armed drones to Kenya.", T, status=ATTR),
    case("Officials said Germany had delivered IRIS-T systems to Ukraine.", T, status=ATTR),
    case("Italy delivered two frigates to Egypt, Italian media reported.", T, status=ATTR),
    case(
        "The Polish defence minister said Poland had received the first K2 tanks from South Korea.",
        T,
        status=ATTR,
    ),
    case("Japan and India held a joint military exercise, the Japanese air force said.", X, status=ATTR),
    case("Germany halted arms exports to Saudi Arabia, a government spokesman said.", B, status=ATTR),
]

CONFIRMED = [
    case("The Pentagon confirmed the sale of F-16 jets to Turkey.", T, status=CONF),
    case("Seoul confirmed that it had shipped howitzers to Poland.", T, status=CONF),
    case("Officials confirmed that Israel had delivered air defence systems to Cyprus.", T, status=CONF),
    case(
        "The Kremlin confirmed that Russian troops had been deployed to Belarus.",
        D,
        status=CONF,
    ),
]

OTHER_FRAMES = [  # every status on the frames that are no transfer
    case(
        "Israel reportedly struck an Iranian air defence site.",
        S,
        status=SPEC,
    ),
    case("Russia denied striking a hospital in Kyiv.", S, fails="strike without a weapon", status=DEN),
    case("Ukraine accused Russia of striking a dam with missiles.", S, status=ALL),
    case("American aircraft struck Houthi missile sites in Yemen, the Pentagon said.", S, status=ATTR),
    case(
        "The Pentagon confirmed that US jets had struck militia bases in Syria.",
        S,
        status=CONF,
    ),
    case("Turkish drones will strike militant camps in Iraq, the minister warned.", S, status=PLAN),
    case("Russian missiles struck a power plant in Ukraine on Tuesday.", S, status=ASS),
    case("France may upgrade India's Mirage jets.", U, status=SPEC),
    case("Russia denied that it had upgraded Iran's fighter jets.", U, status=DEN),
    case("Turkey upgraded Pakistan's submarines, officials said.", U, status=ATTR),
    case("Israel upgraded Romania's tanks in 2019.", U, status=ASS),
    case(
        "India and France could co-develop a jet engine.",
        C,
        fails="military item not recognised",
        status=SPEC,
    ),
    case("Japan and Britain are jointly developing a missile, the defence ministry said.", C, status=ATTR),
    case("Pakistan denied that it was jointly developing missiles with North Korea.", C, status=DEN),
    case("South Korea and Poland jointly produce K2 tanks.", C, status=ASS),
    case("Germany denied that it had halted arms exports to Israel.", B, status=DEN),
    case("Britain confirmed that it had suspended arms exports to Israel.", B, status=CONF),
    case("Spain banned arms exports to Israel in 2023.", B, status=ASS),
    case("Armenia and France signed a defence agreement, the ministry said.", P, status=ATTR),
    case("Moscow denied that it had signed a defence pact with Iran.", P, status=DEN),
    case("Japan and Britain signed a defence pact in 2023.", P, status=ASS),
    case("Beijing confirmed that Chinese and Russian warships had held joint drills.", X, status=CONF),
    case("China and Cambodia held joint military drills in May.", X, status=ASS),
    case("Russia deployed Iskander missiles to Kaliningrad, Lithuanian officials said.", D, status=ATTR),
    case("Kyiv accused Belarus of deploying Russian missiles near the border.", D, status=ALL),
    case("The United States deployed F-22 jets to Poland last year.", D, status=ASS),
]

STATUS = HEDGE + DENIAL + ALLEGATION + FUTURE + CONCLUDED + ATTRIBUTED + CONFIRMED + OTHER_FRAMES


@pytest.mark.parametrize(("body", "want"), STATUS)
def test_battery_status(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


KEPT_ACTORS = [  # a denied or alleged event keeps who would have supplied whom
    case(
        "North Korea denied supplying artillery shells to Russia.",
        T,
        source=("PRK",),
        target=("RUS",),
        status=DEN,
    ),
    case(
        "China rejected reports that it had sold drones to Sudan.",
        T,
        source=("CHN",),
        target=("SDN",),
        status=DEN,
    ),
    case(
        "India's defence ministry dismissed as baseless a report that India exported shells to Ukraine.",
        T,
        source=("IND",),
        target=("UKR",),
        status=DEN,
    ),
    case(
        "Ukraine accused Iran of supplying drones to Russia.", T, source=("IRN",), target=("RUS",), status=ALL
    ),
    case(
        "Sudan's army accused the United Arab Emirates of arming the Rapid Support Forces.",
        T,
        source=("ARE",),
        status=ALL,
    ),
    case(
        "Azerbaijan claimed that France had supplied armoured vehicles to Armenia.",
        T,
        source=("FRA",),
        target=("ARM",),
        status=ALL,
    ),
    case(
        "Russia denied reports of joint naval drills with Iran.",
        X,
        fails="participants of a denied noun event",
        parties=("RUS", "IRN"),
        status=DEN,
    ),
]


@pytest.mark.parametrize(("body", "want"), KEPT_ACTORS)
def test_battery_denied_and_alleged_events_keep_their_actors(nlp: Any, body: str, want: Expect) -> None:
    check(events_of(nlp, body), want)


HOLDERS: list[Any] = [  # (sentence, status, code of who denies or alleges)
    ("North Korea denied supplying artillery shells to Russia.", DEN, "PRK"),
    ("Iran said claims that it had shipped missiles to Russia were groundless.", DEN, "IRN"),
    ("The Serbian ministry rejected claims that Serbia sold ammunition to Ukraine.", DEN, "SRB"),
    ("Kyiv alleged that North Korea had shipped missiles to Russia.", ALL, "UKR"),
    ("North Korea is alleged to have sent artillery shells to Russia.", ALL, None),
    ("Chile has been accused of supplying rifles to Bolivian rebels.", ALL, None),
    ("Iran was accused by Israel of smuggling weapons to Hezbollah.", ALL, "ISR"),
    ("Sudan's army accused the United Arab Emirates of arming the Rapid Support Forces.", ALL, "SDN"),
]

HOLDER_FAILS = {
    "Iran said": "denier taken from the denied event's target",
}


@pytest.mark.parametrize(("body", "status", "who"), rows(HOLDERS, HOLDER_FAILS))
def test_battery_claim_names_who_denies_or_alleges(
    nlp: Any, body: str, status: ClaimStatus, who: str | None
) -> None:
    _events, claims = claims_of(nlp, body)
    found = [c for c in claims if c.status == status]
    assert found, claims
    holders = {h for c in found for h in (c.denied_by if status == DEN else c.alleged_by)}
    if who is None:  # nobody named: the accused is not the accuser
        assert "PRK" not in holders, holders
    else:
        assert who in holders, holders


@pytest.mark.parametrize(
    ("body", "who"),
    [
        ("North Korea denied supplying artillery shells to Russia.", "PRK"),
        ("China rejected reports that it had sold drones to Sudan.", "CHN"),
        ("Ukraine accused Iran of supplying drones to Russia.", "UKR"),
    ],
    ids=["denied", "rejected", "accused"],
)
def test_battery_the_event_records_who_denies_or_alleges(nlp: Any, body: str, who: str) -> None:
    event = next(e for e in events_of(nlp, body) if e.subtype == T)
    assert who in event.status_by or any(who.lower() in h.lower() for h in event.status_by), event


NEGATED: list[Any] = [  # (sentence, subtype): no event of the subtype that says it happened or will
    ("Germany has not sent Taurus missiles to Ukraine.", T),
    ("India did not buy any Su-57 jets from Russia.", T),
    ("No drones were delivered to Ethiopia by Turkey.", T),
    ("Egypt scrapped a plan to buy Su-35 jets from Russia.", T),
    ("Canada has no plans to sell tanks to Saudi Arabia.", T),
    ("Japan and China have never held a joint military exercise.", X),
    ("The United States refused to sell F-35 jets to the United Arab Emirates.", T),
    ("Spain will not deliver the frigates to Venezuela after all.", T),
    ("Greece and Turkey did not sign the defence pact.", P),
    ("Australia cancelled its order for French submarines.", T),
    ("Germany declined to deliver Taurus missiles to Ukraine.", T),
    ("Britain has no troops deployed in Ukraine.", D),
]
NEGATION_FAILS = {}


@pytest.mark.parametrize(("body", "subtype"), rows(NEGATED, NEGATION_FAILS))
def test_battery_negated_events_are_not_positive(nlp: Any, body: str, subtype: str) -> None:
    events = events_of(nlp, body)
    positive = [e for e in events if e.subtype == subtype and e.status in POSITIVE]
    assert not positive, shown(events)


def test_battery_cancelled_project_is_other(nlp: Any) -> None:
    events = events_of(nlp, "Egypt scrapped a plan to buy Su-35 jets from Russia.")
    (other,) = [e for e in events if e.subtype == "other"]
    assert {"RUS"} <= {a.code for a in other.source} and {"EGY"} <= {a.code for a in other.target}


CONTESTED = [  # the README: a report of a contested transfer is an allegation
    # the denied trade itself, reported on someone's word
    (
        "Chile denied selling rifles to Bolivia. A Bolivian official said Chile had sold rifles to Bolivia.",
        ALL,
    ),
    # a report leaving a side unnamed may be the denied trade
    (
        "Chile denied selling rifles to Bolivia. Peru denied selling rifles to Ecuador. "
        "An Argentine official said that Chilean rifles had been delivered by sea.",
        ALL,
    ),
    # another trade, both sides named, stays a plain attribution
    (
        "Chile denied selling rifles to Bolivia. "
        "A Peruvian official said Brazil had sold rifles to Argentina.",
        ClaimStatus.ATTRIBUTED,
    ),
]


@pytest.mark.parametrize(("body", "status"), CONTESTED)
def test_battery_a_report_of_a_denied_transfer_is_alleged(nlp: Any, body: str, status: ClaimStatus) -> None:
    events = [e for e in events_of(nlp, body) if e.subtype == T]
    assert events[-1].status == status, shown(tuple(events))


SPOKEN_DENIALS = [  # a party's own word that it did not happen is a denial, held by the speaker
    ("Bolivia insisted it had never received weapons from Chile.", "CHL", "BOL", "BOL"),
    ("Iran said it has not sent any drones to Russia since the war began.", "IRN", "RUS", "IRN"),
]


@pytest.mark.parametrize(("body", "source", "target", "denier"), SPOKEN_DENIALS)
def test_battery_a_party_saying_it_did_not_happen_denies_it(
    nlp: Any, body: str, source: str, target: str, denier: str
) -> None:
    events, claims = claims_of(nlp, body)
    transfers = [e for e in events if e.subtype == T]
    assert [(e.source[0].code, e.target[0].code, e.status) for e in transfers] == [(source, target, DEN)]
    assert any(c.status == DEN and denier in c.denied_by for c in claims), claims


@pytest.mark.parametrize(
    "body",
    [
        "Peru said it had not yet received the frigates from South Korea.",  # a delay, not a denial
        "Germany has not sent Taurus missiles to Ukraine.",  # the outlet's own negation
    ],
)
def test_battery_a_delay_or_the_outlets_negation_is_no_denial(nlp: Any, body: str) -> None:
    events, _ = claims_of(nlp, body)
    assert not [e for e in events if e.subtype == T], shown(events)


def test_battery_a_failed_prevention_lets_the_transfer_happen(nlp: Any) -> None:
    """Two counterfactuals cancel out: 'failed to prevent X from transferring' reports the transfer."""
    body = (
        "The government failed to prevent foreign buyers from transferring Peruvian-made rifles to Bolivia."
    )
    events = [e for e in events_of(nlp, body) if e.subtype == T]
    assert [e.target[0].code for e in events] == ["BOL"], shown(tuple(events))
    stopped = [e for e in events_of(nlp, "The navy prevented smugglers from shipping rifles to Bolivia.")]
    assert not [e for e in stopped if e.subtype == T], shown(tuple(stopped))


def test_battery_a_denied_report_of_a_failed_prevention_is_a_denied_transfer(nlp: Any) -> None:
    """The pair cancels out wherever it sits: under 'a report claiming that', the transfer is what
    the party denies, and the failed stopping is no ban."""
    body = (
        "Peru rejected a report claiming that the army failed to stop local buyers from transferring "
        "Peruvian-made rifles to Ecuador."
    )
    events = [e for e in events_of(nlp, body) if e.subtype]
    assert [(e.subtype, e.target[0].code, e.status) for e in events] == [(T, "ECU", ClaimStatus.DENIED)], (
        shown(tuple(events))
    )


@pytest.mark.parametrize(
    ("body", "bans"),
    [
        ("Germany decided to stop arms sales to Turkey.", 1),
        ("Germany failed to stop arms sales to Turkey.", 0),
    ],
)
def test_battery_a_stop_is_negated_only_by_a_counterfactual_above_it(nlp: Any, body: str, bans: int) -> None:
    events = events_of(nlp, body)
    assert len([e for e in events if e.subtype == "export_ban"]) == bans, shown(events)
