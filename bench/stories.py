"""Score link.stories (incremental story clustering) on ECB+ and measure its speed.

Usage: python bench/stories.py [--data DIR] [--split all|train|validation] [--half all|tune|check]
       [--orders N] [--batch N] [--threshold T] [--name-weight W] [--number-weight W] [--split-ratio R]
       [--linkage A] [--settle-floor F] [--settle-stories K] [--window-days D] [--cohesion C]
       [--cohesive-size N] [--fact-weight W] [--time-conflict F] [--kind-conflict F]
       [--kind-min-size N] [--month-min-size N] [--happening-conflict F] [--no-facts] [--errors]
``--half`` follows bench/SPLITS.md: the tune half is the odd topic numbers, the check half the even ones;
``--errors`` prints, for the tune half only, each topic whose two events share a story or whose event
is cut in pieces (first arrival order).
Each article's entity ids and happening keys (its events: kind and sides, stated times, sums, places)
are passed to the clusterer as ingest passes them; the analysis runs once and is cached outside the
repository (bench/story_facts.py). ``--no-facts`` gives the words-only clusterer.
Reads every *.jsonl in DIR whose rows have a ``cluster`` field; ECB+ has no timestamps, so each arrival
order is a fixed-seed shuffle and the scores are averaged over the orders. Each order is consolidated
once at the end (as ``newsift relink``) or, with ``--batch N``, after every N articles (as ingest).
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from newsift.link.stories import StoryClusterer, StorySettings
from newsift.link.story_facts import happening_keys
from newsift.model import Article, Position
from story_facts import article_facts

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "clustering" / "dev"


def read_rows(data: Path, split: str) -> list[dict[str, Any]]:
    files = sorted(data.glob("*.jsonl")) if data.is_dir() else []
    if not files:
        raise SystemExit(f"no *.jsonl in {data}: see benchdata/clustering/README.md (pass --data DIR)")
    rows: list[dict[str, Any]] = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            rows += [row for line in handle if line.strip() and "cluster" in (row := json.loads(line))]
    return [r for r in rows if split == "all" or r.get("cdcr_split") == split]


def in_half(row: Mapping[str, Any], half: str) -> bool:
    """bench/SPLITS.md: odd topic numbers are the tune half, even ones the check half."""
    return half == "all" or (int(row["topic"]) % 2 == 1) == (half == "tune")


def to_article(row: Mapping[str, Any]) -> Article:
    return Article(
        id=str(row["id"]),
        page_id=str(row["id"]),
        position=Position.MAIN,
        index=0,
        title=row.get("title") or "",
        body=row.get("text") or "",
        url=row.get("url"),
    )


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    gold_members, predicted_members = _members(gold), _members(predicted)
    precision = recall = 0.0
    for doc in gold:
        ours = predicted_members[predicted[doc]]
        theirs = gold_members[gold[doc]]
        shared = len(ours & theirs)
        precision += shared / len(ours)
        recall += shared / len(theirs)
    return _prf(precision / len(gold), recall / len(gold))


def pairwise(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    joint = Counter((gold[d], predicted[d]) for d in gold)
    together_both = sum(n * (n - 1) // 2 for n in joint.values())
    together_gold = sum(n * (n - 1) // 2 for n in Counter(gold.values()).values())
    together_predicted = sum(n * (n - 1) // 2 for n in Counter(predicted.values()).values())
    precision = together_both / together_predicted if together_predicted else 1.0
    recall = together_both / together_gold if together_gold else 1.0
    return _prf(precision, recall)


def _members(labels: Mapping[str, str]) -> dict[str, set[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for doc, label in labels.items():
        members[label].add(doc)
    return members


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1}


Facts = tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]]
NO_FACTS: Facts = ({}, {})


def cluster_once(
    articles: Sequence[Article], settings: StorySettings, facts: Facts = NO_FACTS, batch: int = 0
) -> tuple[dict[str, str], float]:
    """One arrival order's stories; ``facts``: entity ids and happening keys per article, as ingest gives;
    consolidated after every ``batch`` articles (0: once, at the end, as ``newsift relink``)."""
    entities, keys = facts
    clusterer = StoryClusterer(settings)
    started = time.perf_counter()
    size = batch or len(articles)
    for start in range(0, len(articles), size):
        for article in articles[start : start + size]:
            clusterer.add(article, entities.get(article.id, ()), keys.get(article.id, ()))
        # as link.build.link_more does once a batch is in
        clusterer.consolidate(a.id for a in articles[start : start + size])
    seconds = time.perf_counter() - started
    return {article.id: clusterer.story_of(article.id) or "" for article in articles}, seconds


def evaluate(
    rows: Sequence[Mapping[str, Any]],
    settings: StorySettings,
    orders: int,
    facts: Facts = NO_FACTS,
    batch: int = 0,
) -> dict[str, Any]:
    articles = [to_article(r) for r in rows]
    gold = {str(r["id"]): str(r["cluster"]) for r in rows}
    runs = []
    partitions: list[dict[str, str]] = []
    for seed in range(orders):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        predicted, seconds = cluster_once(shuffled, settings, facts, batch)
        partitions.append(predicted)
        runs.append(
            (bcubed(gold, predicted), pairwise(gold, predicted), seconds, len(set(predicted.values())))
        )
    return {
        "bcubed": _mean([r[0] for r in runs]),
        "pairwise": _mean([r[1] for r in runs]),
        "docs": len(articles),
        "docs_per_s": round(len(articles) * orders / sum(r[2] for r in runs), 1),
        "clusters": sum(r[3] for r in runs) / orders,
        "gold_clusters": len(set(gold.values())),
        "order_agreement": round(
            min((pairwise(partitions[0], p)["f1"] for p in partitions[1:]), default=1.0), 4
        ),
    }


def _agreement(partitions: Sequence[Mapping[str, str]]) -> float:
    """Least pairwise F1 between the first order's partition and another's (1.0: order makes no odds)."""
    return round(min((pairwise(partitions[0], p)["f1"] for p in partitions[1:]), default=1.0), 4)


def _mean(scores: Sequence[Mapping[str, float]]) -> dict[str, float]:
    return {key: round(sum(s[key] for s in scores) / len(scores), 4) for key in ("p", "r", "f1")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("all", "train", "validation"), default="all")
    parser.add_argument("--half", choices=("all", "tune", "check"), default="all", help="bench/SPLITS.md")
    parser.add_argument("--errors", action="store_true", help="tune half: topics merged or cut (seed 0)")
    parser.add_argument("--orders", type=int, default=5, help="fixed-seed arrival orders to average over")
    parser.add_argument(
        "--batch", type=int, default=0, help="consolidate every N articles, as ingest (0: once, as relink)"
    )
    parser.add_argument("--threshold", type=float, default=None, help="override StorySettings.threshold")
    parser.add_argument("--name-weight", type=float, default=None, help="override StorySettings.name_weight")
    parser.add_argument(
        "--number-weight", type=float, default=None, help="override StorySettings.number_weight"
    )
    parser.add_argument("--window-days", type=float, default=None, help="override StorySettings.window")
    parser.add_argument("--settle-floor", type=float, default=None, help="StorySettings.settle_floor")
    parser.add_argument("--settle-stories", type=int, default=None, help="StorySettings.settle_stories")
    parser.add_argument("--linkage", type=float, default=None, help="override StorySettings.linkage")
    parser.add_argument("--split-ratio", type=float, default=None, help="override StorySettings.split_ratio")
    parser.add_argument("--cohesion", type=float, default=None, help="override StorySettings.cohesion")
    parser.add_argument("--cohesive-size", type=int, default=None, help="StorySettings.cohesive_size")
    parser.add_argument("--fact-weight", type=float, default=None, help="StorySettings.fact_weight")
    parser.add_argument("--time-conflict", type=float, default=None, help="StorySettings.time_conflict")
    parser.add_argument("--kind-conflict", type=float, default=None, help="StorySettings.kind_conflict")
    parser.add_argument("--kind-min-size", type=int, default=None, help="StorySettings.kind_min_size")
    parser.add_argument("--month-min-size", type=int, default=None, help="StorySettings.month_min_size")
    parser.add_argument(
        "--happening-conflict", type=float, default=None, help="StorySettings.happening_conflict"
    )
    parser.add_argument(
        "--no-facts", action="store_true", help="words only: pass no entity ids or happening keys"
    )
    args = parser.parse_args(argv)
    rows = [r for r in read_rows(args.data, args.split) if in_half(r, "tune" if args.errors else args.half)]
    if not rows:
        raise SystemExit(f"no rows with a cluster field for split {args.split!r} in {args.data}")
    settings = StorySettings()
    if args.threshold is not None:
        settings = replace(settings, threshold=args.threshold)
    if args.window_days is not None:
        settings = replace(settings, window=timedelta(days=args.window_days))
    knobs = ("name_weight", "number_weight", "split_ratio", "linkage", "settle_floor", "settle_stories")
    for name in (
        *knobs,
        "cohesion",
        "cohesive_size",
        "fact_weight",
        "time_conflict",
        "kind_conflict",
        "kind_min_size",
        "month_min_size",
        "happening_conflict",
    ):
        if getattr(args, name) is not None:
            settings = replace(settings, **{name: getattr(args, name)})
    facts = NO_FACTS if args.no_facts else bench_facts(rows)
    result = evaluate(rows, settings, args.orders, facts, args.batch)
    result |= {
        "split": args.split,
        "half": "tune" if args.errors else args.half,
        "orders": args.orders,
        "batch": args.batch,
        "threshold": settings.threshold,
        "number_weight": settings.number_weight,
        "split_ratio": settings.split_ratio,
        "facts": not args.no_facts,
        "fact_weight": settings.fact_weight,
    }
    b, p = result["bcubed"], result["pairwise"]
    half = f"{args.split}, half {result['half']}"
    print(f"link.stories on {result['docs']} docs ({half}), {args.orders} arrival orders")
    print(f"  BCubed   P {b['p']:.3f}  R {b['r']:.3f}  F1 {b['f1']:.3f}")
    print(f"  pairwise P {p['p']:.3f}  R {p['r']:.3f}  F1 {p['f1']:.3f}")
    print(f"  order agreement (least pairwise F1, first order vs another) {result['order_agreement']}")
    print(
        f"  clusters {result['clusters']:.1f} (gold {result['gold_clusters']}), {result['docs_per_s']} docs/s"
    )
    if args.errors:
        print_errors(rows, settings, facts)
    print(json.dumps(result))
    return 0


def bench_facts(rows: Sequence[Mapping[str, Any]]) -> Facts:
    """Entity ids and happening keys of every row's article (analysed once, cached: bench/story_facts.py)."""
    entities, events = article_facts([to_article(r) for r in rows], "ecbplus-dev")
    return entities, {a: happening_keys(e) for a, e in events.items()}


def print_errors(rows: Sequence[Mapping[str, Any]], settings: StorySettings, facts: Facts) -> None:
    """Per topic of the tune half: how the first arrival order spread its gold events over stories."""
    articles = [to_article(r) for r in rows]
    random.Random(0).shuffle(articles)
    predicted, _ = cluster_once(articles, settings, facts)
    by_topic: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_topic[int(row["topic"])].append(row)
    for topic, members in sorted(by_topic.items()):
        spread: dict[str, Counter[str]] = defaultdict(Counter)
        for row in members:
            spread[predicted[str(row["id"])]][str(row["cluster"])] += 1
        merged = sum(1 for c in spread.values() if len(c) > 1)
        if merged or len(spread) > len({str(r["cluster"]) for r in members}):
            parts = "  ".join(
                "+".join(f"{g.rsplit('_', 1)[1]}:{n}" for g, n in sorted(c.items())) for c in spread.values()
            )
            print(f"  topic {topic}: {parts}")


if __name__ == "__main__":
    raise SystemExit(main())
