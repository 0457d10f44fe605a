from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    ContentType,
    Entity,
    EntityKind,
    Event,
    EventMode,
    Evidence,
    Mention,
    PloverType,
    Position,
    Quote,
    QuoteKind,
    RawDocument,
    Resolution,
    Sentence,
)
from newsift.store import LinkRow, SqliteStore

WHEN = datetime(2025, 7, 26, 12, tzinfo=UTC)


def _page(content: bytes, uri: str = "page.txt") -> RawDocument:
    return RawDocument(uri=uri, content=content, content_type=ContentType.TEXT, fetched_at=WHEN)


def _article(page: RawDocument, index: int, title: str, body: str) -> Article:
    return Article(
        id=f"{page.id}-{index}",
        page_id=page.id,
        position=Position.MAIN if index == 0 else Position.RELATED,
        index=index,
        title=title,
        body=body,
        outlet="theprint",
        fetched_at=WHEN,
    )


def _analysis(article: Article) -> Analysis:
    text = article.text
    start = text.index("Turkey")
    evidence = Evidence(article_id=article.id, sentence=0, start=0, end=len(text), text=text)
    mention = Mention(
        article_id=article.id,
        start=start,
        end=start + 6,
        text="Turkey",
        entity_id="TUR",
        label="GPE",
        resolution=Resolution.EXACT,
    )
    return Analysis(
        annotated=AnnotatedArticle(
            article=article,
            sentences=(Sentence(article_id=article.id, index=0, start=0, end=len(text)),),
            mentions=(mention,),
            entities=(Entity(id="TUR", kind=EntityKind.COUNTRY, name="Turkey", aliases=("Türkiye",)),),
        ),
        quotes=(
            Quote(
                id="q1",
                article_id=article.id,
                speaker_id="person:a",
                speaker_text="A",
                text="x",
                start=0,
                end=1,
                kind=QuoteKind.DIRECT,
                evidence=evidence,
            ),
        ),
        events=(
            Event(
                id="e1",
                type=PloverType.AID,
                mode=EventMode.MILITARY,
                evidence=evidence,
                subtype="upgrade",
                source=(Actor(text="Turkey", id="TUR", code="TUR"),),
                target=(Actor(text="Pakistan", id="PAK", code="PAK"),),
            ),
        ),
        claims=(Claim(id="c1", status=ClaimStatus.DENIED, evidence=evidence, event_id="e1"),),
    )


def test_sqlite_store_round_trips_articles(store: SqliteStore) -> None:
    page = _page(b"one")
    articles = [
        _article(page, 0, "Turkey upgrades F-16s", "Body about the F-16 upgrade."),
        _article(page, 1, "Related", "Another body."),
    ]
    result = store.store_batch([(page, articles)])
    assert result.n_stored == 2
    assert store.get_article(articles[0].id) == articles[0]
    assert store.get_article(articles[1].id[:20]) == articles[1]
    assert store.count_articles() == 2


def test_sqlite_store_filters_articles_by_language(store: SqliteStore) -> None:
    from dataclasses import replace

    page = _page(b"two languages")
    english = _article(page, 0, "Ferry fares rise", "Fares on the island ferry rise in May.")
    french = replace(
        _article(page, 1, "Le prix du ferry augmente", "Les tarifs augmentent en mai."), language="fr"
    )
    store.store_batch([(page, [english, french])])
    assert [a.id for a in store.query_articles(language="fr")] == [french.id]
    assert [a.id for a in store.query_articles(language="en", outlet="theprint")] == [english.id]
    assert store.query_articles(language="tr") == []
    assert store.get_article(french.id) == french
    assert [hit.article.id for hit in store.search("tarifs")] == [french.id]


def test_sqlite_store_is_idempotent_by_content(store: SqliteStore) -> None:
    page = _page(b"same bytes", "a.txt")
    store.store_batch([(page, [_article(page, 0, "T", "B")])])
    again = _page(b"same bytes", "elsewhere/b.txt")
    result = store.store_batch([(again, [_article(again, 0, "T", "B")])])
    assert (result.n_stored, result.n_unchanged) == (0, 1)
    assert store.count_articles() == 1


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("F-16 upgrade", True),
        ("upgrade", True),
        ("submarine", False),
        ('"; DROP TABLE articles; --', False),
        ("NEAR(OR AND", False),
        ("", False),
    ],
    ids=["phrase", "word", "absent", "injection", "fts-syntax", "empty"],
)
def test_sqlite_store_search_treats_query_as_words(store: SqliteStore, query: str, found: bool) -> None:
    page = _page(b"p")
    store.store_batch(
        [(page, [_article(page, 0, "Turkey upgrades F-16s", "The F-16 upgrade cost $75 million.")])]
    )
    hits = store.search(query)
    assert bool(hits) is found
    assert store.count_articles() == 1


