"""The response schemas of the JSON API: what each route answers, key by key, for the OpenAPI document.

Documentation only: the routes return the data functions' dicts as they are (nothing is validated or
dropped on the way out); ``contract.py`` puts these schemas on the routes, and the contract tests check
every answer of a live server against them, with no undocumented key. Keys that are always sent are
required (their value may be null where the type says so).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsift.model import (
    ClaimStatus,
    EntityKind,
    EventMode,
    PloverType,
    Position,
    QuoteKind,
    Resolution,
    SpeakerKind,
)

__all__ = [
    "Answer",
    "ArticleDetail",
    "ArticleList",
    "Brief",
    "ClaimPage",
    "CommentList",
    "CommentOut",
    "Deleted",
    "DyadPage",
    "EntityList",
    "EntityPage",
    "EventPage",
    "Health",
    "IngestResult",
    "QuotePage",
    "Relationships",
    "SearchPage",
    "StoryList",
    "WatchList",
]

_ISO = "ISO 8601 date-time"


class _Out(BaseModel):
    """A JSON object of a response."""

    model_config = ConfigDict(frozen=True)


def _nothing_required(schema: dict[str, Any]) -> None:
    schema.pop("required", None)


class Health(_Out):
    """The server is up; how many articles its store holds."""

    status: str
    articles: int


# --- articles ---------------------------------------------------------------------------------


class Dateline(_Out):
    text: str
    place: str | None
    date_text: str | None
    wire: str | None


class RemovedPiece(_Out):
    """A piece of the page that cleaning dropped, and why."""

    text: str
    reason: str


class _ArticleKeys(_Out):
    id: str
    page_id: str
    position: Position
    index: int
    title: str
    body: str = Field(description="The article body (paragraphs split by blank lines).")
    uri: str
    url: str | None
    source: str | None
    outlet: str | None
    standfirst: str | None
    authors: list[str]
    editor: str | None
    wire: str | None
    wire_slug: str | None
    dateline: Dateline | None
    published_text: str | None
    published_at: str | None = Field(description=_ISO)
    published_earliest_at: str | None = Field(description=_ISO)
    published_latest_at: str | None = Field(description=_ISO)
    fetched_at: str | None = Field(description=_ISO)
    headings: list[str]
    removed: list[RemovedPiece]
    language: str
    extractor: str
    published: str | None = Field(description="published_at again (older clients read this key).")


_TEXT = "Title, standfirst and body joined by blank lines: what every offset points into."


class ArticleListItem(_ArticleKeys):
    """An article in a list: every key but ``text`` by default; with ``fields=``, only the keys named."""

    model_config = ConfigDict(json_schema_extra=_nothing_required)
    text: str = Field(description=_TEXT + " Only when fields= names it.")


class _Paged(_Out):
    """A page of a list read with keyset cursors."""

    next: str | None = Field(
        default=None, description="Cursor of the next page (pass as after=); null at the end."
    )
    after: str | None = Field(default=None, description="The cursor this page was read after.")


class ArticleList(_Paged):
    items: list[ArticleListItem]
    total: int
    limit: int
    offset: int


class ArticleSummary(_Out):
    """The short form of an article in lists of other things: no text."""

    id: str
    title: str
    outlet: str | None
    source: str | None
    position: Position
    published: str | None = Field(description=_ISO)
    published_text: str | None
    url: str | None


class SearchHit(ArticleSummary):
    snippet: str | None = Field(description="Matching words in [brackets], plain text.")
    snippet_html: str | None = Field(description="The snippet as escaped HTML, matches in <mark>.")


class SearchPage(_Paged):
    items: list[SearchHit]
    total: int
    limit: int
    offset: int


# --- entities, quotes, events, claims (the records) ----------------------------------------------


class Entity(_Out):
    id: str
    kind: EntityKind
    name: str
    country: str | None
    aliases: list[str]
    mentions: int
    attributes: dict[str, list[str]]


class EntityList(_Paged):
    items: list[Entity]
    limit: int
    offset: int


class Evidence(_Out):
    """The sentence a record rests on; ``start``/``end`` are offsets into the article's text."""

    article_id: str
    sentence: str
    sentence_index: int
    start: int
    end: int


class Quote(_Out):
    id: str
    speaker: str | None
    speaker_id: str | None
    speaker_text: str | None
    speaker_kind: SpeakerKind | None
    speaks_for: str | None
    affiliation: str | None
    cue: str | None
    addressee: str | None
    text: str
    kind: QuoteKind
    article_id: str
    start: int
    end: int
    evidence: Evidence
    extractor: str


class Actor(_Out):
    id: str | None
    code: str | None
    text: str
    sector: str | None
    inferred: bool = Field(default=False, description="Sent (true) only when the article names it.")
    inferred_from: int | None = Field(default=None, description="Sent with inferred: the naming sentence.")


class Money(_Out):
    amount: float
    currency: str
    text: str


class EventTime(_Out):
    """When the event happened (or, with ``source: report``, when it was reported)."""

    text: str | None
    value: str | None
    precision: str
    source: str


