"""Speaker right on PolNeAR *train* quotes, scored the way bench/defence.py scores its quotes.

Usage: python bench/quote_speakers.py [--data DIR] [--docs N] [--skip N] [--errors] [--pronouns]

PolNeAR train is the error-analysis set (never reported as a dev figure): its gold sources are spans as
written, so only quotes whose gold source names someone (not a pronoun, not a lowercase description)
are scored. A gold quote is an attribution whose content holds a quotation mark; it is found when the
first six words of its content are inside a predicted quote's text (``extract_quotes``), and its speaker
is right when the last capitalised word of the gold source (before any apposition) is in the predicted
``speaker`` or ``speaker_text``. With ``--pronouns``, quotes whose gold source is 'he'/'she' are listed
with the predicted speaker for reading by hand. Prints counts, then ONE JSON object as the last line.
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


def read_rows(data: Path, docs: int, skip: int = 0) -> list[dict[str, Any]]:
    rows, seen = [], set()
    with (data / "polnear_train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["doc_id"] in seen:
                continue
            seen.add(row["doc_id"])
            if len(seen) > skip:
                rows.append(row)
            if len(rows) >= docs:
                break
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N documents")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--pronouns", action="store_true")
    args = parser.parse_args(argv)
    rows = read_rows(args.data, args.docs, args.skip)
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
                if args.pronouns and hits:
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
            elif args.errors:
                print("speaker", "|", row["doc_id"][:40], "|", source[:60], "|", said, "|", content[:60])
    result = {
        "docs": len(rows),
        "gold": gold_n,
        "found": found_n,
        "speaker_right": round(right_n / found_n, 3) if found_n else None,
        "pronoun_quotes_found": pron_n,
        "pronoun_quotes_named": pron_named,
    }
    print(f"PolNeAR train, {len(rows)} docs: {gold_n} named-source quotes, found {found_n}, right {right_n}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
