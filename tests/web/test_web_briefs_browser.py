"""In real headless Chromium: a brief shows each fact with a citation link that opens the cited article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.web.conftest import SENTENCES
from tests.web.test_web_browser import _shot, browser, page  # noqa: F401  (fixtures)

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

pytestmark = pytest.mark.browser


def test_web_briefs_browser_citation_opens_the_article(page: Any, site: WebSite) -> None:  # noqa: F811
    page.goto(f"{site.base_url}/briefs/articles/{site.tp_article_id}")
    assert page.locator("#brief-subject").inner_text().startswith("Brief: Turkey and Pakistan")
    facts = page.locator("#fact-list")
    assert SENTENCES[0] in facts.inner_text()
    link = facts.locator("a.cite").first
    assert link.get_attribute("href") == f"/articles/{site.tp_article_id}"
    _shot(page, "brief")
    link.click()
    page.wait_for_url(f"**/articles/{site.tp_article_id}")
    assert page.locator("#article-text .mention").count() >= 5
    assert page.evaluate("() => window.__xss") is None
