"""Article-body extraction: newsift's HTML cleaner against plain trafilatura, in one run.

Usage: python bench/extraction.py [--data DIR] [--cpu]
DIR holds one ``ground-truth*.json`` ({page_id: {"articleBody", "url"}}) and ``html/<page_id>.html.gz``.
Scoring (the benchmark's own): word 4-gram multisets per page; per-page precision and recall with
shared shingles as true positives; precision averaged over pages with output, recall over all pages;
F1 is the harmonic mean of the two averages. Speed (issue #8): pages/s of each over the same pages in one run,
and their ratio (target >= 1.0); ``--cpu`` times both with the process's CPU time instead of the wall
clock (steadier when other processes share the cores). Split (bench/SPLITS.md): odd page numbers in
sorted id order are the tune half, even ones the check half; both are reported, with all pages. Prints a
summary, then ONE JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "extraction" / "dev"
_WORD = re.compile(r"\w+")
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def page_scores(predicted: str, truth: str) -> tuple[float | None, float]:
    """(precision or None when nothing predicted, recall) of one page."""
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def newsift_body(html: str, url: str) -> str:
    from newsift.clean.html import extract_html_article
    from newsift.errors import InputError

    try:
        article = extract_html_article(html, page_id="bench", uri=url, url=url, fetched_at=WHEN)
    except InputError:
        return ""
    return article.body if article else ""


def trafilatura_body(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


PageScore = tuple[float | None, float]
CLOCK: list[Callable[[], float]] = [time.perf_counter]  # --cpu: this process's CPU time instead


def score(
    pages: list[tuple[str, str, str]], extract: Callable[[str, str], str]
) -> tuple[list[PageScore], float]:
    """Per-page (precision or None, recall) of one extractor, and the seconds it took."""
    scores: list[PageScore] = []
    started = CLOCK[0]()
    for html, url, truth in pages:
        scores.append(page_scores(extract(html, url), truth))
    return scores, CLOCK[0]() - started


def summarize(scores: list[PageScore]) -> dict[str, float]:
    """Precision averaged over pages with output, recall over all pages, F1 of the two averages."""
    precisions = [p for p, _ in scores if p is not None]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(r for _, r in scores) / len(scores) if scores else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def halves(scores: list[PageScore]) -> dict[str, dict[str, float]]:
    """bench/SPLITS.md: odd page numbers in sorted id order are the tune half, even ones the check half."""
    return {
        "all": summarize(scores),
        "tune_odd": summarize(scores[0::2]),
        "check_even": summarize(scores[1::2]),
    }


def load(folder: Path) -> list[tuple[str, str, str]]:
    truth_files = sorted(folder.glob("ground-truth*.json"))
    if not truth_files:
        raise FileNotFoundError(f"no ground-truth*.json in {folder}")
    truth = json.loads(truth_files[0].read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        path = folder / "html" / f"{page_id}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pages.append((html, item.get("url") or "", item["articleBody"]))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--cpu", action="store_true", help="time with this process's CPU time (steadier on a shared machine)"
    )
    args = parser.parse_args()
    if args.cpu:
        CLOCK[0] = time.process_time
    if not args.data.is_dir():
        print(
            f"benchmark data not found: {args.data} (it lives in ../shared/benchdata/extraction)",
            file=sys.stderr,
        )
        return 2
    pages = load(args.data)
    load_before = os.getloadavg()[0]
    ours, theirs, ours_s, theirs_s = compare(pages)
    print(f"{len(pages)} pages from {args.data}")
    for half in ("all", "tune_odd", "check_even"):
        for name, result in (("newsift", ours[half]), ("trafilatura", theirs[half])):
            print(
                f"  {half:10} {name:12} P {result['precision']:.3f}  R {result['recall']:.3f}"
                f"  F1 {result['f1']:.3f}"
            )
    ours_rate, theirs_rate = 2 * len(pages) / ours_s, 2 * len(pages) / theirs_s
    print(
        f"  speed: newsift {ours_rate:.1f} pages/s, trafilatura {theirs_rate:.1f} pages/s,"
        f" ratio {ours_rate / theirs_rate:.2f}x (target >= 1.0)"
    )
    print(
        json.dumps(
            {
                "newsift": ours,
                "trafilatura": theirs,
                "pages": len(pages),
                "pages_per_s": round(ours_rate, 1),
                "trafilatura_pages_per_s": round(theirs_rate, 1),
                "speed_ratio": round(ours_rate / theirs_rate, 3),
                "clock": "cpu" if args.cpu else "wall",
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],  # before, after
            }
        )
    )
    return 0


def compare(
    pages: list[tuple[str, str, str]],
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]], float, float]:
    """Scores (all pages and each half) and seconds of both extractors, each timed twice in the order A B B A.

    Both are warmed up on one page first (imports, lxml and trafilatura caches), and the A B B A
    order cancels a load that rises or falls steadily during the run (other processes share the cores).
    """
    for extract in (newsift_body, trafilatura_body):
        extract(*pages[0][:2])
    ours, ours_s = score(pages, newsift_body)
    theirs, theirs_s = score(pages, trafilatura_body)
    theirs_s += score(pages, trafilatura_body)[1]
    ours_s += score(pages, newsift_body)[1]
    return halves(ours), halves(theirs), ours_s, theirs_s


if __name__ == "__main__":
    sys.exit(main())
