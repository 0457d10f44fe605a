"""Quotation marks: apostrophes, nesting, paragraphs, and offsets that always slice the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.extract.quotes.marks import find_quoted_spans, normalize_quote_text


def _outer(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text) if s.depth == 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('He said "we are ready" today.', ['"we are ready"'], id="straight-double"),
        pytest.param("He said “we are ready” today.", ["“we are ready”"], id="curly-double"),
        pytest.param(
            "'It's fine, we've done it,' she said.", ["'It's fine, we've done it,'"], id="apostrophes"
        ),
        pytest.param("‘Lagos’s port is busy,’ he said.", ["‘Lagos’s port is busy,’"], id="curly-single"),
        pytest.param("«Nothing changes», she said.", ["«Nothing changes»"], id="guillemets"),
        pytest.param(
            "'The teams' budgets are tight,' he said.",
            ["'The teams' budgets are tight,'"],
            id="plural-possessive",
        ),
        pytest.param("Pakistan's navy and the 1990s fleet.", [], id="no-quotes"),
    ],
)
def test_quote_marks_outer_spans(text: str, expected: list[str]) -> None:
    assert _outer(text) == expected


def test_quote_marks_nested_quote_is_inside_outer() -> None:
    text = "'I asked him, 'Where are you going?' and he laughed,' she recalled."
    spans = find_quoted_spans(text)
    outer = [s for s in spans if s.depth == 0]
    inner = [s for s in spans if s.depth == 1]
    assert [text[s.start : s.end] for s in inner] == ["'Where are you going?'"]
    assert outer and outer[0].start < inner[0].start and inner[0].end < outer[0].end


def test_quote_marks_quote_continues_into_next_paragraph() -> None:
    text = "'The first part goes on.\n\n'And the second part ends here,' she said."
    (span,) = [s for s in find_quoted_spans(text) if s.depth == 0]
    assert span.n_paragraphs == 2
    assert text[span.start : span.end].endswith("ends here,'")
    assert normalize_quote_text(text[span.start + 1 : span.end - 1]) == (
        "The first part goes on. And the second part ends here,"
    )


def test_quote_marks_unclosed_quote_at_paragraph_end_is_dropped() -> None:
    text = "'This never closes.\n\nA plain paragraph follows."
    assert find_quoted_spans(text) == []


_pieces = st.sampled_from(["'", '"', "“", "”", "‘", "’", "«", "»", " ", "\n", "\n\n", "a", "it's", ",", "."])


@given(st.lists(st.one_of(_pieces, st.text(max_size=5)), max_size=40).map("".join))
def test_quote_marks_spans_slice_text_on_arbitrary_input(text: str) -> None:
    for span in find_quoted_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start] in "\"'“‘«‹„" and text[span.end - 1] in "\"'”’»›"
        normalize_quote_text(text[span.start : span.end])
