"""One dyad rule (store/dyads.py: both actors of the event, in any role) seen alike by the web page, the
JSON API, ``newsift brief --dyad`` and a watch with ``--dyad``, on the same store: a store of its own
with one event per case of the rule (sentences written for these tests), served by uvicorn on 127.0.0.1,
and the example store of the web tests (the hand-annotated article and the example page). PostgreSQL
answers the dyad filter as SQLite does.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import WebSite, serve
from typer.testing import CliRunner

from newsift import codec
from newsift.cli import app as cli
from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    Entity,
    EntityKind,
    Event,
    EventMode,
    Evidence,
    Mention,
    PloverType,
    Position,
    RawDocument,
    Resolution,
    Sentence,
)
from newsift.store import SqliteStore, Store
from newsift.store.dyads import is_between
from newsift.store.facts import FactFilters

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

TUR = Actor(text="Turkey", id="TUR", code="TUR")
PAK = Actor(text="Pakistan", id="PAK", code="PAK")
AZE = Actor(text="Azerbaijan", id="AZE", code="AZE")
CHN = Actor(text="China", id="CHN", code="CHN")
DAY = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
# (event id, sentence, type, subtype, roles, place, in the dyad of Turkey and Pakistan)
CASES = (
    ("sale", "Turkey sold four corvettes to Pakistan.", PloverType.AID, "arms_transfer",
     {"source": (TUR,), "target": (PAK,)}, None, True),
    ("back", "Pakistan delivered trainer aircraft to Turkey.", PloverType.AID, "arms_transfer",
     {"source": (PAK,), "target": (TUR,)}, None, True),
    ("drill", "Turkish and Pakistani ships held a joint naval drill.", PloverType.COOPERATE, "exercise",
     {"participants": (TUR, PAK)}, None, True),
    ("codev", "Turkey and Pakistan are developing a fighter jet together.", PloverType.COOPERATE,
     "co_development", {"source": (TUR, PAK)}, None, True),
    ("joint", "Turkey and Pakistan will supply drones to Azerbaijan.", PloverType.AID, "arms_transfer",
     {"source": (TUR, PAK), "target": (AZE,)}, None, True),
    ("place", "China delivered radars to Turkey at a port in Pakistan.", PloverType.AID, "arms_transfer",
     {"source": (CHN,), "target": (TUR,)}, "Pakistan", False),
    ("named", "Turkey sold drones to Azerbaijan, as Pakistan had done.", PloverType.AID, "arms_transfer",
     {"source": (TUR,), "target": (AZE,)}, None, False),
)  # fmt: skip
IN_DYAD = {case[0] for case in CASES if case[-1]}
DENIED = "back"  # its claim is a denial, by Turkey


def _article(n: int, case: tuple[Any, ...]) -> tuple[RawDocument, Article, Analysis]:
    key, text, type_, subtype, roles, place, _ = case
    title = f"Report {n}"
    body = text
    when = DAY + timedelta(days=n)
    raw = RawDocument(uri=f"fixture://dyad/{key}", content=body.encode(), content_type="text/plain",
                      fetched_at=when)  # fmt: skip
    article = Article(id=f"dy-{key}", page_id=raw.id, position=Position.MAIN, index=0, title=title, body=body,
                      outlet=f"outlet-{n}", published_at=when, fetched_at=when)  # fmt: skip
    full = article.text
    start = full.index(text)
    sentences = (
        Sentence(article_id=article.id, index=0, start=0, end=len(title)),
        Sentence(article_id=article.id, index=1, start=start, end=start + len(text)),
    )
    evidence = Evidence(article_id=article.id, sentence=1, start=start, end=start + len(text), text=text)
    event = Event(id=key, type=type_, mode=EventMode.MILITARY, subtype=subtype, evidence=evidence,
                  place=place, year=2024, **roles)  # fmt: skip
    denied = key == DENIED
    claim = Claim(id=f"{key}-claim", status=ClaimStatus.DENIED if denied else ClaimStatus.ASSERTED,
                  evidence=evidence, event_id=key, denied_by=("TUR",) if denied else ())  # fmt: skip
    mentions = tuple(
        Mention(article_id=article.id, start=start + at, end=start + at + len(name), text=name,
                entity_id=code, label="GPE", resolution=Resolution.EXACT)
        for code, name in (("TUR", "Turkey"), ("PAK", "Pakistan")) if (at := text.find(name)) >= 0
    )  # fmt: skip
    entities = tuple(
        Entity(id=a.code or "", kind=EntityKind.COUNTRY, name=a.text) for a in (TUR, PAK, AZE, CHN)
    )
    annotated = AnnotatedArticle(article=article, sentences=sentences, mentions=mentions, entities=entities)
    return raw, article, Analysis(annotated=annotated, events=(event,), claims=(claim,))


def _fill(store: Store) -> None:
    built = [_article(n, case) for n, case in enumerate(CASES)]
    store.store_batch([(raw, [art]) for raw, art, _ in built], {art.id: an for _, art, an in built})


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.stdout + (result.stderr or "")
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def dyad_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The store of the cases with a dyad watch made before they were stored, its server's base URL,
    and the watch's first check."""
    from newsift.web import create_app

    db = str(tmp_path_factory.mktemp("dyads") / "news.db")
    SqliteStore(db).close()
    _cli("--db", db, "watch", "add", "--dyad", "TUR", "PAK", "--json")
    store = SqliteStore(db)
    _fill(store)
    store.close()
    (report,) = _cli("--db", db, "watch", "check", "--json")
    with serve(create_app(db)) as base_url:
        yield base_url, db, report


