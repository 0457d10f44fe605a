"""Tests of link.summary: extractive, lead-aware summaries quoted verbatim."""

from __future__ import annotations

from newsift.link.summary import summarize
from newsift.model import Article, Position

BODY = (
    "Pakistan and Turkey signed an agreement on Tuesday to co-develop corvettes for the Pakistan Navy. "
    "The agreement covers design work in Istanbul and construction at the Karachi shipyard. "
    "It was cold. "
    "Officials said the corvettes would carry Turkish radars and Pakistani crews trained in Istanbul. "
    "Separately, a cricket match in Lahore was delayed by rain for two hours on the same afternoon. "
    "Analysts said the corvette agreement deepens defence ties between Pakistan and Turkey."
)


def _article(body: str = BODY, title: str = "Pakistan, Turkey to co-develop corvettes") -> Article:
    return Article(id="a", page_id="p", position=Position.MAIN, index=0, title=title, body=body)


def test_summary_sentences_are_verbatim_slices_of_the_text() -> None:
    article = _article()
    summary = summarize(article)
    assert summary
    for sentence in summary:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text in article.body


def test_summary_respects_the_count_and_text_order() -> None:
    summary = summarize(_article(), n_sentences=2)
    assert len(summary) == 2
    assert [s.start for s in summary] == sorted(s.start for s in summary)


def test_summary_prefers_the_lead_and_skips_the_off_topic_and_the_tiny() -> None:
    texts = [s.text for s in summarize(_article(), n_sentences=3)]
    assert texts[0].startswith("Pakistan and Turkey signed")
    assert not any("cricket" in t or t == "It was cold." for t in texts)


def test_summary_never_includes_the_title() -> None:
    article = _article()
    assert all(s.start > len(article.title) for s in summarize(article, n_sentences=6))


def test_summary_of_an_empty_body_is_empty() -> None:
    assert summarize(_article(body="")) == ()


def test_summary_uses_given_sentence_spans() -> None:
    article = _article()
    start = article.text.index("Officials said")
    end = article.text.index("Istanbul.", start) + len("Istanbul.")
    summary = summarize(article, n_sentences=1, spans=[(0, len(article.title)), (start, end)])
    assert [s.text for s in summary] == [article.text[start:end]]


def _page(standfirst: str | None, body: str, headings: tuple[str, ...] = ()) -> Article:
    return Article(
        id="b", page_id="p", position=Position.MAIN, index=0, title="Navy gets new corvettes",
        standfirst=standfirst, body=body, headings=headings,
    )  # fmt: skip


HEADED_BODY = (
    "The navy received two corvettes built at the Karachi shipyard on Monday.\n\n"
    "Corvettes, shipyard and the navy\n\n"
    "The corvettes carry radars and the navy says the shipyard will build two more corvettes.\n\n"
    "Also read: Why the navy wants more corvettes from the shipyard\n\n"
    "Officials said the shipyard had delivered the corvettes on time."
)


def test_issue_21_summary_never_chooses_a_section_heading_or_a_cross_link() -> None:
    article = _page(None, HEADED_BODY, headings=("Corvettes, shipyard and the navy",))
    texts = [s.text for s in summarize(article, n_sentences=4)]
    assert texts and not any(t.startswith(("Corvettes, shipyard", "Also read")) for t in texts)
    unnamed = _page(None, HEADED_BODY)  # the heading is still known by its shape
    assert not any(s.text.startswith("Corvettes, shipyard") for s in summarize(unnamed, n_sentences=4))


def test_issue_21_summary_weighs_the_standfirst_as_the_lead() -> None:
    standfirst = "The defence ministry denied that the corvettes were delivered late."
    article = _page(standfirst, HEADED_BODY)
    texts = [s.text for s in summarize(article, n_sentences=2)]
    assert texts == [standfirst, "The navy received two corvettes built at the Karachi shipyard on Monday."]


DENIED_LATE = (
    "The navy received two corvettes built at the Karachi shipyard on Monday. "
    "The corvettes carry new radars and a medium gun, and each has a crew of about ninety. "
    "The shipyard will build two more corvettes for the navy over the next four years. "
    "Sea trials of the first corvette took place off the coast last winter. "
    "Crews trained on simulators at the shipyard before the handover. "
    "The defence ministry denied reports that the corvettes had failed their gun trials."
)


def test_issue_21_summary_keeps_a_denial_wherever_it_stands() -> None:
    texts = [s.text for s in summarize(_page(None, DENIED_LATE), n_sentences=3)]
    assert any("denied reports" in t for t in texts)
    assert texts[0].startswith("The navy received")
