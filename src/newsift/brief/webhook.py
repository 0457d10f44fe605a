"""Webhook delivery for watches: one JSON POST per check with new matches, under the SSRF rules of URL
ingest (``ingest.fetch``: http(s) only, private addresses refused unless allowed, the host resolved once
and the connection pinned to the checked address). No retries here: a failed delivery leaves the matches
unreported, so the next check sends them again.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import httpx

from newsift.errors import InputError
from newsift.ingest.fetch import USER_AGENT, PinnedTransport, Resolver, check_url, resolve_host, vet_url

__all__ = ["Delivery", "check_webhook_url", "post_webhook"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    """The outcome of one POST: ``is_ok`` with a 2xx answer, else the reason in ``error``."""

    url: str
    is_ok: bool
    status: int | None = None
    error: str | None = None


def check_webhook_url(url: str, *, allow_private: bool = False, allow_hosts: Collection[str] = ()) -> None:
    """Refuse a webhook URL that URL ingest would refuse.

    Raises:
        InputError: not http(s), no host, unresolvable, or a private address not allowed.
    """
    check_url(url, allow_private=allow_private, allow_hosts=allow_hosts)


def post_webhook(
    url: str,
    payload: dict[str, Any],
    *,
    allow_private: bool = False,
    allow_hosts: Collection[str] = (),
    timeout_s: float = 10.0,
    resolver: Resolver = resolve_host,
) -> Delivery:
    """POST ``payload`` as JSON to ``url``, checked again before sending (its address may have changed).

    The host is resolved once and the connection goes to the address that was checked, so DNS
    rebinding cannot swap in a private one. Redirects are not followed: a webhook that moves must be
    saved again. Never raises for a refused URL or a network failure; the Delivery says what happened.
    """
    try:
        vetted = vet_url(url, allow_private=allow_private, allow_hosts=allow_hosts, resolver=resolver)
    except InputError as err:
        logger.warning("webhook %s refused: %s", url, err.reason)
        reason = err.reason if err.reason.startswith("refused") else f"refused: {err.reason}"
        return Delivery(url=url, is_ok=False, error=reason)
    transport = PinnedTransport()
    transport.pin(vetted)
    try:  # trust_env=False: a proxy from the environment would resolve the name again, unchecked
        with httpx.Client(transport=transport, timeout=timeout_s, follow_redirects=False,
                          headers={"User-Agent": USER_AGENT}, trust_env=False) as http:  # fmt: skip
            response = http.post(url, json=payload)
    except httpx.HTTPError as err:
        logger.warning("webhook %s failed: %s", url, err)
        return Delivery(url=url, is_ok=False, error=f"{type(err).__name__}: {err}")
    if not response.is_success:
        logger.warning("webhook %s answered HTTP %s", url, response.status_code)
        return Delivery(
            url=url, is_ok=False, status=response.status_code, error=f"HTTP {response.status_code}"
        )
    return Delivery(url=url, is_ok=True, status=response.status_code)
