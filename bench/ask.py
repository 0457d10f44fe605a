"""Score `ask` (grounded question answering) on our own question set: answer accuracy and citation precision.

Usage: python bench/ask.py [--questions FILE] [--corpus DIR] [--per-category N] [--no-rerank] [--verbose]
       [--batches 152,246,292,366,409,436] [--old-set 436] [--half tune|check|all]

Three parts, each ingested with the real runner (analysis on) into a temporary store of its own:
- ``examples``: the project's own pages in examples/ (written for the project);
- ``fixtures``: pages written for this bench in tests/fixtures/ask/pages/ (other shapes and topics:
  a joint order, an approved sale, a company's results, a joint exercise, a vote on a bill, a takeover,
  an arms delivery, a recall, an access pact, a rate decision;
  public facts and invented people and firms, in our words);
- ``corpus``: the first N business and N politics articles of ../shared/benchdata/corpus/bbc_news.jsonl,
  read at bench time only (never copied into the project); the part is skipped, and says so, when absent.

A question (tests/fixtures/ask/questions.jsonl) gives ``answer``: strings that must all occur in the
answer ('a|b' accepts either), or null when the sources hold no answer; and ``cite``: the acceptable
evidence, each a sentence substring and optionally an article-title substring. Metrics:
- answer accuracy: questions answered right (the strings present, or no answer when none is expected);
- citation precision: of all citations returned, those matching an acceptable evidence of their question;
- citation hit rate: answerable questions whose citations include at least one acceptable evidence;
- fixture misses: acceptable evidence not found in any stored sentence (a broken fixture or split).
Questions are split by bench/SPLITS.md: odd question numbers (1-based line number in the file) are the
**tune** half, even the **check** half. Per-question lines and ``--verbose`` errors are printed for the
tune half only; the check half is scored and reported, never shown. Each question has a ``kind``: "facts"
(answerable from events, claims or quotes), "passages" (only from sentences) or "none" (no answer).
Prints the tune half's lines, then ONE JSON object last (each half, each part, each kind, each batch
of questions as written session by session: ``--batches``, and the old set apart from the new lines:
``--old-set``). ``--half tune`` scores the tune half alone (no check figure is computed: the runs made
while rules change); the default scores both.
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
from newsift.pipeline.runner import run_ingest
from newsift.store import SqliteStore, iter_articles

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "tests" / "fixtures" / "ask" / "questions.jsonl"
PAGES = REPO / "tests" / "fixtures" / "ask" / "pages"
CORPUS = REPO / ".." / "shared" / "benchdata" / "corpus"
CATEGORIES = ("business", "politics")
FETCHED_AT = datetime(2025, 5, 2, 12, 0, tzinfo=UTC)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def read_questions(path: Path) -> list[dict[str, Any]]:
    """The questions, each with its 1-based number and half ("tune" when odd, "check" when even)."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [q | {"number": n, "half": "tune" if n % 2 else "check"} for n, q in enumerate(rows, start=1)]


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
    questions: list[dict[str, Any]], store: SqliteStore, *, rerank: bool, verbose: bool
) -> list[dict[str, Any]]:
    """Score each question; print a line for each tune-half question (and its wrong answer when verbose)."""
    titles = _titles(store)
    rows = []
    for question in questions:
        started = time.perf_counter()
        answer = answer_question(store, question["question"], rerank=rerank)
        row = {
            **{k: question[k] for k in ("id", "number", "half", "kind", "part", "answer")},
            "method": answer.method,
            "ms": 1000 * (time.perf_counter() - started),
            **score_answer(question, answer, titles),
        }
        rows.append(row)
        if question["half"] != "tune":
            continue
        mark = "ok " if row["correct"] else "BAD"
        cites = f"{row['n_good']}/{row['n_cited']}"
        print(f"{mark} {question['number']:>3} {row['id']:<28} {answer.method:<9} cites {cites}")
        if verbose and (not row["correct"] or row["n_good"] < row["n_cited"]):
            print(f"      Q: {question['question']}\n      A: {answer.text}")
            for c in answer.citations:
                print(f"      C: {c.sentence}")
    return rows


