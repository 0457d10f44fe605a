"""Watches in real headless Chromium: a signed-in analyst saves a relationship and a search as watches by
navigation only, finds them by name on the watches page, sees the header count rise when a matching
article is ingested and fall when the watch is opened; the pages fit a 390 px phone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pytest
from tests.web.conftest import PASSWORD
from tests.web.test_web_browser import browser  # noqa: F401  # the shared Chromium fixture
from tests.web.test_web_facts_browser import PHONE, WIDE, _fits, _shot, _tab, wide  # noqa: F401

from newsift.brief.watch import list_watches
from newsift.store import SqliteStore

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

pytestmark = pytest.mark.browser

USER = "erin"
PAGE = (
    "Lighthouse keepers return to the northern cape\n\nThe coastal trust said two keepers would live at "
    "the lighthouse again from April, the first since its lamp was automated decades ago.\n"
)


@pytest.fixture
def erin(site: WebSite) -> None:
    """A user with no watches yet."""
    from newsift.web.auth import create_user

    store = SqliteStore(site.db_path)
    if not store.accounts.has_user(USER):
        create_user(store, USER, PASSWORD)
    for watch in list_watches(store, owner=USER):
        store.watches.delete(watch.id, USER)
    store.close()


def _sign_in(tab: Any, site: WebSite) -> None:
    tab.goto(site.base_url + "/")
    tab.click("header.site .account >> text=Sign in")
    tab.fill("#name", USER)
    tab.fill("#password", PASSWORD)
    tab.click("form.stacked button[type=submit]")
    tab.wait_for_selector("#signed-in-user")


def test_web_watches_browser_save_a_dyad_and_see_it_listed(wide: Any, site: WebSite, erin: None) -> None:  # noqa: F811
    _sign_in(wide, site)
    wide.click("header.site nav >> text=Entities")
    wide.locator("main a", has_text="Turkey").first.click()
    wide.locator("#counterparts a.dyad-link", has_text="Pakistan").click()
    wide.wait_for_url("**/dyad/TUR/PAK")
    wide.fill("#watch-name", "Turkey and Pakistan, arms")
    wide.click("#watch-this button[type=submit]")
    assert "see your watches" in wide.locator("#watch-saved").inner_text()
    assert wide.locator("#watch-new").count() == 0  # what matched when saved is not new
    wide.click("header.site nav >> #watches-link")
    wide.wait_for_url("**/watches")
    item = wide.locator("#my-watches li.watch", has_text="Turkey and Pakistan, arms")
    assert item.count() == 1 and "Turkey ↔ Pakistan" in item.inner_text()
    _fits(wide, WIDE)
    _shot(wide, "watches-1366")
    item.locator("summary", has_text="Edit").click()
    item.locator("input[name=name]").fill("Ankara and Islamabad")
    item.locator("form.edit-watch button[type=submit]").click()
    wide.wait_for_url("**/watches#watch-*")
    assert wide.locator("#my-watches a.watch-name").all_inner_texts() == ["Ankara and Islamabad"]
    wide.locator("#my-watches form.delete-watch button").click()
    wide.wait_for_url("**/watches")
    assert wide.locator("#no-watches").is_visible()


def test_web_watches_browser_header_counts_a_new_matching_article(
    browser: Any,  # noqa: F811
    site: WebSite,
    erin: None,
) -> None:
    tab = _tab(browser, PHONE)
    _sign_in(tab, site)
    tab.click("header.site nav >> text=Search")
    tab.fill("#q", "lighthouse")
    tab.click("form.search button[type=submit]")
    tab.wait_for_url("**q=lighthouse**")
    tab.click("#watch-this button[type=submit]")
    tab.wait_for_selector("#watch-saved")
    assert tab.locator("#watch-new").count() == 0
    _fits(tab, PHONE)
    response = httpx.post(
        f"{site.base_url}/api/ingest", files={"file": ("cape.txt", PAGE.encode(), "text/plain")},
        headers={"Authorization": f"Bearer {site.tokens['bob']}"}, timeout=120,
    )  # fmt: skip
    assert response.status_code in (200, 201), response.text
    tab.reload()
    badge = tab.locator("#watch-new")
    assert badge.is_visible() and int(badge.inner_text().split()[0]) >= 1
    tab.click("#watches-link")
    tab.locator("#my-watches a.watch-name", has_text="lighthouse").click()
    new = tab.locator("#watch-articles li.is-new")
    assert new.count() == 1 and "Lighthouse keepers return" in new.inner_text()
    _fits(tab, PHONE)
    _shot(tab, "watch-opened-390")
    tab.click("header.site nav >> text=Articles")
    assert tab.locator("#watch-new").count() == 0  # opened, so nothing is new any more
    for path in ("/watches", "/dyad/TUR/PAK", "/entities/TUR", "/claims?status=denied"):
        tab.goto(site.base_url + path)
        _fits(tab, PHONE)
    tab.context.close()


DYAD_PAGE = (
    "Second corvette handed over to Pakistan\n\nTurkey delivered a second corvette to Pakistan on Monday, "
    "the defence ministry in Ankara said, a year after the first ship of the class was handed over.\n"
)


def test_web_watches_browser_header_counts_a_new_event_of_a_watched_dyad(
    browser: Any,  # noqa: F811
    site: WebSite,
    erin: None,
) -> None:
    """A watch saved on a relationship's page counts, in the header of every page, the events between
    the two countries stored after it, until it is opened."""
    tab = _tab(browser, WIDE)
    _sign_in(tab, site)
    tab.click("header.site nav >> text=Entities")
    tab.locator("main a", has_text="Turkey").first.click()
    tab.locator("#counterparts a.dyad-link", has_text="Pakistan").click()
    tab.wait_for_url("**/dyad/TUR/PAK")
    tab.fill("#watch-name", "Ankara and Islamabad")
    tab.click("#watch-this button[type=submit]")
    tab.wait_for_selector("#watch-saved")
    assert tab.locator("#watch-new").count() == 0
    response = httpx.post(
        f"{site.base_url}/api/ingest", files={"file": ("corvette.txt", DYAD_PAGE.encode(), "text/plain")},
        headers={"Authorization": f"Bearer {site.tokens['bob']}"}, timeout=120,
    )  # fmt: skip
    assert response.status_code in (200, 201), response.text
    for path in ("/", "/entities/TUR", "/claims"):
        tab.goto(site.base_url + path)
        badge = tab.locator("#watch-new")
        assert badge.is_visible() and int(badge.inner_text().split()[0]) >= 1, path
    tab.click("#watches-link")
    tab.locator("#my-watches a.watch-name", has_text="Ankara and Islamabad").click()
    new = tab.locator("#watch-facts li.fact.is-new")  # facts first, each citing its new report
    assert new.count() >= 1 and "Second corvette handed over" in new.first.inner_text()
    assert "new since your last visit" in tab.locator("#watch-new-here").inner_text()
    _fits(tab, WIDE)
    _shot(tab, "watch-dyad-opened-1366")
    tab.goto(site.base_url + "/")
    assert tab.locator("#watch-new").count() == 0
    tab.context.close()
