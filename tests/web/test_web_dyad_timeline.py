"""The dyad page on a long relationship: its events listed a page at a time by their own date, while the
timeline and the counts (per year, per type, the actors around the pair) cover every event. A store of
its own: forty events of one pair over twenty years (sentences written for these tests), some dated only
by their report, served by uvicorn on 127.0.0.1; the counts are checked against a recount of the events
in Python, on SQLite and PostgreSQL, and the event-time column against the event records.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from tests.web.conftest import serve
from tests.web.test_web_browser import browser  # noqa: F401  # the shared Chromium fixture

from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Entity,
    EntityKind,
    Event,
    EventMode,
    EventTime,
    Evidence,
    PloverType,
    Position,
    RawDocument,
    Sentence,
)
from newsift.store import SqliteStore, Store
from newsift.store.facts import own_time
from newsift.store.records import migrations

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

TUR = Actor(text="Turkey", id="TUR", code="TUR")
PAK = Actor(text="Pakistan", id="PAK", code="PAK")
THIRD = (Actor(text="Azerbaijan", id="AZE", code="AZE"), Actor(text="Qatar", id="QAT", code="QAT"))
DAY = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
N_EVENTS = 40
PER_PAGE = 25  # web/pages.py: events a page of the dyad page lists


def _event_of(n: int, article: Article, evidence: Evidence) -> Event:
    """Event ``n``: a year of its own (2004 + n // 2), a stated month every third, none every seventh
    (then it is dated by its report); a third actor every fourth."""
    time = None
    year: int | None = 2004 + n // 2
    if n % 7 == 3:
        year = None
    elif n % 3 == 0:
        time = EventTime(text=f"in May {year}", value=f"{year}-05", precision="month", source="text")
    roles: dict[str, tuple[Actor, ...]] = {"source": (TUR,), "target": (PAK,)}
    if n % 4 == 1:
        roles = {"source": (TUR, PAK), "target": (THIRD[n % 8 // 4],)}
    type_, subtype = (PloverType.AID, "arms_transfer") if n % 2 else (PloverType.COOPERATE, "exercise")
    return Event(id=f"tl-{n:02d}", type=type_, mode=EventMode.MILITARY, subtype=subtype, evidence=evidence,
                 year=year, time=time, **roles)  # fmt: skip


def _article(n: int) -> tuple[RawDocument, Article, Analysis]:
    text = f"Turkey and Pakistan signed defence agreement number {n} with each other."
    title = f"Agreement report {n}"
    when = DAY + timedelta(days=n)
    raw = RawDocument(uri=f"fixture://timeline/{n}", content=text.encode(), content_type="text/plain",
                      fetched_at=when)  # fmt: skip
    article = Article(id=f"tl-art-{n:02d}", page_id=raw.id, position=Position.MAIN, index=0, title=title,
                      body=text, outlet=f"outlet-{n % 5}", published_at=when, fetched_at=when)  # fmt: skip
    start = article.text.index(text)
    sentences = (
        Sentence(article_id=article.id, index=0, start=0, end=len(title)),
        Sentence(article_id=article.id, index=1, start=start, end=start + len(text)),
    )
    evidence = Evidence(article_id=article.id, sentence=1, start=start, end=start + len(text), text=text)
    entities = tuple(Entity(id=a.id or "", kind=EntityKind.COUNTRY, name=a.text) for a in (TUR, PAK, *THIRD))
    annotated = AnnotatedArticle(article=article, sentences=sentences, entities=entities)
    return raw, article, Analysis(annotated=annotated, events=(_event_of(n, article, evidence),))


def _fill(store: Store) -> list[tuple[Article, Event]]:
    built = [_article(n) for n in range(N_EVENTS)]
    store.store_batch([(raw, [art]) for raw, art, _ in built], {art.id: an for _, art, an in built})
    return [(art, an.events[0]) for _, art, an in built]


def _when(article: Article, event: Event) -> tuple[str, bool]:
    """The time the page dates an event by, and whether that is only its report's date."""
    own = own_time(event)
    return (own, False) if own else (article.published_at.isoformat()[:10], True)  # type: ignore[union-attr]


def _recount(stored: list[tuple[Article, Event]]) -> dict[str, Any]:
    """The counts of the dyad's events, in Python: per year (own, else report), per type, per other actor."""
    years = Counter((_when(a, e)[0][:4], _when(a, e)[1]) for a, e in stored)
    around = Counter(
        x.code for _, e in stored for x in (*e.source, *e.target) if x.code not in ("TUR", "PAK")
    )
    return {
        "n_events": len(stored),
        "timeline": sorted(
            ({"period": y, "count": n, "source": "report" if r else "text"} for (y, r), n in years.items()),
            key=lambda t: (t["source"] == "report", t["period"]),
        ),
        "by_type": dict(Counter(str(e.type) for _, e in stored)),
        "neighbours": {k: n for k, n in around.items() if k},
    }


def _ordered(stored: list[tuple[Article, Event]]) -> list[str]:
    """The event ids in the page's order: by the time it dates them, then id."""
    return [e.id for a, e in sorted(stored, key=lambda ae: (_when(*ae)[0], ae[1].id))]


@pytest.fixture(scope="module")
def timeline_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, list[Any]]]:
    from newsift.web import create_app

    db = str(tmp_path_factory.mktemp("timeline") / "news.db")
    store = SqliteStore(db)
    stored = _fill(store)
    store.close()
    with serve(create_app(db)) as base_url:
        yield base_url, db, stored


