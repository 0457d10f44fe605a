"""Tests of link.related: neighbours with reasons, never the article itself or its copies."""

from __future__ import annotations

from newsift.link.related import Reason, RelatedIndex
from newsift.model import Article, Position

DRONES = "Turkey delivered armed drones to Pakistan this week, officials said, expanding defence cooperation."


def _article(id_: str, title: str, body: str) -> Article:
    return Article(id=id_, page_id=id_, position=Position.MAIN, index=0, title=title, body=body)


def _index() -> RelatedIndex:
    index = RelatedIndex()
    index.add(
        _article("a", "Turkey sends drones to Pakistan", DRONES), entity_ids=("TUR", "PAK"), story_id="s1"
    )
    index.add(
        _article("copy", "Turkey sends drones to Pakistan", DRONES), entity_ids=("TUR", "PAK"), story_id="s1"
    )
    index.add(
        _article(
            "b", "Pakistan receives Turkish drones", "Pakistan received drones from Turkey, officials said."
        ),
        entity_ids=("TUR", "PAK"),
        story_id="s1",
    )
    index.add(
        _article(
            "c", "Turkey and Pakistan hold naval exercise", "The navies of both countries drilled at sea."
        ),
        entity_ids=("TUR", "PAK"),
        story_id="s2",
    )
    index.add(
        _article("d", "Monsoon floods Chennai", "Heavy rain flooded Chennai streets and closed schools."),
        entity_ids=("IND",),
        story_id="s3",
    )
    return index


def test_related_never_returns_the_article_or_its_copy() -> None:
    ids = [r.related_id for r in _index().related("a")]
    assert "a" not in ids
    assert "copy" not in ids


def test_related_ranks_same_story_first_with_reasons() -> None:
    found = _index().related("a")
    assert found[0].related_id == "b"
    assert Reason.SAME_STORY in found[0].reasons
    assert Reason.SHARED_ENTITIES in found[0].reasons
    assert found[0].shared_entities == ("PAK", "TUR")


def test_related_shared_entities_alone_are_a_reason() -> None:
    by_id = {r.related_id: r for r in _index().related("a")}
    assert by_id["c"].reasons[0] is Reason.SHARED_ENTITIES
    assert Reason.SAME_STORY not in by_id["c"].reasons
    assert "d" not in by_id


def test_related_respects_k_and_unknown_ids() -> None:
    index = _index()
    assert len(index.related("a", k=1)) == 1
    assert index.related("missing") == ()


def test_related_explicit_duplicate_group_is_excluded() -> None:
    index = RelatedIndex()
    index.add(_article("x", "Drones for Pakistan", DRONES), duplicate_group="g")
    index.add(_article("y", "Drones for Pakistan (updated)", DRONES + " More later."), duplicate_group="g")
    index.add(_article("z", "Pakistan drones", "Pakistan drones from Turkey, officials said."))
    assert [r.related_id for r in index.related("x")] == ["z"]


def test_related_same_dyad_and_event_type_is_a_reason_without_shared_words() -> None:
    index = RelatedIndex()
    index.add(_article("x", "Ankara ships corvettes", "Hulls left the yard in May."), dyads=("AID:PAK|TUR",))
    index.add(_article("y", "Karachi takes delivery", "Sailors trained for weeks."), dyads=("AID:PAK|TUR",))
    index.add(
        _article("z", "Ankara hosts talks", "Ministers met in the capital."), dyads=("CONSULT:PAK|TUR",)
    )
    found = {r.related_id: r for r in index.related("x")}
    assert "y" in found and Reason.SAME_DYAD in found["y"].reasons
    assert found["y"].shared_dyads == ("AID:PAK|TUR",)
    assert "z" not in found or Reason.SAME_DYAD not in found["z"].reasons


def test_related_beyond_capacity_the_oldest_article_is_forgotten() -> None:
    index = RelatedIndex(capacity=2)
    for id_ in ("old", "mid", "new"):
        body = f"Dockers walked out at the harbour ({id_})."
        index.add(_article(id_, "Harbour cranes idle in dock strike", body))
    assert [r.related_id for r in index.related("new")] == ["mid"]
    assert index.related("old") == ()


def test_related_gained_candidates_name_the_older_articles_a_new_one_reaches() -> None:
    index = _index()
    index.add(
        _article("e", "Pakistan tests Turkish drones", "Pakistan flew the drones it received from Turkey."),
        entity_ids=("TUR", "PAK"),
    )
    gained = index.gained_candidates(["e"])
    assert {"a", "b", "c"} <= gained.keys()
    assert all(found == {"e"} for found in gained.values())
    assert "d" not in gained  # shares no strong term, entity, dyad or story with the new article
