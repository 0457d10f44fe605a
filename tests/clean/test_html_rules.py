"""Line rules, tree pruning and split-body recovery of the HTML cleaner, each on hand-made input."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newsift.clean.html_cleanup import clean_paragraphs
from newsift.clean.html_parts import find_other_parts
from newsift.clean.html_rules import classify_line, is_timestamp_line
from newsift.clean.html_tree import prune_tree


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Get the morning briefing delivered to your inbox.", "prompt"),
        ("Sign up for The Daily Brief, our free newsletter, today.", "prompt"),
        ("Follow him on Twitter @example_writer.", "prompt"),
        ("Like this story? Share it with a friend!", "prompt"),
        ("Army Weekly Newsletter", "prompt"),
        ("Reading time: 4 minutes", "prompt"),
        ("(Reporting by Jan Novak; Editing by Anna Lind)", "credit"),
        ("Maria Lopez contributed reporting from Lima.", "credit"),
        ("SOURCE: News agencies", "credit"),
        ("Related post: Ten Facts About Aircraft Carriers", "related headlines"),
        ("Also on example.com Navy tests a new drone", "related headlines"),
        ("Marines land on a remote island [VIDEO]", "related headlines"),
        ("More:", "related headlines"),
        ("Updated at 9:05 a.m.", "timestamp"),
        ('[button link="/x"]Send us your review[/button]', "markup residue"),
    ],
    ids=lambda value: str(value)[:30],
)
def test_html_rules_furniture_lines(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Scientists from 40 countries contributed to the report, which runs to 900 pages and took two years.",
        "The minister said the newsletter had been sent to every base before the exercise began.",
        "The launch window opens at 10:30 a.m. local time on Friday, the agency said in a statement.",
        "He told reporters [in Kyiv] that the talks would continue.",
        "Source code for the tool was published on Monday.",
        "© Reuters",
    ],
    ids=lambda value: value[:30],
)
def test_html_rules_prose_is_kept(line: str) -> None:
    assert classify_line(line) is None


def test_html_rules_timestamp_needs_a_clock_and_a_date() -> None:
    assert is_timestamp_line("5:45 AM PST 11/19/2019 by Jane Doe")
    assert not is_timestamp_line("The vote is on 19 November 2019")
    assert not is_timestamp_line("At 5:45 the sirens sounded across the city and people ran to shelters")


def test_html_cleanup_bulleted_headlines_closing_the_body_are_dropped() -> None:
    text = "\n".join(
        [
            "The navy commissioned its newest frigate on Friday.",
            "- Ten Amazing Photos Of The New Frigate",
            "- Why Navies Are Buying More Frigates",
            "- The Biggest Warships Ever Built",
            "Originally published on Example News.",
        ]
    )
    cleaned = clean_paragraphs(text, title="")
    assert cleaned.body.split("\n\n") == [
        "The navy commissioned its newest frigate on Friday.",
        "Originally published on Example News.",
    ]
    assert [r.reason for r in cleaned.removed] == ["related headlines"] * 3


def test_html_tree_popup_goes_but_its_link_text_stays() -> None:
    tree = lxml_html.fromstring(
        "<html><body><p>Talks with <span class='rollover'><a class='rollover-link' href='/p'>Ana Diaz</a>"
        "<span class='rollover-box'><a href='/1'>Another headline</a></span></span> went on.</p>"
        "<div style='display: none'><p>Hidden teaser</p></div>"
        "<figure><img src='a.jpg'><figcaption>A ship in port</figcaption></figure></body></html>"
    )
    removed = prune_tree(tree)
    text = " ".join(tree.text_content().split())
    assert "Talks with Ana Diaz went on." in text
    assert "Another headline" not in text and "Hidden teaser" not in text
    assert [(r.text, r.reason) for r in removed] == [("A ship in port", "caption")]


def test_html_tree_large_hidden_block_is_kept() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of an article revealed by a script.</p>" for i in range(5))
    tree = lxml_html.fromstring(f"<html><body><div hidden>{paragraphs}</div></body></html>")
    prune_tree(tree)
    assert "Paragraph 4" in tree.text_content()


def _paragraph(half: str, i: int) -> str:
    return f"{half} half paragraph {i} with enough words in it to be a real paragraph."


def test_html_parts_second_half_of_a_split_body_is_found() -> None:
    first = "".join(f"<p>{_paragraph('First', i)}</p>" for i in range(3))
    second = "".join(f"<p>{_paragraph('Second', i)}</p>" for i in range(3))
    teaser = "<div class='teaser'><p>A teaser paragraph that is long enough to be counted here.</p></div>"
    tree = lxml_html.fromstring(
        f"<html><body><div class='body'>{first}</div><div class='ad'>Ad</div>"
        f"<div class='body'>{second}</div>{teaser}</body></html>"
    )
    before, after = find_other_parts(tree, "\n".join(_paragraph("First", i) for i in range(3)))
    assert before == []
    assert after == [_paragraph("Second", i) for i in range(3)]
