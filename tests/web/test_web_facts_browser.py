"""The analyst's desk in real headless Chromium: tasks done by navigation only, layout checked at 1366 px
and 390 px (nothing wider than the viewport, the status column in view). Screenshots: build/screenshots/.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from tests.web.conftest import SENTENCES
from tests.web.test_web_browser import SHOTS, browser  # noqa: F401  # the shared Chromium fixture

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

pytestmark = pytest.mark.browser

WIDE, PHONE = 1366, 390
LONG_WORD = "Submarine" + "x" * 3000
LONG_PAGE = (
    f"A very long word in a defence report\n\nThe navy said {LONG_WORD} was the codename of the refit.\n"
)


def _tab(browser: Any, width: int) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    context.set_default_timeout(30_000)  # a shared, busy machine
    return context.new_page()


@pytest.fixture
def wide(browser: Any) -> Iterator[Any]:  # noqa: F811
    tab = _tab(browser, WIDE)
    yield tab
    tab.context.close()


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _in_view(page: Any, selector: str, width: int) -> None:
    box = page.locator(selector).first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, selector


def test_web_facts_browser_who_denied_what_between_two_countries(wide: Any, site: WebSite) -> None:
    wide.goto(site.base_url + "/")
    wide.click("header.site nav >> text=Relationships")
    row = wide.locator("#dyads tr", has_text="Turkey").filter(has_text="Pakistan")
    row.locator("a.denials").click()
    wide.wait_for_url("**/claims?**")
    rows = wide.locator("#fact-table tr.fact")
    assert rows.count() >= 1
    assert wide.locator("#fact-table td.status .badge").all_text_contents() == ["denied"] * rows.count()
    drones = rows.filter(has_text=SENTENCES[2])
    assert "Turkey" in drones.locator(".party-denies").inner_text()
    _in_view(wide, "#fact-table td.status", WIDE)
    _fits(wide, WIDE)
    _shot(wide, "claims-denied-1366")
    wide.click("header.site nav >> text=Claims")
    wide.select_option("#f-status", "denied")
    wide.click("#fact-filters button[type=submit]")
    wide.wait_for_url("**status=denied**")
    total = httpx.get(f"{site.base_url}/api/claims", params={"status": "denied"}).json()["total"]
    assert int(wide.locator("#fact-count strong").inner_text()) == total >= 1


def test_web_facts_browser_entity_to_dyad_to_claim_to_sentence(wide: Any, site: WebSite) -> None:
    wide.goto(site.base_url + "/")
    wide.click("header.site nav >> text=Entities")
    wide.locator("main a", has_text="Turkey").first.click()
    wide.locator("#counterparts a.dyad-link", has_text="Pakistan").click()
    wide.wait_for_url("**/dyad/TUR/PAK")
    own = wide.locator("svg.strip circle.when-text")
    reported = wide.locator("svg.strip circle.when-report")
    assert own.count() == 1 and reported.count() == 1
    assert float(own.get_attribute("cx")) < float(reported.get_attribute("cx"))  # 2016 before its 2025 report
    assert "2016" in own.locator("title").text_content()
    _shot(wide, "dyad-1366")
    first = wide.locator("#dyad-claims li").first
    assert first.locator(".badge").text_content() == "denied"
    first.locator("a.sentence").click()
    wide.wait_for_url("**/articles/tp0000000000abcd#s-3")
    target = wide.locator("#s-3")
    assert "Turkey" in target.inner_text()
    wide.wait_for_function("document.getElementById('s-3').classList.contains('sentence-target')")
    pieces = wide.locator('[data-s="3"]')
    assert "".join(pieces.all_text_contents()) == SENTENCES[2]
    assert wide.locator(".sentence-target").count() == pieces.count()


def test_web_facts_browser_filter_events_by_facet_and_download_csv(wide: Any, site: WebSite) -> None:
    wide.goto(site.base_url + "/")
    wide.click("header.site nav >> text=Events")
    facet = wide.locator("#facet-subtype li", has_text="upgrade")
    count = int(facet.locator(".count").inner_text())
    facet.locator("a").click()
    wide.wait_for_url("**subtype=upgrade**")
    assert int(wide.locator("#fact-count strong").inner_text()) == count == wide.locator("tr.fact").count()
    _shot(wide, "events-upgrade-1366")
    with wide.expect_download() as info:
        wide.click("#csv-link")
    with open(info.value.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count and {r["subtype"] for r in rows} == {"upgrade"}
    wide.fill("#f-actor", "PAK")
    wide.click("#fact-filters button[type=submit]")
    wide.wait_for_url("**actor=PAK**")
    expected = httpx.get(f"{site.base_url}/api/events", params={"subtype": "upgrade", "actor": "PAK"}).json()
    assert int(wide.locator("#fact-count strong").inner_text()) == expected["total"] >= 1
    assert "ev-upgrade" in {e["id"] for e in expected["items"]}


@pytest.mark.parametrize("width", [WIDE, PHONE], ids=["1366", "390"])
def test_web_facts_browser_pages_fit_the_viewport(browser: Any, site: WebSite, width: int) -> None:  # noqa: F811
    response = httpx.post(
        f"{site.base_url}/api/ingest", files={"file": ("long.txt", LONG_PAGE.encode(), "text/plain")},
        headers={"Authorization": f"Bearer {site.tokens['bob']}"}, timeout=60,
    )  # fmt: skip
    assert response.status_code in (200, 201), response.text
    long_id = httpx.get(f"{site.base_url}/api/search", params={"q": "codename refit"}).json()["items"][0][
        "id"
    ]
    tab = _tab(browser, width)
    pages = {
        "claims": "/claims", "events": "/events", "quotes": "/quotes", "relationships": "/relationships",
        "dyad": "/dyad/TUR/PAK", "entity": "/entities/TUR", "article": f"/articles/{site.tp_article_id}",
        "long-word": f"/articles/{long_id}",
    }  # fmt: skip
    for name, path in pages.items():
        tab.goto(site.base_url + path)
        _fits(tab, width)
        _shot(tab, f"{name}-{width}")
    tab.goto(f"{site.base_url}/articles/{site.tp_article_id}")
    _in_view(tab, "#key-facts-table td.status", width)
    tab.goto(f"{site.base_url}/claims")
    _in_view(tab, "#fact-table td.status", width)
    tab.context.close()
