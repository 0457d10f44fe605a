"""The Python API: a ``Workspace`` over one store with the CLI's verbs, and ``analyze`` for the pure path.

Results are typed records in a ``Records`` sequence that converts to pandas or Arrow with the columns of
the CSV/Parquet exports. An adapter like the CLI: no pipeline logic and no SQL here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from newsift.brief.records import Answer, Brief, FactRow
from newsift.config import Settings, load_settings
from newsift.exports.files import arrow_table, require_module
from newsift.exports.tables import (
    TABLES,
    ArticleLookup,
    Table,
    article_row,
    claim_row,
    entity_names,
    entity_row,
    event_row,
    parse_columns,
    quote_row,
    story_row,
)
from newsift.model import (
    Analysis,
    Article,
    Claim,
    ContentType,
    Entity,
    Event,
    Quote,
    RawDocument,
    RunReport,
    Story,
)
from newsift.store import SearchHit, Store, open_store
from newsift.views import collect_entities, render_analysis_json

__all__ = ["Analyzed", "Records", "Workspace", "analyze", "fact_records"]

T = TypeVar("T")
Row = dict[str, Any]

SEARCH_TABLE = Table("search", parse_columns("id title outlet published_at snippet rank:float"))
FACT_TABLE = Table(
    "facts",
    parse_columns(
        "kind text status statuses type subtype year:int n_reports:int n_outlets:int outlets "
        "has_denial:bool denied_by asserted_by alleged_by first_seen_at last_seen_at article_ids sentence"
    ),
)


class Records(Sequence[T], Generic[T]):
    """Typed records (``Event``, ``Claim``, ...) in order, convertible to a DataFrame or an Arrow table.

    ``rows()`` gives the flat rows of the matching export table; an empty result keeps its columns.
    """

    def __init__(self, items: Sequence[T], table: Table, row: Callable[[T], Row]) -> None:
        self._items = tuple(items)
        self.table = table
        self._row = row

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Records[T]: ...

    def __getitem__(self, index: int | slice) -> T | Records[T]:
        if isinstance(index, slice):
            return Records(self._items[index], self.table, self._row)
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"<Records {self.table.name}: {len(self._items)}>"

    def rows(self) -> list[Row]:
        """One flat dict per record, with the table's columns."""
        return [self._row(item) for item in self._items]

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (nullable ``Int64`` for integer columns).

        Raises:
            ConfigError: pandas is not installed.
        """
        pandas = require_module("pandas", "dev")
        frame = pandas.DataFrame.from_records(self.rows(), columns=self.table.names)
        dtypes = {"int": "Int64", "float": "float64", "bool": "boolean", "str": "object"}
        return frame.astype({c.name: dtypes[c.type] for c in self.table.columns})

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with typed columns.

        Raises:
            ConfigError: pyarrow is not installed.
        """
        return arrow_table(self.table, self.rows())


def _search_row(hit: SearchHit) -> Row:
    published = hit.article.published_at
    return {
        "id": hit.article.id,
        "title": hit.article.title,
        "outlet": hit.article.outlet,
        "published_at": published.isoformat() if published else None,
        "snippet": hit.snippet,
        "rank": hit.rank,
    }


def _fact_row(fact: FactRow) -> Row:
    def join(values: Sequence[str]) -> str:
        return "; ".join(values)

    return {
        "kind": fact.kind,
        "text": fact.text,
        "status": fact.status,
        "statuses": join(fact.statuses),
        "type": fact.type,
        "subtype": fact.subtype,
        "year": fact.year,
        "n_reports": fact.n_reports,
        "n_outlets": fact.n_outlets,
        "outlets": join(fact.outlets),
        "has_denial": fact.has_denial,
        "denied_by": join(fact.denied_by),
        "asserted_by": join(fact.asserted_by),
        "alleged_by": join(fact.alleged_by),
        "first_seen_at": fact.first_seen_at.isoformat() if fact.first_seen_at else None,
        "last_seen_at": fact.last_seen_at.isoformat() if fact.last_seen_at else None,
        "article_ids": join(list(dict.fromkeys(c.article_id for c in fact.citations))),
        "sentence": fact.citations[0].sentence if fact.citations else None,
    }


