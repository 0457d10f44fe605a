"""CLI verbs of the web adapter: `serve`, `user add|list|passwd|remove`, `token create|list|revoke`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import msgspec
import typer
from rich.markup import escape

from newsift import codec
from newsift.cli.app import state
from newsift.cli.render import console, err_console, print_json
from newsift.errors import NewsiftError
from newsift.store import Store

__all__ = ["register"]

_T = TypeVar("_T")


def register(app: typer.Typer) -> None:
    """Add `serve`, `user ...` and `token ...` to ``app`` (idempotent)."""
    if any(c.name == "serve" for c in app.registered_commands):
        return
    app.command(name="serve")(serve)
    users = typer.Typer(help="Local web accounts.", no_args_is_help=True)
    verbs: tuple[tuple[str, Callable[..., None]], ...] = (
        ("add", user_add),
        ("list", user_list),
        ("passwd", user_passwd),
        ("remove", user_remove),
    )
    for name, command in verbs:
        users.command(name=name)(command)
    tokens = typer.Typer(help="API tokens for writes (ingest, comments).", no_args_is_help=True)
    verbs = (("create", token_create), ("list", token_list), ("revoke", token_revoke))
    for name, command in verbs:
        tokens.command(name=name)(command)
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
    access_log: Annotated[
        bool, typer.Option("--access-log", help="Log every request (client, method, path, status) to stdout.")
    ] = False,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            "--trusted-proxy",
            help="Reverse-proxy addresses whose X-Forwarded-For/-Proto headers are believed "
            "(comma-separated). By default none: the sign-in throttle counts per connecting address, "
            "whatever headers claim.",
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
    console.print(f"newsift serving {escape(app.state.db.shown)} at http://{host}:{port}/")
    # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: any local client could pose as many
    proxies = [p.strip() for p in (forwarded_allow_ips or "").split(",") if p.strip()]
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info" if access_log else "warning",  # uvicorn writes access lines at INFO
        access_log=access_log,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )


def _store() -> Store:
    from newsift.store import open_store

    try:
        return open_store(state.db)  # applies the migrations, the web tables included
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(2) from err


PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from stdin (implied when stdin is not a terminal)."
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]


def _read_password(from_stdin: bool) -> str:
    """The first line of stdin when piped (or asked to), else a hidden prompt typed twice."""
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            err_console.print("[red]error[/red]: no password on stdin")
            raise typer.Exit(2)
        return password
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _account_call(action: Callable[[Store], _T]) -> _T:
    """Run one account action on the store's web tables; an InputError exits 1 with its reason."""
    store = _store()
    try:
        return action(store)
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(1) from err
    finally:
        store.close()


def user_add(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, '_', '.', '-').")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a local account; the password is prompted for (or read from piped stdin) and stored hashed."""
    from newsift.web.auth import create_user

    password = _read_password(password_stdin)
    _account_call(lambda store: create_user(store, name, password))
    console.print(f"user {escape(name)} added")


def user_passwd(
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password (prompted, or read from piped stdin); the user's web sessions end."""
    from newsift.web.auth import set_password

    password = _read_password(password_stdin)
    _account_call(lambda store: set_password(store, name, password))
    console.print(f"password of {escape(name)} changed")


def user_list(json_out: JsonFlag = False) -> None:
    """Local accounts with their token and comment counts."""
    from newsift.web.accounts import query_users

    users = _account_call(query_users)
    if json_out:
        print_json([codec.to_builtins(u) for u in users])
        return
    for user in users:
        console.print(
            f"{escape(user.name)}  created {user.created_at[:19]}  {user.n_tokens} tokens  "
            f"{user.n_comments} comments"
        )
    if not users:
        console.print("no users (add one with `newsift user add NAME`)")


def user_remove(
    name: Annotated[str, typer.Argument(help="User name.")],
    with_comments: Annotated[bool, typer.Option(help="Also delete the user's comments.")] = False,
) -> None:
    """Remove an account with its sessions and tokens (refused while it has comments, unless asked)."""
    from newsift.web.accounts import delete_user

    n = _account_call(lambda store: delete_user(store, name, with_comments=with_comments))
    console.print(f"user {escape(name)} removed" + (f" with {n} comments" if n else ""))


def token_create(
    user: Annotated[str, typer.Option("--user", help="Owner of the token.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
) -> None:
    """Create an API token (printed once, stored only as a digest) for `Authorization: Bearer`."""
    from newsift.web.auth import create_api_token

    typer.echo(_account_call(lambda store: create_api_token(store, user, label)))


def token_list(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """API tokens: id (for `token revoke`), owner, label, created and last used; never the secret."""
    from newsift.web.accounts import query_tokens

    tokens = _account_call(lambda store: query_tokens(store, user))
    if json_out:
        print_json([codec.to_builtins(t) for t in tokens])
        return
    for token in tokens:
        used = token.last_used_at[:19] if token.last_used_at else "never"
        console.print(
            f"{token.id}  {escape(token.user)}  {escape(token.label)}  created {token.created_at[:19]}  "
            f"last used {used}"
        )
    if not tokens:
        console.print("no tokens")


def token_revoke(
    token: Annotated[
        str, typer.Argument(help="Token id from `token list` (or a unique prefix), or the token.")
    ],
) -> None:
    """Revoke an API token: requests carrying it are refused from now on."""
    from newsift.web.accounts import revoke_token

    revoked = _account_call(lambda store: revoke_token(store, token))
    console.print(f"token {revoked.id} of {escape(revoked.user)} ({escape(revoked.label)}) revoked")
