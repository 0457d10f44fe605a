"""One writer per store: stores sharing a writer write through one connection, one transaction at a time;
the web server's threads share one (every write of the web: sessions, tokens, comments, uploads)."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from newsift.errors import StoreError
from newsift.store import SqliteStore, Store
from newsift.store.sql import Tx
from newsift.web.auth import create_api_token, create_session, create_user, query_token_user
from newsift.web.db import WebDb


def test_stores_sharing_a_writer_write_from_many_threads_without_loss(tmp_path: Path) -> None:
    first = SqliteStore(tmp_path / "w.db")
    create_user(first, "alice", "a long enough password")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        store = SqliteStore(tmp_path / "w.db", writer=first.writer)  # its own read connection
        try:
            for _ in range(10):
                create_session(store, "alice")
                create_api_token(store, "alice", f"thread {n}")
        except BaseException as err:  # any failure fails the test below
            errors.append(err)
        finally:
            store.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first.close()
    assert errors == []
    with closing(sqlite3.connect(tmp_path / "w.db")) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 80
        assert conn.execute("SELECT COUNT(*) FROM api_tokens").fetchone()[0] == 80


def test_a_failed_write_is_rolled_back_whole_and_named(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "w.db")

    def half(tx: Tx) -> None:
        tx.execute("INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)", ["x", "h", "t"])
        tx.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(StoreError, match="users not stored"):
        store.write(half, "users not stored")
    assert not store.accounts.has_user("x")
    store.close()


def test_web_threads_read_on_their_own_stores_and_write_through_one_writer(tmp_path: Path) -> None:
    db = WebDb(str(tmp_path / "web.db"))
    found: list[Store] = []

    def open_one() -> None:
        found.append(db.store())

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(s) for s in found}) == 3
    assert all(s.writer is db.writer for s in found)
    create_user(found[0], "bob", "a long enough password")
    token = create_api_token(found[1], "bob")
    assert query_token_user(found[2], token) == "bob"
    db.close()
