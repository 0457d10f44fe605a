"""Actor codes of events on short sentences of our own, parsed and resolved by the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.events.classify import classify_article
from newsift.extract.events.rules import extract_events
from newsift.model import Article, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _roles(nlp: Any, text: str) -> set[tuple[frozenset[str | None], frozenset[str | None]]]:
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=text)
    annotated = next(annotate_articles([article], nlp=nlp))
    return {
        (frozenset(a.code for a in e.source), frozenset(a.code for a in e.target))
        for e in extract_events(annotated)
    }


def test_events_actors_intergovernmental_body_is_igo(nlp: Any) -> None:
    roles = _roles(nlp, "The United Nations agreed to send food aid to Liberia.")
    assert (frozenset({"IGO"}), frozenset({"LBR"})) in roles


def test_events_actors_state_pronoun_takes_the_clause_subject(nlp: Any) -> None:
    roles = _roles(nlp, "Hungary said on Monday that it will support new sanctions against Serbia.")
    assert any("HUN" in source for source, _ in roles)


def test_events_actors_target_inside_the_complement_clause(nlp: Any) -> None:
    roles = _roles(nlp, "Iran threatened to cut the power supply to Azerbaijan over old debts.")
    assert (frozenset({"IRN"}), frozenset({"AZE"})) in roles


def _typed(nlp: Any, text: str) -> tuple[str, frozenset[str | None], frozenset[str | None]]:
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=text)
    event = classify_article(next(annotate_articles([article], nlp=nlp)))
    assert event is not None
    return (
        str(event.type),
        frozenset(a.code for a in event.source),
        frozenset(a.code for a in event.target),
    )


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Germany said on Friday that Serbia must withdraw its troops from the border.", "DEU", "SRB"),
        ("The Kenyan foreign minister told reporters that Somalia should stop the raids.", "KEN", "SOM"),
    ],
    ids=["said-must", "told-should"],
)
def test_events_actors_demand_under_speech_verb(nlp: Any, text: str, source: str, target: str) -> None:
    type_, sources, targets = _typed(nlp, text)
    assert (type_, sources, targets) == ("REQUEST", frozenset({source}), frozenset({target}))


def test_events_actors_reminder_addressee_is_the_one_asked(nlp: Any) -> None:
    _, sources, targets = _typed(
        nlp, "Spanish Prime Minister Luis Ortega sent a warning to Morocco that it must respect the accord."
    )
    assert (sources, targets) == (frozenset({"ESP"}), frozenset({"MAR"}))


@pytest.mark.parametrize("title", ["Kenya President", "Kenya's ambassador", "Kenyan envoy"])
def test_events_actors_country_stated_in_a_title(nlp: Any, title: str) -> None:
    roles = _roles(nlp, f"{title} Daniel Mwangi arrived in Dodoma. Mwangi rejected an offer from Tanzania.")
    assert (frozenset({"KEN"}), frozenset({"TZA"})) in roles


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Opposition parties in Kenya demanded new elections.", "KEN"),
        ("A group of Nigerian lawyers condemned the arrests.", "NGA"),
        ("Brazil's senate has demanded an inquiry into the contract.", "BRA"),
    ],
    ids=["in-country", "group-of", "possessive"],
)
def test_events_actors_group_of_a_country(nlp: Any, text: str, code: str) -> None:
    _, sources, _ = _typed(nlp, text)
    assert sources == frozenset({code})


def test_events_actors_place_is_the_target_when_no_one_is_acted_on(nlp: Any) -> None:
    _, sources, targets = _typed(nlp, "Ethiopian troops imposed a curfew in Somalia on Sunday.")
    assert (sources, targets) == (frozenset({"ETH"}), frozenset({"SOM"}))


def test_events_actors_untitled_official_acts_at_home(nlp: Any) -> None:
    _, sources, _ = _typed(nlp, "President Samuel Okello banned Ugandan opposition rallies on Monday.")
    assert sources == frozenset({"UGA"})


def test_events_actors_untitled_official_against_a_named_state_stays_unknown(nlp: Any) -> None:
    _, sources, targets = _typed(nlp, "President Samuel Okello imposed sanctions on Kenya.")
    assert sources == frozenset({None}) and targets == frozenset({"KEN"})


def test_events_actors_pronoun_subject_of_a_complement_clause(nlp: Any) -> None:
    _, sources, _ = _typed(nlp, "Peru's interim government said that it was ready to impose a curfew.")
    assert sources == frozenset({"PER"})


def test_events_actors_name_with_a_preposition_inside(nlp: Any) -> None:
    _, _, targets = _typed(
        nlp,
        "Seoul urged the Democratic People's Republic of Korea to halt its missile launches at once.",
    )
    assert targets == frozenset({"PRK"})


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Norway will give Mali a loan of 40 million dollars to build schools.", "NOR", "MLI"),
        ("Canada is ready to send equipment to help defend Estonia.", "CAN", "EST"),
        (
            "The Economic Community of West African States (ECOWAS) bloc agreed to open an office in Accra.",
            "IGO",
            "GHA",
        ),
        ("Thailand launched a mediation effort between Cambodia and Laos on Friday.", "THA", "KHM LAO"),
        ("Bishop Ruth Okafor called for sanctions against Eritrea over the arrests.", None, "ERI"),
    ],
    ids=["indirect-object", "purpose-clause", "acronym-in-brackets", "compound-trigger", "aimed-thing"],
)
def test_events_actors_targets_beyond_the_object(
    nlp: Any, text: str, source: str | None, target: str
) -> None:
    _, sources, targets = _typed(nlp, text)
    if source is not None:
        assert sources == frozenset({source})
    assert targets == frozenset(target.split())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ethnic Hungarians in southern Slovakia demanded more schools in their language.", "SVK"),
        ("The Kurds of Syria protested against the closure of the border crossing.", "SYR"),
    ],
    ids=["people-in-a-country", "people-of-a-country"],
)
def test_events_actors_people_take_the_country_they_live_in(nlp: Any, text: str, code: str) -> None:
    _, sources, _ = _typed(nlp, text)
    assert sources == frozenset({code})


def test_events_actors_troops_abroad_keep_their_own_country(nlp: Any) -> None:
    _, sources, _ = _typed(nlp, "Kenyan troops in Somalia attacked a militant camp on Sunday.")
    assert sources == frozenset({"KEN"})


@pytest.mark.parametrize(
    "text",
    [
        "The Colombian army has been using villagers as human shields near the border.",
        "Colombian forces were engaged in heavy fighting in the north, the ministry said.",
        "Colombian troops shelled the rebel camps on Monday, killing twelve fighters.",
    ],
    ids=["as-role", "engaged-in", "participle"],
)
def test_events_actors_subject_acts_through_role_phrases(nlp: Any, text: str) -> None:
    _, sources, _ = _typed(nlp, text)
    assert sources == frozenset({"COL"})


def test_events_actors_as_a_result_of_is_not_the_subjects_act(nlp: Any) -> None:
    _, sources, _ = _typed(nlp, "A Bolivian miner died as a result of torture in an army barracks.")
    assert "BOL" not in sources


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Amnesty International condemned the executions in Iran.", "NGO"),
        ("Al-Qaeda threatened attacks on shipping in the Red Sea.", "IMG"),
        ("The European Community agreed to lift the embargo on South Africa.", "IGO"),
    ],
    ids=["ngo", "img", "igo-forerunner"],
)
def test_events_actors_bodies_without_a_country_get_their_sector_code(nlp: Any, text: str, code: str) -> None:
    _, sources, _ = _typed(nlp, text)
    assert sources == frozenset({code})


def test_events_actors_grievance_targets_its_cause_not_its_addressee(nlp: Any) -> None:
    _, sources, targets = _typed(nlp, "Ghana complained to the African Union over Togolese border raids.")
    assert sources == frozenset({"GHA"}) and targets == frozenset({"TGO"})


def test_events_actors_agentless_arrest_is_done_by_the_country_where_it_happened(nlp: Any) -> None:
    _, sources, targets = _typed(nlp, "A Canadian aid worker was arrested in Sudan on Friday.")
    assert sources == frozenset({"SDN"}) and targets == frozenset({"CAN"})


def test_events_actors_agentless_killing_has_no_implied_source(nlp: Any) -> None:
    _, sources, _ = _typed(nlp, "A Canadian aid worker was killed in Sudan on Friday.")
    assert "SDN" not in sources


@pytest.mark.parametrize(
    "text",
    [
        "The new jets give Chile a long-range strike capability.",
        "A local protest group met the mayor of Lyon on Tuesday.",
    ],
    ids=["strike-capability", "protest-group"],
)
def test_events_a_trigger_naming_an_ability_or_body_is_no_event(nlp: Any, text: str) -> None:
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=text)
    events = extract_events(next(annotate_articles([article], nlp=nlp)))
    assert not [e for e in events if str(e.type) in ("ASSAULT", "PROTEST")]
