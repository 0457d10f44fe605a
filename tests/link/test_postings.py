"""Tests of link.postings: the capped postings that bound every link lookup."""

from __future__ import annotations

import pytest

from newsift.link.postings import CappedPostings, strongest_terms


def test_postings_keep_only_the_most_recent_ids_per_key() -> None:
    postings = CappedPostings(3)
    for item in ("a", "b", "c", "d"):
        postings.add("port", item)
    assert list(postings.get("port")) == ["b", "c", "d"]
    postings.add("port", "b")  # posted again: now the most recent, so "c" is the oldest
    postings.add("port", "e")
    assert list(postings.get("port")) == ["d", "b", "e"]


def test_postings_candidates_rank_by_shared_keys_and_leave_out_the_query() -> None:
    postings = CappedPostings(10)
    for key, items in {"strike": "xyz", "harbour": "xy", "union": "xq"}.items():
        for item in items:
            postings.add(key, item)
    assert postings.candidates(["strike", "harbour", "union"], 2) == ["x", "y"]
    assert postings.candidates(["strike", "harbour", "union"], 10, exclude="x") == ["y", "z", "q"]
    assert postings.candidates(["unknown"], 5) == []


def test_postings_discard_drops_empty_keys() -> None:
    postings = CappedPostings(2)
    postings.add("dock", "a")
    postings.discard("dock", "a")
    postings.discard("dock", "never-posted")
    assert len(postings) == 0


def test_postings_cap_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CappedPostings(0)


def test_strongest_terms_heaviest_first_ties_in_vector_order() -> None:
    assert strongest_terms({"a": 0.1, "b": 0.5, "c": 0.5, "d": 0.3}, 3) == ["b", "c", "d"]
