"""The one OpenAI-compatible chat-completions client: one request under the ``llm`` section of the
settings (``newsift.config.LlmSettings``, ``NEWSIFT_LLM__*``).

Transport and protocol only: prompts and the reading of what the model says belong to its callers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from newsift.config import LlmSettings
from newsift.errors import ExtractionError

__all__ = ["LlmError", "LlmSettings", "fetch_completion"]


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
