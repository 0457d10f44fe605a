"""Tests of link.business_kinds (the business kind a headline and lead report) and its use in link.stories."""

from __future__ import annotations

import random

import pytest

from newsift.link.business_kinds import (
    business_keys,
    business_kinds,
    detect_business,
    kind_keys,
    lead_months,
    lead_of,
)
from newsift.link.stories import EXTRACTOR, StoryClusterer, StorySettings
from newsift.model import Article, Position


@pytest.mark.parametrize(
    ("title", "lead", "kind"),
    [
        ("Grocer's profits climb 8%", "Annual profits at the grocer rose to £410m.", "results"),
        (
            "Brewer agrees takeover by rival",
            "The brewer has accepted a £2bn offer for its shares.",
            "takeover",
        ),
        ("Carmaker to cut 1,200 jobs", "The carmaker will shed up to 1,200 jobs at two plants.", "jobs"),
        ("Bus drivers walk out", "Bus drivers began a 48-hour strike on Monday over pay.", "strike"),
        ("Bank holds rates at 3%", "The central bank has left interest rates on hold.", "rates"),
        ("Jobless total falls", "Unemployment fell to its lowest level in five years.", "employment"),
        ("Chief executive quits", "The airline's chief executive has resigned after six years.", "bosses"),
        ("Phone maker unveils handset", "The firm has launched a new phone range.", "launch"),
        ("Retailer files for bankruptcy", "The chain is seeking protection from its creditors.", "debt"),
        ("Insurer fined by watchdog", "The regulator fined the insurer £3m for mis-selling.", "regulation"),
        ("Former boss goes on trial", "A jury heard that the former boss hid losses.", "trial"),
    ],
)
def test_business_kinds_reads_the_kind_from_headline_and_lead(title: str, lead: str, kind: str) -> None:
    assert kind in business_kinds(title, lead)


def test_business_kinds_names_no_kind_for_other_news() -> None:
    assert (
        business_kinds("Storm floods coastal town", "Heavy rain flooded streets on Sunday night.")
        == frozenset()
    )


def test_business_kinds_administration_alone_is_not_insolvency() -> None:
    assert "debt" not in business_kinds(
        "The administration changes a rule", "Officials announced the change."
    )
    assert "debt" in business_kinds("Toy chain goes into administration", "Its 90 shops stay open for now.")


_FIRE = (
    "Fire crews fought the blaze at the timber yard on the edge of Dunmore for six hours. Nobody was hurt, "
    "but smoke drifted over the town and the ring road was closed overnight. Neighbours said the flames "
    "could be seen from the hills above the river."
)


def test_detect_business_tells_business_talk_from_other_news() -> None:
    assert detect_business(_COMPANY)
    assert detect_business("Shares in the miner fell 5%. Analysts blamed weak copper prices. It rained.")
    assert not detect_business(_FIRE)
    assert not detect_business("")


def test_business_keys_only_for_a_business_report() -> None:
    lead = "A judge has jailed a man for starting the timber yard fire in Dunmore."
    assert business_kinds("Man jailed over yard fire", lead) == frozenset({"trial"})
    assert business_keys("Man jailed over yard fire", None, f"{lead}\n\n{_FIRE}", ["dunmore"]) == ()
    body = f"Harrow Mills has reported annual profits up 12% in March.\n\n{_COMPANY}"
    keys = business_keys("Harrow Mills profits rise", None, body, ["company:harrow-mills"])
    assert keys == ("%=company:harrow-mills", "%@3", "%results")


def test_lead_of_takes_the_standfirst_or_the_first_sentence() -> None:
    body = "Shares in the miner fell 5% on Tuesday. Analysts had expected more.\n\nSecond paragraph."
    assert lead_of(body) == "Shares in the miner fell 5% on Tuesday."
    assert lead_of(body, "The miner warned on output.") == "The miner warned on output."
    assert lead_of("") == ""


def test_lead_months_needs_a_month_after_a_preposition() -> None:
    assert lead_months("Retail sales fell in March, figures show.") == frozenset({3})
    assert lead_months("Prices may rise, the bank said.") == frozenset()


def test_kind_keys_give_subjects_and_months_only_with_a_kind() -> None:
    assert kind_keys({"results"}, ["ACME", "GBR", "USA"], [3]) == ("%=ACME", "%=GBR", "%@3", "%results")
    assert kind_keys((), ["ACME"], [3]) == ()


_COMPANY = (
    "Harrow Mills, the flour and bakery group based in Leicestershire, employs about 4,000 workers at "
    "eleven mills and bakeries. The company supplies supermarkets and sandwich chains across Britain, and "
    "its shares have been listed in London since the Pellow family sold a stake to investors."
)

