"""The facts the story benches pass to link.stories: each article's entity ids and events, cached.

The analysis (spaCy, entities, events) is slow next to clustering, so it runs once per article text and
is kept in a JSON cache outside the repository (``NEWSIFT_BENCH_CACHE``, default
``/tmp/newsift-bench-cache``): benchmark-derived data never enters the repository.
Usage (to fill the cache ahead): python bench/story_facts.py stories|sizes
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsift import codec
from newsift.config import Settings
from newsift.model import Article, Event

CACHE = Path(os.environ.get("NEWSIFT_BENCH_CACHE", "/tmp/newsift-bench-cache"))
_BATCH = 25


def _key(article: Article) -> str:
    return hashlib.sha256(f"{article.id}\0{article.title}\0{article.body}".encode()).hexdigest()[:24]


def article_facts(
    articles: Sequence[Article], name: str
) -> tuple[dict[str, list[str]], dict[str, tuple[Event, ...]]]:
    """Entity ids (most mentioned first) and events of each article, analysed once and cached in ``name``."""
    from newsift.pipeline.steps import analyze_articles

    path = CACHE / f"{name}.json"
    cache: dict[str, dict[str, object]] = json.loads(path.read_text()) if path.exists() else {}
    missing = [a for a in articles if _key(a) not in cache]
    for start in range(0, len(missing), _BATCH):
        for analysis in analyze_articles(missing[start : start + _BATCH], Settings()):
            counts = Counter(m.entity_id for m in analysis.annotated.mentions if m.entity_id)
            cache[_key(analysis.article)] = {
                "entities": [e for e, _ in counts.most_common()],
                "events": [codec.to_builtins(e) for e in analysis.events],
            }
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cache))
        print(f"  analysed {min(start + _BATCH, len(missing))}/{len(missing)}", file=sys.stderr)
    entities: dict[str, list[str]] = {}
    events: dict[str, tuple[Event, ...]] = {}
    for article in articles:
        row = cache[_key(article)]
        entities[article.id] = list(row["entities"])  # type: ignore[call-overload]
        events[article.id] = codec.decode(json.dumps(row["events"]), tuple[Event, ...], source=str(path))
    return entities, events


def main(argv: Sequence[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if argv[:1] == ["sizes"]:
        import story_sizes

        for category in ("business", "politics"):
            article_facts(story_sizes.read(story_sizes.DEFAULT_DATA, category, 500), f"bbc-{category}")
    else:
        import stories

        rows = stories.read_rows(stories.DEFAULT_DATA, "all")
        article_facts([stories.to_article(r) for r in rows], "ecbplus-dev")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
