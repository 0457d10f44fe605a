"""The article's headline among a page's title statements (JSON-LD, ``og:title``, ``twitter:title``, the
printed ``h1``, ``<title>``), without the site's name, section, tagline or kicker. Reads the tree; never
edits it.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsift.clean.agreement import letters as _letters
from newsift.clean.bylines import MAX_LABEL_WORDS, is_outside_article
from newsift.clean.jsonld import JsonLdArticle
from newsift.clean.names import outlet_key

__all__ = ["MAX_LABEL_WORDS", "MAX_SITE_WORDS", "SEPARATOR", "extract_title", "headings", "strip_site_name"]

# '|' and the glyphs other scripts sign titles with in its place: box drawing, fullwidth, the CJK stroke,
# the Hangul letter i (a lone compatibility jamo, never inside a Korean word) and the broken bar
_BARS = "|\u2502\uff5c\u4e28\u3163\u00a6"
_SEPARATORS = rf"\s+(?:::|\|\||//)\s+|\s+[{_BARS}\-–—:·•»/~]\s+|\s*[{_BARS}·•»]\s*|:\s+"
# 'Headline-Site': a dash with no spaces, followed by the site's name alone
_GLUED_SITE = re.compile(r"^(?P<head>.{10,}?)[-–—](?P<site>[^\s\-–—][^\-–—]*)$")
SEPARATOR = re.compile(_SEPARATORS)
_HIDDEN_CLASS = re.compile(r"sr-only|visually-?hidden|screen-?reader|element-invisible", re.IGNORECASE)
# between a headline and a tagline or site name, not a colon (a colon may open the headline's second half)
_AFFIX_SEPARATOR = re.compile(rf"\s+(?:::|\|\||//)\s+|\s+[{_BARS}\-–—·•»/~]\s+|\s*[{_BARS}·•»]\s*")
# the page of a story printed over several, as a part of its own ('Headline | Page 2 of 3 | Site')
_PAGINATION = re.compile(
    rf"\s+[{_BARS}\-–—·•]\s+(?:page|seite|página|pagina|strona|sida|side)\s+\d{{1,3}}"
    rf"(?:\s+(?:of|von|de|di|z|av|af)\s+\d{{1,3}})?(?=\s+[{_BARS}\-–—·•]\s+|$)",
    re.IGNORECASE,
)
_MAX_AFFIX_WORDS = 10  # 'Latest news, sport and opinion from the Quay Journal'
_MIN_SHARED_WORDS = 2
_MAX_TITLE = 300
_MICRODATA_HEADLINE = etree.XPath('.//*[@itemprop="headline"]')
MAX_SITE_WORDS = 5  # a site's name in a title ('The Quay Evening Post')


def strip_site_name(title: str, sites: tuple[str, ...]) -> str:
    """The headline without a leading or trailing part that names the site ('Headline | Site'), or a part
    naming it before a short tagline ('Headline | Site - News you can trust'), and without the section named
    between them ('Headline | World News | Site') or the page of a story printed over several ('Page 2')."""
    title = _PAGINATION.sub("", title)
    keys = {outlet_key(site) for site in sites if site} | {_initials(site) for site in sites if site}
    keys.discard("")
    if not keys:
        return title
    parts = SEPARATOR.split(title)
    if len(parts) < 2:
        glued = _GLUED_SITE.match(title)
        return glued["head"].strip() if glued and outlet_key(glued["site"]) in keys else title
    spans = [m.span() for m in SEPARATOR.finditer(title)]
    if _names_site(parts[-1], keys):
        separator = title[spans[-1][0] : spans[-1][1]].strip()
        return _without_section(title[: spans[-1][0]].strip(), separator)
    if _names_site(parts[0], keys):
        separator = title[spans[0][0] : spans[0][1]].strip()
        return _without_leading_section(title[spans[0][1] :].strip(), separator)
    for index in range(len(parts) - 2, 0, -1):  # 'Headline | Site - Tagline': the site's name, then its motto
        if _names_site(parts[index], keys) and len(" ".join(parts[index + 1 :]).split()) <= _MAX_AFFIX_WORDS:
            separator = title[spans[index - 1][0] : spans[index - 1][1]].strip()
            return _without_section(title[: spans[index - 1][0]].strip(), separator)
    return title


def _without_section(title: str, separator: str) -> str:
    """'Headline | World News' (what is left of 'Headline | World News | Site'; the section follows a bar or
    the separator the site's name followed): a short capitalised part there is the site's section, not the
    headline's."""
    for mark in dict.fromkeys((separator, "|")):
        head, bar, section = title.rpartition(f" {mark} ")
        words = section.split()
        if bar and len(head) >= 20 and 1 <= len(words) <= 3 and all(word[:1].isupper() for word in words):
            return head.strip()
    return title


def _without_leading_section(title: str, separator: str) -> str:
    """'World News | Headline' (what is left of 'Site | World News | Headline'): a short capitalised part
    before the same separator is the site's section, not the headline's."""
    section, bar, head = title.partition(f" {separator} ") if separator else ("", "", title)
    words = section.split()
    if bar and len(head) >= 20 and 1 <= len(words) <= 3 and all(word[:1].isupper() for word in words):
        return head.strip()
    return title


def _initials(site: str) -> str:
    """'Quay Times' -> 'qt', 'The Quay Evening Post' -> 'qep': the short name a site of two or more words
    signs a title with ('Headline | QT'); empty for a one-word name."""
    words = [word for word in re.findall(r"[^\W\d_]+", site) if word.casefold() != "the"]
    return "".join(word[0] for word in words).casefold() if 2 <= len(words) <= MAX_SITE_WORDS else ""


def _names_site(part: str, keys: set[str]) -> bool:
    """The part is the site's name: the same letters, or a name its address shortens ('Quay.com', 'Evening
    Quay' at quay.example, 'The Quay Post' at tqp.example)."""
    key = outlet_key(part)
    if not key:
        return False
    if any(key == site or (len(site) > 3 and key.startswith(site)) for site in keys):
        return True
    words = part.split()
    if not 2 <= len(words) <= MAX_SITE_WORDS or not all(word[:1].isupper() for word in words):
        return False
    initials = "".join(word[0] for word in words).casefold()
    short = {initials, initials[1:]} if words[0].casefold() == "the" else {initials}
    return any((len(site) > 3 and key.endswith(site)) or (len(site) > 1 and site in short) for site in keys)


def extract_title(
    tree: HtmlElement, ld: JsonLdArticle, meta: dict[str, str], sites: tuple[str, ...]
) -> tuple[str, str] | None:
    """(source, headline) of the page's article, or None when the page states no title. A statement that
    names only the site is no headline; with no h1, the element marked as the headline in microdata is the
    printed one."""
    site_keys = {outlet_key(site) for site in sites}
    stated = [
        (source, stripped)
        for source, value in (
            ("json-ld", ld.headline),
            ("og:title", meta.get("og:title")),
            ("twitter:title", meta.get("twitter:title")),
            ("title", _head_title(tree)),
        )
        if value
        and len(value) <= _MAX_TITLE
        and outlet_key(stripped := strip_site_name(value, sites)) not in site_keys
    ]
    printed = [strip_site_name(h, sites) for h in headings(tree) if outlet_key(h) not in site_keys]
    from_microdata = not printed
    if from_microdata:
        printed = [
            strip_site_name(h, sites) for h in _microdata_headlines(tree) if outlet_key(h) not in site_keys
        ]
    named = strip_site_name(ld.name, sites) if ld.name else None
    named = named if named and len(named.split()) > MAX_LABEL_WORDS else None  # a headline, not a section
    chosen = _chosen_title(stated, printed, site_keys, named)
    if chosen is None:
        return None
    if from_microdata and chosen[0] == "h1":
        return "microdata", chosen[1]
    others = [value for _, value in stated] + printed
    chosen = (chosen[0], _shared_headline(chosen[1], others))
    # 'Kicker: Headline' where another statement gives the headline alone: the kicker is a topic label
    bare = next((value for value in others if _is_kicked(chosen[1], value)), None)
    # '<h1><span>Exclusive</span> Headline</h1>' where another statement gives the headline alone
    unlabelled = _unlabelled_headings(tree).get(chosen[1]) if chosen[0] == "h1" else None
    if unlabelled and any(_agrees(unlabelled, value) for _, value in stated):
        bare = unlabelled
    # '<h1>Headline <small>Subtitle</small></h1>' where another statement gives the headline alone
    untailed = _untailed_headings(tree).get(chosen[1]) if chosen[0] == "h1" else None
    if untailed and any(_letters(untailed) == _letters(value) for _, value in stated):
        bare = untailed
    return (chosen[0], bare) if bare else chosen


def _chosen_title(
    stated: list[tuple[str, str]], headings: list[str], site_keys: set[str], named: str | None = None
) -> tuple[str, str] | None:
    """The article's own headline: the printed h1 when it is the JSON-LD headline, or the other title the
    same node states (its ``name``: of the node's two titles, the one the page prints); else the JSON-LD
    headline (the article node's statement, not the page's) unless it is cut short; else the h1 that
    another statement agrees with; else the first structured statement, a lone h1, the ``<title>``."""
    ld = next((value for source, value in stated if source == "json-ld"), None)
    if ld and outlet_key(ld) not in site_keys:
        for title in (ld, named) if named else (ld,):
            for heading in headings:
                if _agrees(heading, title):
                    return "h1", heading
        if not ld.endswith(("...", "…")):
            return "json-ld", ld
    for heading in headings:
        if any(_agrees(heading, value) for _, value in stated):
            return "h1", heading
    structured = [(source, value) for source, value in stated if source != "title"]
    if structured:
        return structured[0]
    if len(headings) == 1:
        return "h1", headings[0]
    return stated[0] if stated else None


def _shared_headline(title: str, others: list[str]) -> str:
    """'Headline | Tagline' where another of the page's statements gives 'Headline' alone: the part the two
    share. The affix is found by comparing them, so a tagline or a site name that no site field states goes
    too ('Headline - Breaking news and updates')."""
    for match in _AFFIX_SEPARATOR.finditer(title):
        head, tail = title[: match.start()].strip(), title[match.end() :].strip()
        for part, affix in ((head, tail), (tail, head)):
            if (
                len(part.split()) < _MIN_SHARED_WORDS
                or not _letters(affix)
                or len(affix.split()) > _MAX_AFFIX_WORDS
            ):
                continue
            shared = next((other for other in others if _letters(other) == _letters(part)), None)
            if shared is not None:
                return part
    return title


def _is_kicked(title: str, bare: str) -> bool:
    """``title`` is ``bare`` after a short topic label and a colon ('Storm watch: Ferries halted')."""
    head, colon, rest = title.rpartition(": ")
    return bool(colon) and len(bare) >= 20 and _letters(rest) == _letters(bare) and len(head.split()) <= 6


def _head_title(tree: HtmlElement) -> str | None:
    element = tree.find(".//title")
    return " ".join(element.text_content().split()) if element is not None else None


def headings(tree: HtmlElement) -> list[str]:
    texts = (_printed_text(h) for h in tree.iter("h1"))
    return [text for text in texts if 3 <= len(text) <= _MAX_TITLE]


def _microdata_headlines(tree: HtmlElement) -> list[str]:
    """The printed text of the first element marked ``itemprop="headline"`` in the article (a page that
    prints its headline in an h2 or a span); none in a sidebar, a footer or a related story."""
    for element in _MICRODATA_HEADLINE(tree):
        if element.tag != "meta" and not is_outside_article(element):
            text = _printed_text(element)
            return [text] if 3 <= len(text) <= _MAX_TITLE else []
    return []


def _printed_text(element: HtmlElement) -> str:
    """The element's text as printed, whitespace normalised: a line break (``<br>``) is a space between the
    words it separates ('saved<br>after' is two words), a comment or a hidden element is nothing."""
    parts: list[str] = []
    stack: list[tuple[HtmlElement, bool]] = [(element, False)]  # (node, its children done): no recursion
    while stack:
        node, done = stack.pop()
        if not isinstance(node.tag, str) or (node is not element and not done and _is_hidden(node)):
            parts.append(node.tail or "")  # a comment, or text for screen readers only: its tail only
        elif not done:
            parts.append(node.text or "")
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
        else:
            parts.append(" " if node.tag == "br" else "")
            parts.append(node.tail or "" if node is not element else "")
    return " ".join("".join(parts).split())


def _is_hidden(element: HtmlElement) -> bool:
    """Words not printed: text for screen readers only ('sr-only', 'visually-hidden'), `hidden`,
    `display:none`. Hidden punctuation stays: a kicker's colon is often written for screen readers only
    ('Kicker<span class="visually-hidden">: </span>Headline')."""
    style = (element.get("style") or "").replace(" ", "").casefold()
    if not any(char.isalnum() for char in element.text_content()):
        return False
    return (
        element.get("hidden") is not None
        or "display:none" in style
        or "visibility:hidden" in style
        or _HIDDEN_CLASS.search(element.get("class") or "") is not None
    )


def _unlabelled_headings(tree: HtmlElement) -> dict[str, str]:
    """Each h1 that opens with a short label in an element of its own ('<h1><span>Live</span> Headline</h1>')
    mapped to its text without that label."""
    found: dict[str, str] = {}
    for heading in tree.iter("h1"):
        children = [child for child in heading if isinstance(child.tag, str)]
        if not children or (heading.text or "").strip():
            continue
        label = _printed_text(children[0])
        full = _printed_text(heading)
        rest = full.removeprefix(label).strip(" :|-–—")
        if label and rest and len(label.split()) <= MAX_LABEL_WORDS and len(rest) >= len(label):
            found[full] = rest
    return found


def _untailed_headings(tree: HtmlElement) -> dict[str, str]:
    """Each h1 that closes with a subtitle in an element of its own ('<h1>Headline <small>Subtitle</small>
    </h1>') mapped to its text without that element."""
    found: dict[str, str] = {}
    for heading in tree.iter("h1"):
        children = [child for child in heading if isinstance(child.tag, str)]
        if not children or (children[-1].tail or "").strip():
            continue
        tail = _printed_text(children[-1])
        full = _printed_text(heading)
        rest = full.removesuffix(tail).strip(" :|-–—")
        if tail and rest and full.endswith(tail) and len(rest.split()) >= _MIN_SHARED_WORDS:
            found[full] = rest
    return found


def _agrees(heading: str, stated: str) -> bool:
    """Same words, or one is the other cut short (headlines in JSON-LD are often truncated)."""
    a, b = _letters(heading), _letters(stated.removesuffix("...").removesuffix("…"))
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 30 and (a.startswith(b) or b.startswith(a)))
