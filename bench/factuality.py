"""Score the claim-status cues (negation, modality, deny/allege/say) against UDS-IH2 event factuality.

Usage: python bench/factuality.py [--data DIR] [--limit N]
Reads every *.jsonl with text in DIR (see benchdata/factuality/README.md). Each predicate gets the
status and modality that ``detect_modality`` finds above it; the status maps onto the factuality
scale a priori (below), never fitted to the data. Prints a summary, then ONE JSON object last.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsift.extract.claims.modality import Modality, detect_modality
from newsift.extract.parse import Parse
from newsift.model import Article, ClaimStatus, Position
from newsift.nlp import annotate_articles

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "factuality" / "dev"
# Our statuses on the factual_normalized scale (positive = happened): chosen from the status
# definitions, not fitted. Irrealis marks (negation, 'if', modals, future/plans) override the status.
STATUS_SCORES = {
    ClaimStatus.CONFIRMED: 1.2,
    ClaimStatus.ASSERTED: 1.0,
    ClaimStatus.ATTRIBUTED: 0.8,
    ClaimStatus.ALLEGED: 0.3,
    ClaimStatus.SPECULATED: -0.5,
    ClaimStatus.PLANNED: 0.0,  # intended, not yet happened
    ClaimStatus.DENIED: -1.0,
}


def score_of(modality: Modality) -> float:
    if modality.negated:
        return -1.0
    if modality.hypothetical:
        return -1.0
    if modality.future:
        return -0.7
    if modality.modal:
        return -0.5
    return STATUS_SCORES[modality.status]


def read_rows(data: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def predict(rows: list[dict[str, Any]]) -> list[float]:
    sentences = {r["sent_id"]: r["tokens"] for r in rows}
    ids = sorted(sentences)
    articles = [
        Article(id=i, page_id="uds", position=Position.MAIN, index=0, title="", body=" ".join(sentences[i]))
        for i in ids
    ]
    parses = {a.article.id: Parse.build(a) for a in annotate_articles(articles)}
    out = []
    for row in rows:
        parse = parses[row["sent_id"]]
        offset = sum(len(t) + 1 for t in row["tokens"][: row["pred_token_index_1based"] - 1])
        out.append(score_of(detect_modality(parse, parse.tree.token_at(offset))))
    return out


def metrics(gold: Sequence[float], predicted: Sequence[float]) -> dict[str, float]:
    n = len(gold)
    mean_g, mean_p = sum(gold) / n, sum(predicted) / n
    cov = sum((g - mean_g) * (p - mean_p) for g, p in zip(gold, predicted, strict=True))
    var_g = sum((g - mean_g) ** 2 for g in gold)
    var_p = sum((p - mean_p) ** 2 for p in predicted)
    pearson = cov / math.sqrt(var_g * var_p) if var_g and var_p else 0.0
    signs = [(g > 0, p > 0) for g, p in zip(gold, predicted, strict=True)]
    tp = sum(g and p for g, p in signs)
    tn = sum(not g and not p for g, p in signs)
    f1_neg = 2 * tn / (2 * tn + sum(g and not p for g, p in signs) + sum(p and not g for g, p in signs))
    f1_pos = 2 * tp / (2 * tp + sum(p and not g for g, p in signs) + sum(g and not p for g, p in signs))
    return {
        "pearson_r": round(pearson, 4),
        "mae": round(sum(abs(g - p) for g, p in zip(gold, predicted, strict=True)) / n, 4),
        "sign_accuracy": round((tp + tn) / n, 4),
        "sign_macro_f1": round((f1_pos + f1_neg) / 2, 4),
        "nonfactual_f1": round(f1_neg, 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the dev *.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N predicates")
    args = parser.parse_args(argv)
    rows = read_rows(args.data) if args.data.is_dir() else []
    if not rows:
        print(f"benchmark data not found: {args.data} (see benchdata/factuality/README.md)", file=sys.stderr)
        return 2
    rows = rows[: args.limit] if args.limit else rows
    started = time.perf_counter()
    gold = [float(r["factual_normalized"]) for r in rows]
    result: dict[str, Any] = {**metrics(gold, predict(rows)), "predicates": len(rows)}
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(f"UDS-IH2 dev: {len(rows)} predicates; Pearson r {result['pearson_r']}, MAE {result['mae']}, "
          f"sign accuracy {result['sign_accuracy']}, non-factual F1 {result['nonfactual_f1']}")  # fmt: skip
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
