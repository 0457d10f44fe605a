"""Keyset paging of every JSON list under /api against a real server: walk each list by its ``next``
cursors (no repeat, no gap, the same rows as one big page), keep walking while articles are stored
between pages, and refuse malformed, foreign and stale cursors with a clear error.

The store is built here (hand-made articles with entities, events, claims and quotes, written through
the store's own writer), so that rows can be added while the server runs.
"""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.conftest import serve

from newsift import codec
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
    Quote,
    QuoteKind,
    RawDocument,
    Resolution,
    Sentence,
    Story,
)
from newsift.store import open_store
from newsift.store.records import LinkRow

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
PORTS = ("Karachi", "Gwadar", "Mersin", "Izmir", "Aqaba", "Haifa", "Salalah", "Djibouti", "Limassol")
STATUSES = (ClaimStatus.ASSERTED, ClaimStatus.DENIED, ClaimStatus.ALLEGED)


def _article(n: int, day: int) -> tuple[RawDocument, Article, Analysis]:
    """Article ``n`` (written for these tests): a port visit, reported on ``day`` (several share a day)."""
    port = PORTS[n % len(PORTS)]
    title = f"Frigate visit number {n} at the port of {port}"
    first = f"A frigate called at {port} harbour for a resupply stop." + " The harbour was busy." * (n % 3)
    second = f"Officials in {port} said the visit lasted two days."
    sentences_text = (first, second, '"We welcomed the crew," a harbour official said.')
    body = "\n\n".join(sentences_text)
    when = START + timedelta(days=day)
    raw = RawDocument(
        uri=f"fixture://paging/{n}", content=f"{title}\n\n{body}".encode(), content_type="text/plain",
        fetched_at=when,
    )  # fmt: skip
    article = Article(
        id=f"pg{n:014d}", page_id=raw.id, position=Position.MAIN, index=0, title=title, body=body,
        outlet="portnews" if n % 2 else "harbourdaily", source="Port News", published_at=when,
        fetched_at=when,
    )  # fmt: skip
    text = article.text
    sentences, cursor = [], 0
    for i, part in enumerate((title, *sentences_text)):
        start = text.index(part, cursor)
        sentences.append(Sentence(article_id=article.id, index=i, start=start, end=start + len(part)))
        cursor = start + len(part)
    entity_id = f"port-{port.lower()}"
    entity = Entity(id=entity_id, kind=EntityKind.PLACE, name=port)
    mentions = []
    at = 0
    for _ in range(text.count(port)):
        start = text.index(port, at)
        at = start + len(port)
        mentions.append(
            Mention(article_id=article.id, start=start, end=at, text=port, entity_id=entity_id, label="GPE",
                    resolution=Resolution.EXACT)
        )  # fmt: skip

    def evidence(index: int, phrase: str) -> Evidence:
        sentence = sentences[index]
        start = text.index(phrase, sentence.start)
        return Evidence(article_id=article.id, sentence=index, start=start, end=start + len(phrase),
                        text=text[sentence.start : sentence.end])  # fmt: skip

    navy = Actor(text="frigate", id=None, code=None)
    host = Actor(text=port, id=entity_id, code=None)
    event = Event(id=f"ev-pg-{n}", type=PloverType.CONSULT, mode=EventMode.MILITARY,
                  evidence=evidence(1, "called"), source=(navy,), target=(host,))  # fmt: skip
    claim = Claim(id=f"cl-pg-{n}", status=STATUSES[n % 3], evidence=evidence(2, "said"), event_id=event.id)
    q_start = text.index("We welcomed the crew")
    quote = Quote(
        id=f"q-pg-{n}", article_id=article.id, speaker_id=None, speaker_text="a harbour official",
        text="We welcomed the crew", start=q_start, end=q_start + 20, kind=QuoteKind.DIRECT, cue="said",
        evidence=evidence(3, "said"),
    )  # fmt: skip
    annotated = AnnotatedArticle(
        article=article, sentences=tuple(sentences), mentions=tuple(mentions), entities=(entity,)
    )
    return raw, article, Analysis(annotated=annotated, quotes=(quote,), events=(event,), claims=(claim,))


