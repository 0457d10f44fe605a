"""Search over a real server: designator spellings, diacritics, and hits marked with <mark> (escaped)."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from tests.web.conftest import WebSite

# Written for this test.
# No names the shared store's other tests count (it serves the whole session).
JETS = (
    "Air force shows its upgraded F-16s over São Paulo\n\n"
    "The air force flew four upgraded F-16s over São Paulo on Tuesday, officials said. "
    "A Bayraktar TB2 drone followed the jets <b>low</b> over the crowd.\n"
)


def _ingest(site: WebSite) -> None:
    response = httpx.post(
        f"{site.base_url}/api/ingest", files={"file": ("jets.txt", JETS.encode(), "text/plain")},
        headers={"Authorization": f"Bearer {site.tokens['alice']}"}, timeout=120,
    )  # fmt: skip
    assert response.status_code in (200, 201), response.text


def test_web_search_finds_designators_and_folded_names(client: httpx.Client, site: WebSite) -> None:
    _ingest(site)
    for query in ("F16", "F-16", "F 16", "TB-2", "Sao Paulo"):
        titles = [i["title"] for i in client.get("/api/search", params={"q": query}).json()["items"]]
        assert "Air force shows its upgraded F-16s over São Paulo" in titles, query


def test_web_search_marks_hits_and_escapes_the_text(client: httpx.Client, site: WebSite) -> None:
    _ingest(site)
    hit = client.get("/api/search", params={"q": "crowd"}).json()["items"][0]
    assert "<mark>crowd</mark>" in hit["snippet_html"] and "&lt;b&gt;" in hit["snippet_html"]
    assert "[crowd]" in hit["snippet"]
    page = client.get("/search", params={"q": "crowd"}).text
    assert "<mark>crowd</mark>" in page and "<b>low</b>" not in page


def _facets(page: str) -> dict[str, list[tuple[str, str, int]]]:
    """Facet name -> (value, href, count) as listed beside the results."""
    found: dict[str, list[tuple[str, str, int]]] = {}
    for name, body in re.findall(r'<section class="facet" id="facet-([a-z_]+)">(.*?)</section>', page, re.S):
        rows = re.findall(r'<li><a href="([^"]+)">(.*?)</a> <span class="count">(\d+)</span>', body)
        found[name] = [(re.sub(r"<[^>]+>", "", v), html.unescape(h), int(n)) for h, v, n in rows]
    return found


def _hits(page: str) -> int:
    found = re.search(r'id="hit-count">(\d+) matches', page)
    assert found, "no hit count"
    return int(found.group(1))


def test_web_search_facet_counts_match_the_narrowed_search(client: httpx.Client) -> None:
    page = client.get("/search", params={"q": "Pakistan"}).text
    facets = _facets(page)
    assert {"outlet", "event_type", "claim_status", "month"} <= set(facets), facets.keys()
    assert "denied" in {v for v, _, _ in facets["claim_status"]}
    for name in ("outlet", "claim_status", "event_type", "month"):
        value, href, count = facets[name][0]
        narrowed = client.get(href).text
        assert _hits(narrowed) == count, (name, value, href)
        assert "q=Pakistan" in href


def test_web_search_pages_number_from_their_offset_and_say_when_past_the_end(client: httpx.Client) -> None:
    first = client.get("/search", params={"q": "Pakistan"}).text
    total = _hits(first)
    assert 'id="search-results" start="1"' in first and 'id="out-of-range"' not in first
    past = client.get("/search", params={"q": "Pakistan", "page": 40}).text
    assert "Page 40 is past the end" in past and f"only {total} match" in past
    assert 'href="/search?q=Pakistan&amp;page=1">Go to page 1</a>' in past
    articles = client.get("/", params={"page": 2}).text
    assert 'class="articles" start="26"' in articles


def _walk(client: httpx.Client, path: str) -> list[str]:
    """Article ids in list order, following each page's Next link (a cursor) to the end."""
    ids: list[str] = []
    url: str | None = path
    for _ in range(100):  # a cursor that does not move would loop forever
        if not url:
            return ids
        page = client.get(url).text
        listed = re.search(r'<ol class="articles"[^>]*start="(\d+)"', page)
        assert listed and int(listed.group(1)) == len(ids) + 1, url  # numbered from its offset
        ids += re.findall(r'<a class="title" href="/articles/([^"]+)"', page)
        found = re.search(r'rel="next" href="([^"]+)"', page)
        url = html.unescape(found.group(1)) if found else None
        assert url is None or "after=" in url
    raise AssertionError(f"still a next page after 100: {url}")


@pytest.mark.parametrize(
    ("path", "api"), [("/?limit=4", "/api/articles?"), ("/search?q=said&limit=2", "/api/search?q=said&")]
)
def test_web_search_cursor_pages_walk_the_same_list_as_offsets(
    client: httpx.Client, path: str, api: str
) -> None:
    whole = client.get(api + "limit=200").json()
    walked = _walk(client, path)
    assert walked == [a["id"] for a in whole["items"]] and len(walked) == whole["total"] > 4


def test_web_search_sorts_by_date_on_request(client: httpx.Client) -> None:
    by_rank = _walk(client, "/search?q=said&limit=50")
    by_date = _walk(client, "/search?q=said&sort=date&limit=2")
    newest_first = [a["id"] for a in client.get("/api/articles", params={"limit": 200}).json()["items"]]
    assert sorted(by_date) == sorted(by_rank) and len(by_date) > 2
    assert by_date == [i for i in newest_first if i in set(by_date)]
    page = client.get("/search", params={"q": "said", "sort": "date"}).text
    assert '<option value="date" selected>newest first</option>' in page
    assert client.get("/search", params={"q": "said", "sort": "loudest"}).status_code == 422
