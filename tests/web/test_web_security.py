"""Security of the web adapter: tokens on writes, CSRF on forms, per-user authorisation, cookies, headers."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import msgspec
import pytest
from tests.web.conftest import csrf_of, login, serve

from newsift.config import Settings
from newsift.store import SqliteStore

if TYPE_CHECKING:
    from tests.web.conftest import WebSite


def _bearer(site: WebSite, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.tokens[user]}"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/ingest"),
        ("POST", "/api/articles/tp0000000000abcd/comments"),
        ("DELETE", "/api/comments/x"),
    ],
    ids=["ingest", "comment", "delete"],
)
@pytest.mark.parametrize(
    "header", [None, "Bearer nsk_wrong", "Basic YWxpY2U6eA=="], ids=["none", "bad", "basic"]
)
def test_web_security_writes_need_a_valid_token(
    client: httpx.Client, method: str, path: str, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.request(
        method, path, headers=headers, data={"body": "x", "url": "https://example.org/"}
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthenticated"


def test_web_security_api_comment_delete_by_author_only(client: httpx.Client, site: WebSite) -> None:
    url = f"/api/articles/{site.tp_article_id}/comments"
    created = client.post(url, data={"body": "Check the 2016 date."}, headers=_bearer(site, "alice"))
    assert created.status_code == 201 and created.json()["user"] == "alice"
    comment_id = created.json()["id"]
    refused = client.delete(f"/api/comments/{comment_id}", headers=_bearer(site, "bob"))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert comment_id in {c["id"] for c in client.get(url).json()["items"]}
    assert client.delete(f"/api/comments/{comment_id}", headers=_bearer(site, "alice")).status_code == 200
    assert comment_id not in {c["id"] for c in client.get(url).json()["items"]}


def test_web_security_form_without_csrf_is_refused(client: httpx.Client, site: WebSite) -> None:
    assert (
        client.post("/login", data={"name": "alice", "password": "correct horse battery"}).status_code == 403
    )
    assert login(client, "alice").status_code == 303
    url = f"/articles/{site.tp_article_id}/comments"
    assert client.post(url, data={"body": "no token"}).status_code == 403
    assert client.post(url, data={"body": "forged", "csrf": "abc.def"}).status_code == 403
    assert "no token" not in client.get(f"/api/articles/{site.tp_article_id}/comments").text


def test_web_security_form_delete_of_anothers_comment_is_forbidden(site: WebSite) -> None:
    with httpx.Client(base_url=site.base_url) as alice, httpx.Client(base_url=site.base_url) as bob:
        login(alice, "alice")
        login(bob, "bob")
        page = alice.get(f"/articles/{site.tp_article_id}").text
        alice.post(
            f"/articles/{site.tp_article_id}/comments",
            data={"body": "a note from alice", "csrf": csrf_of(page)},
        )
        comments = alice.get(f"/api/articles/{site.tp_article_id}/comments").json()["items"]
        mine = next(c for c in comments if c["body"] == "a note from alice")
        bob_page = bob.get(f"/articles/{site.tp_article_id}").text
        assert f"/comments/{mine['id']}/delete" not in bob_page
        response = bob.post(f"/comments/{mine['id']}/delete", data={"csrf": csrf_of(bob_page)})
        assert response.status_code == 403
        assert "a note from alice" in alice.get(f"/articles/{site.tp_article_id}").text


def test_web_security_cookie_flags(site: WebSite) -> None:
    with httpx.Client(base_url=site.base_url) as http:
        csrf_cookie = http.get("/login").headers["set-cookie"].lower()
        assert "httponly" in csrf_cookie and "samesite=strict" in csrf_cookie and "path=/" in csrf_cookie
        session_cookie = login(http, "alice").headers["set-cookie"].lower()
        assert session_cookie.startswith("newsift_session=")
        assert (
            "httponly" in session_cookie and "samesite=lax" in session_cookie and "max-age=" in session_cookie
        )
        assert "Signed in as" in http.get("/").text
        raw = http.cookies["newsift_session"]
    conn = sqlite3.connect(site.db_path)
    stored = [row[0] for row in conn.execute("SELECT id_hash FROM sessions")]
    conn.close()
    assert raw not in stored and len(stored) >= 1  # only digests are stored


def test_web_security_wrong_password_is_refused(client: httpx.Client) -> None:
    response = login(client, "alice", "not the password")
    assert response.status_code == 401 and "Wrong name or password" in response.text
    assert "newsift_session" not in client.cookies


def test_web_security_headers_forbid_inline_script(client: httpx.Client, site: WebSite) -> None:
    for path in ("/", f"/articles/{site.tp_article_id}", "/api/articles"):
        headers = client.get(path).headers
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1:9/page", "ingest_failed"),
        ("http://169.254.169.254/latest/meta-data/", "ingest_failed"),
        ("file:///etc/passwd", "invalid_url"),
        ("/etc/passwd", "invalid_url"),
    ],
    ids=["loopback", "metadata", "file-scheme", "server-path"],
)
def test_web_security_ingest_refuses_private_and_local_targets(
    client: httpx.Client, site: WebSite, url: str, code: str
) -> None:
    response = client.post("/api/ingest", data={"url": url}, headers=_bearer(site, "alice"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code
    if code == "ingest_failed":
        assert "refused" in error["message"]


def test_web_security_upload_name_cannot_escape(client: httpx.Client, site: WebSite, tmp_path: Path) -> None:
    text = "Sweden orders Archer howitzers\n\nSweden has ordered 48 more Archer howitzers from BAE Bofors."
    files = {"file": ("../../../../tmp/evil name.txt", text.encode(), "text/plain")}
    response = client.post("/api/ingest", files=files, headers=_bearer(site, "alice"))
    assert response.status_code == 201, response.text
    assert not Path("/tmp/evil name.txt").exists()
    found = client.get("/api/search", params={"q": "Archer howitzers"}).json()
    assert found["total"] == 1


def test_web_security_upload_size_and_login_rate_limits(tmp_path: Path) -> None:
    from newsift.web import create_app

    small = msgspec.structs.replace(Settings().ingest, max_input_bytes=1000)
    settings = Settings(db=str(tmp_path / "small.db"), ingest=small)
    app = create_app(settings)
    conn = SqliteStore(tmp_path / "small.db")
    from newsift.web.auth import create_api_token, create_user

    create_user(conn, "carol", "a long enough password")
    token = create_api_token(conn, "carol")
    conn.close()
    with serve(app) as base_url, httpx.Client(base_url=base_url) as http:
        big = {"file": ("big.txt", b"word " * 1000, "text/plain")}
        response = http.post("/api/ingest", files=big, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
        statuses = [login(http, "carol", "wrong password").status_code for _ in range(11)]
        assert statuses[:10] == [401] * 10 and statuses[10] == 429
        assert login(http, "carol", "a long enough password").status_code == 429


def test_web_upload_keeps_the_clients_file_name(client: httpx.Client, site: WebSite) -> None:
    """An uploaded page is stored under its client's file name, never the server's temporary path."""
    text = "Norway orders K9 howitzers\n\nNorway has ordered 24 more K9 howitzers from South Korea."
    files = {"file": ("norway-k9.txt", text.encode(), "text/plain")}
    response = client.post("/api/ingest", files=files, headers=_bearer(site, "alice"))
    assert response.status_code == 201, response.text
    articles = client.get("/api/articles", params={"limit": 500}).json()["items"]
    uris = [a.get("uri") for a in articles if "K9 howitzers" in (a.get("title") or "")]
    assert uris == ["upload:norway-k9.txt"], uris