def fact_records(facts: Sequence[FactRow]) -> Records[FactRow]:
    """The facts of a ``Brief`` or an ``Answer`` as ``Records`` (one row per happening or claim)."""
    return Records(facts, FACT_TABLE, _fact_row)


class Workspace:
    """One store (a SQLite path or a ``postgresql://`` URL) and the verbs of the CLI over it.

    Example:
        >>> ws = Workspace("news.db")
        >>> ws.ingest("examples/")
        >>> ws.events(subtype="arms_transfer").to_pandas()
    """

    def __init__(self, db: str | Path = "newsift.db", *, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.db = str(db)
        self._store: Store = open_store(self.db)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({self.db!r})"

    def close(self) -> None:
        self._store.close()

    @property
    def store(self) -> Store:
        """The underlying store, for queries the workspace does not wrap."""
        return self._store

    def ingest(self, *inputs: str | Path, fetched_at: datetime | None = None) -> RunReport:
        """Read, split, analyse and store files, folders or URLs; failures are in the report."""
        from newsift.pipeline.runner import run_ingest

        return run_ingest([str(i) for i in inputs], self._store, self.settings, fetched_at=fetched_at)

    def articles(self, *, outlet: str | None = None, limit: int = 10**9, offset: int = 0) -> Records[Article]:
        """Stored articles, newest first (``outlet`` as printed or as its id)."""
        from newsift.clean.outlets import normalize_outlet

        outlet = (normalize_outlet(outlet) or outlet) if outlet else None  # "ThePrint" finds "theprint"
        found = self._store.query_articles(limit=limit, offset=offset, outlet=outlet)
        return Records(found, TABLES["articles"], article_row)

    def article(self, article_id: str) -> Article | None:
        """One article by id (or a unique prefix), or None."""
        return self._store.get_article(article_id)

    def entities(self, *, kind: str | None = None, limit: int = 10**9) -> Records[Entity]:
        """Canonical entities by mention count (the ``mentions`` column)."""
        found = self._store.query_entities(kind=kind, limit=limit)
        counts = {e.id: n for e, n in found}
        return Records([e for e, _ in found], TABLES["entities"], lambda e: entity_row(e, counts.get(e.id)))

    def events(
        self,
        *,
        type: str | None = None,
        subtype: str | None = None,
        actor: str | None = None,
        article_id: str | None = None,
    ) -> Records[Event]:
        """Events, filtered by PLOVER type, defence subtype, actor (country code or entity id), article."""
        found = self._store.query_events(article_id=article_id, type_=type, subtype=subtype, actor=actor)
        return self._events(found)

    def _events(self, found: Sequence[Event]) -> Records[Event]:
        articles = ArticleLookup(self._store)
        return Records(found, TABLES["events"], lambda e: event_row(e, articles.get(e.evidence.article_id)))

    def claims(self, *, status: str | None = None, article_id: str | None = None) -> Records[Claim]:
        """Claims with their status (asserted, attributed, alleged, denied, speculated, confirmed)."""
        found = self._store.query_claims(article_id=article_id, status=status)
        return Records(found, TABLES["claims"], claim_row)

    def quotes(self, *, speaker: str | None = None, article_id: str | None = None) -> Records[Quote]:
        """Quotes with speakers (canonical name in the ``speaker`` column), cues and kinds."""
        names = entity_names(self._store)
        found = self._store.query_quotes(article_id=article_id, speaker=speaker)
        return Records(found, TABLES["quotes"], lambda q: quote_row(q, names))

    def stories(self) -> Records[Story]:
        """Stories (clusters of articles about one happening), largest first."""
        from newsift.pipeline.relink import load_stories

        return Records(load_stories(self._store), TABLES["stories"], story_row)

    def search(self, query: str, *, limit: int = 20) -> Records[SearchHit]:
        """Full-text search over titles and bodies, best first."""
        return Records(self._store.search(query, limit=limit), SEARCH_TABLE, _search_row)

    def dyad(self, first: str, second: str, *, as_of: datetime | None = None) -> Records[Event]:
        """Events between two actors (ISO3 codes or entity ids), in either direction."""
        from newsift.brief.dyad import query_dyad_events

        return self._events(query_dyad_events(self._store, _actor(first), _actor(second), as_of=as_of))

    def brief(
        self,
        article_id: str | None = None,
        *,
        dyad: tuple[str, str] | None = None,
        entity: str | None = None,
        as_of: datetime | None = None,
    ) -> Brief:
        """A cited brief of one article, a dyad or an entity (``fact_records(brief.facts)`` for a frame).

        Raises:
            ValueError: not exactly one of ``article_id``, ``dyad`` and ``entity`` is given.
            InputError: no such article or entity.
        """
        from newsift.brief.article import build_article_brief
        from newsift.brief.dyad import build_dyad_brief
        from newsift.brief.entity import build_entity_brief

        if sum(x is not None for x in (article_id, dyad, entity)) != 1:
            raise ValueError("give one of article_id, dyad=(a, b) or entity=name")
        if dyad is not None:
            return build_dyad_brief(self._store, _actor(dyad[0]), _actor(dyad[1]), as_of=as_of)
        if entity is not None:
            return build_entity_brief(self._store, entity)
        return build_article_brief(self._store, str(article_id))

    def ask(self, question: str, *, limit: int = 3) -> Answer:
        """An answer from the stored sources only, with citations (``text`` is None when there is none)."""
        from newsift.brief.ask import answer_question

        return answer_question(self._store, question, limit=limit)


def _actor(value: str) -> str:
    """Country codes in any case (``tur`` → ``TUR``); entity ids as given."""
    return value.upper() if len(value) == 3 and value.isalpha() else value


@dataclass(frozen=True, slots=True)
class Analyzed:
    """What ``analyze`` found in one input, nothing stored; ``to_json()`` is the ``analyze --json`` view."""

    analyses: tuple[Analysis, ...]

    @property
    def articles(self) -> Records[Article]:
        return Records([a.article for a in self.analyses], TABLES["articles"], article_row)

    @property
    def entities(self) -> Records[Entity]:
        found, counts = collect_entities(list(self.analyses))
        ordered = sorted(found.values(), key=lambda e: (-counts.get(e.id, 0), e.name))
        return Records(ordered, TABLES["entities"], lambda e: entity_row(e, counts.get(e.id, 0)))

    @property
    def events(self) -> Records[Event]:
        articles = {a.article.id: a.article for a in self.analyses}
        events = [e for a in self.analyses for e in a.events]
        return Records(events, TABLES["events"], lambda e: event_row(e, articles.get(e.evidence.article_id)))

    @property
    def claims(self) -> Records[Claim]:
        return Records([c for a in self.analyses for c in a.claims], TABLES["claims"], claim_row)

    @property
    def quotes(self) -> Records[Quote]:
        names = {e.id: e.name for a in self.analyses for e in a.annotated.entities}
        found = [q for a in self.analyses for q in a.quotes]
        return Records(found, TABLES["quotes"], lambda q: quote_row(q, names))

    def to_json(self) -> dict[str, Any]:
        return render_analysis_json(list(self.analyses))


def analyze(path_or_text: str | Path, *, settings: Settings | None = None) -> Analyzed:
    """The whole chain on one input, nothing stored: a file path, an http(s) URL, or the page text itself.

    Raises:
        InputError: the input cannot be read, or holds no article.
    """
    from newsift.pipeline.steps import analyze_articles, analyze_input, clean_document

    settings = settings or load_settings()
    item = str(path_or_text)
    if isinstance(path_or_text, Path) or item.startswith(("http://", "https://")) or _is_file(item):
        return Analyzed(tuple(analyze_input(item, settings)))
    kind = ContentType.HTML if item.lstrip()[:1] == "<" else ContentType.TEXT
    raw = RawDocument(
        uri="text:", content=item.encode("utf-8"), content_type=kind, fetched_at=datetime.now(UTC)
    )
    return Analyzed(tuple(analyze_articles(clean_document(raw).articles, settings)))


def _is_file(item: str) -> bool:
    if "\n" in item or len(item) > 4096:
        return False
    try:
        return Path(item).is_file()
    except OSError:
        return False
