"""The API contract (issue 18): the OpenAPI document matches the server, enums and dates are checked,
the token is checked before the body, and unknown dyad actors are 404. Real uvicorn, real SQLite."""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from newsift.web.contract import DATE_PATTERN, DAY_PATTERN, DYAD_PATTERN

if TYPE_CHECKING:
    from tests.web.conftest import WebSite


@pytest.fixture(scope="module")
def openapi(site: WebSite) -> dict[str, Any]:
    return httpx.get(site.base_url + "/openapi.json").json()  # type: ignore[no-any-return]


def _error_ref(operation: dict[str, Any], status: str) -> str:
    return str(operation["responses"][status]["content"]["application/json"]["schema"]["$ref"])


def test_issue_18_openapi_documents_the_real_error_shape(openapi: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in str(openapi)
    assert set(openapi["components"]["schemas"]["Error"]["properties"]) == {"error"}
    listing = openapi["paths"]["/api/articles"]["get"]
    assert _error_ref(listing, "422") == "#/components/schemas/Error"
    detail = openapi["paths"]["/api/articles/{article_id}"]["get"]
    assert _error_ref(detail, "404") == "#/components/schemas/Error"


def test_issue_18_openapi_has_bearer_scheme_on_writes(openapi: dict[str, Any]) -> None:
    assert openapi["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": "A token from `newsift token create`."
    }  # fmt: skip
    ingest = openapi["paths"]["/api/ingest"]["post"]
    assert ingest["security"] == [{"bearer": []}]
    assert {"201", "401", "413", "429"} <= set(ingest["responses"])
    assert "security" not in openapi["paths"]["/api/articles"]["get"]


def test_issue_18_openapi_lists_filter_enums(openapi: dict[str, Any]) -> None:
    parameters = {p["name"]: p for p in openapi["paths"]["/api/articles"]["get"]["parameters"]}
    assert "denied" in parameters["claim_status"]["schema"]["enum"]
    assert {"AID", "arms_transfer"} <= set(parameters["event_type"]["schema"]["enum"])


def test_issue_18_fact_routes_document_what_they_check(openapi: dict[str, Any]) -> None:
    for kind in ("claims", "events", "quotes"):
        operation = openapi["paths"][f"/api/{kind}"]["get"]
        schemas = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert "denied" in schemas["status"]["enum"] and "AID" in schemas["type"]["enum"]
        assert "arms_transfer" in schemas["subtype"]["enum"] and "-event_time" in schemas["sort"]["enum"]
        assert {schemas[d]["pattern"] for d in ("since", "until", "event_since", "event_until")} == {
            DATE_PATTERN
        }
        assert schemas["dyad"]["pattern"] == DYAD_PATTERN
        csv = openapi["paths"][f"/api/{kind}.csv"]["get"]["responses"]
        assert list(csv["200"]["content"]) == ["text/csv"]
        assert list(csv["422"]["content"]) == ["application/json"]


@pytest.mark.parametrize(
    ("value", "two_actors"),
    [("TUR,PAK", True), (" TUR / PAK ", True), ("TUR,,PAK,", True), ("TUR,TUR", False), ("TUR", False),
     ("TUR,PAK,IND", False), ("", True)],
)  # fmt: skip
def test_web_contract_dyad_pattern_is_what_the_server_takes(
    client: httpx.Client, value: str, two_actors: bool
) -> None:
    assert bool(re.fullmatch(DYAD_PATTERN, value)) == two_actors
    assert client.get("/api/claims", params={"dyad": value}).status_code == (200 if two_actors else 422)


@pytest.mark.parametrize(
    ("value", "status"), [("2025-04-30T10:15", 200), ("2024-02-29 08:00:00Z", 200), ("2025-04-30T25:00", 422)]
)
def test_web_contract_fact_dates_take_the_documented_times(
    client: httpx.Client, value: str, status: int
) -> None:
    assert bool(re.fullmatch(DATE_PATTERN, value)) == (status == 200)
    response = client.get("/api/events", params={"event_until": value})
    assert response.status_code == status
    if status == 422:
        assert response.json()["error"]["message"].startswith("event_until")


@pytest.mark.parametrize(
    ("path", "params", "named"),
    [
        pytest.param("/api/articles", {"claim_status": "rumoured"}, "claim_status", id="claim-status"),
        pytest.param("/api/search", {"event_type": "PARADE"}, "event_type", id="event-type"),
        pytest.param("/api/entities", {"kind": "planet"}, "kind", id="kind"),
    ],
)
def test_issue_18_unknown_enum_values_are_422_naming_the_parameter(
    client: httpx.Client, path: str, params: dict[str, str], named: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and error["message"].startswith(named)


@pytest.mark.parametrize("value", ["2022-13-45", "9999-99-99T99:99", "2025-04-31", "2025-04T10:00", "0000"])
def test_issue_18_impossible_dates_are_422(client: httpx.Client, value: str) -> None:
    for key in ("since", "until"):
        response = client.get("/api/search", params={key: value})
        assert response.status_code == 422
        assert response.json()["error"]["details"][0]["loc"] == ["query", key]


def test_issue_18_enum_values_are_case_insensitive_and_name_the_allowed(client: httpx.Client) -> None:
    assert client.get("/api/articles", params={"claim_status": "DENIED"}).json()["total"] >= 1
    message = client.get("/api/articles", params={"claim_status": "rumoured"}).json()["error"]["message"]
    assert "asserted" in message and "denied" in message


@pytest.mark.parametrize("year", [1900, 2000, 2023, 2024])
def test_web_contract_date_patterns_admit_exactly_the_real_days(year: int) -> None:
    for month, day in itertools.product(range(1, 13), range(1, 32)):
        text = f"{year}-{month:02d}-{day:02d}"
        try:
            exists = bool(date(year, month, day))
        except ValueError:
            exists = False
        assert bool(re.match(DAY_PATTERN, text)) == exists == bool(re.match(DATE_PATTERN, text)), text
    for prefix in (f"{year}", f"{year}-04", f"{year}-04-30T10:15", f"{year}-04-30T10:15:00Z"):
        assert re.match(DATE_PATTERN, prefix), prefix


def test_issue_18_token_is_checked_before_the_body(client: httpx.Client, site: WebSite) -> None:
    response = client.post(f"/api/articles/{site.tp_article_id}/comments", data={})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


@pytest.mark.parametrize("path", ["/api/dyads/XXX/PAK", "/api/dyads/TUR/QQQ"], ids=["first", "second"])
def test_issue_18_unknown_dyad_actor_is_404(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_issue_18_dyad_accepts_lower_case_codes(client: httpx.Client) -> None:
    assert client.get("/api/dyads/tur/pak").status_code == 200


@pytest.mark.parametrize(
    "params",
    [{"outlet": "NavalWatch"}, {"outlet": "Naval Watch"}, {"entity": "tur"}],
    ids=["camel", "spaced", "lower-id"],
)
def test_issue_18_outlet_names_and_entity_ids_match_in_any_case(
    client: httpx.Client, site: WebSite, params: dict[str, str]
) -> None:
    items = client.get("/api/search", params=params).json()["items"]
    assert site.tp_article_id in [item["id"] for item in items]


def test_issue_18_comment_claim_id_must_be_a_claim_of_the_article(
    client: httpx.Client, site: WebSite
) -> None:
    url, auth = (
        f"/api/articles/{site.tp_article_id}/comments",
        {"Authorization": f"Bearer {site.tokens['alice']}"},
    )
    refused = client.post(url, data={"body": "On which claim?", "claim_id": "no-such-claim"}, headers=auth)
    assert refused.status_code == 422 and refused.json()["error"]["message"].startswith("claim_id")
    created = client.post(url, data={"body": "Denied by Ankara.", "claim_id": "cl-drones"}, headers=auth)
    assert created.status_code == 201 and created.json()["claim_id"] == "cl-drones"
    assert client.delete(f"/api/comments/{created.json()['id']}", headers=auth).status_code == 200


def test_issue_18_head_answers_like_get_without_a_body(client: httpx.Client) -> None:
    got, head = client.get("/api/articles"), client.head("/api/articles")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == got.headers["etag"]


def test_issue_18_405_says_which_methods_are_allowed(client: httpx.Client, site: WebSite) -> None:
    response = client.put("/api/articles")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert response.json()["error"]["code"] == "method_not_allowed"
    both = client.request("OPTIONS", f"/api/articles/{site.tp_article_id}/comments")
    assert both.headers["allow"] == "GET, HEAD, POST"  # two routes on one path


def test_issue_18_ingest_body_is_one_of_file_or_url(openapi: dict[str, Any]) -> None:
    ref = openapi["paths"]["/api/ingest"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    body = openapi["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]
    assert [choice["required"] for choice in body["oneOf"]] == [["file"], ["url"]]


def test_issue_18_etag_gives_304_when_unchanged(client: httpx.Client) -> None:
    first = client.get("/api/entities")
    again = client.get("/api/entities", headers={"If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    assert client.get("/api/entities", headers={"If-None-Match": '"other"'}).status_code == 200


def test_issue_18_large_api_responses_are_gzipped_pages_are_not(client: httpx.Client) -> None:
    api = client.get("/api/articles", params={"limit": 50}, headers={"Accept-Encoding": "gzip"})
    assert api.headers["content-encoding"] == "gzip" and api.json()["items"]
    page = client.get("/", headers={"Accept-Encoding": "gzip", "Accept": "text/html"})
    assert "content-encoding" not in page.headers


def test_issue_18_fields_keeps_article_lists_small(client: httpx.Client) -> None:
    full = client.get("/api/articles", params={"limit": 50})
    lean = client.get("/api/articles", params={"limit": 50, "fields": "id,title,outlet"})
    assert {tuple(item) for item in lean.json()["items"]} == {("id", "title", "outlet")}
    assert len(lean.content) * 5 < len(full.content)
    assert client.get("/api/articles", params={"fields": "id;drop"}).status_code == 422


def test_issue_18_url_scheme_is_case_insensitive(client: httpx.Client, site: WebSite) -> None:
    # The document admits HTTP:// (a scheme is case-insensitive); the fetcher then sees http:// and
    # refuses the loopback address, instead of refusing the scheme it had just been promised.
    auth = {"Authorization": f"Bearer {site.tokens['alice']}"}
    response = client.post("/api/ingest", data={"url": "HTTP://127.0.0.1:9/page"}, headers=auth)
    error = response.json()["error"]
    assert (response.status_code, error["code"]) == (422, "ingest_failed")
    assert "refused" in error["message"] and "scheme" not in error["message"]
