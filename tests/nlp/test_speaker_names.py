"""Names the model mislabels in a speaker's slot become PERSON mentions, titles split off.

Sentences written for these tests (invented people, public bodies). Every repair has a negative
case: organisations, outlets and works in the same slots keep their label.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.quotes import extract_quotes
from newsift.model import AnnotatedArticle, Article, Mention, Position, Resolution, Token
from newsift.nlp import annotate_articles
from newsift.nlp.lexicon import load_resolve_lexicon
from newsift.nlp.names import repair_speaker_names

# --- on records: one token per (word, pos, dep, head, lemma) -----------------------------------------------


def _doc(rows: list[tuple[str, str, str, int, str]]) -> tuple[str, list[Token]]:
    """Text joined with spaces, except that a closing mark follows its word and an opening one
    leads its word (as a parser tokenises them)."""
    text, tokens = "", []
    glue_next = False
    for word, pos, dep, head, lemma in rows:
        closing = word in (",", ".", "’", "”") or (word == "'" and text.endswith(","))
        if text and not closing and not glue_next:
            text += " "
        start = len(text)
        text += word
        tokens.append(Token(start=start, end=len(text), lemma=lemma, pos=pos, tag="", dep=dep, head=head,
                            sentence=0))  # fmt: skip
        glue_next = word in ("‘", "“")
    return text, tokens


def _mention(text: str, part: str, label: str, entity_id: str | None = None) -> Mention:
    start = text.index(part)
    return Mention(article_id="r", start=start, end=start + len(part), text=part, entity_id=entity_id,
                   label=label, resolution=Resolution.NER)  # fmt: skip


def _repair(text: str, tokens: list[Token], mentions: list[Mention]) -> list[tuple[str, str]]:
    out = repair_speaker_names(text, tokens, mentions, load_resolve_lexicon(), article_id="r")
    return [(m.text, m.label) for m in out]


# '“We will hold the line,” said Mohan Das, the minister.'
SAID_NAME = [
    ("“", "PUNCT", "punct", 7, "“"), ("We", "PRON", "nsubj", 3, "we"),
    ("will", "AUX", "aux", 3, "will"), ("hold", "VERB", "ccomp", 7, "hold"),
    ("the", "DET", "det", 5, "the"), ("line", "NOUN", "dobj", 3, "line"),
    (",", "PUNCT", "punct", 7, ","), ("”", "PUNCT", "punct", 7, "”"), ("said", "VERB", "ROOT", 8, "say"),
    ("Mohan", "PROPN", "compound", 10, "Mohan"), ("Das", "PROPN", "nsubj", 8, "Das"),
    (",", "PUNCT", "punct", 10, ","), ("the", "DET", "det", 13, "the"),
    ("minister", "NOUN", "appos", 10, "minister"), (".", "PUNCT", "punct", 8, "."),
]  # fmt: skip


MOHAN_DAS = [("Mohan", "PROPN", "compound", 0, "Mohan"), ("Das", "PROPN", "nsubj", 0, "Das")]


def _said(subject: list[tuple[str, str, str, int, str]]) -> list[tuple[str, str, str, int, str]]:
    """'“We will hold the line,” said <subject>.' with the subject's last word as said's subject."""
    rows = SAID_NAME[:9]
    n = len(subject)
    rows += [(w, p, "nsubj" if k == n - 1 else d, 8 if k == n - 1 else 9 + n - 1, lem)
             for k, (w, p, d, _, lem) in enumerate(subject)]  # fmt: skip
    return [*rows, (".", "PUNCT", "punct", 8, ".")]


@pytest.mark.parametrize("label", ["WORK_OF_ART", "ORG", "PRODUCT"])
def test_a_name_after_a_quote_with_a_title_in_apposition_becomes_a_person(label: str) -> None:
    text, tokens = _doc(SAID_NAME)
    assert _repair(text, tokens, [_mention(text, "Mohan Das", label)]) == [("Mohan Das", "PERSON")]


def test_a_work_label_glued_to_the_closing_quote_is_trimmed_to_the_name() -> None:
    text, tokens = _doc(SAID_NAME)
    span = text[text.index("” said") : text.index(" Das") + 4]
    found = _repair(text, tokens, [_mention(text, span, "WORK_OF_ART")])
    assert found == [("Mohan Das", "PERSON")]


def test_a_two_word_name_said_after_a_quote_is_a_person_even_without_a_title() -> None:
    text, tokens = _doc(_said(MOHAN_DAS))
    assert _repair(text, tokens, [_mention(text, "Mohan Das", "WORK_OF_ART")]) == [("Mohan Das", "PERSON")]


def test_an_organisation_said_after_a_quote_without_a_person_title_stays_an_organisation() -> None:
    # 'said Mohan Das' as ORG with no title: an organisation speaks too, the label stands
    text, tokens = _doc(_said(MOHAN_DAS))
    assert _repair(text, tokens, [_mention(text, "Mohan Das", "ORG")]) == [("Mohan Das", "ORG")]


@pytest.mark.parametrize(
    "subject",
    [
        [("Ministry", "PROPN", "compound", 0, "Ministry"), ("Defence", "PROPN", "nsubj", 0, "Defence")],
        [("Northwind", "PROPN", "compound", 0, "Northwind"), ("Holdings", "PROPN", "nsubj", 0, "Holdings")],
        [("the", "DET", "det", 0, "the"), ("Pentagon", "PROPN", "nsubj", 0, "Pentagon")],
        [("Hezbollah", "PROPN", "nsubj", 0, "Hezbollah")],
        [("NATO", "PROPN", "compound", 0, "NATO"), ("Command", "PROPN", "nsubj", 0, "Command")],
    ],
)
def test_organisations_said_after_a_quote_keep_their_label(subject: list[Any]) -> None:
    text, tokens = _doc(_said(subject))
    part = " ".join(w for w, *_ in subject)
    for label in ("ORG", "WORK_OF_ART"):
        assert _repair(text, tokens, [_mention(text, part, label)]) == [(part, label)]


def test_a_gazetteer_match_is_never_relabelled() -> None:
    text, tokens = _doc(SAID_NAME)
    found = _repair(text, tokens, [_mention(text, "Mohan Das", "ORG", entity_id="some-firm")])
    assert found == [("Mohan Das", "ORG")]


# 'Critics praised “Blue Harbour,” a film about the war.'
FILM = [
    ("Critics", "NOUN", "nsubj", 1, "critic"), ("praised", "VERB", "ROOT", 1, "praise"),
    ("“", "PUNCT", "punct", 4, "“"), ("Blue", "PROPN", "compound", 4, "Blue"),
    ("Harbour", "PROPN", "dobj", 1, "Harbour"),
    (",", "PUNCT", "punct", 4, ","), ("”", "PUNCT", "punct", 4, "”"), ("a", "DET", "det", 8, "a"),
    ("film", "NOUN", "appos", 4, "film"), (".", "PUNCT", "punct", 1, "."),
]  # fmt: skip


def test_a_film_title_in_quote_marks_stays_a_work() -> None:
    text, tokens = _doc(FILM)
    assert _repair(text, tokens, [_mention(text, "“Blue Harbour", "WORK_OF_ART")]) == [
        ("“Blue Harbour", "WORK_OF_ART")
    ]


# --- on the model: what it really mislabels, end to end -------------------------------------------------


def _annotate(nlp: Any, body: str) -> AnnotatedArticle:
    article = Article(id="s", page_id="p", position=Position.MAIN, index=0, title="", body=body)
    return next(annotate_articles([article], nlp=nlp))


def _labels(annotated: AnnotatedArticle) -> dict[str, str]:
    return {m.text: m.label for m in annotated.mentions}


TITLED_SPEAKERS = [
    ("“The talks were useful,” Secretary of State Antony Blake said on Tuesday.", "Antony Blake",
     "Secretary of State"),
    ("'The plan is sound,' Minister of Defence Rajnath Sinha told the house.", "Rajnath Sinha",
     "Minister of Defence"),
    ('"They crossed the line," Chief of Army Staff Asim Rauf said.', "Asim Rauf", "Chief of Army Staff"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("body", "name", "title"), TITLED_SPEAKERS)
def test_a_titled_speaker_the_model_mislabels_or_misses_is_a_person_with_the_title_apart(
    nlp: Any, body: str, name: str, title: str
) -> None:
    annotated = _annotate(nlp, body)
    assert _labels(annotated).get(name) == "PERSON", _labels(annotated)
    quote = next(iter(extract_quotes(annotated)))
    assert quote.speaker_text == name and quote.speaker_id == "person:" + name.lower().replace(" ", "-")
    entity = next(e for e in annotated.entities if e.id == quote.speaker_id)
    assert dict(entity.attributes).get("title") == title


NOT_PEOPLE = [
    ("'Nothing has changed,' the Pentagon said.", "the Pentagon"),
    ("'Three ships were seen near the strait,' Reuters reported.", "Reuters"),
    ("'The talks will resume next week,' said the Ministry of Defence.", "the Ministry of Defence"),
    ("'The plan is sound,' said Northwind Holdings.", "Northwind Holdings"),
    ("Makers that took legal action include Yamaha, General Motors and Toyota.", "Yamaha"),
]


@pytest.mark.model
@pytest.mark.parametrize(("body", "name"), NOT_PEOPLE)
def test_organisations_and_outlets_in_a_speaker_slot_are_not_made_people(
    nlp: Any, body: str, name: str
) -> None:
    labels = _labels(_annotate(nlp, body))
    assert name in labels and labels[name] != "PERSON", labels


@pytest.mark.model
def test_a_body_whose_executive_is_named_in_apposition_is_not_made_a_person(nlp: Any) -> None:
    body = "Asked about claims against Larkspur, the firm's chief executive Dana Holt said little."
    labels = _labels(_annotate(nlp, body))
    assert labels.get("Larkspur") != "PERSON" and labels.get("Dana Holt") == "PERSON", labels


# 'Its spokesman, General Ana Roe, insisted.' with the name as an ORG (session 12, issue 16)
def _apposed(head_lemma: str, verb: str) -> list[tuple[str, str, str, int, str]]:
    return [
        ("Its", "PRON", "poss", 1, "its"), (head_lemma, "NOUN", "nsubj", 7, head_lemma),
        (",", "PUNCT", "punct", 1, ","), ("General", "PROPN", "compound", 5, "General"),
        ("Ana", "PROPN", "compound", 5, "Ana"), ("Roe", "PROPN", "appos", 1, "Roe"),
        (",", "PUNCT", "punct", 1, ","), (verb + "ed", "VERB", "ROOT", 7, verb),
        (".", "PUNCT", "punct", 7, "."),
    ]  # fmt: skip


def test_issue_16_a_name_apposed_to_a_speaking_spokesman_becomes_a_person() -> None:
    text, tokens = _doc(_apposed("spokesman", "insist"))
    mentions = [_mention(text, "General Ana Roe", "ORG")]
    assert _repair(text, tokens, mentions) == [("Ana Roe", "PERSON")]


def test_issue_16_a_body_apposed_to_a_speaking_group_noun_keeps_its_label() -> None:
    text, tokens = _doc(_apposed("coalition", "insist"))
    mentions = [_mention(text, "General Ana Roe", "ORG")]
    assert _repair(text, tokens, mentions) == [("General Ana Roe", "ORG")]


def test_issue_16_a_name_apposed_to_a_spokesman_who_does_not_speak_keeps_its_label() -> None:
    text, tokens = _doc(_apposed("spokesman", "resign"))
    mentions = [_mention(text, "General Ana Roe", "ORG")]
    assert _repair(text, tokens, mentions) == [("General Ana Roe", "ORG")]
