"""The article node of a page's JSON-LD (schema.org), read from the raw HTML before scripts are dropped.

Reads only: headline, authors (people and organisations), dates, publisher and site names, summary and
stated text. Never guesses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import urlsplit

__all__ = ["JsonLdArticle", "extract_jsonld_article"]

_SCRIPT = re.compile(
    r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(?P<body>.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_ARTICLE_TYPES = frozenset(
    {
        *("newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle"),
        *("backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report"),
        *("socialmediaposting", "techarticle", "scholarlyarticle", "askpublicnewsarticle"),
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage"})  # a page node stands in when no article node is given
_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CDATA_OPENINGS = ("//<![CDATA[", "/*<![CDATA[*/", "<![CDATA[")
_CDATA_CLOSINGS = ("//]]>", "/*]]>*/", "]]>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_BREAK = re.compile(r"</p\s*>|<br\s*/?>", re.IGNORECASE)
_MAX_SCRIPTS = 20
_MAX_CHARS = 2_000_000
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class JsonLdArticle:
    """What the article node states; ``organisations`` are authors typed Organization (or unnamed kinds)."""

    headline: str | None = None
    name: str | None = None  # the node's ``name`` when it is not its headline (a second title it states)
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    author_pages: tuple[str, ...] = ()  # the address of each author stated by it alone, with no name
    published: str | None = None
    modified: str | None = None
    publisher: str | None = None
    site_name: str | None = None
    description: str | None = None
    body: str | None = None  # ``articleBody``, its paragraphs on lines of their own


def extract_jsonld_article(html: str, url: str | None = None) -> JsonLdArticle | None:
    """The article-typed node of the page's JSON-LD blocks (also inside ``@graph``) whose address is the
    page's ``url``, else the first that gives no address, else the first one, else the first web page node
    that names an author or a date, or None. (A page may describe other articles too: a related story, the
    previous part of a series.)

    Unreadable blocks are skipped: a page's broken JSON-LD is the page's problem, not an input error.
    """
    nodes = [node for block in _blocks(html) for node in _nodes(block)]
    index = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    articles = [node for node in nodes if _types(node) & _ARTICLE_TYPES]
    page = _address(url)
    own = [node for node in articles if page and page in _addresses(node, index)]
    unaddressed = [node for node in articles if page and not _addresses(node, index)]
    web_page = next(
        (
            node
            for node in nodes
            if _types(node) & _PAGE_TYPES and ("author" in node or "datePublished" in node)
        ),
        None,
    )
    article = next(iter(own or unaddressed or articles), None) or web_page
    site = next((node for node in nodes if _types(node) & _SITE_TYPES), None)
    if article is None:
        return None
    # what the article node leaves out, the page's own web page node may state (its author, its dates)
    page_node = web_page if web_page is not None and web_page is not article else {}
    stated = article.get("author") or page_node.get("author")
    people, organisations = _authors(stated, index)
    if not people:  # schema.org's wider 'creator' may name the writer where 'author' names the outlet
        people = _authors(article.get("creator"), index)[0]
    publisher = _resolve(article.get("publisher"), index)
    headline, name = _text(article.get("headline")), _text(article.get("name"))
    return JsonLdArticle(
        headline=headline or name,
        name=name if headline and name != headline else None,
        people=people,
        organisations=organisations,
        author_pages=_unnamed_addresses(stated, index),
        published=_published(article) or _published(page_node),
        modified=_text(article.get("dateModified")) or _text(page_node.get("dateModified")),
        publisher=_text(publisher.get("name")) if isinstance(publisher, dict) else _text(publisher),
        site_name=_text(site.get("name")) if site is not None else None,
        description=_text(article.get("description")),
        body=_body(article.get("articleBody")),
    )


def _body(value: Any) -> str | None:
    """An ``articleBody``: entities decoded, markup left in it dropped, its paragraph breaks kept."""
    if not isinstance(value, str):
        return None
    text = _BREAK.sub("\n", unescape(value))
    lines = (" ".join(_TAG.sub(" ", line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) or None


def _without_cdata(body: str) -> str:
    """The block without a ``//<![CDATA[ ... //]]>`` wrapper (string ends only: no search that could run
    long on a page's whitespace)."""
    text = body.strip()
    opening = next((mark for mark in _CDATA_OPENINGS if text.startswith(mark)), "")
    closing = next((mark for mark in _CDATA_CLOSINGS if text.endswith(mark)), "")
    return text[len(opening) : len(text) - len(closing)]


