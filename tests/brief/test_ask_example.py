"""Issue 21 on the founding example page: the supplies answered from the facts, each cited; the
summary leads with the denial; the tags hold no month, number or dateline."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.brief.article import build_article_brief
from newsift.brief.ask import answer_question
from newsift.config import Settings
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore, iter_articles

pytestmark = [pytest.mark.shared, pytest.mark.model]

_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$", re.IGNORECASE)


@pytest.fixture(scope="module")
def store(shared_example: Path, tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    path = tmp_path_factory.mktemp("example") / "example.db"
    opened = SqliteStore(path)
    run_ingest(
        [str(shared_example)], opened, Settings(db=str(path)), fetched_at=datetime(2025, 7, 26, tzinfo=UTC)
    )
    return opened


@pytest.mark.parametrize("item", ["F-16", "targeting pods", "training range", "Agosta", "corvette", "TB-2"])
def test_issue_21_supplies_are_listed_from_the_facts_each_cited(store: SqliteStore, item: str) -> None:
    answer = answer_question(store, "What has Turkey supplied to Pakistan?")
    assert answer.method == "records"
    lines = (answer.text or "").splitlines()
    cited = {str(n): c.sentence for n, c in enumerate(answer.citations, start=1)}
    found = [line for line in lines if item in line + cited[line.rsplit("[", 1)[1].rstrip("]")]]
    assert found, lines


def test_issue_21_summary_holds_the_denial(store: SqliteStore) -> None:
    main = next(a for a in iter_articles(store) if a.position == "main")
    brief = build_article_brief(store, main.id)
    assert any("denied" in s.text for s in brief.summary)
    assert brief.key_facts


def test_issue_21_no_tag_is_a_month_number_or_dateline(store: SqliteStore) -> None:
    for article in iter_articles(store):
        tags = build_article_brief(store, article.id).tags
        dateline = (
            {x.casefold() for x in (article.dateline.place, article.dateline.text) if x}
            if article.dateline
            else set()
        )
        assert 0 < len(tags) <= 8
        for tag in tags:
            assert not _MONTH.match(tag) and not any(ch.isdigit() for ch in tag if "-" not in tag)
            assert tag.casefold() not in dateline
