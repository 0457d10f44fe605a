"""Train the PLOVER sentence typer (``newsift.extract.events.learned``) and the chooser that weighs it
against the rules' readings (``newsift.extract.events.chooser``) on our own labelled sentences.

Usage: python bench/train_plover.py [--data bench/data/plover_train.tsv] [--out PATH] [--l2 X] [--steps N]
       python bench/train_plover.py --folds K [--l2 X [X ...]] [--steps N [N ...]] [--chooser-l2 X [X ...]]
       python bench/train_plover.py --score bench/data/plover_heldout.tsv
The data file holds sentences written for newsift (label<TAB>sentence, '#' lines are comments), never
benchmark text. The typer: multinomial logistic regression with an L2 penalty, fitted by full-batch gradient
descent from zero weights: the same data gives the same model. The chooser: one weight per feature of
``chooser.FEATURES``, a conditional logit over the types fitted the same way on the typer's
out-of-fold probabilities (FOLDS folds), so it learns how far the typer can be trusted on a sentence it
never saw. --folds K prints K-fold accuracy on the training sentences instead of writing the models, for
every pair of the --l2 and --steps values given and every --chooser-l2 (how hyperparameters are chosen;
no benchmark is read).
--score FILE scores the rules alone and the shipped typer and chooser on another file of our own sentences
(``plover_heldout.tsv`` and ``plover_heldout_wire.tsv`` are never trained on, nor read to change a rule).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsift.extract.events.chooser import CHOOSER_FILE, FEATURES, Chooser, Reading, choose, type_features
from newsift.extract.events.classify import classify_article, readings, rules_reading
from newsift.extract.events.learned import MODEL_FILE, sentence_features
from newsift.extract.parse import Parse
from newsift.model import Article, Event, Position
from newsift.nlp import annotate_articles

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "plover_train.tsv"
OUT = REPO / "src" / "newsift" / "extract" / MODEL_FILE
CHOOSER_OUT = REPO / "src" / "newsift" / "extract" / CHOOSER_FILE
L2, STEPS, RATE = 0.1, 300, 0.1  # chosen by --folds 5 (docs/benchmarks.md)
CHOOSER_L2, CHOOSER_STEPS, CHOOSER_RATE, FOLDS = 0.01, 500, 0.5, 5  # chooser: also by --folds 5
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


Readings = tuple[Event | None, list[Reading]]  # the rules' pick of a sentence and all their readings


def featurise(texts: Sequence[str]) -> tuple[list[list[str]], list[str], list[Readings]]:
    """Each text's model features (its first sentence, as ``classify`` computes them), the type the
    rules alone give it (for --folds) and the rules' pick and readings (for the chooser)."""
    articles = [
        Article(id=f"train-{k}", page_id="train", position=Position.MAIN, index=0, title="", body=text)
        for k, text in enumerate(texts)
    ]
    features, rules, read = [], [], []
    for annotated in annotate_articles(articles):
        parse = Parse.build(annotated)
        features.append(sentence_features(parse, 0))
        main, events = rules_reading(parse, 0)
        rules.append(str(main.type) if main else "NONE")
        read.append((main, readings(parse, events)))
    return features, rules, read


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
    return names[int(np.argmax(probabilities(w, b, vocab, fs)))]


def probabilities(w: np.ndarray, b: np.ndarray, vocab: list[str], fs: list[str]) -> np.ndarray:
    index = {f: k for k, f in enumerate(vocab)}
    score = b + sum((w[index[f]] for f in set(fs) if f in index), np.zeros(len(b)))
    score = np.exp(score - score.max())
    return np.asarray(score / score.sum())


def out_of_fold(
    features: list[list[str]], labels: list[str], names: list[str], folds: int, l2: float, steps: int
) -> list[dict[str, float]]:
    """Each sentence's typer probabilities from a model fitted on the other folds."""
    found: list[dict[str, float]] = [{} for _ in labels]
    for fold in range(folds):
        train = [k for k in range(len(labels)) if k % folds != fold]
        w, b, vocab = fit([features[k] for k in train], [labels[k] for k in train], names, l2, steps)
        for k in range(fold, len(labels), folds):
            found[k] = dict(
                zip(names, (float(p) for p in probabilities(w, b, vocab, features[k])), strict=True)
            )
    return found


def chooser_matrix(read: Readings, probs: dict[str, float], names: list[str]) -> np.ndarray:
    """One row of ``chooser.FEATURES`` per type for one sentence (None: the rules found nothing)."""
    pick, found = read
    if pick is None:
        return np.array([[0.0] * len(FEATURES) for _ in names])
    return np.array([[type_features(t, pick, found, probs)[f] for f in FEATURES] for t in names])


