"""PostgresStore against a real server started here: the SQLite store suite, then PostgreSQL specifics.

Every ``test_sqlite_store_*`` test of test_sqlite_store.py runs again as ``test_postgres_store_*`` with
the ``store`` fixture below; the whole module skips when the PostgreSQL server binaries are absent.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsift.errors import StoreError
from newsift.model import Article, Position

psycopg = pytest.importorskip("psycopg", reason="psycopg (3) is not installed")

from newsift.store.postgres import PostgresStore, is_postgres_url  # noqa: E402

# Tests of the SQLite suite that reach into SQLite itself; their PostgreSQL versions are below.
_SQLITE_ONLY = {"test_sqlite_store_failed_batch_stores_nothing"}


def _load_sqlite_suite() -> ModuleType:
    path = Path(__file__).with_name("test_sqlite_store.py")
    spec = importlib.util.spec_from_file_location("_newsift_sqlite_store_suite", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_suite = _load_sqlite_suite()
for _name, _test in vars(_suite).items():
    if _name.startswith("test_sqlite_store_") and _name not in _SQLITE_ONLY:
        globals()["test_postgres_store_" + _name.removeprefix("test_sqlite_store_")] = _test


# --- a throwaway server -----------------------------------------------------------------------


def _server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` system user then."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    """Start PostgreSQL on 127.0.0.1 in a temporary folder; yield the admin URL; stop it after."""
    bindir = _server_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
    folder = Path(tempfile.mkdtemp(prefix="newsift-pg-"))
    data, port = folder / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    run = _run_quiet
    run([str(bindir / "initdb"), "-D", str(data), "-U", "newsift", "--auth=trust", *_INITDB_FLAGS])
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
    run([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start"])
    try:
        yield f"postgresql://newsift@127.0.0.1:{port}/postgres"
    finally:
        run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def _run_quiet(cmd: list[str]) -> None:
    result = subprocess.run(_as_server_user(cmd), capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        pytest.fail(f"{cmd[0]} failed: {result.stderr or result.stdout}")


_INITDB_FLAGS = ("--no-locale", "--encoding=UTF8", "--no-sync")
_counter = iter(range(1_000_000))


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database for one test."""
    name = f"t{next(_counter)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def store(pg_url: str) -> Iterator[PostgresStore]:
    opened = PostgresStore(pg_url)
    yield opened
    opened.close()


# --- PostgreSQL specifics ---------------------------------------------------------------------


