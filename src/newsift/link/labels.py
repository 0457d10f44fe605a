"""A story's happening in a few words: the event its articles report most (kind, who → whom, item, when).

A headline says what one outlet wrote; the label says what happened, from the extracted events, so two
stories of one kind (two deliveries, two strikes) read apart at a glance. Works on ``Event`` records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newsift.model import Actor, ClaimStatus, Event

__all__ = ["happening_label"]


def happening_label(events: Iterable[Event]) -> str:
    """'subtype: A → B, item, time' of the happening most articles report ('' when there is no event).

    Events are counted once per article; asserted events come before reported, alleged or denied ones.
    The time is the one most of the happening's events state in their text.
    """
    seen: dict[tuple[str, str, str], set[str]] = {}
    asserted: Counter[tuple[str, str, str]] = Counter()
    items: dict[tuple[str, str, str], Counter[str]] = {}
    times: dict[tuple[str, str, str], Counter[str]] = {}
    for event in events:
        key = (event.subtype or str(event.type), _sides(event.source), _sides(event.target))
        seen.setdefault(key, set()).add(event.evidence.article_id)
        asserted[key] += event.status is ClaimStatus.ASSERTED
        if event.item:
            items.setdefault(key, Counter())[event.item] += 1
        if event.time is not None and event.time.source == "text":
            times.setdefault(key, Counter())[event.time.value] += 1
    if not seen:
        return ""
    key = max(seen, key=lambda k: (len(seen[k]), asserted[k] > 0, k))
    kind, source, target = key
    parties = f"{source} → {target}" if source and target else source or target
    parts = [f"{kind}: {parties}" if parties else kind]
    parts += [counts.most_common(1)[0][0] for counts in (items.get(key), times.get(key)) if counts]
    return ", ".join(parts)


def _sides(actors: Iterable[Actor]) -> str:
    return "+".join(sorted({actor.code or actor.text for actor in actors}))