def fit_chooser(matrices: list[np.ndarray], gold: list[int], l2: float = CHOOSER_L2) -> np.ndarray:
    """Conditional logit over the types: one shared weight per feature, gradient descent from zero."""
    x, w = np.stack(matrices), np.zeros(len(FEATURES))
    for _ in range(CHOOSER_STEPS):
        scores = x @ w
        p = np.exp(scores - scores.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        expected = np.einsum("nt,ntf->nf", p, x)
        grad = (expected - x[np.arange(len(gold)), gold]).mean(axis=0)
        w -= CHOOSER_RATE * (grad + l2 * w)
    return w


def chosen(read: Readings, probs: dict[str, float], chooser: Chooser) -> str:
    """The chooser's type of one sentence (the typer's top type when the rules found nothing)."""
    pick, found = read
    if pick is None:
        return max(probs, key=probs.__getitem__)
    return str(choose(pick, found, probs, chooser).type)


def score(rows: list[tuple[str, str]], name: str) -> int:
    """Accuracy and macro-F1 of the rules alone, of ``classify`` as shipped (rules, the model for their
    remarks) and of ``classify`` with the chooser on."""
    labels = [label for label, _ in rows]
    _, rules, _ = featurise([text for _, text in rows])
    articles = [
        Article(id=f"score-{k}", page_id="score", position=Position.MAIN, index=0, title="", body=text)
        for k, (_, text) in enumerate(rows)
    ]
    annotated = list(annotate_articles(articles))
    typed = [str(e.type) if (e := classify_article(a, chooser=False)) else "NONE" for a in annotated]
    chosen_types = [str(e.type) if (e := classify_article(a, chooser=True)) else "NONE" for a in annotated]
    names = sorted(set(labels))
    runs = (("rules", rules), ("rules + model for remarks", typed), ("rules + model, chooser", chosen_types))
    for what, guesses in runs:
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
    data: tuple[list[list[str]], list[str], list[Readings]],
    labels: list[str],
    names: list[str],
    folds: int,
    hyper: tuple[float, int, list[float]],
) -> None:
    """K-fold accuracy of the model alone, the rules alone, the rules with the model for their remarks,
    and the chooser for each of its penalties (fitted on the other folds' out-of-fold probabilities)."""
    features, rules, read = data
    l2, steps, chooser_l2s = hyper
    probs = out_of_fold(features, labels, names, folds, l2, steps)
    guesses = [max(p, key=p.__getitem__) for p in probs]
    fallback = [g if r in ("STATEMENT", "NONE") else r for g, r in zip(guesses, rules, strict=True)]
    n = len(labels)

    def rate(typed: list[str]) -> str:
        right = sum(t == label for t, label in zip(typed, labels, strict=True))
        return f"{right / n:.3f} (macro-F1 {macro_f1(labels, typed, names):.3f})"

    print(
        f"l2 {l2}, steps {steps}: {folds}-fold accuracy on {n} sentences: model {rate(guesses)}, "
        f"rules {rate(rules)}, rules with the model for their remarks {rate(fallback)}"
    )
    matrices = [chooser_matrix(r, p, names) for r, p in zip(read, probs, strict=True)]
    gold = [names.index(label) for label in labels]
    for chooser_l2 in chooser_l2s:
        typed = [""] * n
        for fold in range(folds):
            train = [k for k in range(n) if k % folds != fold]
            w = fit_chooser([matrices[k] for k in train], [gold[k] for k in train], chooser_l2)
            chooser = Chooser(weights=dict(zip(FEATURES, (float(v) for v in w), strict=True)))
            for k in range(fold, n, folds):
                typed[k] = chosen(read[k], probs[k], chooser)
        print(f"  chooser l2 {chooser_l2}: {rate(typed)}")


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


def write_chooser(out: Path, w: np.ndarray, trained_on: str, l2: float) -> None:
    """The chooser file newsift loads (``chooser.read_chooser``), rounded, keys sorted."""
    weights = {f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)}
    chooser = {"weights": weights, "trained_on": trained_on, "l2": l2, "folds": FOLDS}
    out.write_text(json.dumps(chooser, sort_keys=True, indent=1) + "\n", "utf-8")
    print(f"wrote {out} ({weights})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = training_parser(__doc__.splitlines()[0], DATA, OUT, L2, STEPS)
    parser.add_argument("--score", type=Path, help="score the shipped typer on this labelled file instead")
    parser.add_argument("--chooser-out", type=Path, default=CHOOSER_OUT)
    parser.add_argument(
        "--chooser-l2", type=float, nargs="+", default=[CHOOSER_L2], help="chooser L2 (several: --folds)"
    )
    args = parser.parse_args(argv)
    if args.score:
        return score(read_rows(args.score), args.score.name)
    rows = read_rows(args.data)
    labels = [label for label, _ in rows]
    names = sorted(set(labels))
    features, rules, read = featurise([text for _, text in rows])
    if args.folds:
        for l2 in args.l2:
            for steps in args.steps:
                hyper = (l2, steps, args.chooser_l2)
                cross_validate((features, rules, read), labels, names, args.folds, hyper)
        return 0
    l2, steps = args.l2[0], args.steps[0]
    w, b, vocab = fit(features, labels, names, l2, steps)
    trained_on = f"{args.data.name}, {len(rows)} sentences"
    write_model(args.out, (w, b, vocab, names), trained_on, l2, steps)
    probs = out_of_fold(features, labels, names, FOLDS, l2, steps)
    matrices = [chooser_matrix(r, p, names) for r, p in zip(read, probs, strict=True)]
    weights = fit_chooser(matrices, [names.index(label) for label in labels], args.chooser_l2[0])
    write_chooser(args.chooser_out, weights, trained_on, args.chooser_l2[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
