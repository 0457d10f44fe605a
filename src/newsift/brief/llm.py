"""Optional LLM phrasing of an answer (OpenAI-compatible chat completions), from the retrieved sentences
only; each sentence of its reply must be supported by a cited sentence, or it is dropped and counted.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import httpx
import msgspec

from newsift.brief.passages import extract_query_terms
from newsift.brief.records import Answer, Citation
from newsift.errors import ConfigError, ExtractionError
from newsift.link.text import split_sentence_spans

__all__ = ["LlmSettings", "is_supported", "load_llm_settings", "phrase_answer"]

logger = logging.getLogger(__name__)

_ENV_PREFIX = "NEWSIFT_LLM__"
_MIN_RECALL = 0.6
_MARKER = re.compile(r"\s*\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATION = frozenset({"not", "no", "never", "deny", "denied", "denies", "denial", "rejected", "dismissed"})
_SYSTEM = (
    "You answer questions for a news analyst using ONLY the numbered source sentences given. "
    "Write at most three short sentences. End every sentence with the number of the source it rests on, "
    "like [1]. Do not add facts, numbers or names that the sources do not state. If the sources do not "
    "answer the question, reply exactly: NO ANSWER."
)


class LlmSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    base_url: str = ""
    """OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1; empty turns phrasing off."""
    model: str = ""
    """Model name sent with each request."""
    api_key_env: str = "NEWSIFT_LLM_API_KEY"
    """Environment variable holding the API key (the key itself is never stored in settings)."""
    timeout_s: float = 30.0
    """Timeout of one request, in seconds."""
    max_tokens: int = 300
    """Most tokens of the reply."""


def load_llm_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> LlmSettings:
    """Settings from ``NEWSIFT_LLM__<FIELD>`` environment variables, then keyword overrides (CLI flags).

    Raises:
        ConfigError: an unknown field or a value of the wrong type.
    """
    env = os.environ if env is None else env
    data: dict[str, Any] = {
        k[len(_ENV_PREFIX) :].lower(): v for k, v in env.items() if k.startswith(_ENV_PREFIX)
    }
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return msgspec.convert(data, LlmSettings, strict=False)
    except msgspec.ValidationError as err:
        raise ConfigError(f"llm settings: {err}") from err


def is_supported(sentence: str, evidence: str) -> bool:
    """True when ``evidence`` supports ``sentence``: its numbers all appear there, most of its content
    words too, and both agree on negation ('denied' against 'delivered' is not support)."""
    if not set(_NUMBER.findall(sentence)) <= set(_NUMBER.findall(evidence)):
        return False
    claim = set(extract_query_terms(sentence))
    if not claim:
        return False
    found = set(extract_query_terms(evidence))
    if len(claim & found) / len(claim) < _MIN_RECALL:
        return False
    return _negated(sentence) == _negated(evidence)


def _negated(text: str) -> bool:
    words = {w.casefold() for w in re.findall(r"\w+(?:n't)?", text)}
    return bool(words & _NEGATION) or any(w.endswith("n't") for w in words)


def phrase_answer(answer: Answer, settings: LlmSettings, *, client: httpx.Client | None = None) -> Answer:
    """Rephrase an extractive answer with the LLM, keeping only sentences a cited sentence supports.

    Returns the extractive answer unchanged when there is nothing to phrase or no sentence survives.

    Raises:
        ExtractionError: the endpoint failed or answered outside the protocol.
    """
    if answer.text is None or not answer.citations or not settings.base_url:
        return answer
    reply = _complete(_messages(answer.question, answer.citations), settings, client)
    if reply.strip().upper().startswith("NO ANSWER"):
        return answer
    kept, used, dropped = _check(reply, answer.citations)
    if not kept:
        logger.warning("llm reply had no supported sentence (%d dropped): extractive answer kept", dropped)
        return replace(answer, n_unsupported=dropped)
    return replace(
        answer,
        text=" ".join(kept),
        citations=tuple(used),
        method=answer.method + "+llm",
        n_unsupported=dropped,
        phrased_by=settings.model or "llm",
    )


def _messages(question: str, citations: Sequence[Citation]) -> list[dict[str, str]]:
    numbered = "\n".join(f"[{i}] {c.sentence}" for i, c in enumerate(citations, start=1))
    return [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": f"Sources:\n{numbered}\n\nQuestion: {question}"},
    ]


def _complete(messages: list[dict[str, str]], settings: LlmSettings, client: httpx.Client | None) -> str:
    headers = {}
    key = os.environ.get(settings.api_key_env)
    if key:
        headers["Authorization"] = f"Bearer {key}"
    body = {
        "model": settings.model,
        "messages": messages,
        "temperature": 0,
        "max_tokens": settings.max_tokens,
    }
    url = settings.base_url.rstrip("/") + "/chat/completions"
    own = client is None
    http = client or httpx.Client(timeout=settings.timeout_s)
    try:
        response = http.post(url, json=body, headers=headers)
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as err:
        raise ExtractionError(f"llm {url}: {type(err).__name__}: {err}") from err
    finally:
        if own:
            http.close()
    if not isinstance(content, str):
        raise ExtractionError(f"llm {url}: reply content is not text")
    return content


def _check(reply: str, citations: Sequence[Citation]) -> tuple[list[str], list[Citation], int]:
    """Split the reply into sentences; keep those a cited (or, unmarked, any) source sentence supports."""
    kept: list[str] = []
    used: list[Citation] = []
    dropped = 0
    for start, end in split_sentence_spans(reply):
        raw = reply[start:end]
        marks = [int(m) for m in _MARKER.findall(raw)]
        sentence = _MARKER.sub("", raw).strip()
        if not sentence:
            continue
        pool = [citations[m - 1] for m in marks if 0 < m <= len(citations)] if marks else list(citations)
        support = next((c for c in pool if is_supported(sentence, c.sentence)), None)
        if support is None:
            dropped += 1
            continue
        kept.append(sentence)
        if support not in used:
            used.append(support)
    return kept, used, dropped
