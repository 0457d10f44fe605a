"""Dispatch one raw document to the right cleaner: feed, JSONL, HTML, aggregator page or plain text."""

from __future__ import annotations

from dataclasses import replace

from newsift.clean.language import SAMPLE_CHARS, detect_language
from newsift.clean.no_article import NoArticle, has_prose, navigation_only
from newsift.clean.prose import clean_article_prose
from newsift.clean.structured import (
    CleanResult,
    extract_feed_articles,
    extract_jsonl_articles,
    extract_text_article,
)
from newsift.errors import InputError
from newsift.model import Article, ContentType, RawDocument

__all__ = ["split_document"]


def split_document(raw: RawDocument, text: str | None) -> CleanResult:
    """Turn one RawDocument (and its decoded text, None for binary formats) into articles.

    Bodies from JSONL, feeds and plain text go through the same prose cleanup as aggregator cards and
    HTML (``clean.prose``): wire slugs, datelines, disclaimers and ad markers out, each recorded.
    Each article's ``language`` is detected from its clean text (``clean.language``).

    Raises:
        NoArticle: the readable document holds no article (``clean.no_article``): an expected outcome.
        InputError: the document cannot be read as its format, or the format is not supported.
    """
    result = _split_document(raw, text)
    if not result.articles and not result.failures:
        raise NoArticle(raw.uri, "no article found")
    articles = result.articles
    if raw.content_type != ContentType.HTML and not (articles and _is_aggregator(result)):
        articles = tuple(clean_article_prose(article) for article in articles)
    articles = tuple(replace(article, language=detect_language(_head(article))) for article in articles)
    return CleanResult(articles=articles, failures=result.failures)


def _head(article: Article) -> str:
    """The opening of an article's text, as much as language detection reads, without joining a long body."""
    parts = (article.title, article.standfirst, article.body[:SAMPLE_CHARS])
    return "\n\n".join(part for part in parts if part)[:SAMPLE_CHARS]


def _is_aggregator(result: CleanResult) -> bool:
    from newsift.clean.aggregator import EXTRACTOR

    return result.articles[0].extractor == EXTRACTOR


def _split_document(raw: RawDocument, text: str | None) -> CleanResult:
    page_id = raw.id
    if raw.content_type == ContentType.FEED:
        return extract_feed_articles(raw.content, page_id=page_id, uri=raw.uri, fetched_at=raw.fetched_at)
    if raw.content_type == ContentType.WARC:
        raise InputError(raw.uri, "WARC archives are not supported yet")
    if text is None:
        raise InputError(raw.uri, f"no text for content type {raw.content_type}")
    if raw.content_type == ContentType.JSONL:
        return extract_jsonl_articles(text, page_id=page_id, uri=raw.uri, fetched_at=raw.fetched_at)
    if raw.content_type == ContentType.HTML:
        from newsift.clean.html import extract_html_article

        article = extract_html_article(
            text, page_id=page_id, uri=raw.uri, url=raw.url, fetched_at=raw.fetched_at
        )
        if article is None:
            # a page with prose the cleaner could not reach is a failure, not an empty page
            error = InputError if has_prose(text) else NoArticle
            raise error(raw.uri, "no article text found in the HTML")
        if navigation_only(text, (article,)):
            raise NoArticle(raw.uri, "navigation only: a title and links, no article text")
        return CleanResult(articles=(article,))
    from newsift.clean.aggregator import detect_aggregator_page, split_aggregator_page

    if detect_aggregator_page(text):
        articles = split_aggregator_page(text, page_id=page_id, uri=raw.uri, fetched_at=raw.fetched_at)
        return CleanResult(articles=tuple(articles))
    article = extract_text_article(text, page_id=page_id, uri=raw.uri, fetched_at=raw.fetched_at)
    return CleanResult(articles=(article,))