def test_sqlite_store_keeps_analysis_layers(store: SqliteStore) -> None:
    page = _page(b"p")
    article = _article(page, 0, "Turkey and Pakistan", "Turkey upgraded jets.")
    store.store_batch([(page, [article])], {article.id: _analysis(article)})
    assert [(e.id, n) for e, n in store.query_entities()] == [("TUR", 1)]
    assert store.query_mentions(article.id)[0].entity_id == "TUR"
    assert [q.id for q in store.query_quotes(speaker="person:a")] == ["q1"]
    assert [e.id for e in store.query_events(actor="PAK")] == ["e1"]
    assert store.query_events(actor="IND") == []
    assert [c.status for c in store.query_claims(status="denied")] == [ClaimStatus.DENIED]


def test_sqlite_store_merges_entity_aliases_across_articles(store: SqliteStore) -> None:
    first, second = _page(b"1"), _page(b"2")
    a1, a2 = _article(first, 0, "Turkey", "Turkey x."), _article(second, 0, "Turkey", "Turkey y.")
    store.store_batch([(first, [a1])], {a1.id: _analysis(a1)})
    analysis = _analysis(a2)
    entity = Entity(id="TUR", kind=EntityKind.COUNTRY, name="Turkey", aliases=("Turkiye",))
    annotated = AnnotatedArticle(
        article=a2,
        sentences=analysis.annotated.sentences,
        mentions=analysis.annotated.mentions,
        entities=(entity,),
    )
    store.store_batch([(second, [a2])], {a2.id: Analysis(annotated=annotated)})
    ((merged, count),) = store.query_entities()
    assert set(merged.aliases) == {"Türkiye", "Turkiye"}
    assert count == 2


def test_sqlite_store_failed_batch_stores_nothing(store: SqliteStore) -> None:
    page = _page(b"p")
    good = _article(page, 0, "T", "B")
    clash = _article(page, 1, "T2", "B2")
    bad_page = _page(b"q")
    # the same page id twice inside one batch violates the primary key: the whole batch rolls back
    from newsift.errors import StoreError

    with pytest.raises(StoreError, match="batch not stored"):
        store._conn.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON articles WHEN NEW.title = 'T2' "
            "BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
        store.store_batch([(page, [good, clash]), (bad_page, [])])
    assert store.count_articles() == 0
    assert not store.has_page(page.id)


def _store_fact_article(store: SqliteStore) -> None:
    from dataclasses import replace

    page = _page(b"Turkey upgrades submarines for Pakistan.", uri="facts.txt")
    article = _article(page, 0, "Upgrade", "Turkey upgrades submarines for Pakistan, a report Ankara denied.")
    analysis = _analysis(article)
    event = replace(analysis.events[0], year=2018, item="Agosta 90B")
    store.store_batch([(page, [article])], {article.id: replace(analysis, events=(event,))})


def test_sqlite_store_facts_filter_count_facet_and_page(store: SqliteStore) -> None:
    from newsift.store.facts import FactFilters

    _store_fact_article(store)
    denied = store.query_fact_page("claims", FactFilters(status="denied", dyad=("TUR", "PAK")))
    assert denied.total == 1 and denied.facets["status"] == [("denied", 1)]
    assert denied.rows[0].event_time == "2018" and denied.rows[0].outlet == "theprint"
    assert store.query_fact_page("claims", FactFilters(status="asserted")).total == 0
    assert store.query_fact_page("events", FactFilters(subtype="strike")).total == 0
    in_2018 = FactFilters(event_since="2018", event_until="2018-12")
    assert store.query_fact_page("events", in_2018).total == 1
    assert store.query_fact_page("events", FactFilters(event_since="2019")).total == 0
    assert store.query_fact_page("events", FactFilters(report_until="2020")).total == 0
    as_item = FactFilters(entity="agosta-90b", entity_names=("agosta 90b",))
    assert store.query_fact_page("events", as_item).total == 1
    assert store.query_fact_page("quotes", FactFilters(speaker="person:a")).total == 1
    assert store.query_fact_page("events", FactFilters(), limit=1, offset=1).rows == []


