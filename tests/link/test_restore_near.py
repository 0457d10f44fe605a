"""``Linker.restore_near``: a saved linker read as a stream, holding only the stored articles that can
meet the new ones, links the new articles exactly as the whole restored linker does (issue 22)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsift.config import PipelineSettings, Settings
from newsift.link.build import Linker, link_more
from newsift.model import Article, Position
from newsift.pipeline import relink
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore

START = datetime(2024, 5, 1, tzinfo=UTC)
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "bi", "du", "fa", "ge"]
ENTITIES = [f"entity-{k}" for k in range(200)]
FILLER = [
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "on",
    "for",
    "with",
    "that",
    "by",
    "from",
    "at",
    "as",
    "was",
    "is",
    "it",
]


def _words(rng: random.Random, n: int, topic: int) -> list[str]:
    return [f"{''.join(rng.choices(SYLLABLES, k=3))}{topic}" for _ in range(n)]


def _corpus(
    n: int, seed: int, everywhere: tuple[str, ...] = ()
) -> tuple[list[Article], dict[str, list[str]], dict[str, list[str]]]:
    """``n`` articles on 40 made-up topics (each a pool of words), an hour apart; every seventh an exact
    copy and every eleventh a near copy of an earlier one; entities and dyads drawn per topic."""
    rng = random.Random(seed)
    topics = [_words(rng, 30, t) for t in range(40)]
    articles: list[Article] = []
    entities: dict[str, list[str]] = {}
    dyads: dict[str, list[str]] = {}
    for i in range(n):
        when = START + timedelta(hours=i)
        if i % 7 == 6 and articles:
            body = articles[rng.randrange(len(articles))].body
        elif i % 11 == 10 and articles:
            words = articles[rng.randrange(len(articles))].body.split()
            body = " ".join([*words[:-3], *rng.choices(FILLER, k=3)])
        else:
            topic = rng.randrange(len(topics))
            body = " ".join(rng.choices(topics[topic], k=50) + rng.choices(FILLER, k=20)).capitalize() + "."
        article_id = f"a{seed}-{i:04d}"
        articles.append(
            Article(
                id=article_id,
                page_id=f"p{seed}-{i:04d}",
                position=Position.MAIN,
                index=0,
                title=" ".join(body.split()[:5]).title(),
                body=body,
                outlet=f"outlet {i % 6}",
                published_at=when,
                fetched_at=when,
            )
        )
        entities[article_id] = [
            *everywhere,
            *rng.sample(ENTITIES[5 * (i % 40) : 5 * (i % 40) + 5], k=rng.randint(0, 2)),
        ]
        if rng.random() < 0.2:
            dyads[article_id] = [f"AID:{'|'.join(sorted(rng.sample(ENTITIES[:10], k=2)))}"]
    return articles, entities, dyads


@pytest.mark.parametrize(
    "everywhere",
    [(), ("entity-everywhere",)],
    ids=["spread", "one-entity-in-every-article"],  # the second: a key with more postings than it keeps
)
def test_restore_near_links_new_articles_as_the_whole_restored_linker_does(
    everywhere: tuple[str, ...],
) -> None:
    articles, entities, dyads = _corpus(400, seed=1, everywhere=everywhere)
    names = {e: e.upper() for e in ENTITIES}
    stored, new = articles[:360], articles[360:]
    saved = Linker()
    link_more(saved, stored, entities, names, dyads)
    state, states = saved.state(), [saved.article_state(a) for a in saved.order]

    whole = Linker.restore(state, states)
    near = Linker.restore_near(
        state,
        lambda only: [s for s in states if only is None or s.id in only],
        new,
        entities,
        dyads,
        n_stored=len(states),
    )
    expected = link_more(whole, new, entities, names, dyads)
    found = link_more(near, new, entities, names, dyads)

    assert any(m.matched_id for m in expected.duplicates)  # the new batch does meet stored articles
    assert found == expected
    assert near.state() == whole.state() and near.n_articles == whole.n_articles == len(articles)
    assert [near.article_state(a.id) for a in new] == [whole.article_state(a.id) for a in new]
    for article in new:  # each new article's candidate list, in rank order: the same ids in the same order
        assert near.related._candidates(article.id) == whole.related._candidates(article.id)
    gained = whole.related.gained_candidates(expected.related)
    assert near.related.gained_candidates(found.related) == gained
    for article_id, new_ids in gained.items():
        kept = whole.related.related(article_id)
        assert near.related.merge(article_id, kept, new_ids) == whole.related.merge(article_id, kept, new_ids)
    assert len(near.order) < len(articles)  # it held fewer than the whole linker


def test_restore_near_holds_only_the_neighbourhood_of_a_small_batch() -> None:
    articles, entities, dyads = _corpus(400, seed=3)
    saved = Linker()
    link_more(saved, articles[:390], entities, {}, dyads)
    state, states = saved.state(), [saved.article_state(a) for a in saved.order]
    near = Linker.restore_near(
        state,
        lambda only: [s for s in states if only is None or s.id in only],
        articles[390:392],
        entities,
        dyads,
        n_stored=len(states),
    )
    assert len(near.order) < len(states) // 4


def test_restore_near_holds_nothing_for_articles_that_meet_none(tmp_path: Path) -> None:
    articles, entities, dyads = _corpus(200, seed=2)
    saved = Linker()
    link_more(saved, articles, entities, {}, dyads)
    state, states = saved.state(), [saved.article_state(a) for a in saved.order]
    stranger = Article(
        id="stranger",
        page_id="stranger",
        position=Position.MAIN,
        index=0,
        title="Quiet harbour",
        body="Nothing here shares a single word with the made-up topics above.",
        published_at=START,
    )
    near = Linker.restore_near(
        state,
        lambda only: [s for s in states if only is None or s.id in only],
        [stranger],
        n_stored=len(states),
    )
    live = {m.id for story in state.stories.live for m in story.members}
    assert set(near.order) <= live  # only members of live stories: the new one may join one
    assert near.n_articles == len(states)


@pytest.fixture
def chunked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relink, "_MAX_CHUNKS", 2)


def test_relink_folds_state_chunks_in_the_store_in_link_order(tmp_path: Path, chunked: None) -> None:
    """Past ``_MAX_CHUNKS`` incremental runs the saved states are folded into the first chunk by the
    store (none read back), keeping their order; the links equal those of a whole relink."""
    settings = Settings(pipeline=PipelineSettings(analyze=False))
    store = SqliteStore(tmp_path / "news.db")
    for day in range(5):
        path = tmp_path / f"day{day}.jsonl"
        lines = [
            f'{{"title": "Day {day} item {k}", "text": "Ferry {k} sailed on day {day} past the {k} cranes.",'
            f' "url": "https://example.org/{day}/{k}", "published": "2024-06-{day + 1:02d}T0{k}:00:00Z"}}'
            for k in range(3)
        ]
        path.write_text("\n".join(lines) + "\n")
        run_ingest([str(path)], store, settings)
    meta = relink._read_meta(store)
    assert meta is not None and len(meta.chunks) <= 2 and meta.n_articles == store.count_articles() == 15
    order = [row.key for chunk in meta.chunks for row in store.iter_links(chunk)]
    assert len(order) == len(set(order)) == 15
    assert order == sorted(order, key=lambda a: store.get_article(a).published_at)  # type: ignore[union-attr]
    links = {k: store.query_links(k) for k in ("story", "duplicate", "related")}
    relink.relink_store(store)
    assert {k: store.query_links(k) for k in links} == links


def test_store_iter_links_streams_a_kind_in_rank_order_across_pages(tmp_path: Path) -> None:
    from newsift.store import LinkRow

    store = SqliteStore(tmp_path / "news.db")
    rows = [LinkRow(key=f"k{i % 7}-{i}", record="{}", rank=i // 3) for i in range(50)]
    store.replace_links("x", rows)
    streamed = list(store.iter_links("x", page=4))
    assert streamed == sorted(rows, key=lambda r: (r.rank, r.key)) == store.query_links("x")
