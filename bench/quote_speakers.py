"""Speaker right on PolNeAR quotes, scored the way bench/defence.py scores its quotes, by half.

Usage: python bench/quote_speakers.py [--set dev|train] [--half tune|check|all] [--data DIR] [--docs N]
       [--errors] [--pronouns]

The split (bench/SPLITS.md): documents are numbered from 1 in sorted ``doc_id`` order; an odd number is the
*tune* half, an even one the *check* half (one annotation file per document, the first in the file).
``--errors`` and ``--pronouns`` print the tune half only. ``--set dev`` (the default) is PolNeAR dev, the
split of bench/quotes.py; ``--set train`` is PolNeAR train, the larger set for reading errors.

Gold sources are spans as written, so only quotes whose gold source names someone (not a pronoun, not a
lowercase description) are scored. A gold quote is an attribution whose content holds a quotation mark; it
is found when the first six words of its content are inside a predicted quote's text (``extract_quotes``),
and its speaker is right when the last capitalised word of the gold source (before any apposition) is in
the predicted ``speaker`` or ``speaker_text``. With ``--pronouns``, quotes whose gold source is 'he'/'she'
are listed with the predicted speaker for reading by hand. Prints counts per half, then ONE JSON object
as the last line: {"set", "tune", "check"} (the halves asked for).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from defence import _norm, words
from newsift.extract.quotes import extract_quotes
from quotes import DEFAULT_DATA, annotate_rows

_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i", "you", "who", "which", "that"))
_MARKS = '"“”'


def gold_speaker(source: str) -> str | None:
    """The surname-like word of a gold source: its last capitalised word before any apposition."""
    head = re.split(r",| of | from | \(|—|–", source)[0].strip()
    if not head or head.lower() in _PRONOUNS:
        return None
    found = [w for w in re.findall(r"[\w'-]+", head) if w[:1].isupper() and w.lower() != "the"]
    if not found:
        return None
    return re.sub(r"'s$", "", found[-1]).lower()


def read_rows(data: Path, name: str, half: str, docs: int) -> list[dict[str, Any]]:
    """The first annotation file of each document in ``half``, at most ``docs`` documents (0: all)."""
    first: dict[str, dict[str, Any]] = {}
    with (data / f"polnear_{name}.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                first.setdefault(row["doc_id"], row)
    ordered = [first[doc] for doc in sorted(first)]
    chosen = [row for n, row in enumerate(ordered, start=1) if half_of(n) == half]
    return chosen[:docs] if docs else chosen


def half_of(number: int) -> str:
    """The fixed split rule: an odd document number (sorted doc ids, from 1) is 'tune', even 'check'."""
    return "tune" if number % 2 == 1 else "check"


def score(rows: list[dict[str, Any]], errors: bool, pronouns: bool) -> dict[str, Any]:
    gold_n = found_n = right_n = pron_n = pron_named = 0
    for annotated, row in zip(annotate_rows(rows), rows, strict=True):
        names = {e.id: e.name for e in annotated.entities}
        quotes = extract_quotes(annotated)
        for rel in row["attributions"]:
            content = " ".join(c["text"] for c in rel["content"])
            if not any(m in content for m in _MARKS) or not rel["source"]:
                continue
            source = " ".join(s["text"] for s in rel["source"])
            head = _norm(" ".join(words(content)[:6]))
            hits = [q for q in quotes if head and head in _norm(q.text)]
            said = [f"{names.get(q.speaker_id or '', '')} {q.speaker_text or ''}".strip() for q in hits]
            if source.strip().lower() in ("he", "she"):
                pron_n += bool(hits)
                pron_named += any(s and s.lower() not in ("he", "she") for s in said)
                if pronouns and hits:
                    print("pronoun", "|", row["doc_id"][:40], "|", said, "|", content[:70])
                continue
            surname = gold_speaker(source)
            if surname is None:
                continue
            gold_n += 1
            if not hits:
                continue
            found_n += 1
            if any(surname in words(s) for s in said):
                right_n += 1
            elif errors:
                print("speaker", "|", row["doc_id"][:40], "|", source[:60], "|", said, "|", content[:60])
    return {
        "docs": len(rows),
        "gold": gold_n,
        "found": found_n,
        "right": right_n,
        "speaker_right": round(right_n / found_n, 3) if found_n else None,
        "pronoun_quotes_found": pron_n,
        "pronoun_quotes_named": pron_named,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--set", dest="name", choices=("dev", "train"), default="dev")
    parser.add_argument("--half", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--docs", type=int, default=0, help="at most N documents per half (0: all)")
    parser.add_argument("--errors", action="store_true", help="print the tune half's speaker errors")
    parser.add_argument("--pronouns", action="store_true", help="list the tune half's he/she quotes")
    args = parser.parse_args(argv)
    halves = ("tune", "check") if args.half == "all" else (args.half,)
    if (args.errors or args.pronouns) and "check" in halves:
        parser.error("--errors/--pronouns read the tune half only: add --half tune")
    result: dict[str, Any] = {"set": f"PolNeAR {args.name}, tune = odd document number, check = even"}
    for half in halves:
        rows = read_rows(args.data, args.name, half, args.docs)
        result[half] = score(rows, args.errors, args.pronouns)
        r = result[half]
        print(
            f"PolNeAR {args.name} {half}, {r['docs']} docs: {r['gold']} named-source quotes, "
            f"found {r['found']}, right {r['right']} ({r['speaker_right']})"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
