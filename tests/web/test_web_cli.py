"""The web CLI verbs: user add, token create, and a token that then works against the API."""

from __future__ import annotations

from pathlib import Path

import httpx
from tests.web.conftest import serve
from typer.testing import CliRunner

from newsift.cli import app
from newsift.cli.web import register

runner = CliRunner()
register(app)


def test_web_cli_user_add_and_token_create_give_a_working_token(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    added = runner.invoke(
        app, ["--db", db, "user", "add", "dora", "--password-stdin"], input="long password 1\n"
    )
    assert added.exit_code == 0, added.output
    again = runner.invoke(
        app, ["--db", db, "user", "add", "dora", "--password-stdin"], input="long password 1\n"
    )
    assert again.exit_code == 1 and "already exists" in again.stderr
    created = runner.invoke(app, ["--db", db, "token", "create", "--user", "dora"])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip()
    assert token.startswith("nsk_")
    from newsift.web import create_app

    with serve(create_app(db)) as base_url:
        response = httpx.post(
            f"{base_url}/api/ingest",
            files={"file": ("note.txt", b"Chile buys frigates\n\nChile bought two frigates from Australia.")},
            headers={"Authorization": f"Bearer {token}"},
            data={},
            timeout=60,
        )
    assert response.status_code == 201, response.text
    assert response.json()["user"] == "dora"


def test_web_cli_token_for_unknown_user_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "cli.db"), "token", "create", "--user", "nobody"])
    assert result.exit_code == 1 and "no such user" in result.stderr


def test_web_cli_short_password_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["--db", str(tmp_path / "cli.db"), "user", "add", "erin", "--password-stdin"], input="short\n"
    )
    assert result.exit_code == 1 and "at least 8" in result.stderr


def test_web_cli_serve_answers_allowed_host_names_only(tmp_path: Path) -> None:
    """`newsift serve --allowed-host NAME` in a real process: NAME is served, any other name refused."""
    import subprocess
    import sys
    import time

    from tests.web.conftest import _free_port

    port = _free_port()
    args = ["--db", str(tmp_path / "news.db"), "serve", "--port", str(port), "--allowed-host", "news.example"]
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("newsift")), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url, deadline = f"http://127.0.0.1:{port}/api/articles", time.monotonic() + 30
        while True:
            try:
                local = httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        named = httpx.get(url, headers={"Host": f"news.example:{port}"}, timeout=5)
        other = httpx.get(url, headers={"Host": "evil.example"}, timeout=5)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert (local.status_code, named.status_code, other.status_code) == (200, 200, 400)
