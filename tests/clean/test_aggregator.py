"""Tests of clean.aggregator: aggregator text dumps split into clean main and related articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsift.clean.aggregator import EXTRACTOR, detect_aggregator_page, split_aggregator_page
from newsift.model import Article, Position

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "aggregator"
DEMO = REPO / "examples" / "defence-ties-page.txt"
FETCHED = datetime(2025, 8, 6, 12, 0, tzinfo=UTC)

MUST_NOT_CONTAIN = (
    "STORY CONTINUES BELOW",
    "ADVERTISEMENT",
    "read more",
    "auto-generated",
    "holds no responsibility",
    "syndicated feed",
    "Also read",
    "Edited by",
    "Try Our AI Features",
    "Explore what",
    "No comments yet",
    "Related Articles",
    "Hashtags",
    "Copy the Story Link",
    "&w=",
    "q=100)",
    "logo",
    "time43",
)


def _split(path: Path) -> list[Article]:
    return split_aggregator_page(
        path.read_text(encoding="utf-8"), page_id="page", uri=str(path), fetched_at=FETCHED
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _all_pages() -> list[Path]:
    return [*sorted(FIXTURES.glob("*.txt")), DEMO]


CASES = [
    pytest.param(
        "brahmos-philippines.txt",
        [None, "Hindustan Times", "Deccan Herald", "NDTV"],
        [None, "hindustantimes", "deccanherald", "ndtv"],
        [None, "25 minutes ago", "2 hours ago", "3 days ago"],
        ["Manila's BrahMos", "Rafale-M deal", "Poland signs", "Norway and Germany"],
        id="layout-a",
    ),
    pytest.param(
        "mogami-australia.txt",
        ["Reuters", "The Straits Times", "ABC News"],
        ["reuters", "thestraitstimes", "abcnews"],
        ["2 hours ago", "43 minutes ago", "5 hours ago"],
        ["Australia picks", "Japan and the Philippines", "US nuclear-powered"],
        id="layout-b",
    ),
    pytest.param(
        "rafale-indonesia-main-only.txt", [None], [None], [None], ["Indonesia completes"], id="main-only"
    ),
]


@pytest.mark.parametrize(("name", "sources", "outlets", "times", "titles"), CASES)
def test_aggregator_fixture_splits_into_articles(
    name: str,
    sources: list[str | None],
    outlets: list[str | None],
    times: list[str | None],
    titles: list[str],
) -> None:
    articles = _split(FIXTURES / name)
    assert [a.source for a in articles] == sources
    assert [a.outlet for a in articles] == outlets
    assert [a.published_text for a in articles] == times
    assert [a.title[: len(t)] for a, t in zip(articles, titles, strict=True)] == titles
    assert [a.position for a in articles] == [Position.MAIN] + [Position.RELATED] * (len(articles) - 1)
    assert [a.index for a in articles] == list(range(len(articles)))


@pytest.mark.parametrize("path", _all_pages(), ids=lambda p: p.stem)
def test_aggregator_no_noise_left_in_text(path: Path) -> None:
    for article in _split(path):
        for snippet in MUST_NOT_CONTAIN:
            assert snippet.casefold() not in article.text.casefold(), (article.index, snippet)
        assert "PTI " not in article.body and "(PTI)" not in article.body


@pytest.mark.parametrize("path", _all_pages(), ids=lambda p: p.stem)
def test_aggregator_never_invents_text(path: Path) -> None:
    page = _flat(path.read_text(encoding="utf-8"))
    for article in _split(path):
        for piece in (article.title, article.standfirst or "", *article.paragraphs, *article.headings):
            assert _flat(piece) in page
        for removed in article.removed:
            assert removed.reason and _flat(removed.text) in page


def test_aggregator_records_each_kind_of_noise_with_a_reason() -> None:
    reasons = {r.reason for a in _split(FIXTURES / "brahmos-philippines.txt") for r in a.removed}
    expected = {"page chrome", "image-url fragment", "ad marker", "read-more marker", "also-read link"}
    assert expected | {"wire slug", "wire disclaimer", "edited-by line", "source echo"} <= reasons


def test_aggregator_layout_b_records_logo_duplicate_title_and_category() -> None:
    articles = _split(FIXTURES / "mogami-australia.txt")
    reasons = {r.reason for a in articles for r in a.removed}
    assert {"logo", "duplicate title", "category label", "source echo"} <= reasons
    assert articles[0].title.count("Mogami") == 1
    assert articles[0].standfirst is not None and articles[0].standfirst.startswith("Canberra chose")


def test_aggregator_related_standfirst_is_text_before_read_more() -> None:
    related = _split(FIXTURES / "brahmos-philippines.txt")[1]
    assert related.standfirst is not None and related.standfirst.endswith("carrier operations.")
    assert related.paragraphs[0].startswith("India and France signed")
    assert len(related.paragraphs) >= 3  # the one-line body is cut at its ad markers


def test_aggregator_wire_dateline_slug_and_standfirst() -> None:
    related = _split(FIXTURES / "brahmos-philippines.txt")[2]
    assert related.dateline is not None
    assert (related.dateline.place, related.dateline.date_text, related.dateline.wire) == (
        "Warsaw",
        "Aug 1",
        "PTI",
    )
    assert related.wire == "PTI" and related.wire_slug == "PTI ABK RS RS"
    assert related.standfirst is not None and related.standfirst.startswith("Warsaw has been")
    assert related.body.startswith("Poland signed")


def test_aggregator_main_fields_editor_headings_dateline() -> None:
    main = _split(FIXTURES / "brahmos-philippines.txt")[0]
    assert main.editor == "Anita Rao"
    assert main.headings == ("Why the South China Sea matters here",)
    assert main.dateline is not None and main.dateline.place == "New Delhi"
    assert main.body.startswith("India's defence export story")
    assert main.extractor == EXTRACTOR


def test_aggregator_byline_names_people_and_keeps_wire_apart() -> None:
    main = _split(FIXTURES / "rafale-indonesia-main-only.txt")[0]
    assert main.authors == ("Meera Nair",)
    assert main.wire == "PTI"
    assert main.editor == "Karan Singh"


def test_aggregator_times_resolve_against_fetch() -> None:
    articles = _split(FIXTURES / "brahmos-philippines.txt")
    assert articles[0].published_at is None
    related = articles[1]
    assert related.published_at == FETCHED - timedelta(minutes=25)
    assert related.published_earliest_at is not None and related.published_latest_at is not None
    assert related.published_earliest_at <= related.published_at <= related.published_latest_at <= FETCHED


def test_aggregator_ids_are_deterministic_and_unique() -> None:
    first = [a.id for a in _split(DEMO)]
    assert first == [a.id for a in _split(DEMO)]
    assert len(set(first)) == len(first)


def test_aggregator_main_outlet_inferred_from_repeated_told_cue() -> None:
    page = (
        "\nA title about ties\nA standfirst line.\nAn analyst spoke. 'It is fine,' she told ThePrint.\n"
        "'It will last,' another analyst told ThePrint.\nComments\nNo comments yet...\n"
    )
    main = split_aggregator_page(page, page_id="p", uri="u", fetched_at=FETCHED)[0]
    assert main.source is None and main.outlet == "theprint"


def test_aggregator_detects_fixtures_and_rejects_plain_articles() -> None:
    assert all(detect_aggregator_page(p.read_text(encoding="utf-8")) for p in _all_pages())
    plain = (
        "A plain title\nBy Jane Doe\nJul 26, 2025\nThe first paragraph of an ordinary article.\nMore text."
    )
    assert not detect_aggregator_page(plain)


def test_aggregator_demo_page_is_rich() -> None:
    articles = _split(DEMO)
    assert len(articles) >= 3
    main = articles[0]
    assert main.editor and len(main.headings) >= 2
    assert all(a.wire_slug and a.dateline for a in articles if a.outlet == "theprint")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_aggregator_never_crashes_nor_invents_on_arbitrary_text(text: str) -> None:
    articles = split_aggregator_page(text, page_id="p", uri="u", fetched_at=FETCHED)
    page = _flat(text)
    for article in articles:
        assert _flat(article.title) in page
        assert all(_flat(p) in page for p in article.paragraphs)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_aggregator_never_invents_on_shuffled_fixture_lines(data: st.DataObject) -> None:
    lines = (FIXTURES / "brahmos-philippines.txt").read_text(encoding="utf-8").splitlines()
    picked = data.draw(st.lists(st.sampled_from(lines), max_size=30))
    text = "\n".join(picked)
    page = _flat(text)
    for article in split_aggregator_page(text, page_id="p", uri="u", fetched_at=FETCHED):
        for piece in (article.title, article.standfirst or "", *article.paragraphs):
            assert _flat(piece) in page


@pytest.mark.shared
def test_aggregator_shared_example_gives_four_clean_articles(shared_example: Path) -> None:
    fetched = datetime(2025, 7, 26, 12, 0, tzinfo=UTC)
    text = shared_example.read_text(encoding="utf-8")
    assert detect_aggregator_page(text)
    articles = split_aggregator_page(text, page_id="p", uri=str(shared_example), fetched_at=fetched)
    assert len(articles) == 4
    assert [a.source for a in articles[1:]] == ["First Post", "The Print", "The Print"]
    assert [a.outlet for a in articles[1:]] == ["firstpost", "theprint", "theprint"]
    assert [a.published_text for a in articles[1:]] == ["13 minutes ago", "an hour ago", "an hour ago"]
    assert articles[1].published_at == fetched - timedelta(minutes=13)
    assert articles[0].title.startswith("Pakistan-Turkey defence ties")
    assert all(a.title and a.body for a in articles)
    assert articles[2].wire_slug is not None and articles[2].wire == "PTI"
    for article in articles:
        for snippet in MUST_NOT_CONTAIN:
            assert snippet.casefold() not in article.text.casefold(), (article.index, snippet)
