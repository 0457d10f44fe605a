"""Checks of the link stage on the shared benchmark data (skipped when ../shared is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.link.duplicates import DuplicateIndex

pytestmark = pytest.mark.shared


def test_duplicates_find_every_known_bbc_exact_group(shared_dir: Path) -> None:
    corpus = shared_dir / "benchdata" / "corpus"
    if not (corpus / "bbc_news.jsonl").is_file():
        pytest.skip("benchdata/corpus is absent")
    groups = json.loads((corpus / "exact_duplicate_groups.json").read_text(encoding="utf-8"))["groups"][
        "bbc_news"
    ]
    wanted = {doc for group in groups for doc in group}
    index = DuplicateIndex()
    with (corpus / "bbc_news.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                index.add(row["id"], f"{row['title']}\n\n{row['text']}")
    for group in groups:
        assert len({index.group_of(doc) for doc in group}) == 1, group
