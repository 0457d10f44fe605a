"""The records of briefs and answers: every line cites the article and the sentence it rests on.

Plain frozen dataclasses, no I/O. ``FactRow.text`` is rendered from stored records, never written freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Answer", "Brief", "Citation", "FactRow", "QuoteRow", "SentenceRow", "SourceRow"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """A sentence of a stored article: ``sentence`` is a verbatim slice of that article's text."""

    article_id: str
    sentence: str
    sentence_index: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FactRow:
    """One happening (an event cluster) or one claim, rolled up over every article that reports it."""

    kind: str  # "event" or "claim"
    text: str
    status: str
    statuses: tuple[str, ...]
    citations: tuple[Citation, ...]
    type: str | None = None
    subtype: str | None = None
    year: int | None = None
    n_reports: int = 1
    n_outlets: int = 1
    outlets: tuple[str, ...] = ()
    has_denial: bool = False
    denied_by: tuple[str, ...] = ()
    asserted_by: tuple[str, ...] = ()
    alleged_by: tuple[str, ...] = ()
    first_seen_at: datetime | None = None
    last_seen_at: datetime | None = None
    record_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteRow:
    speaker: str | None
    text: str
    kind: str
    citation: Citation
    cue: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceRow:
    """A sentence quoted verbatim (summaries, passages); ``text == citation.sentence``."""

    text: str
    citation: Citation
    score: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRow:
    article_id: str
    title: str
    outlet: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """A brief over an article, a dyad or an entity, built from stored records only."""

    kind: str  # "article", "dyad" or "entity"
    subject: str
    subject_ids: tuple[str, ...]
    facts: tuple[FactRow, ...] = ()
    claims: tuple[FactRow, ...] = ()
    quotes: tuple[QuoteRow, ...] = ()
    summary: tuple[SentenceRow, ...] = ()
    key_facts: str = ""  # one line of the article's main events and claims, rendered from their fields
    sources: tuple[SourceRow, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[tuple[str, str, str], ...] = ()  # (article id, title, reasons)
    as_of: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """An answer to a question: ``text`` is None when the sources hold no answer."""

    question: str
    text: str | None
    citations: tuple[Citation, ...] = ()
    facts: tuple[FactRow, ...] = ()
    passages: tuple[SentenceRow, ...] = ()
    method: str = "none"  # "records", "quotes", "passages", "none"; "+llm" appended when phrased
    n_unsupported: int = 0
    phrased_by: str | None = None
