"""Train the second reader of defence subtypes (``newsift.extract.events.defence_reader``).

Usage: python bench/train_defence.py [--data bench/data/defence_train.tsv] [--out PATH] [--l2 X] [--steps N]
       python bench/train_defence.py --folds K [--l2 X [X ...]] [--steps N [N ...]]
The data file holds sentences written for newsift (label<TAB>sentence: a defence subtype or ``none``;
'#' lines are comments), never benchmark text. The model and its fitting are the PLOVER typer's
(``bench/train_plover.py``: multinomial logistic regression, L2, full-batch descent from zero weights,
so the same data gives the same file). --folds K prints, for every pair of --l2 and --steps values,
the K-fold accuracy and macro-F1 of the model on our sentences, and what each threshold of the reader
would do out of fold: subtypes given to sentences the rules' gate left without one (right / wrong) and
rule arms transfers dropped (right / wrong). That is how the hyperparameters and thresholds are chosen
(with the tune half of the defence dev set); no benchmark is read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsift.extract.events import defence_reader, rules
from newsift.extract.events.defence_reader import (
    MODEL_FILE,
    NONE,
    Candidate,
    defence_features,
    gated_subtypes,
)
from newsift.extract.events.learned import LinearModel
from newsift.extract.parse import Parse
from newsift.model import Article, Event, Position
from newsift.nlp import annotate_articles
from train_plover import fit, macro_f1, read_rows, training_parser, write_model

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "defence_train.tsv"
OUT = REPO / "src" / "newsift" / "extract" / MODEL_FILE
L2, STEPS = 0.1, 300  # chosen by --folds 5 (docs/benchmarks.md)
LIFTS = (0.5, 0.6, 0.7, 0.8, 0.9)
VETOES = (0.8, 0.9, 0.95, 0.98)


@dataclass(frozen=True, slots=True)
class Reading:
    """One training sentence as the rules alone read it."""

    features: list[str]
    subtypes: frozenset[str]  # defence subtypes of the rules' events (reader off)
    gated: frozenset[str]  # subtypes of the rules' triggers the civilian gate refused (``gated_subtypes``)


def featurise(texts: Sequence[str]) -> list[Reading]:
    """Each text's features (its first sentence) and the rules' reading of it, the reader switched off."""
    articles = [
        Article(id=f"defence-{k}", page_id="train", position=Position.MAIN, index=0, title="", body=text)
        for k, text in enumerate(texts)
    ]
    gated: dict[int, frozenset[str]] = {}

    def record(parse: Parse, index: int, events: list[Event], candidates: Sequence[Candidate]) -> list[Event]:
        if index == 0:
            gated[id(parse.annotated)] = gated_subtypes(events, candidates)
        return events  # the rules alone: the reader neither lifts nor (READER off) vetoes

    saved = defence_reader.READER, rules.second_reading
    defence_reader.READER, rules.second_reading = False, record
    try:
        out = []
        for annotated in annotate_articles(articles):
            events = [e for e in rules.extract_events(annotated) if e.evidence.sentence == 0]
            subtypes = frozenset(e.subtype for e in events if e.subtype and e.subtype != "other")
            lift = gated.get(id(annotated), frozenset())
            out.append(Reading(defence_features(Parse.build(annotated), 0), subtypes, lift))
        return out
    finally:
        defence_reader.READER, rules.second_reading = saved


def as_model(w: np.ndarray, b: np.ndarray, vocab: list[str], names: list[str]) -> LinearModel:
    """The fitted arrays as the model class newsift loads (for the folds; ``write_model`` writes the file)."""
    weights = {f: tuple(float(v) for v in w[k]) for k, f in enumerate(vocab)}
    return LinearModel(labels=tuple(names), bias=tuple(float(v) for v in b), weights=weights)


def cross_validate(
    readings: list[Reading], labels: list[str], names: list[str], folds: int, l2: float, steps: int
) -> None:
    """Out-of-fold accuracy, macro-F1, and the reader's lifts and vetoes at each threshold."""
    guesses: list[tuple[str, float, float]] = [("", 0.0, 0.0)] * len(labels)
    for fold in range(folds):
        train = [k for k in range(len(labels)) if k % folds != fold]
        w, b, vocab = fit([readings[k].features for k in train], [labels[k] for k in train], names, l2, steps)
        model = as_model(w, b, vocab, names)
        for k in (k for k in range(len(labels)) if k % folds == fold):
            p = model.probabilities(readings[k].features)
            best = max(p, key=p.__getitem__)
            guesses[k] = (best, p[best], p[NONE])
    right = sum(g[0] == label for g, label in zip(guesses, labels, strict=True))
    macro = macro_f1(labels, [g[0] for g in guesses], names)
    print(f"l2 {l2}, steps {steps}: {folds}-fold accuracy {right / len(labels):.3f}, macro-F1 {macro:.3f}")
    liftable = [k for k, r in enumerate(readings) if r.gated]
    for at in LIFTS:
        given = [k for k in liftable if guesses[k][0] in readings[k].gated and guesses[k][1] >= at]
        good = sum(guesses[k][0] == labels[k] for k in given)
        print(
            f"  lift at {at}: {len(liftable)} gated sentences, {good} given the right subtype, "
            f"{len(given) - good} a wrong one"
        )
    ruled = [k for k, r in enumerate(readings) if "arms_transfer" in r.subtypes]
    for at in VETOES:
        dropped = [k for k in ruled if guesses[k][2] >= at]
        good = sum(labels[k] == NONE for k in dropped)
        print(
            f"  veto at {at}: {len(ruled)} rule arms transfers, {good} rightly dropped, "
            f"{len(dropped) - good} wrongly"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = training_parser(__doc__.splitlines()[0], DATA, OUT, L2, STEPS)
    args = parser.parse_args(argv)
    rows = read_rows(args.data)
    labels = [label for label, _ in rows]
    names = sorted(set(labels))
    readings = featurise([text for _, text in rows])
    if args.folds:
        for l2 in args.l2:
            for steps in args.steps:
                cross_validate(readings, labels, names, args.folds, l2, steps)
        return 0
    l2, steps = args.l2[0], args.steps[0]
    w, b, vocab = fit([r.features for r in readings], labels, names, l2, steps)
    write_model(args.out, (w, b, vocab, names), f"{args.data.name}, {len(rows)} sentences", l2, steps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