_RESULTS = [
    ("Harrow Mills profits rise 12%", "Harrow Mills has reported annual profits up 12% to £48m."),
    ("Flour group Harrow Mills lifts profits", "Pre-tax profits at Harrow Mills rose 12% to £48m last year."),
    ("Harrow Mills beats forecasts with profit rise", "Annual profits at Harrow Mills climbed 12% to £48m."),
    ("Bakery demand drives Harrow Mills profits", "Strong bakery sales lifted Harrow Mills' profits by 12%."),
]
_STRIKES = [
    ("Harrow Mills bakers strike over pay", "Bakers at Harrow Mills walked out on Monday in a pay dispute."),
    ("Strike halts Harrow Mills bakeries", "A strike by bakers has halted production at Harrow Mills."),
]


def _article(article_id: str, title: str, body: str) -> Article:
    return Article(id=article_id, page_id=article_id, position=Position.MAIN, index=0, title=title, body=body)


def _company_articles() -> list[Article]:
    rows = [("results", *r) for r in _RESULTS] + [("strike", *r) for r in _STRIKES]
    return [
        _article(f"{kind}-{n}", title, f"{lead}\n\n{_COMPANY}") for n, (kind, title, lead) in enumerate(rows)
    ]


def _partition(settings: StorySettings, articles: list[Article]) -> set[frozenset[str]]:
    clusterer = StoryClusterer(settings)
    for article in articles:
        clusterer.add(article, ("company:harrow-mills",))
    clusterer.consolidate(a.id for a in articles)
    stories: dict[str, set[str]] = {}
    for article in articles:
        stories.setdefault(clusterer.story_of(article.id) or "", set()).add(article.id)
    return {frozenset(ids) for ids in stories.values()}


def test_stories_a_large_story_keeps_the_reports_of_its_main_kind() -> None:
    articles = _company_articles()
    blind = StorySettings(kind_conflict=1.0, kind_min_size=1000)
    assert _partition(blind, articles) == {frozenset(a.id for a in articles)}  # one subject, one story
    results = frozenset(a.id for a in articles if a.id.startswith("results"))
    strikes = frozenset(a.id for a in articles if a.id.startswith("strike"))
    assert _partition(StorySettings(kind_conflict=1.0), articles) == {results, strikes}
    assert _partition(StorySettings(), articles) == {results, strikes}


def test_stories_kind_purge_leaves_small_groups_alone() -> None:
    articles = _company_articles()[2:]  # two results reports and two strike reports: under kind_min_size
    assert len(_partition(StorySettings(kind_conflict=1.0), articles)) == 1


def test_stories_reports_of_other_kinds_are_held_apart() -> None:
    articles = _company_articles()[2:]
    apart = {frozenset({"results-2", "results-3"}), frozenset({"strike-4", "strike-5"})}
    assert _partition(StorySettings(kind_conflict=0.0, kind_min_size=1000), articles) == apart


def test_issue_23_reports_of_other_news_naming_other_kinds_stay_together() -> None:
    leads = [
        ("Man jailed over Dunmore yard fire", "A judge has jailed a man for starting the Dunmore yard fire."),
        ("Dunmore yard fire was arson", "Police are investigating the Dunmore timber yard fire as arson."),
    ]
    articles = [_article(f"fire-{n}", title, f"{lead}\n\n{_FIRE}") for n, (title, lead) in enumerate(leads)]
    assert {business_kinds(a.title, lead_of(a.body)) for a in articles} == {
        frozenset({"trial"}),
        frozenset({"regulation"}),
    }
    assert _partition(StorySettings(kind_conflict=0.0), articles) == {frozenset({"fire-0", "fire-1"})}


_SERIES = (
    "The lender's index covers mortgages it approved across Britain. Economists expect the housing market "
    "to cool as interest rates rise, and estate agents report fewer buyers. Prices in London rose fastest."
)


def _series_articles() -> list[Article]:
    leads = [
        ("House prices rise again", "UK house prices rose 0.4% in March, the Shire building society said."),
        ("House prices up 0.4%", "House prices rose by 0.4% in March, figures from the Shire show."),
        ("House prices edge up", "UK house prices edged up again, the Shire building society said."),
        ("House prices climb", "UK house prices rose 0.6% in April, the Shire building society said."),
    ]
    return [_article(f"h-{n}", title, f"{lead}\n\n{_SERIES}") for n, (title, lead) in enumerate(leads)]


def test_stories_a_story_keeps_the_reports_of_its_main_month() -> None:
    articles = _series_articles()
    blind = StorySettings(kind_conflict=1.0, month_min_size=1000)
    assert _partition(blind, articles) == {frozenset({"h-0", "h-1", "h-2", "h-3"})}
    purged = StorySettings(kind_conflict=1.0)
    assert _partition(purged, articles) == {frozenset({"h-0", "h-1", "h-2"}), frozenset({"h-3"})}


@pytest.mark.parametrize("seed", range(4))
def test_stories_parted_by_kind_whatever_the_order(seed: int) -> None:
    articles = _company_articles()
    first = _partition(StorySettings(), articles)
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    assert _partition(StorySettings(), shuffled) == first


def test_stories_extractor_names_the_kind_version() -> None:
    assert EXTRACTOR == "link.stories.v8"
