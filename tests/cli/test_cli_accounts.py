"""`newsift user add|list|passwd|remove` and `token create|list|revoke` over a real SQLite store."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

from tests.test_workspace import fill_store
from typer.testing import CliRunner

from newsift.cli import app
from newsift.store import SqliteStore
from newsift.web.auth import authenticate, query_token_user
from newsift.web.comments import create_comment

runner = CliRunner()


def _run(db: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _db(tmp_path: Path) -> str:
    db = fill_store(tmp_path / "n.db")
    assert _run(db, "user", "add", "alice", stdin="first password\n")[0] == 0  # piped, no flag
    return db


def test_cli_user_add_reads_a_piped_password(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with closing(SqliteStore(db)) as conn:
        assert authenticate(conn, "alice", "first password")
    (user,) = json.loads(_run(db, "user", "list", "--json")[1])
    assert (user["name"], user["n_tokens"], user["n_comments"]) == ("alice", 0, 0)


def test_cli_user_add_with_empty_stdin_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run(fill_store(tmp_path / "n.db"), "user", "add", "bob", stdin="")
    assert code == 2 and "no password on stdin" in err


def test_cli_user_passwd_replaces_the_password(tmp_path: Path) -> None:
    db = _db(tmp_path)
    assert _run(db, "user", "passwd", "alice", stdin="second password\n")[0] == 0
    with closing(SqliteStore(db)) as conn:
        assert authenticate(conn, "alice", "second password")
        assert not authenticate(conn, "alice", "first password")
    assert _run(db, "user", "passwd", "nobody", stdin="second password\n")[0] == 1


def test_cli_token_list_and_revoke_by_id(tmp_path: Path) -> None:
    db = _db(tmp_path)
    token = _run(db, "token", "create", "--user", "alice", "--label", "notebook")[1].strip()
    (listed,) = json.loads(_run(db, "token", "list", "--json")[1])
    assert (listed["user"], listed["label"], listed["last_used_at"]) == ("alice", "notebook", None)
    assert token not in _run(db, "token", "list")[1]  # the secret is never shown again
    code, out, _ = _run(db, "token", "revoke", listed["id"][:8])
    assert code == 0 and "revoked" in out
    with closing(SqliteStore(db)) as conn:
        assert query_token_user(conn, token) is None
    assert json.loads(_run(db, "token", "list", "--json")[1]) == []


def test_cli_token_revoke_by_the_token_itself(tmp_path: Path) -> None:
    db = _db(tmp_path)
    token = _run(db, "token", "create", "--user", "alice")[1].strip()
    code, _, err = _run(db, "token", "revoke", token)
    assert code == 0, err
    assert _run(db, "token", "revoke", token)[0] == 1  # already gone
    assert _run(db, "token", "revoke", "abc")[0] == 1  # too short to name one token


def test_cli_user_remove_keeps_comments_unless_asked(tmp_path: Path) -> None:
    db = _db(tmp_path)
    token = _run(db, "token", "create", "--user", "alice")[1].strip()
    with closing(SqliteStore(db)) as conn:
        create_comment(conn, "a1", "alice", "A note.")
    code, _, err = _run(db, "user", "remove", "alice")
    assert code == 1 and "--with-comments" in " ".join(err.split())
    code, out, _ = _run(db, "user", "remove", "alice", "--with-comments")
    assert code == 0 and "with 1 comments" in out
    with closing(SqliteStore(db)) as conn:
        assert query_token_user(conn, token) is None
    assert json.loads(_run(db, "user", "list", "--json")[1]) == []
