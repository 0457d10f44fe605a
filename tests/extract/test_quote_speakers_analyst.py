"""Speaker patterns an analyst meets in defence news: a speaker named only after the quote, military titles
kept apart from the name, 'X, who heads Y,', an unnamed spokesperson of a body named sentences before,
gendered descriptions ('the businessman'), an unnamed 'the official', 'the official added' and 'according to
X' beside other people. Sentences of our own; each pattern has a case it must get right and a negative case.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_attributions, extract_quotes
from newsift.model import Article, Position, Quote, SpeakerKind
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(quotes: list[Quote], fragment: str) -> Quote | None:
    found = [q for q in quotes if fragment in q.text]
    return found[0] if found else None


# --- a pronoun with no one before it: the person named next, across a paragraph ------------------------

NAMED_AFTER = [
    (
        '"We will not accept another delay in the delivery of these jets," he said.\n\n'
        "Defence Minister Tomas Brandt was speaking at an air show on Monday.",
        "another delay",
        "Tomas Brandt",
    ),
    (
        '"The deal is done and the money is in the bank," she said.\n\n'
        "The company's chief executive, Ann Lee, announced the sale on Tuesday in Paris.",
        "The deal is done",
        "Ann Lee",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), NAMED_AFTER)
def test_pronoun_before_any_name_is_the_person_named_next(
    nlp: Any, body: str, fragment: str, speaker: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote is not None and quote.speaker_text == speaker


NOT_NAMED_AFTER = [
    (  # 'he', but the person named next is a woman
        '"We will not accept another delay in the delivery of these jets," he said.\n\n'
        "Defence Minister Ana Brandt was speaking at an air show on Monday.",
        "another delay",
    ),
    (  # the person named next is no subject: he is only thanked
        '"We will not accept another delay in the delivery of these jets," he said.\n\n'
        "The ministry thanked Tomas Brandt for his work on the programme.",
        "another delay",
    ),
]


@pytest.mark.parametrize(("body", "fragment"), NOT_NAMED_AFTER)
def test_pronoun_before_any_name_is_not_a_mismatched_or_passive_person(
    nlp: Any, body: str, fragment: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote is None or (quote.speaker_text != "Tomas Brandt" and quote.speaker_text != "Ana Brandt")


def test_pronoun_with_a_person_before_keeps_that_person(nlp: Any) -> None:
    body = (
        "Admiral Jonas Berg inspected the new submarine on Friday.\n\n"
        '"She is ready for sea trials," he said.\n\n'
        "Peter Holm, the shipyard's owner, was also present."
    )
    quote = _quote(_quotes(nlp, body), "ready for sea trials")
    assert quote is not None and quote.speaker_text == "Jonas Berg"


# --- military titles before a name the tagger missed --------------------------------------------------

TITLED = [
    (
        '"We need more tankers before we can fly long missions," Air Chief Marshal Rahul Verma said.',
        "more tankers",
        "Rahul Verma",
        "Air Chief Marshal",
    ),
    (
        "Rear Admiral Jonas Berg said the submarine had completed its sea trials.",
        "completed its sea trials",
        "Jonas Berg",
        "Rear Admiral",
    ),
    (
        "Lieutenant General Maria Santos told reporters the brigade would move north in spring.",
        "move north",
        "Maria Santos",
        "Lieutenant General",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker", "title"), TITLED)
def test_military_title_is_kept_apart_from_the_name(
    nlp: Any, body: str, fragment: str, speaker: str, title: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote is not None
    assert quote.speaker_text == speaker
    assert quote.affiliation == title


def test_air_force_unit_is_no_title(nlp: Any) -> None:
    body = 'The Air Mobile Brigade said in a statement that its helicopters were "ready to deploy".'
    quote = _quote(_quotes(nlp, body), "ready to deploy")
    assert quote is not None and quote.speaker_kind is not SpeakerKind.PERSON


# --- 'X, who heads Y, said' ----------------------------------------------------------------------------

OFFICE_CLAUSE = [
    (
        'Maria Lopez, who heads the agency\'s procurement office, said the order was "on track".',
        "Maria Lopez",
        "heads the agency's procurement office",
    ),
    (
        "Peter Holm, who leads the shipbuilders' union, said the yard would close in June.",
        "Peter Holm",
        "leads",
    ),
    (
        'Vice Admiral Hasan Tuncay, who commands the northern fleet, said the drills would "last a week".',
        "Hasan Tuncay",
        "commands the northern fleet",
    ),
]


@pytest.mark.parametrize(("body", "speaker", "office"), OFFICE_CLAUSE)
def test_who_heads_clause_states_the_office(nlp: Any, body: str, speaker: str, office: str) -> None:
    quotes = _quotes(nlp, body)
    assert quotes and quotes[0].speaker_text == speaker
    assert office in (quotes[0].affiliation or "")


def test_who_clause_without_an_office_states_none(nlp: Any) -> None:
    body = 'Maria Lopez, who met the minister on Monday, said the order was "on track".'
    quotes = _quotes(nlp, body)
    assert quotes and quotes[0].speaker_text == "Maria Lopez"
    assert "met" not in (quotes[0].affiliation or "")


def test_office_clause_naming_a_city_does_not_make_the_city_a_person(nlp: Any) -> None:
    body = (
        "Luis Ortega, who heads a research centre in Lisbon, said exports would fall. "
        "Portugal demanded that the buyers pay in advance."
    )
    quote = _quote(_quotes(nlp, body), "pay in advance")
    assert quote is None or quote.speaker_text != "Luis Ortega"


# --- an unnamed spokesperson of a body named sentences before ------------------------------------------

SPOKES_OF_BODY = [
    (
        "The Foreign Ministry summoned the ambassador on Monday. The envoy was handed a note of protest. "
        'A spokesperson said the flight was "a clear violation of our airspace".',
        "a clear violation",
        "Foreign Ministry",
    ),
    (
        "The defence ministry said on Tuesday it had received the first batch of howitzers.\n\n"
        "The guns were flown in on a cargo plane overnight.\n\n"
        '"The second batch is due in March," a spokesman said.',
        "The second batch",
        "defence ministry",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "body_name"), SPOKES_OF_BODY)
def test_bare_spokesperson_speaks_for_the_body_before(
    nlp: Any, body: str, fragment: str, body_name: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote is not None
    assert body_name in (quote.speaker_text or "")
    assert quote.speaker_kind is SpeakerKind.ORGANISATION


def test_bare_spokesperson_with_no_body_before_stays_unnamed(nlp: Any) -> None:
    body = 'Officials met in Geneva on Monday. A spokesman said the talks were "useful and frank".'
    quote = _quote(_quotes(nlp, body), "useful and frank")
    assert quote is not None
    assert quote.speaker_id is None and quote.speaker_kind is SpeakerKind.ANONYMOUS


def test_named_spokesperson_of_the_body_speaks_as_himself(nlp: Any) -> None:
    body = (
        "The Foreign Ministry summoned the ambassador on Monday. The envoy was handed a note of protest. "
        'Ministry spokesperson Carlos Ruiz said the flight was "a clear violation of our airspace".'
    )
    quote = _quote(_quotes(nlp, body), "a clear violation")
    assert quote is not None and quote.speaker_text == "Carlos Ruiz"


# --- a gendered description ----------------------------------------------------------------------------

RIVALS = (
    "Donald Hart, the property tycoon, attacked his rival on Monday. Hart's rival, Susan Bell, answered at "
    'a rally. "He is not fit to lead," Ms Bell said. '
)


def test_businessman_is_not_the_woman_who_spoke_last(nlp: Any) -> None:
    body = RIVALS + '"We need change," the businessman told supporters later.'
    quote = _quote(_quotes(nlp, body), "We need change")
    assert quote is not None and quote.speaker_text == "Donald Hart"


def test_businesswoman_is_the_woman_who_spoke_last(nlp: Any) -> None:
    body = RIVALS + '"We need change," the businesswoman told supporters later.'
    quote = _quote(_quotes(nlp, body), "We need change")
    assert quote is not None and quote.speaker_text == "Susan Bell"


def test_gendered_description_with_no_one_agreeing_names_no_one(nlp: Any) -> None:
    body = (
        "Carl Olsen, the union leader, attacked the plan on Monday. "
        '"It will cost jobs," Mr Olsen said. "It is a fair plan," the first lady told reporters.'
    )
    quote = _quote(_quotes(nlp, body), "It is a fair plan")
    assert quote is None or quote.speaker_text != "Carl Olsen"


# --- 'the official' with no one before it; 'the official added' ----------------------------------------


def test_unnamed_definite_official_is_anonymous(nlp: Any) -> None:
    body = (
        '"The missiles will be delivered by the end of the year," the official said, speaking on condition '
        "of anonymity.\n\nA second official confirmed the timeline."
    )
    quote = _quote(_quotes(nlp, body), "The missiles will be delivered")
    assert quote is not None
    assert quote.speaker_id is None and quote.speaker_kind is SpeakerKind.ANONYMOUS


def test_unnamed_definite_minister_is_no_anonymous_source(nlp: Any) -> None:
    body = '"The missiles will be delivered by the end of the year," the minister said on Monday.'
    quote = _quote(_quotes(nlp, body), "The missiles will be delivered")
    assert quote is not None and quote.speaker_kind is not SpeakerKind.ANONYMOUS


def test_the_official_added_after_an_unnamed_official_is_anonymous(nlp: Any) -> None:
    body = (
        "A ministry official, who asked not to be named, said more guns would follow. "
        '"The second batch is due in March," the official added.'
    )
    quote = _quote(_quotes(nlp, body), "The second batch")
    assert quote is not None
    assert quote.speaker_id is None and quote.speaker_kind is SpeakerKind.ANONYMOUS


def test_the_official_added_after_a_named_official_is_that_person(nlp: Any) -> None:
    body = (
        "Defence official Karl Berg said the talks had stalled. "
        '"There is no progress on the price," the official added.'
    )
    quote = _quote(_quotes(nlp, body), "no progress on the price")
    assert quote is not None and quote.speaker_text == "Karl Berg"


# --- 'according to X' in a sentence naming other people ------------------------------------------------


def test_according_to_names_the_speaker_not_the_people_in_the_content(nlp: Any) -> None:
    body = "Minister Ann Lee met General Tom Reed on Monday to discuss the order, according to Nick Arlo."
    quote = _quote(_quotes(nlp, body), "met General Tom Reed")
    assert quote is not None and quote.speaker_text == "Nick Arlo"


def test_according_to_a_surname_is_that_person_of_the_two(nlp: Any) -> None:
    body = "The contract was signed by Ann Lee and Tom Reed on Friday, according to Reed."
    quote = _quote(_quotes(nlp, body), "The contract was signed")
    assert quote is not None and quote.speaker_text == "Tom Reed"


def test_according_to_a_body_is_not_a_person_in_the_sentence(nlp: Any) -> None:
    body = "Ann Lee told Tom Reed that the jets would arrive in May, according to the ministry."
    quote = _quote(_quotes(nlp, body), "the jets would arrive in May")
    assert quote is not None
    assert quote.speaker_kind is not SpeakerKind.PERSON


# --- speakers in a list ---------------------------------------------------------------------------------


def test_each_speaker_in_a_list_of_reactions_keeps_their_quote(nlp: Any) -> None:
    body = (
        'Analysts were divided. "This is a game changer," said Sarah Kim, a researcher at a think tank. '
        'Others were more cautious. "It will take years to integrate," said John Park, a former officer.'
    )
    quotes = _quotes(nlp, body)
    first, second = _quote(quotes, "game changer"), _quote(quotes, "take years")
    assert first is not None and first.speaker_text == "Sarah Kim"
    assert second is not None and second.speaker_text == "John Park"


def test_list_of_lawmakers_each_speaks_for_their_own_sentence(nlp: Any) -> None:
    body = (
        'Three lawmakers spoke out. Senator Ann Wells said the deal "rewards bad behaviour". '
        'Representative Mark Dunn said it was "a grave mistake". Senator Lisa Grant said she would block it.'
    )
    quotes = _quotes(nlp, body)
    assert (_quote(quotes, "rewards bad") or quotes[0]).speaker_text == "Ann Wells"
    assert (_quote(quotes, "grave mistake") or quotes[0]).speaker_text == "Mark Dunn"
    assert (_quote(quotes, "block it") or quotes[0]).speaker_text == "Lisa Grant"


# --- a list of reactions: 'Name, description: "quote"', in any paragraph --------------------------------

REACTIONS = (
    "Three experts gave their views on the deal.\n\n"
    'Tom Reed, a fellow at a security institute: "The price is high, but the jets are the best on offer."\n\n'
    'Ann Lee, professor of strategic studies: "This ties the two air forces together for thirty years."'
)


def test_each_labelled_reaction_in_a_list_is_its_speakers_quote(nlp: Any) -> None:
    quotes = _quotes(nlp, REACTIONS)
    first, second = _quote(quotes, "The price is high"), _quote(quotes, "ties the two air forces")
    assert first is not None and first.speaker_text == "Tom Reed"
    assert first.affiliation == "fellow at a security institute"
    assert second is not None and second.speaker_text == "Ann Lee"


def test_described_name_before_a_colon_without_a_quotation_is_no_quote(nlp: Any) -> None:
    body = (
        "Three experts gave their views on the deal.\n\n"
        "Tom Reed, a fellow at a security institute: the price is high, but the jets are the best on offer."
    )
    assert _quote(_quotes(nlp, body), "the price is high") is None


def test_transcript_label_in_a_later_paragraph_is_the_source(nlp: Any) -> None:
    body = (
        "The interview lasted an hour and covered the budget.\n\n"
        "HARPER: Will the navy get the new frigates it asked for this year?\n\n"
        "MORENO: We will order two frigates this year and two more next year."
    )
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    sources = {body[a.source[0] : a.source[1]] for a in extract_attributions(annotated) if a.source}
    assert {"HARPER", "MORENO"} <= sources


# --- a quotation on its own, its speaker named in the next sentence -------------------------------------

MESSAGE_FROM = [
    '"We will not be intimidated." That was the message from General Omar Aziz, the army chief, on Sunday.',
    "The army chief spoke at the parade.\n\n"
    '"We will not be intimidated by threats from anyone." That was the warning from Omar Aziz on Sunday.',
]


@pytest.mark.parametrize("body", MESSAGE_FROM)
def test_that_was_the_message_from_names_the_speaker(nlp: Any, body: str) -> None:
    quote = _quote(_quotes(nlp, body), "We will not be intimidated")
    assert quote is not None and quote.speaker_text == "Omar Aziz"


def test_message_from_a_body_or_after_a_cue_is_no_person_quote(nlp: Any) -> None:
    assert (
        _quote(_quotes(nlp, '"We will not be intimidated." That was the message from the army.'), "We")
        is None
    )
    body = '"We will not be intimidated," the banner read. That was the message from Omar Aziz, aides said.'
    quote = _quote(_quotes(nlp, body), "We will not be intimidated")
    assert quote is None or quote.speaker_text != "Omar Aziz"
