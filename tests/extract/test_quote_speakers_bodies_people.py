"""Speakers of session 8: an unnamed spokesperson of a body written by a generic noun or 'its', a common
noun with the body's name in apposition, a pronoun that is not the person its own words name, an
honorific that names a person and decides the gender, and someone else's colleagues. Sentences of our
own; each pattern has a case it must get right and a negative case it must not be fooled by.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.extract.quotes.extract import extract_attributions
from newsift.model import Article, Position, Quote, SpeakerKind
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str, title: str = "") -> list[Quote]:
    article = Article(id="b", page_id="p", position=Position.MAIN, index=0, title=title, body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


# --- an unnamed spokesperson of a body named before ------------------------------------------------

SPOKESPERSON_OF_BODY = [
    (
        "Airbus declined to discuss the price, but a company spokeswoman said the plant in Seville would "
        "build the first four aircraft.",
        "the plant in Seville would build",
        "Airbus",
    ),
    (
        "Japan's defence ministry said the radars would be installed next spring. A ministry spokesman "
        "said the first of them would stand on an island near Taiwan.",
        "the first of them would stand",
        "ministry",
    ),
    (
        "The Philippine Navy will take delivery of two corvettes in March, its spokesman said on Friday.",
        "will take delivery of two corvettes",
        "Philippine Navy",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "body_name"), SPOKESPERSON_OF_BODY)
def test_unnamed_spokesperson_speaks_for_the_body_named_before(
    nlp: Any, body: str, fragment: str, body_name: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote.speaker_kind is SpeakerKind.ORGANISATION
    assert body_name in (quote.speaker_text or "")


def test_unnamed_spokesperson_with_no_body_before_stays_unnamed(nlp: Any) -> None:
    quote = _quote(
        _quotes(nlp, "A company spokeswoman said the factory would close at the end of the year."),
        "the factory would close",
    )
    assert quote.speaker_id is None
    assert quote.speaker_kind is SpeakerKind.ANONYMOUS


def test_named_spokesperson_of_its_body_is_the_person(nlp: Any) -> None:
    quote = _quote(
        _quotes(
            nlp, "The Indonesian Navy will buy two frigates from Italy, its spokesman, Hadi Santoso, said."
        ),
        "will buy two frigates",
    )
    assert quote.speaker_text == "Hadi Santoso"


# --- a common noun with the body's name in apposition ----------------------------------------------


def test_noun_with_a_name_in_apposition_is_that_body(nlp: Any) -> None:
    body = (
        "The Saudi foreign ministry called the claims false in a statement on Sunday.\n\n"
        "The group, Human Rights Watch, said the trucks had been handed to a militia in Darfur."
    )
    quote = _quote(_quotes(nlp, body), "the trucks had been handed")
    assert quote.speaker_text == "Human Rights Watch"


def test_shipyard_with_its_name_in_apposition_is_not_the_body_before(nlp: Any) -> None:
    body = (
        "The Greek navy has ordered three corvettes for delivery in 2029.\n\n"
        "The shipbuilder, Fincantieri, said the first hull would be laid down in Genoa next year."
    )
    quote = _quote(_quotes(nlp, body), "the first hull would be laid down")
    assert quote.speaker_text == "Fincantieri"


def test_noun_with_a_clause_and_no_name_is_the_body_named_before(nlp: Any) -> None:
    body = (
        "Amnesty International published a report on the arms trade on Monday.\n\n"
        "The group, which is based in London, said the trucks had been handed to a militia."
    )
    quote = _quote(_quotes(nlp, body), "the trucks had been handed")
    assert quote.speaker_text == "Amnesty International"


# --- a pronoun is not the person its own words name ------------------------------------------------


def test_pronoun_is_not_the_person_named_in_what_it_says(nlp: Any) -> None:
    body = (
        "Prime Minister Tom Hale welcomed the defector, Robert Lane, at a rally on Monday. "
        "Speaking later, he said Mr Hale had been generous to him for years."
    )
    quote = _quote(_quotes(nlp, body), "had been generous to him")
    assert quote.speaker_text == "Robert Lane"


def test_pronoun_with_no_name_in_what_it_says_keeps_the_subject(nlp: Any) -> None:
    body = (
        "Prime Minister Tom Hale welcomed the defector, Robert Lane, at a rally on Monday. "
        "Speaking later, he said the party had been generous to the newcomer."
    )
    quote = _quote(_quotes(nlp, body), "the party had been generous")
    assert quote.speaker_text == "Tom Hale"


# --- an honorific names a person and decides the gender --------------------------------------------


def test_honorific_names_a_person_and_she_takes_her(nlp: Any) -> None:
    body = (
        "Ms Bishop has held the seat for the party since 2010. Mr Carver, who hopes to win it, was "
        'scathing about her record. She said: "I will win this seat again, and by a wider margin."'
    )
    quote = _quote(_quotes(nlp, body), "I will win this seat again")
    assert quote.speaker_text == "Bishop"


def test_honorific_name_speaks_as_written(nlp: Any) -> None:
    body = "Ms Bishop has held the seat since 2010.\n\nMs Bishop said the new road would be built next year."
    quote = _quote(_quotes(nlp, body), "the new road would be built")
    assert quote.speaker_text == "Bishop"
    assert quote.speaker_kind is SpeakerKind.PERSON


def test_he_after_an_honorific_takes_the_man(nlp: Any) -> None:
    body = (
        "Ms Bishop has held the seat since 2010. Mr Carver hopes to win it and was scathing about her. "
        'He said: "The town deserves better than this."'
    )
    quote = _quote(_quotes(nlp, body), "The town deserves better")
    assert quote.speaker_text == "Carver"


# --- someone else's colleagues --------------------------------------------------------------------


def test_a_persons_colleagues_are_not_that_person(nlp: Any) -> None:
    body = (
        "Mr Hale met union leaders on Tuesday. Mr Hale's colleagues said the talks had gone badly "
        "and would resume in a week."
    )
    quote = _quote(_quotes(nlp, body), "the talks had gone badly")
    assert quote.speaker_id is None
    assert "Hale" not in (quote.speaker_text or "").replace("Hale's colleagues", "")


def test_a_persons_spokesman_speaks_for_that_person(nlp: Any) -> None:
    body = "Mr Hale met union leaders on Tuesday. Mr Hale's spokesman said the talks had gone well."
    quote = _quote(_quotes(nlp, body), "the talks had gone well")
    assert quote.speaker_text == "Hale"


# --- where a plain cue was said is its channel; a name hung on the quote by the parse -------------


def test_platform_after_wrote_on_is_no_content_and_the_quote_before_is(nlp: Any) -> None:
    body = 'Title\n\n"A tanker full of rifles. Incredible," Farhadi wrote on Telegram.'
    quotes = _quotes(nlp, body)
    assert _quote(quotes, "A tanker full of rifles").speaker_text == "Farhadi"
    assert not [q for q in quotes if q.text.strip() == "Telegram"]


def test_topic_after_commented_on_stays_content(nlp: Any) -> None:
    body = "The minister, Ann Lee, commented on the sale of the six frigates to the Greek navy."
    article = Article(id="b", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    text = annotated.article.text
    contents = [text[s:e] for a in extract_attributions(annotated) for s, e in a.content]
    assert any("the sale of the six frigates" in c for c in contents), contents


def test_name_between_the_quote_and_an_apposition_is_the_speaker(nlp: Any) -> None:
    body = (
        '"These boats will keep our coast safer," Rear Admiral Roy Vincent Santos, the navy spokesman '
        "for maritime affairs, told reporters in Cebu."
    )
    quote = _quote(_quotes(nlp, body), "These boats will keep our coast safer")
    assert quote.speaker_text == "Roy Vincent Santos"


def test_apposition_subject_after_a_quote_with_no_name_stays_itself(nlp: Any) -> None:
    body = (
        "The Philippine Navy held a ceremony on Monday.\n\n"
        '"These boats will keep our coast safer," the navy spokesman for maritime affairs told reporters.'
    )
    quote = _quote(_quotes(nlp, body), "These boats will keep our coast safer")
    assert "Navy" in (quote.speaker_text or "") or "navy" in (quote.speaker_text or "")


# --- a reported clause the parse read as the object of 'said' -------------------------------------


def test_clause_read_as_an_object_of_said_is_reported_speech(nlp: Any) -> None:
    body = (
        "The spokeswoman, Ann Lee, spoke on Monday. "
        "She said Seoul strictly controlled exports of dual-use goods."
    )
    quote = _quote(_quotes(nlp, body), "Seoul strictly controlled exports")
    assert quote.speaker_text == "Ann Lee"


@pytest.mark.parametrize(
    "body",
    [
        "At the ceremony Ann Lee said a few words about the Turkish-built ships.",
        "Ann Lee said nothing about the Iran-made drones.",
    ],
)
def test_object_of_said_that_is_a_noun_phrase_is_no_quote(nlp: Any, body: str) -> None:
    assert _quotes(nlp, body) == []


# --- an office written another way ---------------------------------------------------------------

OFFICE_AGAIN = [
    (
        '"The radars arrived early," Defence Secretary Marta Ruiz told reporters in Lima. '
        "The defence chief said two more would follow by the end of next year.",
        "two more would follow",
        "Marta Ruiz",
    ),
    (
        'Chile\'s ambassador to Peru, Tomas Vidal, called the sale "a sign of trust". '
        "The envoy said Santiago hoped to sell more patrol boats to Lima.",
        "Santiago hoped to sell more",
        "Tomas Vidal",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), OFFICE_AGAIN)
def test_office_written_another_way_is_its_holder(nlp: Any, body: str, fragment: str, speaker: str) -> None:
    assert _quote(_quotes(nlp, body), fragment).speaker_text == speaker


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            '"The radars arrived early," Defence Secretary Marta Ruiz told reporters in Lima. '
            "The army chief said two more would follow by the end of next year.",
            "two more would follow",
        ),
        (
            '"The sale is a sign of trust," Foreign Minister Tomas Vidal told reporters in Lima. '
            "The envoy said Santiago hoped to sell more patrol boats to Lima.",
            "Santiago hoped to sell more",
        ),
    ],
)
def test_office_of_another_kind_is_not_that_holder(nlp: Any, body: str, fragment: str) -> None:
    quotes = [q for q in _quotes(nlp, body) if fragment in q.text]
    assert all(q.speaker_text not in ("Marta Ruiz", "Tomas Vidal") for q in quotes)


# --- an office whose holder is named anywhere; the spokesman of a described person ---------------


def test_office_with_its_portfolio_is_the_holder_named_later(nlp: Any) -> None:
    body = (
        "A freight driver, Omar Haddad, said the depot had been closed for a week.\n\n"
        "The transport secretary said the rail line would reopen in the spring.\n\n"
        "Union leaders called the delay shameful. Mr Haddad said drivers had lost pay.\n\n"
        "Transport Secretary Ann Lee is due to visit the depot next week."
    )
    assert _quote(_quotes(nlp, body), "the rail line would reopen").speaker_text == "Ann Lee"


def test_office_with_another_portfolio_is_not_the_holder_named_later(nlp: Any) -> None:
    body = (
        "The transport secretary said the rail line would reopen in the spring.\n\n"
        "Health Secretary Ann Lee is due to visit the depot next week."
    )
    quotes = [q for q in _quotes(nlp, body) if "the rail line would reopen" in q.text]
    assert all(q.speaker_text != "Ann Lee" for q in quotes)


def test_spokesman_of_a_described_person_is_not_the_last_speaker(nlp: Any) -> None:
    body = (
        'Campaign leader Omar Haddad said the remarks were "shameful".\n\n'
        "The prime minister's official spokesman said the remarks had been taken out of context."
    )
    quote = _quote(_quotes(nlp, body), "taken out of context")
    assert quote.speaker_text != "Omar Haddad"


def test_spokesman_of_a_described_person_speaks_for_that_person(nlp: Any) -> None:
    body = (
        "Prime Minister Tom Hale met the unions on Monday.\n\n"
        "The prime minister's official spokesman said the talks had been useful."
    )
    assert _quote(_quotes(nlp, body), "the talks had been useful").speaker_text == "Tom Hale"


# --- someone related to a person; a verb the tagger took into a name ------------------------------


def test_her_mother_is_not_the_last_speaker(nlp: Any) -> None:
    body = (
        'The councillor, Tom Reed, said the family had been "through a lot".\n\n'
        "Her mother said the girl had been told the truth only last year."
    )
    quote = _quote(_quotes(nlp, body), "the girl had been told the truth")
    assert quote.speaker_text != "Tom Reed"


def test_her_spokesman_still_speaks_for_her(nlp: Any) -> None:
    body = "Ann Lee, the mayor, left the meeting early. Her spokesman said she had another appointment."
    quote = _quote(_quotes(nlp, body), "she had another appointment")
    assert quote.speaker_text == "Ann Lee"


def test_verb_the_tagger_took_into_a_name_is_not_the_name(nlp: Any) -> None:
    body = (
        "Mr Hale says he rang Clara as soon as he read her note.\n\n"
        'Clara said: "I was nervous, but he was kind from the first minute."'
    )
    quote = _quote(_quotes(nlp, body), "I was nervous")
    assert quote.speaker_text == "Clara"
