"""Issue 22, D17: the CSRF token is bound to the session, over real HTTP.

A double-submit pair (cookie and form field) minted for one session, or before sign-in, is refused
with another session's cookie, even when an attacker plants the cookie; each session's own pair works.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from tests.web.conftest import PASSWORD, build_turkey_pakistan, csrf_of, login, serve

from newsift.store import SqliteStore
from newsift.web.auth import create_user
from newsift.web.guards import CSRF_COOKIE, SESSION_COOKIE


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    from newsift.web import create_app

    path = tmp_path_factory.mktemp("csrf") / "news.db"
    store = SqliteStore(path)
    raw, article, analysis = build_turkey_pakistan()
    store.store_batch([(raw, [article])], {article.id: analysis})
    for name in ("alice", "bob"):
        create_user(store, name, PASSWORD)
    store.close()
    with serve(create_app(str(path))) as base_url:
        yield base_url, article.id


def _comments(http: httpx.Client, article_id: str) -> list[str]:
    return [c["body"] for c in http.get(f"/api/articles/{article_id}/comments").json()["items"]]


def _post(base_url: str, article_id: str, session: str, csrf: str, body: str) -> int:
    """POST the comment form with exactly this session cookie and this CSRF pair (cookie and field)."""
    with httpx.Client(base_url=base_url, cookies={SESSION_COOKIE: session, CSRF_COOKIE: csrf}) as http:
        return http.post(f"/articles/{article_id}/comments", data={"body": body, "csrf": csrf}).status_code


def _signed_in(base_url: str, article_id: str, name: str) -> tuple[str, str]:
    """(session cookie, CSRF token of a page seen in that session) of a fresh sign-in."""
    with httpx.Client(base_url=base_url) as http:
        assert login(http, name).status_code == 303
        token = csrf_of(http.get(f"/articles/{article_id}").text)
        return http.cookies[SESSION_COOKIE], token


def test_d17_csrf_pair_of_another_session_is_refused(site: tuple[str, str]) -> None:
    base_url, article_id = site
    alice_session, alice_csrf = _signed_in(base_url, article_id, "alice")
    bob_session, bob_csrf = _signed_in(base_url, article_id, "bob")
    assert _post(base_url, article_id, bob_session, alice_csrf, "planted pair") == 403
    assert _post(base_url, article_id, alice_session, bob_csrf, "planted pair") == 403
    assert _post(base_url, article_id, bob_session, bob_csrf, "bob's own pair") == 303
    assert _post(base_url, article_id, alice_session, alice_csrf, "alice's own pair") == 303
    with httpx.Client(base_url=base_url) as http:
        bodies = _comments(http, article_id)
    assert "planted pair" not in bodies and {"bob's own pair", "alice's own pair"} <= set(bodies)


def test_d17_a_pair_minted_before_sign_in_is_refused_after_it(site: tuple[str, str]) -> None:
    base_url, article_id = site
    with httpx.Client(base_url=base_url) as http:
        anonymous = csrf_of(http.get("/login").text)
        assert login(http, "alice").status_code == 303
        form = {"body": "with the signed-out token", "csrf": anonymous}
        assert http.cookies[CSRF_COOKIE] == anonymous  # still the signed-out pair, cookie and field
        assert http.post(f"/articles/{article_id}/comments", data=form).status_code == 403
        fresh = csrf_of(http.get(f"/articles/{article_id}").text)  # the page issues one for the session
        assert fresh != anonymous
        form = {"body": "with the session's token", "csrf": fresh}
        assert http.post(f"/articles/{article_id}/comments", data=form).status_code == 303
        assert "with the signed-out token" not in _comments(http, article_id)
