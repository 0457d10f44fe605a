"""Score `ask` (grounded question answering) on our own question set: answer accuracy and citation precision.

Usage: python bench/ask.py [--questions FILE] [--corpus DIR] [--per-category N] [--no-rerank] [--verbose]

Two parts, each ingested with the real runner (analysis on) into a temporary store:
- ``examples``: the project's own pages in examples/ (written for the project);
- ``corpus``: the first N business and N politics articles of ../shared/benchdata/corpus/bbc_news.jsonl,
  read at bench time only (never copied into the project); the part is skipped, and says so, when absent.

A question (tests/fixtures/ask/questions.jsonl) gives ``answer``: strings that must all occur in the
answer ('a|b' accepts either), or null when the sources hold no answer; and ``cite``: the acceptable
evidence, each a sentence substring and optionally an article-title substring. Metrics:
- answer accuracy: questions answered right (the strings present, or no answer when none is expected);
- citation precision: of all citations returned, those matching an acceptable evidence of their question;
- citation hit rate: answerable questions whose citations include at least one acceptable evidence;
- fixture misses: acceptable evidence not found in any stored sentence (a broken fixture or split).
Prints one line per question, then ONE JSON object last.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsift.brief.ask import answer_question
from newsift.brief.records import Answer
from newsift.config import Settings
from newsift.link.text import split_sentence_spans
from newsift.runner import run_ingest
from newsift.store import SqliteStore, iter_articles

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "tests" / "fixtures" / "ask" / "questions.jsonl"
CORPUS = REPO / ".." / "shared" / "benchdata" / "corpus"
CATEGORIES = ("business", "politics")
FETCHED_AT = datetime(2025, 5, 2, 12, 0, tzinfo=UTC)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def read_questions(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_corpus_slice(corpus: Path, folder: Path, per_category: int) -> Path | None:
    """The first ``per_category`` articles of each category, as JSONL in ``folder``; None when absent."""
    source = corpus / "bbc_news.jsonl"
    if not source.exists():
        return None
    counts = dict.fromkeys(CATEGORIES, 0)
    kept = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            category = row.get("category")
            if category in counts and counts[category] < per_category:
                counts[category] += 1
                kept.append(json.dumps({"id": row["id"], "title": row["title"], "text": row["text"]}))
    path = folder / "bbc-slice.jsonl"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def build_store(path: Path, inputs: Sequence[str]) -> tuple[SqliteStore, int]:
    store = SqliteStore(path)
    report = run_ingest(list(inputs), store, Settings(db=str(path)), fetched_at=FETCHED_AT)
    return store, report.n_stored


def _titles(store: SqliteStore) -> dict[str, str]:
    return {a.id: a.title for a in iter_articles(store)}


def _matches(cite: dict[str, str], article_title: str, sentence: str) -> bool:
    if "title" in cite and _norm(cite["title"]) not in _norm(article_title):
        return False
    return _norm(cite["sentence"]) in _norm(sentence)


def score_answer(question: dict[str, Any], answer: Answer, titles: dict[str, str]) -> dict[str, Any]:
    """Correctness, matching citations and total citations of one answer."""
    expected = question["answer"]
    if expected is None:
        correct = answer.text is None
    else:
        text = _norm(answer.text or "")
        correct = answer.text is not None and all(
            any(_norm(alt) in text for alt in group.split("|")) for group in expected
        )
    good = [
        c for c in answer.citations
        if any(_matches(cite, titles.get(c.article_id, ""), c.sentence) for cite in question["cite"])
    ]  # fmt: skip
    return {"correct": correct, "n_cited": len(answer.citations), "n_good": len(good)}


def count_fixture_misses(questions: list[dict[str, Any]], store: SqliteStore) -> list[str]:
    """Acceptable evidence that no stored sentence (or title) holds: ``id: sentence`` each."""
    sentences = []
    for article in iter_articles(store):
        spans = split_sentence_spans(article.text)
        sentences += [(article.title, article.text[s:e]) for s, e in spans] + [(article.title, article.title)]
    return [
        f"{q['id']}: {cite['sentence']}"
        for q in questions
        for cite in q["cite"]
        if not any(_matches(cite, title, sentence) for title, sentence in sentences)
    ]


def run_part(
    name: str, questions: list[dict[str, Any]], store: SqliteStore, *, rerank: bool, verbose: bool
) -> dict[str, Any]:
    titles = _titles(store)
    rows = []
    started = time.perf_counter()
    for question in questions:
        answer = answer_question(store, question["question"], rerank=rerank)
        row = {"id": question["id"], "method": answer.method, **score_answer(question, answer, titles)}
        rows.append(row)
        mark = "ok " if row["correct"] else "BAD"
        print(f"{mark} {row['id']:<28} {answer.method:<9} cites {row['n_good']}/{row['n_cited']}")
        if verbose and not row["correct"]:
            print(f"      Q: {question['question']}\n      A: {answer.text}")
    elapsed = time.perf_counter() - started
    return _summary(name, questions, rows, elapsed, count_fixture_misses(questions, store))


def _summary(
    name: str, questions: list[dict[str, Any]], rows: list[dict[str, Any]], elapsed: float, misses: list[str]
) -> dict[str, Any]:
    answerable = [r for r, q in zip(rows, questions, strict=True) if q["answer"] is not None]
    cited = sum(r["n_cited"] for r in rows)
    for miss in misses:
        print(f"fixture miss ({name}): {miss}", file=sys.stderr)
    return {
        "n_questions": len(rows),
        "answer_accuracy": round(sum(r["correct"] for r in rows) / len(rows), 3) if rows else None,
        "citation_precision": round(sum(r["n_good"] for r in rows) / cited, 3) if cited else None,
        "citation_hit_rate": (
            round(sum(r["n_good"] > 0 for r in answerable) / len(answerable), 3) if answerable else None
        ),
        "n_citations": cited,
        "n_good_citations": sum(r["n_good"] for r in rows),
        "by_method": {m: sum(r["method"] == m for r in rows) for m in sorted({r["method"] for r in rows})},
        "fixture_misses": len(misses),
        "ms_per_question": round(1000 * elapsed / len(rows), 1) if rows else None,
    }


def _overall(parts: dict[str, dict[str, Any]], n_by_part: dict[str, int]) -> dict[str, Any]:
    """Question-weighted means over the parts that ran."""
    ran = {k: v for k, v in parts.items() if isinstance(v, dict) and v.get("n_questions")}
    total = sum(n_by_part[k] for k in ran)
    result: dict[str, Any] = {"n_questions": total}
    for key in ("answer_accuracy", "citation_hit_rate"):
        values = [(v[key], n_by_part[k]) for k, v in ran.items() if v[key] is not None]
        weight = sum(n for _, n in values)
        result[key] = round(sum(x * n for x, n in values) / weight, 3) if weight else None
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--per-category", type=int, default=100, help="corpus articles per category")
    parser.add_argument("--no-rerank", action="store_true", help="BM25 only, even with MiniLM installed")
    parser.add_argument("--verbose", action="store_true", help="print the wrong answers")
    args = parser.parse_args(argv)
    questions = read_questions(args.questions)
    by_part = {p: [q for q in questions if q["part"] == p] for p in ("examples", "corpus")}
    parts: dict[str, Any] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsift-ask-") as folder:
        inputs: dict[str, list[str]] = {"examples": [str(REPO / "examples")]}
        sliced = write_corpus_slice(args.corpus, Path(folder), args.per_category)
        if sliced is None:
            print(f"corpus absent: {args.corpus / 'bbc_news.jsonl'} (corpus part skipped)", file=sys.stderr)
            parts["corpus"] = "absent"
        else:
            inputs["corpus"] = [str(sliced)]
        for name, items in inputs.items():
            store, n_stored = build_store(Path(folder) / f"{name}.db", items)
            print(f"== {name}: {n_stored} articles stored, {len(by_part[name])} questions")
            parts[name] = {"n_articles": n_stored}
            parts[name] |= run_part(
                name, by_part[name], store, rerank=not args.no_rerank, verbose=args.verbose
            )
            store.close()
    result = {
        "bench": "ask",
        **_overall(parts, {k: len(v) for k, v in by_part.items()}),
        "citation_precision": _precision(parts),
        "parts": parts,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, sort_keys=True))
    return 0


def _precision(parts: dict[str, Any]) -> float | None:
    """Citation precision over both parts: good citations over all citations returned."""
    ran = [v for v in parts.values() if isinstance(v, dict) and "n_citations" in v]
    cited = sum(v["n_citations"] for v in ran)
    return round(sum(v["n_good_citations"] for v in ran) / cited, 3) if cited else None


if __name__ == "__main__":
    raise SystemExit(main())
