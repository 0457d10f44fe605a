"""Cue rules on parses written by hand (no model): which clause under a cue is reported content."""

from __future__ import annotations

from newsift.extract.quotes import extract_attributions
from newsift.model import AnnotatedArticle, Article, Position, Sentence, Token

Row = tuple[str, int, str, str]  # word, head, dep, pos


def _annotated(rows: list[Row]) -> tuple[str, AnnotatedArticle]:
    text, tokens, offset = "", [], 0
    for word, head, dep, pos in rows:
        if text and word not in ",.":
            text += " "
        start = len(text)
        text += word
        lemma = "say" if word == "said" else word.lower()
        tokens.append(
            Token(start=start, end=len(text), lemma=lemma, pos=pos, tag="", dep=dep, head=head, sentence=0)
        )
        offset = len(text)
    article = Article(id="r", page_id="p", position=Position.MAIN, index=0, title="", body=text)
    sentences = (Sentence(article_id="r", index=0, start=0, end=offset),)
    return text, AnnotatedArticle(article=article, tokens=tuple(tokens), sentences=sentences)


def _contents(rows: list[Row]) -> list[str]:
    text, annotated = _annotated(rows)
    return [text[s:e] for a in extract_attributions(annotated) for s, e in a.content]


def test_a_clause_opened_by_after_under_the_cue_is_not_content() -> None:
    rows: list[Row] = [
        ("Ann", 1, "nsubj", "PROPN"),
        ("said", 1, "ROOT", "VERB"),
        ("Monday", 8, "nsubj", "PROPN"),
        (",", 2, "punct", "PUNCT"),
        ("weeks", 5, "npadvmod", "NOUN"),
        ("after", 8, "mark", "SCONJ"),
        ("the", 7, "det", "DET"),
        ("yard", 8, "nsubj", "NOUN"),
        ("closed", 1, "ccomp", "VERB"),
        (".", 1, "punct", "PUNCT"),
    ]
    assert not any("yard closed" in c for c in _contents(rows))


def test_a_clause_opened_by_that_under_the_cue_is_content() -> None:
    rows: list[Row] = [
        ("Ann", 1, "nsubj", "PROPN"),
        ("said", 1, "ROOT", "VERB"),
        ("that", 5, "mark", "SCONJ"),
        ("the", 4, "det", "DET"),
        ("yard", 5, "nsubj", "NOUN"),
        ("closed", 1, "ccomp", "VERB"),
        (".", 1, "punct", "PUNCT"),
    ]
    assert _contents(rows) == ["that the yard closed"]
