"""The outlet count of a claim or event row (its happening's independent outlets): kept by the triggers
of migration 052 as articles and events are stored again, and shown alike in the HTML rows, the JSON rows
of /api and the .json twins, the CSV and /openapi.json. A real server on 127.0.0.1; SQLite and
PostgreSQL. The store is the story tests' own (four reports from three outlets, written for the tests).
"""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.test_web_story import REPORTS, _build, _fill_store, story_site  # noqa: F401

from newsift import codec
from newsift.model import Analysis, Claim, ClaimStatus, Event, EventTime, RawDocument
from newsift.store import SqliteStore, Store
from newsift.store.corroboration import happening_key
from newsift.store.facts import FactFilters

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

_RECOUNT = (
    "SELECT x.happening, COUNT(DISTINCT COALESCE(a.outlet, a.source, a.id)) "
    "FROM events x JOIN articles a ON a.id = x.article_id GROUP BY x.happening"
)


def _kept(store: Store) -> dict[str, int]:
    return {str(k): int(n) for k, n in store._fetch("SELECT happening, n FROM happening_outlets", []) if n}  # type: ignore[attr-defined]


def _recounted(store: Store) -> dict[str, int]:
    return {str(k): int(n) for k, n in store._fetch(_RECOUNT, [])}  # type: ignore[attr-defined]


def _store_again(store: Store, report: Any, analysis_change: Any = None) -> None:
    """Store one report again from a new page (the store skips a page it has, by its bytes), maybe changed."""
    raw, article, analysis = _build(report)
    again = RawDocument(uri=raw.uri + "#again", content=raw.content + b" ", content_type=raw.content_type,
                        fetched_at=raw.fetched_at)  # fmt: skip
    article = replace(article, page_id=again.id)
    analysis = replace(analysis, annotated=replace(analysis.annotated, article=article))
    if analysis_change is not None:
        analysis = analysis_change(analysis)
    store.store_batch([(again, [article])], {article.id: analysis})


def _a_year_earlier(analysis: Analysis) -> Analysis:
    jets, *rest = analysis.events
    moved = replace(jets, time=EventTime(text="2022", value="2022", precision="year"))
    return replace(analysis, events=(moved, *rest))


def _check_triggers(store: Store) -> None:
    _fill_store(store)
    jets = happening_key(_build(REPORTS[0])[2].events[0])
    drill = happening_key(_build(REPORTS[0])[2].events[1])
    assert _kept(store) == _recounted(store) == {jets: 3, drill: 2}
    # the follow-up's outlet changes from wire-one (counted already) to a fourth: the jets gain one
    _store_again(store, replace(REPORTS[3], outlet="fourth-four"))
    assert _kept(store)[jets] == 4
    # the denial's delivery is read again with another year: it leaves the jets for a happening of its own
    _store_again(store, REPORTS[2], _a_year_earlier)
    earlier = happening_key(_a_year_earlier(_build(REPORTS[2])[2]).events[0])
    assert _kept(store) == _recounted(store) == {jets: 3, drill: 2, earlier: 1}


