"""Events: who did what to whom, with item, quantity, value, time and status, each from one sentence.

``rules`` runs the family: ``triggers`` find the predicate, ``classify`` types whole sentences,
``actors`` and ``phrases`` find source and target, ``defence_roles`` fill the defence frames,
``defence_gate`` keeps civilian look-alikes out, ``attributes`` and ``when`` add item, quantity, value
and time, ``context`` completes actors from the article; ``llm`` is the optional model-backed extractor.
"""

from newsift.extract.events.rules import extract_events

__all__ = ["extract_events"]
