"""`newsift serve --db postgresql://...`: a real server process over a real PostgreSQL server (the
throwaway one of tests/store/test_postgres.py), pages and API routes read and written over HTTP."""

from __future__ import annotations

import contextlib
import html
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.web.conftest import PASSWORD, REPO, _free_port, build_turkey_pakistan, csrf_of, login

from newsift.config import Settings

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

pytestmark = pytest.mark.postgres
TP = "tp0000000000abcd"


def _fill(url: str) -> dict[str, str]:
    """The hand-annotated article, one ingested example page, and two users with API tokens."""
    from newsift.pipeline.runner import run_ingest
    from newsift.store import open_store
    from newsift.web.auth import create_api_token, create_user

    store = open_store(url)
    try:
        raw, article, analysis = build_turkey_pakistan()
        store.store_batch([(raw, [article])], {article.id: analysis})
        report = run_ingest([str(REPO / "examples" / "defence-ties-page.txt")], store, Settings(db=url))
        assert report.n_stored >= 1, report
        tokens = {}
        for name in ("alice", "bob"):
            create_user(store, name, PASSWORD)
            tokens[name] = create_api_token(store, name, "tests")
    finally:
        store.close()
    return tokens


@pytest.fixture
def pg_site(pg_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """`newsift --db <postgresql URL> serve` in its own process; yields its base URL and API tokens."""
    pytest.importorskip("psycopg", reason="psycopg (3) is not installed")
    tokens = _fill(pg_url)
    port = _free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("newsift")), "--db", pg_url, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/healthz", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not start: {process.stdout.read() if process.stdout else ''}")
                time.sleep(0.2)
        yield base, tokens
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_web_postgres_pages_and_api_routes(pg_site: tuple[str, dict[str, str]]) -> None:
    base, _ = pg_site
    with httpx.Client(base_url=base, timeout=60) as http:
        assert http.get("/healthz").json() == {
            "status": "ok",
            "articles": http.get("/api/articles").json()["total"],
        }
        by_outlet = http.get("/api/articles", params={"outlet": "navalwatch"}).json()
        assert [a["id"] for a in by_outlet["items"]] == [TP]
        data = http.get(f"/api/articles/{TP[:8]}").json()
        assert {e["id"] for e in data["entities"]} == {"TUR", "PAK", "stm"}
        assert {e["item"] for e in data["events"]} == {"Agosta 90B", "armed drones"}
        hits = http.get("/api/search", params={"q": 'Agosta" (submarines* -'}).json()
        assert [h["id"] for h in hits["items"]] == [TP] and "[Agosta]" in hits["items"][0]["snippet"]
        entity = http.get("/api/entities/tur").json()
        assert entity["name"] == "Turkey" and entity["mentions"] == 4
        dyad = http.get("/api/dyads/TUR/PAK").json()
        assert {e["id"] for e in dyad["events"]} == {"ev-upgrade", "ev-drones"}
        assert dyad["rollup"]["has_denial"] is True
        for page in (f"/articles/{TP}", "/search?q=submarine", "/entities/TUR", "/relationships", "/stories"):
            response = http.get(page, headers={"accept": "text/html"})
            assert response.status_code == 200, page
        assert "Turkey and Pakistan deepen naval ties" in http.get(f"/articles/{TP}").text


def test_web_postgres_comments_by_token_and_by_form(pg_site: tuple[str, dict[str, str]]) -> None:
    base, tokens = pg_site
    with httpx.Client(base_url=base, timeout=60) as http:
        auth = {"Authorization": f"Bearer {tokens['alice']}"}
        made = http.post(f"/api/articles/{TP}/comments", data={"body": "By token.", "claim_id": "cl-upgrade"},
                         headers=auth)  # fmt: skip
        assert made.status_code == 201, made.text
        foreign = http.post(
            f"/api/articles/{TP}/comments", data={"body": "x", "claim_id": "nope"}, headers=auth
        )
        assert foreign.status_code == 422
        assert login(http, "bob").status_code == 303
        form = {"body": "By form.", "csrf": csrf_of(http.get(f"/articles/{TP}").text)}
        assert http.post(f"/articles/{TP}/comments", data=form).status_code == 303
        items = http.get(f"/api/articles/{TP}/comments").json()["items"]
        assert [(c["user"], c["body"]) for c in items] == [("alice", "By token."), ("bob", "By form.")]
        mine = items[1]["id"]
        refused = http.delete(f"/api/comments/{mine}", headers=auth)  # alice may not delete bob's
        assert refused.status_code == 403
        assert login(http, "alice", "not the password").status_code == 401


def test_web_postgres_keyset_pages_search_facets_and_watches(pg_site: tuple[str, dict[str, str]]) -> None:
    base, _ = pg_site
    with httpx.Client(base_url=base, timeout=60) as http:
        for sort in ("status", "-event_time", "report_time"):
            whole = [e["id"] for e in http.get("/events.json", params={"sort": sort}).json()["items"]]
            walked, after = [], None
            while True:
                page = http.get(
                    "/events.json", params={"sort": sort, "limit": 1, **({"after": after} if after else {})}
                )
                walked += [e["id"] for e in page.json()["items"]]
                if (after := page.json()["next"]) is None:
                    break
            assert walked == whole and len(whole) >= 2, sort
        for path, api in (
            ("/?limit=1", "/api/articles"),
            ("/search?q=Pakistan&limit=1", "/api/search?q=Pakistan"),
        ):
            expected = [a["id"] for a in http.get(api).json()["items"]]
            assert _walk_pages(http, path) == expected and len(expected) >= 2, path
        search = http.get("/search", params={"q": "submarine"}, headers={"accept": "text/html"}).text
        assert 'id="facet-claim_status"' in search and 'id="facet-month"' in search
        assert login(http, "alice").status_code == 303
        form = {"csrf": csrf_of(http.get("/dyad/TUR/PAK").text), "dyad": "TUR,PAK", "name": "Naval ties"}
        assert http.post("/watches", data=form).status_code == 303
        assert "Naval ties" in http.get("/watches").text


def _walk_pages(http: httpx.Client, url: str | None) -> list[str]:
    """Article ids of a list page and the pages its Next links (cursors) lead to."""
    ids: list[str] = []
    for _ in range(100):  # a cursor that does not move would loop forever
        if not url:
            return ids
        page = http.get(url, headers={"accept": "text/html"}).text
        ids += re.findall(r'<a class="title" href="/articles/([^"]+)"', page)
        found = re.search(r'rel="next" href="([^"]+)"', page)
        url = html.unescape(found.group(1)) if found else None
    raise AssertionError(f"still a next page after 100: {url}")