def test_web_outlets_kept_by_triggers_on_sqlite(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "news.db")
    try:
        _check_triggers(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_web_outlets_kept_by_triggers_on_postgres(pg_url: str) -> None:
    from newsift.store import open_store

    store = open_store(pg_url)
    try:
        _check_triggers(store)
    finally:
        store.close()


def _html_counts(site: str, kind: str) -> list[int]:
    """The outlet column of the HTML page's rows, in order (the same sort as the JSON rows)."""
    page = httpx.get(f"{site}/{kind}", params={"sort": "-corroboration"}, headers={"accept": "text/html"})
    rows = page.text.split('<tr class="fact">')[1:]
    return [int(r.split('class="outlets"')[1].split("<strong>")[1].split("<")[0]) for r in rows]


@pytest.mark.parametrize("kind", ["claims", "events"])
def test_web_outlets_in_json_rows_as_in_html(story_site: str, kind: str) -> None:  # noqa: F811
    api = httpx.get(f"{story_site}/api/{kind}", params={"sort": "-corroboration"}).json()
    twin = httpx.get(f"{story_site}/{kind}.json", params={"sort": "-corroboration"}).json()
    counts = {row["id"]: row["n_outlets"] for row in api["items"]}
    assert counts == {row["id"]: row["n_outlets"] for row in twin["items"]}
    # the jets: three outlets (wire-one twice); the exercise: two
    expected = {"claims": [3, 3, 3, 3, 2, 2], "events": [3, 3, 3, 3, 2, 2]}[kind]
    assert [row["n_outlets"] for row in api["items"]] == expected
    assert _html_counts(story_site, kind) == expected
    table = httpx.get(f"{story_site}/api/{kind}.csv", params={"sort": "-corroboration"}).text
    assert [int(r["n_outlets"]) for r in csv.DictReader(io.StringIO(table))] == expected


def test_web_outlets_in_the_openapi_document(story_site: str) -> None:  # noqa: F811
    schemas = httpx.get(f"{story_site}/openapi.json").json()["components"]["schemas"]
    for name in ("ClaimRow", "EventRow"):
        field = schemas[name]["properties"]["n_outlets"]
        assert field["type"] == "integer" and field["minimum"] == 1, (name, field)
        assert "n_outlets" in schemas[name]["required"], name
        assert "outlets" in field["description"]


# --- the outlet sort read one count of outlets at a time (store/facts.py) against a whole sort -------

_OUTLETS = ("wire-one", "daily-two", "paper-three", "weekly-four", "site-five")
_ITEMS = ("jets", "radars", "frigates", "drones", "tanks")  # item i is reported by i + 1 outlets at most
_RANK = {"denied": 0, "alleged": 1, "speculated": 2, "attributed": 3, "confirmed": 4}


def _spread_reports() -> list[tuple[RawDocument, Any, Analysis]]:
    """Articles whose happenings are reported by one to five outlets, some twice by one outlet, with claims
    of every status and some claims without an event (sentences written for this test)."""
    built = []
    for n in range(30):
        item = _ITEMS[n % len(_ITEMS)]
        outlet = _OUTLETS[(n // len(_ITEMS)) % (_ITEMS.index(item) + 1)]
        status = list(ClaimStatus)[n % len(ClaimStatus)]
        report = replace(REPORTS[1], id=f"sp-{n:02d}", outlet=outlet, days=n % 7, delivery_status=status,
                         sentences=(*REPORTS[1].sentences, f"This is report {n} of the series."))  # fmt: skip
        raw, article, analysis = _build(report)
        jets, *_ = analysis.events
        event = replace(jets, id=f"sp-{n:02d}-e", item=item)
        claim = replace(analysis.claims[0], id=f"sp-{n:02d}-c", event_id=None if n % 6 == 5 else event.id)
        built.append((raw, article, replace(analysis, events=(event,), claims=(claim,))))
    return built


def _whole_sort(store: Store, kind: str) -> list[str]:
    """The ids in the order of ``-corroboration`` (most outlets, then status, newest report, id), from a
    recount of the outlets read whole."""
    counts = _recounted(store)
    own = "c.status, he.happening" if kind == "claims" else "e.status, e.happening"
    sql = (
        f"SELECT c.id, {own}, COALESCE(a.published_at, a.fetched_at) FROM claims c "
        "JOIN articles a ON a.id = c.article_id LEFT JOIN events he ON he.id = c.event_id"
        if kind == "claims"
        else f"SELECT e.id, {own}, COALESCE(a.published_at, a.fetched_at) FROM events e "
        "JOIN articles a ON a.id = e.article_id"
    )
    rows = store._fetch(sql, [])  # type: ignore[attr-defined]
    keyed = [(-counts.get(h, 1), _RANK.get(s, 5), _Desc(str(when)), i) for i, s, h, when in rows]
    return [k[-1] for k in sorted(keyed)]


class _Desc(str):
    """A string that sorts in reverse (the newest report first)."""

    def __lt__(self, other: str) -> bool:
        return str.__gt__(self, other)


def _walk(store: Store, kind: str, limit: int, filters: FactFilters) -> tuple[list[str], list[str]]:
    """Every row, page by page of ``limit``: once by keyset cursors, once by offsets."""
    by_keys: list[str] = []
    by_offsets: list[str] = []
    after = None
    while True:
        page = store.query_fact_page(
            kind, filters, sort="-corroboration", limit=limit, facets=False, after=after
        )
        by_keys += [codec.decode(r.record, Event if kind == "events" else Claim).id for r in page.rows]
        if page.last_keys is None:
            break
        after = page.last_keys
    for offset in range(0, page.total + limit, limit):
        page = store.query_fact_page(
            kind, filters, sort="-corroboration", limit=limit, offset=offset, facets=False
        )
        by_offsets += [codec.decode(r.record, Event if kind == "events" else Claim).id for r in page.rows]
    return by_keys, by_offsets


def _check_outlet_sort(store: Store) -> None:
    built = _spread_reports()
    store.store_batch([(raw, [art]) for raw, art, _ in built], {art.id: an for _, art, an in built})
    assert sorted(set(_recounted(store).values())) == [1, 2, 3, 4, 5]
    for kind in ("claims", "events"):
        whole = _whole_sort(store, kind)
        for limit in (1, 2, 5, 7, 50):
            assert _walk(store, kind, limit, FactFilters()) == (whole, whole), (kind, limit)
        denied = [i for i in whole if i in _ids_with_status(store, kind, "denied")]
        assert _walk(store, kind, 2, FactFilters(status="denied")) == (denied, denied), kind


def _ids_with_status(store: Store, kind: str, status: str) -> set[str]:
    table = "claims" if kind == "claims" else "events"
    return {r[0] for r in store._fetch(f"SELECT id FROM {table} WHERE status = ?", [status])}  # type: ignore[attr-defined]


def test_web_outlets_sort_by_blocks_equals_a_whole_sort_on_sqlite(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "news.db")
    try:
        _check_outlet_sort(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_web_outlets_sort_by_blocks_equals_a_whole_sort_on_postgres(pg_url: str) -> None:
    from newsift.store import open_store

    store = open_store(pg_url)
    try:
        _check_outlet_sort(store)
    finally:
        store.close()
