"""The link step over a whole store: recompute duplicates, stories, related articles and tags, and
read them back. The runner calls ``relink_articles`` after an ingest that stored something new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from newsift import codec
from newsift.link.build import ArticleState, Linker, LinkerState, Links, dyad_key, link_more, time_order
from newsift.model import DuplicateKind, DuplicateMatch, Event, Happening, Related, Story, Tag
from newsift.store import LinkChange, LinkRow, Store, iter_articles

__all__ = [
    "Happening",
    "is_linked",
    "load_duplicates",
    "load_happenings",
    "load_related",
    "load_stories",
    "load_tags",
    "relink_articles",
    "relink_store",
]


_STATE = "linkstate"  # link kind of the saved linker: a "meta" row, article rows in chunk kinds
_MAX_CHUNKS = 64  # article-state chunks (one per incremental run) before they are merged into one


@dataclass(frozen=True, slots=True, kw_only=True)
class _Meta:
    linker: LinkerState
    chunks: tuple[str, ...]
    n_articles: int


def relink_store(store: Store) -> Links:
    """Link every stored article and replace the stored link records with the result.

    Also saves the linker's state, so ``relink_articles`` can add new articles to it later.
    """
    articles = list(iter_articles(store))
    linker = Linker()
    entities, names, dyads, happenings = _annotations(store, [a.id for a in articles])
    links = link_more(linker, articles, entities, names, dyads, happenings=happenings)
    replaced = {
        "story": _story_rows(links.stories),
        "duplicate": _duplicate_rows(links.duplicates),
        "related": _related_rows(links.related),
        "tags": _tag_rows(links.tags),
        "happening": _happenings(store),
    }
    changes = [LinkChange(kind=kind, rows=tuple(rows), replace=True) for kind, rows in replaced.items()]
    store.write_links([*changes, *_state_changes(linker, _read_meta(store), linker.order, merge=True)])
    return links


def relink_articles(store: Store, article_ids: Sequence[str]) -> Links:
    """Link newly stored articles against the saved state of the store's links, and update the links.

    Only the new articles are compared with the stored ones (through the saved term postings and
    signatures); older articles gain a new article in their related lists when it ranks among their
    best. Falls back to ``relink_store`` when no state is saved or the state misses stored articles.
    New articles are taken in time order after everything already linked: when none is older than
    the stored ones, the result equals ``relink_store`` except for the tags of older articles, which
    keep the document frequencies of the run that linked them.

    The saved linker is read as a stream and only the stored articles that can meet a new one are
    held (``Linker.restore_near``): the run's memory grows with the new articles, not with the store.

    Returns:
        The links of the new articles (and the stories as they are now).
    """
    meta = _read_meta(store)
    if meta is None:
        return relink_store(store)
    wanted = list(dict.fromkeys(article_ids))
    candidates = [a for a in (store.get_article(i) for i in wanted) if a is not None]
    entities, names, dyads, happenings = _annotations(store, [a.id for a in candidates])
    tally = _Tally(set(wanted))
    linker = Linker.restore_near(
        meta.linker,
        lambda only: tally.count(store, meta.chunks, only),
        candidates,
        entities,
        dyads,
        n_stored=meta.n_articles,
    )
    new_ids = [a for a in wanted if a not in tally.known]
    if meta.n_articles != tally.n or store.count_articles() != tally.n + len(new_ids):
        return relink_store(store)
    articles = [a for a in candidates if a.id not in tally.known]
    if tally.known:  # some were linked already: choose again for the rest alone
        states = _Tally(set())
        linker = Linker.restore_near(
            meta.linker,
            lambda only: states.count(store, meta.chunks, only),
            articles,
            entities,
            dyads,
            n_stored=meta.n_articles,
        )
    links = link_more(linker, articles, entities, names, dyads, happenings=happenings)
    live_before = {story.id for story in meta.linker.stories.live}
    closed = [
        codec.decode(r.record, Story, source="links")
        for r in store.query_links("story")
        if r.key not in live_before
    ]
    stories = sorted([*closed, *links.stories], key=lambda s: (-len(s.article_ids), s.id))
    changed, related = _updated_related(store, linker, links.related)
    changes = [
        LinkChange(kind="story", rows=tuple(_story_rows(stories)), replace=True),
        LinkChange(kind="duplicate", rows=tuple(_duplicate_rows(links.duplicates))),
        LinkChange(kind="related", rows=tuple(related), articles=tuple(changed)),
        LinkChange(kind="tags", rows=tuple(_tag_rows(links.tags))),
        LinkChange(kind="happening", rows=tuple(_happenings(store)), replace=True),
    ]
    added = [a.id for a in time_order(articles)]
    store.write_links([*changes, *_state_changes(linker, meta, added, merge=False)])  # all or nothing
    return links


class _Tally:
    """Counts the saved article states as they stream by, and notes which of ``wanted`` are among them."""

    def __init__(self, wanted: set[str]) -> None:
        self.wanted = wanted
        self.known: set[str] = set()
        self.n = 0

    def count(
        self, store: Store, chunks: Sequence[str], only: Container[str] | None = None
    ) -> Iterator[ArticleState]:
        """The saved states as they stream by (those of ``only``, the rest not even decoded); each read
        counts them all afresh (``restore_near`` reads twice)."""
        self.n = 0
        for chunk in chunks:
            for row in store.iter_links(chunk):
                self.n += 1
                if row.key in self.wanted:
                    self.known.add(row.key)
                if only is None or row.key in only:
                    yield codec.decode(row.record, ArticleState, source="links")


def is_linked(store: Store) -> bool:
    """True when the saved links cover every stored article: false after a run stopped (killed, or a
    link error) between storing its articles and linking them, so the next run knows to link."""
    meta = _read_meta(store)
    return store.count_articles() == (meta.n_articles if meta is not None else 0)


def _annotations(
    store: Store, article_ids: Sequence[str]
) -> tuple[dict[str, list[str]], dict[str, str], dict[str, list[str]], dict[str, tuple[str, ...]]]:
    """Entity ids (most mentioned first), entity names, event dyads and happening keys of the articles."""
    from newsift.link.story_facts import happening_keys

    entities: dict[str, list[str]] = {}
    for article_id in article_ids:
        counts = Counter(m.entity_id for m in store.query_mentions(article_id) if m.entity_id)
        entities[article_id] = [e for e, _ in counts.most_common()]
    names = {e.id: e.name for e, _ in store.query_entities(limit=1_000_000)}
    wanted = set(article_ids)
    events = (
        store.query_events()
        if len(wanted) > 200
        else [e for a in article_ids for e in store.query_events(article_id=a)]
    )
    dyads: dict[str, set[str]] = {}
    by_article: dict[str, list[Event]] = {}
    for event in events:
        if event.evidence.article_id not in wanted:
            continue
        by_article.setdefault(event.evidence.article_id, []).append(event)
        for a in event.source:
            for b in event.target:
                if a.code and b.code and a.code != b.code:
                    dyads.setdefault(event.evidence.article_id, set()).add(
                        dyad_key(event.type, a.code, b.code)
                    )
    happenings = {a: happening_keys(e) for a, e in by_article.items()}
    return entities, names, {k: sorted(v) for k, v in dyads.items()}, happenings


def _updated_related(
    store: Store, linker: Linker, new: Mapping[str, tuple[Related, ...]], k: int = 5
) -> tuple[list[str], list[LinkRow]]:
    """The articles whose related lists change (the new ones, and each older one whose list a new
    article now enters) and their rows: only those lists are written, not the whole kind."""
    gained = {a: ids for a, ids in linker.related.gained_candidates(new).items() if a not in new}
    stored = _stored_related(store, list(gained))
    rows, changed = _related_rows(new), list(new)
    for article_id, new_ids in gained.items():
        old = stored.get(article_id, [])
        kept = [codec.decode(r.record, Related, source="links") for r in old]
        merged = _related_rows({article_id: linker.related.merge(article_id, kept, new_ids, k)})
        if merged != old:
            changed.append(article_id)
            rows.extend(merged)
    return changed, rows


def _stored_related(store: Store, article_ids: Sequence[str]) -> dict[str, list[LinkRow]]:
    """The stored related rows of some articles, by article, best first (one query when they are many)."""
    wanted = set(article_ids)
    rows = (
        store.query_links("related")
        if len(wanted) > 200
        else [r for a in article_ids for r in store.query_links("related", article_id=a)]
    )
    found: dict[str, list[LinkRow]] = {}
    for row in rows:
        if row.article_id in wanted:
            found.setdefault(row.article_id, []).append(row)
    return found


def _story_rows(stories: Iterable[Story]) -> list[LinkRow]:
    return [LinkRow(key=s.id, record=_json(s), rank=i) for i, s in enumerate(stories)]


def _duplicate_rows(matches: Iterable[DuplicateMatch]) -> list[LinkRow]:
    return [LinkRow(key=d.article_id, article_id=d.article_id, record=_json(d)) for d in matches]


def _related_rows(related: Mapping[str, tuple[Related, ...]]) -> list[LinkRow]:
    return [
        LinkRow(key=f"{r.article_id}:{r.related_id}", article_id=r.article_id, rank=i, record=_json(r))
        for rows in related.values()
        for i, r in enumerate(rows)
    ]


def _tag_rows(tags: Mapping[str, tuple[Tag, ...]]) -> list[LinkRow]:
    return [LinkRow(key=a, article_id=a, record=_json(list(t))) for a, t in tags.items()]


def _read_meta(store: Store) -> _Meta | None:
    rows = store.query_links(_STATE, key="meta")
    return codec.decode(rows[0].record, _Meta, source="links") if rows else None


def _state_changes(
    linker: Linker, meta: _Meta | None, added: Sequence[str], *, merge: bool
) -> list[LinkChange]:
    """The changes that save the linker: its article states in a new chunk kind, or all in one when
    merging, and the meta row naming the chunks (written with the links, in their transaction)."""
    old = meta.chunks if meta is not None else ()
    chunks: tuple[str, ...]
    changes = []
    if merge:
        added, chunks = linker.order, (f"{_STATE}:0",)
        changes = [LinkChange(kind=chunk, replace=True) for chunk in old]
    else:
        chunks = (*old, f"{_STATE}:{int(old[-1].rsplit(':', 1)[1]) + 1 if old else 0}")
    rows = tuple(
        LinkRow(key=a, article_id=a, rank=i, record=_json(linker.article_state(a)))
        for i, a in enumerate(added)
    )
    changes.append(LinkChange(kind=chunks[-1], rows=rows, replace=True))
    if len(chunks) > _MAX_CHUNKS:  # folded into the first chunk in the store, none of it read here
        changes.append(LinkChange(kind=chunks[0], absorb=chunks[1:]))
        chunks = chunks[:1]
    record = _Meta(linker=linker.state(), chunks=chunks, n_articles=linker.n_articles)
    return [
        *changes,
        LinkChange(kind=_STATE, rows=(LinkRow(key="meta", record=_json(record)),), replace=True),
    ]


def _happenings(store: Store) -> list[LinkRow]:
    """Event mentions across articles that report one happening (same type, actors, compatible facts)."""
    from newsift.link.happenings import link_events

    rows: list[LinkRow] = []
    for cluster in link_events(tuple(store.query_events())):
        record = Happening(
            id=cluster.id, event_ids=tuple(e.id for e in cluster.events), article_ids=cluster.article_ids
        )
        rows.extend(
            LinkRow(key=e.id, article_id=e.evidence.article_id, record=_json(record)) for e in cluster.events
        )
    return rows


def load_happenings(store: Store) -> dict[str, list[str]]:
    """Event id -> the ids of every event mention of the same happening (itself included)."""
    found: dict[str, list[str]] = {}
    for row in store.query_links("happening"):
        found[row.key] = list(codec.decode(row.record, Happening, source="links").event_ids)
    return found


def load_stories(store: Store) -> list[Story]:
    """Stories, largest first."""
    return [codec.decode(row.record, Story, source="links") for row in store.query_links("story")]


def load_duplicates(store: Store) -> list[tuple[str, list[DuplicateMatch]]]:
    """Groups of two or more copies: (group id, its matches, origin first)."""
    groups: dict[str, list[DuplicateMatch]] = {}
    for row in store.query_links("duplicate"):
        match = codec.decode(row.record, DuplicateMatch, source="links")
        groups.setdefault(match.group_id, []).append(match)
    found = [(g, sorted(m, key=lambda x: x.kind != DuplicateKind.UNIQUE)) for g, m in groups.items()]
    return sorted((g for g in found if len(g[1]) > 1), key=lambda g: (-len(g[1]), g[0]))


def load_related(store: Store, article_id: str) -> list[Related]:
    return [
        codec.decode(r.record, Related, source="links")
        for r in store.query_links("related", article_id=article_id)
    ]


def load_tags(store: Store, article_id: str) -> list[Tag]:
    rows = store.query_links("tags", article_id=article_id)
    return codec.decode(rows[0].record, list[Tag], source="links") if rows else []


def _json(record: object) -> str:
    return codec.encode(record).decode()
