"""The story page and the corroboration count, over a real server on 127.0.0.1 and a store of its own:
four reports from three outlets about one arms delivery (two assert it, one carries a denial) and one
exercise two outlets report alike. Browser checks (headless Chromium) at 1366 px and 390 px.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import serve
from tests.web.test_web_browser import SHOTS, browser  # noqa: F401  # the shared Chromium fixture

from newsift import codec
from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    Event,
    EventMode,
    EventTime,
    Evidence,
    PloverType,
    Position,
    RawDocument,
    Sentence,
    Story,
)
from newsift.store import SqliteStore, Store
from newsift.store.corroboration import happening_key
from newsift.store.facts import FactFilters
from newsift.store.records import LinkRow

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

MIGRATIONS = Path(__file__).parents[2] / "src" / "newsift" / "store" / "migrations"
STORY_ID = "story-jets"
DAY = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)
# Written for these tests (a made-up delivery between real countries; no benchmark text).
DELIVERY = "France delivered twelve jets to India in 2023, officials said."
DENIAL = "India denied that France delivered twelve jets to it in 2023."
EXERCISE = "The two navies held a joint exercise off Goa in 2024."
FOLLOW_UP = "A second batch is due next year, the ministry added."
FRA = Actor(text="France", id="FRA", code="FRA")
IND = Actor(text="India", id="IND", code="IND")


@dataclass(frozen=True)
class Report:
    """One member article: its outlet, day, sentences and which of them carries an event."""

    id: str
    outlet: str
    days: int
    title: str
    sentences: tuple[str, ...]
    delivery_status: ClaimStatus
    has_exercise: bool = False


REPORTS = (
    Report("st-wire", "wire-one", 0, "France hands jets to India", (DELIVERY, EXERCISE), ClaimStatus.ASSERTED,
           has_exercise=True),
    Report("st-daily", "daily-two", 1, "Jets arrive in India from France", (DELIVERY,),
           ClaimStatus.ASSERTED),
    Report("st-paper", "paper-three", 2, "Delhi disputes jet delivery", (DENIAL, EXERCISE),
           ClaimStatus.DENIED, has_exercise=True),
    Report("st-wire2", "wire-one", 3, "France and India: the jets, a follow-up", (DELIVERY, FOLLOW_UP),
           ClaimStatus.ASSERTED),
)  # fmt: skip


def _build(report: Report) -> tuple[RawDocument, Article, Analysis]:
    body = "\n\n".join(report.sentences)
    when = DAY + timedelta(days=report.days)
    raw = RawDocument(uri=f"fixture://{report.id}", content=body.encode(), content_type="text/plain",
                      fetched_at=when)  # fmt: skip
    article = Article(
        id=report.id, page_id=raw.id, position=Position.MAIN, index=0, title=report.title, body=body,
        outlet=report.outlet, published_at=when, fetched_at=when,
    )  # fmt: skip
    text, sentences, cursor = article.text, [], 0
    for i, part in enumerate((report.title, *report.sentences)):
        start = text.index(part, cursor)
        sentences.append(Sentence(article_id=article.id, index=i, start=start, end=start + len(part)))
        cursor = start + len(part)

    def evidence(i: int) -> Evidence:
        s = sentences[i]
        return Evidence(
            article_id=article.id, sentence=i, start=s.start, end=s.end, text=text[s.start : s.end]
        )

    delivery = Event(
        id=f"{report.id}-jets", type=PloverType.AID, mode=EventMode.MILITARY, subtype="arms_transfer",
        evidence=evidence(1), source=(FRA,), target=(IND,), item="jets", quantity=12,
        time=EventTime(text="2023", value="2023", precision="year"), status=report.delivery_status,
    )  # fmt: skip
    denied = report.delivery_status == ClaimStatus.DENIED
    claims = [
        Claim(id=f"{report.id}-c-jets", status=report.delivery_status, evidence=delivery.evidence,
              event_id=delivery.id, denied_by=("IND",) if denied else ())
    ]  # fmt: skip
    events = [delivery]
    if report.has_exercise:
        exercise = Event(
            id=f"{report.id}-drill", type=PloverType.COOPERATE, mode=EventMode.MILITARY, subtype="exercise",
            evidence=evidence(2), participants=(FRA, IND), year=2024, item="Drill Ébène",
        )  # fmt: skip
        events.append(exercise)
        drill = Claim(
            id=f"{report.id}-c-drill", status=ClaimStatus.ASSERTED, evidence=exercise.evidence,
            event_id=exercise.id,
        )  # fmt: skip
        claims.append(drill)
    annotated = AnnotatedArticle(article=article, sentences=tuple(sentences))
    return raw, article, Analysis(annotated=annotated, events=tuple(events), claims=tuple(claims))


def _fill(path: Path) -> None:
    store = SqliteStore(path)
    _fill_store(store)
    store.close()


def _fill_store(store: Store) -> None:
    built = [_build(r) for r in REPORTS]
    store.store_batch([(raw, [art]) for raw, art, _ in built], {art.id: an for _, art, an in built})
    story = Story(
        id=STORY_ID, label="France delivers jets to India", article_ids=tuple(r.id for r in REPORTS),
        first_at=DAY, last_at=DAY + timedelta(days=3),
    )  # fmt: skip
    store.replace_links("story", [LinkRow(key=story.id, record=codec.encode(story).decode(), rank=0)])


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsift.web import create_app

    path = tmp_path_factory.mktemp("story") / "news.db"
    _fill(path)
    with serve(create_app(str(path))) as base_url:
        yield base_url


def test_web_story_statuses_by_outlet(story_site: str) -> None:
    story = httpx.get(f"{story_site}/stories/{STORY_ID}.json").json()
    assert (story["n_articles"], story["n_outlets"]) == (4, 3)
    assert story["first_seen"].startswith("2024-03-04") and story["last_seen"].startswith("2024-03-07")
    first = story["happenings"][0]  # where the outlets differ comes first
    assert first["differs"] and first["summary"] == "2 outlets assert, 1 denies"
    assert first["by_status"] == {"denied": ["paper-three"], "asserted": ["wire-one", "daily-two"]}
    assert first["reports"][0]["status"] == "denied" and first["reports"][0]["denied_by"] == ["IND"]
    alike = story["happenings"][1]
    assert not alike["differs"] and alike["summary"] == "2 outlets assert"


def test_web_story_members_by_outlet_with_headlines(story_site: str) -> None:
    outlets = httpx.get(f"{story_site}/stories/{STORY_ID}.json").json()["outlets"]
    assert [o["outlet"] for o in outlets] == ["wire-one", "daily-two", "paper-three"]
    assert [a["title"] for a in outlets[0]["articles"]] == [REPORTS[0].title, REPORTS[3].title]


def test_web_story_unknown_is_a_404(story_site: str) -> None:
    response = httpx.get(f"{story_site}/stories/nothing-here.json")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    page = httpx.get(f"{story_site}/stories/nothing-here", headers={"accept": "text/html"})
    assert page.status_code == 404 and "nothing-here" in page.text


def test_web_story_corroboration_counts_outlets_not_articles(story_site: str) -> None:
    page = httpx.get(f"{story_site}/claims", params={"sort": "-corroboration", "limit": 10})
    rows = page.text.split('<tr class="fact">')[1:]
    counts = [int(r.split('class="outlets"')[1].split("<strong>")[1].split("<")[0]) for r in rows]
    # the jets: three outlets (wire-one twice), one of them a denial; the exercise: two outlets
    assert counts == [3, 3, 3, 3, 2, 2]
    assert DENIAL in rows[0]  # equal counts: denials first


def test_web_story_corroboration_sort_is_a_keyset_list(story_site: str) -> None:
    first = httpx.get(f"{story_site}/api/claims", params={"sort": "-corroboration", "limit": 4}).json()
    assert first["sort"] == "-corroboration" and first["next"]
    rest = httpx.get(
        f"{story_site}/claims.json", params={"sort": "-corroboration", "limit": 4, "after": first["next"]}
    ).json()
    assert "items" in rest, rest
    ids = [c["id"] for c in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 6 and {c["event_id"] for c in rest["items"]} == {
        "st-wire-drill",
        "st-paper-drill",
    }


def _recompute_keys(store: Any, dialect: str) -> tuple[dict[str, str], dict[str, str]]:
    """The happening keys as written with the events, and as migration 010 computes them again."""
    written = dict(store._fetch("SELECT id, happening FROM events", []))
    migration = MIGRATIONS / f"010_event_happening.{dialect}.sql"
    update = migration.read_text(encoding="utf-8").split("UPDATE", 1)[1].split(";", 1)[0]
    store.write(lambda tx: tx.execute("UPDATE " + update, []), "recompute")
    return written, dict(store._fetch("SELECT id, happening FROM events", []))


def test_web_story_happening_key_matches_the_migration(tmp_path: Path) -> None:
    """The key written with each event equals the one migration 010 computes for stored events."""
    store = SqliteStore(tmp_path / "news.db")
    _fill_store(store)
    written, again = _recompute_keys(store, "sqlite")
    store.close()
    assert written == again and len(set(written.values())) == 2
    built = {e.id: happening_key(e) for r in REPORTS for e in _build(r)[2].events}
    assert built == written


@pytest.mark.postgres
def test_web_story_corroboration_on_postgres(pg_url: str, tmp_path: Path) -> None:
    """PostgreSQL writes and recomputes the same keys, counts the same outlets and sorts alike."""
    from newsift.store import open_store

    found = {}
    for name, store in (("sqlite", SqliteStore(tmp_path / "news.db")), ("postgres", open_store(pg_url))):
        _fill_store(store)
        written, again = _recompute_keys(store, name)
        assert written == again, name
        page = store.query_fact_page("claims", FactFilters(), sort="-corroboration", limit=10, facets=False)
        found[name] = (written, store.query_corroboration(sorted(written)), [r.record for r in page.rows])
        store.close()
    assert found["sqlite"] == found["postgres"]


# --- in the browser --------------------------------------------------------------------------------


def _tab(browser: Any, width: int) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(30_000)
    return context.new_page()


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390], ids=["1366", "390"])
def test_web_story_browser_from_stories_to_a_denial(browser: Any, story_site: str, width: int) -> None:  # noqa: F811
    tab = _tab(browser, width)
    tab.goto(story_site + "/")
    tab.click("header.site nav >> text=Stories")
    tab.locator("a.story-link", has_text="France delivers jets").click()
    tab.wait_for_url(f"**/stories/{STORY_ID}")
    differs = tab.locator("#story-differs article.happening")
    assert differs.count() == 1 and "2 outlets assert, 1 denies" in differs.locator(".summary").inner_text()
    assert tab.locator("#story-members tr.outlet").count() == 3
    status = differs.locator("td.status").first
    box = status.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert status.inner_text().lower().startswith("denied")
    _fits(tab, width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"story-{width}.png"), full_page=True)
    differs.locator("a.sentence").first.click()
    tab.wait_for_url("**/articles/st-paper#s-1")
    tab.wait_for_function("document.getElementById('s-1').classList.contains('sentence-target')")
    assert "denied" in tab.locator("#s-1").inner_text()
    tab.context.close()


@pytest.mark.browser
def test_web_story_browser_claims_sorted_by_outlets(browser: Any, story_site: str) -> None:  # noqa: F811
    tab = _tab(browser, 1366)
    tab.goto(story_site + "/claims")
    tab.select_option("#f-sort", "-corroboration")
    tab.click("#fact-filters button[type=submit]")
    tab.wait_for_url("**sort=-corroboration**")
    cells = tab.locator("#fact-table td.outlets strong").all_text_contents()
    assert cells == ["3", "3", "3", "3", "2", "2"]
    assert tab.locator("#f-sort option:checked").inner_text() == "most outlets first"
    _fits(tab, 1366)
    tab.screenshot(path=str(SHOTS / "claims-by-outlets-1366.png"), full_page=True)
    tab.context.close()
