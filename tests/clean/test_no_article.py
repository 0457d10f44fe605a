"""The clean stage says when a readable page holds no article (``NoArticle``), apart from unreadable input."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest

from newsift.clean import NoArticle, split_document
from newsift.clean.no_article import has_prose, navigation_only
from newsift.errors import InputError
from newsift.model import ContentType, RawDocument

SITE_MAP = """<html><head><title>Valley Gazette</title></head><body><nav><h2>Sections</h2><ul>
<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/about">About us</a></li>
</ul></nav></body></html>"""
BARE = "<html><head><title>Blank</title></head><body><p></p></body></html>"
STORY = """<html><head><title>Bridge reopens</title></head><body><h1>Bridge reopens</h1>
<p>The old river bridge reopened to traffic on Monday after two years of repairs, the town said.</p>
<p>Cyclists get a lane of their own, <a href="/cycling">the plan shows</a>.</p>
<a href="/">Home</a> <a href="/traffic">Traffic</a></body></html>"""


def _split(name: str, html: str) -> list[str]:
    raw = RawDocument(
        uri=name, content=html.encode(), content_type=ContentType.HTML, fetched_at=datetime.now(UTC)
    )
    return [a.title for a in split_document(raw, html).articles]


@pytest.mark.parametrize(
    ("html", "detail"), [(SITE_MAP, "navigation only"), (BARE, "no article text")], ids=["links", "empty"]
)
def test_clean_page_without_article_raises_no_article(html: str, detail: str) -> None:
    with pytest.raises(NoArticle, match=detail) as info:
        _split("page.html", html)
    assert info.value.source == "page.html"


def test_clean_story_with_links_is_an_article() -> None:
    assert _split("bridge.html", STORY) == ["Bridge reopens"]
    assert has_prose(STORY) and not has_prose(SITE_MAP)


def test_clean_navigation_only_needs_two_links() -> None:
    one_link = '<html><head><title>Go</title></head><body><a href="/">Home</a></body></html>'
    assert not has_prose(one_link)
    assert not navigation_only(one_link, ())


def test_clean_no_article_is_an_input_error_that_crosses_processes() -> None:
    err = pickle.loads(pickle.dumps(NoArticle("menu.html", "navigation only")))
    assert isinstance(err, NoArticle) and isinstance(err, InputError)
    assert (err.source, err.reason) == ("menu.html", "navigation only")
