"""'Who runs / heads / leads X?': the person holding a head's title at X, from a sentence of an article about
X that names a person beside such a title ('chief executive Jane Roe', 'Roe, the charity's director')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.brief.matching import mentions_any
from newsift.brief.passages import PassageIndex
from newsift.brief.question import PERSON_NAME, names_a_person
from newsift.brief.records import Citation, SentenceRow

__all__ = ["about_articles", "asks_for_head", "head_rows"]

_ASKS_HEAD = re.compile(
    r"^\s*who\s+(?:now\s+|currently\s+)?(?:runs|heads|leads|chairs|manages|is\s+(?:in\s+charge\s+of|the\s+"
    r"(?:head|boss|chief|leader|chair(?:man|woman)?|director)\s+(?:of|at))|is\s+\S+(?:'s|’s)\s+"
    r"(?:head|boss|chief|leader|chair(?:man|woman)?|director))\b",
    re.IGNORECASE,
)
# A head's title: the person named within a few words of it is the one who runs the body.
_HEAD_TITLE = re.compile(
    r"\b(?:chief\s+executive|managing\s+director|general\s+secretary|director[\s-]general|chief|boss|head|"
    r"chair(?:man|woman|person)?|president|leader|director|governor|founder)\b",
    re.IGNORECASE,
)
_NEAR = 30  # characters between a title and the name it belongs to


def asks_for_head(text: str) -> bool:
    """True for 'Who runs / heads / leads / chairs X?' and 'Who is the head / boss of X?'."""
    return bool(_ASKS_HEAD.match(text))


def about_articles(index: PassageIndex, forms: Sequence[str]) -> set[str]:
    """The indexed articles whose headline or first sentence names one of ``forms``."""
    leads: dict[str, str] = {}
    for doc in index.docs:  # the first body sentence (the text may open with its headline)
        if doc.text.strip() != index.titles.get(doc.article_id, "").strip():
            leads.setdefault(doc.article_id, doc.text)
    return {
        a for a, title in index.titles.items()
        if mentions_any(title, forms) or mentions_any(leads.get(a, ""), forms)
    }  # fmt: skip


def holds_head(sentence: str, known: Sequence[str]) -> bool:
    """True when the sentence names a person (other than ``known``) within a few words of a head's title."""
    if not names_a_person(sentence, known):
        return False
    for title in _HEAD_TITLE.finditer(sentence):
        for name in PERSON_NAME.finditer(sentence):
            gap = name.start() - title.end() if name.start() >= title.end() else title.start() - name.end()
            if 0 <= gap <= _NEAR and not any(name.group(0) in f or f in name.group(0) for f in known):
                return True
    return False


def head_rows(index: PassageIndex, forms: Sequence[str]) -> list[SentenceRow]:
    """Sentences naming the head of the body the question names: in articles about it, the sentences naming
    it first, then the others, each in article order."""
    about = about_articles(index, forms)
    rows = [d for d in index.docs if d.article_id in about and holds_head(d.text, forms)]
    rows.sort(key=lambda d: not mentions_any(d.text, forms))
    return [SentenceRow(text=d.text, citation=Citation(article_id=d.article_id, sentence=d.text), score=1.0)
            for d in rows]  # fmt: skip
