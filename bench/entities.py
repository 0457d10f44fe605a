"""Score actor-country resolution (nlp.resolve) on the PLOVER gold records.

Usage: python bench/entities.py [--data DIR] [--limit N] [--show N]
For each record of every plover_*.jsonl in DIR (see benchdata/events/README.md): the gold countries
are the ISO alpha-3 codes of its source and target actors (IGO/NGO and other non-country codes are
left out); the predicted countries are those newsift resolves in the sentence (countries named, by
demonym or capital, and the country of each resolved organisation, firm, unit or person).
Precision, recall and F1 are micro-averaged over (record, code) pairs; records_all_found is the
share of records with every gold code found. Prints a human summary, then ONE JSON object last.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from newsift.gazetteer import load_gazetteer
from newsift.model import AnnotatedArticle, Article, EntityKind, Position
from newsift.nlp import annotate_articles

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "events" / "dev"
# CAMEO-era country codes in the gold file that differ from ISO 3166 alpha-3.
CODE_MAP = {"JAP": "JPN"}
# Kinds whose country is not an actor of the sentence (a system's maker country, an event's host).
NOT_ACTORS = frozenset(
    {EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME, EntityKind.EVENT, EntityKind.OPERATION}
)


def read_plover(data: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(data.glob("plover_*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def gold_codes(record: dict[str, Any], countries: set[str]) -> set[str]:
    codes = set()
    for role in ("source", "target"):
        actors = record.get(role)
        for actor in actors if isinstance(actors, list) else []:
            code = CODE_MAP.get(actor.get("code", ""), actor.get("code", ""))
            if code in countries:
                codes.add(code)
    return codes


def predicted_codes(annotated: AnnotatedArticle) -> set[str]:
    entities = {e.id: e for e in annotated.entities}
    codes = set()
    for mention in annotated.mentions:
        entity = entities.get(mention.entity_id or "")
        if entity is None or entity.kind in NOT_ACTORS:
            continue
        code = entity.id if entity.kind is EntityKind.COUNTRY else entity.country
        if code:
            codes.add(code)
    return codes


def score(pairs: list[tuple[set[str], set[str]]]) -> dict[str, float]:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    found = sum(g <= p for g, p in pairs) / max(1, len(pairs))
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "records_all_found": round(found, 4),
        "gold_codes": tp + fn,
        "extra_codes": fp,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with plover_*.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N records")
    parser.add_argument("--show", type=int, default=10, help="print N records with errors")
    args = parser.parse_args(argv)
    rows = read_plover(args.data) if args.data.is_dir() else []
    if not rows:
        print(f"no PLOVER records (plover_*.jsonl) under {args.data}: pass --data DIR", file=sys.stderr)
        return 2
    rows = rows[: args.limit] if args.limit else rows
    countries = {e.id for e in load_gazetteer().by_kind(EntityKind.COUNTRY)}
    started = time.perf_counter()
    articles = [
        Article(id=row["id"], page_id="plover", position=Position.MAIN, index=0, title="", body=row["text"])
        for row in rows
    ]
    pairs = [
        (gold_codes(row, countries), predicted_codes(annotated))
        for row, annotated in zip(rows, annotate_articles(articles), strict=True)
    ]
    result = {"plover_actor_countries": {**score(pairs), "records": len(rows)}}
    result["seconds"] = round(time.perf_counter() - started, 1)
    shown = 0
    for row, (gold, predicted) in zip(rows, pairs, strict=True):
        if gold != predicted and shown < args.show:
            shown += 1
            print(f"  {row['id']}: missed {sorted(gold - predicted)} extra {sorted(predicted - gold)}")
            print(f"    {row['text'][:160]}")
    summary = result["plover_actor_countries"]
    print(
        f"PLOVER actor countries over {len(rows)} records: precision {summary['precision']}, "
        f"recall {summary['recall']}, F1 {summary['f1']}, all gold codes found in "
        f"{summary['records_all_found']:.0%} of records"
    )
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
