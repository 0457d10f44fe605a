"""The records every stage exchanges: frozen, slotted dataclasses with stand-off annotations.

Stdlib imports only and no I/O. Offsets are half-open ``start``/``end`` character positions into
``Article.text``, which never changes once built.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "DUPLICATES_EXTRACTOR",
    "RELATED_EXTRACTOR",
    "TAGS_EXTRACTOR",
    "Actor",
    "Analysis",
    "AnnotatedArticle",
    "Article",
    "Claim",
    "ClaimStatus",
    "ContentType",
    "Dateline",
    "DuplicateKind",
    "DuplicateMatch",
    "Entity",
    "EntityKind",
    "Event",
    "EventMode",
    "EventTime",
    "Evidence",
    "Failure",
    "Happening",
    "Mention",
    "Page",
    "PloverType",
    "Position",
    "Quote",
    "QuoteKind",
    "RawDocument",
    "Rejected",
    "Related",
    "RelatedReason",
    "Removed",
    "Resolution",
    "RunRecord",
    "RunReport",
    "Sentence",
    "SpeakerKind",
    "Story",
    "Tag",
    "Token",
    "Value",
    "content_hash",
    "make_id",
    "merge_entity",
]


def make_id(*parts: str, length: int = 16) -> str:
    """A deterministic id: the first ``length`` hex digits of the SHA-256 of the joined parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:length]


def content_hash(text: str) -> str:
    """Hash of whitespace- and case-normalised text, used for idempotent ingest and exact duplicates.

    Equal to ``make_id(" ".join(text.split()).casefold(), length=32)``, computed a slice at a time
    (cut at whitespace), so a 50 MB text never becomes a list of its millions of words.
    """
    digest = hashlib.sha256()
    separator = ""
    for words in _word_runs(text):
        digest.update((separator + words).casefold().encode("utf-8", "surrogatepass"))
        separator = " "
    return digest.hexdigest()[:32]


_SLICE = 1 << 20
_SPACE = re.compile(r"\s")


def _word_runs(text: str) -> Iterator[str]:
    """The text's words joined by single spaces, in runs of about ``_SLICE`` characters."""
    start, size = 0, len(text)
    while start < size:
        end = start + _SLICE
        if end < size:  # never cut a word: go on to the next space (\s is exactly str.isspace)
            found = _SPACE.search(text, end)
            end = found.start() if found else size
        words = " ".join(text[start:end].split())
        if words:
            yield words
        start = end


class ContentType(enum.StrEnum):
    """Formats the ingest stage recognises; the aggregator shape is decided from decoded text."""

    HTML = "text/html"
    TEXT = "text/plain"
    FEED = "application/feed+xml"
    JSONL = "application/jsonl"
    WARC = "application/warc"


class Position(enum.StrEnum):
    MAIN = "main"
    RELATED = "related"


class EntityKind(enum.StrEnum):
    COUNTRY = "country"
    ORGANISATION = "organisation"
    COMPANY = "company"
    PERSON = "person"
    WEAPON_SYSTEM = "weapon_system"
    PROGRAMME = "programme"
    MILITARY_UNIT = "military_unit"
    PLACE = "place"
    OPERATION = "operation"
    OUTLET = "outlet"
    EVENT = "event"


class Resolution(enum.StrEnum):
    EXACT = "exact"
    ALIAS = "alias"
    DEMONYM = "demonym"
    METONYM = "metonym"
    COREFERENCE = "coreference"
    NER = "ner"


