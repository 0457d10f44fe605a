"""Watches in the web UI over a real uvicorn server and SQLite store: saved from a page's filter by a
signed-in user (CSRF-checked), listed by name, edited and deleted by their owner only, and counted as new
in the header until opened.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest
from tests.web.conftest import PASSWORD, csrf_of, login

from newsift.brief.watch import list_watches
from newsift.store import SqliteStore

if TYPE_CHECKING:
    from tests.web.conftest import WebSite


def _form(page: str, form_id: str) -> dict[str, str]:
    """The hidden and text inputs of one form on the page, as a browser would post them."""
    found = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.S)
    assert found, f"no form {form_id}"
    return {
        html.unescape(n): html.unescape(v)
        for n, v in re.findall(r'<input[^>]*name="([^"]+)"[^>]*?(?:value="([^"]*)")?>', found.group(0))
    }


def _save(client: httpx.Client, path: str, name: str = "") -> httpx.Response:
    data = {**_form(client.get(path).text, "watch-this"), "name": name}
    return client.post("/watches", data=data)


@pytest.fixture
def carol(site: WebSite) -> Iterator[httpx.Client]:
    """A fresh user of her own, so that counts do not depend on what other tests saved."""
    from newsift.web.auth import create_user

    store = SqliteStore(site.db_path)
    if not store.accounts.has_user("carol"):
        create_user(store, "carol", PASSWORD)
    for watch in list_watches(store, owner="carol"):
        store.watches.delete(watch.id, "carol")
    store.close()
    with httpx.Client(base_url=site.base_url, timeout=60) as http:
        login(http, "carol")
        yield http


def test_web_watches_save_from_the_dyad_page_lists_it_by_name(carol: httpx.Client) -> None:
    response = _save(carol, "/dyad/TUR/PAK", name="Turkish arms to Pakistan")
    assert response.status_code == 303 and response.headers["location"].startswith("/dyad/TUR/PAK?watched=")
    page = carol.get("/watches").text
    assert "Turkish arms to Pakistan" in page and "Turkey ↔ Pakistan" in html.unescape(page)
    watch_id = re.search(r'href="/watches/([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    assert f">{watch_id}<" not in page  # people read names, not hex ids


def test_web_watches_default_name_is_the_filter_in_words(carol: httpx.Client) -> None:
    _save(carol, "/claims?status=denied&dyad=TUR,PAK")
    page = html.unescape(carol.get("/watches").text)
    assert re.search(r'class="watch-name"[^>]*>Turkey ↔ Pakistan · denied<', page)


def test_web_watches_need_a_session_and_a_csrf_token(client: httpx.Client, carol: httpx.Client) -> None:
    form = _form(carol.get("/entities/TUR").text, "watch-this")
    anonymous = client.post("/watches", data=form, headers={"accept": "text/html"})
    assert anonymous.status_code in (401, 403)
    forged = carol.post("/watches", data={**form, "csrf": "forged"})
    assert forged.status_code == 403
    assert "You have no watches yet" in carol.get("/watches").text


def test_web_watches_refuse_an_empty_or_unknown_filter(carol: httpx.Client) -> None:
    csrf = csrf_of(carol.get("/watches").text)
    empty = carol.post("/watches", data={"csrf": csrf})
    assert empty.status_code == 422 and "at least one filter" in empty.text
    bad = carol.post("/watches", data={"csrf": csrf, "status": "rumoured"})
    assert bad.status_code == 422 and "denied" in bad.text  # names the allowed values


def test_web_watches_edit_and_delete_only_by_the_owner(site: WebSite, carol: httpx.Client) -> None:
    _save(carol, "/entities/TUR", name="Turkey")
    watch_id = re.search(r'href="/watches/([0-9a-f]+)"', carol.get("/watches").text).group(1)  # type: ignore[union-attr]
    with httpx.Client(base_url=site.base_url, timeout=60) as bob:
        login(bob, "bob")
        csrf = csrf_of(bob.get("/watches").text)
        assert bob.post(f"/watches/{watch_id}/delete", data={"csrf": csrf}).status_code == 404
        assert bob.get(f"/watches/{watch_id}", headers={"accept": "text/html"}).status_code == 404
        assert f"/watches/{watch_id}" not in bob.get("/watches").text
    csrf = csrf_of(carol.get("/watches").text)
    edited = carol.post(
        f"/watches/{watch_id}/edit",
        data={"csrf": csrf, "name": "Ankara's deals", "actor": "TUR", "status": "denied"},
    )
    assert edited.status_code == 303
    page = html.unescape(carol.get("/watches").text)
    assert "Ankara's deals" in page and "Turkey · denied" in page
    assert carol.post(f"/watches/{watch_id}/delete", data={"csrf": csrf}).status_code == 303
    assert f"/watches/{watch_id}" not in carol.get("/watches").text


def _ingest(site: WebSite, name: str, text: str) -> None:
    response = httpx.post(
        f"{site.base_url}/api/ingest", files={"file": (name, text.encode(), "text/plain")},
        headers={"Authorization": f"Bearer {site.tokens['bob']}"}, timeout=120,
    )  # fmt: skip
    assert response.status_code in (200, 201), response.text


def test_web_watches_count_new_until_opened(site: WebSite, carol: httpx.Client) -> None:
    saved = _save(carol, "/search?q=carillon")
    assert saved.status_code == 303
    assert 'id="watch-new"' not in carol.get("/").text  # what matched when saved is not new
    _ingest(site, "bells.txt", "A carillon for the old harbour\n\nThe town council said the carillon "
            "of forty bells would ring again in spring after a long repair of its frame.\n")  # fmt: skip
    header = carol.get("/").text
    count = re.search(r'id="watch-new"[^>]*>(\d+) new<', header)
    assert count and int(count.group(1)) >= 1
    watch_id = re.search(r'href="/watches/([0-9a-f]+)"', carol.get("/watches").text).group(1)  # type: ignore[union-attr]
    opened = carol.get(f"/watches/{watch_id}").text
    assert f"{count.group(1)} new since your last visit" in opened
    assert re.search(
        r'class="is-new"><span class="badge badge-new">new</span> <a href="/articles/[^"]+">A carillon',
        opened,
    )
    assert 'id="watch-new"' not in carol.get("/").text
