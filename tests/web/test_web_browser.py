"""End-to-end in real headless Chromium (Debian's package, driven by Playwright): read, search, sign in,
comment, and show that hostile article text never runs. Screenshots go to build/screenshots/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from tests.web.conftest import PASSWORD, REPO

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO / "build" / "screenshots"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
HOSTILE = (
    "<script>window.__xss = 1</script>Ukraine gets "
    '<img src=x onerror="window.__xss = 2"> more Patriot systems\n\n'
    "Germany will send a third Patriot air-defence battery to Ukraine, officials in Berlin said on Tuesday. "
    '<a href="javascript:window.__xss = 3">Read more</a> <svg onload="window.__xss = 4"></svg> '
    "The battery follows two earlier deliveries from German stocks.\n"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium chromium-driver")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()


def _shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _example_id(site: WebSite) -> str:
    found = httpx.get(f"{site.base_url}/api/search", params={"q": "Rafale Marine Vikrant"}).json()
    return str(found["items"][0]["id"])


def test_web_browser_article_marks_entities_and_comment_flow(page: Any, site: WebSite) -> None:
    article_id = _example_id(site)
    page.goto(f"{site.base_url}/articles/{article_id}")
    assert page.locator("#article-text .mention").count() >= 5
    assert page.locator("#article-text .claim").count() >= 1
    assert page.locator("#article-text .quote").count() >= 1
    assert "events" in page.locator("#events").inner_text().lower() or page.locator("#events table").count()
    _shot(page, "article")
    page.click("#comments a[href^='/login']")
    page.fill("#name", "alice")
    page.fill("#password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"**/articles/{article_id}")
    assert page.locator("#signed-in-user").inner_text() == "alice"
    page.fill("#comment-body", "Delivery dates need a second source.")
    page.click("#comment-form button[type=submit]")
    page.wait_for_url(f"**/articles/{article_id}#comments")
    assert page.locator(".comment-body", has_text="Delivery dates need a second source.").count() == 1
    _shot(page, "article-commented")


def test_web_browser_related_search_entity_and_dyad_pages(page: Any, site: WebSite) -> None:
    page.goto(f"{site.base_url}/articles/{_example_id(site)}")
    related = page.locator("#related a").first
    title = related.inner_text()
    related.click()
    assert page.locator("h1.headline").inner_text().strip() == title.strip()
    page.goto(f"{site.base_url}/search")
    page.fill("#q", "submarines")
    page.click("form.search button")
    assert int(page.locator("#hit-count").inner_text().split()[0]) >= 1
    _shot(page, "search")
    page.goto(f"{site.base_url}/articles/{site.tp_article_id}")
    assert page.locator("#article-text .badge-denied").count() == 1
    page.locator("#article-text a.mention-country", has_text="Turkey").first.click()
    assert page.locator("h1").inner_text() == "Turkey"
    assert page.locator("svg.chart rect.bar").count() >= 1
    _shot(page, "entity")
    page.goto(f"{site.base_url}/dyad/TUR/PAK")
    assert (
        page.locator("svg.chart").count() == 1 and "armed drones" in page.locator("table.events").inner_text()
    )
    _shot(page, "dyad")


def test_web_browser_hostile_article_never_runs(page: Any, site: WebSite) -> None:
    response = httpx.post(
        f"{site.base_url}/api/ingest",
        files={"file": ("hostile.txt", HOSTILE.encode(), "text/plain")},
        headers={"Authorization": f"Bearer {site.tokens['alice']}"},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    found = httpx.get(f"{site.base_url}/api/search", params={"q": "Patriot battery Berlin"}).json()
    page.goto(f"{site.base_url}/articles/{found['items'][0]['id']}")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert "<script>" in page.locator("h1.headline").inner_text()
    assert page.locator("#article-text script, #article-text img, #article-text svg").count() == 0
    assert page.locator('#article-text a[href^="javascript:"]').count() == 0
    _shot(page, "hostile")


def test_web_browser_pages_fit_a_phone(browser: Any, site: WebSite) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740})
    phone = context.new_page()
    for name, path in (("home", "/"), ("phone-article", f"/articles/{site.tp_article_id}")):
        phone.goto(site.base_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 376, path
        _shot(phone, f"phone-{name}")
    context.close()


def test_web_browser_screenshots_are_pngs() -> None:
    shots = sorted(SHOTS.glob("*.png")) if SHOTS.is_dir() else []
    if not shots:
        pytest.skip("no screenshots taken (browser tests skipped)")
    for shot in shots:
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000, shot.name
