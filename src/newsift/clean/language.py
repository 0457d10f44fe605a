"""The language of an article's text, detected offline with py3langid (a naive Bayes model over byte
n-grams, shipped inside the package; 97 languages). Detects only; never translates or drops text.
"""

from __future__ import annotations

import io
import lzma
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = ["DEFAULT_LANGUAGE", "SAMPLE_CHARS", "detect_language", "load_language_model"]

DEFAULT_LANGUAGE = "en"
_MIN_LETTERS = 60  # below this a short title or teaser is not enough evidence: keep the default
_MIN_CONFIDENCE = 0.6  # a non-default language needs this normalised probability
SAMPLE_CHARS = 3000  # the first few paragraphs decide; whole long articles cost time and add nothing
_CHUNK = 1 << 20


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'fr', 'tr'...).

    Text with too few letters, or a guess below the confidence floor, gives ``DEFAULT_LANGUAGE``: a wrong
    non-English label would switch off the extractors, a wrong 'en' only leaves them finding little.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < _MIN_LETTERS:
        return DEFAULT_LANGUAGE
    language, confidence = _identifier().classify(sample)
    if language != DEFAULT_LANGUAGE and confidence < _MIN_CONFIDENCE:
        return DEFAULT_LANGUAGE
    return str(language)


def load_language_model() -> None:
    """Load the model now rather than at the first detection (a no-op once loaded).

    Its load briefly holds the unpacked file beside the arrays (about 150 MB); a run calls this before
    reading pages, so that peak does not add to the memory of a large page.
    """
    _identifier()


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The packaged model, loaded once per process (about a second) and only when first needed.

    Decompressed in memory: the package's own loader goes through a temporary file, which fails when the
    disk is full or file sizes are limited, and cleaning must not write files.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    unpacked = io.BytesIO()
    with lzma.open(MODEL_DIR / MODEL_FILE) as packed:  # in chunks: one copy of the model in memory, not three
        while chunk := packed.read(_CHUNK):
            unpacked.write(chunk)
    unpacked.seek(0)
    with np.load(unpacked) as data:
        return LanguageIdentifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )
