"""Search over a real server: designator spellings, diacritics, and hits marked with <mark> (escaped)."""

from __future__ import annotations

import httpx
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
