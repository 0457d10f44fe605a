"""Story sizes and order agreement on unlabelled news: do stories stay happenings, whatever the order?

Usage: python bench/story_sizes.py [--data FILE] [--category business] [--n 500] [--half all|tune|check]
       [--orders 3] [--top 10] [--batch N] [--no-facts] [--fact-weight W] [--time-conflict F]
       [--kind-conflict F] [--kind-min-size N] [--month-min-size N] [--happening-conflict F]
       [--cohesion C] [--cohesive-size N]
Clusters the first N articles of one category of benchdata/corpus/bbc_news.jsonl (no dates) with
link.stories (with each article's entity ids and happening keys, as ingest passes them; analysed once and
cached by bench/story_facts.py; ``--no-facts`` for words only), in file order and in fixed-seed
shuffles. Prints the largest stories of the file order (size and label, for a hand check), the largest
story of every order, and the pairwise F1 between the file order's partition and each shuffle's (1.0: the
same stories whatever the order). ``--half`` follows bench/SPLITS.md: of the first N articles, the odd
article numbers (tune) or the even ones (check), clustered alone.
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from newsift.link.stories import StoryClusterer, StorySettings
from newsift.link.story_facts import happening_keys
from newsift.model import Article, Position
from story_facts import article_facts

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "corpus" / "bbc_news.jsonl"


def in_half(article_id: str, half: str) -> bool:
    """bench/SPLITS.md: odd article numbers ('bbc-business-001') are the tune half, even ones the check."""
    return half == "all" or (int(article_id.rsplit("-", 1)[1]) % 2 == 1) == (half == "tune")


def read(data: Path, category: str, n: int) -> list[Article]:
    articles: list[Article] = []
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("category") == category and len(articles) < n:
                articles.append(
                    Article(
                        id=row["id"],
                        page_id=row["id"],
                        position=Position.MAIN,
                        index=0,
                        title=row.get("title") or "",
                        body=row.get("text") or "",
                    )
                )
    return articles


Facts = tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]]


def cluster(
    articles: Sequence[Article],
    batch: int = 0,
    facts: Facts = ({}, {}),
    settings: StorySettings | None = None,
) -> tuple[dict[str, str], StoryClusterer]:
    """Stories of ``articles`` fed in order, consolidated after every ``batch`` (0: once, at the end).

    link.build.link_more consolidates once per call: ``newsift relink`` links the store in one call,
    ingest once per pipeline batch.
    """
    entities, keys = facts
    clusterer = StoryClusterer(settings)
    size = batch or len(articles)
    for start in range(0, len(articles), size):
        part = articles[start : start + size]
        for article in part:
            clusterer.add(article, entities.get(article.id, ()), keys.get(article.id, ()))
        clusterer.consolidate(a.id for a in part)
    return {a.id: clusterer.story_of(a.id) or "" for a in articles}, clusterer


def pairwise_f1(first: Mapping[str, str], second: Mapping[str, str]) -> float:
    """Pairwise F1 of two partitions of the same ids (symmetric; 1.0 when they are equal)."""
    joint = Counter((first[d], second[d]) for d in first)
    both = sum(n * (n - 1) // 2 for n in joint.values())
    in_first = sum(n * (n - 1) // 2 for n in Counter(first.values()).values())
    in_second = sum(n * (n - 1) // 2 for n in Counter(second.values()).values())
    if not in_first and not in_second:
        return 1.0
    return 2 * both / (in_first + in_second)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--category", default="business")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--half", choices=("all", "tune", "check"), default="all", help="bench/SPLITS.md")
    parser.add_argument("--orders", type=int, default=3, help="fixed-seed shuffles beside the file order")
    parser.add_argument("--top", type=int, default=10, help="largest stories listed")
    parser.add_argument(
        "--batch", type=int, default=0, help="consolidate every N articles, like ingest (0: once)"
    )
    parser.add_argument("--no-facts", action="store_true", help="words only: no entity ids or happening keys")
    parser.add_argument("--fact-weight", type=float, default=None, help="StorySettings.fact_weight")
    parser.add_argument("--time-conflict", type=float, default=None, help="StorySettings.time_conflict")
    parser.add_argument("--kind-conflict", type=float, default=None, help="StorySettings.kind_conflict")
    parser.add_argument("--kind-min-size", type=int, default=None, help="StorySettings.kind_min_size")
    parser.add_argument("--month-min-size", type=int, default=None, help="StorySettings.month_min_size")
    parser.add_argument(
        "--happening-conflict", type=float, default=None, help="StorySettings.happening_conflict"
    )
    parser.add_argument("--cohesion", type=float, default=None, help="StorySettings.cohesion")
    parser.add_argument("--cohesive-size", type=int, default=None, help="StorySettings.cohesive_size")
    args = parser.parse_args(argv)
    articles = [a for a in read(args.data, args.category, args.n) if in_half(a.id, args.half)]
    if not articles:
        raise SystemExit(f"no {args.category!r} articles in {args.data}")
    settings = StorySettings()
    for name in (
        "fact_weight",
        "cohesion",
        "cohesive_size",
        "time_conflict",
        "kind_conflict",
        "kind_min_size",
        "month_min_size",
        "happening_conflict",
    ):
        if getattr(args, name) is not None:
            settings = replace(settings, **{name: getattr(args, name)})
    facts: Facts = ({}, {})
    if not args.no_facts:
        entities, events = article_facts(articles, f"bbc-{args.category}")
        facts = (entities, {a: happening_keys(e) for a, e in events.items()})
    base, clusterer = cluster(articles, args.batch, facts, settings)
    largest = [base_max := max(Counter(base.values()).values())]
    agreement = []
    for seed in range(args.orders):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        other, _ = cluster(shuffled, args.batch, facts, settings)
        largest.append(max(Counter(other.values()).values()))
        agreement.append(pairwise_f1(base, other))
    stories = sorted(clusterer.stories(), key=lambda s: -len(s.article_ids))
    per = f", consolidated every {args.batch}" if args.batch else ""
    half = f", half {args.half}" if args.half != "all" else ""
    print(f"link.stories on {len(articles)} {args.category} articles{half}{per}: {len(stories)} stories")
    for story in stories[: args.top]:
        print(f"  {len(story.article_ids):4d}  {story.label[:90]}")
    print(f"  largest story per order (file order first): {largest}")
    print(f"  pairwise F1 file order vs shuffles: {[round(a, 3) for a in agreement]}")
    result = {
        "articles": len(articles),
        "half": args.half,
        "batch": args.batch,
        "facts": not args.no_facts,
        "stories": len(stories),
        "largest_file_order": base_max,
        "largest_any_order": max(largest),
        "agreement_min": round(min(agreement), 4) if agreement else 1.0,
        "agreement_mean": round(sum(agreement) / len(agreement), 4) if agreement else 1.0,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