def test_postgres_store_failed_batch_stores_nothing(store: PostgresStore) -> None:
    page = _suite._page(b"p")
    good, clash = _suite._article(page, 0, "T", "B"), _suite._article(page, 1, "T2", "B2")
    store._conn.execute(
        "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.title = 'T2' THEN "
        "RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    store._conn.execute("CREATE TRIGGER boom BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION boom()")
    with pytest.raises(StoreError, match="batch not stored"):
        store.store_batch([(page, [good, clash]), (_suite._page(b"q"), [])])
    assert store.count_articles() == 0
    assert not store.has_page(page.id)


def test_postgres_store_migrations_run_once(pg_url: str) -> None:
    PostgresStore(pg_url).close()
    again = PostgresStore(pg_url)
    names = [r[0] for r in again._conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    again.close()
    assert "001_init.sql" in names and "002_search.postgres.sql" in names
    assert not any(".sqlite." in name for name in names)
    assert len(names) == len(set(names))


def test_postgres_store_search_stems_ranks_and_snippets(store: PostgresStore) -> None:
    page = _suite._page(b"ranked")
    strong = _suite._article(page, 0, "Drone upgrades", "Drones. Drone upgrades for the drone fleet.")
    weak = _suite._article(page, 1, "Budget", "The budget mentions one drone in passing among many items.")
    store.store_batch([(page, [weak, strong])])
    hits = store.search("drones")
    assert [h.article.id for h in hits] == [strong.id, weak.id]
    assert hits[0].rank < hits[1].rank
    assert "[Drone" in hits[0].snippet or "[drone" in hits[0].snippet


def test_postgres_store_keeps_nul_free_text_columns(store: PostgresStore) -> None:
    page = _suite._page(b"nul")
    article = _suite._article(page, 0, "Title\x00 with NUL", "Body\x00 text about Turkey.")
    store.store_batch([(page, [article])])
    assert store.get_article(article.id) == article
    assert [h.article.id for h in store.search("Turkey")] == [article.id]


def test_postgres_store_orders_articles_like_sqlite(store: PostgresStore, tmp_path: Path) -> None:
    from newsift.store import SqliteStore

    sqlite = SqliteStore(tmp_path / "same.db")
    pages = [_suite._page(f"p{i}".encode()) for i in range(4)]
    batches = [(p, [_dated(p, i)]) for i, p in enumerate(pages)]
    for target in (store, sqlite):
        target.store_batch(batches)
    assert [a.id for a in store.query_articles()] == [a.id for a in sqlite.query_articles()]
    assert store.query_articles(limit=2, offset=1) == sqlite.query_articles(limit=2, offset=1)
    sqlite.close()


def _dated(page: Any, i: int) -> Article:
    from datetime import UTC, datetime

    published = datetime(2025, 7, 20 + i, tzinfo=UTC) if i % 2 else None
    return Article(
        id=f"{page.id}-0",
        page_id=page.id,
        position=Position.MAIN,
        index=0,
        title=f"Article {i}",
        body="Body.",
        published_at=published,
        fetched_at=datetime(2025, 7, 25, i, tzinfo=UTC),
    )


def test_postgres_store_refuses_unreachable_server() -> None:
    with pytest.raises(StoreError, match="cannot open store") as caught:
        PostgresStore(f"postgresql://u:secret@127.0.0.1:{_free_port()}/none?connect_timeout=2")
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [("postgresql://h/db", True), ("postgres://h/db", True), ("news.db", False), ("sqlite:///x.db", False)],
)
def test_postgres_store_recognises_urls(url: str, expected: bool) -> None:
    assert is_postgres_url(url) is expected


def test_postgres_store_keeps_poll_state(store: PostgresStore) -> None:
    import httpx

    from newsift.ingest.poll import _Fetched, _StateDb

    state = _StateDb(store)
    assert state.load("https://a.example/rss") is None
    fetched = _Fetched(200, httpx.Headers({"ETag": '"v1"'}), b"x", "https://a.example/rss")
    state.save("https://a.example/rss", None, fetched, changed=True, content_hash="h1")
    state.mark_seen("https://a.example/rss", ["e1", "e2", "e1"])
    state.mark_seen("https://a.example/rss", ["e2"])
    assert state.load("https://a.example/rss") == {
        "etag": '"v1"',
        "last_modified": None,
        "content_hash": "h1",
    }
    assert state.seen("https://a.example/rss") == {"e1", "e2"}


def test_postgres_cli_ingest_then_read_through_open_store(pg_url: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsift.cli import app
    from newsift.store import open_store

    feed = Path(__file__).parents[2] / "examples" / "defence-wire.xml"
    result = CliRunner().invoke(app, ["--db", pg_url, "ingest", "--no-analyze", "--json", str(feed)])
    assert result.exit_code == 0, result.stdout + result.stderr
    stored = json.loads(result.stdout)["n_stored"]
    assert stored >= 2
    listed = CliRunner().invoke(app, ["--db", pg_url, "articles", "--json"])
    assert len(json.loads(listed.stdout)) == stored
    store = open_store(pg_url)
    try:
        assert type(store).__name__ == "PostgresStore"
        assert store.count_articles() == stored
    finally:
        store.close()


def test_postgres_links_replace_and_query(store: PostgresStore) -> None:
    from newsift.store import LinkRow

    store.replace_links(
        "story", [LinkRow(key="s2", record="{}", rank=1), LinkRow(key="s1", record="[]", rank=0)]
    )
    store.replace_links("tags", [LinkRow(key="a", article_id="a", record='["x"]')])
    assert [r.key for r in store.query_links("story")] == ["s1", "s2"]
    store.replace_links("story", [LinkRow(key="s3", record="{}")])
    assert [r.key for r in store.query_links("story")] == ["s3"]
    assert store.query_links("tags", article_id="a")[0].record == '["x"]'
    assert store.query_links("tags", article_id="b") == []


def test_postgres_links_stream_by_rank_and_fold_kinds_in_one_transaction(store: PostgresStore) -> None:
    """``iter_links`` pages by (rank, key); ``write_links`` folds kinds after a kind's rows, all at once."""
    from newsift.store import LinkChange, LinkRow

    rows = [LinkRow(key=f"k{i % 5}-{i}", record="{}", rank=i // 3) for i in range(20)]
    store.replace_links("state:0", rows[:12])
    store.replace_links("state:1", [LinkRow(key=r.key, record=r.record, rank=r.rank - 4) for r in rows[12:]])
    assert list(store.iter_links("state:0", page=5)) == store.query_links("state:0")
    store.write_links([LinkChange(kind="state:0", absorb=("state:1",))])
    expected = sorted(rows, key=lambda r: (r.rank, r.key))  # state:1's ranks shifted back after state:0's
    assert list(store.iter_links("state:0", page=3)) == [
        LinkRow(key=r.key, record=r.record, rank=r.rank) for r in expected
    ]
    assert store.query_links("state:1") == []
