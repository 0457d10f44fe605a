"""Score the rules (events.rules.v4) event typing and actors on PLOVER gold records and CASE 2021 snippets.

Usage: python bench/events.py [--data DIR] [--limit N] [--extractor rules|llm] [--config TOML] [--chooser]
Reads every plover_*.jsonl and case2021_*.tsv in DIR (see benchdata/events/README.md).
--extractor llm types the PLOVER records with the LLM event extractor (events.llm.v1) through the
endpoint of the llm settings (NEWSIFT_LLM__BASE_URL, ...); a record whose request fails is typed by the
rules and counted in llm_fallbacks. CASE 2021 subtypes always come from the rules. --chooser types with
the trained chooser of ``events.chooser`` switched on (it ships off), PLOVER and CASE 2021 fallbacks alike.
actor_f1 compares ISO codes per role (needs resolved mentions); actor_text_f1 compares actor spans
per role (a predicted actor counts when its text and a gold actorText contain one another).
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import httpx

from newsift.config import EXTRACTORS, LlmSettings, load_settings
from newsift.errors import ConfigError, ExtractionError
from newsift.extract.events.acled import classify_acled
from newsift.extract.events.classify import CHOOSER, classify_article
from newsift.extract.events.llm import extract_events_llm
from newsift.model import Actor, AnnotatedArticle, Article, Event, PloverType, Position
from newsift.nlp import annotate_articles

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "events" / "dev"
# The README's mapping of PLOVER 0.5b1 labels onto the current 16 categories.
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO-era country codes in the gold file that differ from ISO 3166 alpha-3.
CODE_MAP = {"JAP": "JPN"}
TYPES = tuple(t.value for t in PloverType if t != PloverType.STATEMENT)


def read_plover(data: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(data.glob("plover_*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def read_case(data: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(data.glob("case2021_*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def _articles(texts: Iterable[str], prefix: str) -> list[Article]:
    return [
        Article(id=f"{prefix}-{k}", page_id=prefix, position=Position.MAIN, index=0, title="", body=text)
        for k, text in enumerate(texts)
    ]


def per_label_f1(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str]) -> dict[str, float]:
    """F1 of each label seen in gold or predictions (in the order given)."""
    scores = {}
    for label in (x for x in labels if x in gold or x in predicted):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores


def f1_scores(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str]) -> dict[str, float]:
    """Accuracy, macro-F1 over the labels seen in gold or predictions, and support-weighted F1."""
    by_label = per_label_f1(gold, predicted, labels)
    per_label = list(by_label.values())
    weights = [sum(g == label for g in gold) for label in by_label]
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))
    macro = sum(per_label) / max(1, len(per_label))
    weighted = sum(f * w for f, w in zip(per_label, weights, strict=True)) / max(1, sum(weights))
    return {"accuracy": round(accuracy, 4), "macro_f1": round(macro, 4), "weighted_f1": round(weighted, 4)}


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {CODE_MAP.get(a.get("code", ""), a.get("code", "")) for a in actors if a.get("code")}


def _event_codes(actors: tuple[Actor, ...]) -> set[str]:
    return {a.code for a in actors if a.code}


def score_plover(
    rows: list[dict[str, Any]], llm: LlmSettings | None = None, chooser: bool = CHOOSER
) -> tuple[dict[str, Any], list[str]]:
    annotated = annotate_articles(_articles((r["text"] for r in rows), "plover"))
    gold_types, predicted_types, counts = [], [], Counter[str]()
    per_row: list[Counter[str]] = []
    client = httpx.Client(timeout=llm.timeout_s) if llm is not None else None
    for row, article in zip(rows, annotated, strict=True):
        event = (
            classify_article(article, chooser) if llm is None else _llm_event(article, llm, client, counts)
        )
        gold_types.append(LABEL_MAP.get(row["event"], row["event"]))
        predicted_types.append(str(event.type) if event else "NONE")
        row_counts = Counter[str]()
        _count_actors(row_counts, row, event)
        counts.update(row_counts)
        per_row.append(row_counts)
    summary = _plover_summary(gold_types, predicted_types, counts, len(rows))
    for half, parity in (("tune", 0), ("check", 1)):  # bench/SPLITS.md: odd record number = tune
        keep = [k for k in range(len(rows)) if k % 2 == parity]
        half_counts = sum((per_row[k] for k in keep), Counter[str]())
        summary[half] = _plover_summary(
            [gold_types[k] for k in keep], [predicted_types[k] for k in keep], half_counts, len(keep)
        )
    if client is not None:
        client.close()
        summary["llm_fallbacks"] = counts["llm_fallbacks"]
    tune = range(0, len(rows), 2)  # confusions of the tune half only: the check half is never read
    confusion = Counter((gold_types[k], predicted_types[k]) for k in tune)
    lines = [f"  {g:>10} -> {p:<10} {n}" for (g, p), n in confusion.most_common() if g != p][:12]
    return summary, lines


def _plover_summary(
    gold_types: list[str], predicted_types: list[str], counts: Counter[str], records: int
) -> dict[str, Any]:
    scores = f1_scores(gold_types, predicted_types, TYPES)
    actor = _f1(counts["tp"], counts["fp"], counts["fn"])
    return {
        "type_accuracy": scores["accuracy"],
        "type_macro_f1": scores["macro_f1"],
        "actor_f1": actor,
        "actor_f1_any_role": _f1(counts["tp_any"], counts["fp_any"], counts["fn_any"]),
        "actor_text_f1": _f1(counts["tp_text"], counts["fp_text"], counts["fn_text"]),
        "records": records,
        "type_f1": {
            label: f"{f1:.2f}/{sum(g == label for g in gold_types)}"
            for label, f1 in per_label_f1(gold_types, predicted_types, TYPES).items()
        },
    }


def _llm_event(
    article: AnnotatedArticle, llm: LlmSettings, client: httpx.Client | None, counts: Counter[str]
) -> Event | None:
    """The record's main event as the LLM reads it (as ``classify_article`` picks it); rules on failure."""
    try:
        events = extract_events_llm(article, llm, client=client)
    except ExtractionError as err:
        counts["llm_fallbacks"] += 1
        if counts["llm_fallbacks"] == 1:
            print(f"llm failed, rules used instead (first of the fallbacks): {err}", file=sys.stderr)
        return classify_article(article)
    typed = [e for e in events if e.type != PloverType.STATEMENT]
    return (typed or list(events))[0] if events else None


