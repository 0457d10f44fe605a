"""Claims, events, quotes and relationships over a real server: filters, facets, paging, CSV, errors."""

from __future__ import annotations

import csv
import html
import io
import re

import httpx
import pytest
from tests.web.conftest import SENTENCES

from newsift.web.tables import render_fact_csv


def test_web_facts_denials_between_two_countries_name_the_denier(client: httpx.Client) -> None:
    data = client.get("/api/claims", params={"status": "denied", "dyad": "TUR,PAK"}).json()
    assert data["total"] == 1 and len(data["items"]) == 1
    claim = data["items"][0]
    assert claim["evidence"]["sentence"] == SENTENCES[2]
    assert claim["parties"]["denied_by"] == [{"id": "TUR", "name": "Turkey"}]
    assert claim["href"] == "/articles/tp0000000000abcd#s-3"
    assert data["facets"]["status"] == [{"value": "denied", "count": 1}]


def test_web_facts_events_carry_their_own_time_or_a_marked_report_date(client: httpx.Client) -> None:
    data = client.get("/api/events", params={"dyad": "pak,tur", "sort": "event_time"}).json()
    times = {e["id"]: e["time"] for e in data["items"]}
    assert times["ev-upgrade"] == {"text": "2016", "value": "2016", "precision": "year", "source": "text"}
    assert times["ev-drones"] == {"text": None, "value": "2025-05-02", "precision": "day", "source": "report"}
    assert [e["id"] for e in data["items"]] == ["ev-upgrade", "ev-drones"]
    in_range = client.get("/api/events", params={"dyad": "TUR,PAK", "event_until": "2017"}).json()
    assert [e["id"] for e in in_range["items"]] == ["ev-upgrade"]


def test_web_facts_subtype_facets_count_what_the_filter_returns(client: httpx.Client) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()
    counts = {f["value"]: f["count"] for f in everything["facets"]["subtype"]}
    assert counts["upgrade"] >= 1 and counts["arms_transfer"] >= 1
    for subtype, n in counts.items():
        chosen = client.get("/api/events", params={"subtype": subtype, "limit": 500}).json()
        assert chosen["total"] == n == len(chosen["items"]), subtype
        assert {e["subtype"] for e in chosen["items"]} == {subtype}


def test_web_facts_paging_numbers_from_the_offset(client: httpx.Client) -> None:
    second = client.get("/api/events", params={"dyad": "TUR,PAK", "limit": 1, "offset": 1}).json()
    assert second["total"] == 2 and second["offset"] == 1 and len(second["items"]) == 1
    page = client.get("/events", params={"dyad": "TUR,PAK", "limit": 1, "offset": 1}).text
    assert '<td class="n">2</td>' in page and "Showing 2–2 of 2" in page
    beyond = client.get("/events", params={"dyad": "TUR,PAK", "offset": 40}).text
    assert 'id="out-of-range"' in beyond and "there are 2 events" in beyond


@pytest.mark.parametrize("sort", ["status", "-event_time", "event_time", "-report_time", "report_time"])
@pytest.mark.parametrize("kind", ["claims", "events", "quotes"])
def test_web_facts_keyset_pages_walk_the_same_rows_as_offsets(
    client: httpx.Client, kind: str, sort: str
) -> None:
    whole = client.get(f"/{kind}.json", params={"sort": sort, "limit": 500}).json()
    walked, after, positions = [], None, []
    while True:
        params = {"sort": sort, "limit": 3, **({"after": after} if after else {})}
        page = client.get(f"/{kind}.json", params=params).json()
        assert page["total"] == whole["total"]
        positions.append(page["offset"])
        walked += [item["id"] for item in page["items"]]
        after = page["next"]
        if after is None:
            break
    assert walked == [item["id"] for item in whole["items"]] and len(walked) == whole["total"] > 3
    assert positions == list(range(0, whole["total"], 3))


def test_web_facts_next_link_is_a_cursor_and_numbers_go_on(client: httpx.Client) -> None:
    first = client.get("/claims", params={"limit": 2}).text
    found = re.search(r'rel="next" href="(/claims\?[^"]+)"', first)
    assert found and "after=" in found.group(1) and "offset=" not in found.group(1)
    second = client.get(html.unescape(found.group(1)) + "&limit=2").text
    assert '<td class="n">3</td>' in second and "Showing 3–4 of" in second


