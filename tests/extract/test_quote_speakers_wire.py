"""Speaker shapes of defence and wire news, by class, on sentences of our own.

Each class has cases it must get right and a negative case of a near shape it must not be fooled by.
The first classes failed before quotes.rules.v4; the last ones guard shapes that already held.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_attributions, extract_quotes
from newsift.model import Article, Position, Quote, SpeakerKind
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="w", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


# --- a role first, the name in the next sentence that is not the quote going on -----------------------

ROLE_NAMED_AFTER = [
    (
        '"We are not at war with anyone," the general told the BBC. "But we must be prepared."\n\n'
        "General Samuel Okoro, the army chief, was speaking at a base near Abuja.",
        ["We are not at war", "we must be prepared"],
        "Samuel Okoro",
    ),
    (
        '"The frigates are on schedule," the admiral told reporters. "The first will sail in June."\n\n'
        "Admiral Petra Lind, who commands the fleet, spoke at the Karlskrona yard.",
        ["The frigates are on schedule", "The first will sail"],
        "Petra Lind",
    ),
]


@pytest.mark.parametrize(("body", "fragments", "speaker"), ROLE_NAMED_AFTER)
def test_wire_role_takes_the_holder_named_after_the_quote(
    nlp: Any, body: str, fragments: list[str], speaker: str
) -> None:
    quotes = _quotes(nlp, body)
    for fragment in fragments:
        assert _quote(quotes, fragment).speaker_text == speaker


def test_wire_role_is_not_a_holder_of_another_office_named_after(nlp: Any) -> None:
    body = (
        '"The talks were frank," the minister told reporters. "We will meet again in May."\n\n'
        "General Samuel Okoro, the army chief, was speaking at a base near Abuja."
    )
    quote = _quote(_quotes(nlp, body), "The talks were frank")
    assert quote.speaker_text != "Samuel Okoro"
    assert quote.speaker_id is None


# --- hyphenated names and titles the parser splits -----------------------------------------------------

HYPHENATED_NAMES = [
    (
        "Israeli Prime Minister Yossi Ben-David said in a televised address that the war would go on.",
        "the war would go on",
        "Yossi Ben-David",
    ),
    (
        "Prime Minister Yossi Ben-David said the talks had failed. Ben-David added that the army was ready.",
        "the army was ready",
        "Yossi Ben-David",
    ),
    ("Jean-Pierre Dubois said the base would close in 2026.", "the base would close", "Jean-Pierre Dubois"),
    (
        "Dutch Defence Minister Karin Smit-Janssen said the frigates were late.",
        "frigates were late",
        "Karin Smit-Janssen",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), HYPHENATED_NAMES)
def test_wire_hyphenated_name_is_whole(nlp: Any, body: str, fragment: str, speaker: str) -> None:
    assert _quote(_quotes(nlp, body), fragment).speaker_text == speaker


HYPHENATED_TITLES = [
    ("Brig-Gen Tal Cohen said the strike had hit a weapons depot.", "weapons depot", "Tal Cohen", "Brig-Gen"),
    ('"The strike hit a depot," said Brig-Gen Tal Cohen.', "The strike hit a depot", "Tal Cohen", "Brig-Gen"),
    ("Lt-Col Ivan Marko told reporters the unit had pulled back.", "pulled back", "Ivan Marko", "Lt-Col"),
]


@pytest.mark.parametrize(("body", "fragment", "speaker", "title"), HYPHENATED_TITLES)
def test_wire_hyphenated_title_stays_apart_from_the_name(
    nlp: Any, body: str, fragment: str, speaker: str, title: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote.speaker_text == speaker
    assert title in (quote.affiliation or "")


def test_wire_hyphenated_unit_is_no_person(nlp: Any) -> None:
    quote = _quote(_quotes(nlp, "The Franco-German brigade said the drill had ended."), "the drill had ended")
    assert quote.speaker_kind is not SpeakerKind.PERSON


# --- an unnamed spokesperson of a body named by a short form, or of a mission -----------------------

SPOKESPEOPLE_OF_SHORT_FORMS = [
    (
        "The Houthis claimed the attack. The group's spokesman said the ship had been hit by a missile.",
        "the ship had been hit",
        "Houthis",
    ),
    (
        "Hanwha Aerospace won the order. The company's spokeswoman said deliveries would begin in May.",
        "deliveries would begin",
        "Hanwha Aerospace",
    ),
    (
        "A spokesman for the Iranian mission to the United Nations said Tehran had sent no drones.",
        "Tehran had sent no drones",
        "Iranian mission",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "body_name"), SPOKESPEOPLE_OF_SHORT_FORMS)
def test_wire_spokesperson_of_a_short_form_speaks_for_the_body(
    nlp: Any, body: str, fragment: str, body_name: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert body_name in (quote.speaker_text or "")
    assert quote.speaker_kind is SpeakerKind.ORGANISATION


def test_wire_spokesperson_of_a_person_unnamed_is_no_body(nlp: Any) -> None:
    quote = _quote(
        _quotes(nlp, "The minister's spokesman said the trip was cancelled."), "trip was cancelled"
    )
    assert quote.speaker_kind is not SpeakerKind.ORGANISATION
    assert quote.speaker_id is None


# --- some of an unnamed group ('one of them') is anonymous --------------------------------------------

SOME_OF_A_GROUP = [
    ('Officials said the deal was close. "It is almost done," one of them said.', "It is almost done"),
    ("Two of the diplomats said the talks had stalled.", "the talks had stalled"),
]


@pytest.mark.parametrize(("body", "fragment"), SOME_OF_A_GROUP)
def test_wire_one_of_an_unnamed_group_is_anonymous(nlp: Any, body: str, fragment: str) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote.speaker_kind is SpeakerKind.ANONYMOUS
    assert quote.speaker_id is None


def test_wire_one_of_a_group_then_named_is_that_person(nlp: Any) -> None:
    body = "One of the commanders, Colonel Ivan Petrenko, said the unit had pulled back."
    assert _quote(_quotes(nlp, body), "pulled back").speaker_text == "Ivan Petrenko"


# --- an age in apposition is no title ---------------------------------------------------------------

AGES = [
    (
        '"We are watching," said Ivan Petrenko, 41, the brigade commander.',
        "We are watching",
        "brigade commander",
    ),
    ("Ann Lee, 52, a retired colonel, said the plan would fail.", "the plan would fail", "retired colonel"),
]


@pytest.mark.parametrize(("body", "fragment", "title"), AGES)
def test_wire_age_is_no_part_of_the_title(nlp: Any, body: str, fragment: str, title: str) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote.affiliation == title


def test_wire_age_alone_gives_no_title(nlp: Any) -> None:
    body = '"The weapons have arrived," Hrytsenko said.\n\nHrytsenko, 52, has led the army since 2023.'
    quotes = _quotes(nlp, body)
    assert all(not any(ch.isdigit() for ch in (q.affiliation or "")) for q in quotes)


# --- a quote goes on past one paragraph about its speaker ----------------------------------------------


def test_wire_quote_goes_on_past_a_paragraph_about_the_speaker(nlp: Any) -> None:
    body = (
        '"The talks went well," said Foreign Minister Ali Haidar. "We expect a deal soon," he told reporters.'
        "\n\nHaidar flew to Doha later that day.\n\n"
        '"The deal will cover jets and tanks."'
    )
    assert _quote(_quotes(nlp, body), "cover jets and tanks").speaker_text == "Ali Haidar"


def test_wire_quote_after_a_paragraph_about_someone_else_is_not_the_speakers(nlp: Any) -> None:
    body = (
        '"The talks went well," said Foreign Minister Ali Haidar.'
        "\n\nHis rival, Omar Saleh, flew to Doha later that day.\n\n"
        '"The deal will cover jets and tanks."'
    )
    quotes = _quotes(nlp, body)
    assert all(q.speaker_text != "Ali Haidar" for q in quotes if "cover jets and tanks" in q.text)


def test_wire_quote_after_a_paragraph_about_something_else_is_not_the_speakers(nlp: Any) -> None:
    body = (
        '"The talks went well," said Foreign Minister Ali Haidar.'
        "\n\nThe talks were held in a hotel near the airport.\n\n"
        '"The deal will cover jets and tanks."'
    )
    quotes = _quotes(nlp, body)
    assert all(q.speaker_text != "Ali Haidar" for q in quotes if "cover jets and tanks" in q.text)


# --- guards: wire shapes that already held -------------------------------------------------------------

HELD = [
    (
        '"The drills are defensive," said Karim Nassar, a spokesman for the Jordanian defence ministry.',
        "The drills are defensive",
        "Karim Nassar",
    ),
    (
        "The frigate will be delivered in 2027, according to Admiral Jan de Vries.",
        "frigate will be",
        "Jan de Vries",
    ),
    (
        "Brigadier General Omar al-Hashimi told Reuters that the base was hit.",
        "the base was hit",
        "Omar al-Hashimi",
    ),
    (
        "Lt. Gen. Sanjay Mehta told the agency that troops were on alert.",
        "troops were on alert",
        "Sanjay Mehta",
    ),
    (
        "Foreign Minister Hakan Yildiz said in a post on X that the talks were useful.",
        "talks were useful",
        "Hakan Yildiz",
    ),
    ("Mohammed bin Salman said the kingdom would buy more jets.", "buy more jets", "Mohammed bin Salman"),
    (
        'Ursula van der Berg said: "Europe must spend more on defence."',
        "Europe must spend",
        "Ursula van der Berg",
    ),
    (
        '"The contract is worth two billion dollars," Rajan Pillai added.',
        "The contract is worth",
        "Rajan Pillai",
    ),
    (
        "Defence Minister Aiko Tanaka said Japan would rebuild its fleet.\n\n"
        '"We will build ten destroyers," Tanaka said.\n\n"Our shipyards are ready."',
        "Our shipyards are ready",
        "Aiko Tanaka",
    ),
    (
        'Kenji Watanabe, the chief of staff, visited the base. "These missiles are a threat," he said.',
        "These missiles are a threat",
        "Kenji Watanabe",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), HELD)
def test_wire_held_shapes(nlp: Any, body: str, fragment: str, speaker: str) -> None:
    assert _quote(_quotes(nlp, body), fragment).speaker_text == speaker


def test_wire_held_unnamed_official_is_anonymous(nlp: Any) -> None:
    body = "A senior official who asked not to be named said the deal would be signed next week."
    quote = _quote(_quotes(nlp, body), "the deal would be signed")
    assert quote.speaker_kind is SpeakerKind.ANONYMOUS and quote.speaker_id is None


# --- the source as written (PolNeAR's spans): a relative clause set off by a comma, no lead-in ---------


def _sources(nlp: Any, body: str) -> list[str]:
    article = Article(id="w", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    return [body[a.source[0] : a.source[1]] for a in extract_attributions(annotated) if a.source]


SOURCES_AS_WRITTEN = [
    (
        '"The port is safe," said Omar Haddad, who heads the harbour authority.',
        "Omar Haddad, who heads the harbour authority",
    ),
    (
        "Ruth Okafor, who leads the panel, said the report would be out in May.",
        "Ruth Okafor, who leads the panel,",
    ),
    (
        "The figures were worse in the years his tax was public ― Haddad boasted, “That makes me rich.”",
        "Haddad",
    ),
    ("One reason that Haddad refuses to publish the report may be that it is late.", "Haddad"),
]


@pytest.mark.parametrize(("body", "source"), SOURCES_AS_WRITTEN)
def test_wire_source_span_as_written(nlp: Any, body: str, source: str) -> None:
    assert source in _sources(nlp, body)


def test_wire_relative_clause_holding_the_cue_is_no_part_of_the_source(nlp: Any) -> None:
    sources = _sources(nlp, "Omar Haddad, who said the port was safe, left for Oslo.")
    assert all("who said" not in s for s in sources)


def test_wire_relative_clause_keeps_the_speaker(nlp: Any) -> None:
    quote = _quote(
        _quotes(nlp, '"The port is safe," said Omar Haddad, who heads the harbour authority.'), "port"
    )
    assert quote.speaker_text == "Omar Haddad"


# --- a quote interrupted by its attribution goes on after a comma -----------------------------------

INTERRUPTED = [
    ('"This is a defensive step," Colonel Ivan Marko said, "and it will not change."', "and it will not"),
    ('"This is a defensive step," said Colonel Ivan Marko, "and it will not change."', "and it will not"),
    ('"This," Colonel Ivan Marko said, "is a defensive step."', "is a defensive step"),
    (
        '"This is a defensive step," Colonel Ivan Marko said, "It will not change."',
        "This is a defensive step",
    ),
    ('"This is a defensive step," Colonel Ivan Marko said, "It will not change."', "It will not change"),
]


@pytest.mark.parametrize(("body", "fragment"), INTERRUPTED)
def test_wire_interrupted_quote_goes_on_after_the_attribution(nlp: Any, body: str, fragment: str) -> None:
    assert _quote(_quotes(nlp, body), fragment).speaker_text == "Ivan Marko"


def test_wire_interrupted_quote_of_a_body_goes_on(nlp: Any) -> None:
    body = 'The navy issued a note. "We have made progress," the navy said, "but much remains to be done."'
    quote = _quote(_quotes(nlp, body), "but much remains")
    assert quote.speaker_kind is SpeakerKind.ORGANISATION


def test_wire_quote_after_a_comma_with_its_own_cue_is_not_the_first_speakers(nlp: Any) -> None:
    body = '"The port is open," Colonel Ivan Marko said, "but the road is shut," his deputy Anna Berg added.'
    quote = _quote(_quotes(nlp, body), "but the road is shut")
    assert quote.speaker_text == "Anna Berg"


def test_wire_quote_closed_by_a_full_stop_is_not_the_first_part(nlp: Any) -> None:
    body = '"The port is shut." Colonel Ivan Marko said on Monday, "It will open in June."'
    quotes = _quotes(nlp, body)
    assert _quote(quotes, "It will open in June").speaker_text == "Ivan Marko"
    assert all(q.speaker_text != "Ivan Marko" for q in quotes if "The port is shut" in q.text)


# --- a description of an office that a rank holds ('the top officer' for an admiral) -----------------


def test_wire_top_officer_is_the_admiral_named_next(nlp: Any) -> None:
    body = (
        "The navy's top officer said on Monday that six new submarines would be ready by 2030.\n\n"
        "Admiral Ravi Kumar told a defence conference that the first boat would be launched next year."
    )
    assert _quote(_quotes(nlp, body), "six new submarines").speaker_text == "Ravi Kumar"


def test_wire_top_officer_is_not_a_minister_named_next(nlp: Any) -> None:
    body = (
        "The navy's top officer said on Monday that six new submarines would be ready by 2030.\n\n"
        "Defence Minister Ravi Kumar told parliament that the first boat would be launched next year."
    )
    assert _quote(_quotes(nlp, body), "six new submarines").speaker_text != "Ravi Kumar"


def test_wire_possessive_is_no_title(nlp: Any) -> None:
    quote = _quote(_quotes(nlp, "Tanaka's ministry said the budget would rise."), "the budget would rise")
    assert quote.affiliation not in ("'s", "’s")


# --- a source that asks to stay unnamed -------------------------------------------------------------

ASKS_ANONYMITY = [
    "The general, who asked that his name not be used, said the brigade had lost half its tanks.",
    "General Ali Haidar visited the front on Monday. The general, who spoke on condition of anonymity, "
    "said the brigade had lost half its tanks.",
]


@pytest.mark.parametrize("body", ASKS_ANONYMITY)
def test_wire_source_asking_to_stay_unnamed_is_anonymous(nlp: Any, body: str) -> None:
    quotes = _quotes(nlp, body)
    quote = _quote(quotes, "lost half its tanks")
    assert quote.speaker_kind is SpeakerKind.ANONYMOUS and quote.speaker_id is None
    assert not [q for q in quotes if "name not be used" in q.text]


def test_wire_description_without_such_a_clause_is_the_holder(nlp: Any) -> None:
    body = "General Ali Haidar visited the front. The general said the brigade had lost half its tanks."
    assert _quote(_quotes(nlp, body), "lost half its tanks").speaker_text == "Ali Haidar"


def test_wire_asking_for_something_else_is_still_reported(nlp: Any) -> None:
    quotes = _quotes(nlp, "Defence Minister Aiko Tanaka asked that the report be published in full.")
    assert any("the report be published" in q.text for q in quotes)


# --- a document owned by a body's short form speaks for the body ------------------------------------


def test_wire_short_forms_statement_is_the_bodys(nlp: Any) -> None:
    body = (
        "Egypt's defence ministry announced the drills on Sunday. The ministry's statement said the drill "
        'involved 20 warships. "The exercise shows our readiness," it said.'
    )
    quotes = _quotes(nlp, body)
    for fragment in ("the drill involved 20 warships", "The exercise shows our readiness"):
        quote = _quote(quotes, fragment)
        assert quote.speaker_kind is SpeakerKind.ORGANISATION
        assert "ministry" in (quote.speaker_text or "")


def test_wire_short_forms_statement_with_no_body_before_stays_a_document(nlp: Any) -> None:
    quote = _quote(
        _quotes(nlp, "The ministry's statement said the drill involved 20 warships."), "20 warships"
    )
    assert quote.speaker_kind is SpeakerKind.DOCUMENT and quote.speaker_id is None
