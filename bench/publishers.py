"""Unseen publishers: title, authors, date and body of real pages, newsift against trafilatura in one run.

Usage: python bench/publishers.py --data DIR [--languages en]
DIR is the parser test-data folder of the Fundus project (MIT; ``tests/resources/parser/test_data`` of
github.com/flairNLP/fundus): one folder per country, each with ``<Publisher>.json`` (gold ``title``,
``authors``, ``publishing_date`` and ``body`` per parser version ``V1``, ``V2``...) and
``<Publisher>_<date>.html.gz`` (one saved page per version, in the same order). The data is not shipped
with newsift; extract it anywhere (``git archive`` of a clone) and point ``--data`` at it.

Pages are kept when the gold body's language (newsift's detector) is one of ``--languages``. Scores per
page: title exact (whitespace-normalised, curly quotes read as straight), authors F1 (case-insensitive;
newsift's people plus its wire, since the gold lists agencies as authors; no gold and no prediction is
1.0), date on the day (the day in the zone the page states, or the UTC day; newsift's time is given
in the zone its source text states), body word-4-gram precision and recall as in
bench/extraction.py. A second authors figure (``+credit``) follows the gold's convention of listing the
outlet or desk a page credits when it names no person: newsift keeps that credit out of ``authors`` (an
``organisation credit`` in ``Article.removed``) and it is counted there only when newsift has no person or
wire; trafilatura's author field is scored the same both ways.
Split (bench/SPLITS.md): odd publisher number (sorted country/name) is the tune half, even the check
half; a publisher's pages stay together. ``--errors`` prints newsift's title, author and date misses on the
tune half only (no flag prints the check half's); ``--tune-only`` scores the tune half alone, for work in
progress, so that the check half is scored only when a figure is reported. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from extraction import PageScore, page_scores, summarize  # noqa: E402
from metadata import authors_f1  # noqa: E402

WHEN = datetime(2026, 1, 1, tzinfo=UTC)
_VERSION = re.compile(r"V(\d+)")


@dataclass(frozen=True, slots=True)
class Page:
    publisher: str
    number: int  # publisher number, 1-based, in sorted country/name order
    html: str
    url: str
    title: str
    authors: tuple[str, ...]
    published: str
    body: str


@dataclass(frozen=True, slots=True)
class Extracted:
    title: str
    authors: tuple[str, ...]
    published: str
    body: str
    credits: tuple[str, ...] = ()  # the outlet or desk credited when no person is (newsift's removed record)


def gold_body(body: dict[str, object]) -> str:
    """Summary, then each section's headline and paragraphs, one per line."""
    lines: list[str] = [str(line) for line in body.get("summary") or []]  # type: ignore[attr-defined]
    for section in body.get("sections") or []:  # type: ignore[attr-defined]
        lines += [str(line) for line in section.get("headline") or []]
        lines += [str(line) for line in section.get("paragraphs") or []]
    return "\n".join(lines)


