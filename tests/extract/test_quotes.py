"""Quotes and attribution on a hand-written article: speakers, kinds, cues, addressees, offsets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsift.extract.quotes import EXTRACTOR, extract_attributions, extract_quotes
from newsift.extract.quotes.marks import normalize_quote_text
from newsift.model import AnnotatedArticle, Article, Position, Quote, QuoteKind, Sentence, Token
from newsift.nlp import annotate_articles

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "quotes" / "harbour.txt"


def _article(text: str, article_id: str = "harbour") -> Article:
    lines = [line for line in text.splitlines() if line.strip()]
    return Article(
        id=article_id,
        page_id="p",
        position=Position.MAIN,
        index=0,
        title=lines[0],
        body="\n\n".join(lines[1:]),
    )


@pytest.fixture(scope="module")
def quotes(nlp: Any) -> tuple[Quote, ...]:
    annotated = next(annotate_articles([_article(FIXTURE.read_text("utf-8"))], nlp=nlp))
    return extract_quotes(annotated)


def _find(quotes: tuple[Quote, ...], snippet: str) -> Quote:
    found = [q for q in quotes if snippet in q.text]
    assert len(found) == 1, f"{snippet!r}: {[q.text for q in quotes]}"
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("snippet", "speaker", "kind", "cue"),
    [
        pytest.param("make anyone panic", "Priya Raman", QuoteKind.DIRECT, "told", id="told-outlet"),
        pytest.param("trained together for years", "Priya Raman", QuoteKind.DIRECT, "added", id="she-added"),
        pytest.param(
            "balance at sea", "Daniel Okafor", QuoteKind.INDIRECT, "stressed", id="surname-stressed"
        ),
        pytest.param("money, not ships", "Daniel Okafor", QuoteKind.DIRECT, "said", id="he-said"),
        pytest.param(
            "no contract has been signed", "Daniel Okafor", QuoteKind.INDIRECT, "added", id="he-also-added"
        ),
        pytest.param(
            "watched closely", "Mark Whitfield", QuoteKind.INDIRECT, "according to", id="according-to"
        ),
        pytest.param(
            "foreign submarines", "Coastal Monitor", QuoteKind.INDIRECT, "alleged", id="report-alleged"
        ),
        pytest.param("Nobody gains from a crisis", "Priya Raman", QuoteKind.DIRECT, "said", id="split-quote"),
        pytest.param("mostly a symbol", "Daniel Okafor", QuoteKind.DIRECT, "said", id="agreed-then-he-said"),
        pytest.param("sudden break", "Daniel Okafor", QuoteKind.DIRECT, "said", id="bare-paragraph"),
        pytest.param("sail as planned", "Sofia Lindqvist", QuoteKind.DIRECT, "said", id="role-navy-chief"),
        pytest.param("nets stay in the water", "Tomas Berg", QuoteKind.DIRECT, "said", id="curly"),
        pytest.param("seen all of this before", "Tomas Berg", QuoteKind.DIRECT, "added", id="guillemets"),
    ],
)
def test_quotes_speaker_kind_and_cue(
    quotes: tuple[Quote, ...], snippet: str, speaker: str, kind: QuoteKind, cue: str
) -> None:
    quote = _find(quotes, snippet)
    assert (quote.speaker_text, quote.kind, quote.cue) == (speaker, kind, cue)


@pytest.mark.model
@pytest.mark.parametrize(
    "snippet",
    [
        pytest.param("reading too much", id="cautioned-against-doing"),
        pytest.param("secret base", id="dismissed-the-idea"),
    ],
)
def test_quotes_object_of_a_cue_is_not_a_quote(quotes: tuple[Quote, ...], snippet: str) -> None:
    """'cautioned against reading too much into it', 'dismissed the idea of X' name a stance, not words."""
    assert not [q for q in quotes if snippet in q.text]


@pytest.mark.model
@pytest.mark.parametrize(
    ("snippet", "addressee"),
    [
        pytest.param("make anyone panic", "HarbourWatch", id="told-outlet"),
        pytest.param("drill would go ahead", "in a social media post", id="medium"),
        pytest.param("money, not ships", None, id="none"),
    ],
)
def test_quotes_addressee(quotes: tuple[Quote, ...], snippet: str, addressee: str | None) -> None:
    assert _find(quotes, snippet).addressee == addressee


@pytest.mark.model
@pytest.mark.parametrize(
    ("snippet", "affiliation"),
    [
        pytest.param("make anyone panic", "Maritime analyst and former naval officer", id="pre-modifier"),
        pytest.param("mostly a symbol", "Senior Fellow, Ocean Policy Centre (OPC)", id="apposition"),
        pytest.param("watched closely", "London-based security analyst", id="according-to"),
    ],
)
def test_quotes_affiliation_as_stated(quotes: tuple[Quote, ...], snippet: str, affiliation: str) -> None:
    assert _find(quotes, snippet).affiliation == affiliation


@pytest.mark.model
def test_quotes_offsets_slice_article_text(quotes: tuple[Quote, ...]) -> None:
    text = _article(FIXTURE.read_text("utf-8")).text
    assert quotes
    for q in quotes:
        assert normalize_quote_text(text[q.start : q.end]).rstrip(",").strip() == q.text
        assert q.speaker_start is not None and q.speaker_end is not None
        assert text[q.speaker_start : q.speaker_end] == q.speaker_text
        assert q.cue is None or (q.cue_start is not None and text[q.cue_start : q.cue_end] == q.cue)
        assert q.evidence.text in text and q.extractor == EXTRACTOR


@pytest.mark.model
def test_quotes_scare_quotes_are_not_quotes(nlp: Any) -> None:
    text = "Markets rise on trade hopes\nThe so-called 'grand bargain' was signed in the capital on Monday."
    annotated = next(annotate_articles([_article(text, "scare")], nlp=nlp))
    assert extract_quotes(annotated) == ()


@pytest.mark.model
def test_quotes_pronoun_skips_person_of_other_gender(nlp: Any) -> None:
    text = (
        "Ministers meet\nElena Park said she would attend. "
        "Mr. Tom Reyes spoke next and he said the plan was late.\n"
        "'We need the money first,' she said."
    )
    annotated = next(annotate_articles([_article(text, "gender")], nlp=nlp))
    assert _find(extract_quotes(annotated), "money first").speaker_text == "Elena Park"


def test_quotes_empty_article_gives_nothing() -> None:
    article = _article("Title only\nBody.")
    assert extract_quotes(AnnotatedArticle(article=article)) == ()


def test_quotes_hand_built_parse() -> None:
    """'"We are ready," Ann said.' with its parse written by hand: no model involved."""
    text = '"We are ready," Ann said.'
    article = Article(id="h", page_id="p", position=Position.MAIN, index=0, title="", body=text)
    rows = [
        (0, 1, 2, "punct", "PUNCT"),
        (1, 3, 2, "nsubj", "PRON"),
        (4, 7, 7, "ccomp", "AUX"),
        (8, 13, 2, "acomp", "ADJ"),
        (13, 14, 7, "punct", "PUNCT"),
        (14, 15, 7, "punct", "PUNCT"),
        (16, 19, 7, "nsubj", "PROPN"),
        (20, 24, 7, "ROOT", "VERB"),
        (24, 25, 7, "punct", "PUNCT"),
    ]
    tokens = tuple(
        Token(
            start=s,
            end=e,
            lemma="say" if text[s:e] == "said" else text[s:e].lower(),
            pos=pos,
            tag="",
            dep=dep,
            head=head,
            sentence=0,
        )
        for s, e, head, dep, pos in rows
    )
    sentences = (Sentence(article_id="h", index=0, start=0, end=len(text)),)
    annotated = AnnotatedArticle(article=article, tokens=tokens, sentences=sentences)
    (quote,) = extract_quotes(annotated)
    assert (quote.text, quote.speaker_text, quote.cue, quote.kind) == (
        "We are ready",
        "Ann",
        "said",
        QuoteKind.DIRECT,
    )
    assert extract_attributions(annotated)[0].content == ((0, 15),)


_words = st.sampled_from(
    ["Ann", "said", "she", "told", "it's", "the", "report", "'", '"', "“", "”", ",", ".", "\n"]
)


@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_words, min_size=1, max_size=30).map(" ".join))
def test_quotes_arbitrary_text_never_fails(nlp: Any, body: str) -> None:
    article = Article(id="x", page_id="p", position=Position.MAIN, index=0, title="T", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    for q in extract_quotes(annotated):
        assert 0 <= q.start <= q.end <= len(article.text)
        assert q.speaker_start is None or 0 <= q.speaker_start <= q.speaker_end <= len(article.text)  # type: ignore[operator]
