"""Entity resolution on sentences written for these tests: ruler fixes, coreference, roles, titles."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsift.model import AnnotatedArticle, Article, Entity, EntityKind, Position, Resolution
from newsift.nlp import annotate_articles
from newsift.nlp.coref import compact, slug


def _annotate(nlp: Any, body: str, title: str = "", authors: tuple[str, ...] = ()) -> AnnotatedArticle:
    article = Article(id="t", page_id="p", position=Position.MAIN, index=0, title=title, body=body,
                      authors=authors)  # fmt: skip
    return next(annotate_articles([article], nlp=nlp))


def _entity(annotated: AnnotatedArticle, entity_id: str) -> Entity:
    found = [e for e in annotated.entities if e.id == entity_id]
    assert found, sorted(e.id for e in annotated.entities)
    return found[0]


def _mentions_of(annotated: AnnotatedArticle, text: str) -> list[Any]:
    return [m for m in annotated.mentions if m.text == text]


def test_resolve_compact_folds_outlet_spellings() -> None:
    assert compact("The Print") == compact("ThePrint") == compact("the print")
    assert compact("Nordic Monitor") != compact("Nordic Times")


def test_resolve_slug_is_ascii_and_stable() -> None:
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slug("  Ayesha  Siddiqa ") == "ayesha-siddiqa"


@pytest.mark.model
def test_resolve_gazetteer_firms_are_companies_not_people(nlp: Any) -> None:
    annotated = _annotate(nlp, "Turkish firm ASELSAN and HAVELSAN signed deals, while Baykar built drones.")
    for entity_id in ("aselsan", "havelsan", "baykar"):
        entity = _entity(annotated, entity_id)
        assert entity.kind is EntityKind.COMPANY and entity.country == "TUR"
    assert not [m for m in annotated.mentions if m.label == "PERSON"]


@pytest.mark.model
def test_resolve_plural_system_names_resolve(nlp: Any) -> None:
    annotated = _annotate(nlp, "The air force flies F-16s and ordered more Rafales last year.")
    ids = {m.entity_id for m in annotated.mentions}
    assert {"f-16", "rafale"} <= ids


@pytest.mark.model
def test_resolve_unknown_person_surname_is_coreferent(nlp: Any) -> None:
    body = "Analyst Meera Raghunathan said the deal was overdue. Raghunathan added that talks would go on."
    annotated = _annotate(nlp, body)
    ids = {m.entity_id for m in annotated.mentions if "Raghunathan" in m.text}
    assert ids == {"person:meera-raghunathan"}
    surname = [m for m in annotated.mentions if m.text == "Raghunathan"]
    assert surname and surname[0].resolution is Resolution.COREFERENCE and surname[0].label == "PERSON"


@pytest.mark.model
def test_resolve_gazetteer_surname_alias(nlp: Any) -> None:
    annotated = _annotate(nlp, "Erdoğan met the delegation in the capital on Monday.")
    assert {m.entity_id for m in _mentions_of(annotated, "Erdoğan")} == {"recep-tayyip-erdogan"}


@pytest.mark.model
def test_resolve_acronym_defined_in_parentheses(nlp: Any) -> None:
    body = (
        "The Kestrel Policy Institute (KPI) published a study on Monday. "
        "KPI researchers said the region needs more dialogue."
    )
    annotated = _annotate(nlp, body)
    ids = {m.entity_id for m in annotated.mentions if "K" in m.text and m.label == "ORG"}
    assert len(ids) == 1 and None not in ids


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "text", "role"),
    [
        pytest.param("Ankara protested the decision on Monday.", "Ankara", "government", id="capital-acts"),
        pytest.param("The talks were held in Ankara last week.", "Ankara", "place", id="capital-place"),
        pytest.param("Pakistani officials rejected the claim.", "Pakistani", "government", id="officials"),
        pytest.param("Thousands of Pakistanis work in the Gulf.", "Pakistanis", "people", id="people"),
        pytest.param("Turkish troops crossed the border.", "Turkish", "military", id="troops"),
    ],
)
def test_resolve_country_roles(nlp: Any, body: str, text: str, role: str) -> None:
    mentions = _mentions_of(_annotate(nlp, body), text)
    assert mentions and mentions[0].role == role and mentions[0].entity_id in ("TUR", "PAK")


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "entity_id", "title"),
    [
        pytest.param("Washington-based regional analyst Dana Whitcombe said the ties are deep.",
                     "person:dana-whitcombe", "Washington-based regional analyst", id="pre-modifier"),
        pytest.param("Army chief Rohan Mehrotra inspected the border posts.",
                     "person:rohan-mehrotra", "Army chief", id="army-chief"),
        pytest.param("Lena Vogt, Senior Fellow, Observer Research Foundation (ORF) disagreed.",
                     "person:lena-vogt", "Senior Fellow, Observer Research Foundation (ORF)",
                     id="appositive"),
    ],
)  # fmt: skip
def test_resolve_titles_as_stated(nlp: Any, body: str, entity_id: str, title: str) -> None:
    entity = _entity(_annotate(nlp, body), entity_id)
    assert ("title", title) in entity.attributes


@pytest.mark.model
def test_resolve_affiliation_and_country_from_title(nlp: Any) -> None:
    body = "Lena Vogt, Senior Fellow, Observer Research Foundation (ORF) disagreed."
    entity = _entity(_annotate(nlp, body), "person:lena-vogt")
    assert ("affiliations", "orf") in entity.attributes and entity.country == "IND"


@pytest.mark.model
def test_resolve_capitalised_non_date_is_not_a_date(nlp: Any) -> None:
    body = "The general, who later retired, now lives in Almora, his family said."
    annotated = _annotate(nlp, body)
    assert not [m for m in annotated.mentions if m.label == "DATE" and m.text == "Almora"]


@pytest.mark.model
def test_resolve_author_surname_is_a_person(nlp: Any) -> None:
    body = "The ministry confirmed the order, Sandhu reported from the capital."
    annotated = _annotate(nlp, body, authors=("Harpreet Sandhu",))
    assert {m.label for m in _mentions_of(annotated, "Sandhu")} == {"PERSON"}


_WORDS = st.sampled_from(
    ["Turkey", "Pakistan's", "ASELSAN", "Baykar", "the", "army", "said", "Ankara", "F-16s", "(ORF)",
     "Observer", "Research", "Foundation", "Siddiqa", "Ayesha", "in", "Karachi", ",", ".", "\n", "Erdoğan",
     "TB-2", "Bayraktar", "drones", "Indian", "2022", "Ranikhet", "KAAN", "'s", "The Print"]
)  # fmt: skip


@pytest.mark.model
@settings(max_examples=25, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=30))
def test_resolve_mention_offsets_slice_to_text(nlp: Any, words: list[str]) -> None:
    annotated = _annotate(nlp, " ".join(words), title="Ties")
    text = annotated.article.text
    previous_end = 0
    for mention in annotated.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end  # sorted, no overlaps
        previous_end = mention.end
    known = {e.id for e in annotated.entities}
    assert {m.entity_id for m in annotated.mentions if m.entity_id} <= known


@pytest.mark.model
def test_resolve_a_quantifier_glued_onto_a_demonym_is_dropped(nlp: Any) -> None:
    """The NER sometimes takes a sentence-initial 'Several' into the demonym ('Several Egyptian'): the
    mention is the demonym alone, resolved to its country."""
    from dataclasses import replace

    from newsift.model import Mention
    from newsift.nlp.resolve import resolve_entities

    annotated = _annotate(nlp, "Several Egyptian units sailed north.")
    text = annotated.article.text
    start = text.index("Several")
    glued = Mention(article_id="t", start=start, end=start + len("Several Egyptian"), text="Several Egyptian",
                    entity_id=None, label="NORP", resolution=Resolution.NER)  # fmt: skip
    resolved = resolve_entities(replace(annotated, mentions=(glued,), entities=()))
    (mention,) = resolved.mentions
    assert mention.text == "Egyptian" and mention.entity_id == "EGY"
