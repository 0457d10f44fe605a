"""The people who wrote a page's article, its wire and its stated credit, from the page's own statements
most structured first: JSON-LD, author meta, ``rel=author``, bylines, author-page links, labelled credits.
Reads the tree; never edits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsift.clean.bylines import (
    CREDIT_TAGS,
    MAX_BYLINE_CHARS,
    extract_byline_text,
    extract_bylines,
    extract_labelled_lines,
    is_credit_place,
)
from newsift.clean.jsonld import JsonLdArticle
from newsift.clean.names import is_person_name, outlet_key, split_credit, unique_names
from newsift.clean.outlets import is_wire_service

__all__ = ["extract_authors", "extract_credit"]

_AUTHOR_META = ("author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator")
_MORE_AUTHOR_META = ("dcterms.creator", "cxenseparse:author")
# an author's page: a path segment naming authors, then the author's own segment
_AUTHOR_PATH = re.compile(
    r"/(?:authors?|autor(?:en|es)?|auteurs?|autore|autori|journalists?|reporters?|writers?|contributors?"
    r"|columnists?|staff|byline|by|profiles?)/[^/]+",
    re.IGNORECASE,
)
_AUTHOR_PATH_WORDS = (
    *("author", "Author", "autor", "auteur", "journalist", "reporter", "writer", "contributor"),
    *("columnist", "staff", "byline", "by/", "profile"),
)
_AUTHOR_HREF = etree.XPath(  # a cheap first pass over the links before _AUTHOR_PATH
    ".//a[" + " or ".join(f"contains(@href, '/{word}')" for word in _AUTHOR_PATH_WORDS) + "]"
)
_ACRONYM = re.compile(r"[A-Z]{2,5}")
# a wire's name alone, or before the place it filed from after a comma, slash or dash
_WIRE_CREDIT = re.compile(r"^(?P<wire>[^,/|–—]+?)(?:\s*[,/|–—]\s*(?P<place>[^\W\d_][^,/|–—\d]*))?$")
_MAX_WIRE_CREDIT_CHARS = 60
_BLOCK_TAGS = frozenset({"p", "div", "li", "td", "section", "article", "blockquote", "dd"})


def extract_authors(
    tree: HtmlElement,
    ld: JsonLdArticle,
    meta: dict[str, list[str]],
    sites: tuple[str, ...],
    anchor: HtmlElement | None,
) -> tuple[tuple[str, ...], str | None, str | None]:
    """(people, wire, where they came from), from the first source that names a person."""
    wire = next((_agency_name(org, sites) for org in ld.organisations if _agency_name(org, sites)), None)
    rel, links = _rel_authors(tree, anchor), _author_links(tree, anchor)
    for source, texts in _author_candidates(tree, ld, meta, rel, links, anchor):
        people: list[str] = []
        for text in texts:
            stated = source.startswith(("json-ld", "meta:"))
            credit = split_credit(text, outlets=sites, single=source == "json-ld", stated=stated)
            people.extend(credit.people)
            wire = wire or credit.wire
        if people:
            found = _with_linked(unique_names(people), [*rel, *links], sites)
            if len(found) == 1 and source.startswith(("json-ld", "meta:")):
                # a structured field often names only the first of the printed byline's authors
                found = _with_linked(found, _byline_texts(tree, anchor), sites)
            return found, wire, source
    return (), wire or _printed_wire(tree, anchor), None


def extract_credit(ld: JsonLdArticle, meta: dict[str, list[str]]) -> tuple[str, str] | None:
    """(source, text) of the first author a structured field states, when none names a person or a wire:
    an outlet, a desk or a staff credit, kept apart from ``authors``."""
    stated = [("json-ld", [*ld.people, *ld.organisations])]
    stated += [(f"meta:{name}", meta.get(name, [])) for name in _AUTHOR_META]
    for source, values in stated:
        for value in values:
            if _is_name_value(value) and any(char.isalpha() for char in value):
                return source, value
    return None


def _printed_wire(tree: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """A wire credited alone in a short element of the headline's article, with no byline class and
    perhaps the place it filed from ('<div class="name">AFP, PORT MARAM</div>', 'AP / Port Maram'): the
    credit of an agency's copy. Asked only when no source names a person or a wire."""
    for element in tree.iter(*CREDIT_TAGS):
        own = element.text  # the credit is an element's own text, with no element inside (a hot path)
        if not own or len(element) or len(own) > 2 * _MAX_WIRE_CREDIT_CHARS:
            continue
        text = " ".join(own.split())
        if len(text) > _MAX_WIRE_CREDIT_CHARS or (match := _WIRE_CREDIT.match(text)) is None:
            continue
        if not is_wire_service(match["wire"]) or not _is_place(match["place"]):
            continue
        if is_credit_place(element, anchor) and not any(a.tag == "a" for a in element.iterancestors()):
            return match["wire"]
    return None


