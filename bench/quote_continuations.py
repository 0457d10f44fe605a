"""Continued quotes on the defence excerpts: gold quotes with no attribution of their own (a quote that
goes on in the next sentence or paragraph), found and credited to the right speaker, per half.

Usage: python bench/quote_continuations.py [--data DIR]

Uses the scoring of bench/defence.py (the first six words of the gold text inside a predicted quote;
the gold surname inside ``speaker`` or ``speaker_text``) on the gold quotes whose ``speaker_as_written``
says "continuation". Prints counts only (never texts), then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from defence import DEFAULT_DATA, _norm, analyze_file, half_of, words


def score(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[int, int, int]:
    """(continued gold quotes, found, speaker right) for one file."""
    n = found = right = 0
    for g in gold.get("quotes", []):
        if "continuation" not in (g.get("speaker_as_written") or ""):
            continue
        n += 1
        head = _norm(" ".join(words(g["text"])[:6]))
        hits = [q for q in pred.get("quotes", []) if head and head in _norm(q.get("text"))]
        found += bool(hits)
        surname = words(g["speaker"])[-1] if words(g["speaker"]) else ""
        right += any(
            surname in words(f"{q.get('speaker') or ''} {q.get('speaker_text') or ''}") for q in hits
        )
    return n, found, right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    gold_path = args.data / "gold.jsonl"
    if not gold_path.exists():
        print(f"defence data absent: {gold_path}", file=sys.stderr)
        return 2
    totals = {half: [0, 0, 0] for half in ("tune", "check")}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        counts = score(gold, analyze_file(args.data / gold["file"]))
        for k, value in enumerate(counts):
            totals[half_of(gold["file"])][k] += value
    for half, (n, found, right) in totals.items():
        print(f"{half:6} continued gold quotes {n}, found {found}, speaker right {right}")
    print(
        json.dumps(
            {
                half: dict(zip(("gold", "found", "speaker_right"), t, strict=True))
                for half, t in totals.items()
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
