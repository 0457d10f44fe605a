"""Search terms as the press spells them: designators in every spelling, diacritics folded (SQLite FTS5)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.model import Article, ContentType, Position, RawDocument
from newsift.store import SqliteStore
from newsift.store.terms import split_search_terms

WHEN = datetime(2025, 3, 1, tzinfo=UTC)
# Written for these tests.
TEXTS = {
    "jets": "The air force flew two F-16s over the capital during the parade.",
    "drone": "The navy tested a Bayraktar TB2 from the deck of its new ship.",
    "turkiye": "Officials in Türkiye signed the agreement on Monday.",
    "plain": "The ministry published its annual budget in 2018.",
}


@pytest.fixture
def store(store: SqliteStore) -> SqliteStore:
    """The shared empty store (tests/conftest.py) with one article per text."""
    for key, text in TEXTS.items():
        page = RawDocument(
            uri=f"{key}.txt", content=text.encode(), content_type=ContentType.TEXT, fetched_at=WHEN
        )
        article = Article(
            id=key, page_id=page.id, position=Position.MAIN, index=0, title=key, body=text, fetched_at=WHEN
        )
        store.store_batch([(page, [article])])
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("F-16", {"jets"}),
        ("F16", {"jets"}),
        ("F 16", {"jets"}),
        ("F-16s parade", {"jets"}),
        ("TB-2", {"drone"}),
        ("TB2", {"drone"}),
        ("Turkiye", {"turkiye"}),
        ("TÜRKIYE", {"turkiye"}),
        ("budget 2018", {"plain"}),
        ("F-35", set()),
    ],
    ids=[
        "hyphen",
        "joined",
        "spaced",
        "plural",
        "tb-hyphen",
        "tb-joined",
        "folded",
        "upper",
        "words",
        "absent",
    ],
)
def test_search_terms_find_every_spelling(store: SqliteStore, query: str, expected: set[str]) -> None:
    assert {hit.article.id for hit in store.search(query)} == expected


def test_search_terms_groups_are_plain_words() -> None:
    assert split_search_terms('F 16 "Türkiye" (TB-2s') == [
        ("f 16", "f16", "f 16s", "f16s"),
        ("Turkiye",),
        ("tb 2", "tb2", "tb 2s", "tb2s"),
    ]
    assert split_search_terms("in 2018") == [("in",), ("2018",)]  # lower-case words are not designators
    assert split_search_terms("-- ()") == []
