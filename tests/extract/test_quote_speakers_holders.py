"""Speakers written by office first and named after, names the tagger missed, shared surnames, and quotes
whose closing mark was lost or that go on in the next paragraph. Sentences of our own; each pattern has
a case it must get right and a negative case it must not be fooled by.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.extract.quotes.marks import find_quoted_spans
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _quotes(nlp: Any, body: str) -> list[Quote]:
    article = Article(id="h", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _speaker(quotes: list[Quote], fragment: str) -> str | None:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0].speaker_text


# --- an office first, its holder named in the next sentence ------------------------------------------

HOLDER_AFTER = [
    (
        "The navy has too few submarines, officers warned on Thursday.\n\n"
        "The defence minister said later that the government would order new boats this year. "
        '"The decision will be made by December," Minister Carlos Vega told reporters.',
        "the government would order new boats",
        "Carlos Vega",
    ),
    (
        "The army needs more shells, its commanders say.\n\n"
        "The country's top general said the stocks were running low. "
        'General Mark Dahl said the factories "must work around the clock".',
        "the stocks were running low",
        "Mark Dahl",
    ),
    (
        "Athens buys frigates\n\n"
        "Greece has signed a deal to buy three frigates, the government spokesman said on Tuesday.\n"
        '"This is a historic day for the navy," spokesman Pavlos Marinos told reporters.',
        "Greece has signed a deal",
        "Pavlos Marinos",
    ),
    (
        "Navy chief warns of gap\n\n"
        "The fleet will shrink before new ships arrive, the chief of the navy warned on Thursday.\n"
        "Vice Admiral Sofia Ruiz told a committee that two ships were already out of service.",
        "The fleet will shrink",
        "Sofia Ruiz",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), HOLDER_AFTER)
def test_office_resolves_to_the_holder_named_next(nlp: Any, body: str, fragment: str, speaker: str) -> None:
    assert _speaker(_quotes(nlp, body), fragment) == speaker


HOLDER_NOT_AFTER = [
    (  # another portfolio: the foreign minister is not 'the defence minister'
        "The navy has too few submarines, officers warned on Thursday.\n\n"
        "The defence minister said later that the government would order new boats this year. "
        'Foreign Minister Ruth Adler said the plan was "too costly".',
        "the government would order new boats",
        "Ruth Adler",
    ),
    (  # another office: a general is not 'the minister'
        "The army needs more shells, its commanders say.\n\n"
        "The minister said the stocks were running low. "
        'General Mark Dahl said the factories "must work around the clock".',
        "the stocks were running low",
        "Mark Dahl",
    ),
    (  # a colonel named next holds no spokesperson's title
        "The army will receive new howitzers next year, the defence ministry spokesman said on Wednesday.\n"
        '"The guns will replace old systems," Colonel Erik Vos told reporters.',
        "The army will receive new howitzers",
        "Erik Vos",
    ),
    (  # a chief of the army is no president
        "Troops leave the border\n\n"
        "The troops will leave the border within a week, the army chief said on Friday.\n"
        "President Lena Ek told parliament that the decision was final.",
        "The troops will leave the border",
        "Lena Ek",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "wrong"), HOLDER_NOT_AFTER)
def test_office_is_not_someone_else_named_next(nlp: Any, body: str, fragment: str, wrong: str) -> None:
    assert _speaker(_quotes(nlp, body), fragment) != wrong


# --- a name in apposition that the tagger missed; a surname two people share -------------------------


def test_appositive_name_speaks_not_the_last_spokesperson(nlp: Any) -> None:
    body = (
        "Army spokesman Ola Lie said the unit would deploy in May.\n"
        "The embassy's spokesman, Bui Thanh Son, said the report was false."
    )
    quotes = _quotes(nlp, body)
    assert _speaker(quotes, "the report was false") == "Bui Thanh Son"
    assert _speaker(quotes, "the unit would deploy") == "Ola Lie"


def test_appositive_name_the_tagger_took_for_a_place_speaks(nlp: Any) -> None:
    body = (
        '"The report is wrong," said Joao Mendes, a spokesman for the defence ministry.\n'
        '"Our exports follow the law," said the ministry\'s spokesperson, Ana Costa.'
    )
    quotes = _quotes(nlp, body)
    assert _speaker(quotes, "Our exports follow the law") == "Ana Costa"
    assert _speaker(quotes, "The report is wrong") == "Joao Mendes"


def test_title_without_a_name_still_takes_the_earlier_spokesperson(nlp: Any) -> None:
    body = "Army spokesman Ola Lie said the unit would deploy in May. The spokesman said the unit was ready."
    assert _speaker(_quotes(nlp, body), "the unit was ready") == "Ola Lie"


def test_shared_surname_with_another_given_name_is_another_person(nlp: Any) -> None:
    body = (
        "The navy's chief, Admiral Karambir Singh, said the ships were ready.\n"
        "The air force chief, Air Marshal Sandeep Singh, said the jets were needed."
    )
    quotes = _quotes(nlp, body)
    assert "Karambir" not in (_speaker(quotes, "the jets were needed") or "")
    assert _speaker(quotes, "the ships were ready") == "Karambir Singh"


def test_surname_alone_is_the_person_named_before(nlp: Any) -> None:
    body = "The navy's chief, Admiral Karambir Singh, said the ships were ready. Singh said crews were ready."
    assert _speaker(_quotes(nlp, body), "crews were ready") == "Karambir Singh"


# --- a paragraph-long quote whose closing mark was lost ---------------------------------------------


def test_lost_closing_mark_ends_with_the_paragraph() -> None:
    text = (
        '"The drills will take place at three ranges in the north and at two ranges in the south.\n'
        "The troops come from both countries."
    )
    spans = find_quoted_spans(text)
    assert [(s.start, text[s.end - 1]) for s in spans] == [(0, ".")]


def test_open_mark_mid_paragraph_or_short_is_no_lost_quote() -> None:
    assert find_quoted_spans('He called it "a farce and then left the room early today.\nNext.') == []
    assert find_quoted_spans('"Too short to count.\nNext paragraph here.') == []
    stray = "\"We were always told the word 'outreach,' \" she said, adding that it was wrong.\nNext."
    assert find_quoted_spans(stray) == [s for s in find_quoted_spans(stray) if s.depth > 0]


def test_statement_goes_on_after_one_background_paragraph(nlp: Any) -> None:
    body = (
        "The joint drills began on Monday, the defence ministry said in a statement.\n"
        '"Commanders have received their orders for the training tasks," the statement reads.\n'
        "The drills involve about 12,000 troops from both countries.\n"
        '"Live firing will take place at four ranges in the north and at two ranges in the south.\n'
    )
    quotes = _quotes(nlp, body)
    found = [q for q in quotes if q.text.startswith("Live firing")]
    assert found and found[0].text.endswith("in the south.")
    assert "ministry" in (found[0].speaker_text or "")


def test_background_paragraph_naming_someone_stops_the_statement(nlp: Any) -> None:
    body = (
        "The joint drills began on Monday, the defence ministry said in a statement.\n"
        '"Commanders have received their orders for the training tasks," the statement reads.\n'
        "Opposition leader Mara Holt visited the border the same day.\n"
        '"Live firing will take place at four ranges in the north and at two ranges in the south."\n'
    )
    quotes = _quotes(nlp, body)
    assert not [
        q for q in quotes if q.text.startswith("Live firing") and "ministry" in (q.speaker_text or "")
    ]


# --- a quote going on in the next paragraph after the cue's own sentence ------------------------------


def test_quote_opening_next_paragraph_goes_on(nlp: Any) -> None:
    body = (
        '"We need long-range missiles, and we need them now," Defence Secretary Lloyd Harding said at a '
        "press conference.\n"
        '"Our rivals are not waiting for us, and every month we lose is a month they gain."\n'
    )
    assert _speaker(_quotes(nlp, body), "Our rivals are not waiting") == "Lloyd Harding"


def test_quote_after_another_sentence_in_the_paragraph_does_not_go_on(nlp: Any) -> None:
    body = (
        '"We need long-range missiles," Defence Secretary Lloyd Harding said. Hundreds of protesters '
        "gathered outside the ministry.\n"
        '"Nobody asked us about any of this, and nobody ever will."\n'
    )
    quotes = _quotes(nlp, body)
    assert not [q for q in quotes if "Nobody asked us" in q.text and q.speaker_text == "Lloyd Harding"]


# --- 'they' for a group named in the plural; media as a channel; the fuller name of a body -------------


def test_they_is_the_group_named_as_the_last_subject(nlp: Any) -> None:
    body = (
        "A UN panel said the rockets seized at sea were made abroad.\n"
        'The Houthis rejected the findings. They said the report was "written by their enemies".'
    )
    assert _speaker(_quotes(nlp, body), "the report was") == "Houthis"


def test_they_after_a_singular_subject_stays_unresolved(nlp: Any) -> None:
    body = 'The ministry rejected the findings. They said the report was "written by their enemies".'
    assert not [q for q in _quotes(nlp, body) if "the report was" in q.text and q.speaker_text]


def test_state_media_is_the_channel_of_the_minister(nlp: Any) -> None:
    body = 'According to Iranian state media, Foreign Minister Reza Tavana said the claims were "lies".'
    assert _speaker(_quotes(nlp, body), "the claims were") == "Reza Tavana"


def test_a_newspaper_named_after_its_noun_is_no_speaker(nlp: Any) -> None:
    body = (
        "According to the London newspaper Al Qalam, troops from four countries will take part in the "
        "drills next month."
    )
    assert not [q for q in _quotes(nlp, body) if q.speaker_id is not None]


def test_a_body_written_again_in_full_keeps_the_fuller_name(nlp: Any) -> None:
    body = (
        "A UN panel said rockets seized at sea were made abroad.\n"
        'The panel of experts said in its report that the parts were "consistent with foreign make".'
    )
    assert _speaker(_quotes(nlp, body), "the parts were") == "The panel of experts"


# --- joint speakers ------------------------------------------------------------------------------------


def test_joint_speakers_keep_every_name_in_the_text(nlp: Any) -> None:
    body = 'In a joint statement, Norway and Sweden said they would "deepen defence cooperation".'
    quote = next(q for q in _quotes(nlp, body) if "deepen defence cooperation" in q.text)
    assert quote.speaker_text == "Norway and Sweden"
    assert quote.speaker_id == "NOR"


def test_one_speaker_is_not_joined_with_a_name_in_the_content(nlp: Any) -> None:
    body = "Norway said Sweden and Finland would join the drills."
    assert _speaker(_quotes(nlp, body), "Sweden and Finland would join") == "Norway"


# --- a body's chief; an alliance or bloc written again by its kind ------------------------------------


def test_a_body_chief_is_its_secretary_named_before(nlp: Any) -> None:
    body = (
        'Defence Secretary Mark Olsen visited the troops. The Pentagon chief said the move was "temporary".'
    )
    assert _speaker(_quotes(nlp, body), "the move was") == "Mark Olsen"


def test_an_army_chief_is_not_the_president_named_before(nlp: Any) -> None:
    body = 'President Lena Ek visited the troops. The army chief said the move was "temporary".'
    assert _speaker(_quotes(nlp, body), "the move was") != "Lena Ek"


def test_the_alliance_is_the_alliance_named_before(nlp: Any) -> None:
    body = 'NATO said it would send more ships. The alliance said the patrols were "purely defensive".'
    assert _speaker(_quotes(nlp, body), "the patrols were") == "NATO"


def test_the_alliance_is_not_a_country_named_before(nlp: Any) -> None:
    body = 'Norway said it would send more ships. The alliance said the patrols were "purely defensive".'
    assert _speaker(_quotes(nlp, body), "the patrols were") != "Norway"


# --- a speaker the parse hung on the phrase before ---------------------------------------------------


def test_speaker_after_a_fronted_phrase_is_the_subject(nlp: Any) -> None:
    body = (
        "In remarks carried by the official news agency, the foreign minister, Faisal Haddad, said the "
        'deal was "final".'
    )
    assert _speaker(_quotes(nlp, body), "the deal was") == "Faisal Haddad"


def test_apposition_inside_a_fronted_phrase_does_not_speak_for_a_subjectless_cue(nlp: Any) -> None:
    body = 'Speaking to the agency\'s chief, Faisal Haddad, the minister said the deal was "final".'
    assert _speaker(_quotes(nlp, body), "the deal was") != "Faisal Haddad"


# --- the words quoted after 'accused X of' and 'dismissed X as' -----------------------------------------


def test_charge_quoted_after_accused_of_is_the_accusers(nlp: Any) -> None:
    body = 'Norway accused the company of "hiding the real cost" and warned of fines.'
    assert _speaker(_quotes(nlp, body), "hiding the real cost") == "Norway"


def test_verdict_quoted_after_dismissed_as_is_the_speakers(nlp: Any) -> None:
    body = 'Oslo dismissed the report as "pure invention", adding that no such deal existed.'
    assert _speaker(_quotes(nlp, body), "pure invention") in ("Oslo", "Norway")


def test_role_after_as_without_quotation_marks_is_no_quote(nlp: Any) -> None:
    body = "Ann Lee spoke as a veteran of the long war in the north."
    assert not [q for q in _quotes(nlp, body) if "a veteran of the long war" in q.text]


# --- a participle after a rejected report is the rejecter's ----------------------------------------------


def test_calling_after_rejected_reports_that_is_the_rejecters(nlp: Any) -> None:
    body = (
        "Foreign ministry spokesperson Ana Silva on Monday rejected reports that Lisbon had sold rifles to "
        'the rebels, calling them "baseless".'
    )
    assert _speaker(_quotes(nlp, body), "baseless") == "Ana Silva"


def test_participle_inside_reported_speech_keeps_its_own_clause(nlp: Any) -> None:
    body = 'Ana Silva said the rebels had seized the rifles, calling the raid "a success".'
    assert _speaker(_quotes(nlp, body), "a success") == "Ana Silva"


# --- 'with X saying': an attribution of its own inside another's content ------------------------------


def test_with_a_spokeswoman_telling_is_her_own_attribution(nlp: Any) -> None:
    body = (
        "The ministry denied that it had bought the rifles, with spokeswoman Anna Berg telling reporters "
        'the story was "pure fiction".'
    )
    quotes = _quotes(nlp, body)
    assert _speaker(quotes, "pure fiction") == "Anna Berg"
    assert not [q for q in quotes if "Anna Berg" in q.text]


def test_with_and_no_speaker_stays_in_the_content(nlp: Any) -> None:
    body = 'Ann Lee said the rifles were sold "with the full approval of the government".'
    assert _speaker(_quotes(nlp, body), "with the full approval") == "Ann Lee"