def _record_ids(facts: list[dict[str, Any]]) -> set[str]:
    return {r for f in facts for r in f["record_ids"]}


def test_web_dyads_the_rule_on_each_case() -> None:
    for n, case in enumerate(CASES):
        event = _article(n, case)[2].events[0]
        assert is_between(event, "TUR", "PAK") is case[-1], case[0]
        assert is_between(event, "PAK", "TUR") is case[-1], case[0]
    assert not is_between(_article(0, CASES[0])[2].events[0], "TUR", "TUR")


@pytest.mark.parametrize("pair", [("TUR", "PAK"), ("PAK", "TUR")])
def test_web_dyads_page_api_brief_and_watch_agree(
    dyad_site: tuple[str, str, Any], pair: tuple[str, str]
) -> None:
    base, db, report = dyad_site
    claims_in = {f"{k}-claim" for k in IN_DYAD}
    with httpx.Client(base_url=base, timeout=60) as http:
        events = http.get("/api/events", params={"dyad": ",".join(pair), "limit": 100}).json()
        claims = http.get("/api/claims", params={"dyad": ",".join(pair), "limit": 100}).json()
        page = http.get("/events", params={"dyad": ",".join(pair)}, headers={"accept": "text/html"}).text
        dyad = http.get(f"/api/dyads/{pair[0]}/{pair[1]}").json()
        html_dyad = http.get(f"/dyad/{pair[0]}/{pair[1]}", headers={"accept": "text/html"}).text
    assert {e["id"] for e in events["items"]} == IN_DYAD and events["total"] == len(IN_DYAD)
    assert {c["id"] for c in claims["items"]} == claims_in
    assert page.count('<tr class="fact">') == len(IN_DYAD)
    assert {e["id"] for e in dyad["events"]} == IN_DYAD
    assert all(case[1] in html_dyad for case in CASES if case[-1])
    assert not any(case[1] in html_dyad for case in CASES if not case[-1])
    brief = _cli("--db", db, "brief", "--dyad", *pair, "--json")
    # each event with its claims (the brief's own claims section holds the claims without an event)
    assert _record_ids(brief["facts"]) == IN_DYAD | claims_in and brief["claims"] == []
    assert _record_ids(report["new"]) == IN_DYAD | claims_in


