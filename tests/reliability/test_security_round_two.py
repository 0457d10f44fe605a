"""Web and account rows of the adversarial run (issue 22, D16, D18, D20), against real servers.

D16: a comment may only point at a claim of its own article. D18: user names are printable (no
control character, no final newline). D20: the sign-in throttle counts per connecting address; an
X-Forwarded-For header is believed only from a proxy named with ``serve --trusted-proxy``.
"""

from __future__ import annotations

import socket
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from tests.hostile import cli_process as proc
from tests.web.conftest import PASSWORD, build_turkey_pakistan, csrf_of, login, serve

from newsift.errors import InputError
from newsift.model import Article, ContentType, Position, RawDocument, make_id
from newsift.store import SqliteStore
from newsift.web.auth import create_api_token, create_user


def _other_article(fetched_at: datetime) -> tuple[RawDocument, Article]:
    content = b"Other\n\nA second page with no claims."
    raw = RawDocument(uri="other.txt", content=content, content_type=ContentType.TEXT, fetched_at=fetched_at)
    article = Article(
        id=make_id(raw.id, "0"),
        page_id=raw.id,
        position=Position.MAIN,
        index=0,
        title="Other",
        body="A second page with no claims.",
        uri="other.txt",
        fetched_at=raw.fetched_at,
        extractor="tests",
    )
    return raw, article


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str, str]]:
    """A server over a store of two articles (one with claims); yields URL, the two ids and a token."""
    from newsift.web import create_app

    path = tmp_path_factory.mktemp("claims") / "news.db"
    store = SqliteStore(path)
    raw, article, analysis = build_turkey_pakistan()
    other_raw, other = _other_article(raw.fetched_at)
    store.store_batch([(raw, [article]), (other_raw, [other])], {article.id: analysis})
    store.close()
    app = create_app(str(path))
    conn = SqliteStore(path)
    create_user(conn, "alice", PASSWORD)
    token = create_api_token(conn, "alice", "tests")
    conn.close()
    with serve(app) as base_url:
        yield base_url, article.id, other.id, token


def test_d16_comment_claim_of_another_article_is_refused(site: tuple[str, str, str, str]) -> None:
    base_url, with_claims, other, token = site
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=auth) as http:
        ok = http.post(
            f"/api/articles/{with_claims}/comments", data={"body": "Fine.", "claim_id": "cl-upgrade"}
        )
        assert ok.status_code == 201 and ok.json()["claim_id"] == "cl-upgrade"
        for article_id, claim in ((other, "cl-upgrade"), (with_claims, "cl-nowhere")):
            refused = http.post(f"/api/articles/{article_id}/comments", data={"body": "x", "claim_id": claim})
            assert refused.status_code == 422, refused.text
            assert claim in refused.json()["error"]["message"]
        listed = http.get(f"/api/articles/{other}/comments").json()["items"]
        assert listed == []


def test_d16_comment_form_with_a_foreign_claim_is_refused(site: tuple[str, str, str, str]) -> None:
    base_url, _, other, _ = site
    with httpx.Client(base_url=base_url) as http:
        assert login(http, "alice").status_code == 303
        page = http.get(f"/articles/{other}")
        form = {"body": "x", "claim_id": "cl-drones", "csrf": csrf_of(page.text)}
        refused = http.post(f"/articles/{other}/comments", data=form)
        assert refused.status_code == 422
        assert http.get(f"/api/articles/{other}/comments").json()["items"] == []


@pytest.mark.parametrize("name", ["alice\n", "bob\r", "car\tol", "dav\u202eid", "eve\x00", "\u200bfrank"])
def test_d18_user_names_with_control_characters_are_refused(tmp_path: Path, name: str) -> None:
    store = SqliteStore(tmp_path / "news.db")
    with pytest.raises(InputError):
        create_user(store, name, PASSWORD)
    store.close()
    conn = sqlite3.connect(tmp_path / "news.db")
    assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 0
    conn.close()


def test_d18_user_add_with_a_final_newline_fails_on_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    run = _user_add(db, "alice\n", tmp_path)
    assert run.code == 1 and "user names are" in run.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 0
    assert _user_add(db, "alice", tmp_path).code == 0


def _user_add(db: Path, name: str, tmp: Path) -> object:
    import subprocess

    args = [sys.executable, "-c", proc.CLI, "--db", str(db), "user", "add", name, "--password-stdin"]
    done = subprocess.run(args, input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)
    return proc.Finished(
        code=done.returncode, stdout=done.stdout, stderr=done.stderr, seconds=0, peak_rss_mb=0
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _newsift_serve(db: Path, tmp: Path, *extra: str) -> Iterator[str]:
    port = _free_port()
    server = proc.start_newsift(["--db", str(db), "serve", "--port", str(port), *extra], tmp / f"serve{port}")
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base_url}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "newsift serve did not start"
                time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        server.wait(20)


def _attempts(base_url: str, forwarded: list[str]) -> list[int]:
    with httpx.Client(base_url=base_url) as http:
        statuses = []
        for address in forwarded:
            form = {"name": "alice", "password": "wrong password", "csrf": csrf_of(http.get("/login").text)}
            statuses.append(http.post("/login", data=form, headers={"X-Forwarded-For": address}).status_code)
        return statuses


def test_d20_sign_in_throttle_ignores_forwarded_for_from_an_untrusted_peer(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert _user_add(db, "alice", tmp_path).code == 0
    spoofed = [f"203.0.113.{n}" for n in range(12)]
    with _newsift_serve(db, tmp_path) as base_url:
        statuses = _attempts(base_url, spoofed)
    assert statuses[:10] == [401] * 10 and statuses[10:] == [429, 429]


def test_d20_forwarded_for_counts_per_client_behind_a_trusted_proxy(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert _user_add(db, "alice", tmp_path).code == 0
    with _newsift_serve(db, tmp_path, "--trusted-proxy", "127.0.0.1") as base_url:
        assert _attempts(base_url, [f"203.0.113.{n}" for n in range(12)]) == [401] * 12
        assert _attempts(base_url, ["198.51.100.7"] * 11)[10] == 429
