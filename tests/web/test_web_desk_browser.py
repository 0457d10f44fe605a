"""The analyst's desk tasks not tried elsewhere in the browser: find an article by a designator spelt
another way, typed into the search form (no URL typed). Real server, headless Chromium, 1366 and 390 px.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.web.test_web_browser import SHOTS, browser  # noqa: F401  # the shared Chromium fixture
from tests.web.test_web_search import _ingest

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

pytestmark = pytest.mark.browser
TITLE = "Air force shows its upgraded F-16s over São Paulo"  # tests/web/test_web_search.py writes it


@pytest.mark.parametrize("width", [1366, 390], ids=["1366", "390"])
def test_web_desk_browser_search_f16_by_the_form(browser: Any, site: WebSite, width: int) -> None:  # noqa: F811
    _ingest(site)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.goto(site.base_url + "/")
    tab.click("header.site nav >> text=Search")
    tab.fill("#q", "F16")
    tab.press("#q", "Enter")
    tab.wait_for_url("**/search?**q=F16**")
    hit = tab.locator("li.article-row", has_text=TITLE)
    assert hit.count() == 1
    assert "F-16s" in hit.locator("p.snippet mark").all_text_contents()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"search-f16-{width}.png"), full_page=True)
    hit.locator("a.title").click()
    tab.wait_for_url("**/articles/**")
    assert tab.locator("h1").first.inner_text().startswith(TITLE)
    context.close()