def test_sqlite_store_facts_top_dyads_and_counterparts(store: SqliteStore) -> None:
    _store_fact_article(store)
    (pair,) = store.query_top_dyads()
    assert (pair.first, pair.second, pair.n_events, pair.n_claims, pair.n_denied) == ("PAK", "TUR", 1, 1, 1)
    assert [c.second for c in store.query_counterparts("TUR")] == ["PAK"]


def test_sqlite_store_facts_read_the_event_time_before_the_year(store: SqliteStore) -> None:
    from dataclasses import replace

    from newsift.model import EventTime
    from newsift.store.facts import FactFilters

    page = _page(b"Turkey upgrades submarines for Pakistan.", uri="times.txt")
    article = _article(page, 0, "Upgrade", "Turkey upgrades submarines for Pakistan, a report Ankara denied.")
    analysis = _analysis(article)
    stated = replace(
        analysis.events[0], year=2018, time=EventTime(text="July 2018", value="2018-07", precision="month")
    )
    reported = replace(
        analysis.events[0],
        id="e2",
        time=EventTime(text=None, value="2025-05-02", precision="day", source="report"),
    )
    store.store_batch([(page, [article])], {article.id: replace(analysis, events=(stated, reported))})
    rows = store.query_fact_page("events", FactFilters(), sort="event_time").rows
    assert [(r.event_time, r.event_precision) for r in rows] == [("2018-07", "month"), (None, "day")]
    assert (
        store.query_fact_page("events", FactFilters(event_since="2018-07", event_until="2018-07")).total == 1
    )
    assert store.query_fact_page("events", FactFilters(event_since="2025")).total == 0


# --- the tables of the web, watches and polling: the same calls on both stores (test_postgres reruns) ---


def test_sqlite_store_accounts_sessions_and_tokens(store: SqliteStore) -> None:
    accounts = store.accounts
    assert accounts.insert_user("ana", "hash-1", "2025-07-01T00:00:00+00:00")
    assert not accounts.insert_user("ana", "hash-2", "2025-07-02T00:00:00+00:00")  # the name is taken
    assert accounts.password_hash("ana") == "hash-1" and accounts.password_hash("nobody") is None
    accounts.insert_session("s-digest", "ana", "2025-07-01T00:00:00+00:00", "2025-07-15T00:00:00+00:00")
    assert accounts.session("s-digest") == ("ana", "2025-07-15T00:00:00+00:00")
    assert accounts.set_password_hash("ana", "hash-3") and not accounts.set_password_hash("nobody", "h")
    assert accounts.session("s-digest") is None  # a new password ends the sessions
    accounts.insert_token("f" * 64, "ana", "notebook", "2025-07-01T00:00:00+00:00")
    assert accounts.use_token("f" * 64, "2025-07-03T00:00:00+00:00") == "ana"
    assert accounts.use_token("0" * 64, "2025-07-03T00:00:00+00:00") is None
    (token,) = accounts.tokens("ana")
    assert (token.id, token.label, token.last_used_at) == ("f" * 12, "notebook", "2025-07-03T00:00:00+00:00")
    (user,) = accounts.users()
    assert (user.name, user.n_tokens, user.n_comments) == ("ana", 1, 0)
    accounts.delete_token("f" * 12)
    assert accounts.tokens() == []
    accounts.delete_user("ana")
    assert not accounts.has_user("ana") and accounts.users() == []


def test_sqlite_store_comments_and_watches(store: SqliteStore) -> None:
    _store_fact_article(store)
    (article,) = store.query_articles()
    store.accounts.insert_user("ben", "hash", "2025-07-01T00:00:00+00:00")
    assert store.comments.is_claim_of("c1", article.id) and not store.comments.is_claim_of("c1", "other")
    row = ("k1", article.id, "c1", "ben", "A note.", "2025-07-02T00:00:00+00:00")
    store.comments.insert(row)
    assert store.comments.of_article(article.id) == [row] and store.comments.every() == [row]
    assert store.comments.owner("k1") == ("ben", article.id) and store.comments.owner("k2") is None
    assert not store.comments.delete("k1", "someone else") and store.comments.delete("k1", "ben")
    assert store.comments.every() == []
    store.watches.add("w1", '{"actor":"TUR"}', "2025-07-01T00:00:00+00:00", ["e1", "c1", "e1"])
    assert store.watches.seen("w1") == {"e1", "c1"}
    store.watches.record_check("w1", ["e2"], "2025-07-05T00:00:00+00:00")
    assert store.watches.every() == [
        ("w1", '{"actor":"TUR"}', "2025-07-01T00:00:00+00:00", "2025-07-05T00:00:00+00:00")
    ]
    assert store.watches.seen("w1") == {"e1", "c1", "e2"}