def _published(node: dict[str, Any]) -> str | None:
    return _text(node.get("datePublished")) or _text(node.get("dateCreated"))


def _blocks(html: str) -> list[Any]:
    blocks: list[Any] = []
    for number, match in enumerate(_SCRIPT.finditer(html, 0, _MAX_CHARS)):
        if number >= _MAX_SCRIPTS:
            break
        body = match["body"].strip().removeprefix("<!--").removesuffix("-->").strip()
        if (block := _loads(body)) is not None:
            blocks.append(block)
    return blocks


def _loads(body: str) -> Any:
    """A block as JSON, read leniently as search engines read it: raw line breaks inside strings, a
    ``//<![CDATA[ ... //]]>`` wrapper, a comma before a closing bracket ('{"a": 1,}'). None when
    unreadable."""
    try:
        return json.loads(body, strict=False)
    except (ValueError, RecursionError):
        pass
    mended = _TRAILING_COMMA.sub(r"\1", _without_cdata(body))
    try:
        return json.loads(mended, strict=False)
    except (ValueError, RecursionError):
        return None


def _nodes(value: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every dict node at the top level, in lists, in ``@graph`` and as a page's ``mainEntity``, in order."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(value, list):
        return [node for item in value for node in _nodes(item, depth + 1)]
    if not isinstance(value, dict):
        return []
    inner = [value.get("@graph"), value.get("mainEntity")]
    return [value, *(node for part in inner if part is not None for node in _nodes(part, depth + 1))]


def _address(url: Any) -> str | None:
    """'https://www.x.example/a/b/?utm=1#top' -> 'x.example/a/b': an address without scheme, 'www.', query,
    fragment and closing slash, so two spellings of one page agree."""
    if not isinstance(url, str) or "//" not in url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


def _addresses(node: dict[str, Any], index: dict[str, dict[str, Any]]) -> set[str]:
    """The addresses an article node gives itself: ``url``, ``@id`` and ``mainEntityOfPage``."""
    values = [node.get("url"), node.get("@id"), node.get("mainEntityOfPage")]
    page = _resolve(node.get("mainEntityOfPage"), index)
    if isinstance(page, dict):
        values += [page.get("@id"), page.get("url")]
    return {address for value in values if (address := _address(value))}


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].casefold() for k in kinds if isinstance(k, str)}


def _resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """A ``{"@id": ...}`` reference replaced by the node it points to, when the page holds it."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in index:
        return index[value["@id"]]
    return value


def _authors(value: Any, index: dict[str, dict[str, Any]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    items = value if isinstance(value, list) else [value] if value else []
    people: list[str] = []
    organisations: list[str] = []
    for item in items:
        node = _resolve(item, index)
        if isinstance(node, str):
            people.append(node)
            continue
        if not isinstance(node, dict):
            continue
        name = _text(node.get("name")) or _joined(node)
        if name:
            (organisations if _types(node) - {"person"} else people).append(name)
    return tuple(p for p in map(_clean, people) if p), tuple(o for o in map(_clean, organisations) if o)


def _unnamed_addresses(value: Any, index: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The ``url`` of each author node that gives no name ('{"@type": "Person", "url": ".../author/x"}')."""
    items = value if isinstance(value, list) else [value] if value else []
    nodes = [node for item in items if isinstance(node := _resolve(item, index), dict)]
    unnamed = [node for node in nodes if not _text(node.get("name")) and not _joined(node)]
    return tuple(url for node in unnamed if (url := _text(node.get("url"))))


def _joined(node: dict[str, Any]) -> str | None:
    given, family = _text(node.get("givenName")), _text(node.get("familyName"))
    return f"{given} {family}" if given and family else None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    return _clean(value) or None


def _clean(text: str) -> str:
    """Entities decoded, markup a CMS left in the value dropped ('Ana Ruiz <span>Reporter</span>'), spaces
    collapsed."""
    return " ".join(_TAG.sub(" ", unescape(text)).split())