def _is_place(text: str | None) -> bool:
    """No place, or one to four capitalised words ('Port Maram', 'PORT MARAM')."""
    words = (text or "").split()
    return text is None or (1 <= len(words) <= 4 and all(word[:1].isupper() for word in words))


def _agency_name(organisation: str, sites: tuple[str, ...]) -> str | None:
    """The wire an organisation typed as an author names: a known wire or one that calls itself a news
    agency, or an acronym ('KNA') other than the page's own outlet, credited for agency copy."""
    if wire := split_credit(organisation).wire:
        return wire
    own = {outlet_key(site) for site in sites}
    is_acronym = _ACRONYM.fullmatch(organisation) is not None
    return organisation if is_acronym and outlet_key(organisation) not in own else None


def _author_candidates(
    tree: HtmlElement,
    ld: JsonLdArticle,
    meta: dict[str, list[str]],
    rel: list[str],
    links: list[str],
    anchor: HtmlElement | None,
) -> Iterator[tuple[str, list[str]]]:
    """Each source's author texts, most structured first; the markup is searched only when reached."""
    yield "json-ld", list(ld.people)
    for name in (*_AUTHOR_META, *_MORE_AUTHOR_META):
        if values := [value for value in meta.get(name, []) if _is_name_value(value)]:
            yield f"meta:{name}", values
    yield "rel=author", rel
    yield "markup:byline", _byline_texts(tree, anchor)
    yield "markup:author-link", links
    yield "markup:credit-label", _labelled_credit(tree, anchor)
    yield (
        "meta:author-page",
        _author_page_names([value for key in _AUTHOR_META for value in meta.get(key, [])]),
    )
    yield "json-ld:author-page", _author_page_names(list(ld.author_pages))


def _author_page_names(addresses: list[str]) -> list[str]:
    """'https://quay.example/author/ana-ruiz/' in an author meta or a JSON-LD author with no name -> 'Ana
    Ruiz': the name the address of the writer's own page spells, two to four words of letters (a last
    resort: the case of a name is lost)."""
    names: list[str] = []
    for value in addresses:
        path = urlsplit(value).path.rstrip("/")
        if not _AUTHOR_PATH.search(path):
            continue
        words = path.rsplit("/", 1)[-1].split("-")
        if 2 <= len(words) <= 4 and all(word.isalpha() for word in words):
            names.append(" ".join(word.capitalize() for word in words))
    return names


def _with_linked(people: tuple[str, ...], linked: list[str], sites: tuple[str, ...]) -> tuple[str, ...]:
    """The page's author links when they credit everyone the chosen source names and more: a structured
    field often names only the first of a byline's authors."""
    names = unique_names([name for text in linked for name in split_credit(text, outlets=sites).people])
    folded = {name.casefold() for name in names}
    if len(names) > len(people) and all(person.casefold() in folded for person in people):
        return names
    return people


def _is_name_value(value: str | None) -> bool:
    return bool(value) and "://" not in (value or "") and not (value or "").startswith("/")


def _rel_authors(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    links = tree.xpath('.//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]')
    return [" ".join(link.text_content().split()) for link in links if is_credit_place(link, anchor)]


def _author_links(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    """Texts of the article's links to an author page ('/author/ana-ruiz/'): the first such link and
    those beside it in the same credit (a list of them elsewhere on the page is another story's)."""
    credit: HtmlElement | None = None
    texts: list[str] = []
    for link in _AUTHOR_HREF(tree):
        if not _AUTHOR_PATH.search(urlsplit(link.get("href") or "").path):
            continue
        if not is_credit_place(link, anchor):
            continue
        text = " ".join(link.text_content().split())
        if not is_person_name(text) or _in_running_text(link):
            continue
        if credit is None:
            credit = link.getparent()
        elif link.getparent() is not credit:
            break
        texts.append(text)
    return texts


def _in_running_text(link: HtmlElement) -> bool:
    """The link sits in a paragraph of prose (a person the story mentions), not in a short credit."""
    block = next((a for a in link.iterancestors() if a.tag in _BLOCK_TAGS), None)
    return block is not None and len(block.text_content()) > MAX_BYLINE_CHARS


def _byline_texts(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    """Texts of elements marked as the author or byline, outside widgets, one line per text node: the one
    nearest the headline that names a person or a wire, and those after it under the same parent (one
    element per author)."""
    for element, text in extract_bylines(tree, anchor):
        if _names_person(text) or split_credit(text).wire:
            siblings = (extract_byline_text(sibling) for sibling in element.itersiblings())
            return [text, *(other for other in siblings if other and _names_person(other))]
    return []


def _labelled_credit(tree: HtmlElement, anchor: HtmlElement | None) -> list[str]:
    """The first labelled credit line ('<li>Von: <a href="/ana-ruiz">Ana Ruiz</a></li>') that names a person:
    a byline with no class that says so."""
    return next(([text] for text in extract_labelled_lines(tree, anchor) if _names_person(text)), [])


def _names_person(text: str) -> bool:
    return any(is_person_name(p) for p in split_credit(text).people)
