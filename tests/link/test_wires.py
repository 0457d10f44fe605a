"""Tests of link.wires: wire names and credits."""

from __future__ import annotations

import pytest

from newsift.link.wires import detect_wire, normalize_wire


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        pytest.param("Drass (Kargil), Jul 26 (PTI) The army said", "PTI", id="dateline"),
        pytest.param("LONDON (Reuters) - Oil prices rose", "Reuters", id="reuters-dateline"),
        pytest.param("Body text.\n\nPTI MIJ VN VN", "PTI", id="slug-line"),
        pytest.param("Body text.\n— AFP", "AFP", id="credit-line"),
        pytest.param("The Associated Press reported nothing here.", None, id="mention-not-credit"),
        pytest.param("A plain local report.", None, id="none"),
    ],
)
def test_wires_detect_from_text(text: str, wire: str | None) -> None:
    assert detect_wire(text) == wire


def test_wires_field_wins_over_text() -> None:
    assert detect_wire("(Reuters) text", "Press Trust of India") == "PTI"


def test_wires_unknown_field_is_kept_as_written() -> None:
    assert detect_wire("text", " Kyodo ") == "Kyodo"


@pytest.mark.parametrize(("name", "key"), [("associated  press", "AP"), ("IANS", "IANS"), ("ThePrint", None)])
def test_wires_normalize(name: str, key: str | None) -> None:
    assert normalize_wire(name) == key
