"""Title Case headlines are read in sentence case: the verb, object and 'to' phrase come back.

Headlines written for the project.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.model import Article, Position
from newsift.nlp import annotate_articles
from newsift.nlp.headline import sentence_cased, title_cased, without_datelines


@pytest.mark.parametrize(
    ("line", "cased"),
    [
        ("Peru To Buy Six Frigates From South Korea", "Peru to buy six frigates from South Korea"),
        ("Chilean Brigade Trains With Argentine Forces", "Chilean brigade trains with Argentine forces"),
        ("US Approves F-16 Sale To Turkey", "US approves F-16 sale to Turkey"),
    ],
)
def test_a_title_case_headline_keeps_only_the_capitals_of_names(line: str, cased: str) -> None:
    assert title_cased(line)
    assert sentence_cased(line) == cased
    assert len(sentence_cased(line)) == len(line)


@pytest.mark.parametrize(
    "line",
    [
        "Egypt and Greece hold air drills over the Mediterranean",
        "Peru buys frigates",
        "Chile says 'No' To Talks",  # mostly lower case: left as it is
    ],
)
def test_a_sentence_case_or_short_headline_is_not_title_case(line: str) -> None:
    assert not title_cased(line)


@pytest.mark.model
def test_the_parse_reads_the_headline_verb_but_the_stored_text_keeps_its_capitals(nlp: Any) -> None:
    title = "Lima Denies Seizure Of Peruvian Rifle Shipment To Bolivian Rebels"
    article = Article(id="h", page_id="p", position=Position.MAIN, index=0, title=title, body="Talks go on.")
    annotated = next(annotate_articles([article], nlp=nlp))
    verbs = [t for t in annotated.tokens if t.sentence == 0 and t.pos == "VERB"]
    assert [article.text[t.start : t.end] for t in verbs] == ["Denies"]
    assert {m.text for m in annotated.mentions if m.sentence == 0} >= {"Lima", "Peruvian", "Bolivian"}


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("LISBON, March 3, 2021 (Wire) - Portugal signed.", "LISBON, March 3, 2021 (Wire) - "),
        ("Title\n\nOSLO — Norway said it would buy tanks.", "OSLO — "),
        ("Title\n\nQUITO, May 2 (Wire) -- Ecuador said.", "QUITO, May 2 (Wire) -- "),
    ],
)
def test_a_paragraphs_opening_dateline_is_blanked_at_the_same_length(text: str, blank: str) -> None:
    out = without_datelines(text)
    assert len(out) == len(text)
    assert blank not in out and out.replace(" " * len(blank), blank) == text


@pytest.mark.parametrize(
    "text",
    ["HOST: Welcome back to the programme.", "Portugal - a NATO member - signed.", "Norway said it would."],
)
def test_speaker_labels_and_ordinary_openings_stay(text: str) -> None:
    assert without_datelines(text) == text


@pytest.mark.model
def test_a_dateline_is_no_party_of_the_sale_in_its_sentence(nlp: Any) -> None:
    body = (
        "JAKARTA, March 3, 2023 (Wire) - Indonesia has signed a contract for 18 more Rafale fighter "
        "jets, their French maker said on Friday, a year after the first order."
    )
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="Defence news", body=body)
    from newsift.extract.events.rules import extract_events

    events = [e for e in extract_events(next(annotate_articles([article], nlp=nlp))) if e.subtype]
    assert [({a.code for a in e.source}, {a.code for a in e.target}) for e in events] == [({"FRA"}, {"IDN"})]
