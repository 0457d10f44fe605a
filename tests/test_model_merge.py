"""One rule merges an entity seen twice (model.merge_entity): the analysis view and the store agree."""

from __future__ import annotations

from datetime import UTC, datetime

from newsift.model import (
    Analysis,
    AnnotatedArticle,
    Article,
    ContentType,
    DuplicateMatch,
    Entity,
    EntityKind,
    Happening,
    Mention,
    Position,
    RawDocument,
    Related,
    Resolution,
    Sentence,
    Tag,
    merge_entity,
)
from newsift.store import SqliteStore
from newsift.views import collect_entities

FIRST = Entity(id="PRT", kind=EntityKind.COUNTRY, name="Portugal", aliases=("Portuguese Republic",),
               attributes=(("region", "europe"),))  # fmt: skip
SECOND = Entity(id="PRT", kind=EntityKind.COUNTRY, name="Portugal", aliases=("Lisbon government", "Portugal"),
                country="PRT", attributes=(("region", "europe"), ("sea", "atlantic")))  # fmt: skip


def test_model_merge_entity_is_the_same_in_either_order_but_for_the_first_name() -> None:
    one, other = merge_entity(FIRST, SECOND), merge_entity(SECOND, FIRST)
    assert one.aliases == other.aliases == ("Lisbon government", "Portugal", "Portuguese Republic")
    assert one.country == other.country == "PRT"
    assert one.attributes == (("region", "europe"), ("sea", "atlantic"))


def _analysis(uri: str, entity: Entity) -> tuple[RawDocument, Analysis]:
    page = RawDocument(uri=uri, content=uri.encode(), content_type=ContentType.TEXT,
                       fetched_at=datetime(2026, 1, 2, tzinfo=UTC))  # fmt: skip
    article = Article(id=f"{page.id}-0", page_id=page.id, position=Position.MAIN, index=0,
                      title="Portugal", body="Portugal voted.")  # fmt: skip
    mention = Mention(article_id=article.id, start=0, end=8, text="Portugal", entity_id="PRT", label="GPE",
                      resolution=Resolution.EXACT)  # fmt: skip
    annotated = AnnotatedArticle(
        article=article,
        sentences=(Sentence(article_id=article.id, index=0, start=0, end=len(article.text)),),
        mentions=(mention,),
        entities=(entity,),
    )
    return page, Analysis(annotated=annotated)


def test_views_collect_entities_uses_the_model_rule() -> None:
    entities, _ = collect_entities([_analysis("a.txt", FIRST)[1], _analysis("b.txt", SECOND)[1]])
    assert entities["PRT"] == merge_entity(FIRST, SECOND)


def test_store_merges_entities_by_the_model_rule(store: SqliteStore) -> None:
    for uri, entity in (("a.txt", FIRST), ("b.txt", SECOND)):
        page, analysis = _analysis(uri, entity)
        store.store_batch([(page, [analysis.article])], {analysis.article.id: analysis})
    ((stored, count),) = store.query_entities()
    assert stored == merge_entity(FIRST, SECOND) and count == 2


def test_model_link_records_live_in_the_model() -> None:
    from newsift.link.duplicates import DuplicateMatch as FromDuplicates
    from newsift.link.keyphrases import Tag as FromKeyphrases
    from newsift.link.related import Related as FromRelated
    from newsift.pipeline.relink import Happening as FromRelink

    assert (FromDuplicates, FromKeyphrases, FromRelated, FromRelink) == (
        DuplicateMatch,
        Tag,
        Related,
        Happening,
    )