def test_sqlite_store_poll_state_keeps_the_last_change(store: SqliteStore) -> None:
    url = "https://feeds.example/news.xml"
    assert store.poll_state.load(url) is None
    values = {"last_modified": None, "content_hash": "h1", "status": 200}
    store.poll_state.save(url, etag='"a"', checked_at="t1", changed_at="t1", **values)
    store.poll_state.save(url, etag='"b"', checked_at="t2", changed_at=None, **values)
    assert store.poll_state.load(url) == {"etag": '"b"', "last_modified": None, "content_hash": "h1"}
    store.poll_state.mark_seen(url, ["x", "y", "x"], "t2")
    store.poll_state.mark_seen(url, ["y", "z"], "t3")
    assert store.poll_state.seen(url) == {"x", "y", "z"}


def test_sqlite_store_web_search_filters_marks_and_pages(store: SqliteStore) -> None:
    from newsift.store.web_queries import MARK_END, MARK_START, SearchFilters

    _store_fact_article(store)
    page = _page(b"second", uri="second.txt")
    store.store_batch([(page, [_article(page, 0, "Harbour", "A harbour board approved new berths.")])])
    hits, total = store.web.filtered_articles(SearchFilters(q="submarines"), limit=10, offset=0)
    assert total == 1 and hits[0][0].title == "Upgrade"
    assert f"{MARK_START}submarines{MARK_END}" in (hits[0][1] or "")
    everything, total = store.web.filtered_articles(SearchFilters(), limit=1, offset=1)
    assert total == 2 and len(everything) == 1 and everything[0][1] is None
    denied, total = store.web.filtered_articles(
        SearchFilters(claim_status="denied", entity="TUR"), limit=9, offset=0
    )
    assert total == 1 and denied[0][0].title == "Upgrade"
    assert store.web.filtered_articles(SearchFilters(q="nothing-like-this"), limit=9, offset=0)[1] == 0
    assert store.web.entity("TUR") is not None and store.web.entity("XXX") is None
    dated, _ = store.web.filtered_articles(SearchFilters(outlet="theprint", until="2030"), limit=9, offset=0)
    (upgrade,) = [a for a, _ in dated if a.title == "Upgrade"]
    assert store.web.sentences(upgrade.id) == [(0, len(upgrade.text))]
    assert store.web.entity_mention_dates("TUR") == [
        (upgrade.fetched_at.isoformat() if upgrade.fetched_at else None, 1)
    ]


def test_sqlite_store_settles_and_reports_its_size_on_disk(store: SqliteStore) -> None:
    store.settle()
    empty = store.disk_bytes()
    pages = [_page(f"page {i}".encode(), uri=f"p{i}.txt") for i in range(40)]
    body = " ".join(f"The harbour board met on day {i} to plan the new quay." for i in range(200))
    store.store_batch([(page, [_article(page, 0, f"Quay plan {i}", body)]) for i, page in enumerate(pages)])
    store.settle()
    assert empty > 0 and store.disk_bytes() > empty + 40 * 1000
    assert store.count_articles() == 40  # settling keeps what is stored


def test_sqlite_store_update_links_changes_only_the_given_rows(store: SqliteStore) -> None:
    rows = [
        LinkRow(key=f"{a}:{b}", article_id=a, rank=i, record="{}") for a in "xyz" for i, b in enumerate("pq")
    ]
    store.replace_links("related", rows)
    store.replace_links("tags", [LinkRow(key="x", article_id="x", record="[]")])
    fresh = LinkRow(key="y:r", article_id="y", rank=0, record='{"new": 1}')
    moved = LinkRow(key="z:p", article_id="z", rank=5, record='{"moved": 1}')
    store.update_links("related", [fresh, moved], articles=["y", "y"])
    assert [r.key for r in store.query_links("related", article_id="y")] == ["y:r"]
    assert [r.key for r in store.query_links("related", article_id="x")] == ["x:p", "x:q"]
    assert store.query_links("related", key="z:p") == [moved]  # same key: replaced, not doubled
    assert [r.key for r in store.query_links("related", article_id="z")] == ["z:q", "z:p"]
    assert [r.key for r in store.query_links("tags")] == ["x"]  # another kind is untouched