def _denying(brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The brief's rows (facts and claims) that carry a denial."""
    return [f for f in brief["facts"] + brief["claims"] if f["has_denial"]]


def test_web_dyads_brief_names_the_denier(dyad_site: tuple[str, str, Any]) -> None:
    _, db, _ = dyad_site
    brief = _cli("--db", db, "brief", "--dyad", "TUR", "PAK", "--json")
    (denial,) = _denying(brief)
    assert denial["record_ids"] == [DENIED, f"{DENIED}-claim"] and denial["denied_by"] == ["TUR"]


def test_web_dyads_example_store_brief_lists_the_denials_the_web_lists(site: WebSite) -> None:
    """On the example store (the hand-annotated Turkey-Pakistan article and the example page): the brief
    holds every fact the web lists between Turkey and Pakistan, and every denial the web lists, with its
    denier."""
    base = site.base_url
    denials = httpx.get(f"{base}/api/claims", params={"dyad": "TUR,PAK", "status": "denied"}).json()
    assert denials["total"] >= 1
    brief = _cli("--db", site.db_path, "brief", "--dyad", "TUR", "PAK", "--json")
    denying = _denying(brief)
    assert {c["id"] for c in denials["items"]} <= _record_ids(denying)
    assert all(f["denied_by"] for f in denying)
    events = httpx.get(f"{base}/api/events", params={"dyad": "TUR,PAK", "limit": 200}).json()
    claims = httpx.get(f"{base}/api/claims", params={"dyad": "TUR,PAK", "limit": 200}).json()
    web = {e["id"] for e in events["items"]} | {c["id"] for c in claims["items"]}
    assert _record_ids(brief["facts"]) == web


@pytest.mark.postgres
def test_web_dyads_postgres_answers_as_sqlite(pg_url: str, tmp_path: Path) -> None:
    from newsift.brief.dyad import query_dyad_events
    from newsift.store import open_store

    for store in (SqliteStore(tmp_path / "news.db"), open_store(pg_url)):
        try:
            _fill(store)
            page = store.query_fact_page("events", FactFilters(dyad=("PAK", "TUR")), limit=100, facets=False)
            assert {codec.decode(r.record, Event).id for r in page.rows} == IN_DYAD, store.path
            assert {e.id for e in query_dyad_events(store, "TUR", "PAK")} == IN_DYAD, store.path
        finally:
            store.close()


# --- the pairs kept with each event's actors (dyad_events, migration 054) against a full recount -----

MIGRATIONS = Path(__file__).parents[2] / "src" / "newsift" / "store" / "migrations"
ANKARA = Actor(text="the Turkish government", id="gov-ankara", code="TUR")  # a code and its own entity id


def _kept_pairs(store: Store) -> set[tuple[str, str, str]]:
    rows = store._fetch("SELECT first, second, event_id FROM dyad_events", [])  # type: ignore[attr-defined]
    return {(str(a), str(b), str(e)) for a, b, e in rows}


def _recounted_pairs(store: Store) -> set[tuple[str, str, str]]:
    """Every ordered pair of different actor keys of each event, from event_actors read whole."""
    keys: dict[str, set[str]] = {}
    rows = store._fetch("SELECT event_id, code, entity_id FROM event_actors", [])  # type: ignore[attr-defined]
    for event_id, code, entity_id in rows:
        keys.setdefault(event_id, set()).update(k for k in (code, entity_id) if k is not None)
    return {(a, b, e) for e, found in keys.items() for a in found for b in found if a != b}


def _by_the_rule(events: list[Event]) -> set[tuple[str, str, str]]:
    """The same pairs from the records, by ``is_between`` over every pair of keys the records name."""
    keys = {k for e in events for a in (*e.source, *e.target, *e.participants) for k in (a.code, a.id) if k}
    return {(a, b, e.id) for e in events for a in keys for b in keys if is_between(e, a, b)}


def _store_case(store: Store, n: int, case: tuple[Any, ...], roles: dict[str, Any], again: str) -> Event:
    """Store a case again from a new page (the store skips a page it has), its event with ``roles``."""
    raw, article, analysis = _article(n, (*case[:4], roles, *case[5:]))
    page = RawDocument(uri=raw.uri + again, content=raw.content + again.encode(),
                       content_type=raw.content_type, fetched_at=raw.fetched_at)  # fmt: skip
    article = replace(article, page_id=page.id)
    analysis = replace(analysis, annotated=replace(analysis.annotated, article=article))
    store.store_batch([(page, [article])], {article.id: analysis})
    return analysis.events[0]


def _check_dyad_pairs(store: Store) -> None:
    _fill(store)
    events = {case[0]: _article(n, case)[2].events[0] for n, case in enumerate(CASES)}

    def agree() -> None:
        assert _kept_pairs(store) == _recounted_pairs(store) == _by_the_rule(list(events.values()))

    agree()
    assert {e for a, b, e in _kept_pairs(store) if (a, b) == ("TUR", "PAK")} == IN_DYAD
    # the sale stored again with another buyer: it leaves the dyad; its seller gains an entity id of its own
    events["sale"] = _store_case(store, 0, CASES[0], {"source": (ANKARA,), "target": (AZE,)}, "#1")
    agree()
    kept = _kept_pairs(store)
    assert ("gov-ankara", "AZE", "sale") in kept and ("TUR", "PAK", "sale") not in kept
    # the drill stored again with one participant only: no pair left; then with three
    events["drill"] = _store_case(store, 2, CASES[2], {"participants": (TUR,)}, "#2")
    agree()
    assert not {p for p in _kept_pairs(store) if p[2] == "drill"}
    events["drill"] = _store_case(store, 2, CASES[2], {"participants": (TUR, PAK, CHN)}, "#3")
    agree()
    # the sale's seller named by its code alone again: the entity id's pairs go with it
    events["sale"] = _store_case(store, 0, CASES[0], {"source": (TUR,), "target": (AZE,)}, "#4")
    agree()
    assert not {p for p in _kept_pairs(store) if "gov-ankara" in p}
    found = store.query_fact_page("events", FactFilters(dyad=("CHN", "TUR")), limit=100, facets=False)
    assert {codec.decode(r.record, Event).id for r in found.rows} == {"drill", "place"}
    # the migration's fill, for events stored before it, makes the same pairs
    text = (MIGRATIONS / "054_dyad_events.sql").read_text(encoding="utf-8")
    fill = "INSERT" + text.split("INSERT", 1)[1].split(";", 1)[0]
    kept = _kept_pairs(store)
    store.write(lambda tx: tx.execute("DELETE FROM dyad_events", []))
    store.write(lambda tx: tx.execute(fill, []))
    assert _kept_pairs(store) == kept


def test_web_dyads_pairs_kept_with_the_actors_on_sqlite(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "news.db")
    try:
        _check_dyad_pairs(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_web_dyads_pairs_kept_with_the_actors_on_postgres(pg_url: str) -> None:
    from newsift.store import open_store

    store = open_store(pg_url)
    try:
        _check_dyad_pairs(store)
    finally:
        store.close()


# --- the dyad page's roll-up, counted in SQL, against a count of the claims it lists ------------------


def _recount_rollup(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """Per status: claims, outlets (else the article) and first report date; overall claims and outlets."""
    by_status: dict[str, dict[str, Any]] = {}
    for claim in claims:
        article = claim["article"]
        row = by_status.setdefault(claim["status"], {"n_claims": 0, "outlets": set(), "first_seen": None})
        row["n_claims"] += 1
        row["outlets"].add(article["outlet"] or article["id"])
        if article["date"] and (row["first_seen"] is None or article["date"] < row["first_seen"]):
            row["first_seen"] = article["date"]
    return {
        "n_claims": len(claims),
        "n_outlets": len({o for r in by_status.values() for o in r["outlets"]}),
        "has_denial": "denied" in by_status,
        "by_status": {
            s: {"n_claims": r["n_claims"], "n_outlets": len(r["outlets"]), "first_seen": r["first_seen"]}
            for s, r in sorted(by_status.items())
        },
    }


@pytest.mark.parametrize("pair", [("TUR", "PAK"), ("PAK", "TUR")])
def test_web_dyads_rollup_counts_every_claim(dyad_site: tuple[str, str, Any], pair: Any) -> None:
    from newsift.web.db import WebDb
    from newsift.web.graph import query_dyad

    base, db_path, _ = dyad_site
    dyad = httpx.get(f"{base}/api/dyads/{pair[0]}/{pair[1]}").json()
    assert len(dyad["claims"]) == len(IN_DYAD) and dyad["rollup"]["has_denial"]
    assert dyad["rollup"] == _recount_rollup(dyad["claims"])
    db = WebDb(db_path)
    try:
        shown = query_dyad(db, *pair, shown=2)
    finally:
        db.close()
    assert [c["id"] for c in shown["claims"]] == [c["id"] for c in dyad["claims"]][:2]
    assert shown["claims"][0]["status"] == "denied"  # denials first
    assert shown["rollup"] == dyad["rollup"] and len(shown["events"]) == len(IN_DYAD)


def test_web_dyads_example_store_rollup_as_recounted(site: WebSite) -> None:
    dyad = httpx.get(f"{site.base_url}/api/dyads/TUR/PAK").json()
    assert dyad["rollup"]["n_claims"] >= 1 and dyad["rollup"] == _recount_rollup(dyad["claims"])
