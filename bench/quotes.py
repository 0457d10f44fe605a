"""Score the quote extractor (quotes.rules.vN) on PolNeAR-style attribution data (source, cue, content).

Usage: python bench/quotes.py [--data DIR] [--limit N]
Scores every polnear_*.jsonl in DIR except polnear_train.jsonl; each annotation file is one instance.
The split (bench/SPLITS.md): documents are numbered from 1 in sorted ``doc_id`` order; an odd number is
the *tune* half, an even one the *check* half (every annotation file of a document goes with it).
Prints a human summary per half, then ONE JSON object as the last line: {"all", "tune", "check", ...}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsift.extract.quotes import EXTRACTOR, Attribution, extract_attributions
from newsift.model import AnnotatedArticle, Article, Position
from newsift.nlp import annotate_articles

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "quotes" / "dev"
ROLES = ("source", "cue", "content")
Span = tuple[int, int]


def read_rows(data: Path) -> list[dict[str, Any]]:
    files = sorted(p for p in data.glob("polnear_*.jsonl") if p.name != "polnear_train.jsonl")
    if not files:
        raise SystemExit(f"no polnear_*.jsonl (other than train) in {data}: see benchdata/quotes/README.md")
    rows = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def gold_relations(row: dict[str, Any]) -> list[dict[str, list[Span]]]:
    text = row["text"]
    return [
        {role: sorted(_strip(text, s["start"], s["end"]) for s in rel[role]) for role in ROLES}
        for rel in row["attributions"]
    ]


def predicted_relations(annotated: AnnotatedArticle) -> list[dict[str, list[Span]]]:
    return [_as_spans(a) for a in extract_attributions(annotated)]


def _as_spans(a: Attribution) -> dict[str, list[Span]]:
    return {
        "source": [a.source] if a.source else [],
        "cue": [a.cue] if a.cue else [],
        "content": sorted(a.content),
    }


class Counts:
    """True positives, predictions and gold items for one measure."""

    def __init__(self) -> None:
        self.tp_p = self.tp_r = self.n_pred = self.n_gold = 0

    def add(self, predicted: list[Any], gold: list[Any]) -> None:
        self.tp_p += sum(1 for p in predicted if p in gold)
        self.tp_r += sum(1 for g in gold if g in predicted)
        self.n_pred += len(predicted)
        self.n_gold += len(gold)

    def scores(self) -> dict[str, float]:
        p = self.tp_p / self.n_pred if self.n_pred else 0.0
        r = self.tp_r / self.n_gold if self.n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def score(pairs: Iterable[tuple[list[dict[str, list[Span]]], list[dict[str, list[Span]]]]]) -> dict[str, Any]:
    counts = {(role, m): Counts() for role in (*ROLES, "relation") for m in ("exact", "begin")}
    for predicted, gold in pairs:
        for role in ROLES:
            pred_spans = [s for rel in predicted for s in rel[role]]
            gold_spans = [s for rel in gold for s in rel[role]]
            counts[role, "exact"].add(pred_spans, gold_spans)
            counts[role, "begin"].add([s[0] for s in pred_spans], [s[0] for s in gold_spans])
        counts["relation", "exact"].add(
            [_key(r, exact=True) for r in predicted], [_key(r, exact=True) for r in gold]
        )
        counts["relation", "begin"].add(
            [_key(r, exact=False) for r in predicted], [_key(r, exact=False) for r in gold]
        )
    return {role: {m: counts[role, m].scores() for m in ("exact", "begin")} for role in (*ROLES, "relation")}


def _key(rel: dict[str, list[Span]], *, exact: bool) -> tuple[Any, ...]:
    if exact:
        return tuple(tuple(rel[role]) for role in ROLES)
    return tuple(rel[role][0][0] if rel[role] else None for role in ROLES)


def annotate_rows(rows: list[dict[str, Any]]) -> Iterator[AnnotatedArticle]:
    """One spaCy pass per distinct text (several annotators may share an article)."""
    texts = list(dict.fromkeys(row["text"] for row in rows))
    articles = [
        Article(id=f"polnear-{i}", page_id="polnear", position=Position.MAIN, index=i, title="", body=text)
        for i, text in enumerate(texts)
    ]
    by_text = {a.article.text: a for a in annotate_articles(articles)}
    for row in rows:
        yield by_text[row["text"]]


def halves(rows: list[dict[str, Any]]) -> list[str]:
    """The fixed split rule: 'tune' for an odd document number (sorted doc ids, from 1), else 'check'."""
    number = {doc: n for n, doc in enumerate(sorted({row["doc_id"] for row in rows}), start=1)}
    return ["tune" if number[row["doc_id"]] % 2 == 1 else "check" for row in rows]


def _print(label: str, result: dict[str, Any]) -> None:
    print(label)
    for role in (*ROLES, "relation"):
        line = "  ".join(
            f"{m} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}" for m, v in result[role].items()
        )
        print(f"  {role:<9} {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding polnear_*.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N annotation files")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"benchmark data absent: {args.data} (see ../shared/benchdata/quotes/README.md)", file=sys.stderr
        )
        return 2
    rows = read_rows(args.data)[: args.limit or None]
    began = time.perf_counter()
    pairs = [
        (predicted_relations(a), gold_relations(r)) for a, r in zip(annotate_rows(rows), rows, strict=True)
    ]
    seconds = time.perf_counter() - began
    split = halves(rows)
    result = {
        "all": score(pairs),
        **{
            half: score(p for p, h in zip(pairs, split, strict=True) if h == half)
            for half in ("tune", "check")
        },
    }
    print(f"PolNeAR attribution, {len(rows)} annotation files, {seconds:.1f}s, extractor {EXTRACTOR}")
    for half in ("all", "tune", "check"):
        n_files = len(rows) if half == "all" else split.count(half)
        _print(
            f" {half} ({n_files} annotation files; tune = odd document number, check = even)", result[half]
        )
    print(json.dumps({**result, "files": len(rows), "seconds": round(seconds, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