def load(root: Path, languages: set[str]) -> list[Page]:
    from newsift.clean.language import detect_language

    pages: list[Page] = []
    number = 0
    for gold_file in sorted(root.glob("*/*.json")):
        if gold_file.name == "meta.info":
            continue
        name = gold_file.stem
        group = gold_file.parent
        meta = json.loads((group / "meta.info").read_text(encoding="utf-8"))
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        versions = sorted(gold, key=lambda v: int(m.group(1)) if (m := _VERSION.fullmatch(v)) else 0)
        files = sorted(group.glob(f"{name}_*.html.gz"))
        if len(files) != len(versions):
            print(
                f"skipped {group.name}/{name}: {len(files)} pages for {len(versions)} versions",
                file=sys.stderr,
            )
            continue
        htmls = [gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace") for path in files]
        chosen = []
        for version, path, html in _pair(gold, versions, files, htmls):
            item = gold[version]
            body = gold_body(item.get("body") or {})
            if detect_language(body) not in languages:
                continue
            chosen.append((item, body, html, (meta.get(path.name) or {}).get("url") or ""))
        if not chosen:
            continue
        number += 1
        for item, body, html, url in chosen:
            pages.append(
                Page(
                    publisher=f"{group.name}/{name}",
                    number=number,
                    html=html,
                    url=url,
                    title=" ".join(str(item.get("title") or "").split()),
                    authors=tuple(str(a) for a in item.get("authors") or ()),
                    published=str(item.get("publishing_date") or ""),
                    body=body,
                )
            )
    return pages


def _pair(
    gold: dict[str, dict[str, object]], versions: list[str], files: list[Path], htmls: list[str]
) -> list[tuple[str, Path, str]]:
    """Each gold version with the saved page that holds its title and first paragraph (the file names
    carry crawl dates, the versions numbers; the two orders do not always agree)."""
    texts = [unescape(html) for html in htmls]

    def fit(version: str, index: int) -> int:
        item = gold[version]
        first = gold_body(item.get("body") or {}).split("\n")[0][:60]  # type: ignore[arg-type]
        title = " ".join(str(item.get("title") or "").split())[:40]
        return (title in texts[index]) + (bool(first) and first in texts[index])

    free = list(range(len(files)))
    pairs = []
    for version in versions:
        best = max(free, key=lambda index: fit(version, index))  # first of equals: the crawl-date order
        free.remove(best)
        pairs.append((version, files[best], htmls[best]))
    return pairs


def newsift_page(page: Page) -> Extracted:
    from newsift.clean.html import extract_html_article
    from newsift.clean.noise import ORGANISATION_CREDIT
    from newsift.clean.structured import parse_stated_datetime
    from newsift.errors import InputError

    try:
        article = extract_html_article(
            page.html, page_id="bench", uri=page.url, url=page.url, fetched_at=WHEN
        )
    except InputError:
        article = None
    if article is None:
        return Extracted("", (), "", "")
    authors = article.authors + ((article.wire,) if article.wire else ())
    # the time in the zone the page states, so that its day is the one the page's reader saw
    moment = parse_stated_datetime(article.published_text) or article.published_at
    published = moment.isoformat() if moment else ""
    credits = tuple(r.text for r in article.removed if r.reason == ORGANISATION_CREDIT)
    return Extracted(article.title or "", authors, published, article.body, credits)


def trafilatura_page(page: Page) -> Extracted:
    import trafilatura

    document = trafilatura.bare_extraction(
        page.html, url=page.url, with_metadata=True, include_comments=False
    )
    if document is None:
        return Extracted("", (), "", "")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    authors = tuple(a.strip() for a in (data.get("author") or "").split(";") if a.strip())
    return Extracted(data.get("title") or "", authors, data.get("date") or "", data.get("text") or "")


_QUOTES = str.maketrans("‘’“”", "''\"\"")


def same_title(predicted: str, gold: str) -> bool:
    """Equal once whitespace is normalised and curly quotes are straight (a glyph, not a wording)."""
    return " ".join(predicted.split()).translate(_QUOTES) == " ".join(gold.split()).translate(_QUOTES)


def same_day(predicted: str, gold: str) -> bool:
    """The predicted time falls on the gold day, read as stated or in UTC."""
    if not predicted or not gold:
        return not predicted and not gold
    try:
        got, want = datetime.fromisoformat(predicted), datetime.fromisoformat(gold)
    except ValueError:
        return predicted[:10] == gold[:10]
    if got.date() == want.date():
        return True
    if got.tzinfo is not None and want.tzinfo is not None:
        return got.astimezone(UTC).date() == want.astimezone(UTC).date()
    return False


PageResult = tuple[bool, float, bool, PageScore, float]


def score_pages(pages: list[Page], extract: Callable[[Page], Extracted]) -> list[PageResult]:
    """(title exact, authors F1, same day, body precision/recall, authors F1 with credits) of each page."""
    results: list[PageResult] = []
    for page in pages:
        got = extract(page)
        results.append(
            (
                same_title(got.title, page.title),
                authors_f1(got.authors, page.authors),
                same_day(got.published, page.published),
                page_scores(got.body, page.body),
                authors_f1(got.authors or got.credits, page.authors),
            )
        )
    return results


def summarize_pages(results: list[PageResult]) -> dict[str, float]:
    n = len(results) or 1
    body = summarize([r[3] for r in results])
    return {
        "title_exact": round(sum(r[0] for r in results) / n, 3),
        "authors_f1": round(sum(r[1] for r in results) / n, 3),
        "authors_f1_credit": round(sum(r[4] for r in results) / n, 3),
        "date_day": round(sum(r[2] for r in results) / n, 3),
        "body_p": body["precision"],
        "body_r": body["recall"],
        "body_f1": body["f1"],
    }


def print_tune_errors(pages: list[Page], results: list[PageResult]) -> None:
    """Title, author and date misses of the tune half (odd publishers); the check half is never printed."""
    for page, (title_ok, authors, day_ok, _, _) in zip(pages, results, strict=True):
        if page.number % 2 == 0 or (title_ok and authors == 1.0 and day_ok):
            continue
        got = newsift_page(page)
        print(f"-- {page.publisher} ({page.url})", file=sys.stderr)
        if not title_ok:
            print(f"   title  got {got.title!r}\n          want {page.title!r}", file=sys.stderr)
        if authors < 1.0:
            print(f"   authors got {list(got.authors)}\n          want {list(page.authors)}", file=sys.stderr)
        if not day_ok:
            print(f"   date   got {got.published!r} want {page.published!r}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="Fundus tests/resources/parser/test_data")
    parser.add_argument("--languages", default="en", help="comma-separated ISO 639-1 codes (default en)")
    parser.add_argument("--errors", action="store_true", help="print newsift's misses on the tune half only")
    parser.add_argument(
        "--tune-only",
        action="store_true",
        help="load and score the tune half alone (the check half is not run)",
    )
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"publisher test data not found: {args.data}", file=sys.stderr)
        return 2
    pages = load(args.data, set(args.languages.split(",")))
    if args.tune_only:
        pages = [page for page in pages if page.number % 2 == 1]
    results = {
        "newsift": score_pages(pages, newsift_page),
        "trafilatura": score_pages(pages, trafilatura_page),
    }
    if args.errors:
        print_tune_errors(pages, results["newsift"])
    halves = {
        "tune (odd publishers)": lambda p: p.number % 2 == 1,
        "check (even publishers)": lambda p: p.number % 2 == 0,
        "all": lambda p: True,
    }
    if args.tune_only:
        halves = {"tune (odd publishers)": halves["tune (odd publishers)"]}
    report: dict[str, dict[str, object]] = {}
    for half, keep in halves.items():
        chosen = [i for i, page in enumerate(pages) if keep(page)]
        publishers = len({pages[i].publisher for i in chosen})
        report[half] = {"pages": len(chosen), "publishers": publishers}
        print(f"{half}: {len(chosen)} pages from {publishers} publishers")
        for name, per_page in results.items():
            result = summarize_pages([per_page[i] for i in chosen])
            report[half][name] = result
            print(
                f"  {name:12} title {result['title_exact']:.3f}  authors F1 {result['authors_f1']:.3f}"
                f" (+credit {result['authors_f1_credit']:.3f})"
                f"  date {result['date_day']:.3f}  body P {result['body_p']:.3f} R {result['body_r']:.3f}"
                f" F1 {result['body_f1']:.3f}"
            )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