def store_articles(target: Path | str, numbers: range, day_of: Any) -> None:
    """Store articles ``numbers`` (article n reported on ``day_of(n)``) through the store's writer."""
    store = open_store(str(target))
    try:
        built = [_article(n, day_of(n)) for n in numbers]
        store.store_batch([(raw, [a]) for raw, a, _ in built], {a.id: an for _, a, an in built})
    finally:
        store.close()


def store_stories(target: Path | str, groups: list[list[str]]) -> None:
    """Stories over the given article ids, largest first (as the link stage writes them)."""
    stories = sorted(
        (Story(id=f"st-{ids[0]}", label=ids[0], article_ids=tuple(ids)) for ids in groups),
        key=lambda s: (-len(s.article_ids), s.id),
    )
    rows = [LinkRow(key=s.id, record=codec.encode(s).decode(), rank=i) for i, s in enumerate(stories)]
    store = open_store(str(target))
    try:
        store.replace_links("story", rows)
    finally:
        store.close()


@dataclass(frozen=True)
class Site:
    base_url: str
    db_path: Path | str  # a SQLite file or a PostgreSQL URL


def _site(target: Path | str) -> Iterator[Site]:
    from newsift.web import create_app

    store_articles(target, range(24), lambda n: n // 3)  # three articles a day: ties on the date
    store_stories(target, [[f"pg{n:014d}" for n in range(k, 24, 7)] for k in range(7)])
    with serve(create_app(str(target))) as base_url:
        yield Site(base_url=base_url, db_path=target)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A server over a store nobody writes to during the tests (the walks without inserts)."""
    yield from _site(tmp_path_factory.mktemp("paging") / "news.db")


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Site]:
    """A server over its own store, for a test that stores articles between pages."""
    yield from _site(tmp_path / "news.db")


@pytest.fixture
def http(site: Site) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site.base_url, timeout=60) as client:
        yield client


ROUTES: dict[str, tuple[str, dict[str, str]]] = {
    "articles": ("/api/articles", {"fields": "id"}),
    "search": ("/api/search", {"q": "harbour"}),
    "search-by-date": ("/api/search", {"q": "harbour", "sort": "date"}),
    "claims": ("/api/claims", {"sort": "status"}),
    "claims-by-event-time": ("/api/claims", {"sort": "-event_time"}),
    "events": ("/api/events", {"sort": "report_time"}),
    "quotes": ("/api/quotes", {}),
    "entities": ("/api/entities", {}),
    "stories": ("/api/stories", {}),
}


def _key(item: dict[str, Any]) -> str:
    return str(item["id"])


def walk(client: httpx.Client, path: str, params: dict[str, str], *, limit: int, pages: int = 100) -> Any:
    """Follow ``next`` from the first page: (ids in order, the offsets of the pages, the last cursor)."""
    ids: list[str] = []
    offsets: list[int] = []
    after = None
    for _ in range(pages):
        response = client.get(
            path, params={**params, "limit": str(limit), **({"after": after} if after else {})}
        )
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["after"] == after
        offsets.append(page["offset"])
        ids += [_key(item) for item in page["items"]]
        after = page["next"]
        if after is None:
            break
    return ids, offsets, after


@pytest.mark.parametrize("name", list(ROUTES))
def test_api_list_walked_by_cursor_is_the_list_read_at_once(http: httpx.Client, name: str) -> None:
    path, params = ROUTES[name]
    whole = http.get(path, params={**params, "limit": "500"}).json()
    expected = [_key(item) for item in whole["items"]]
    assert whole["next"] is None and len(expected) >= 7
    walked, offsets, last = walk(http, path, params, limit=3)
    assert last is None
    assert walked == expected  # the same rows in the same order: no repeat, no gap
    assert offsets == list(range(0, len(expected), 3))


@pytest.mark.parametrize("name", ["articles", "claims", "entities"])
def test_api_offset_counts_from_the_cursor(http: httpx.Client, name: str) -> None:
    path, params = ROUTES[name]
    expected = [_key(i) for i in http.get(path, params={**params, "limit": "500"}).json()["items"]]
    cursor = http.get(path, params={**params, "limit": "4"}).json()["next"]
    page = http.get(path, params={**params, "limit": "3", "offset": "2", "after": cursor}).json()
    assert [_key(i) for i in page["items"]] == expected[6:9] and page["offset"] == 6


@pytest.mark.parametrize(
    ("name", "newer", "older"),
    [
        ("articles", range(24, 27), range(27, 30)),
        ("search-by-date", range(24, 27), range(27, 30)),
        ("claims", range(24, 27), range(27, 30)),
        ("claims-by-event-time", range(24, 27), range(27, 30)),
        ("events", range(24, 27), range(27, 30)),
        ("quotes", range(24, 27), range(27, 30)),
    ],
)
def test_api_walk_survives_articles_stored_between_pages(
    fresh: Site, name: str, newer: range, older: range
) -> None:
    """Articles stored mid-walk, before and after the cursor's place and on the cursor's own day: every
    row that was there is seen once, nothing repeats, and the walk stays in the list's order."""
    check_walk_with_inserts(fresh, name, newer, older)


def check_walk_with_inserts(site: Site, name: str, newer: range, older: range) -> None:
    path, params = ROUTES[name]
    with httpx.Client(base_url=site.base_url, timeout=60) as client:
        before = [_key(i) for i in client.get(path, params={**params, "limit": "500"}).json()["items"]]
        seen, _, cursor = walk(client, path, params, limit=4, pages=2)
        assert cursor is not None and len(seen) == 8
        # newest days, a day in the middle of what is left, and the day of the cursor's row
        store_articles(site.db_path, newer, lambda n: 40 + n)
        store_articles(site.db_path, older, lambda n: 2 if n % 2 else 5)
        rest = _continue(client, path, params, cursor)
        after_all = [_key(i) for i in client.get(path, params={**params, "limit": "500"}).json()["items"]]
    walked = seen + rest
    assert len(walked) == len(set(walked)), "a row was shown twice"
    assert set(before) <= set(walked), f"rows skipped: {sorted(set(before) - set(walked))}"
    assert len(after_all) > len(before)
    order = {k: i for i, k in enumerate(after_all)}
    assert [order[k] for k in walked] == sorted(order[k] for k in walked), "the walk left the list's order"


def _continue(client: httpx.Client, path: str, params: dict[str, str], cursor: str) -> list[str]:
    """The ids of the pages from ``cursor`` to the end."""
    ids: list[str] = []
    after: str | None = cursor
    while after is not None:
        response = client.get(path, params={**params, "limit": "4", "after": after})
        assert response.status_code == 200, response.text
        page = response.json()
        ids += [_key(item) for item in page["items"]]
        after = page["next"]
    return ids


@pytest.mark.parametrize("name", ["search", "entities", "stories"])
def test_api_cursor_of_an_order_that_moved_is_stale(fresh: Site, name: str) -> None:
    """Relevance (SQLite's bm25 reads the whole index), mention counts and stories move as articles are
    added: a cursor made before is a 409 naming the cause, and the first page works again."""
    path, params = ROUTES[name]
    with httpx.Client(base_url=fresh.base_url, timeout=60) as client:
        cursor = client.get(path, params={**params, "limit": "3"}).json()["next"]
        assert client.get(path, params={**params, "limit": "3", "after": cursor}).status_code == 200
        store_articles(fresh.db_path, range(24, 27), lambda n: 40 + n)
        if name == "stories":
            store_stories(fresh.db_path, [[f"pg{n:014d}" for n in range(k, 27, 7)] for k in range(7)])
        stale = client.get(path, params={**params, "limit": "3", "after": cursor})
        assert stale.status_code == 409, stale.text
        error = stale.json()["error"]
        assert error["code"] == "stale_cursor" and "start again" in error["message"]
        assert client.get(path, params={**params, "limit": "3"}).status_code == 200


def _forge(payload: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


BAD_CURSORS = {
    "not-base64": "a+b/c==",
    "garbled": "bm90LWEtY3Vyc29y",
    "too-long": "A" * 2001,
    "keys-of-other-types": _forge({"kind": "claims", "sort": "status", "keys": ["x", 1], "at": 3}),
    "too-few-keys": _forge({"kind": "claims", "sort": "status", "keys": [0], "at": 3}),
    "negative-position": _forge({"kind": "claims", "sort": "status", "keys": [0, "2025", "cl"], "at": -1}),
    "bool-key": _forge({"kind": "claims", "sort": "status", "keys": [True, "2025", "cl"], "at": 3}),
}


@pytest.mark.parametrize("bad", list(BAD_CURSORS))
def test_api_refuses_a_malformed_cursor_with_422(http: httpx.Client, bad: str) -> None:
    response = http.get("/api/claims", params={"sort": "status", "after": BAD_CURSORS[bad]})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["status"] == 422 and "after" in json.dumps(error)


@pytest.mark.parametrize("name", list(ROUTES))
def test_api_refuses_a_cursor_of_another_list_or_sort(http: httpx.Client, name: str) -> None:
    path, params = ROUTES[name]
    other = "/api/quotes" if path != "/api/quotes" else "/api/claims"
    foreign = http.get(other, params={"limit": "2"}).json()["next"]
    response = http.get(path, params={**params, "after": foreign})
    assert response.status_code == 422, response.text
    assert "after" in response.json()["error"]["message"]


def test_api_cursor_of_one_sort_is_refused_under_another(http: httpx.Client) -> None:
    cursor = http.get("/api/search", params={"q": "harbour", "limit": "2"}).json()["next"]
    response = http.get("/api/search", params={"q": "harbour", "sort": "date", "after": cursor})
    assert response.status_code == 422 and "sort" in response.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/api/articles", "/api/search", "/api/claims", "/api/events",
                                  "/api/quotes", "/api/entities", "/api/stories"])  # fmt: skip
