"""Tests of link.keyphrases: entity names plus keyphrases, deduplicated and capped."""

from __future__ import annotations

import pytest

from newsift.link.keyphrases import extract_keyphrases, extract_tags
from newsift.link.vectors import TermStatistics, extract_terms
from newsift.model import Article, Position

BODY = (
    "Turkey will upgrade Pakistan's Agosta submarines under a deal signed in Ankara. "
    "The submarine upgrade includes new sonar systems and combat management software. "
    "Pakistan Navy officers said the Agosta submarines would return to service next year. "
    "Turkish engineers will also train Pakistani crews on the new sonar systems."
)


def _article(body: str = BODY, title: str = "Turkey to upgrade Pakistan's Agosta submarines") -> Article:
    return Article(id="a", page_id="p", position=Position.MAIN, index=0, title=title, body=body)


def test_keyphrases_find_repeated_title_phrases() -> None:
    phrases = [p.casefold() for p, _ in extract_keyphrases(_article(), limit=30)]
    assert any("agosta submarine" in p for p in phrases)
    assert any("sonar system" in p for p in phrases)


def test_keyphrases_skip_stop_words_and_numbers() -> None:
    for phrase, _ in extract_keyphrases(_article(body=BODY + " The 2024 figures were 12 per cent higher.")):
        words = phrase.casefold().split()
        assert words[0] not in {"the", "will", "said"}
        assert not phrase[0].isdigit()


def test_keyphrases_tags_put_entities_first_and_drop_repeats() -> None:
    tags = extract_tags(_article(), entity_names=["Turkey", "Pakistan", "Turkey", "Pakistan Navy"])
    assert [t.text for t in tags[:2]] == ["Turkey", "Pakistan"]
    assert [t.kind for t in tags[:2]] == ["entity", "entity"]
    keys = [t.text.casefold() for t in tags]
    assert len(keys) == len(set(keys))
    assert "pakistan navy" not in keys
    assert not any(t.kind == "keyphrase" and t.text.casefold() in {"turkey", "pakistan"} for t in tags)


def test_keyphrases_tags_are_capped() -> None:
    assert len(extract_tags(_article(), limit=3)) == 3
    assert len(extract_tags(_article())) <= 8


def test_keyphrases_corpus_rarity_demotes_common_words() -> None:
    stats = TermStatistics()
    for n in range(50):
        stats.add(extract_terms("", f"Pakistan's officials statement number {n}"))
    stats.add(extract_terms("", "sonar agosta submarines upgrade"))
    ranked = [p.casefold() for p, _ in extract_keyphrases(_article(), stats=stats, limit=30)]
    plain = [p.casefold() for p, _ in extract_keyphrases(_article())]

    def first_with_pakistan(phrases: list[str]) -> int:
        return next(i for i, p in enumerate(phrases) if "pakistan" in p)

    assert first_with_pakistan(ranked) > first_with_pakistan(plain)


WIRE = (
    "JAKARTA, Nov 5 (Reuters) - Indonesia signed a deal in November for 42 Rafale jets worth $8.1 billion. "
    "The Rafale deal deepens strategic ties, officials said, a year after talks began in November. "
    "Strategic ties with France cover two Scorpene submarines, and the Rafale deal was signed in Jakarta. "
    "Billion-dollar ties: Indonesia will receive the first Rafale jets in 2026, a year-earlier plan said."
)


def _tags(body: str) -> list[str]:
    title = "Indonesia buys Rafale jets"
    article = Article(id="w", page_id="p", position=Position.MAIN, index=0, title=title, body=body)
    return [t.text for t in extract_tags(article, entity_names=["Indonesia", "France"])]


def test_issue_21_tags_hold_no_month_number_dateline_or_bare_word() -> None:
    tags = _tags(WIRE)
    assert len(tags) <= 8 and tags[:2] == ["Indonesia", "France"]
    folded = {t.casefold() for t in tags}
    assert not folded & {"nov", "november", "billion", "jakarta", "year-earlier", "ties", "strategic"}
    assert "strategic ties" not in folded and "Rafale deal" in tags
    assert not any(any(ch.isdigit() for ch in t) and "-" not in t for t in tags)


def test_issue_21_tags_put_systems_and_event_phrases_before_other_phrases() -> None:
    body = WIRE + " The F-16 upgrade and the F-16 order are separate; the F-16 fleet stays."
    tags = _tags(body)
    assert tags[2:4] == ["F-16", "Rafale deal"]


DATELINED = (
    "OSLO, March 3 (Wire) - Norway ordered six coastal patrol boats from a Dutch yard on Monday. "
    "The patrol boats replace a class that entered service in the 1990s, the navy said."
)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        pytest.param("March", False, id="month"),
        pytest.param("2024", False, id="year"),
        pytest.param("$75 million", False, id="amount"),
        pytest.param("Monday", False, id="weekday"),
        pytest.param("Oslo", False, id="dateline-place-only"),
        pytest.param("Norway", True, id="country"),
        pytest.param("Theresa May", True, id="name-with-a-month-word"),
    ],
)
def test_issue_21_entity_tags_drop_dates_amounts_and_dateline_places(name: str, kept: bool) -> None:
    article = Article(
        id="d",
        page_id="p",
        position=Position.MAIN,
        index=0,
        title="Norway orders patrol boats",
        body=DATELINED,
    )
    texts = [t.text for t in extract_tags(article, entity_names=[name])]
    assert (name in texts) is kept


def test_issue_21_a_dateline_place_named_again_in_the_body_stays_a_tag() -> None:
    body = DATELINED + " Oslo will host the boats at its main naval base."
    article = Article(id="d", page_id="p", position=Position.MAIN, index=0, title="Boats", body=body)
    assert "Oslo" in [t.text for t in extract_tags(article, entity_names=["Oslo"])]


CUT = (
    "Prime Minister Amara Okafor opened the new Lagos port terminal on Friday. "
    "Prime Minister Amara Okafor said the terminal adds six berths. "
    "The port deal was signed last year, and the port deal covers two more terminals. "
    "Ships from the MV Sunrise line will call first; the MV Sunrise line sails weekly."
)


def test_issue_21_tags_drop_number_words_bare_happenings_and_cut_names() -> None:
    article = Article(
        id="c", page_id="p", position=Position.MAIN, index=0, title="Lagos port adds six berths", body=CUT
    )
    tags = [t.text for t in extract_tags(article, entity_names=["Nigeria"])]
    folded = {t.casefold() for t in tags}
    assert not any(word in t.split() for t in folded for word in ("six", "two"))
    assert "deal" not in folded and "port deal" in folded
    assert not folded & {"prime minister amara", "minister amara okafor", "mv", "sunrise"}
