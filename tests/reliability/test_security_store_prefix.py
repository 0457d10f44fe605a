"""The article-id prefix lookup of both stores treats ``%``, ``_`` and ``\\`` as plain characters."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsift.model import Article, ContentType, Position, RawDocument

with contextlib.suppress(pytest.skip.Exception):  # skipped there without psycopg
    from tests.store.test_postgres import pg_server, pg_url  # noqa: F401  (its throwaway server, reused)

WHEN = datetime(2025, 7, 26, 12, tzinfo=UTC)
IDS = ("abcd_ef0001", "abcdXef0002", "ab%d0003", "ab\\cd0004", "zz__0005", "zzab0006")


def _stored(store: Any) -> Any:
    page = RawDocument(uri="p.txt", content=b"p", content_type=ContentType.TEXT, fetched_at=WHEN)
    articles = [
        Article(
            id=article_id,
            page_id=page.id,
            position=Position.MAIN if i == 0 else Position.RELATED,
            index=i,
            title=f"T{i}",
            body=f"Body {i}.",
            outlet="theprint",
            fetched_at=WHEN,
        )
        for i, article_id in enumerate(IDS)
    ]
    store.store_batch([(page, articles)])
    return store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "sqlite":
        from newsift.store import SqliteStore

        opened: Any = SqliteStore(tmp_path / "s.db")
    else:
        pytest.importorskip("psycopg", reason="psycopg (3) is not installed")
        from newsift.store.postgres import PostgresStore

        opened = PostgresStore(request.getfixturevalue("pg_url"))
    yield _stored(opened)
    opened.close()


@pytest.mark.parametrize(
    ("prefix", "found"),
    [
        ("abcd_", "abcd_ef0001"),
        ("abcdX", "abcdXef0002"),
        ("ab%d", "ab%d0003"),
        ("ab\\c", "ab\\cd0004"),
        ("zz__", "zz__0005"),
        ("zz%a", None),
        ("_bcd", None),
        ("%d00", None),
        ("zz\\_", None),
    ],
    ids=["underscore", "letter", "percent", "backslash", "two-underscores", "percent-not-any",
         "underscore-not-one", "leading-percent", "escape-char-literal"],
)  # fmt: skip
def test_security_store_prefix_lookup_is_not_a_pattern(store: Any, prefix: str, found: str | None) -> None:
    article = store.get_article(prefix)
    assert (article.id if article else None) == found
