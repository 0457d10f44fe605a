"""Speakers written as a description ('the opposition leader', 'the defence secretary', 'the
spokesman'): the person or body the text is about, on sentences of our own, each with a negative."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Mention, Position, Quote, Resolution
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="d", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _speaker(nlp: Any, body: str, fragment: str) -> str | None:
    found = [q for q in _quotes(nlp, body) if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in _quotes(nlp, body)]
    return found[0].speaker_text


@pytest.mark.parametrize(
    ("body", "fragment", "speaker"),
    [
        (  # a description after the lead names the person the lead is about
            "Ravi Menon has promised to double the coastguard budget.\n\n"
            "The opposition leader said the coast was poorly watched.",
            "poorly watched",
            "Ravi Menon",
        ),
        (  # a regional description of an MP
            "Ravi Menon has promised to double the coastguard budget.\n\n"
            '"We have ten boats for a thousand kilometres," the Kerala MP told parliament.',
            "ten boats",
            "Ravi Menon",
        ),
        (  # a description of a former job
            "Lucia Bianchi, who ran for mayor in 2019, was fined on Tuesday. "
            "The former pharmacist said she would appeal.",
            "would appeal",
            "Lucia Bianchi",
        ),
        (  # a possessive description
            "Pedro Santos arrived in Brasilia on Monday. "
            "The country's finance chief said the deficit would shrink.",
            "deficit would shrink",
            "Pedro Santos",
        ),
    ],
)
def test_a_definite_description_is_the_person_named_just_before(
    nlp: Any, body: str, fragment: str, speaker: str
) -> None:
    assert _speaker(nlp, body, fragment) == speaker


def test_a_description_in_the_lead_is_the_person_named_next(nlp: Any) -> None:
    body = (
        "The navy will commission two new destroyers next year, the defence secretary has said.\n\n"
        "Maria Costa told MPs the ships were on schedule and within budget."
    )
    assert _speaker(nlp, body, "two new destroyers") == "Maria Costa"


def test_a_description_later_in_the_text_does_not_look_ahead(nlp: Any) -> None:
    body = (
        "Ships were late again this year.\n\nThe dock manager said three cranes had failed. "
        "Auditors praised Henrik Dahl for his report on the yard."
    )
    assert _speaker(nlp, body, "three cranes") == "The dock manager"


def test_a_description_naming_another_office_does_not_take_the_person(nlp: Any) -> None:
    body = 'General Tomas Vidal inspected the troops on Monday. "Morale is high," the minister said.'
    assert _speaker(nlp, body, "Morale is high") == "the minister"


def test_a_description_with_no_one_named_stays_as_written(nlp: Any) -> None:
    body = '"We will not give up," the captain said after the match.'
    assert _speaker(nlp, body, "give up") == "the captain"


def test_a_plural_description_is_not_one_person(nlp: Any) -> None:
    body = (
        "Ravi Menon has promised to double the coastguard budget. The fishermen said the boats came too late."
    )
    quotes = [q for q in _quotes(nlp, body) if "boats came" in q.text]
    assert all(q.speaker_text != "Ravi Menon" for q in quotes)


def test_the_spokesman_again_is_the_body_whose_spokesman_spoke(nlp: Any) -> None:
    body = (
        "A spokesman for Airbus said the deliveries had been postponed. Ana Lindqvist, the negotiator, "
        'was not available. "We expect to resume in March," the spokesman added.'
    )
    quote = next(q for q in _quotes(nlp, body) if "resume in March" in q.text)
    assert quote.speaker_text == "Airbus"
    assert quote.speaker_id is not None


def test_the_spokesman_with_no_spokesman_before_is_not_the_person_named(nlp: Any) -> None:
    body = 'Ana Lindqvist chaired the meeting. "We expect to resume in March," the spokesman said.'
    assert _speaker(nlp, body, "resume in March") != "Ana Lindqvist"


# --- bodies written as a description: 'the Dutch builder', 'its Brazilian manufacturer' --------------


def test_a_body_described_by_its_trade_is_the_firm_named_before(nlp: Any) -> None:
    body = (
        "Indonesia has ordered six more patrol boats from Damen Shipyards, the Dutch builder said on Monday."
    )
    assert _speaker(nlp, body, "six more patrol boats") == "Damen Shipyards"


def test_a_body_described_before_it_is_named_is_the_firm_named_next(nlp: Any) -> None:
    body = (
        "Chile has signed a deal for eight more trainer jets, its Brazilian manufacturer said Tuesday.\n\n"
        "Embraer said the contract was worth 200 million dollars."
    )
    assert _speaker(nlp, body, "eight more trainer jets") == "Embraer"


def test_a_described_body_is_never_a_country(nlp: Any) -> None:
    body = "Chile has signed a deal for eight more trainer jets, its manufacturer said Tuesday."
    assert _speaker(nlp, body, "eight more trainer jets") != "Chile"


def test_a_described_body_of_one_nationality_skips_a_firm_of_another(nlp: Any) -> None:
    body = (
        "Airbus delivered two tankers to the air force last year.\n\n"
        "Greece has ordered four more frigates, the Dutch builder said. "
        "Damen Shipyards will build them in Vlissingen."
    )
    assert _speaker(nlp, body, "four more frigates") != "Airbus"


def test_an_unnamed_ministry_is_a_body_not_a_person(nlp: Any) -> None:
    body = "According to the defence ministry, the new ships will carry air defence missiles."
    quote = next(q for q in _quotes(nlp, body) if "air defence missiles" in q.text)
    assert quote.speaker_kind is not None and quote.speaker_kind.value == "organisation"
    assert quote.speaker_text == "the defence ministry"


# --- a person's name the tagger took for an organisation -----------------------------------------------


def test_a_name_tagged_as_a_body_with_a_person_apposition_is_a_person(nlp: Any) -> None:
    body = (
        "The talks were led by Murat Aksoy, Turkey's deputy foreign minister. "
        "He said both sides had agreed to meet again."
    )
    assert _speaker(nlp, body, "agreed to meet again") == "Murat Aksoy"


def test_a_name_tagged_as_a_body_then_she_is_a_person(nlp: Any) -> None:
    body = "Nadia Farouk fled the city in March. She said the shelling never stopped."
    assert _speaker(nlp, body, "shelling never stopped") == "Nadia Farouk"


def test_a_surname_alone_later_is_the_same_person(nlp: Any) -> None:
    body = (
        "Greek Foreign Minister Eleni Markou met her Turkish counterpart, Murat Aksoy, in Ankara. "
        '"We disagree on much, but we keep talking," Aksoy said.'
    )
    assert _speaker(nlp, body, "keep talking") == "Murat Aksoy"


def test_a_body_with_an_organisation_noun_is_never_a_person(nlp: Any) -> None:
    body = "Orbital Dynamics Group won the tender. He said the satellites would launch in May."
    assert all(q.speaker_text != "Orbital Dynamics Group" for q in _quotes(nlp, body))


def _as_body(nlp: Any, body: str, name: str) -> list[Quote]:
    """Annotate, then make the tagger's mention of ``name`` an organisation guessed by the tagger."""
    article = Article(id="d", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    start = body.index(name)
    kept = [m for m in annotated.mentions if m.end <= start or m.start >= start + len(name)]
    as_body = Mention(
        article_id="d",
        start=start,
        end=start + len(name),
        text=name,
        entity_id=None,
        label="ORG",
        resolution=Resolution.NER,
    )
    return list(extract_quotes(replace(annotated, mentions=tuple(sorted([*kept, as_body], key=_at)))))


def _at(m: Mention) -> int:
    return m.start


def test_a_titled_name_tagged_as_a_body_is_a_person(nlp: Any) -> None:
    body = (
        "Air Marshal Tendai Moyo flew to Harare on Monday. "
        '"They will serve for thirty years," he told reporters.'
    )
    quotes = _as_body(nlp, body, "Air Marshal Tendai Moyo")
    assert [q.speaker_text for q in quotes if "thirty years" in q.text] == ["Tendai Moyo"]


def test_a_titled_body_is_not_a_person(nlp: Any) -> None:
    body = (
        "Air Marshal Holdings Group flew to Harare on Monday. "
        '"They will serve for thirty years," he told reporters.'
    )
    quotes = _as_body(nlp, body, "Air Marshal Holdings Group")
    assert all(q.speaker_text != "Holdings Group" for q in quotes)


# --- short forms of a name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "fragment", "speaker"),
    [
        (
            "Walid al-Muallem, then Syria's top diplomat, told reporters the cargo was lawful. "
            "Muallem added that Damascus would protest at the United Nations.",
            "would protest",
            "Walid al-Muallem",
        ),
        (
            "Egyptian army spokesman Gharib Abdel Hafez said the drills had ended. "
            "Abdel Hafez said troops would return home.",
            "return home",
            "Gharib Abdel Hafez",
        ),
    ],
)
def test_a_surname_written_short_is_the_full_name(nlp: Any, body: str, fragment: str, speaker: str) -> None:
    assert _speaker(nlp, body, fragment) == speaker


