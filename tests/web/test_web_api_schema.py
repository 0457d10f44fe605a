"""Response schemas (issue 18): every route documents what it answers, and what a live server answers
matches the document key by key (no undocumented key, no missing one, types and enums as declared).
Article lists carry each article's text once. Real uvicorn on 127.0.0.1, real SQLite.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from newsift.brief.watch import WatchFilter, add_watch
from newsift.store import SqliteStore

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

# A page written for this test (public facts in our own words).
UPLOAD = (
    "Norway picks a new coastal radar\n\n"
    "The Norwegian navy has chosen a coastal surveillance radar for its northern bases, officials said on "
    "Tuesday. The radars will watch the approaches to three fjords and report to a command centre near "
    "Bodø. Deliveries are planned over four years, the defence ministry said in a statement."
)


@pytest.fixture(scope="module")
def openapi(site: WebSite) -> dict[str, Any]:
    return httpx.get(site.base_url + "/openapi.json").json()  # type: ignore[no-any-return]


def _closed(node: Any) -> Any:
    """The schema with every object that lists its properties closed to other keys."""
    if isinstance(node, dict):
        node = {k: _closed(v) for k, v in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


def _check(openapi: dict[str, Any], method: str, template: str, response: httpx.Response) -> None:
    """``response`` is one the document declares for the route, with exactly the documented keys."""
    operation = openapi["paths"][template][method]
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, f"{method.upper()} {template}: {response.status_code} is undocumented"
    schema = declared["content"]["application/json"]["schema"]
    root = {**_closed(schema), "components": _closed(copy.deepcopy(openapi["components"]))}
    errors = sorted(Draft202012Validator(root).iter_errors(response.json()), key=str)
    where = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:5]]
    assert not errors, f"{method.upper()} {template} ({response.status_code}): " + "; ".join(where)


def test_issue_18_every_route_documents_its_answer(openapi: dict[str, Any]) -> None:
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            ok = {s: r for s, r in operation["responses"].items() if s.startswith("2")}
            assert ok, f"{method.upper()} {path}: no success status"
            for status, response in ok.items():
                content = response["content"]
                if path.endswith(".csv"):
                    assert content == {"text/csv": {"schema": {"type": "string"}}}
                    continue
                ref = content["application/json"]["schema"].get("$ref", "")
                name = ref.removeprefix("#/components/schemas/")
                component = openapi["components"]["schemas"].get(name, {})
                assert component.get("properties") and component.get("required"), f"{method} {path} {status}"
            if method == "get":
                assert "ETag" in ok["200"]["headers"] and "304" in operation["responses"], path


@pytest.mark.parametrize("path", ["/healthz", "/api/claims", "/api/claims.csv", "/api/relationships"])
def test_issue_18_reads_answer_the_documented_304(
    openapi: dict[str, Any], client: httpx.Client, path: str
) -> None:
    first = client.get(path)
    again = client.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
    assert "304" in openapi["paths"][path]["get"]["responses"]


def test_issue_18_reads_answer_exactly_what_the_document_says(
    openapi: dict[str, Any], client: httpx.Client, site: WebSite
) -> None:
    store = SqliteStore(site.db_path)
    watch, _ = add_watch(store, WatchFilter(dyad=("TUR", "PAK")))
    store.close()
    tp, token = site.tp_article_id, {"Authorization": f"Bearer {site.tokens['alice']}"}
    reads = [
        ("/healthz", "/healthz", {}),
        ("/api/articles", "/api/articles", {"limit": 500}),
        ("/api/articles", "/api/articles", {"fields": "id,text,dateline,removed"}),
        ("/api/articles/{article_id}", f"/api/articles/{tp}", {}),
        ("/api/articles/{article_id}/comments", f"/api/articles/{tp}/comments", {}),
        ("/api/search", "/api/search", {"q": "submarine"}),
        ("/api/entities", "/api/entities", {"limit": 500}),
        ("/api/entities/{entity_id}", "/api/entities/tur", {}),
        ("/api/dyads/{first}/{second}", "/api/dyads/TUR/PAK", {}),
        ("/api/stories", "/api/stories", {}),
        ("/api/claims", "/api/claims", {"limit": 500}),
        ("/api/events", "/api/events", {"limit": 500}),
        ("/api/quotes", "/api/quotes", {"limit": 500}),
        ("/api/events", "/api/events", {"dyad": "TUR,PAK", "status": "denied", "since": "2025"}),
        ("/api/relationships", "/api/relationships", {}),
        ("/api/briefs/articles/{article_id}", f"/api/briefs/articles/{tp}", {}),
        ("/api/briefs/dyad/{first}/{second}", "/api/briefs/dyad/TUR/PAK", {"as_of": "2025-06-01"}),
        ("/api/briefs/entities/{entity_id}", "/api/briefs/entities/PAK", {}),
        ("/api/ask", "/api/ask", {"q": "Who denied the arms delivery to Pakistan?"}),
        ("/api/ask", "/api/ask", {"q": "What is the boiling point of mercury?"}),
        ("/api/watches", "/api/watches", {}),
        ("/api/articles/{article_id}", "/api/articles/no-such-article", {}),
        ("/api/events", "/api/events", {"status": "rumoured"}),
    ]
    for template, path, params in reads:
        response = client.get(path, params=params, headers=token)
        _check(openapi, "get", template, response)
    assert client.get("/api/watches").status_code == 401
    _check(openapi, "get", "/api/watches", client.get("/api/watches"))
    listed = {item["id"]: item for item in client.get("/api/watches", headers=token).json()["items"]}
    assert listed[watch.id]["matches"]  # its own watch: the session's store holds other tests' watches too


def test_issue_18_writes_answer_exactly_what_the_document_says(
    openapi: dict[str, Any], client: httpx.Client, site: WebSite
) -> None:
    token = {"Authorization": f"Bearer {site.tokens['bob']}"}
    url = f"/api/articles/{site.tp_article_id}/comments"
    made = client.post(url, data={"body": "Check the 2016 date.", "claim_id": "cl-upgrade"}, headers=token)
    assert made.status_code == 201
    _check(openapi, "post", "/api/articles/{article_id}/comments", made)
    gone = client.delete(f"/api/comments/{made.json()['id']}", headers=token)
    _check(openapi, "delete", "/api/comments/{comment_id}", gone)
    files = {"file": ("radar.txt", UPLOAD.encode(), "text/plain")}
    first = client.post("/api/ingest", files=files, headers=token)
    again = client.post("/api/ingest", files=files, headers=token)
    assert (first.status_code, again.status_code) == (201, 200)
    for response in (first, again):
        _check(openapi, "post", "/api/ingest", response)
    empty = client.post("/api/ingest", files={"file": ("empty.txt", b"", "text/plain")}, headers=token)
    _check(openapi, "post", "/api/ingest", empty)


def test_issue_18_article_lists_carry_the_text_once(client: httpx.Client) -> None:
    lean = client.get("/api/articles", params={"limit": 500}, headers={"Accept-Encoding": "gzip"})
    assert lean.headers["content-encoding"] == "gzip" and lean.headers["etag"]
    items = lean.json()["items"]
    assert len(items) >= 5
    for item in items:
        assert "text" not in item and item["body"]
        assert lean.text.count(json.dumps(item["body"], ensure_ascii=False)[1:-1]) == 1
    every_key = ",".join([*items[0], "text"])
    full = client.get("/api/articles", params={"limit": 500, "fields": every_key}).json()["items"]
    assert [set(item) - set(lean_item) for item, lean_item in zip(full, items, strict=True)] == [
        {"text"}
    ] * len(items)
    assert all(item["text"].endswith(item["body"]) for item in full)
    assert len(lean.content) < 0.8 * len(
        json.dumps({"items": full}, ensure_ascii=False, separators=(",", ":")).encode()
    )
