"""Optional LLM phrasing of an answer (OpenAI-compatible chat completions), from the retrieved sentences
only; each sentence of its reply must be supported by a cited sentence, or it is dropped and counted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

import httpx

from newsift.brief.passages import extract_query_terms
from newsift.brief.records import Answer, Citation
from newsift.link.text import split_sentence_spans
from newsift.llm_client import LlmSettings, fetch_completion

__all__ = ["LlmSettings", "is_supported", "phrase_answer"]

logger = logging.getLogger(__name__)

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
    reply = fetch_completion(_messages(answer.question, answer.citations), settings, client=client)
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
