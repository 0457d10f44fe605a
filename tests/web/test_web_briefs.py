"""Briefs, ask and watches over a real uvicorn server and a real SQLite store: JSON and HTML of one data."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import httpx
from tests.web.conftest import SENTENCES, login

from newsift.brief.watch import WatchFilter, add_watch
from newsift.store import SqliteStore

if TYPE_CHECKING:
    from tests.web.conftest import WebSite


def _cited(data: dict[str, object]) -> list[dict[str, str]]:
    rows = [*data["facts"], *data["claims"]]  # type: ignore[misc]
    return [c for r in rows for c in r["citations"]]


def test_web_briefs_article_json_cites_sentences_of_the_article(client: httpx.Client, site: WebSite) -> None:
    data = client.get(f"/api/briefs/articles/{site.tp_article_id}").json()
    article = client.get(f"/api/articles/{site.tp_article_id}").json()
    assert data["kind"] == "article" and data["subject_ids"] == [site.tp_article_id]
    cited = _cited(data) + [s["citation"] for s in data["summary"]] + [q["citation"] for q in data["quotes"]]
    assert cited and all(c["article_id"] == site.tp_article_id for c in cited)
    assert all(c["sentence"] in article["text"] for c in cited)  # every line is a sentence of the source
    assert data["titles"][site.tp_article_id] == article["title"]


def test_web_briefs_article_page_renders_the_same_data_with_links(
    client: httpx.Client, site: WebSite
) -> None:
    page = client.get(f"/briefs/articles/{site.tp_article_id}", headers={"accept": "text/html"})
    data = client.get(f"/api/briefs/articles/{site.tp_article_id}").json()
    text = html.unescape(page.text)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert all(c["sentence"] in text for c in _cited(data))
    assert f'href="/articles/{site.tp_article_id}"' in page.text
    article_page = client.get(f"/articles/{site.tp_article_id}").text
    assert f'href="/briefs/articles/{site.tp_article_id}"' in article_page


def test_web_briefs_dyad_rolls_up_the_denial(client: httpx.Client) -> None:
    data = client.get("/api/briefs/dyad/TUR/PAK").json()
    by_item = {f["text"].split(" · ")[2]: f for f in data["facts"] if f["text"].count(" · ") >= 2}
    assert by_item["armed drones"]["has_denial"] and by_item["armed drones"]["status"] == "denied"
    assert by_item["Agosta 90B"]["citations"][0]["sentence"] == SENTENCES[0]
    assert 'href="/briefs/dyad/TUR/PAK"' in client.get("/dyad/TUR/PAK").text
    page = client.get("/briefs/dyad/TUR/PAK")
    assert "Agosta 90B" in page.text and "badge-denied" in page.text


def test_web_briefs_dyad_as_of_before_the_reports_is_empty(client: httpx.Client) -> None:
    assert client.get("/api/briefs/dyad/TUR/PAK", params={"as_of": "2020-01-01"}).json()["facts"] == []
    bad = client.get("/api/briefs/dyad/TUR/PAK", params={"as_of": "yesterday"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_web_briefs_entity_link_and_unknown_entity_error_shape(client: httpx.Client) -> None:
    assert 'href="/briefs/entities/TUR"' in client.get("/entities/TUR").text
    assert client.get("/api/briefs/entities/TUR").json()["subject"] == "Turkey"
    missing = client.get("/api/briefs/entities/no-such-thing-at-all")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_web_briefs_ask_api_follows_the_cli_contract(client: httpx.Client) -> None:
    data = client.get("/api/ask", params={"q": "Who denied the arms delivery to Pakistan?"}).json()
    assert {"answer", "citations", "facts"} <= set(data)
    assert SENTENCES[2] in data["answer"] and data["citations"][0]["sentence"] == SENTENCES[2]
    none = client.get("/api/ask", params={"q": "What is the boiling point of mercury?"}).json()
    assert none["answer"] is None and none["citations"] == []


def test_web_briefs_ask_page_is_a_plain_get_form(client: httpx.Client, site: WebSite) -> None:
    empty = client.get("/ask")
    assert '<form method="get" action="/ask"' in empty.text and "<script" not in empty.text
    page = client.get("/ask", params={"q": "Who denied the arms delivery to Pakistan?"})
    assert SENTENCES[2] in html.unescape(page.text) and f'href="/articles/{site.tp_article_id}"' in page.text
    none = client.get("/ask", params={"q": "What is the boiling point of mercury?"})
    assert "No answer in the sources." in none.text


def test_web_briefs_watches_for_signed_in_users_only(client: httpx.Client, site: WebSite) -> None:
    store = SqliteStore(site.db_path)
    watch, _ = add_watch(store, WatchFilter(dyad=("TUR", "PAK"), status="denied"))
    store.close()
    assert client.get("/watches", headers={"accept": "text/html"}).status_code == 401
    assert client.get("/api/watches").status_code == 401
    assert 'href="/watches"' not in client.get("/").text
    login(client, "alice")
    page = client.get("/watches")
    assert page.status_code == 200 and f'id="watch-{watch.id}"' in page.text
    assert SENTENCES[2] in html.unescape(page.text) and 'href="/watches"' in page.text
    token = {"authorization": f"Bearer {site.tokens['alice']}"}
    items = httpx.get(f"{site.base_url}/api/watches", headers=token).json()["items"]
    assert watch.id in {w["id"] for w in items}


def test_web_briefs_api_watches_list_only_the_tokens_own_and_the_shared(site: WebSite) -> None:
    store = SqliteStore(site.db_path)
    shared, _ = add_watch(store, WatchFilter(actor="PAK"))
    bobs, _ = add_watch(store, WatchFilter(dyad=("TUR", "PAK")), owner="bob", name="bob's dyad")
    store.close()

    def listed(user: str) -> set[str]:
        token = {"authorization": f"Bearer {site.tokens[user]}"}
        response = httpx.get(f"{site.base_url}/api/watches", headers=token)
        assert response.status_code == 200
        return {w["id"] for w in response.json()["items"]}

    assert {shared.id, bobs.id} <= listed("bob")
    assert shared.id in listed("alice") and bobs.id not in listed("alice")
