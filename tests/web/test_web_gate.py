"""The gate in front of the routes: Host check, upload token, rate limit and body size, before the body."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import msgspec
import pytest
from tests.web.conftest import serve

from newsift.config import Settings
from newsift.store import SqliteStore
from newsift.web.guards import RateLimit

_BOUNDARY = "xyz"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server with a 1,000-byte upload limit, 3 uploads a minute and one extra host name."""
    from newsift.web import create_app
    from newsift.web.auth import create_api_token, create_user

    path = tmp_path_factory.mktemp("gate") / "gate.db"
    small = msgspec.structs.replace(Settings().ingest, max_input_bytes=1000)
    app = create_app(
        Settings(db=str(path), ingest=small), allowed_hosts=("news.example", "*.proxy.example"),
        uploads_per_minute=3,
    )  # fmt: skip
    conn = SqliteStore(path)
    create_user(conn, "dana", "a long enough password")
    token = create_api_token(conn, "dana")
    conn.close()
    with serve(app) as base_url:
        yield base_url, token


def _multipart(size: int) -> Iterator[bytes]:
    """A streamed (chunked, no Content-Length) multipart upload of ``size`` bytes of text."""
    yield (
        f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    for _ in range(size // 1000):
        yield b"word " * 200
    yield f"\r\n--{_BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1", 200),
        ("localhost:8000", 200),
        ("[::1]:8000", 200),
        ("news.example", 200),
        ("NEWS.example:443", 200),
        ("a.proxy.example", 200),
        ("attacker.example", 400),
        ("news.example.attacker.example", 400),
        ("proxy.example", 400),
        ("10.0.0.1", 400),
        ("", 400),
    ],
    ids=["loopback", "localhost", "ipv6", "configured", "case-and-port", "wildcard", "foreign", "suffix",
         "wildcard-apex", "other-address", "empty"],
)  # fmt: skip
def test_web_gate_serves_only_trusted_hosts(small_site: tuple[str, str], host: str, status: int) -> None:
    with httpx.Client(base_url=small_site[0], timeout=30) as http:
        response = http.get("/healthz", headers={"Host": host})
    assert response.status_code == status, response.text
    if status == 400:
        assert response.json()["error"]["code"] == "bad_host"
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_web_gate_streamed_upload_over_the_limit_is_cut_off(small_site: tuple[str, str]) -> None:
    base_url, token = small_site
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={_BOUNDARY}",
    }
    with httpx.Client(base_url=base_url, timeout=30) as http:
        response = http.post("/api/ingest", content=_multipart(200_000), headers=headers)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_web_gate_form_bodies_are_bounded_before_the_token_check(small_site: tuple[str, str]) -> None:
    with httpx.Client(base_url=small_site[0], timeout=30) as http:
        response = http.post("/api/articles/x/comments", content=b"body=" + b"x" * (2 << 20))
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_web_gate_bad_content_length_is_a_400(small_site: tuple[str, str]) -> None:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(small_site[0])
    conn = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=10)
    try:
        conn.putrequest("POST", "/api/articles/x/comments")
        conn.putheader("Content-Length", "-1")
        conn.endheaders()
        status = conn.getresponse().status
    finally:
        conn.close()
    assert status == 400


# before the rate-limit test: the two share one site and one token
def test_web_gate_an_empty_upload_is_refused_by_name_before_analysis(small_site: tuple[str, str]) -> None:
    base_url, token = small_site
    with httpx.Client(base_url=base_url, timeout=30) as http:
        files = {"file": ("blank page.txt", b"", "text/plain")}
        response = http.post("/api/ingest", files=files, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "empty_input" and "blank_page.txt" in error["message"], error


def test_web_gate_upload_rate_limit_answers_429_with_retry_after(small_site: tuple[str, str]) -> None:
    base_url, token = small_site
    with httpx.Client(base_url=base_url, timeout=30) as http:
        statuses, response = [], None
        for _ in range(5):
            files = {"file": ("empty.txt", b"", "text/plain")}
            response = http.post("/api/ingest", files=files, headers={"Authorization": f"Bearer {token}"})
            statuses.append(response.status_code)
    assert response is not None and statuses[-1] == 429, statuses
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert response.json()["error"]["code"] == "too_many_requests"


def test_web_gate_unknown_token_upload_is_a_401(small_site: tuple[str, str]) -> None:
    with httpx.Client(base_url=small_site[0], timeout=30) as http:
        files = {"file": ("a.txt", b"x", "text/plain")}
        response = http.post("/api/ingest", files=files, headers={"Authorization": "Bearer nsk_forged"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_web_gate_rate_limit_window_slides(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    limit = RateLimit(2, 60.0)
    assert (limit.hit("a"), limit.hit("a")) == (0.0, 0.0)
    assert limit.hit("a") == pytest.approx(60.0)
    assert limit.hit("b") == 0.0
    now[0] += 30
    assert limit.hit("a") == pytest.approx(30.0)
    now[0] += 31
    assert limit.hit("a") == 0.0


def test_web_gate_rate_limit_forgets_idle_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    limit = RateLimit(1, 10.0)
    for key in ("a", "b", "c"):
        limit.hit(key)
    now[0] += 11
    limit.hit("d")
    assert set(limit._hits) == {"d"}


@pytest.mark.parametrize(
    ("host", "server", "status"),
    [
        ("192.0.2.7:8000", ("192.0.2.7", 8000), 204),
        ("[2001:db8::7]:8000", ("2001:db8::7", 8000), 204),
        ("192.0.2.8:8000", ("192.0.2.7", 8000), 400),
        ("rebound.example:8000", ("192.0.2.7", 8000), 400),
    ],
    ids=["same-v4", "same-v6", "other-address", "name"],
)
def test_web_gate_serves_the_literal_address_it_was_reached_on(
    host: str, server: tuple[str, int], status: int
) -> None:
    """`newsift serve --host 0.0.0.0` reached as http://<its address>/ works with no host configured."""
    import asyncio

    from starlette.types import Message, Receive, Scope, Send

    from newsift.web.gate import Gate

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    gate = Gate(inner, hosts=(), find_token_user=lambda token: None, upload_limit=0, uploads=RateLimit())
    scope = {
        "type": "http", "method": "GET", "path": "/", "server": server,
        "headers": [(b"host", host.encode())],
    }  # fmt: skip
    asyncio.run(gate(scope, receive, send))
    assert sent[0]["status"] == status
