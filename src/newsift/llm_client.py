"""The one OpenAI-compatible chat-completions client: its settings (the ``llm`` section of
``newsift.config``, ``NEWSIFT_LLM__*``) and one request.

Transport and protocol only: prompts and the reading of what the model says belong to its callers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import msgspec

from newsift.errors import ExtractionError

__all__ = ["LlmError", "LlmSettings", "fetch_completion"]


class LlmSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    base_url: str = ""
    """OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1; empty turns the LLM off."""
    model: str = ""
    """Model name sent with each request."""
    api_key_env: str = "NEWSIFT_LLM_API_KEY"
    """Environment variable holding the API key (the key itself is never stored in settings)."""
    timeout_s: float = 30.0
    """Timeout of one request, in seconds."""
    max_tokens: int = 300
    """Most tokens of a phrased answer."""
    event_max_tokens: int = 1000
    """Most tokens of one reply of the LLM event extractor (the JSON events of one sentence)."""
    event_max_requests: int = 24
    """Most requests the LLM event extractor sends for one article (one per sentence); eventful
    sentences past it keep the rules' events."""
    event_short_article: int = 6
    """Articles with at most this many sentences send every sentence, not only the eventful ones."""


class LlmError(ExtractionError):
    """The endpoint failed or answered outside the protocol; ``status`` is the HTTP status, if any."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def fetch_completion(
    messages: Sequence[Mapping[str, str]],
    settings: LlmSettings,
    *,
    client: httpx.Client | None = None,
    max_tokens: int | None = None,
    response_format: Mapping[str, Any] | None = None,
) -> str:
    """The assistant's text for one chat-completions request (temperature 0).

    Args:
        messages: the chat, as ``{"role", "content"}`` mappings.
        settings: endpoint, model, key variable and timeout.
        client: an open client to reuse (closed by its owner); a new one per call otherwise.
        max_tokens: overrides ``settings.max_tokens``.
        response_format: sent as is (e.g. a ``json_schema`` constraint) when given.

    Raises:
        LlmError: timeout, connection error, an HTTP error status, or a reply outside the protocol.
    """
    url = settings.base_url.rstrip("/") + "/chat/completions"
    body: dict[str, Any] = {
        "model": settings.model,
        "messages": [dict(m) for m in messages],
        "temperature": 0,
        "max_tokens": max_tokens or settings.max_tokens,
    }
    if response_format is not None:
        body["response_format"] = dict(response_format)
    own = client is None
    http = client or httpx.Client(timeout=settings.timeout_s)
    try:
        response = http.post(url, json=body, headers=_headers(settings))
        return _content(url, response)
    except httpx.TimeoutException as err:
        raise LlmError(f"llm {url}: timed out after {settings.timeout_s:g}s") from err
    except httpx.HTTPError as err:
        raise LlmError(f"llm {url}: {type(err).__name__}: {err}") from err
    finally:
        if own:
            http.close()


def _headers(settings: LlmSettings) -> dict[str, str]:
    key = os.environ.get(settings.api_key_env)
    return {"Authorization": f"Bearer {key}"} if key else {}


def _content(url: str, response: httpx.Response) -> str:
    if response.is_error:
        raise LlmError(
            f"llm {url}: HTTP {response.status_code}: {response.text[:200]}", status=response.status_code
        )
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise LlmError(f"llm {url}: reply is not a chat completion: {type(err).__name__}: {err}") from err
    if not isinstance(content, str):
        raise LlmError(f"llm {url}: reply content is not text")
    return content
