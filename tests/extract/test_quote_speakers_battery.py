"""A battery of speaker patterns on sentences of our own: pronoun chains, names and titles,
spokespeople, anonymous sources, outlets, documents and things that are not quotes.

Every pattern has a case it must get right and a negative case it must not be fooled by.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Position, Quote
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model

PRONOUNS = {"it", "he", "she", "they", "which", "who", "that", "its", "we", "i"}


def _quotes(nlp: Any, body: str, title: str = "") -> list[Quote]:
    article = Article(id="b", page_id="p", position=Position.MAIN, index=0, title=title, body=body)
    return list(extract_quotes(next(annotate_articles([article], nlp=nlp))))


def _quote(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, [(q.speaker_text, q.text) for q in quotes]
    return found[0]


def _no_pronoun_speaker(quotes: list[Quote]) -> None:
    assert not [q for q in quotes if (q.speaker_text or "").lower() in PRONOUNS], quotes


# --- pronoun chains: a pronoun takes the named antecedent that agrees ---------------------------------

PRONOUN_CHAINS = [
    (
        "Maria Santos opened the new clinic on Monday. She said the building would serve ten villages.",
        "the building would serve",
        "Maria Santos",
    ),
    (
        "Omar Haddad leads the harbour authority. He told reporters that the port would reopen in June.",
        "the port would reopen",
        "Omar Haddad",
    ),
    (
        "Anna Berg met Peter Lund in Oslo. She said the talks had gone well.",
        "the talks had gone well",
        "Anna Berg",
    ),
    (
        "Peter Lund met Anna Berg in Oslo. He said the talks had gone well.",
        "the talks had gone well",
        "Peter Lund",
    ),
    (
        'Chris Adeyemi chairs the panel. "We will publish the findings in March," he said.',
        "We will publish the findings",
        "Chris Adeyemi",
    ),
    (
        "The shipbuilder Nordyard won the contract last year. It said the first hull would be ready in 2027.",
        "the first hull would be ready",
        "Nordyard",
    ),
    (
        "The Ministry of Health published new rules on Tuesday. It said clinics must report cases daily.",
        "clinics must report cases",
        "Ministry of Health",
    ),
    (
        "Julia Moreno thanked the volunteers. Later she added that more funding was needed.",
        "more funding was needed",
        "Julia Moreno",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), PRONOUN_CHAINS)
def test_battery_pronoun_takes_the_named_antecedent(nlp: Any, body: str, fragment: str, speaker: str) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert speaker in (quote.speaker_text or "")


PRONOUN_ORPHANS = [
    "It said the bridge would stay closed until the spring.",
    "He said the schools would reopen next week.",
    "They said the prices would rise again in the autumn.",
    "The storm flooded the valley. It said the roads would stay closed for a week.",
    "The river rose overnight, which said nothing good about the dam.",
    "She told reporters that the vote would be held in May.",
    "We said the plan would cost too much.",
    "The bridge is old. It said that repairs would take a year.",
]


@pytest.mark.parametrize("body", PRONOUN_ORPHANS)
def test_battery_pronoun_without_antecedent_is_no_speaker(nlp: Any, body: str) -> None:
    _no_pronoun_speaker(_quotes(nlp, body))


def test_battery_relative_pronoun_stands_for_its_noun(nlp: Any) -> None:
    body = "The plan was backed by the Harbour Board, which said that the dock would open in June."
    quotes = _quotes(nlp, body)
    _no_pronoun_speaker(quotes)
    assert all("Harbour Board" in (q.speaker_text or "") for q in quotes if "dock would open" in q.text)


def test_battery_it_never_takes_a_person(nlp: Any) -> None:
    quotes = _quotes(nlp, "Ruth Okafor visited the plant. It said output would double by 2026.")
    assert all("Okafor" not in (q.speaker_text or "") for q in quotes)


# --- names and titles: the fullest name, the title apart from it ---------------------------------------

TITLES = [
    ("Chief executive Lena Vogt said the bank would cut 300 jobs.", "Lena Vogt", "executive"),
    ("Defence Minister Rajan Pillai said the navy would buy four ships.", "Rajan Pillai", "Minister"),
    ("Tomas Ruiz, the mayor of Valencia, said the tram line would open in April.", "Tomas Ruiz", "mayor"),
    ("The city's mayor, Tomas Ruiz, said the tram line would open in April.", "Tomas Ruiz", "mayor"),
    (
        "Professor Helen Clarke, who served as an adviser to the government, said the model was sound.",
        "Helen Clarke",
        "adviser",
    ),
    ("Army chief General Idris Bello said the troops would withdraw by Friday.", "Idris Bello", "chief"),
]


@pytest.mark.parametrize(("body", "name", "title"), TITLES)
def test_battery_full_name_and_title_apart(nlp: Any, body: str, name: str, title: str) -> None:
    quote = _quotes(nlp, body)[0]
    assert quote.speaker_text == name
    assert title.lower() in (quote.affiliation or "").lower()
    assert title.lower() not in quote.speaker_text.lower()


def test_battery_surname_later_takes_the_full_name(nlp: Any) -> None:
    body = "Finance Minister Kofi Mensah presented the budget. Mensah said taxes would not rise this year."
    quote = _quote(_quotes(nlp, body), "taxes would not rise")
    assert quote.speaker_text == "Kofi Mensah"


def test_battery_a_place_before_the_name_is_not_part_of_it(nlp: Any) -> None:
    quote = _quotes(nlp, "Envoy to Kenya Sam Whitfield said the embassy would stay open.")[0]
    assert quote.speaker_text == "Sam Whitfield"


def test_battery_role_takes_the_person_whose_title_agrees(nlp: Any) -> None:
    body = (
        "Swedish Energy Minister Eva Lind met her Danish counterpart, Jens Holm, in Malmo. "
        "The cable will be finished in 2026, said the Danish minister."
    )
    quote = _quote(_quotes(nlp, body), "The cable will be finished")
    assert quote.speaker_text == "Jens Holm"


def test_battery_description_takes_a_recent_speaker(nlp: Any) -> None:
    body = (
        "Energy Secretary Tom Ruiz said the talks would go on. The top diplomat said the pipeline was safe."
    )
    quote = _quote(_quotes(nlp, body), "the pipeline was safe")
    assert quote.speaker_text == "Tom Ruiz"


def test_battery_description_does_not_reach_a_speaker_long_gone(nlp: Any) -> None:
    body = (
        "Energy Secretary Tom Ruiz said the talks would go on. The pipeline runs for 900 kilometres. "
        "It crosses three rivers. It was built in 1990. Repairs began in May. Costs have doubled since. "
        "The top diplomat said the pipeline was safe."
    )
    quote = _quote(_quotes(nlp, body), "the pipeline was safe")
    assert quote.speaker_text != "Tom Ruiz"


def test_battery_role_with_a_clashing_nationality_is_not_resolved(nlp: Any) -> None:
    body = "Swedish Energy Minister Eva Lind opened the plant. The plant is ready, said the Danish minister."
    quotes = _quotes(nlp, body)
    assert all(q.speaker_text != "Eva Lind" for q in quotes if "plant is ready" in q.text)


# --- spokespeople speak for their organisation -----------------------------------------------------

SPOKESPEOPLE = [
    ("A spokesman for the World Health Organization said the vaccine was safe.", "World Health Organization"),
    ("Amnesty International spokeswoman Clara Diaz said the report was accurate.", "Amnesty International"),
    (
        "Clara Diaz, a spokeswoman for Amnesty International, said the report was accurate.",
        "Amnesty International",
    ),
    (
        "The spokesperson of the European Commission, Marta Kovac, said the fund would grow.",
        "European Commission",
    ),
]


@pytest.mark.parametrize(("body", "organisation"), SPOKESPEOPLE)
def test_battery_spokesperson_speaks_for_the_organisation(nlp: Any, body: str, organisation: str) -> None:
    quote = _quotes(nlp, body)[0]
    assert organisation in ((quote.speaks_for or "") + (quote.speaker_text or ""))


def test_battery_named_spokesperson_is_recorded_both_ways(nlp: Any) -> None:
    quote = _quotes(nlp, "Amnesty International spokeswoman Clara Diaz said the report was accurate.")[0]
    assert quote.speaker_text == "Clara Diaz"
    assert quote.speaks_for is not None and "Amnesty" in quote.speaks_for


def test_battery_spokesperson_role_matches_a_spokeswoman(nlp: Any) -> None:
    body = 'Navy spokeswoman Ida Berg spoke first. The yard is busy. "No delays," the spokesperson said.'
    assert _quote(_quotes(nlp, body), "No delays").speaker_text == "Ida Berg"


NOT_SPOKESPEOPLE = [
    "Clara Diaz, a lawyer for Amnesty International, said the report was accurate.",
    "Economist Clara Diaz of the World Bank said growth would slow.",
]


@pytest.mark.parametrize("body", NOT_SPOKESPEOPLE)
def test_battery_affiliation_is_not_speaking_for(nlp: Any, body: str) -> None:
    quote = _quotes(nlp, body)[0]
    assert quote.speaker_text == "Clara Diaz"
    assert quote.speaks_for is None


# --- anonymous sources keep speaker null -----------------------------------------------------------

ANONYMOUS = [
    "An official said the border would reopen on Monday.",
    "Two diplomats said the talks had stalled over the weekend.",
    "Sources said the company was preparing a new offer.",
    "A senior government source said the vote would be delayed.",
    "An anonymous official told reporters that the deal was close.",
    "Officials said the ferry would resume service in May.",
    "People familiar with the matter said the merger would be announced soon.",
]


@pytest.mark.parametrize("body", ANONYMOUS)
def test_battery_anonymous_source_keeps_speaker_null(nlp: Any, body: str) -> None:
    quote = _quotes(nlp, body)[0]
    assert quote.speaker_id is None
    assert str(quote.speaker_kind) == "anonymous"
    assert quote.speaker_text and quote.speaker_text in body


NAMED_OFFICIALS = [
    "Official Dana Whitlow said the border would reopen on Monday.",
    "The diplomat Paolo Conti said the talks had stalled over the weekend.",
    "Senior official Rosa Lind said the vote would be delayed.",
]


@pytest.mark.parametrize("body", NAMED_OFFICIALS)
def test_battery_named_official_is_a_person(nlp: Any, body: str) -> None:
    quote = _quotes(nlp, body)[0]
    assert str(quote.speaker_kind) == "person"


# --- outlets are channels, not speakers --------------------------------------------------------------

MEDIA = [
    ("Reuters reported that the refinery had shut down.", "the refinery had shut down"),
    ("The mine will close next year, according to the Associated Press.", "The mine will close"),
    ("The newspaper said the minister had resigned.", "the minister had resigned"),
    ("State television said the election would be held in June.", "the election would be held"),
    ("The BBC reported that the strike had ended.", "the strike had ended"),
]


@pytest.mark.parametrize(("body", "fragment"), MEDIA)
def test_battery_outlet_is_a_channel(nlp: Any, body: str, fragment: str) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert quote.speaker_id is None
    assert str(quote.speaker_kind) == "media"


def test_battery_speaker_quoted_by_an_outlet_is_the_speaker(nlp: Any) -> None:
    body = (
        "The port has reopened to ships, Transport Minister Ana Ruiz said on Tuesday, according to Reuters."
    )
    quote = _quote(_quotes(nlp, body), "The port has reopened")
    assert quote.speaker_text == "Ana Ruiz"


NOT_MEDIA = [
    ("The space agency said the launch would be delayed.", "the launch would be delayed"),
    ("The European Space Agency said the probe had reached orbit.", "the probe had reached orbit"),
    ("Maria Lopez told Reuters that the refinery had shut down.", "the refinery had shut down"),
]


@pytest.mark.parametrize(("body", "fragment"), NOT_MEDIA)
def test_battery_an_agency_or_an_addressee_is_not_media(nlp: Any, body: str, fragment: str) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert str(quote.speaker_kind) != "media"


# --- organisations named by a short form ----------------------------------------------------------

SHORT_FORMS = [
    (
        "Greenpeace published satellite images on Monday. The group said the forest had shrunk by a third.",
        "the forest had shrunk",
        "Greenpeace",
    ),
    (
        "The Ministry of Defence signed the order. The ministry said the first tanks would arrive in May.",
        "the first tanks would arrive",
        "Ministry of Defence",
    ),
    (
        "Siemens won the rail contract. The German company said trains would run by 2028.",
        "trains would run by 2028",
        "Siemens",
    ),
    (
        "Norway signed the treaty in Geneva. The country said it would ratify it within a year.",
        "would ratify it",
        "Norway",
    ),
    (
        "Halvorsen Bank cut its rates on Monday. The bank said mortgages would get cheaper.",
        "mortgages would get cheaper",
        "Halvorsen Bank",
    ),
]


@pytest.mark.parametrize(("body", "fragment", "speaker"), SHORT_FORMS)
def test_battery_short_form_takes_the_named_organisation(
    nlp: Any, body: str, fragment: str, speaker: str
) -> None:
    quote = _quote(_quotes(nlp, body), fragment)
    assert speaker in (quote.speaker_text or "")


SHORT_FORMS_ALONE = [
    ("The ministry said the first tanks would arrive in May.", "The ministry"),
    ("Siemens built the line. The coalition said the trains would run late.", "The coalition"),
]


@pytest.mark.parametrize(("body", "written"), SHORT_FORMS_ALONE)
def test_battery_short_form_without_a_fitting_name_stays_as_written(
    nlp: Any, body: str, written: str
) -> None:
    quotes = _quotes(nlp, body)
    assert quotes and quotes[-1].speaker_text == written
    assert quotes[-1].speaker_id is None


# --- documents ------------------------------------------------------------------------------------------


def test_battery_report_by_a_named_body_is_the_body(nlp: Any) -> None:
    quote = _quotes(nlp, "A report by the World Bank said growth would slow to two percent.")[0]
    assert "World Bank" in (quote.speaker_text or "")


def test_battery_report_without_author_is_a_document(nlp: Any) -> None:
    quote = _quotes(nlp, "The report said growth would slow to two percent.")[0]
    assert quote.speaker_id is None and str(quote.speaker_kind) == "document"


def test_battery_a_modifier_is_not_the_author(nlp: Any) -> None:
    quote = _quotes(nlp, "A leaked French intelligence report said the factory had moved abroad.")[0]
    assert quote.speaker_id is None and str(quote.speaker_kind) == "document"


def test_battery_the_statement_speaks_for_who_issued_it(nlp: Any) -> None:
    body = (
        "The Finnish Defence Forces said in a statement that the exercise had begun.\n\n"
        '"All units have received their orders for the week," the statement reads.'
    )
    quote = _quote(_quotes(nlp, body), "All units have received")
    assert "Finnish Defence Forces" in (quote.speaker_text or "")


# --- relayed speech ------------------------------------------------------------------------------------


def test_battery_quoted_as_saying_credits_the_speaker(nlp: Any) -> None:
    body = '"The drills will test every unit in the field," the agency quoted General Tom Reid as saying.'
    quotes = _quotes(nlp, body)
    assert len(quotes) == 1 and quotes[0].speaker_text == "Tom Reid"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            '"The jets will arrive before winter," Tom Pike was quoted as saying by the state news agency.',
            "Tom Pike",
        ),
        ("Defence Minister Ana Soto was cited as saying that the deal was nearly done.", "Ana Soto"),
    ],
)
def test_battery_passive_relay_credits_the_speaker(nlp: Any, body: str, speaker: str) -> None:
    quotes = _quotes(nlp, body)
    assert quotes and all(q.speaker_text == speaker for q in quotes)


def test_battery_quoting_a_document_is_no_quote(nlp: Any) -> None:
    assert not _quotes(nlp, "The agency quoted the annual report of the central bank.")


def test_battery_quoted_without_as_saying_keeps_its_subject(nlp: Any) -> None:
    quotes = _quotes(nlp, 'Ann Cole quoted the report, saying: "The figures are wrong."')
    assert all(q.speaker_text == "Ann Cole" for q in quotes)


# --- what is not a quote --------------------------------------------------------------------------------

NOT_QUOTES = [
    ("Prime Minister Ivo Marin called his Croatian counterpart, Petra Horvat, on Sunday.", "Petra Horvat"),
    ("The company denied the report.", "the report"),
    ("The minister described the plan in detail.", "the plan"),
    ("The government pledged to build ten new schools.", "to build ten new schools"),
    ("The firm denied selling weapons to the rebels.", "selling weapons"),
    ('Japan pledged to acquire "long-range" missiles by 2027.', "long-range"),
    ("The union praised the agreement reached on Friday.", "the agreement"),
    ("The two leaders discussed the trade deal at length.", "the trade deal"),
]


@pytest.mark.parametrize(("body", "fragment"), NOT_QUOTES)
def test_battery_object_is_not_a_quote(nlp: Any, body: str, fragment: str) -> None:
    assert not [q for q in _quotes(nlp, body) if fragment in q.text]


REAL_INDIRECT = [
    ("The company denied that it had sold weapons to the rebels.", "it had sold weapons"),
    (
        "Prime Minister Ivo Marin said his Croatian counterpart would visit on Sunday.",
        "would visit on Sunday",
    ),
    ("The government said it would build ten new schools.", "it would build ten new schools"),
    ('The minister said the plan was "reckless and costly".', "reckless and costly"),
]


@pytest.mark.parametrize(("body", "fragment"), REAL_INDIRECT)
def test_battery_clause_is_a_quote(nlp: Any, body: str, fragment: str) -> None:
    assert [q for q in _quotes(nlp, body) if fragment in q.text]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('The agency answered by calling the story "baseless" and "absurd."', "baseless"),
        (
            'Ann Lee called the plan "a reckless gamble with public money".',
            "a reckless gamble with public money",
        ),
        ('Ann Lee described the plan as "a waste of time".', "a waste of time"),
    ],
)
def test_battery_words_a_naming_verb_quotes_are_a_partial_quote(nlp: Any, body: str, words: str) -> None:
    texts = [q.text for q in _quotes(nlp, body)]
    assert words in texts and not [t for t in texts if "the plan" in t or "the report" in t]


@pytest.mark.parametrize(
    "body",
    ['Ann Lee described the visit to the "Eagle" base.', "Ann Lee called the minister on Friday."],
)
def test_battery_a_name_in_quote_marks_is_not_a_partial_quote(nlp: Any, body: str) -> None:
    assert not _quotes(nlp, body)


def test_battery_headline_is_not_a_quote(nlp: Any) -> None:
    quotes = _quotes(nlp, "Mayor Says Bridge Will Reopen In Spring\n\nThe bridge has been shut since March.")
    assert not [q for q in quotes if "Bridge Will Reopen" in q.text]


def test_battery_headline_title_is_not_a_quote(nlp: Any) -> None:
    quotes = _quotes(nlp, "The bridge has been shut since March.", title="Mayor says bridge will reopen")
    assert not quotes


def test_battery_sentence_title_is_a_quote(nlp: Any) -> None:
    title = "The bridge will reopen in the spring, Mayor Lisa Grant said on Monday."
    quotes = _quotes(nlp, "Repairs began in March.", title=title)
    assert [q for q in quotes if q.speaker_text == "Lisa Grant"]


def test_battery_dateline_is_not_inside_a_quote(nlp: Any) -> None:
    body = (
        'Mayor Lisa Grant spoke on Monday.\n\n"NAIROBI, March 3 (Wire) - The roads are open again," she said.'
    )
    quote = _quote(_quotes(nlp, body), "The roads are open again")
    assert "NAIROBI" not in quote.text and "March 3" not in quote.text


def test_battery_text_without_dateline_is_kept(nlp: Any) -> None:
    body = 'Mayor Lisa Grant spoke on Monday. "Nairobi is ready for the games," she said.'
    quote = _quote(_quotes(nlp, body), "is ready for the games")
    assert quote.text.startswith("Nairobi")


# --- continued quotes inherit the speaker -----------------------------------------------------------------


def test_battery_continued_quote_inherits_the_speaker(nlp: Any) -> None:
    body = (
        '"The ships will patrol the coast all year," Admiral Noor Aziz told reporters.\n\n'
        '"They will also help after storms and floods."'
    )
    quote = _quote(_quotes(nlp, body), "help after storms")
    assert quote.speaker_text == "Noor Aziz"


def test_battery_quote_after_a_new_paragraph_of_narration_is_not_continued(nlp: Any) -> None:
    body = (
        '"The ships will patrol the coast all year," Admiral Noor Aziz told reporters.\n\n'
        "The navy has twelve ships in the region and plans to buy more.\n\n"
        '"They will also help after storms and floods."'
    )
    assert not [q for q in _quotes(nlp, body) if "help after storms" in q.text]
