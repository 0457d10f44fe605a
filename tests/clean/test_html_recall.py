"""Paragraphs the precision extraction drops inside an article come back from a recall-mode extraction."""

from __future__ import annotations

from lxml.html import fromstring

from newsift.clean.html_recall import merge, misses_inner_text, with_recall_paragraphs

LEAD = "The river authority opened the new flood gates on Monday after three years of building work."
MIDDLE = (
    "Engineers said the gates, which close in under ten minutes, would protect about four thousand homes "
    "in the lower valley during spring storms."
)
END = "The authority will publish a maintenance schedule for the gates before the end of the year."
RELATED = "Read next: how the valley prepared for last winter"


def test_merge_puts_a_missing_inner_paragraph_back_in_place() -> None:
    blocks = [("p", LEAD, 0.0), ("p", MIDDLE, 0.0), ("p", END, 0.0)]
    assert merge(f"{LEAD}\n{END}", blocks) == f"{LEAD}\n{MIDDLE}\n{END}"


def test_merge_leaves_text_outside_the_shared_span_alone() -> None:
    blocks = [("p", MIDDLE, 0.0), ("p", LEAD, 0.0), ("p", END, 0.0), ("p", MIDDLE.upper(), 0.0)]
    assert merge(f"{LEAD}\n{END}", blocks) == f"{LEAD}\n{END}"


def test_merge_skips_headings_link_lines_short_lines_and_open_sentences() -> None:
    for block in (
        ("head", MIDDLE, 0.0),  # headings stay with the precision extraction
        ("p", MIDDLE, 0.6),  # mostly link text
        ("p", RELATED, 0.0),  # short, no sentence mark
        ("p", MIDDLE.rstrip(".") + " and", 0.0),  # no sentence end
    ):
        assert merge(f"{LEAD}\n{END}", [("p", LEAD, 0.0), block, ("p", END, 0.0)]) == f"{LEAD}\n{END}"


def test_merge_does_not_repeat_a_paragraph_the_text_splits_differently() -> None:
    first, second = MIDDLE[:60], MIDDLE[60:]
    text = f"{LEAD}\n{first}\n{second}\n{END}"
    assert merge(text, [("p", LEAD, 0.0), ("p", MIDDLE, 0.0), ("p", END, 0.0)]) == text


def _page(middle: str) -> str:
    return (
        "<html><body><header><a href='/'>Valley Times</a></header><article>"
        f"<p>{LEAD}</p><div class='x'>{middle}</div><p>{END}</p>"
        "</article><footer><p>Contact the newsroom, any day, at the front desk.</p></footer></body></html>"
    )


def test_gate_fires_only_for_unextracted_prose_between_extracted_text() -> None:
    text = f"{LEAD}\n{END}"
    assert misses_inner_text(fromstring(_page(MIDDLE)), text)
    assert not misses_inner_text(fromstring(_page(MIDDLE)), f"{LEAD}\n{MIDDLE}\n{END}")
    assert not misses_inner_text(fromstring(_page(f"<a href='/x'>{MIDDLE}</a>")), text)  # link text
    assert not misses_inner_text(fromstring(_page("Share this story")), text)  # short label
    # prose after the last extracted text (the footer) is not inside the article
    assert not misses_inner_text(fromstring(_page("")), text)


def test_recall_pass_on_a_real_tree_restores_the_dropped_paragraph() -> None:
    tree = fromstring(_page(MIDDLE))
    restored = with_recall_paragraphs(tree, f"{LEAD}\n{END}", None)
    assert restored.split("\n") == [LEAD, MIDDLE, END]
    # nothing missing: the recall pass is skipped and the text comes back unchanged
    assert with_recall_paragraphs(tree, f"{LEAD}\n{MIDDLE}\n{END}", None) == f"{LEAD}\n{MIDDLE}\n{END}"
