"""Hand-written HTML pages (tests/fixtures/html) through the whole HTML cleaner: metadata, body, removals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.clean.html import extract_html_article
from newsift.model import Article, Position

HTML = Path(__file__).parents[1] / "fixtures" / "html"
WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def _article(name: str) -> Article:
    html = (HTML / name).read_text(encoding="utf-8")
    article = extract_html_article(html, page_id="page", uri=name, url=None, fetched_at=WHEN)
    assert article is not None
    return article


CASES = {
    "nato-finland.html": {
        "first": "Finland formally joined NATO on Tuesday, April 4, 2023",
        "keep": [
            "according to Jens Stoltenberg, then the alliance's secretary general",
            "Sweden became the 32nd member only on March 7, 2024",  # the body's second container
            "one of the largest reserves in Europe",
        ],
        "drop": [
            "Profile: Jens Stoltenberg",  # hover pop-up
            "Finnish flag is raised",  # figure caption
            "By Aino Virtanen",
            "Updated 4:12",
            "contributed to this report",
            "Editing by",
            "delivered to your inbox",
            "Advertisement",
            "Share this article",
            "Norway Orders New Submarines",
            "All rights reserved",
            "Newsletters",
        ],
        "reasons": {"caption", "repeated headline", "byline", "timestamp", "credit"},
    },
    "aukus-submarines.html": {
        "first": "Australia, the United Kingdom and the United States on Monday announced",
        "keep": [
            "- rotations of US and British submarines",  # a list that is part of the article
            "- Australian-built SSN-AUKUS boats from the early 2040s.",
            "China criticised the agreement",
        ],
        "drop": [
            "We use cookies",
            "Log in",
            "Also read",
            "Photo: US Navy",
            "Follow Harbour Defence Review",
            "[VIDEO]",
            "India Commissions Its First",
            "By Priya Raman",
        ],
        "reasons": {"caption", "also-read link", "prompt", "related headlines"},
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_html_fixture_body_keeps_the_article_and_drops_furniture(name: str) -> None:
    case = CASES[name]
    article = _article(name)
    assert article.body.startswith(case["first"])
    for snippet in case["keep"]:
        assert snippet in article.body, snippet
    for snippet in case["drop"]:
        assert snippet not in article.text, snippet


@pytest.mark.parametrize("name", sorted(CASES))
def test_html_fixture_removals_carry_their_reasons(name: str) -> None:
    article = _article(name)
    assert set(CASES[name]["reasons"]) <= {r.reason for r in article.removed}
    assert all(r.text.strip() and r.text not in article.body for r in article.removed)


def test_html_fixture_metadata_from_head_byline_and_credits() -> None:
    article = _article("nato-finland.html")
    assert article.title == "Finland becomes NATO's 31st member"
    assert (article.source, article.outlet) == ("North Desk", "northdesk")
    assert article.authors == ("Aino Virtanen", "Jonas Berg")
    assert article.editor == "Mark Example"
    assert article.published_at == datetime(2023, 4, 4, 15, 20, tzinfo=UTC)
    assert article.standfirst == "The accession doubles the length of the alliance's land border with Russia."
    assert article.position == Position.MAIN and article.index == 0


def test_html_fixture_author_from_meta_when_the_byline_is_not_a_paragraph() -> None:
    article = _article("aukus-submarines.html")
    assert article.authors == ("Priya Raman",)
    assert (article.source, article.outlet) == ("Harbour Defence Review", "harbourdefencereview")
    assert article.published_at == datetime(2023, 3, 14, 2, 0, tzinfo=UTC)