def test_a_shared_first_name_is_not_the_same_person(nlp: Any) -> None:
    body = "Walid Haddad met the envoy in Beirut. Walid Jumblatt said the talks had failed."
    assert _speaker(nlp, body, "talks had failed") == "Walid Jumblatt"


def test_a_unit_whose_name_starts_like_a_title_is_not_a_person(nlp: Any) -> None:
    body = (
        "The Air Assault Brigade flew to Harare on Monday. Its commander met Tendai Moyo there. "
        '"They trained hard," the minister said.'
    )
    quotes = _as_body(nlp, body, "Air Assault Brigade")
    assert all("Brigade" not in (q.speaker_text or "") for q in quotes)


def test_a_titled_surname_tagged_as_a_body_is_the_full_name(nlp: Any) -> None:
    body = (
        "Prime Minister Helen Clarke flew to Oslo on Monday. "
        "A spokesman for Ms Clarke said the two navies would train together."
    )
    quotes = _as_body(nlp, body, "Ms Clarke")
    assert [q.speaker_text for q in quotes if "train together" in q.text] == ["Helen Clarke"]


def test_the_spokesman_with_no_unnamed_spokesperson_is_a_recent_speaker(nlp: Any) -> None:
    body = 'Ana Lindqvist said the talks had stalled. "We expect to resume in March," the spokesman added.'
    assert _speaker(nlp, body, "resume in March") == "Ana Lindqvist"
