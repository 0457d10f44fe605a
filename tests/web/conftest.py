"""Web fixtures: one real store (the project's examples ingested by the runner, plus a hand-built
Turkey-Pakistan article with resolved entities), two users with tokens, and a real uvicorn server.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsift.config import Settings
from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    Entity,
    EntityKind,
    Event,
    EventMode,
    EventTime,
    Evidence,
    Mention,
    PloverType,
    Position,
    Quote,
    QuoteKind,
    RawDocument,
    Removed,
    Resolution,
    Sentence,
)

REPO = Path(__file__).resolve().parents[2]
FETCHED_AT = datetime(2025, 5, 2, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"

# Written for these tests; the facts are public (the Agosta 90B upgrade by STM, the MILGEM corvettes).
TITLE = "Turkey and Pakistan deepen naval ties with submarine upgrade"
SENTENCES = (
    "Turkish shipbuilder STM is upgrading three Agosta 90B submarines for Pakistan under a 2016 contract.",
    "Pakistan also ordered four MILGEM corvettes from Turkey in 2018.",
    "Turkey reportedly supplied armed drones to Pakistan, a report that Ankara denied.",
    '"Our navies now train and build together," a Pakistan Navy spokesperson said.',
)


@dataclass(frozen=True)
class WebSite:
    """What the tests need to know about the running server and its store."""

    base_url: str
    db_path: str
    tp_article_id: str
    tokens: dict[str, str]


def _spans(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _evidence(article: Article, sentences: list[Sentence], index: int, phrase: str) -> Evidence:
    sentence = sentences[index]
    start, end = _spans(article.text, phrase, sentence.start)
    return Evidence(
        article_id=article.id, sentence=index, start=start, end=end,
        text=article.text[sentence.start : sentence.end],
    )  # fmt: skip


def build_turkey_pakistan() -> tuple[RawDocument, Article, Analysis]:
    """A hand-annotated article: resolved entities, two events between TUR and PAK, claims, a quote."""
    body = "\n\n".join(SENTENCES)
    raw = RawDocument(
        uri="fixture://turkey-pakistan", content=(TITLE + "\n\n" + body).encode(),
        content_type="text/plain", fetched_at=FETCHED_AT,
    )  # fmt: skip
    article = Article(
        id="tp0000000000abcd", page_id=raw.id, position=Position.MAIN, index=0, title=TITLE, body=body,
        outlet="navalwatch", source="Naval Watch", published_at=FETCHED_AT, fetched_at=FETCHED_AT,
        removed=(Removed(text="STORY CONTINUES BELOW THIS AD", reason="ad_marker"),),
    )  # fmt: skip
    text = article.text
    sentences, cursor = [], 0
    for i, part in enumerate((TITLE, *SENTENCES)):
        start = text.index(part, cursor)
        sentences.append(Sentence(article_id=article.id, index=i, start=start, end=start + len(part)))
        cursor = start + len(part)
    entities = (
        Entity(id="TUR", kind=EntityKind.COUNTRY, name="Turkey", aliases=("Ankara", "Türkiye")),
        Entity(id="PAK", kind=EntityKind.COUNTRY, name="Pakistan", aliases=("Islamabad",)),
        Entity(id="stm", kind=EntityKind.COMPANY, name="STM", country="TUR"),
    )
    mentions = []
    for phrase, entity_id, n in (
        ("Turkey", "TUR", 3),
        ("Pakistan", "PAK", 5),
        ("STM", "stm", 1),
        ("Ankara", "TUR", 1),
    ):
        after = 0
        for _ in range(n):
            start, end = _spans(text, phrase, after)
            after = end
            mention = Mention(
                article_id=article.id, start=start, end=end, text=phrase, entity_id=entity_id,
                label="GPE", resolution=Resolution.EXACT,
            )  # fmt: skip
            mentions.append(mention)
    tur, pak = Actor(text="Turkey", id="TUR", code="TUR"), Actor(text="Pakistan", id="PAK", code="PAK")
    events = (
        Event(id="ev-upgrade", type=PloverType.AID, mode=EventMode.MILITARY, subtype="upgrade",
              evidence=_evidence(article, sentences, 1, "upgrading"), source=(tur,), target=(pak,),
              item="Agosta 90B", quantity=3, year=2016,
              time=EventTime(text="2016", value="2016", precision="year", source="text")),
        Event(id="ev-drones", type=PloverType.AID, mode=EventMode.MILITARY, subtype="arms_transfer",
              evidence=_evidence(article, sentences, 3, "supplied"), source=(tur,), target=(pak,),
              item="armed drones", status=ClaimStatus.DENIED),
    )  # fmt: skip
    claims = (
        Claim(id="cl-upgrade", status=ClaimStatus.ASSERTED, evidence=events[0].evidence,
              event_id="ev-upgrade"),
        Claim(id="cl-drones", status=ClaimStatus.DENIED, evidence=events[1].evidence, event_id="ev-drones",
              cue="denied", denied_by=("TUR",), hedges=("reportedly",)),
    )  # fmt: skip
    q_start, q_end = _spans(text, "Our navies now train and build together")
    quote = Quote(
        id="q-navy", article_id=article.id, speaker_id=None, speaker_text="a Pakistan Navy spokesperson",
        text=text[q_start:q_end], start=q_start, end=q_end, kind=QuoteKind.DIRECT, cue="said",
        evidence=_evidence(article, sentences, 4, "said"),
    )  # fmt: skip
    annotated = AnnotatedArticle(
        article=article, sentences=tuple(sentences), mentions=tuple(mentions), entities=entities
    )
    return raw, article, Analysis(annotated=annotated, quotes=(quote,), events=events, claims=claims)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _build_store(path: Path) -> str:
    from newsift.pipeline.runner import run_ingest
    from newsift.store import SqliteStore

    store = SqliteStore(path)
    inputs = [
        str(REPO / "examples" / "defence-ties-page.txt"),
        str(REPO / "tests" / "fixtures" / "aggregator"),
    ]
    report = run_ingest(inputs, store, Settings(db=str(path)), fetched_at=FETCHED_AT)
    assert report.n_stored >= 4, report
    raw, article, analysis = build_turkey_pakistan()
    store.store_batch([(raw, [article])], {article.id: analysis})
    store.close()
    return article.id


def _add_users(path: Path) -> dict[str, str]:
    from newsift.store import SqliteStore
    from newsift.web.auth import create_api_token, create_user

    conn = SqliteStore(path)
    tokens = {}
    for name in ("alice", "bob"):
        create_user(conn, name, PASSWORD)
        tokens[name] = create_api_token(conn, name, "tests")
    conn.close()
    return tokens


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` in a real uvicorn server on a free 127.0.0.1 port; yields its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebSite]:
    """A real uvicorn server on 127.0.0.1 over a real SQLite store, for the whole session."""
    from newsift.web import create_app

    path = tmp_path_factory.mktemp("web") / "news.db"
    tp_id = _build_store(path)
    app = create_app(str(path))
    tokens = _add_users(path)
    with serve(app) as base_url:
        yield WebSite(base_url=base_url, db_path=str(path), tp_article_id=tp_id, tokens=tokens)


def login(http: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    """Sign in through the HTML form (CSRF token read from the page), as a browser would."""
    return http.post(
        "/login", data={"name": name, "password": password, "csrf": csrf_of(http.get("/login").text)}
    )


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


@pytest.fixture
def client(site: WebSite) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site.base_url, timeout=60) as http:
        yield http
