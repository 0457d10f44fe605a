"""Security review of the web adapter, against a real uvicorn server over a real SQLite store.

Routes are enumerated from the app itself, so a route added later is covered: every write refuses an
anonymous request, every HTML form refuses a request without its CSRF token, every query and path
parameter takes injection strings without a 5xx or a change to the store; foreign Host headers, anonymous,
oversized and too frequent uploads are refused before the body is read (tests/web/test_web_security.py
covers tokens, cookies, CSP and uploads).
"""

from __future__ import annotations

import http.client as httplib
import socket
import sqlite3
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from tests.web.conftest import WebSite, _add_users, _build_store, csrf_of, login, serve

INJECTIONS = [
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE articles; --",
    "x') UNION SELECT password_hash FROM users --",
    "%",
    "_",
    "*",
    'NEAR("a" "b") OR title:x',
    "../../../../etc/passwd",
    "\\",
]
INJECTION_IDS = [
    "or-true", "or-quote", "drop", "union", "like-any", "like-one", "fts-star", "fts-syntax", "traversal",
    "backslash",
]  # fmt: skip
_TABLES = ("articles", "users", "api_tokens", "comments", "sessions", "mentions", "claims", "events")


@pytest.fixture(scope="module")
def app_and_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, WebSite]]:
    from newsift.web import create_app

    path = tmp_path_factory.mktemp("security") / "news.db"
    tp_id = _build_store(path)
    app = create_app(str(path))
    tokens = _add_users(path)
    with serve(app) as base_url:
        yield app, WebSite(base_url=base_url, db_path=str(path), tp_article_id=tp_id, tokens=tokens)


@pytest.fixture(scope="module")
def site(app_and_site: tuple[FastAPI, WebSite]) -> WebSite:
    return app_and_site[1]


@pytest.fixture
def http(site: WebSite) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site.base_url, timeout=60) as client:
        yield client


def _routes(app: FastAPI) -> list[APIRoute]:
    """Every API route of the app, included routers unwrapped."""
    found, stack = [], list(app.routes)
    while stack:
        route = stack.pop(0)
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            stack.extend(route.original_router.routes)
    return found


def _counts(site: WebSite) -> dict[str, int]:
    conn = sqlite3.connect(site.db_path)
    try:
        counts = {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in _TABLES}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    return counts


def _path_values(site: WebSite, comment_id: str) -> dict[str, str]:
    return {
        "article_id": site.tp_article_id, "entity_id": "TUR", "first": "TUR", "second": "PAK",
        "comment_id": comment_id,
    }  # fmt: skip


def _url(route: APIRoute, values: dict[str, str]) -> str:
    return route.path.format(**{p.name: values.get(p.name, "x") for p in route.dependant.path_params})


def _body(route: APIRoute) -> dict[str, Any]:
    names = [p.name for p in route.dependant.body_params]
    if "file" in names:
        return {"files": {"file": ("note.txt", b"A title\n\nA short body of text.", "text/plain")}}
    return {"data": {name: "x" for name in names}}


def _alice_comment(http: httpx.Client, site: WebSite) -> str:
    response = http.post(
        f"/api/articles/{site.tp_article_id}/comments",
        data={"body": "alice's note"},
        headers={"Authorization": f"Bearer {site.tokens['alice']}"},
    )
    assert response.status_code == 201
    return str(response.json()["id"])


def test_security_every_write_route_refuses_anonymous_requests(
    app_and_site: tuple[FastAPI, WebSite], http: httpx.Client
) -> None:
    app, site = app_and_site
    values = _path_values(site, _alice_comment(http, site))
    writes = [r for r in _routes(app) if r.methods - {"GET", "HEAD"}]
    assert len(writes) >= 7  # ingest, comments (API and form), delete (API and form), login, logout
    before = _counts(site)
    with httpx.Client(base_url=site.base_url, timeout=60) as anonymous:
        for route in writes:
            for method in sorted(route.methods - {"GET", "HEAD"}):
                response = anonymous.request(method, _url(route, values), **_body(route))
                assert response.status_code in (401, 403), (method, route.path, response.text)
    assert _counts(site) == before


def test_security_every_form_needs_its_csrf_token_even_when_signed_in(
    app_and_site: tuple[FastAPI, WebSite], http: httpx.Client
) -> None:
    app, site = app_and_site
    values = _path_values(site, _alice_comment(http, site))
    forms = [r for r in _routes(app) if "POST" in r.methods and not r.path.startswith("/api/")]
    with httpx.Client(base_url=site.base_url, timeout=60) as alice:
        assert login(alice, "alice").status_code == 303
        before = _counts(site)
        for route in forms:
            for token in (None, "forged.signature", csrf_of(alice.get("/login").text) + "x"):
                data = {**_body(route).get("data", {}), **({"csrf": token} if token else {})}
                response = alice.post(_url(route, values), data=data)
                assert response.status_code == 403, (route.path, token, response.text)
        assert _counts(site) == before
        assert "Signed in as" in alice.get("/").text  # the refused logout did not sign alice out


@pytest.mark.parametrize("value", INJECTIONS, ids=INJECTION_IDS)
def test_security_injection_strings_in_every_parameter_change_nothing(
    app_and_site: tuple[FastAPI, WebSite], http: httpx.Client, value: str
) -> None:
    app, site = app_and_site
    values = _path_values(site, "none")
    before = _counts(site)
    for route in (r for r in _routes(app) if "GET" in r.methods):
        for param in route.dependant.query_params:
            response = http.get(_url(route, values), params={param.name: value})
            assert response.status_code < 500, (route.path, param.name, response.text)
            assert "$argon2" not in response.text and "nsk_" not in response.text
        for param in route.dependant.path_params:
            response = http.get(_url(route, {**values, param.name: value}))
            assert response.status_code < 500, (route.path, param.name, response.text)
    assert _counts(site) == before


