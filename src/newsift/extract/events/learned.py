"""Small trained readers: a linear model over a sentence's lemmas and predicate frame, and its file.

The PLOVER typer is trained by ``bench/train_plover.py`` on sentences written for newsift
(``bench/data/plover_train.tsv``) and shipped as ``extract/data/plover_model.json``; the defence
reader (``defence_reader``) uses the same model class and features. Reads the stored parse only (no
spaCy call): one dictionary look-up per feature. ``classify`` uses the typer beside the rules.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from newsift.extract.parse import Parse

__all__ = ["LinearModel", "load_plover_model", "read_model", "sentence_features"]

MODEL_FILE = "data/plover_model.json"
WORDNET_FILE = "data/plover_wordnet.json"
_SKIP_POS = frozenset({"PUNCT", "DET", "PROPN", "NUM", "SPACE", "SYM", "X", "CCONJ"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "nsubjpass", "pobj", "prep"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "acl", "relcl"})
_REPORTING = frozenset({"say", "tell", "report", "announce", "state", "add", "claim", "quote"})


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Label order, bias and per-feature weights of a multinomial logistic model."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Softmax over the labels for one sentence's features (unknown features count for nothing)."""
        scores = list(self.bias)
        for feature in set(features):
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}


@functools.cache
def load_word_classes() -> dict[str, tuple[str, ...]]:
    """Lemma -> WordNet synset of its commonest sense and two hypernyms (built by
    ``bench/build_plover_wordnet.py``)."""
    raw = json.loads(resources.files("newsift.extract").joinpath(WORDNET_FILE).read_text("utf-8"))
    return {lemma: tuple(ids) for lemma, ids in raw["classes"].items()}


@functools.cache
def load_plover_model() -> LinearModel:
    """The shipped model (read once)."""
    return read_model(resources.files("newsift.extract").joinpath(MODEL_FILE))


def read_model(path: Traversable) -> LinearModel:
    """A linear model file (JSON: ``labels``, ``bias``, ``weights``).

    Raises:
        ValueError: the file cannot be read or is not such a model; the message names the file.
    """
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read the model file ({err})") from err
    return model_from_json(raw, str(path))


def model_from_json(raw: object, name: str = MODEL_FILE) -> LinearModel:
    """The model in a parsed model file (``name`` names the file in errors)."""
    try:
        labels = tuple(str(x) for x in raw["labels"])  # type: ignore[index]
        bias = tuple(float(x) for x in raw["bias"])  # type: ignore[index]
        weights = {str(k): tuple(float(x) for x in v) for k, v in raw["weights"].items()}  # type: ignore[index]
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ValueError(f"{name}: not a linear model (labels, bias, weights): {err!r}") from err
    if len(bias) != len(labels) or any(len(row) != len(labels) for row in weights.values()):
        raise ValueError(f"{name}: every weight row needs one value per label ({len(labels)})")
    return LinearModel(labels=labels, bias=bias, weights=weights)


def sentence_features(parse: Parse, index: int) -> list[str]:
    """Bag of content lemmas (names and numbers left out), verb-object pairs, and the predicate frame:
    the root (or, under a reporting verb, its clause) and the clauses it governs, with negation."""
    tree, tokens, classes = parse.tree, parse.sentence_tokens(index), load_word_classes()
    features: list[str] = []
    for i in tokens:
        token = tree.tokens[i]
        if token.pos in _SKIP_POS:
            continue
        lemma = parse.lemma(i)
        features.append(f"l:{lemma}")
        if token.pos in ("VERB", "NOUN"):
            features += [f"wn:{c}" for c in classes.get(lemma, ())]
        if token.pos in ("VERB", "NOUN"):
            for kid in tree.kids(i):
                if tree.tokens[kid].dep in _OBJECT_DEPS and tree.tokens[kid].pos not in _SKIP_POS:
                    features.append(f"vo:{lemma}_{parse.lemma(kid)}")
    roots = [i for i in tokens if tree.tokens[i].dep == "ROOT"]
    frontier = [_past_reporting(parse, r) for r in roots]
    for depth in range(3):
        following: list[int] = []
        for node in frontier:
            negated = bool(tree.kids(node, "neg"))
            features.append(f"p{min(depth, 1)}:{parse.lemma(node)}" + ("~neg" if negated else ""))
            following += [k for k in tree.kids(node) if tree.tokens[k].dep in _CLAUSE_DEPS]
        frontier = following
    return features


def _past_reporting(parse: Parse, root: int) -> int:
    """'X did Y, officials said': the clause under a reporting root carries the event."""
    if parse.lemma(root) not in _REPORTING:
        return root
    clauses = parse.tree.kids(root, "ccomp")
    return clauses[0] if clauses else root
