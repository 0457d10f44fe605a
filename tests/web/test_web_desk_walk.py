"""Issue 17's done-when, walked once as a new user: a store made the README's way (``newsift ingest`` of the
project's examples and the example page), a real server, headless Chromium, and after the home page only
clicks and form fields (no URL typed). What each step expects comes from the store through the CLI's
``--json`` views, so that the page is checked against another face of the same records.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import REPO, serve
from tests.web.test_web_browser import browser  # noqa: F401  # the shared Chromium fixture
from tests.web.test_web_facts_browser import PHONE, WIDE, _fits, _shot, _tab
from typer.testing import CliRunner

from newsift.cli import app
from newsift.cli.web import register

pytestmark = [pytest.mark.browser, pytest.mark.shared, pytest.mark.model]

register(app)
USER, PASSWORD = "walker", "a walk through the desk"


@dataclass(frozen=True)
class Desk:
    base_url: str
    db: str


def _cli(db: str, *args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, ["--db", db, *args], input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


def _cli_json(db: str, *args: str) -> Any:
    return json.loads(_cli(db, *args, "--json"))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, shared_example: Path) -> Iterator[Desk]:
    """The README's store: the examples folder and the example page ingested by the CLI; a user added by
    the CLI; the web UI served by a real uvicorn on 127.0.0.1."""
    from newsift.web import create_app

    db = str(tmp_path_factory.mktemp("walk") / "desk.db")
    _cli(db, "ingest", str(REPO / "examples"), str(shared_example))
    _cli(db, "user", "add", USER, "--password-stdin", stdin=PASSWORD + "\n")
    with serve(create_app(db)) as base_url:
        yield Desk(base_url=base_url, db=db)


@pytest.fixture(scope="module", params=[WIDE, PHONE], ids=["1366", "390"])
def tab(browser: Any, desk: Desk, request: pytest.FixtureRequest) -> Iterator[Any]:  # noqa: F811
    """One tab for the whole walk at each width, opened on the home page: the only URL the test gives."""
    page = _tab(browser, request.param)
    page.goto(desk.base_url + "/")
    yield page
    page.context.close()


def _width(tab: Any) -> int:
    return int(tab.viewport_size["width"])


def _check_layout(tab: Any, name: str) -> None:
    """Nothing wider than the viewport; a screenshot for people to look at."""
    _fits(tab, _width(tab))
    _shot(tab, f"walk-{name}-{_width(tab)}")


def _home(tab: Any) -> None:
    tab.click("header.site a.brand")
    tab.wait_for_selector("main h1")


def test_web_desk_walk_1_every_denial_with_its_denier_and_sentence(tab: Any, desk: Desk) -> None:
    denials = _cli_json(desk.db, "claims", "--status", "denied")
    assert denials, "the examples hold denials"
    _home(tab)
    tab.click("header.site nav >> text=Claims")
    tab.click("#facet-status a:has(.badge-denied)")
    tab.wait_for_url("**/claims?**status=denied**")
    count = tab.locator("#facet-status li", has=tab.locator(".badge-denied")).locator(".count")
    assert int(count.inner_text()) == len(denials) == int(tab.locator("#fact-count strong").inner_text())
    rows = tab.locator("#fact-table tr.fact")
    assert rows.count() == len(denials)
    shown = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.locator(".badge").text_content() == "denied"
        denier = row.locator(".party-denies")
        assert denier.count() == 1, row.inner_text()  # a denier, or "not named" said in so many words
        shown.setdefault(row.locator("a.sentence").inner_text(), []).append(denier.inner_text())
    for claim in denials:
        assert claim["evidence"]["sentence"] in shown, claim["evidence"]["sentence"]
    named = [c for c in denials if c["denied_by"]]
    assert named and all(any("not named" not in w for w in shown[c["evidence"]["sentence"]]) for c in named)
    _check_layout(tab, "1-denials")
    first = rows.first.locator("a.sentence")
    sentence = first.inner_text()
    first.click()
    tab.wait_for_url("**/articles/**#s-*")
    lit = tab.locator(".sentence-target")  # every piece of the sentence, highlighted on arrival
    assert lit.count() >= 1 and "".join(lit.all_text_contents()).strip() == sentence
    assert tab.locator(":target").is_visible()


def _codes(event: dict[str, Any]) -> set[str]:
    """The actors of an event in any role, by country code else entity id (the dyad rule)."""
    actors = [*event["source"], *event["target"], *event["participants"]]
    return {a.get("code") or a.get("id") for a in actors}


def _own_years(events: list[dict[str, Any]]) -> set[str]:
    """The years of the events' own dates (not the report's), as the CLI gives them."""
    years = set()
    for e in events:
        time = e.get("time") or {}
        if time.get("value") and time.get("source") != "report":
            years.add(str(time["value"])[:4])
        elif e.get("year"):
            years.add(str(e["year"]))
    return years


def test_web_desk_walk_2_turkey_to_pakistan_timeline_on_own_years(tab: Any, desk: Desk) -> None:
    events = [e for e in _cli_json(desk.db, "events", "--actor", "TUR") if "PAK" in _codes(e)]
    years = _own_years(events)
    assert len(years) > 1, years
    _home(tab)
    tab.click("header.site nav >> text=Entities")
    tab.locator("main a", has_text="Turkey").first.click()
    tab.wait_for_url("**/entities/TUR")
    tab.locator("#counterparts a.dyad-link", has_text="Pakistan").click()
    tab.wait_for_url("**/dyad/TUR/PAK")
    strip = tab.locator("#timeline svg")
    assert strip.is_visible()
    labels = set(strip.locator("text").all_text_contents())
    assert years <= labels, (years, labels)
    per_year = tab.locator("#timeline-years").inner_text()
    for year in years:
        assert f"{year} " in per_year, (year, per_year)
    _check_layout(tab, "2-dyad")


def test_web_desk_walk_3_events_by_subtype_and_actor_to_csv(tab: Any, desk: Desk) -> None:
    _home(tab)
    tab.click("header.site nav >> text=Events")
    tab.select_option("#f-subtype", "arms_transfer")
    tab.click("#fact-filters button[type=submit]")
    tab.wait_for_url("**/events?**subtype=arms_transfer**")
    actor = tab.locator("#facet-actor li", has=tab.locator('a[href$="actor=TUR"]'))
    assert "Turkey" in actor.inner_text()  # named, not only coded
    n_facet = int(actor.locator(".count").inner_text())
    actor.locator("a").click()
    tab.wait_for_url("**actor=TUR**")
    total = int(tab.locator("#fact-count strong").inner_text())
    assert total == n_facet > 0
    subtype = tab.locator("#facet-subtype li", has_text="arms_transfer").locator(".count")
    assert int(subtype.inner_text()) == total
    expected = _cli_json(desk.db, "events", "--subtype", "arms_transfer", "--actor", "TUR")
    assert len(expected) == total
    with tab.expect_download() as info:
        tab.click("#csv-link")
    with open(info.value.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == total
    assert {r["subtype"] for r in rows} == {"arms_transfer"}
    _check_layout(tab, "3-events")


def test_web_desk_walk_4_search_f16_finds_the_example_article(
    tab: Any, desk: Desk, shared_example: Path
) -> None:
    articles = _cli_json(desk.db, "articles", "--limit", "100")
    page_article = next(a for a in articles if a["uri"] and a["uri"].endswith(shared_example.name))
    _home(tab)
    tab.click("header.site nav >> text=Search")
    tab.fill("#q", "F16")
    tab.press("#q", "Enter")
    tab.wait_for_url("**/search?**q=F16**")
    hit = tab.locator("li.article-row", has_text=page_article["title"])
    assert hit.count() == 1
    assert hit.locator("p.snippet mark").count() >= 1
    hit.locator("a.title").click()
    tab.wait_for_url("**/articles/**")
    assert tab.locator("h1").first.inner_text().startswith(page_article["title"])


def test_web_desk_walk_4b_from_the_article_to_the_weapon_and_its_event(tab: Any, desk: Desk) -> None:
    """The F16 hit's article links the aircraft; its page lists the event whose item it is (an upgrade
    of the aircraft is about it though it acts in nothing) and, being a weapon, says nothing itself."""
    _home(tab)
    tab.click("header.site nav >> text=Search")
    tab.fill("#q", "F16")
    tab.press("#q", "Enter")
    tab.locator("#search-results a.title").first.click()
    tab.wait_for_url("**/articles/**")
    tab.locator("#article a.mention-weapon_system", has_text="F-16").first.click()
    tab.wait_for_url("**/entities/**")
    events = tab.locator("#entity-events table.events tbody tr:not(.evidence)")
    assert events.count() >= 1
    assert any("F-16" in item for item in events.locator("td:nth-child(4)").all_inner_texts())
    headings = tab.locator("main h2").all_inner_texts()
    assert not any(h.startswith("What") and h.endswith("said") for h in headings), headings
    _check_layout(tab, "4b-weapon")


def test_web_desk_walk_5_save_a_dyad_watch_and_see_it_in_the_header(tab: Any, desk: Desk) -> None:
    _home(tab)
    if tab.locator("#signed-in-user").count() == 0:
        tab.click("header.site .account >> text=Sign in")
        tab.fill("#name", USER)
        tab.fill("#password", PASSWORD)
        tab.click("form.stacked button[type=submit]")
        tab.wait_for_selector("#signed-in-user")
    before = len(_cli_json(desk.db, "watch", "list"))
    tab.click("header.site nav >> text=Relationships")
    tab.locator("#dyads a", has_text="Pakistan").first.click()
    tab.wait_for_url("**/dyad/**")
    tab.fill("#watch-name", "Turkey and Pakistan")
    tab.click("#watch-this button[type=submit]")
    tab.wait_for_selector("#watch-saved")
    header = tab.locator("header.site #watches-link")
    assert tab.locator("header.site #watch-count").inner_text() == f"({before + 1})", header.inner_text()
    header.click()
    tab.wait_for_url("**/watches")
    assert tab.locator("#my-watches a.watch-name", has_text="Turkey and Pakistan").count() == before + 1
    _check_layout(tab, "5-watch")


def test_web_desk_walk_speakers_faceted_by_name(desk: Desk) -> None:
    """The quotes' speaker facet names a resolved speaker by the entity's name, not its id."""
    facets = httpx.get(f"{desk.base_url}/quotes.json", timeout=60).json()["facets"]["speaker"]
    named = [f for f in facets if "label" in f]
    assert named and all(f["label"] != f["value"] for f in named), facets
    page = html.unescape(httpx.get(f"{desk.base_url}/quotes", timeout=60).text)
    assert f"{named[0]['label']} <small>{named[0]['value']}</small>" in page
