"""Score events, claims and quotes on the defence excerpts (benchdata/defence/README.md "How to score").

Usage: python bench/defence.py [--data DIR] [--half tune|check|both] [--errors [--only KINDS]] [--tally]

The split (see bench/SPLITS.md): a file belongs to the *tune* half when the number in its name is odd
(a01, a03, ..., c09) and to the *check* half when it is even (a02, ..., c10). Rules are changed only
after reading errors of the tune half; the check half is reported, never read (``--errors`` refuses
to print it).

Prints a human summary per half and per family (a, b, c), then ONE JSON object as the last line:
{"all": {...}, "tune": {...}, "check": {...}, "families": {"a": {...}, ...}}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "benchdata" / "defence" / "dev"
ROLE_SUBTYPES = frozenset({"arms_transfer", "upgrade", "export_ban"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_WORD = re.compile(r"[\w'-]+")


def half_of(name: str) -> str:
    """The fixed split rule: odd file number = tune, even = check."""
    digits = re.findall(r"\d+", name)
    return "tune" if digits and int(digits[-1]) % 2 == 1 else "check"


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").translate(_QUOTES).lower())


def same_sentence(a: str | None, b: str | None) -> bool:
    """At least 80 % of the shorter sentence's words are in the other."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    short, other = (wa, set(wb)) if len(wa) <= len(wb) else (wb, set(wa))
    return sum(w in other for w in short) / len(short) >= 0.8


def _codes(actors: Iterable[dict[str, Any]] | None) -> set[str]:
    """ISO codes, ids and (for organisations, which gold names as written) the folded name."""
    out: set[str] = set()
    for actor in actors or ():
        for key in ("code", "id"):
            value = actor.get(key)
            if value:
                out.add(str(value))
        if str(actor.get("id") or "").startswith("organisation:"):  # its canonical name, from the slug
            out.add(_norm(str(actor["id"]).split(":", 1)[1].replace("-", " ")))
        if actor.get("text"):
            out.add(_norm(actor["text"]))
    return out


def _gold_key(code: str) -> str:
    """Gold keeps an organisation's name ('UN Security Council'): compare it folded."""
    return code if re.fullmatch(r"[A-Z]{3}", code) else _norm(code)


def _gold_codes(event: dict[str, Any]) -> set[str]:
    codes = {event.get("source_actor"), event.get("target_actor"), *(event.get("participants") or [])}
    return {_gold_key(c) for c in codes if c}


def _matches(name: str, text: str) -> bool:
    return _norm(name) in _norm(text)


def _norm(text: str | None) -> str:
    return " ".join(words(text))


def analyze_file(path: Path) -> dict[str, Any]:
    from newsift.config import load_settings
    from newsift.pipeline.steps import analyze_input
    from newsift.views import render_analysis_json

    analyses = analyze_input(str(path), load_settings())
    return render_analysis_json(analyses)


def _year_of(event: dict[str, Any]) -> int | None:
    time = event.get("time") or {}
    value = time.get("value") if isinstance(time, dict) else None
    if value and time.get("source") != "report":
        match = re.match(r"(\d{4})", str(value))
        if match:
            return int(match.group(1))
    year = event.get("year")
    return int(year) if isinstance(year, int) else None


def _cause(err: tuple[str, ...]) -> str:
    """A missed mention's cause as a tally suffix (a category, never text)."""
    return f" ({err[3]})" if err[0] == "missed" and len(err) > 3 else ""


def _miss_cause(pred: dict[str, Any], gold_event: dict[str, Any]) -> str:
    """Why a gold mention was missed, from what its sentence gave: 'gated' (an event with no defence
    subtype: the gate or a framing dropped it), 'as <subtype>' (another defence subtype), 'nothing'."""
    sentence = gold_event["sentence"]
    here = [e for e in pred.get("events", []) if same_sentence(e["evidence"]["sentence"], sentence)]
    others = sorted({e["subtype"] for e in here if e.get("subtype")})
    if others:
        return "as " + "+".join(others)
    return "gated" if here else "nothing"