def _page(base: str, number: int) -> str:
    response = httpx.get(f"{base}/dyad/TUR/PAK", params={"page": number}, headers={"accept": "text/html"})
    assert response.status_code == 200, response.text[:300]
    return response.text


def _listed(html: str) -> list[str]:
    """The event ids the events table lists, from their evidence links (article ``tl-art-NN``)."""
    section = html[html.index('id="dyad-events"') : html.index('id="rollup"')]
    return [f"tl-{n}" for n in re.findall(r'href="/articles/tl-art-(\d\d)#s-1"', section)]


def test_web_dyad_timeline_lists_a_page_and_counts_every_event(timeline_site: tuple[str, str, Any]) -> None:
    base, _, stored = timeline_site
    order = _ordered(stored)
    first, second, past = _page(base, 1), _page(base, 2), _page(base, 3)
    assert _listed(first) == order[:PER_PAGE]
    assert _listed(second) == order[PER_PAGE:]
    assert f"Events 1–{PER_PAGE} of {N_EVENTS}" in first and f"Events {PER_PAGE + 1}–{N_EVENTS}" in second
    assert 'id="dyad-events-more"' in first and 'id="dyad-events-more"' not in second
    assert 'id="out-of-range"' in past and "only 40 events (2 pages)" in past and not _listed(past)
    strip = first[first.index('<svg class="chart strip"') : first.index("</svg>", first.index("chart strip"))]
    assert strip.count("<circle") == N_EVENTS  # the timeline draws every event, whichever page is listed
    by_report = len(re.findall(r'class="mark status-\w+ when-report"', strip))
    assert by_report == sum(_when(a, e)[1] for a, e in stored) > 0
    years = set(re.findall(r"<title>(\d{4})", strip))
    assert min(years) == "2004" and max(years) >= "2023"  # spread over the years, not the first page's
    recount = _recount(stored)
    line = first[first.index('id="timeline-years"') : first.index("</p>", first.index('id="timeline-years"'))]
    for t in recount["timeline"]:
        label = t["period"] if t["source"] == "text" else f"{t['period']} (report date)"
        assert (
            f"{label}</span> <strong>{t['count']}</strong>" in line
            or f"{label} <strong>{t['count']}</strong>" in line
        )


def test_web_dyad_timeline_api_counts_as_recounted(timeline_site: tuple[str, str, Any]) -> None:
    base, _, stored = timeline_site
    data = httpx.get(f"{base}/api/dyads/PAK/TUR").json()
    recount = _recount(stored)
    assert data["n_events"] == N_EVENTS == len(data["events"])
    assert [e["id"] for e in data["events"]] == _ordered(stored)
    assert data["timeline"] == recount["timeline"]
    assert data["by_type"] == recount["by_type"]
    assert {n["id"]: n["n_events"] for n in data["neighbours"]} == recount["neighbours"]


