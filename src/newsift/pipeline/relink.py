"""The link step over a whole store: recompute duplicates, stories, related articles and tags, and
read them back. The runner calls ``relink_articles`` after an ingest that stored something new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from newsift import codec
from newsift.link.build import ArticleState, Linker, LinkerState, Links, dyad_key, link_more, time_order
from newsift.model import DuplicateKind, DuplicateMatch, Event, Happening, Related, Story, Tag
from newsift.pipeline.story_shelf import StoreShelf, story_change
from newsift.store import LinkChange, LinkRow, PostingChange, Store, StoryChange, iter_articles

__all__ = [
    "Happening",
    "is_linked",
    "link_happenings",
    "link_pending",
    "load_duplicates",
    "load_happenings",
    "load_related",
    "load_stories",
    "load_tags",
    "relink_articles",
    "relink_store",
]


_STATE = "linkstate"  # link kind of the saved linker: a "meta" row, article rows in chunk kinds
_STALE = "happenings-stale"  # a row of kind _STATE: events were stored since the happenings were linked
_MAX_CHUNKS = 64  # article-state chunks (one per incremental run) before they are merged into one


@dataclass(frozen=True, slots=True, kw_only=True)
class _Meta:
    linker: LinkerState
    chunks: tuple[str, ...]
    n_articles: int
    posted: bool = False  # its postings are in the store (saved since issue 22, D4)
    shelved: bool = False  # its open stories are rows of their own (``link_stories``), not in this row


def relink_store(store: Store) -> Links:
    """Link every stored article and replace the stored link records with the result.

    Also saves the linker's state and postings, so ``relink_articles`` can add new articles to it later.
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
    postings = PostingChange(rows=_posting_rows(linker, linker.order, 0), replace=True)
    state = _state_changes(linker, _read_meta(store), linker.order, merge=True)
    store.write_links([*changes, postings, *state])
    return links


def relink_articles(store: Store, article_ids: Sequence[str], *, happenings: bool = True) -> Links:
    """Link newly stored articles against the saved state of the store's links, and update the links.

    Only the new articles are compared with the stored ones (through the saved postings and the states
    of the stored articles they name: ``Linker.restore_posted``); older articles gain a new article in
    their related lists when it ranks among their best. They leave the articles waiting to be linked.
    Falls back to ``relink_store`` when a store was linked before postings were saved, or holds articles
    neither linked nor waiting. New articles are taken in time order after everything already linked:
    when none is older than the stored ones, the result equals ``relink_store`` except for the tags of
    older articles, which keep the document frequencies of the run that linked them.

    What is read grows with the new articles, not with the store: their postings, at most 150 candidate
    states each, the related lists they may enter, the stories still open and the saved frequencies.
    With ``happenings=False`` the happenings (which read every event) are left for ``link_happenings``
    and marked stale when the new articles report events: the runner links them once per run.

    Returns:
        The links of the new articles, and the stories they changed (those open, and those closed now).
    """
    meta = _read_meta(store)
    _, n_pending = store.query_pending_links(limit=0)
    if meta is None and store.count_articles() == n_pending:  # nothing linked yet: start from nothing
        meta = _Meta(linker=Linker().state(), chunks=(), n_articles=0, posted=True, shelved=True)
    saved = meta is not None and meta.posted and meta.shelved  # postings and stories saved (D4)
    if meta is None or not saved or store.count_articles() != meta.n_articles + n_pending:
        return relink_store(store)  # never linked, linked before postings or stories were saved, or lost
    wanted = list(dict.fromkeys(article_ids))
    known = {row.key for row in store.query_link_rows(meta.chunks, keys=wanted)} if meta.chunks else set()
    articles = [a for a in (store.get_article(i) for i in wanted if i not in known) if a is not None]
    if not articles:
        store.write_links([PostingChange(linked=tuple(wanted))])
        if happenings:
            link_happenings(store)
        return Links(duplicates=(), stories=(), related={}, tags={})
    entities, names, dyads, facts = _annotations(store, [a.id for a in articles])
    linker = Linker.restore_posted(
        meta.linker,
        lambda keys, since, cap: store.query_postings(keys, since=since, cap=cap),
        lambda ids: _states(store, meta.chunks, ids),
        articles,
        entities,
        dyads,
        n_stored=meta.n_articles,
        shelf=StoreShelf(store),
    )
    links = link_more(linker, articles, entities, names, dyads, happenings=facts)
    changed, related = _updated_related(store, linker, links.related)
    added = [a.id for a in time_order(articles)]
    state = _state_changes(linker, meta, added, merge=False)
    dropped = next(c.dropped for c in state if isinstance(c, StoryChange))
    changes: list[LinkChange | PostingChange | StoryChange] = [
        LinkChange(kind="story", rows=tuple(_story_rows(links.stories)), keys=dropped),
        LinkChange(kind="duplicate", rows=tuple(_duplicate_rows(links.duplicates))),
        LinkChange(kind="related", rows=tuple(related), articles=tuple(changed)),
        LinkChange(kind="tags", rows=tuple(_tag_rows(links.tags))),
        PostingChange(rows=_posting_rows(linker, added, meta.n_articles), linked=tuple(wanted)),
        *state,
    ]
    stale = _is_stale(store) or bool(facts)
    if happenings and stale:
        changes.append(LinkChange(kind="happening", rows=tuple(_happenings(store)), replace=True))
    elif stale:  # written after the meta row, which replaces its kind
        changes.append(LinkChange(kind=_STATE, rows=(LinkRow(key=_STALE, record="true"),)))
    store.write_links(changes)  # all or nothing
    return links


