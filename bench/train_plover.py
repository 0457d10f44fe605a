"""Train the PLOVER sentence typer (``newsift.extract.events.learned``) on our own labelled sentences.

Usage: python bench/train_plover.py [--data bench/data/plover_train.tsv] [--out PATH] [--l2 X] [--steps N]
       python bench/train_plover.py --folds K [--l2 X [X ...]] [--steps N [N ...]]
       python bench/train_plover.py --score bench/data/plover_heldout.tsv
The data file holds sentences written for newsift (label<TAB>sentence, '#' lines are comments), never
benchmark text. Multinomial logistic regression with an L2 penalty, fitted by full-batch gradient
descent from zero weights: the same data gives the same model. --folds K prints K-fold accuracy on the
training sentences instead of writing the model, for every pair of the --l2 and --steps values given
(how hyperparameters are chosen; no benchmark is read).
--score FILE scores the rules alone and the shipped typer on another file of our own sentences
(``plover_heldout.tsv`` is never trained on, nor read to change a rule).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsift.extract.events.classify import classify_article, rules_reading
from newsift.extract.events.learned import MODEL_FILE, sentence_features
from newsift.extract.parse import Parse
from newsift.model import Article, Position
from newsift.nlp import annotate_articles

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "plover_train.tsv"
OUT = REPO / "src" / "newsift" / "extract" / MODEL_FILE
L2, STEPS, RATE = 0.1, 300, 0.1  # chosen by --folds 5 (docs/benchmarks.md)
KEEP = 0.02  # a feature whose weights all stay below this is left out of the shipped file


def read_rows(path: Path) -> list[tuple[str, str]]:
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or not text.strip():
            raise SystemExit(f"{path}:{n}: expected label<TAB>sentence")
        rows.append((label.strip(), text.strip()))
    return rows


def featurise(texts: Sequence[str]) -> tuple[list[list[str]], list[str]]:
    """Each text's model features (its first sentence, as ``classify`` computes them) and the type the
    rules alone give it (for --folds)."""
    articles = [
        Article(id=f"train-{k}", page_id="train", position=Position.MAIN, index=0, title="", body=text)
        for k, text in enumerate(texts)
    ]
    features, rules = [], []
    for annotated in annotate_articles(articles):
        parse = Parse.build(annotated)
        features.append(sentence_features(parse, 0))
        main, _ = rules_reading(parse, 0)
        rules.append(str(main.type) if main else "NONE")
    return features, rules


def fit(
    features: list[list[str]], labels: list[str], names: list[str], l2: float = L2, steps: int = STEPS
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    vocab = sorted({f for fs in features for f in fs})
    index = {f: k for k, f in enumerate(vocab)}
    x = np.zeros((len(features), len(vocab)))
    for row, fs in enumerate(features):
        for f in set(fs):
            x[row, index[f]] = 1.0
    y = np.zeros((len(labels), len(names)))
    y[np.arange(len(labels)), [names.index(label) for label in labels]] = 1.0
    # each type weighs the same in the loss however many sentences it has (no prior from our own counts)
    counts = y.sum(axis=0)
    y_weight = (y @ (len(labels) / (len(names) * np.maximum(counts, 1.0))))[:, None]
    w, b = np.zeros((len(vocab), len(names))), np.zeros(len(names))
    for _ in range(steps):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y) * y_weight
        w -= RATE * (x.T @ grad + l2 * w)
        b -= RATE * grad.sum(axis=0)
    return w, b, vocab


def predict(w: np.ndarray, b: np.ndarray, vocab: list[str], fs: list[str], names: list[str]) -> str:
    index = {f: k for k, f in enumerate(vocab)}
    score = b + sum((w[index[f]] for f in set(fs) if f in index), np.zeros(len(names)))
    return names[int(np.argmax(score))]


def score(rows: list[tuple[str, str]], name: str) -> int:
    """Accuracy and macro-F1 of the rules alone and of ``classify`` (rules, the model for their remarks)."""
    labels = [label for label, _ in rows]
    _, rules = featurise([text for _, text in rows])
    articles = [
        Article(id=f"score-{k}", page_id="score", position=Position.MAIN, index=0, title="", body=text)
        for k, (_, text) in enumerate(rows)
    ]
    typed = [str(e.type) if (e := classify_article(a)) else "NONE" for a in annotate_articles(articles)]
    names = sorted(set(labels))
    for what, guesses in (("rules", rules), ("rules + model", typed)):
        right = sum(g == label for g, label in zip(guesses, labels, strict=True))
        macro = macro_f1(labels, guesses, names)
        print(f"{name}, {what}: accuracy {right / len(rows):.3f}, macro-F1 {macro:.3f}")
    return 0


def macro_f1(labels: Sequence[str], guesses: Sequence[str], names: Sequence[str]) -> float:
    """Mean F1 over the gold types (``names``)."""
    f1s = []
    for label in names:
        tp = sum(g == label == gold for g, gold in zip(guesses, labels, strict=True))
        fp = sum(g == label != gold for g, gold in zip(guesses, labels, strict=True))
        fn = sum(gold == label != g for g, gold in zip(guesses, labels, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def cross_validate(
    features: list[list[str]],
    rules: list[str],
    labels: list[str],
    names: list[str],
    folds: int,
    l2: float,
    steps: int,
) -> None:
    """K-fold accuracy of the model alone, the rules alone, and the rules with the model for their remarks."""
    right, fallback, guesses = 0, 0, []
    for fold in range(folds):
        train = [k for k in range(len(labels)) if k % folds != fold]
        w, b, vocab = fit([features[k] for k in train], [labels[k] for k in train], names, l2, steps)
        for k in (k for k in range(len(labels)) if k % folds == fold):
            guess = predict(w, b, vocab, features[k], names)
            right += guess == labels[k]
            final = guess if rules[k] in ("STATEMENT", "NONE") else rules[k]
            fallback += final == labels[k]
            guesses.append((labels[k], final))
    gold, typed = [g for g, _ in guesses], [t for _, t in guesses]
    ruled = sum(r == label for r, label in zip(rules, labels, strict=True))
    n = len(labels)
    print(
        f"l2 {l2}, steps {steps}: {folds}-fold accuracy on {n} sentences: model {right / n:.3f}, rules "
        f"{ruled / n:.3f}, rules with the model for their remarks {fallback / n:.3f} "
        f"(macro-F1 {macro_f1(gold, typed, names):.3f})"
    )


def training_parser(
    description: str, data: Path, out: Path, l2: float, steps: int
) -> argparse.ArgumentParser:
    """The options every trainer of a linear reader takes (data, output, folds, penalty, steps)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=data)
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--folds", type=int, default=0, help="cross-validate on the data instead of writing")
    parser.add_argument("--l2", type=float, nargs="+", default=[l2], help="L2 penalty (several with --folds)")
    parser.add_argument(
        "--steps", type=int, nargs="+", default=[steps], help="descent steps (several: --folds)"
    )
    return parser