def score_file(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    """Counts for one file (summed later)."""
    c: dict[str, Any] = {k: 0 for k in COUNT_KEYS}
    c["errors"] = []
    events = [e for e in pred.get("events", []) if e.get("subtype") and e.get("subtype") != "other"]
    for g in gold.get("events", []):
        if g["subtype"] == "other":
            continue
        c["typed_gold"] += 1
        same = [
            e
            for e in events
            if e["subtype"] == g["subtype"] and same_sentence(e["evidence"]["sentence"], g["sentence"])
        ]
        if not same:
            c["errors"].append(("missed", g["subtype"], g["sentence"][:160], _miss_cause(pred, g)))
            continue
        c["typed_hit"] += 1
        need = _gold_codes(g)
        # the README's full recall asks for every ISO code of the gold mention; the stricter reading
        # (organisations' names too, 'full_names') is kept beside it
        iso = {code for code in need if re.fullmatch(r"[A-Z]{3}", code)}
        named = [
            e for e in same if need <= _codes(e["source"]) | _codes(e["target"]) | _codes(e["participants"])
        ]
        c["full_names_hit"] += bool(named)
        full = [
            e for e in same if iso <= _codes(e["source"]) | _codes(e["target"]) | _codes(e["participants"])
        ]
        if g["subtype"] in ROLE_SUBTYPES and g.get("source_actor") and g.get("target_actor"):
            c["role_gold"] += 1
            if any(
                _gold_key(g["source_actor"]) in _codes(e["source"])
                and _gold_key(g["target_actor"]) in _codes(e["target"])
                for e in same
            ):
                c["role_hit"] += 1
            elif full:  # every party is there, in the wrong roles
                roles = [(sorted(_codes(e["source"])), sorted(_codes(e["target"]))) for e in same]
                wanted = f"{g['source_actor']} -> {g['target_actor']}"
                c["errors"].append(("roles", g["subtype"], f"gold {wanted} got {roles}", g["sentence"][:160]))
        if not full:
            got = [
                (sorted(_codes(e["source"])), sorted(_codes(e["target"])), sorted(_codes(e["participants"])))
                for e in same
            ]
            c["errors"].append(
                (
                    "actors",
                    g["subtype"],
                    f"gold {sorted(need)} src={g.get('source_actor')} got {got}",
                    g["sentence"][:160],
                )
            )
            continue
        c["full_hit"] += 1
        best = full[0]
        c["status_gold"] += 1
        if any(e["status"] == g["status"] for e in full):
            c["status_hit"] += 1
        else:
            c["errors"].append(
                ("status", g["subtype"], f"gold {g['status']} got {best['status']}", g["sentence"][:160])
            )
        if g.get("quantity") is not None:
            c["quantity_gold"] += 1
            c["quantity_hit"] += any(e.get("quantity") == g["quantity"] for e in full)
        if g.get("value"):
            c["value_gold"] += 1
            gv = g["value"]
            c["value_hit"] += any(
                (e.get("value") or {}).get("currency") == gv["currency"]
                and abs(float((e.get("value") or {}).get("amount") or 0) - gv["amount"])
                <= 0.01 * gv["amount"]
                for e in full
            )
        if g.get("year"):
            c["year_gold"] += 1
            c["year_hit"] += any(_year_of(e) == g["year"] for e in full)
    gold_sentences = [(g["subtype"], g["sentence"]) for g in gold.get("events", [])]
    for e in events:
        c["pred"] += 1
        if any(
            st == e["subtype"] and same_sentence(s, e["evidence"]["sentence"]) for st, s in gold_sentences
        ):
            c["pred_hit"] += 1
        else:
            c["errors"].append(("false", e["subtype"], e["evidence"]["sentence"][:160]))
    for g in gold.get("claims", []):
        c["claim_gold"] += 1
        if any(
            k.get("status") == g["status"] and same_sentence(k["evidence"]["sentence"], g["sentence"])
            for k in pred.get("claims", [])
        ):
            c["claim_hit"] += 1
        else:
            got = [
                k.get("status")
                for k in pred.get("claims", [])
                if same_sentence(k["evidence"]["sentence"], g["sentence"])
            ]
            c["errors"].append(("claim", g["status"], f"got {got}", g["sentence"][:160]))
    quotes = pred.get("quotes", [])
    for g in gold.get("quotes", []):
        c["quote_gold"] += 1
        head = _norm(" ".join(words(g["text"])[:6]))
        found = [q for q in quotes if head and head in _norm(q.get("text"))]
        if not found:
            c["errors"].append(("quote-missed", g["speaker"], g["text"][:100]))
            continue
        c["quote_found"] += 1
        surname = words(g["speaker"])[-1] if words(g["speaker"]) else ""
        if any(
            surname and surname in words(f"{q.get('speaker') or ''} {q.get('speaker_text') or ''}")
            for q in found
        ):
            c["speaker_hit"] += 1
        else:
            c["errors"].append(
                ("speaker", g["speaker"], [q.get("speaker") or q.get("speaker_text") for q in found])
            )
    for q in quotes:
        if not q.get("speaker"):
            continue
        c["quote_pred"] += 1
        text = _norm(q.get("text"))
        if any(_norm(" ".join(words(g["text"])[:6])) in text for g in gold.get("quotes", [])):
            c["quote_pred_hit"] += 1
        else:
            c["errors"].append(("quote-false", q.get("speaker"), (q.get("text") or "")[:100]))
    return c


COUNT_KEYS = [
    "typed_gold",
    "typed_hit",
    "full_hit",
    "full_names_hit",
    "role_gold",
    "role_hit",
    "pred",
    "pred_hit",
    "status_gold",
    "status_hit",
    "quantity_gold",
    "quantity_hit",
    "value_gold",
    "value_hit",
    "year_gold",
    "year_hit",
    "claim_gold",
    "claim_hit",
    "quote_gold",
    "quote_found",
    "speaker_hit",
    "quote_pred",
    "quote_pred_hit",
]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summarise(counts: list[dict[str, Any]]) -> dict[str, Any]:
    t = {k: sum(c[k] for c in counts) for k in COUNT_KEYS}
    return {
        "files": len(counts),
        "typed_recall": _ratio(t["typed_hit"], t["typed_gold"]),
        "full_recall": _ratio(t["full_hit"], t["typed_gold"]),
        "full_names": _ratio(t["full_names_hit"], t["typed_gold"]),
        "role_recall": _ratio(t["role_hit"], t["role_gold"]),
        "precision": _ratio(t["pred_hit"], t["pred"]),
        "status": _ratio(t["status_hit"], t["status_gold"]),
        "quantity": _ratio(t["quantity_hit"], t["quantity_gold"]),
        "value": _ratio(t["value_hit"], t["value_gold"]),
        "year": _ratio(t["year_hit"], t["year_gold"]),
        "claims": _ratio(t["claim_hit"], t["claim_gold"]),
        "quotes_found": _ratio(t["quote_found"], t["quote_gold"]),
        "speaker_right": _ratio(t["speaker_hit"], t["quote_found"]),
        "quote_precision": _ratio(t["quote_pred_hit"], t["quote_pred"]),
        "counts": t,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--errors", action="store_true", help="print the tune half's errors (never the check half's)"
    )
    parser.add_argument("--only", default="", help="comma-separated kinds of errors to print")
    parser.add_argument(
        "--tally",
        action="store_true",
        help="count errors by kind and subtype per half (counts only: no sentence of the check half)",
    )
    parser.add_argument(
        "--half", choices=("tune", "check", "both"), default="both", help="analyse and score one half only"
    )
    args = parser.parse_args(argv)
    gold_path = args.data / "gold.jsonl"
    if not gold_path.exists():
        print(f"defence benchmark: {gold_path} is absent (../shared/benchdata/defence); nothing scored")
        return 0
    golds = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_file: dict[str, dict[str, Any]] = {}
    for gold in golds:
        if args.half != "both" and half_of(gold["file"]) != args.half:
            continue
        pred = analyze_file(args.data / gold["file"])
        per_file[gold["file"]] = score_file(gold, pred)
    if args.errors:
        kinds = set(filter(None, args.only.split(",")))
        for name, c in per_file.items():
            if half_of(name) != "tune":
                continue
            for err in c["errors"]:
                if not kinds or err[0] in kinds:
                    print(name, *err, sep=" | ")
    if args.tally:
        for half in ("tune", "check"):
            tally = Counter(  # quote errors carry a speaker's name: only their kind is counted
                (err[0], "" if err[0].startswith(("quote", "speaker")) else err[1] + _cause(err))
                for n, c in per_file.items()
                if half_of(n) == half
                for err in c["errors"]
            )
            print(half, ", ".join(f"{kind}/{sub}: {k}" for (kind, sub), k in sorted(tally.items())))
    result: dict[str, Any] = {"split": "tune = odd file number, check = even (bench/SPLITS.md)"}
    result["all"] = summarise(list(per_file.values()))
    for half in ("tune", "check"):
        result[half] = summarise([c for n, c in per_file.items() if half_of(n) == half])
    result["families"] = {
        fam: summarise([c for n, c in per_file.items() if n.startswith(fam)]) for fam in "abc"
    }
    keys = (
        "typed_recall",
        "full_recall",
        "full_names",
        "role_recall",
        "precision",
        "status",
        "claims",
        "quantity",
        "value",
        "year",
        "quotes_found",
        "speaker_right",
        "quote_precision",
    )
    print(f"{'':8}" + "".join(f"{k[:9]:>10}" for k in keys))
    for label, row in [("all", result["all"]), ("tune", result["tune"]), ("check", result["check"])] + [
        (f"fam {f}", result["families"][f]) for f in "abc"
    ]:
        print(f"{label:8}" + "".join(f"{'-' if row[k] is None else row[k]:>10}" for k in keys))
    for row in [result["all"], result["tune"], result["check"], *result["families"].values()]:
        row.pop("counts")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
