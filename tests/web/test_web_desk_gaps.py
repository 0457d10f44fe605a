"""Gaps found walking issue 17 as a new user, each over a real server and SQLite store: an actor facet to
click (named, counting what its filter keeps), a denial whose denier the sentence does not name saying so,
a story's one outlet not shown as differing from itself nor named by a hex id, an actor that is a company
named as itself beside its country, and the header showing a saved watch.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import httpx
import jinja2
import pytest
from tests.web.conftest import PASSWORD, csrf_of, login, serve
from tests.web.test_web_story import DAY, DELIVERY, DENIAL, FOLLOW_UP, REPORTS, Report, _build

from newsift import codec
from newsift.model import ClaimStatus, Story
from newsift.store import LinkRow, SqliteStore

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

USER = "dana"
DATE_TEXT = "Monday 4 March 2024, 08:00 GMT"  # the page's own wording of the date it was read as
SAME_OUTLET = (  # one outlet reports the delivery, then its denial: it does not differ from itself
    Report("gap-a", "harbour-news", 0, "Jets for India", (DELIVERY,), ClaimStatus.ASSERTED),
    Report("gap-b", "harbour-news", 1, "India disputes the jets", (DENIAL,), ClaimStatus.DENIED),
)
NO_OUTLET = Report("gap-c", "", 2, "A page that names no outlet", (DELIVERY, FOLLOW_UP), ClaimStatus.ASSERTED)


def _story(story_id: str, members: tuple[Report, ...]) -> LinkRow:
    story = Story(
        id=story_id, label=members[0].title, article_ids=tuple(r.id for r in members), first_at=DAY,
        last_at=DAY + timedelta(days=len(members)),
    )  # fmt: skip
    return LinkRow(key=story.id, record=codec.encode(story).decode(), rank=0)


def _fill(path: Path) -> None:
    from newsift.web.auth import create_user

    store = SqliteStore(path)
    built = [_build(r) for r in (*SAME_OUTLET, NO_OUTLET, *REPORTS)]
    unnamed = {}
    for _raw, article, analysis in built:  # the denial names no denier
        claims = tuple(replace(c, denied_by=()) for c in analysis.claims)
        unnamed[article.id] = replace(analysis, claims=claims) if article.id == "gap-b" else analysis
    pages = [(raw, [replace(a, published_text=DATE_TEXT) if a.id == "gap-a" else a]) for raw, a, _ in built]
    store.store_batch(pages, unnamed)
    store.replace_links("story", [_story("gap-same", SAME_OUTLET), _story("gap-none", (NO_OUTLET,))])
    create_user(store, USER, PASSWORD)
    store.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsift.web import create_app

    path = tmp_path_factory.mktemp("gaps") / "news.db"
    _fill(path)
    with serve(create_app(str(path))) as base_url:
        yield base_url


@pytest.fixture
def http(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as client:
        yield client


@pytest.mark.parametrize("kind", ["events", "claims"])
def test_web_desk_gaps_actor_facet_counts_what_its_filter_keeps(http: httpx.Client, kind: str) -> None:
    data = http.get(f"/{kind}.json", params={"subtype": "arms_transfer"}).json()
    actors = {f["value"]: f["count"] for f in data["facets"]["actor"]}
    assert set(actors) == {"FRA", "IND"}, actors
    for actor, count in actors.items():
        kept = http.get(f"/{kind}.json", params={"subtype": "arms_transfer", "actor": actor}).json()
        assert kept["total"] == count
    page = http.get(f"/{kind}", params={"subtype": "arms_transfer"}).text
    assert re.search(r'id="facet-actor".*href="/' + kind + r'\?[^"]*actor=IND"', page, re.S)
    assert 'list="actor-choices"' in page and re.search(r'<datalist id="actor-choices">.*value="IND"', page)


def test_web_desk_gaps_denial_without_a_named_denier_says_so(http: httpx.Client) -> None:
    page = http.get("/claims", params={"status": "denied"}).text
    row = re.search(r'<tr class="fact">(?:(?!</tr>).)*/articles/gap-b#(?:(?!</tr>).)*</tr>', page, re.S)
    assert row, "the denial is listed"
    assert "party-denies" in row.group(0) and "not named in the sentence" in row.group(0)


def test_web_desk_gaps_one_outlet_does_not_differ_from_itself(http: httpx.Client) -> None:
    story = http.get("/stories/gap-same.json").json()
    (happening,) = story["happenings"]
    assert not happening["differs"] and happening["summary"] == "1 outlet denies and asserts"
    page = http.get("/stories/gap-same").text
    assert "The outlets report no happening with different statuses" in page


def test_web_desk_gaps_an_unnamed_outlet_is_not_a_hex_id(http: httpx.Client) -> None:
    page = http.get("/stories/gap-none").text
    cells = re.findall(r'<td class="outlet-name">(.*?)</td>', page)
    assert len(cells) == 2 and all("outlet not named" in c and "gap-c" not in c for c in cells), cells


def test_web_desk_gaps_company_actor_named_as_itself_beside_its_country() -> None:
    env = jinja2.Environment(loader=jinja2.PackageLoader("newsift.web", "templates"), autoescape=True)
    macros = env.get_template("_macros.html").module  # the environment of web/app.py
    shown = str(macros.actors([{"id": "harbour-yards", "code": "FRA", "text": "Harbour Yards"}]))
    assert '<a href="/entities/harbour-yards">Harbour Yards</a>' in shown
    assert '<a href="/entities/FRA">FRA</a>' in shown
    country = str(macros.actors([{"id": "FRA", "code": "FRA", "text": "France"}])).strip()
    assert country == '<a href="/entities/FRA">FRA</a>'


def test_web_desk_gaps_header_shows_a_saved_watch(http: httpx.Client) -> None:
    login(http, USER)
    assert 'id="watch-count"' not in http.get("/").text
    csrf = csrf_of(http.get("/dyad/FRA/IND").text)
    saved = http.post("/watches", data={"csrf": csrf, "dyad": "FRA,IND", "name": "jets", "next": "/"})
    assert saved.status_code == 303
    header = html.unescape(http.get("/claims").text)
    assert re.search(r'id="watch-count"[^>]*>\(1\)<', header)


def test_web_desk_gaps_key_facts_name_who_denies(site: WebSite) -> None:
    page = httpx.get(f"{site.base_url}/articles/{site.tp_article_id}", timeout=60).text
    table = re.search(r'id="key-facts-table".*?</table>', page, re.S)
    assert table, "the article shows its key facts"
    who = re.findall(r'<td class="who">(.*?)</td>', table.group(0), re.S)
    assert any('<small>denies</small> <a href="/entities/TUR">Turkey</a>' in w for w in who), who


def test_web_desk_gaps_matrix_heads_an_organisation_by_its_name() -> None:
    env = jinja2.Environment(loader=jinja2.PackageLoader("newsift.web", "templates"), autoescape=True)
    org = "organisation:harbour-yards-of-the-northern-coast"
    actors = [{"id": "FRA", "name": "France"}, {"id": org, "name": "Harbour Yards of the Northern Coast"}]
    cells = [{"id": a["id"], "n_events": 1} for a in actors]
    matrix = [{"id": a["id"], "name": a["name"], "cells": cells} for a in actors]
    relationships = {"items": [], "actors": actors, "matrix": matrix}
    request = SimpleNamespace(url=SimpleNamespace(path="/relationships"))
    page = env.get_template("relationships.html").render(r=relationships, request=request, user=None)
    heads = re.findall(r'<th scope="col">(.*?)</th>', page)
    assert heads[0] == "FRA" and org not in heads[1] and "Harbour Yar…" in heads[1], heads


def test_web_desk_gaps_search_by_status_shows_the_denial_and_its_denier(http: httpx.Client) -> None:
    page = http.get("/search", params={"q": "jets", "claim_status": "denied"}).text
    hits = re.findall(r'<li class="article-row">.*?</li>\s*(?=<li class="article-row">|</ol>)', page, re.S)
    disputed = [h for h in hits if "/articles/st-paper" in h]
    assert disputed, "the report that carries the denial is found"
    lines = re.findall(r'<ul class="status-claims">(.*?)</ul>', disputed[0], re.S)
    assert lines and DENIAL in lines[0]
    assert "<small>denies</small> IND" in lines[0]  # the denier (no entity of that id in this store)
    assert lines[0].count("badge-denied") == 1  # one line per sentence


def test_web_desk_gaps_article_date_shown_once(http: httpx.Client) -> None:
    meta = re.search(r'<p class="meta">(.*?)</p>', http.get("/articles/gap-a").text, re.S)
    assert meta and "2024-03-04 08:00</time>" in meta.group(0)
    assert "reltime" not in meta.group(0) and f'title="the page says: {DATE_TEXT}"' in meta.group(0)