def _llm_settings(extractor: str, config: Path | None) -> LlmSettings | None:
    """The endpoint for ``--extractor llm`` (None for rules); ConfigError when there is none."""
    if extractor != "llm":
        return None
    llm = load_settings(config).llm
    if not llm.base_url:
        raise ConfigError(
            "--extractor llm needs an OpenAI-compatible endpoint: set NEWSIFT_LLM__BASE_URL and "
            "NEWSIFT_LLM__MODEL (or base_url and model under [llm] in --config)"
        )
    return llm


def _count_actors(counts: Counter[str], row: dict[str, Any], event: Event | None) -> None:
    for role in ("source", "target"):
        gold = _codes(row.get(role))
        predicted = _event_codes(getattr(event, role)) if event else set()
        counts["tp"] += len(gold & predicted)
        counts["fp"] += len(predicted - gold)
        counts["fn"] += len(gold - predicted)
    for role in ("source", "target"):
        gold_texts = [a["actorText"].lower() for a in row.get(role) or [] if isinstance(a, dict)]
        texts = [a.text.lower() for a in getattr(event, role)] if event else []
        hits = sum(any(t in g or g in t for g in gold_texts) for t in texts)
        counts["tp_text"] += hits
        counts["fp_text"] += len(texts) - hits
        counts["fn_text"] += max(0, len(gold_texts) - hits)
    gold_any = _codes(row.get("source")) | _codes(row.get("target"))
    predicted_any = _event_codes(event.source + event.target) if event else set()
    counts["tp_any"] += len(gold_any & predicted_any)
    counts["fp_any"] += len(predicted_any - gold_any)
    counts["fn_any"] += len(gold_any - predicted_any)


def _f1(tp: int, fp: int, fn: int) -> float:
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def score_case(rows: list[dict[str, str]], chooser: bool = CHOOSER) -> dict[str, Any]:
    annotated = annotate_articles(_articles((r["EventSnippet"] for r in rows), "case"))
    gold = [r["SubType"] for r in rows]
    predicted = [classify_acled(a, chooser) for a in annotated]
    labels = sorted(set(gold) | set(predicted))
    summary: dict[str, Any] = {**f1_scores(gold, predicted, labels), "records": len(rows)}
    for half, parity in (("tune", 0), ("check", 1)):  # bench/SPLITS.md: odd row number = tune
        keep = range(parity, len(rows), 2)
        summary[half] = {
            **f1_scores([gold[k] for k in keep], [predicted[k] for k in keep], labels),
            "records": len(keep),
        }
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder with plover_*.jsonl, case2021_*.tsv"
    )
    parser.add_argument("--limit", type=int, default=0, help="score only the first N records of each set")
    parser.add_argument(
        "--extractor", choices=EXTRACTORS, default="rules", help="event extractor of the PLOVER records"
    )
    parser.add_argument("--config", type=Path, help="settings TOML (its [llm] section, for --extractor llm)")
    parser.add_argument("--chooser", action="store_true", help="type with the trained chooser switched on")
    args = parser.parse_args(argv)
    try:
        llm = _llm_settings(args.extractor, args.config)
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"benchmark data not found: {args.data} (see benchdata/events/README.md)", file=sys.stderr)
        return 2
    plover, case = read_plover(args.data), read_case(args.data)
    if args.limit:
        plover, case = plover[: args.limit], case[: args.limit]
    started = time.perf_counter()
    result: dict[str, Any] = {}
    if plover:
        result["plover"], confusion = score_plover(plover, llm, args.chooser or CHOOSER)
        print(f"PLOVER: {result['plover']}")
        print("type F1/gold records, tune | check:")
        for label in TYPES:
            cells = [result["plover"][half]["type_f1"].get(label, "-") for half in ("tune", "check")]
            print(f"  {label:>10} {cells[0]:>8} | {cells[1]:>8}")
        print("most frequent confusions of the tune half (gold -> predicted):", *confusion, sep="\n")
    if case:
        result["case2021"] = score_case(case, args.chooser or CHOOSER)
        print(f"CASE 2021: {result['case2021']}")
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["extractor"] = args.extractor
    result["chooser"] = args.chooser or CHOOSER
    print(json.dumps(result, sort_keys=True))
    if plover and llm is not None and result["plover"]["llm_fallbacks"] == len(plover):
        print("error: every llm request failed; the scores above are the rules'", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