def test_openapi_documents_after_and_its_refusals(http: httpx.Client, path: str) -> None:
    document = http.get("/openapi.json").json()
    operation = document["paths"][path]["get"]
    after = next(p for p in operation["parameters"] if p["name"] == "after")
    schema = json.dumps(after["schema"])
    assert "pattern" in schema and "maxLength" in schema and "next" in after["description"]
    assert {"409", "422"} <= set(operation["responses"])
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    properties = document["components"]["schemas"][answer]["properties"]
    assert {"next", "after"} <= set(properties)


# --- PostgreSQL: the same walks; its rank reads the article only, so relevance needs no stamp ------


@pytest.fixture
def pg_fresh(pg_url: str) -> Iterator[Site]:
    """A server over a fresh database of the throwaway PostgreSQL server of tests/store."""
    yield from _site(pg_url)


@pytest.mark.postgres
@pytest.mark.parametrize("name", ["search", "claims", "entities", "stories"])
def test_api_walk_on_postgres_is_the_list_read_at_once(pg_fresh: Site, name: str) -> None:
    path, params = ROUTES[name]
    with httpx.Client(base_url=pg_fresh.base_url, timeout=60) as client:
        expected = [_key(i) for i in client.get(path, params={**params, "limit": "500"}).json()["items"]]
        walked, _, last = walk(client, path, params, limit=3)
    assert last is None and walked == expected and len(expected) >= 7


@pytest.mark.postgres
@pytest.mark.parametrize("name", ["search", "articles", "events"])
def test_api_walk_on_postgres_survives_articles_stored_between_pages(pg_fresh: Site, name: str) -> None:
    check_walk_with_inserts(pg_fresh, name, range(24, 27), range(27, 30))
