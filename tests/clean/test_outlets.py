"""Tests of clean.outlets: canonical outlet ids and the wire list."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.clean.outlets import is_known_outlet, is_wire_service, normalize_outlet


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(("The Print", "ThePrint", "theprint"), id="theprint"),
        pytest.param(("First Post", "Firstpost", "FIRSTPOST"), id="firstpost"),
        pytest.param(("The Times of India", "Times of India", "TOI"), id="toi"),
        pytest.param(("Hindustan Times", "HT"), id="ht"),
        pytest.param(("Press Trust of India", "PTI"), id="pti"),
        pytest.param(("Associated Press", "The Associated Press", "AP"), id="ap"),
        pytest.param(("BBC", "BBC News"), id="bbc"),
    ],
)
def test_outlets_aliases_share_one_id(names: tuple[str, ...]) -> None:
    ids = {normalize_outlet(name) for name in names}
    assert len(ids) == 1
    assert ids.pop().isalnum()


def test_outlets_expected_ids_for_the_example_sources() -> None:
    assert normalize_outlet("The Print") == "theprint"
    assert normalize_outlet("First Post") == "firstpost"


def test_outlets_unknown_name_falls_back_to_squashed_key() -> None:
    assert normalize_outlet("News.com.au") == "newscomau"
    assert not is_known_outlet("News.com.au")
    assert normalize_outlet("  ") == ""


@pytest.mark.parametrize(
    ("name", "is_wire"), [("PTI", True), ("Reuters", True), ("AFP", True), ("The Print", False)]
)
def test_outlets_wire_services(name: str, is_wire: bool) -> None:
    assert is_wire_service(name) is is_wire


@given(st.text(max_size=40))
def test_outlets_normalize_is_idempotent(name: str) -> None:
    once = normalize_outlet(name)
    assert normalize_outlet(once) == once