class Event(_Out):
    id: str
    type: PloverType
    mode: EventMode
    subtype: str | None
    trigger: str | None
    source: list[Actor]
    target: list[Actor]
    participants: list[Actor]
    item: str | None
    quantity: int | None
    value: Money | None
    programme: str | None
    place: str | None
    time_text: str | None
    year: int | None
    time: EventTime | None
    aspect: str | None
    status: ClaimStatus
    status_cue: str | None
    status_by: list[str]
    evidence: Evidence
    extractor: str
    confidence: float


class Claim(_Out):
    id: str
    status: ClaimStatus
    cue: str | None
    asserted_by: list[str]
    denied_by: list[str]
    alleged_by: list[str]
    hedges: list[str]
    event_id: str | None
    evidence: Evidence
    extractor: str


class Span(_Out):
    start: int
    end: int


class ArticleClaim(Claim):
    span: Span = Field(description="The claim's sentence in the article text (where the page marks it).")


class Mention(_Out):
    start: int
    end: int
    text: str
    entity_id: str | None
    label: str | None
    resolution: Resolution
    sentence: int


class SummarySentence(_Out):
    sentence_index: int
    start: int
    end: int
    text: str


class SentenceSpan(_Out):
    index: int
    start: int
    end: int


class Tag(_Out):
    text: str
    kind: str


class RelatedArticle(_Out):
    id: str
    title: str | None
    score: float
    reasons: list[str]
    shared_entities: list[str]
    text_similarity: float


class CommentOut(_Out):
    """An analyst's note on an article, or on one of its claims."""

    id: str
    article_id: str
    claim_id: str | None
    user: str
    body: str
    created_at: str = Field(description=_ISO)


class CommentList(_Out):
    items: list[CommentOut]


class Deleted(_Out):
    deleted: str = Field(description="The comment's id.")
    article_id: str


class ArticleDetail(_ArticleKeys):
    """One article with every layer: entities, mentions, quotes, events, claims, links and comments."""

    text: str = Field(description=_TEXT)
    entities: list[Entity]
    mentions: list[Mention]
    quotes: list[Quote]
    events: list[Event]
    claims: list[ArticleClaim]
    summary: list[SummarySentence]
    sentences: list[SentenceSpan]
    tags: list[Tag]
    related: list[RelatedArticle]
    comments: list[CommentOut]


# --- fact tables: claims, events, quotes -------------------------------------------------------


class FactArticle(_Out):
    """The article a row comes from; ``date`` is its report date."""

    id: str
    title: str | None
    outlet: str | None
    date: str | None


class Party(_Out):
    """A claim holder: an entity (``id`` set) or the words as given."""

    id: str | None
    name: str


class EventBrief(_Out):
    id: str
    type: PloverType
    subtype: str | None
    source: list[Actor]
    target: list[Actor]
    participants: list[Actor]
    item: str | None


_OUTLETS = (
    "How many independent outlets report the happening behind this row (store/corroboration.py): "
    "the outlets of every stored event with the same type, subtype, item, year and actors by role; "
    "1 for a claim without an event. The -corroboration sort orders by it."
)


class ClaimRow(Claim):
    article: FactArticle
    href: str = Field(description="The article page at the sentence.")
    parties: dict[str, list[Party]] = Field(description="asserted_by, denied_by, alleged_by.")
    event: EventBrief | None
    time: EventTime
    n_outlets: int = Field(ge=1, description=_OUTLETS)


class EventRow(Event):
    time: EventTime
    article: FactArticle
    href: str = Field(description="The article page at the sentence.")
    n_outlets: int = Field(ge=1, description=_OUTLETS)


class QuoteRow(Quote):
    article: FactArticle
    href: str = Field(description="The article page at the sentence.")


class FacetCount(_Out):
    value: str
    count: int
    label: str | None = Field(
        default=None, description="The entity's name (actor and speaker facets), when known."
    )


class _FactPage(_Paged):
    kind: str
    total: int
    limit: int
    offset: int
    sort: str
    filters: dict[str, str] = Field(description="The filters applied, as given.")
    facets: dict[str, list[FacetCount]] = Field(description="Counts per value of each facet.")


class ClaimPage(_FactPage):
    items: list[ClaimRow]


class EventPage(_FactPage):
    items: list[EventRow]


class QuotePage(_FactPage):
    items: list[QuoteRow]


# --- entities, dyads, relationships, stories ---------------------------------------------------


class PeriodCount(_Out):
    period: str
    count: int


class Named(_Out):
    id: str
    name: str


class Pair(_Out):
    first: Named
    second: Named
    n_events: int
    n_claims: int
    n_denied: int
    href: str


class EntityPage(Entity):
    """An entity: mentions over time, articles, events (as actor or item), counterparts, quotes."""

    mentions_over_time: list[PeriodCount]
    n_articles: int
    articles: list[ArticleSummary]
    events: list[EventRow]
    n_events: int
    counterparts: list[Pair]
    quotes_by: list[QuoteRow]
    quotes_about: list[QuoteRow]


