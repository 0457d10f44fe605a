"""False defence events on civilian news: defence-subtype events per 100 BBC business, sport,
entertainment and tech articles (none of them is about arms, drills, pacts or strikes).

Usage: python bench/defence_fp.py [--data FILE] [--limit N] [--show] [--half tune|check|both]
Split (bench/SPLITS.md): tune = odd number in the article id (bbc-business-001), check = even.
``--show`` prints the tune half's false events only. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / ".." / "shared" / "benchdata" / "corpus" / "bbc_news.jsonl"
CIVILIAN = frozenset({"business", "sport", "entertainment", "tech"})
DEFENCE = frozenset(
    {
        "arms_transfer",
        "upgrade",
        "co_development",
        "exercise",
        "defence_pact",
        "export_ban",
        "deployment",
        "movement",
        "strike",
    }
)


def half_of(ident: str) -> str:
    digits = re.findall(r"\d+", ident)
    return "tune" if digits and int(digits[-1]) % 2 == 1 else "check"


def main(argv: list[str] | None = None) -> int:
    from newsift.config import load_settings
    from newsift.model import Article, Position
    from newsift.pipeline.steps import analyze_articles

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--half", choices=("tune", "check", "both"), default="both", help="one half only")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"defence_fp: {args.data} is absent (../shared/benchdata/corpus); nothing scored")
        return 0
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("category") in CIVILIAN]
    if args.half != "both":
        rows = [r for r in rows if half_of(r["id"]) == args.half]
    if args.limit:
        rows = rows[: args.limit]
    from datetime import UTC, datetime

    now = datetime(2005, 1, 1, tzinfo=UTC)
    articles = [
        Article(
            id=r["id"],
            page_id=r["id"],
            position=Position.MAIN,
            index=0,
            title=r["title"],
            body=r["text"],
            uri=r["id"],
            fetched_at=now,
        )
        for r in rows
    ]
    settings = load_settings()
    counts: dict[str, Counter[str]] = {"tune": Counter(), "check": Counter()}
    for start in range(0, len(articles), 64):
        for analysis in analyze_articles(articles[start : start + 64], settings):
            half = half_of(analysis.annotated.article.id)
            counts[half]["articles"] += 1
            false = [e for e in analysis.events if e.subtype in DEFENCE]
            counts[half]["events"] += len(false)
            counts[half]["articles_hit"] += bool(false)
            for e in false:
                counts[half][e.subtype] += 1
                if args.show and half == "tune":
                    print(f"{analysis.annotated.article.id} | {e.subtype} | {e.evidence.text[:150]}")
    result = {}
    for half, c in counts.items():
        n = c["articles"] or 1
        result[half] = {
            "articles": c["articles"],
            "false_events_per_100": round(100 * c["events"] / n, 2),
            "articles_with_one_per_100": round(100 * c["articles_hit"] / n, 2),
            "by_subtype": {k: v for k, v in c.items() if k in DEFENCE},
        }
    print(
        f"false defence events per 100 civilian articles: tune {result['tune']['false_events_per_100']}, "
        f"check {result['check']['false_events_per_100']}"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