class QuoteKind(enum.StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class SpeakerKind(enum.StrEnum):
    """Who a quote's source is: a named person or organisation, or one that is not a speaker of
    its own (an anonymous source, a news outlet relaying it, a document)."""

    PERSON = "person"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"
    MEDIA = "media"
    DOCUMENT = "document"


class ClaimStatus(enum.StrEnum):
    ASSERTED = "asserted"
    ATTRIBUTED = "attributed"
    ALLEGED = "alleged"
    DENIED = "denied"
    SPECULATED = "speculated"
    CONFIRMED = "confirmed"
    PLANNED = "planned"


class PloverType(enum.StrEnum):
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"
    STATEMENT = "STATEMENT"


class EventMode(enum.StrEnum):
    """PLOVER's mode, plus the aspect the text gives (done, ongoing, planned, expected)."""

    MILITARY = "military"
    ECONOMIC = "economic"
    DIPLOMATIC = "diplomatic"
    VERBAL = "verbal"
    OTHER = "other"


# --- ingest and clean -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One input as read: bytes or text, where it came from and when."""

    uri: str
    content: bytes
    content_type: str
    fetched_at: datetime
    encoding: str | None = None
    url: str | None = None

    @property
    def id(self) -> str:
        """Content-derived: the same bytes are the same page wherever they were read from."""
        return make_id(hashlib.sha256(self.content).hexdigest())


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """What the store keeps of an input once its articles are out: identity, origin, type and time."""

    id: str
    uri: str
    content_type: str
    fetched_at: datetime

    @classmethod
    def of(cls, raw: RawDocument) -> Page:
        return cls(id=raw.id, uri=raw.uri, content_type=raw.content_type, fetched_at=raw.fetched_at)


@dataclass(frozen=True, slots=True, kw_only=True)
class Removed:
    """A piece of the page that cleaning dropped, and why (kept for audit)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Dateline:
    """'Drass (Kargil), Jul 26 (PTI)': place, date as written, and the wire credit."""

    text: str
    place: str | None = None
    date_text: str | None = None
    wire: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One clean article. ``text`` (title, standfirst, body) is what annotations point into."""

    id: str
    page_id: str
    position: Position
    index: int
    title: str
    body: str
    uri: str = ""
    url: str | None = None
    source: str | None = None
    outlet: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    editor: str | None = None
    wire: str | None = None
    wire_slug: str | None = None
    dateline: Dateline | None = None
    published_text: str | None = None
    published_at: datetime | None = None
    published_earliest_at: datetime | None = None
    published_latest_at: datetime | None = None
    fetched_at: datetime | None = None
    headings: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    language: str = "en"
    extractor: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(part for part in (self.title, self.standfirst, self.body) if part)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for p in self.body.split("\n\n") if p.strip())

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """An expected non-result: not an article, too short, duplicate. Not an error."""

    item_id: str
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An error the runner recorded instead of raising (``on_error="record"``)."""

    item_id: str
    stage: str
    error_type: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RunReport:
    """Counts of what a run did, which the CLI prints and turns into an exit code."""

    n_inputs: int = 0
    n_articles: int = 0
    n_stored: int = 0
    n_unchanged: int = 0
    failures: tuple[Failure, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    article_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRecord:
    """One ``runs`` row: when a run started and ended, the hash of its resolved settings, its report."""

    id: str
    started_at: datetime
    finished_at: datetime
    settings_hash: str
    report: str  # the RunReport as JSON (codec)


# --- nlp --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical entity: countries use ISO 3166 alpha-3 ids, everything else a slug."""

    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One token of ``Article.text`` with its parse: ``head`` is the index of the head token."""

    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sentence: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A span of ``Article.text`` that refers to an entity (or an unresolved named thing)."""

    article_id: str
    start: int
    end: int
    text: str
    entity_id: str | None
    label: str
    resolution: Resolution
    role: str | None = None
    sentence: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnotatedArticle:
    article: Article
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    extractor: str = ""

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.article.text[sentence.start : sentence.end]


# --- facts ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Where a fact came from: the article, the sentence, the span and the sentence's exact text."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    id: str
    article_id: str
    speaker_id: str | None
    speaker_text: str | None
    text: str
    start: int
    end: int
    kind: QuoteKind
    evidence: Evidence
    affiliation: str | None = None
    cue: str | None = None
    addressee: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    extractor: str = ""
    confidence: float = 1.0
    speaker_kind: SpeakerKind | None = None
    speaks_for: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """One side of an event: an entity (when resolved), its country code and sector."""

    text: str
    id: str | None = None
    code: str | None = None
    sector: str | None = None
    inferred: bool = False  # named by the article, not by the event's own sentence
    inferred_from: int | None = None  # the sentence index that names it, when inferred