def write_model(
    out: Path,
    fitted: tuple[np.ndarray, np.ndarray, list[str], list[str]],
    trained_on: str,
    l2: float,
    steps: int,
) -> None:
    """The model file newsift loads (``learned.read_model``): the weights of the features that matter,
    rounded, keys sorted, so a rebuild gives the same bytes."""
    w, b, vocab, names = fitted
    weights = {
        f: [round(float(v), 3) for v in w[k]]
        for k, f in enumerate(vocab)
        if float(np.abs(w[k]).max()) >= KEEP
    }
    model = {
        "labels": names,
        "bias": [round(float(v), 4) for v in b],
        "weights": weights,
        "trained_on": trained_on,
        "l2": l2,
        "steps": steps,
    }
    out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {out} ({len(weights)} features, {len(names)} labels; {trained_on})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = training_parser(__doc__.splitlines()[0], DATA, OUT, L2, STEPS)
    parser.add_argument("--score", type=Path, help="score the shipped typer on this labelled file instead")
    args = parser.parse_args(argv)
    if args.score:
        return score(read_rows(args.score), args.score.name)
    rows = read_rows(args.data)
    labels = [label for label, _ in rows]
    names = sorted(set(labels))
    features, rules = featurise([text for _, text in rows])
    if args.folds:
        for l2 in args.l2:
            for steps in args.steps:
                cross_validate(features, rules, labels, names, args.folds, l2, steps)
        return 0
    l2, steps = args.l2[0], args.steps[0]
    w, b, vocab = fit(features, labels, names, l2, steps)
    write_model(args.out, (w, b, vocab, names), f"{args.data.name}, {len(rows)} sentences", l2, steps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