def summarize_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy, citation precision and hit rate over some scored questions."""
    answerable = [r for r in rows if r["answer"] is not None]
    cited = sum(r["n_cited"] for r in rows)
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
    }


def _breakdown(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One half: overall, per part and per kind."""
    return {
        **summarize_rows(rows),
        "parts": {
            p: summarize_rows([r for r in rows if r["part"] == p]) for p in sorted({r["part"] for r in rows})
        },
        "kinds": {
            k: summarize_rows([r for r in rows if r["kind"] == k]) for k in sorted({r["kind"] for r in rows})
        },
    }


def _batches(rows: list[dict[str, Any]], ends: list[int]) -> dict[str, Any]:
    """Each batch of questions (lines first..last) on its own, per half: accuracy and precision only."""
    out: dict[str, Any] = {}
    first = 1
    for last in [*sorted(ends), max((r["number"] for r in rows), default=0)]:
        batch = [r for r in rows if first <= r["number"] <= last]
        if batch:
            out[f"{first}-{last}"] = {
                h: {
                    k: summarize_rows(part)[k]
                    for k in ("n_questions", "answer_accuracy", "citation_precision")
                }
                for h in ("tune", "check")
                if (part := [r for r in batch if r["half"] == h])
            }
        first = last + 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--per-category", type=int, default=100, help="corpus articles per category")
    parser.add_argument("--no-rerank", action="store_true", help="BM25 only, even with MiniLM installed")
    parser.add_argument("--verbose", action="store_true", help="print the wrong answers")
    parser.add_argument(
        "--batches",
        default="152,246,292,366,409,436",
        help="last line of each earlier batch of questions: each batch is also scored on its own, per half "
        "(default: the session 5, 6, 7 and 10 sets, the two session 11 batches, then the rest)",
    )
    parser.add_argument(
        "--old-set",
        type=int,
        default=436,
        help="last line of the set before this session's questions: the old set and the enlarged "
        "set's new lines are also scored apart, per half (JSON key 'sets')",
    )
    parser.add_argument(
        "--half",
        choices=("tune", "check", "all"),
        default="all",
        help="score one half only (tune: for the runs made while rules change)",
    )
    args = parser.parse_args(argv)
    questions = [q for q in read_questions(args.questions) if args.half in {"all", q["half"]}]
    by_part = {p: [q for q in questions if q["part"] == p] for p in ("examples", "fixtures", "corpus")}
    rows: list[dict[str, Any]] = []
    parts: dict[str, Any] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsift-ask-") as folder:
        inputs: dict[str, list[str]] = {"examples": [str(REPO / "examples")], "fixtures": [str(PAGES)]}
        sliced = write_corpus_slice(args.corpus, Path(folder), args.per_category)
        if sliced is None:
            print(f"corpus absent: {args.corpus / 'bbc_news.jsonl'} (corpus part skipped)", file=sys.stderr)
            parts["corpus"] = "absent"
        else:
            inputs["corpus"] = [str(sliced)]
        for name, items in inputs.items():
            if not by_part[name]:
                continue
            store, n_stored = build_store(Path(folder) / f"{name}.db", items)
            print(f"== {name}: {n_stored} articles stored, {len(by_part[name])} questions")
            part_rows = run_part(by_part[name], store, rerank=not args.no_rerank, verbose=args.verbose)
            misses = count_fixture_misses(by_part[name], store)
            for miss in misses:
                print(f"fixture miss ({name}): {miss}", file=sys.stderr)
            parts[name] = {
                "n_articles": n_stored,
                "fixture_misses": len(misses),
                "ms_per_question": round(sum(r["ms"] for r in part_rows) / len(part_rows), 1)
                if part_rows
                else None,
            }
            rows += part_rows
            store.close()
    result = {
        "bench": "ask",
        "n_questions": len(rows),
        "kinds": {k: sum(r["kind"] == k for r in rows) for k in sorted({r["kind"] for r in rows})},
        **{
            h: _breakdown([r for r in rows if r["half"] == h])
            for h in ("tune", "check")
            if args.half in {"all", h}
        },
        "parts": parts,
        "batches": _batches(rows, [int(x) for x in args.batches.split(",") if x.strip()]),
        "sets": _batches(rows, [args.old_set]),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
