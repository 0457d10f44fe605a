from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift import codec
from newsift.errors import InputError
from newsift.model import (
    Actor,
    Article,
    ClaimStatus,
    Dateline,
    Event,
    EventMode,
    Evidence,
    PloverType,
    Position,
    Removed,
    Value,
)

texts = st.text(max_size=200)


@given(title=texts, body=texts, source=st.none() | texts, removed=st.lists(texts, max_size=3))
def test_codec_article_round_trip(title: str, body: str, source: str | None, removed: list[str]) -> None:
    article = Article(
        id="a1",
        page_id="p1",
        position=Position.RELATED,
        index=2,
        title=title,
        body=body,
        source=source,
        dateline=Dateline(text="Drass, Jul 26 (PTI)", place="Drass", wire="PTI"),
        published_at=datetime(2025, 7, 26, 10, 0, tzinfo=UTC),
        removed=tuple(Removed(text=r, reason="ad") for r in removed),
        headings=("A heading",),
    )
    assert codec.decode(codec.encode(article), Article) == article


def test_codec_event_round_trip() -> None:
    evidence = Evidence(article_id="a", sentence=3, start=10, end=40, text="x" * 30)
    event = Event(
        id="e1",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=evidence,
        subtype="upgrade",
        source=(Actor(text="Turkish Aerospace", id="turkish-aerospace", code="TUR", sector="COM"),),
        target=(Actor(text="Pakistan", id="PAK", code="PAK"),),
        quantity=41,
        value=Value(amount=75e6, currency="USD", text="$75 million"),
        status=ClaimStatus.ASSERTED,
    )
    assert codec.decode(codec.encode(event), Event) == event


def test_codec_decode_names_the_bad_field() -> None:
    with pytest.raises(InputError, match=r"\$\.index"):
        codec.decode(b'{"id":"a","page_id":"p","position":"main","index":"x","title":"","body":""}', Article)


def test_codec_pretty_is_sorted_and_stable() -> None:
    removed = Removed(text="STORY CONTINUES", reason="ad marker")
    assert codec.encode_pretty(removed) == '{\n  "reason": "ad marker",\n  "text": "STORY CONTINUES"\n}'