def test_web_dyad_timeline_event_time_column_on_sqlite(timeline_site: tuple[str, str, Any]) -> None:
    _, db, stored = timeline_site
    import sqlite3

    own = {e.id: own_time(e) for _, e in stored}
    assert {v for v in own.values()} >= {None, "2004-05"}  # every case: none, a stated month, a year
    with sqlite3.connect(db) as conn:
        written = dict(conn.execute("SELECT id, event_time FROM events").fetchall())
        assert written == own
        # the migration fills the column of events stored before it from their records, alike
        conn.execute("UPDATE events SET event_time = 'x'")
        conn.execute(_backfill("sqlite"))
        assert dict(conn.execute("SELECT id, event_time FROM events").fetchall()) == own
        conn.rollback()


def _backfill(dialect: str) -> str:
    sql = dict(migrations(dialect))[f"064_event_time.{dialect}.sql"]
    return next(s for s in sql.split(";") if "UPDATE events" in s).strip()


def test_web_dyad_timeline_postgres_counts_as_sqlite(
    timeline_site: tuple[str, str, Any], pg_url: str
) -> None:
    from newsift.store import open_store

    _, db, _ = timeline_site
    sqlite = SqliteStore(db)
    postgres = open_store(pg_url)
    try:
        stored = _fill(postgres)
        own = {e.id: own_time(e) for _, e in stored}
        rows = postgres._fetch("SELECT id, event_time FROM events WHERE substr(id, 1, 3) = 'tl-'", [])  # type: ignore[attr-defined]
        assert dict(rows) == own
        postgres.write(
            lambda tx: tx.execute("UPDATE events SET event_time = 'x' WHERE substr(id, 1, 3) = 'tl-'", [])
        )
        postgres.write(lambda tx: tx.execute(_backfill("postgres"), []))
        rows = postgres._fetch("SELECT id, event_time FROM events WHERE substr(id, 1, 3) = 'tl-'", [])  # type: ignore[attr-defined]
        assert dict(rows) == own
        for a, b in (("TUR", "PAK"), ("PAK", "TUR")):
            assert postgres.query_dyad_counts(a, b) == sqlite.query_dyad_counts(a, b)
            assert postgres.query_dyad_marks(a, b, limit=30) == sqlite.query_dyad_marks(a, b, limit=30)
    finally:
        sqlite.close()
        postgres.close()


@pytest.mark.browser
def test_web_dyad_timeline_browser_more_events_keeps_the_timeline(
    browser: Any,  # noqa: F811
    timeline_site: tuple[str, str, Any],
) -> None:
    base, _, stored = timeline_site
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(30_000)  # a shared, busy machine
    tab = context.new_page()
    try:
        tab.goto(f"{base}/dyad/TUR/PAK")
        assert tab.locator("svg.strip circle").count() == N_EVENTS
        assert (
            tab.locator("#dyad-events-count").inner_text()
            == f"Events 1–{PER_PAGE} of {N_EVENTS}, by their own date"
        )
        assert tab.locator("table.events tr.evidence").count() == PER_PAGE
        tab.click("#dyad-events-more")
        tab.wait_for_url("**page=2**")
        assert tab.locator("table.events tr.evidence").count() == N_EVENTS - PER_PAGE
        assert tab.locator("svg.strip circle").count() == N_EVENTS  # the whole timeline on every page
        last = _ordered(stored)[-1]
        href = tab.locator("table.events tr.evidence a").last.get_attribute("href")
        assert href == f"/articles/tl-art-{last[3:]}#s-1"
        assert tab.evaluate("document.documentElement.scrollWidth") <= 1366
        tab.click("a[rel=prev]")
        tab.wait_for_url("**page=1**")
        assert tab.locator("table.events tr.evidence").count() == PER_PAGE
    finally:
        context.close()
