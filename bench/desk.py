"""The analyst's desk at scale: how long the claims, events, quotes, relationships, dyad, entity, article,
search and article-list pages (and an article's JSON) take on a store of N synthetic articles, each with
events, claims, a quote and mentions.

Usage: python bench/desk.py [--n N] [--requests R] [--keep DIR] [--build-only]
Generates N articles (own seeded generator, default 5,000; three events with claims and one quote each,
between 12 countries, event years 2010-2025), stores them in batches, groups them into stories (eight
articles of one pair of countries each) and adds a user with three watches. Serves the web app with
uvicorn on a free 127.0.0.1 port and times R sequential GETs of each page (after one warm-up request):
p50, p95, max, and p50 as a multiple of the baseline route's (/healthz, timed before and after the pages
in the same run). Two pages are also timed signed in, so the header's watch count is paid. No text from
any benchmark set. Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.web.conftest: the real server helper

from newsift import codec  # noqa: E402
from newsift.brief.watch import WatchFilter, add_watch  # noqa: E402
from newsift.model import (  # noqa: E402
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
    EventTime,
    Evidence,
    Mention,
    PloverType,
    Position,
    Quote,
    QuoteKind,
    RawDocument,
    Resolution,
    Sentence,
    Story,
)  # fmt: skip
from newsift.store import SqliteStore  # noqa: E402
from newsift.store.records import LinkRow  # noqa: E402
from newsift.web.auth import create_session, create_user  # noqa: E402
from newsift.web.guards import SESSION_COOKIE  # noqa: E402

COUNTRIES = {
    "TUR": "Turkey", "PAK": "Pakistan", "IND": "India", "FRA": "France", "USA": "United States",
    "CHN": "China", "RUS": "Russia", "UKR": "Ukraine", "DEU": "Germany", "JPN": "Japan",
    "PHL": "Philippines", "BRA": "Brazil",
}  # fmt: skip
SUBTYPES = ("arms_transfer", "upgrade", "exercise", "co_development", "deployment")
ITEMS = ("drones", "frigates", "submarines", "jets", "radars", "missiles")
STATUSES = tuple(ClaimStatus)
OUTLETS = ("wire-a", "daily-b", "weekly-c", "site-d", "paper-e")
START = datetime(2025, 1, 1, tzinfo=UTC)


def _article(rng: random.Random, n: int) -> tuple[RawDocument, Article, Analysis]:
    a, b = rng.sample(sorted(COUNTRIES), 2)
    lines = [f"{COUNTRIES[a]} and {COUNTRIES[b]} talk defence, report {n}"]
    for _ in range(3):
        item = rng.choice(ITEMS)
        lines.append(
            f"{COUNTRIES[a]} will supply {rng.randint(2, 40)} {item} to {COUNTRIES[b]} "
            f"by {rng.randint(2010, 2025)}."
        )
    lines.append(f'"We value this partnership," a {COUNTRIES[b]} official said in report {n}.')
    body = "\n\n".join(lines[1:])
    when = START + timedelta(hours=n)
    raw = RawDocument(
        uri=f"desk://{n}", content=body.encode(), content_type=ContentType.TEXT, fetched_at=when
    )
    article = Article(
        id=f"desk{n:08d}", page_id=raw.id, position=Position.MAIN, index=0, title=lines[0], body=body,
        outlet=rng.choice(OUTLETS), published_at=when, fetched_at=when,
    )  # fmt: skip
    return raw, article, _analysis(rng, article, a, b)


def _analysis(rng: random.Random, article: Article, a: str, b: str) -> Analysis:
    text, sentences, cursor = article.text, [], 0
    for i, part in enumerate(text.split("\n\n")):
        start = text.index(part, cursor)
        sentences.append(Sentence(article_id=article.id, index=i, start=start, end=start + len(part)))
        cursor = start + len(part)
    events, claims, mentions = [], [], []
    for i in (1, 2, 3):
        s = sentences[i]
        evidence = Evidence(
            article_id=article.id, sentence=i, start=s.start, end=s.end, text=text[s.start : s.end]
        )
        year = text[s.end - 5 : s.end - 1]
        event = Event(
            id=f"{article.id}-e{i}", type=PloverType.AID, mode=EventMode.MILITARY,
            subtype=rng.choice(SUBTYPES),
            evidence=evidence, source=(Actor(text=COUNTRIES[a], id=a, code=a),),
            target=(Actor(text=COUNTRIES[b], id=b, code=b),), item=rng.choice(ITEMS),
            time=EventTime(text=year, value=year, precision="year") if rng.random() < 0.7 else None,
        )  # fmt: skip
        status = rng.choice(STATUSES)
        holders = (a,) if status in (ClaimStatus.DENIED, ClaimStatus.ALLEGED) else ()
        claims.append(Claim(
            id=f"{article.id}-c{i}", status=status, evidence=evidence, event_id=event.id,
            denied_by=holders if status == ClaimStatus.DENIED else (),
            alleged_by=holders if status == ClaimStatus.ALLEGED else (),
        ))  # fmt: skip
        events.append(event)
    for code in (a, b):
        start = text.index(COUNTRIES[code])
        mentions.append(Mention(
            article_id=article.id, start=start, end=start + len(COUNTRIES[code]), text=COUNTRIES[code],
            entity_id=code, label="GPE", resolution=Resolution.EXACT,
        ))  # fmt: skip
    q = sentences[4]
    quote = Quote(
        id=f"{article.id}-q", article_id=article.id, speaker_id=None,
        speaker_text=f"a {COUNTRIES[b]} official",
        text="We value this partnership,", start=q.start + 1, end=q.start + 27, kind=QuoteKind.DIRECT,
        evidence=Evidence(
            article_id=article.id, sentence=4, start=q.start, end=q.end, text=text[q.start : q.end]
        ),
    )  # fmt: skip
    entities = tuple(Entity(id=c, kind=EntityKind.COUNTRY, name=COUNTRIES[c]) for c in (a, b))
    annotated = AnnotatedArticle(
        article=article, sentences=tuple(sentences), mentions=tuple(mentions), entities=entities
    )
    return Analysis(annotated=annotated, quotes=(quote,), events=tuple(events), claims=tuple(claims))


def build_store(path: Path, n: int) -> None:
    """N articles, then stories: the articles of one pair of countries, eight at a time."""
    rng = random.Random(17)
    store = SqliteStore(path)
    pairs: dict[tuple[str, str], list[str]] = {}
    for first in range(0, n, 500):
        built = [_article(rng, i) for i in range(first, min(n, first + 500))]
        store.store_batch([(raw, [art]) for raw, art, _ in built], {art.id: an for _, art, an in built})
        for _, art, analysis in built:
            pair = tuple(sorted(e.id for e in analysis.annotated.entities))
            pairs.setdefault((pair[0], pair[1]), []).append(art.id)
    stories = []
    for pair, ids in sorted(pairs.items()):
        for i in range(0, len(ids), 8):
            members = tuple(ids[i : i + 8])
            key = f"story-{pair[0]}-{pair[1]}-{i // 8}"
            story = Story(id=key, label=f"{pair[0]} and {pair[1]}, part {i // 8}", article_ids=members)
            stories.append(LinkRow(key=story.id, record=codec.encode(story).decode(), rank=len(stories)))
    store.replace_links("story", stories)
    _add_watcher(store)
    store.close()


def _add_watcher(store: SqliteStore) -> None:
    """A user with three watches (a dyad, an actor's upgrades, every denial), for the header count."""
    create_user(store, WATCHER, "bench password 1")
    for watch in (WatchFilter(dyad=("TUR", "PAK")), WatchFilter(actor="IND", subtype="upgrade"),
                  WatchFilter(status="denied")):  # fmt: skip
        add_watch(store, watch, owner=WATCHER, name=str(watch))


WATCHER = "bench"
BASELINE = "/healthz"  # the cheapest route through the same server and middleware
PAGES = {
    "claims": "/claims",
    "claims_denied": "/claims?status=denied",
    "claims_by_outlets": "/claims?sort=-corroboration",
    "events_subtype": "/events?subtype=upgrade&actor=TUR",
    "events_by_outlets": "/events?sort=-corroboration",
    "events_csv": "/events.csv?dyad=TUR,PAK",
    "quotes": "/quotes",
    "relationships": "/relationships",
    "dyad": "/dyad/TUR/PAK",
    "entity": "/entities/TUR",
    "article": "/articles/desk00000042",
    "search": "/search?q=submarines",
    "search_denied": "/search?q=submarines&claim_status=denied",  # each hit with its denials (session 12)
    "stories": "/stories",
    "story": "/stories/story-PAK-TUR-0",
    "api_claims": "/api/claims?status=denied&dyad=TUR,PAK",
    "home": "/",
    "api_articles": "/api/articles?limit=20",
    "api_article": "/api/articles/desk00000042",
}
SIGNED_IN = {"claims_signed_in": "/claims", "watches_signed_in": "/watches"}  # header count of 3 watches


def _time(http: httpx.Client, path: str, requests: int) -> list[float]:
    assert http.get(path).status_code == 200, path  # warm-up
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        response = http.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, path
    return times


def _row(times: list[float], base_p50: float) -> dict[str, float]:
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    return {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "max_ms": round(max(times), 1),
            "x_baseline": round(p50 / base_p50, 1)}  # fmt: skip


def measure(base_url: str, requests: int, session: str) -> dict[str, dict[str, float]]:
    """Each page's p50, p95 and max over ``requests`` sequential GETs, and its p50 over the baseline's
    (the baseline is timed before and after the pages, pooled, so drifting load shows in both)."""
    headers = {"accept": "text/html"}
    with httpx.Client(base_url=base_url, timeout=120, headers=headers) as http:
        base = _time(http, BASELINE, requests)
        pages = {name: _time(http, path, requests) for name, path in PAGES.items()}
        http.cookies.set(SESSION_COOKIE, session)
        pages |= {name: _time(http, path, requests) for name, path in SIGNED_IN.items()}
        http.cookies.clear()
        base += _time(http, BASELINE, requests)
    base_p50 = statistics.median(base)
    found = {"baseline_healthz": _row(base, base_p50)}
    return found | {name: _row(times, base_p50) for name, times in pages.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--build-only", action="store_true", help="build the store in --keep and stop")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsift-desk-"))
    path = folder / "desk.db"
    began = time.perf_counter()
    if not path.exists():
        build_store(path, args.n)
    built_s = time.perf_counter() - began
    if args.build_only:
        return 0
    from tests.web.conftest import serve

    store = SqliteStore(path)
    session = create_session(store, WATCHER)
    store.close()
    from newsift.web import create_app

    load_before = os.getloadavg()[0]
    with serve(create_app(str(path))) as base_url:
        found = measure(base_url, args.requests, session)
    for name, row in found.items():
        print(
            f"{name:18} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  max {row['max_ms']:7.1f} ms"
            f"  {row['x_baseline']:6.1f}x baseline"
        )
    summary = {
        "n_articles": args.n, "requests": args.requests, "build_s": round(built_s, 1),
        "load_avg_1m": [round(load_before, 1), round(os.getloadavg()[0], 1)], "pages": found,
    }  # fmt: skip
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
