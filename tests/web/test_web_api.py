"""The JSON API against a real uvicorn server and a real SQLite store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from tests.web.conftest import WebSite


def test_web_api_healthz_counts_articles(client: httpx.Client) -> None:
    data = client.get("/healthz").json()
    assert data["status"] == "ok"
    assert data["articles"] >= 5


def test_web_api_articles_list_pages_with_items(client: httpx.Client) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["limit"] == 2 and first["total"] >= 5
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])
    assert all("title" in a and "body" in a and "text" not in a for a in first["items"])


def test_web_api_articles_filter_by_outlet_and_claim_status(client: httpx.Client) -> None:
    by_outlet = client.get("/api/articles", params={"outlet": "navalwatch"}).json()
    assert [a["title"] for a in by_outlet["items"]] == [
        "Turkey and Pakistan deepen naval ties with submarine upgrade"
    ]
    denied = client.get("/api/articles", params={"claim_status": "denied", "entity": "PAK"}).json()
    assert "tp0000000000abcd" in {a["id"] for a in denied["items"]}


def test_web_api_article_detail_carries_every_layer(client: httpx.Client, site: WebSite) -> None:
    data = client.get(f"/api/articles/{site.tp_article_id}").json()
    assert data["id"] == site.tp_article_id
    assert {e["id"] for e in data["entities"]} == {"TUR", "PAK", "stm"}
    assert data["quotes"][0]["text"] == "Our navies now train and build together"
    assert {e["item"] for e in data["events"]} == {"Agosta 90B", "armed drones"}
    denied = next(c for c in data["claims"] if c["status"] == "denied")
    assert data["text"][denied["span"]["start"] : denied["span"]["end"]].startswith("Turkey reportedly")
    assert data["removed"] == [{"text": "STORY CONTINUES BELOW THIS AD", "reason": "ad_marker"}]


def test_web_api_article_by_prefix_of_ingested_example(client: httpx.Client) -> None:
    items = client.get("/api/articles", params={"q": "Rafale Marine", "limit": 50}).json()["items"]
    assert items, "the ingested example should be found"
    data = client.get(f"/api/articles/{items[0]['id'][:8]}").json()
    assert data["id"] == items[0]["id"]
    assert data["mentions"], "the example is analysed at ingest"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/articles/does-not-exist", 404, "not_found"),
        ("/api/entities/NOPE", 404, "not_found"),
        ("/api/articles?limit=0", 422, "invalid_request"),
        ("/api/dyads/TUR/TUR", 422, "invalid_dyad"),
        ("/api/no-such-route", 404, "not_found"),
    ],
    ids=["article", "entity", "bad-limit", "same-actor", "route"],
)
def test_web_api_errors_have_one_shape(client: httpx.Client, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code and error["message"]


def test_web_api_entity_page_data(client: httpx.Client) -> None:
    data = client.get("/api/entities/tur").json()
    assert data["id"] == "TUR" and data["name"] == "Turkey"
    assert data["mentions"] == 4 and data["n_articles"] >= 1
    assert {e["id"] for e in data["events"]} >= {"ev-upgrade", "ev-drones"}
    assert sum(p["count"] for p in data["mentions_over_time"]) == 4


def test_web_api_dyad_rolls_up_claims(client: httpx.Client) -> None:
    data = client.get("/api/dyads/TUR/PAK").json()
    assert [a["name"] for a in data["actors"]] == ["Turkey", "Pakistan"]
    assert {e["id"] for e in data["events"]} == {"ev-upgrade", "ev-drones"}
    assert data["by_type"] == {"AID": 2}
    assert data["rollup"]["has_denial"] is True
    assert data["rollup"]["by_status"]["denied"]["n_outlets"] == 1
    assert data["quotes"][0]["speaker_text"] == "a Pakistan Navy spokesperson"


def test_web_api_search_treats_syntax_as_words(client: httpx.Client) -> None:
    hits = client.get("/api/search", params={"q": 'Agosta" (submarines* -'}).json()
    assert hits["total"] == 1 and hits["items"][0]["id"] == "tp0000000000abcd"
    assert "[Agosta]" in hits["items"][0]["snippet"]


@pytest.mark.parametrize(
    "value",
    ["' OR 1=1 --", '"; DROP TABLE articles; --', "%", "x') UNION SELECT record FROM users --"],
    ids=["or-true", "drop", "wildcard", "union"],
)
def test_web_api_injection_strings_in_filters_match_nothing(client: httpx.Client, value: str) -> None:
    for key in ("outlet", "entity", "event_type", "claim_status"):
        response = client.get("/api/articles", params={key: value})
        assert response.status_code in (200, 422), key  # 422: longer than the filter allows
        assert response.status_code == 422 or response.json()["total"] == 0, key
    for key in ("since", "until"):
        assert client.get("/api/search", params={key: value}).status_code == 422
    assert client.get("/healthz").json()["articles"] >= 5


def test_web_api_openapi_lists_the_routes(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/ingest", "/healthz"} <= set(schema["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/articles/{article_id}" in docs.text
    assert "cdn" not in docs.text.lower()


def test_web_api_stories_lists_clusters(client: httpx.Client) -> None:
    data = client.get("/api/stories").json()
    assert data["total"] >= 1
    assert all(s["n_articles"] == len(s["articles"]) for s in data["items"])


def test_web_api_refuses_a_query_parameter_given_twice(client: httpx.Client) -> None:
    response = client.get("/api/articles", params=[("claim_status", "bogus"), ("claim_status", "denied")])
    assert response.status_code == 422
    assert "claim_status" in response.json()["error"]["message"]
    assert client.get("/api/articles", params={"claim_status": "denied"}).status_code == 200
