"""The main event of a sentence chosen between the rules' readings and the trained typer.

The rules find every happening of a sentence and pick one by depth; the sentence typer
(``learned.load_plover_model``) gives a probability to every type. A few weights, trained by
``bench/train_plover.py`` on sentences written for newsift and shipped as
``extract/data/plover_chooser.json``, score each type from both (the typer's log-probability, whether it
is the rules' pick, whether a reading in the foreground or the background has it, ...). The rules' events
stay the fallback: the chosen type keeps the actors of the reading that has it, or of the rules' pick when
only the typer proposes it.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable

from newsift.model import Event, PloverType

__all__ = ["CHOOSER_FILE", "Chooser", "Reading", "choose", "load_chooser", "read_chooser", "type_features"]

CHOOSER_FILE = "data/plover_chooser.json"
FEATURES = (
    "log_p",
    "remark_log_p",
    "rules_pick",
    "rules_pick_at_root",
    "foreground",
    "background",
    "trigger",
)
_FLOOR = 1e-6  # a type the typer all but rules out still gets a finite log-probability


@dataclass(frozen=True, slots=True)
class Reading:
    """One happening the rules found, typed as if it were the sentence's main event."""

    event: Event
    trigger_type: PloverType  # the type of the trigger alone, before promise, threat and reaction rules
    background: bool  # told in a scene-setting or relative clause
    at_root: bool  # its trigger is the sentence's root


@dataclass(frozen=True, slots=True)
class Chooser:
    """One weight per feature of ``FEATURES``: a type's score is the weighted sum of its features."""

    weights: Mapping[str, float]

    def score(self, features: Mapping[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())


def type_features(
    type_: str, pick: Event, readings: Sequence[Reading], probabilities: Mapping[str, float]
) -> dict[str, float]:
    """What speaks for ``type_`` as the sentence's type (``pick``: the rules' main event, STATEMENT for a
    remark)."""
    log_p = math.log(probabilities.get(type_, 0.0) + _FLOOR)
    remark = pick.type == PloverType.STATEMENT
    picked = str(pick.type) == type_
    return {
        "log_p": log_p,
        "remark_log_p": log_p if remark else 0.0,
        "rules_pick": float(picked),
        "rules_pick_at_root": float(
            picked and any(r.at_root and str(r.event.type) == type_ for r in readings)
        ),
        "foreground": float(any(not r.background and str(r.event.type) == type_ for r in readings)),
        "background": float(any(r.background and str(r.event.type) == type_ for r in readings)),
        "trigger": float(any(str(r.trigger_type) == type_ for r in readings)),
    }


def choose(
    pick: Event, readings: Sequence[Reading], probabilities: Mapping[str, float], chooser: Chooser
) -> Event:
    """The event of the best-scoring type: the rules' pick, else the reading of that type nearest the root
    (foreground first), else the rules' pick retyped."""
    best = max(probabilities, key=lambda t: chooser.score(type_features(t, pick, readings, probabilities)))
    if str(pick.type) == best:
        return pick
    holders = [r for r in readings if str(r.event.type) == best]
    if holders:
        return min(holders, key=lambda r: (r.background, not r.at_root)).event
    return replace(pick, type=PloverType(best))


@functools.cache
def load_chooser() -> Chooser:
    """The shipped weights (read once)."""
    return read_chooser(resources.files("newsift.extract").joinpath(CHOOSER_FILE))


def read_chooser(path: Traversable) -> Chooser:
    """A chooser file (JSON: ``weights``, one number per feature name of ``FEATURES``).

    Raises:
        ValueError: the file cannot be read or holds no such weights; the message names the file.
    """
    try:
        raw = json.loads(path.read_text("utf-8"))
        weights = {str(k): float(v) for k, v in raw["weights"].items()}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read the chooser file ({err})") from err
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ValueError(f"{path}: not a chooser (a 'weights' object of numbers): {err!r}") from err
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise ValueError(f"{path}: unknown chooser features {unknown} (known: {', '.join(FEATURES)})")
    return Chooser(weights=weights)
