"""Count quotes credited to a pronoun ("it", "he", "which") over a news corpus: the goal is none.

Usage: python bench/quote_pronouns.py [--data FILE] [--limit N] [--show K]

Reads a JSONL corpus of {"id", "title", "text"} records (default: the first 500 BBC articles of
../shared/benchdata/corpus/bbc_news.jsonl), runs the same chain as ``newsift analyze`` (nlp, quotes),
and counts quotes whose ``speaker`` or ``speaker_text`` (as in ``newsift quotes --json``) is a personal,
relative or demonstrative pronoun. Also counts quotes by ``speaker_kind``. No split: nothing here is
tuned on, it is a check. Prints a summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "corpus" / "bbc_news.jsonl"
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "one",
        "his",
        "its",
        "their",
        "hers",
        "theirs",
        "someone",
        "somebody",
    ]
)


def read_articles(path: Path, limit: int) -> list[Any]:
    from newsift.model import Article, Position

    out = []
    with path.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index >= limit:
                break
            row = json.loads(line)
            out.append(
                Article(
                    id=str(row["id"]),
                    page_id=str(row["id"]),
                    position=Position.MAIN,
                    index=0,
                    title=row.get("title") or "",
                    body=row["text"],
                )
            )
    return out


def is_pronoun(name: str | None) -> bool:
    """'it', 'He', 'which' (not 'US', the country): every word a pronoun written in lower or title case."""
    words = [w.strip(".,'’") for w in (name or "").split()]
    return bool(words) and all(w in (w.lower(), w.capitalize()) and w.lower() in PRONOUNS for w in words)


def main(argv: list[str] | None = None) -> int:
    from newsift.config import load_settings
    from newsift.pipeline.steps import analyze_articles
    from newsift.views import render_analysis_json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--show", type=int, default=10, help="print up to K offending quotes")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"corpus absent: {args.data} (see ../shared/benchdata/corpus)", file=sys.stderr)
        return 2
    articles = read_articles(args.data, args.limit)
    quotes = render_analysis_json(analyze_articles(articles, load_settings()))["quotes"]
    bad = [q for q in quotes if is_pronoun(q["speaker"]) or is_pronoun(q["speaker_text"])]
    kinds = Counter(str(q.get("speaker_kind")) for q in quotes)
    print(f"{len(articles)} articles, {len(quotes)} quotes, {len(bad)} with a pronoun speaker")
    print("by speaker_kind:", dict(sorted(kinds.items())))
    for q in bad[: args.show]:
        print(f"  {q['article_id']}: {q['speaker_text']!r} {q['cue']!r}: {q['text'][:100]}")
    print(
        json.dumps(
            {
                "articles": len(articles),
                "quotes": len(quotes),
                "pronoun_speakers": len(bad),
                "speaker_kinds": dict(kinds),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