class DyadActor(_Out):
    id: str
    name: str
    kind: EntityKind | None


class DyadEvent(EventRow):
    date: str | None = Field(description="The report date.")
    outlet: str | None


class TimelineCount(PeriodCount):
    source: str = Field(description="text: dated by the event's own words; report: by its report.")


class StatusRollup(_Out):
    n_claims: int
    n_outlets: int
    first_seen: str | None


class Rollup(_Out):
    n_claims: int
    n_outlets: int
    has_denial: bool
    by_status: dict[str, StatusRollup]


class Neighbour(_Out):
    id: str
    n_events: int


class DyadPage(_Out):
    """Everything between two actors."""

    actors: list[DyadActor]
    events: list[DyadEvent] = Field(description="The events by their own time (at most 500).")
    n_events: int = Field(description="Every event of the dyad, listed or not.")
    timeline: list[TimelineCount]
    by_type: dict[str, int]
    claims: list[ClaimRow]
    rollup: Rollup
    quotes: list[QuoteRow]
    neighbours: list[Neighbour]


class MatrixCell(_Out):
    id: str
    n_events: int


class MatrixRow(Named):
    cells: list[MatrixCell]


class Relationships(_Out):
    items: list[Pair]
    actors: list[Named]
    matrix: list[MatrixRow]


class StoryArticle(_Out):
    id: str
    title: str | None


class Story(_Out):
    id: str
    label: str
    n_articles: int
    first_at: str | None = Field(description=_ISO)
    last_at: str | None = Field(description=_ISO)
    articles: list[StoryArticle]


class StoryList(_Paged):
    items: list[Story]
    total: int
    limit: int
    offset: int


# --- briefs, answers, watches ------------------------------------------------------------------


class Citation(_Out):
    article_id: str
    sentence: str = Field(description="A verbatim sentence of the article.")
    sentence_index: int | None


class BriefFact(_Out):
    """One event or claim, rolled up over every report of it."""

    kind: str
    text: str
    type: str | None
    subtype: str | None
    year: int | None
    status: str
    statuses: list[str]
    n_reports: int
    n_outlets: int
    outlets: list[str]
    has_denial: bool
    denied_by: list[str]
    asserted_by: list[str]
    alleged_by: list[str]
    first_seen_at: str | None = Field(description=_ISO)
    last_seen_at: str | None = Field(description=_ISO)
    record_ids: list[str]
    citations: list[Citation]


class BriefQuote(_Out):
    speaker: str | None
    affiliation: str | None
    cue: str | None
    kind: str
    text: str
    citation: Citation


class BriefSentence(_Out):
    text: str
    score: float
    citation: Citation


class BriefSource(_Out):
    article_id: str
    title: str
    outlet: str | None
    published_at: str | None = Field(description=_ISO)


class BriefRelated(_Out):
    id: str
    title: str
    reasons: str


_TITLES = "Article id -> title, for every cited article."


class Brief(_Out):
    """A brief of an article, a dyad or an entity: every line carries its citation."""

    kind: str
    subject: str
    subject_ids: list[str]
    as_of: str | None = Field(description=_ISO)
    counts: dict[str, int]
    facts: list[BriefFact]
    claims: list[BriefFact]
    quotes: list[BriefQuote]
    summary: list[BriefSentence]
    key_facts: str
    sources: list[BriefSource]
    tags: list[str]
    related: list[BriefRelated]
    titles: dict[str, str] = Field(description=_TITLES)


class Answer(_Out):
    """An answer (null when the sources hold none) with its citations."""

    question: str
    answer: str | None
    citations: list[Citation]
    facts: list[BriefFact]
    passages: list[BriefSentence]
    method: str
    n_unsupported: int
    phrased_by: str | None
    titles: dict[str, str] = Field(description=_TITLES)


class Watch(_Out):
    id: str
    filter: dict[str, Any] = Field(description="What the watch matches: dyad, actor, type, subtype, status.")
    webhook: str | None = Field(description="Only the webhook's host (its path may hold a secret).")
    created_at: str = Field(description=_ISO)
    checked_at: str | None = Field(description=_ISO)
    owner: str | None = Field(
        default=None, description="The user who made it in the web UI (absent for a CLI watch)."
    )
    name: str | None = Field(default=None, description="Its name in the web UI (absent for a CLI watch).")
    matches: list[BriefFact]


class WatchList(_Out):
    items: list[Watch]
    titles: dict[str, str] = Field(description=_TITLES)


# --- ingest ------------------------------------------------------------------------------------


class Failure(_Out):
    item_id: str
    stage: str
    error_type: str
    message: str


class Rejection(_Out):
    item_id: str
    reason: str
    detail: str


class RunReport(_Out):
    n_inputs: int
    n_articles: int
    n_stored: int
    n_unchanged: int
    failures: list[Failure]
    rejected: list[Rejection]
    article_ids: list[str]


class IngestResult(_Out):
    user: str = Field(description="The token's user.")
    report: RunReport
