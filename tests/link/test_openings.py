"""Tests of link.openings (what happening a business opening states) and its use in link.stories."""

from __future__ import annotations

import random

import pytest

from newsift.link.openings import distinct_happenings, extract_opening, opening_marks
from newsift.link.stories import StoryClusterer, StorySettings
from newsift.model import Article, Position


def test_openings_one_sum_however_written() -> None:
    assert opening_marks("Airline in $1.13bn order", "") == opening_marks("", "The order is worth $1,130m.")
    assert opening_marks("", "It paid 4.6bn rupees ($106m).") == ("#sum:1.1e8", "#sum:4.6e9")


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("The bank left rates on hold for a sixth month in a row.", "#run:sixth month"),
        ("Rates rose for the fourth time in five months.", "#run:fourth time"),
        ("Output fell for a third consecutive quarter.", "#run:third quarter"),
        ("The state sold its stake for 200 million euros.", "#sum:2e8"),
    ],
)
def test_openings_marks_of_an_opening(text: str, mark: str) -> None:
    assert mark in opening_marks("", text)


@pytest.mark.parametrize(
    "text",
    [
        "Protesters marched for the sixth day in the capital.",
        "Shares in the club rose 5% by noon.",
        "Talks between the two firms open on Tuesday.",
        "The bidder offered $9.50 a share for the chain.",
        "Crude rose to $52 a barrel.",
    ],
    ids=["count-of-days", "share", "weekday", "price-a-share", "price-a-barrel"],
)
def test_openings_no_mark_for_a_count_of_days_a_share_a_weekday_or_a_price(text: str) -> None:
    assert opening_marks("", text) == ()


def _distinct(first: str, second: str) -> bool:
    return distinct_happenings(
        extract_opening(opening_marks("", first)), extract_opening(opening_marks("", second))
    )


@pytest.mark.parametrize(
    ("first", "second", "distinct"),
    [
        ("The airline ordered 20 jets for $1.2bn.", "The airline bought turboprops for $300m.", True),
        ("The airline ordered 20 jets for $1.2bn.", "Its $1.2bn (£950m) order was welcomed.", False),
        ("The airline ordered 20 jets for $1.2bn.", "The airline's shares rose 3%.", False),
        ("Rates were held for a fifth month in a row.", "Rates were held for a sixth month in a row.", True),
        ("Shares rose 5% by noon.", "Shares closed up 4.75%.", False),
        (
            "The grocer agreed a $2.6bn takeover.",
            "The buyer will pay $9.50 a share for the grocer.",
            False,
        ),  # one offer's reaction, told twice
        ("Talks open on Tuesday.", "Talks ended on Friday.", False),
    ],
    ids=["two-sums", "one-sum", "sum-and-share", "two-runs", "two-shares", "total-and-price", "two-days"],
)
def test_openings_distinct_happenings(first: str, second: str, distinct: bool) -> None:
    assert _distinct(first, second) is distinct


# One central bank's decisions (two months) and one airline's orders (two deals), told by several reports
# each; every report carries the actor's common background, so without the openings they chain.
_BANK = (
    "The Norland central bank's nine-member committee sets interest rates each month to keep inflation near "
    "its target. Economists said the economy was slowing as consumer spending and house prices cooled, and "
    "markets expect borrowing costs to stay where they are. The bank's governor has warned about household "
    "debt, and banks say demand for loans has weakened."
)
_AIRLINE = (
    "Skyline Air, the low-cost airline based in Corvale, is expanding its fleet as passenger numbers grow. "
    "Its chief executive said the company expects to double its routes and its profits within five years. "
    "Shares in the airline have risen this year as investors bet on the growth of budget travel in the "
    "region's market."
)
_REPORTS = [
    (
        "bank-5a",
        "Norland bank holds rates",
        "The Norland central bank left interest rates at 3% for a fifth month in a row.",
        _BANK,
    ),
    (
        "bank-5b",
        "Rates on hold again in Norland",
        "Norland's interest rates stayed at 3% for a fifth month in a row.",
        _BANK,
    ),
    (
        "bank-6a",
        "Norland rates unchanged",
        "The Norland central bank kept interest rates at 3% for a sixth month in a row.",
        _BANK,
    ),
    (
        "bank-6b",
        "No change to Norland rates",
        "Norland's rate-setters held interest rates at 3% for a sixth month in a row.",
        _BANK,
    ),
    (
        "air-jets-a",
        "Skyline Air orders jets",
        "Skyline Air has ordered 20 jets in a deal worth $1.2bn (£950m).",
        _AIRLINE,
    ),
    (
        "air-jets-b",
        "Skyline Air in $1.2bn jet deal",
        "Skyline Air has signed a $1.2bn deal for 20 new jets.",
        _AIRLINE,
    ),
    (
        "air-props-a",
        "Skyline Air buys turboprops",
        "Skyline Air has agreed to buy 12 turboprop planes for $300m.",
        _AIRLINE,
    ),
    (
        "air-props-b",
        "Skyline Air adds turboprops",
        "Skyline Air is to buy 12 turboprops in a $300m (£240m) deal.",
        _AIRLINE,
    ),
]


def _articles() -> list[Article]:
    return [
        Article(id=i, page_id=i, position=Position.MAIN, index=0, title=title, body=f"{lead}\n\n{background}")
        for i, title, lead, background in _REPORTS
    ]


def _partition(settings: StorySettings, articles: list[Article], batch: int = 0) -> set[frozenset[str]]:
    clusterer = StoryClusterer(settings)
    size = batch or len(articles)
    for start in range(0, len(articles), size):
        part = articles[start : start + size]
        for article in part:
            actor = "org:norland-bank" if article.id.startswith("bank") else "org:skyline-air"
            clusterer.add(article, (actor,))
        clusterer.consolidate(a.id for a in part)
    stories: dict[str, set[str]] = {}
    for article in articles:
        stories.setdefault(clusterer.story_of(article.id) or "", set()).add(article.id)
    return {frozenset(ids) for ids in stories.values()}


def _happenings() -> set[frozenset[str]]:
    return {
        frozenset(i for i, *_ in _REPORTS if i.startswith(prefix))
        for prefix in ("bank-5", "bank-6", "air-jets", "air-props")
    }


_ON = StorySettings(happening_conflict=0.1)  # off by default (docs/benchmarks.md, session 12)


def test_stories_one_actors_reports_chain_without_the_openings() -> None:
    blind = _partition(StorySettings(), _articles())
    assert blind == {frozenset(i for i, *_ in _REPORTS if i.startswith(p)) for p in ("bank", "air")}


def test_issue_23_one_actors_happenings_are_stories_of_their_own() -> None:
    assert _partition(_ON, _articles()) == _happenings()


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("batch", [0, 3], ids=["relink", "ingest-batches-of-3"])
def test_stories_one_actors_happenings_whatever_the_order(seed: int, batch: int) -> None:
    shuffled = _articles()
    random.Random(seed).shuffle(shuffled)
    assert _partition(_ON, shuffled, batch) == _happenings()


def test_stories_reports_that_are_not_business_keep_no_opening_marks() -> None:
    clusterer = StoryClusterer(_ON)
    body = (
        "The blaze did $2m of damage to the hall, the council said. Firefighters fought it for six hours. "
        "Nobody was hurt, the fire service said. Residents of six streets slept at a school."
    )
    clusterer.add(
        Article(id="fire", page_id="fire", position=Position.MAIN, index=0, title="Blaze", body=body)
    )
    (member,) = clusterer.state().live[0].members
    assert not any(k.startswith("#") for k in member.facts)