@dataclass(frozen=True, slots=True, kw_only=True)
class EventTime:
    """When an event happened, as stated: ``value`` is ISO ('2023', '2023-05', '2023-05-04'),
    ``precision`` year, month or day; ``source`` 'text' when the sentence states it, 'report' when
    it is only the report's date (a marked fallback)."""

    text: str | None
    value: str
    precision: str
    source: str = "text"


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    amount: float
    currency: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    type: PloverType
    mode: EventMode
    evidence: Evidence
    subtype: str | None = None
    trigger: str | None = None
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    participants: tuple[Actor, ...] = ()
    item: str | None = None
    quantity: int | None = None
    value: Value | None = None
    programme: str | None = None
    place: str | None = None
    time_text: str | None = None
    year: int | None = None
    aspect: str | None = None
    status: ClaimStatus = ClaimStatus.ASSERTED
    extractor: str = ""
    confidence: float = 1.0
    time: EventTime | None = None
    status_cue: str | None = None  # the words that set ``status`` ('reportedly', 'denied')
    status_by: tuple[str, ...] = ()  # who denies or alleges it (entity ids or outlet names)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    id: str
    status: ClaimStatus
    evidence: Evidence
    cue: str | None = None
    asserted_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    alleged_by: tuple[str, ...] = ()
    event_id: str | None = None
    extractor: str = ""
    confidence: float = 1.0
    hedges: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """Everything the pipeline learned about one article: its annotations and its facts."""

    annotated: AnnotatedArticle
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def article(self) -> Article:
        return self.annotated.article


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A cluster of articles about one happening; ``label`` is its most central title.

    The id is derived from the story's first article, so it stays stable as articles join.
    """

    id: str
    label: str
    article_ids: tuple[str, ...]
    first_at: datetime | None = None
    last_at: datetime | None = None
    extractor: str = ""


# --- link records ---------------------------------------------------------------------------------

RELATED_EXTRACTOR = "link.related.v1"
DUPLICATES_EXTRACTOR = "link.minhash.v1"
TAGS_EXTRACTOR = "link.keyphrases.v2"


class RelatedReason(enum.StrEnum):
    """Why one article is related to another (``Related.reasons``)."""

    SAME_STORY = "same_story"
    SAME_DYAD = "same_dyad_and_event_type"
    SHARED_ENTITIES = "shared_entities"
    TEXT_SIMILARITY = "text_similarity"


@dataclass(frozen=True, slots=True, kw_only=True)
class Related:
    """``related_id`` is near ``article_id``; ``reasons`` say why, strongest evidence first."""

    article_id: str
    related_id: str
    score: float
    reasons: tuple[RelatedReason, ...]
    shared_entities: tuple[str, ...] = ()
    shared_dyads: tuple[str, ...] = ()
    text_similarity: float = 0.0
    extractor: str = RELATED_EXTRACTOR


class DuplicateKind(enum.StrEnum):
    UNIQUE = "unique"
    EXACT = "exact"
    NEAR = "near"
    SYNDICATED = "syndicated"


@dataclass(frozen=True, slots=True, kw_only=True)
class DuplicateMatch:
    """What the duplicate index decided for one article: the group it joined and why.

    ``group_id`` is the id of the group's first article; ``origin`` is "wire:<key>" for wire copies, else
    "group:<group_id>".
    """

    article_id: str
    group_id: str
    kind: DuplicateKind
    origin: str
    matched_id: str | None = None
    similarity: float = 0.0
    extractor: str = DUPLICATES_EXTRACTOR


@dataclass(frozen=True, slots=True, kw_only=True)
class Tag:
    """One tag: ``kind`` is "entity" (a canonical name given by the caller) or "keyphrase"."""

    text: str
    kind: str
    score: float
    extractor: str = TAGS_EXTRACTOR


@dataclass(frozen=True, slots=True, kw_only=True)
class Happening:
    """One happening: the event mentions (in one or many articles) that report it."""

    id: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]


def merge_entity(known: Entity, new: Entity) -> Entity:
    """One record of an entity seen twice: the rule wherever entities meet (an analysis of many
    articles, a store adding an article).

    ``known`` keeps its id, kind and name; its country wins, else ``new``'s; aliases are the sorted
    union (the same record whatever order the articles come in); attributes keep first-seen order
    (each is a key-value pair whose order the reader shows).
    """
    return Entity(
        id=known.id,
        kind=known.kind,
        name=known.name,
        aliases=tuple(sorted(set(known.aliases) | set(new.aliases))),
        country=known.country or new.country,
        attributes=tuple(dict.fromkeys(known.attributes + new.attributes)),
    )