@pytest.mark.parametrize(
    ("params", "named"),
    [({"after": "not-a-cursor"}, "next cursor"), ({"sort": "-report_time"}, "sort changed")],
    ids=["garbled", "other-sort"],
)
def test_web_facts_refuse_a_cursor_of_another_list(
    client: httpx.Client, params: dict[str, str], named: str
) -> None:
    cursor = client.get("/claims.json", params={"limit": 1, "sort": "status"}).json()["next"]
    response = client.get("/claims.json", params={"after": cursor, **params})
    assert response.status_code == 422 and named in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("path", "params", "named"),
    [
        ("/api/claims", {"status": "refuted"}, "denied"),
        ("/api/events", {"type": "FIGHT"}, "ASSAULT"),
        ("/api/events", {"subtype": "parade"}, "arms_transfer"),
        ("/api/claims", {"sort": "loudest"}, "event_time"),
        ("/api/events", {"event_since": "2025-02-30"}, "not a real date"),
        ("/api/quotes", {"since": "2025-13"}, "not a real date"),
        ("/api/events", {"until": "last week"}, "YYYY-MM-DD"),
        ("/api/claims", {"dyad": "TUR,TUR"}, "two different actor ids"),
        ("/api/claims.csv", {"status": "nope"}, "asserted"),
    ],
    ids=[
        "status",
        "type",
        "subtype",
        "sort",
        "impossible-day",
        "impossible-month",
        "not-a-date",
        "dyad",
        "csv",
    ],
)
def test_web_facts_bad_values_are_422_naming_what_is_allowed(
    client: httpx.Client, path: str, params: dict[str, str], named: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and named in error["message"]
    assert next(iter(params)) in error["message"]


def test_web_facts_csv_holds_the_rows_of_the_view(client: httpx.Client) -> None:
    response = client.get("/claims.csv", params={"dyad": "TUR,PAK", "sort": "status"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["status"] for r in rows] == ["denied", "asserted"]
    assert rows[0]["denied_by"] == "Turkey" and rows[0]["sentence"] == SENTENCES[2]
    assert rows[0]["href"].endswith("#s-3") and rows[0]["event_time_source"] == "report"
    as_json = client.get("/claims.json", params={"dyad": "TUR,PAK"}).json()
    assert (
        as_json["total"]
        == len(rows)
        == len(client.get("/api/claims.csv", params={"dyad": "TUR,PAK"}).text.splitlines()) - 1
    )


def test_web_facts_csv_cells_never_start_a_formula() -> None:
    item = {
        "id": "q1", "speaker": None, "speaker_text": "=HYPERLINK(\"x\")", "speaker_id": None,
        "affiliation": None, "cue": "said", "kind": "direct", "text": "+1 more", "href": "/articles/a#s-1",
        "article": {"id": "a", "title": "@t", "outlet": None, "date": None},
    }  # fmt: skip
    row = next(csv.DictReader(io.StringIO(render_fact_csv("quotes", [item]))))
    assert row["speaker"] == '\'=HYPERLINK("x")' and row["text"] == "'+1 more" and row["title"] == "'@t"


def test_web_facts_quotes_filter_by_speaker_words(client: httpx.Client) -> None:
    data = client.get("/api/quotes", params={"speaker": "navy spokesperson"}).json()
    assert data["total"] == 1 and data["items"][0]["href"] == "/articles/tp0000000000abcd#s-4"
    assert data["facets"]["speaker"] == [{"value": "a Pakistan Navy spokesperson", "count": 1}]


def test_web_facts_relationships_and_counterparts_link_the_dyad(client: httpx.Client) -> None:
    pairs = client.get("/api/relationships").json()["items"]
    pair = next(p for p in pairs if {p["first"]["id"], p["second"]["id"]} == {"TUR", "PAK"})
    assert pair["n_events"] >= 2 and pair["n_denied"] >= 1
    assert pair["href"] in ("/dyad/PAK/TUR", "/dyad/TUR/PAK")
    entity = client.get("/api/entities/TUR").json()
    assert any(c["second"]["id"] == "PAK" and c["href"] == "/dyad/TUR/PAK" for c in entity["counterparts"])
    assert 'href="/dyad/TUR/PAK"' in client.get("/entities/TUR").text
    picked = client.get("/dyad", params={"a": "tur", "b": "PAK"}, follow_redirects=False)
    assert picked.status_code == 303 and picked.headers["location"] == "/dyad/TUR/PAK"


def test_web_facts_dyad_lists_denials_first_and_draws_report_dates_apart(client: httpx.Client) -> None:
    data = client.get("/api/dyads/TUR/PAK").json()
    assert data["claims"][0]["status"] == "denied"
    assert {(t["period"], t["source"]) for t in data["timeline"]} == {("2016", "text"), ("2025", "report")}
    page = client.get("/dyad/TUR/PAK").text
    assert page.count('class="mark status-') == 2 and "report date only" in page
    assert 'class="mark status-denied when-report"' in page


def test_web_facts_article_sentences_are_anchors_and_facts_link_to_them(client: httpx.Client) -> None:
    page = client.get("/articles/tp0000000000abcd").text
    for index in range(5):
        assert page.count(f'id="s-{index}"') == 1, index
    table = page[page.index('id="key-facts-table"') :]
    assert table.index("badge-denied") < table.index("badge-asserted")  # status first, denials on top
    assert 'href="#s-3"' in table and 'href="#s-1"' in table


def test_web_facts_nav_and_favicon(client: httpx.Client) -> None:
    home = client.get("/").text
    for path in ("/claims", "/events", "/quotes", "/relationships"):
        assert f'<a href="{path}">' in home
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg+xml")
    assert client.get("/static/favicon.svg").status_code == 200
