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

from newsift.model import Analysis, EventTime, RawDocument
from newsift.store import SqliteStore, Store
from newsift.store.corroboration import happening_key

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
