"""Tests of link.text: words, shingles and sentence spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsift.link.text import normalize_for_hash, split_sentence_spans, word_shingles


def test_text_sentences_do_not_split_at_abbreviations() -> None:
    text = "Mr. Khan met Gen. Munir in Rawalpindi. They spoke for an hour! Was it useful? Nobody said."
    spans = split_sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Khan met Gen. Munir in Rawalpindi.",
        "They spoke for an hour!",
        "Was it useful?",
        "Nobody said.",
    ]


def test_text_shingles_ignore_case_and_punctuation() -> None:
    assert word_shingles("The Navy, said: 'yes' today.", 3) == word_shingles("the navy said yes today", 3)


def test_text_short_text_is_one_shingle() -> None:
    assert word_shingles("two words", 5) == {"two words"}
    assert word_shingles("  ", 5) == set()


@given(st.text(max_size=300))
def test_text_sentence_spans_are_ordered_trimmed_and_inside(text: str) -> None:
    spans = split_sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@given(st.text(max_size=200))
def test_text_normalize_is_idempotent(text: str) -> None:
    once = normalize_for_hash(text)
    assert normalize_for_hash(once) == once
