"""Tests of link.duplicates: exact and near duplicates, wire copies and independent origins."""

from __future__ import annotations

import pytest

from newsift.link.duplicates import DuplicateIndex, DuplicateKind, DuplicateSettings
from newsift.model import Article, Position

STORY = (
    "Pakistan and Turkey agreed on Tuesday to co-develop a new class of corvettes for the Pakistan Navy, "
    "officials in Islamabad said. The agreement covers design work in Istanbul, construction at the Karachi "
    "shipyard and training for crews. Defence analysts said the deal deepens ties that already include "
    "drones, trainer aircraft and joint exercises in the Arabian Sea. The first hull is expected to be "
    "launched within three years, according to a statement from the ministry of defence production."
)
OTHER = (
    "Heavy rain flooded low-lying districts of Chennai on Monday, forcing schools to close and disrupting "
    "suburban trains. The meteorological department warned of more rain over the next two days and asked "
    "fishermen not to venture into the sea. Relief camps were opened in several wards of the city."
)


def _article(id_: str, body: str, *, outlet: str | None = None, wire: str | None = None) -> Article:
    return Article(
        id=id_, page_id=id_, position=Position.MAIN, index=0, title="", body=body, outlet=outlet, wire=wire
    )


def test_duplicates_first_article_is_unique_and_starts_its_group() -> None:
    match = DuplicateIndex().add("a", STORY)
    assert match.kind is DuplicateKind.UNIQUE
    assert match.group_id == "a"


def test_duplicates_exact_copy_ignores_case_and_spacing() -> None:
    index = DuplicateIndex()
    index.add("a", STORY)
    match = index.add("b", "  " + STORY.upper().replace(" ", "\n  "))
    assert match.kind is DuplicateKind.EXACT
    assert match.group_id == "a"
    assert match.similarity == 1.0


def test_duplicates_lightly_edited_copy_is_near() -> None:
    index = DuplicateIndex()
    index.add("a", STORY)
    edited = STORY.replace("three years", "3 years")
    match = index.add("b", edited)
    assert match.kind is DuplicateKind.NEAR
    assert match.matched_id == "a"
    assert 0.8 <= match.similarity < 1.0


def test_duplicates_different_text_stays_unique() -> None:
    index = DuplicateIndex()
    index.add("a", STORY)
    match = index.add("b", OTHER)
    assert match.kind is DuplicateKind.UNIQUE
    assert match.group_id == "b"
    assert index.groups() == ()


def test_duplicates_wire_copy_with_extra_paragraphs_is_syndicated() -> None:
    index = DuplicateIndex()
    index.add_article(_article("wire", f"Islamabad, Jul 26 (PTI) {STORY}", outlet="ThePrint"))
    extended = f"{STORY}\n\n{OTHER}\n\nPTI MIJ VN VN"
    match = index.add_article(_article("copy", extended, outlet="Deccan Herald"))
    assert match.kind is DuplicateKind.SYNDICATED
    assert match.group_id == "wire"
    assert match.origin == "wire:PTI"


def test_duplicates_shared_words_without_the_same_wire_are_not_syndicated() -> None:
    index = DuplicateIndex()
    index.add_article(_article("a", STORY, outlet="ThePrint", wire="PTI"))
    match = index.add_article(_article("b", f"{STORY}\n\n{OTHER}\n\n{OTHER}", outlet="Dawn"))
    assert match.kind is DuplicateKind.UNIQUE


def test_duplicates_independent_origins_fold_copies_and_outlets() -> None:
    index = DuplicateIndex()
    index.add_article(_article("pti-1", STORY, outlet="ThePrint", wire="Press Trust of India"))
    index.add_article(_article("pti-2", STORY + " PTI", outlet="Deccan Herald", wire="PTI"))
    index.add_article(_article("own-1", OTHER, outlet="Dawn"))
    index.add_article(
        _article("own-2", "A different Dawn report on Karachi port traffic and tariffs.", outlet="Dawn")
    )
    index.add_article(_article("anon", "An unattributed note about rainfall totals in the south."))
    origins = index.independent_origins(["pti-1", "pti-2", "own-1", "own-2", "anon"])
    assert origins == {"wire:PTI", "outlet:dawn", "article:anon"}


def test_duplicates_group_id_survives_more_copies() -> None:
    index = DuplicateIndex()
    ids = [index.add(f"copy-{n}", STORY).group_id for n in range(4)]
    assert ids == ["copy-0"] * 4
    assert index.members("copy-0") == ("copy-0", "copy-1", "copy-2", "copy-3")


def test_duplicates_capacity_forgets_the_oldest() -> None:
    index = DuplicateIndex(DuplicateSettings(capacity=1))
    index.add("a", STORY)
    index.add("b", OTHER)
    edited = STORY.replace("on Tuesday", "on Tuesday evening")
    assert index.add("c", edited).kind is DuplicateKind.UNIQUE


@pytest.mark.parametrize("text", ["", "   ", "\n\n"], ids=["empty", "spaces", "newlines"])
def test_duplicates_empty_text_is_unique(text: str) -> None:
    index = DuplicateIndex()
    assert index.add("a", text).kind is DuplicateKind.UNIQUE
