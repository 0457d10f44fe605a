"""The spaCy pass: the memoised attribute ruler and Doc → record conversion keep the model's output."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.model import Article, Position
from newsift.nlp.pipeline import _to_record

# Cases for the ruler's word patterns: auxiliaries, negation, 'ai n't', 'gon na', 'y' all', 'nothin'',
# expletive 'there is', objects 'it'/'you', determiners as pronouns, and a paragraph break.
TEXTS = (
    "The minister said that Pakistan ain't buying the jets, and we're gonna wait.\n\n"
    "There is no deal. Y'all know nothin' about it, she told you. They didn't have it.",
    "Turkey has signed a $1.5bn deal for 24 drones; those were delivered in May. I'm sure.",
    "\n  Headline without a verb\nAnkara's defence ministry, which had denied it, is 'not' commenting.",
)


def _attributes(doc: Any) -> list[tuple[str, ...]]:
    return [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


def test_pipeline_memoised_attributes_match_the_model_ruler(nlp: Any) -> None:
    if "newsift_attributes" not in nlp.pipe_names:
        pytest.skip("this model's attribute_ruler uses patterns the memo does not support")
    memo = [_attributes(doc) for doc in nlp.pipe(TEXTS)]
    with nlp.select_pipes(disable=["newsift_attributes"]):
        nlp.enable_pipe("attribute_ruler")
        try:
            model = [_attributes(doc) for doc in nlp.pipe(TEXTS)]
        finally:
            nlp.disable_pipe("attribute_ruler")
    assert memo == model


def test_pipeline_to_record_reads_every_token_and_mention(nlp: Any) -> None:
    text = TEXTS[0]
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=text)
    doc = nlp(article.text)
    record = _to_record(article, doc)
    assert [(t.start, t.end) for t in record.tokens] == [(t.idx, t.idx + len(t.text)) for t in doc]
    assert [(t.lemma, t.pos, t.tag, t.dep, t.head) for t in record.tokens] == [
        (t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i) for t in doc
    ]
    sentence_of = {t.i: k for k, sent in enumerate(doc.sents) for t in sent}
    assert [t.sentence for t in record.tokens] == [sentence_of[t.i] for t in doc]
    assert all(article.text[m.start : m.end] == m.text for m in record.mentions)


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        ("Brig. Gen. Ana Ruiz said the jets had landed. Maj. Lee agreed.", 2),
        ("Gov. Reyes met Sen. Ortiz on Friday.", 1),
        ("Col. Ahmed said the drones had arrived. Cmdr. Park agreed with him.", 2),
    ],
)
def test_pipeline_a_title_abbreviation_ends_no_sentence(nlp: Any, body: str, sentences: int) -> None:
    """'Brig. Gen. Ana Ruiz': the stop of a title before a name closes nothing; real ends still do."""
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    texts = [article.text[s.start : s.end] for s in _to_record(article, nlp(article.text)).sentences]
    assert len(texts) == sentences, texts
    assert all(not t.rstrip(".").endswith(("Brig", "Gov", "Cmdr", "Maj")) for t in texts), texts


def test_pipeline_a_blanked_dateline_joins_no_sentence(nlp: Any) -> None:
    """The dateline the model never reads ('LIMA, March 3 (Wire) -') is part of no sentence's text."""
    from newsift.nlp import annotate_articles

    body = "Chile and Peru end naval drills\n\nLIMA, March 3 (Wire) - The two navies ended the drills."
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    texts = [annotated.sentence_text(s.index) for s in annotated.sentences]
    assert texts[0] == "Chile and Peru end naval drills", texts
    assert not any("LIMA" in t for t in texts), texts
