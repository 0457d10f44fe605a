"""Claims: the status of every assertion (asserted, planned, attributed, speculated, alleged, denied).

``cues`` loads the cue lexicon, ``modality`` reads a predicate's own clause, ``status`` ranks a
sentence's cues by the README precedence, ``rules`` builds the claims with their holders.
"""

from newsift.extract.claims.rules import extract_claims

__all__ = ["extract_claims"]
