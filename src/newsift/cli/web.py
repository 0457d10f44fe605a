"""CLI verbs of the web adapter: `serve`, `user add NAME`, `token create --user NAME`."""

from __future__ import annotations

import sqlite3
import sys
from typing import Annotated

import msgspec
import typer
from rich.markup import escape

from newsift.cli.app import state
from newsift.cli.render import console, err_console
from newsift.errors import NewsiftError

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add `serve`, `user add` and `token create` to ``app`` (idempotent)."""
    if any(c.name == "serve" for c in app.registered_commands):
        return
    app.command(name="serve")(serve)
    users = typer.Typer(help="Local web accounts.", no_args_is_help=True)
    users.command(name="add")(user_add)
    tokens = typer.Typer(help="API tokens for writes (ingest, comments).", no_args_is_help=True)
    tokens.command(name="create")(token_create)
    app.add_typer(users, name="user")
    app.add_typer(tokens, name="token")


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (keep 127.0.0.1 unless behind a proxy).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Host header name to serve besides the local ones (repeatable; '*.example.org' allowed), "
            "e.g. the name a reverse proxy forwards."
        ),
    ] = None,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            help="Address of a reverse proxy whose X-Forwarded-For is believed (repeatable). By default "
            "none: the sign-in throttle counts per connecting address, whatever headers claim."
        ),
    ] = None,
) -> None:
    """Serve the web UI and the REST API (/api, OpenAPI at /openapi.json, docs at /api/docs)."""
    import uvicorn

    from newsift.web import create_app

    try:
        app = create_app(
            msgspec.structs.replace(state.settings, db=state.db), allowed_hosts=allowed_host or ()
        )
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(2) from err
    console.print(f"newsift serving {escape(state.db)} at http://{host}:{port}/")
    # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: any local client could pose as many
    proxies = list(trusted_proxy or ())
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )


def _conn() -> sqlite3.Connection:
    from newsift.web.db import WebDb

    try:
        db = WebDb(state.db)  # applies the migrations, the web tables included
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(2) from err
    return sqlite3.connect(db.path)


def user_add(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, '_', '.', '-').")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin (for scripts).")
    ] = False,
) -> None:
    """Add a local account; the password is prompted for (or read from stdin) and stored hashed."""
    from newsift.web.auth import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    conn = _conn()
    try:
        create_user(conn, name, password)
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(1) from err
    finally:
        conn.close()
    console.print(f"user {escape(name)} added")


def token_create(
    user: Annotated[str, typer.Option("--user", help="Owner of the token.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
) -> None:
    """Create an API token (printed once, stored only as a digest) for `Authorization: Bearer`."""
    from newsift.web.auth import create_api_token

    conn = _conn()
    try:
        token = create_api_token(conn, user, label)
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(1) from err
    finally:
        conn.close()
    typer.echo(token)