@pytest.mark.parametrize("value", INJECTIONS[:4], ids=INJECTION_IDS[:4])
def test_security_injection_strings_in_filters_match_nothing(http: httpx.Client, value: str) -> None:
    everything = http.get("/api/articles").json()["total"]
    for path in ("/api/articles", "/api/search"):
        assert http.get(path, params={"q": value}).json()["total"] < everything
    for key in ("outlet", "entity", "event_type", "claim_status"):
        response = http.get("/api/search", params={key: value})
        assert response.status_code == 422 or response.json()["total"] == 0, key  # 422: over max_length
    entities = http.get("/api/entities", params={"kind": value})
    assert entities.status_code == 422 or entities.json()["items"] == []


@pytest.mark.parametrize(
    "target",
    [
        "/static/../app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static//etc/passwd",
        "/static/..\\app.py",
        "/static/%5c..%5capp.py",
    ],
    ids=["dotdot", "encoded-slash", "encoded-dots", "deep", "absolute", "backslash", "encoded-backslash"],
)
def test_security_static_files_refuse_path_traversal(site: WebSite, target: str) -> None:
    """Sent raw (http.client does not normalise dot segments), so the server sees the hostile path."""
    host, port = urlsplit(site.base_url).hostname, urlsplit(site.base_url).port
    conn = httplib.HTTPConnection(str(host), port, timeout=30)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    assert response.status in (400, 404), (target, response.status)
    assert b"create_app" not in body and b"root:" not in body and b"[project]" not in body


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
        "/\t/evil.example",
        "\\\\evil.example",
        "/%2f%2fevil.example",
        "javascript:alert(1)",
        " //evil.example",
        "/\r\nSet-Cookie: x=1",
    ],
    ids=["scheme-relative", "backslash", "absolute", "tab", "unc", "encoded", "javascript", "space", "crlf"],
)
def test_security_login_next_never_leaves_the_site(site: WebSite, target: str) -> None:
    with httpx.Client(base_url=site.base_url, timeout=60) as http:
        page = http.get("/login")
        response = http.post(
            "/login",
            data={
                "name": "alice",
                "password": "correct horse battery",
                "next": target,
                "csrf": csrf_of(page.text),
            },
        )
    assert response.status_code == 303
    location = response.headers["location"]
    resolved = urlsplit(urljoin(site.base_url + "/login", location.replace("\\", "/")))
    assert (resolved.scheme, resolved.netloc) == ("http", urlsplit(site.base_url).netloc), location
    assert "x=1" not in response.headers.get_list("set-cookie")


def test_security_passwords_are_stored_as_argon2id(site: WebSite) -> None:
    conn = sqlite3.connect(site.db_path)
    hashes = [row[0] for row in conn.execute("SELECT password_hash FROM users")]
    conn.close()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)


def test_security_error_responses_carry_the_security_headers(http: httpx.Client) -> None:
    for path in ("/static/style.css", "/no-such-page", "/api/articles?limit=0", "/api/articles/nope"):
        headers = http.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff", path


@pytest.mark.parametrize("path", ["/api/articles", "/api/search", "/api/entities"])
def test_security_huge_offset_is_refused_not_a_500(http: httpx.Client, path: str) -> None:
    response = http.get(path, params={"offset": "99999999999999999999"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


def test_security_article_id_prefix_is_not_a_pattern(http: httpx.Client, site: WebSite) -> None:
    pattern = "_" + site.tp_article_id[1:12]  # not a prefix of any id, but LIKE matches it
    assert http.get(f"/api/articles/{pattern}").status_code == 404


def _raw_upload_headers(site: WebSite, length: int, token: str | None) -> bytes:
    host = urlsplit(site.base_url).netloc
    lines = [
        "POST /api/ingest HTTP/1.1",
        f"Host: {host}",
        "Content-Type: multipart/form-data; boundary=xyz",
        f"Content-Length: {length}",
        *([f"Authorization: Bearer {token}"] if token else []),
        "",
        "--xyz",
        'Content-Disposition: form-data; name="file"; filename="big.txt"',
        "",
        "",
    ]
    return "\r\n".join(lines).encode()


def test_security_anonymous_huge_upload_is_refused_before_its_body(site: WebSite) -> None:
    host, port = urlsplit(site.base_url).hostname, urlsplit(site.base_url).port
    with socket.create_connection((str(host), int(port or 80)), timeout=5) as sock:
        sock.sendall(_raw_upload_headers(site, 10**12, None) + b"x" * 65536)
        sock.settimeout(3)
        try:
            answer = sock.recv(200)
        except TimeoutError:
            answer = b""  # still waiting for the terabyte
    assert answer.startswith((b"HTTP/1.1 401", b"HTTP/1.1 413")), answer


def test_security_uploads_are_rate_limited(http: httpx.Client, site: WebSite) -> None:
    headers = {"Authorization": f"Bearer {site.tokens['bob']}"}
    statuses = []
    started = time.monotonic()
    for _ in range(60):
        files = {"file": ("empty.txt", b"", "text/plain")}  # refused fast: nothing to analyse
        statuses.append(http.post("/api/ingest", files=files, headers=headers).status_code)
        if statuses[-1] == 429 or time.monotonic() - started > 15:
            break
    assert 429 in statuses, statuses


def test_security_foreign_host_header_is_refused(http: httpx.Client) -> None:
    response = http.get("/api/articles", headers={"Host": "attacker.example"})
    assert response.status_code == 400
