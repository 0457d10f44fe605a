"""Build the word classes of the PLOVER typer from WordNet 3.0 (``extract/data/plover_wordnet.json``).

Usage: python bench/build_plover_wordnet.py [--wordnet /usr/share/wordnet] [--out PATH]
Needs the WordNet database files (Debian package ``wordnet-base``) only to rebuild the file; newsift
reads the built file. For each one-word verb, and each noun whose commonest sense names an act, event,
communication, state or possession, the file holds the commonest sense's synset and up to two of its
hypernyms (ids like ``v01119169``): a verb the training sentences never used still shares a class with
one they did ("ambush" and "attack"). WordNet 3.0 Copyright 2006 by Princeton University, used under
its licence (see the ``licence`` field of the output).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from newsift.extract.events.learned import WORDNET_FILE

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "newsift" / "extract" / WORDNET_FILE
DEPTH = 3
# lexicographer files (WordNet's lexnames numbering) of the nouns kept: act, communication, event,
# possession, state
NOUN_FILES = frozenset({4, 10, 11, 21, 26})
LICENCE = (
    "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE "
    "IS PROVIDED 'AS IS' AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR "
    "IMPLIED. Permission to use, copy, modify and distribute this software and database and its "
    "documentation for any purpose and without fee or royalty is hereby granted, provided that this "
    "copyright notice appears on all copies."
)


def read_data(path: Path, pos: str) -> dict[str, tuple[int, list[str]]]:
    """synset id -> (lexicographer file number, hypernym synset ids)."""
    out: dict[str, tuple[int, list[str]]] = {}
    for line in path.read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        offset, lex_file, n_words = parts[0], int(parts[1]), int(parts[3], 16)
        k = 4 + 2 * n_words
        n_pointers = int(parts[k])
        hypernyms = []
        for p in range(n_pointers):
            symbol, target, target_pos = parts[k + 1 + 4 * p : k + 4 + 4 * p]
            if symbol in ("@", "@i"):
                hypernyms.append(f"{target_pos}{target}")
        out[f"{pos}{offset}"] = (lex_file, hypernyms)
    return out


def first_senses(path: Path, pos: str) -> dict[str, str]:
    """one-word lemma -> its commonest synset id (the index lists senses by frequency)."""
    out: dict[str, str] = {}
    for line in path.read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        lemma, synset_count = parts[0], int(parts[2])
        if "_" in lemma or not lemma.isalpha():
            continue
        out[lemma] = f"{pos}{parts[-synset_count]}"
    return out


def chain(synset: str, data: dict[str, tuple[int, list[str]]]) -> list[str]:
    ids = [synset]
    while len(ids) < DEPTH and data[ids[-1]][1]:
        ids.append(data[ids[-1]][1][0])
    return ids


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    classes: dict[str, list[str]] = {}
    for pos, name in (("n", "noun"), ("v", "verb")):
        data = read_data(args.wordnet / f"data.{name}", pos)
        for lemma, synset in first_senses(args.wordnet / f"index.{name}", pos).items():
            if pos == "n" and data[synset][0] not in NOUN_FILES:
                continue
            classes.setdefault(lemma, []).extend(chain(synset, data))
    payload = {
        "source": "WordNet 3.0 (first sense, up to two hypernyms)",
        "licence": LICENCE,
        "classes": classes,
    }
    args.out.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {args.out} ({len(classes)} lemmas, {args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