def link_happenings(store: Store) -> bool:
    """Link the happenings again when batches linked with ``happenings=False`` added events since they
    were last linked; True when it did. Reads every stored event (once per run, not per batch)."""
    if not _is_stale(store):
        return False
    rows = tuple(_happenings(store))
    store.write_links(
        [LinkChange(kind="happening", rows=rows, replace=True), LinkChange(kind=_STATE, keys=(_STALE,))]
    )
    return True


def link_pending(store: Store, batch_size: int, *, whole_units_only: bool = False) -> int:
    """Link the stored articles waiting to be linked, in the order they were stored, ``batch_size`` at a
    time (``whole_units_only``: leave a last unit smaller than that to wait for more); the number linked.

    The units are cut from the one sequence of stored articles, not from the runner's batches (whose
    makeup depends on what was committed when a page was read), so a run stopped anywhere and run again
    links the same units as an uninterrupted run, and gives the same links."""
    done = 0
    while True:
        unit, n_pending = store.query_pending_links(limit=batch_size)
        if not unit or (whole_units_only and n_pending < batch_size):
            return done
        relink_articles(store, unit, happenings=False)
        done += len(unit)


def _states(store: Store, chunks: Sequence[str], article_ids: Collection[str]) -> Iterator[ArticleState]:
    """The saved states of some articles (any order)."""
    if not chunks or not article_ids:
        return
    for row in store.query_link_rows(chunks, keys=sorted(article_ids)):
        yield codec.decode(row.record, ArticleState, source="links")


def _posting_rows(linker: Linker, added: Sequence[str], first: int) -> tuple[tuple[str, int, str], ...]:
    """The postings of the articles ``added`` (in link order, from link position ``first``)."""
    return tuple(
        (key, first + i, article_id)
        for i, article_id in enumerate(added)
        for key in linker.posting_keys(article_id)
    )


def _is_stale(store: Store) -> bool:
    return bool(store.query_links(_STATE, key=_STALE))


def is_linked(store: Store) -> bool:
    """True when the saved links cover every stored article and its events: false after a run stopped
    (killed, or a link error) between storing its articles and linking them, so the next run knows to
    link."""
    meta = _read_meta(store)
    _, n_pending = store.query_pending_links(limit=0)
    n_linked = meta.n_articles if meta is not None else 0
    return n_pending == 0 and store.count_articles() == n_linked and not _is_stale(store)


def _annotations(
    store: Store, article_ids: Sequence[str]
) -> tuple[dict[str, list[str]], dict[str, str], dict[str, list[str]], dict[str, tuple[str, ...]]]:
    """Entity ids (most mentioned first), entity names, event dyads and happening keys of the articles."""
    from newsift.link.story_facts import happening_keys

    entities: dict[str, list[str]] = {}
    for article_id in article_ids:
        counts = Counter(m.entity_id for m in store.query_mentions(article_id) if m.entity_id)
        entities[article_id] = [e for e, _ in counts.most_common()]
    names = store.query_entity_names(sorted({e for ids in entities.values() for e in ids}))
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
    stored: dict[str, list[LinkRow]] = {}
    for row in store.query_link_rows(["related"], article_ids=sorted(gained)):
        stored.setdefault(row.article_id or "", []).append(row)
    rows, changed = _related_rows(new), list(new)
    for article_id, new_ids in gained.items():
        old = stored.get(article_id, [])
        kept = [codec.decode(r.record, Related, source="links") for r in old]
        merged = _related_rows({article_id: linker.related.merge(article_id, kept, new_ids, k)})
        if merged != old:
            changed.append(article_id)
            rows.extend(merged)
    return changed, rows


def _story_rows(stories: Iterable[Story]) -> list[LinkRow]:
    """Story rows ranked by size (rank, then key: largest first, then by id), so a run writes only the
    stories it changed."""
    return [LinkRow(key=s.id, record=_json(s), rank=-len(s.article_ids)) for s in stories]


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
) -> list[LinkChange | StoryChange]:
    """The changes that save the linker: its article states in a new chunk kind, or all in one when
    merging, its open stories on their shelf (``link_stories``), and the meta row naming the chunks
    (written with the links, in their transaction)."""
    old = meta.chunks if meta is not None else ()
    chunks: tuple[str, ...]
    changes: list[LinkChange | StoryChange] = []
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
    stories, shelved = linker.stories.shelve()
    record = _Meta(
        linker=replace(linker.state(), stories=stories),
        chunks=chunks,
        n_articles=linker.n_articles,
        posted=True,
        shelved=True,
    )
    return [
        *changes,
        story_change(shelved),
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
