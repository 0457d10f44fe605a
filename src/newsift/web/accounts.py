"""Account administration for the CLI: list and remove users, list and revoke API tokens.

Tokens are known only by their SHA-256 digest; a token's public id is the digest's first 12 hex digits.
The tables are the store's (``store.accounts``); the rules are here.
"""

from __future__ import annotations

import hashlib

from newsift.errors import InputError
from newsift.store import Store
from newsift.store.accounts import TokenInfo, UserInfo

__all__ = ["TokenInfo", "UserInfo", "delete_user", "query_tokens", "query_users", "revoke_token"]

_MIN_PREFIX = 6


def query_users(store: Store) -> list[UserInfo]:
    """Every local account by name, with its token and comment counts."""
    return store.accounts.users()


def delete_user(store: Store, name: str, *, with_comments: bool = False) -> int:
    """Remove an account, its sessions and its tokens; returns the number of comments removed with it.

    Raises:
        InputError: no such user, or the user has comments and ``with_comments`` is False.
    """
    if not store.accounts.has_user(name):
        raise InputError(name, "no such user")
    n_comments = store.accounts.count_comments(name)
    if n_comments and not with_comments:
        raise InputError(name, f"the user wrote {n_comments} comments; remove them too with --with-comments")
    store.accounts.delete_user(name)
    return n_comments


def query_tokens(store: Store, user: str | None = None) -> list[TokenInfo]:
    """API tokens (never the secret: an id, owner, label and times), oldest first."""
    return store.accounts.tokens(user)


def revoke_token(store: Store, token: str) -> TokenInfo:
    """Delete one API token named by its id (or a unique prefix of 6+ digits) or by the raw token.

    Raises:
        InputError: no token matches, or the prefix matches several.
    """
    if token.startswith("nsk_"):
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        matches = [t for t in query_tokens(store) if digest.startswith(t.id)]
        shown = "token"  # never echo a secret
    elif len(token) >= _MIN_PREFIX:
        matches = [t for t in query_tokens(store) if t.id.startswith(token.lower())]
        shown = token
    else:
        raise InputError(token, f"give a token id (at least {_MIN_PREFIX} characters) or the token itself")
    if len(matches) != 1:
        raise InputError(shown, "no such token" if not matches else f"{len(matches)} tokens match; give more")
    store.accounts.delete_token(matches[0].id)
    return matches[0]
