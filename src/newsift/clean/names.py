"""Author credits into person names: labels, roles, dates, widgets and outlet names dropped, wires set aside.

Works on the shape of a name (capitalised words, a few lowercase particles), never on a list of people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.clean.outlets import is_known_outlet, is_wire_service, normalize_outlet

__all__ = ["Credit", "is_person_name", "outlet_key", "split_credit", "unique_names"]

_LABEL = re.compile(
    r"^(?:(?:written|posted|reported|published|compiled|words|text|story|updated|"
    r"opinion|analysis|review|commentary|column|essay|interview|perspective)\s+by|by|author|authors|"
    r"writer|reporter|from|von|par|por|door|av|af)\b\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
# 'and' in the credit's language (German, Scandinavian, Romance, Turkish, Vietnamese...), lowercase only
_AND = r"\band\b|(?-i:\b(?:with|und|og|och|et|y|e|en|i|ve|và|és|ja)\b)"
_SPLIT = re.compile(rf"\s*(?:,|;|\||/|{_AND}|&|\n|\s[-–—·•]\s|(?<=[^\W\d_]{{3}})\.\s+(?=[A-Z]))\s*", re.I)
# 'Redaktion: ', 'Text: ', 'Von: ': one word and a colon before the names is the credit's label
_COLON_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w-]*)\s*:\s+(?=\S)")
# 'Photograph by ': one word and 'by' (the label of a credit that may not be the writer's)
_BY_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w-]*)\s+by\s+(?=\S)", re.IGNORECASE)
# 'Ana Ruiz (ar)', 'Ana Ruiz (Reuters)': initials, a handle or a wire in brackets after a name
# a generational suffix after a name ('Ana Ruiz Jr.', 'Ana Ruiz, Jr.'): the name's last word, not a part
_COMMA_SUFFIX = re.compile(r",\s*(?P<suffix>(?:Jr|Sr)\.?)(?=\s*$|\s*[,;|]|\s+(?:and|&)\s)")
_DOTTED_SUFFIX = re.compile(r"\s(?:Jr|Sr)\.$")
_ASIDE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<aside>[^()]{1,40})\)$")
# 'Ana Ruiz for Reuters', and in a capitalised house style 'Ana Ruiz For Quaymail.com' after a full name
_EMPLOYER = re.compile(r"^(?P<name>\S.*?)\s+for\s+(?P<for>\S.*)$")
_CAPITAL_EMPLOYER = re.compile(r"^(?P<name>\S.*?)\s+(?:For|FOR)\s+(?P<for>\S.*)$")
_WEB_ADDRESS = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}/?", re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PARTICLES = _words("van von der den de del della di da du la le bin binti al el")
_ROLE_WORDS = _words(
    """correspondent editor reporter writer contributor columnist staff producer analyst chief senior bureau
    newsdesk webdesk desk team contributing associate photographer journalist newsroom editorial board news
    digital online web agency guest special deputy managing political business sports foreign intern
    health science technology tech environment climate crime education transport economics culture arts
    entertainment travel fashion lifestyle politics affairs legal defence defense security energy markets
    redakteur redakteurin korrespondent korrespondentin reporterin autorin journalistin redaktion rédacteur
    rédactrice journaliste correspondant correspondante periodista redactor redactora corresponsal
    giornalista corrispondente redattore redattrice jornalista correspondente redacteur verslaggever"""
)
_WIDGET_WORDS = _words(
    """follow share email e-mail twitter facebook linkedin whatsapp print subscribe sign newsletter comment
    comments name your login log more view profile bio read articles posts updated published min mins ago
    today yesterday contact about author authors by click here"""
)
_ORG_WORDS = _words(
    """international media group press times post daily network tv radio magazine journal herald tribune wire
    services service company inc ltd llc foundation institute university association ministry department
    office government blog admin administrator webmaster weekly gazette reporters"""
)
# labels of a credit that is not the writer's (a photo, a graphic, a source line)
_OTHER_CREDITS = _words(
    """photo photos foto fotos bild bilder image images picture pictures graphic graphics grafik video videos
    illustration illustrations photography photographer photograph photographs
    fotografie fotograf fotografía fotografia
    source sources quelle quellen fuente fonte kaynak
    edited editing translated translation illustrated designed"""
)
# 'news agency' in the credit's language: the name beside it is a wire ('Kestrel Nachrichtenagentur')
_AGENCY_WORDS = _words(
    """agency nachrichtenagentur presseagentur agentur agence agencia agenzia agência nieuwsagentschap
    persbureau nyhetsbyrå nyhedsbureau uutistoimisto ajansı"""
)
_MONTHS = _words(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec"""
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
# a month is a date only next to a number ('March 3', '3 May'): alone it can be a name ('April', 'Jan');
# a photo credit's label ends a name ('Ana Ruiz Photograph by Tom Berg': two credits printed without a break)
# 'for' is no word of a name ('Centre For Island Studies', 'Ana Ruiz For Quaymail.com')
_NOT_NAME = _ROLE_WORDS | _WIDGET_WORDS | _ORG_WORDS | _WEEKDAYS | _OTHER_CREDITS | {"for"}
# reporter, correspondent, editor after a Korean, Japanese or Chinese name ('김하늘 기자')
_CASELESS_ROLES = _words("기자 특파원 선임기자 객원기자 논설위원 記者 特派員 編集委員 编辑 责任编辑 记者")
_NOT_AGENCY = (_ROLE_WORDS | _WIDGET_WORDS) - {"news"}  # 'Agency Reporter' is a person's role
_NOT_FIRST = frozenset({"the", "a", "an", "our", "this", "all", "no"})
_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_MAX_WORDS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Credit:
    """What one credit line holds: person names, a wire service, and the parts that were neither."""

    people: tuple[str, ...] = ()
    wire: str | None = None
    dropped: tuple[str, ...] = ()


def split_credit(
    text: str, *, outlets: tuple[str, ...] = (), single: bool = False, stated: bool = False
) -> Credit:
    """Person names and a wire in a credit such as 'By Ana Ruiz and Tom Berg, Reuters'.

    Args:
        text: the credit as printed (a byline, a meta author value, a JSON-LD name).
        outlets: names of the page's own outlet (site name, publisher), never kept as an author.
        single: one capitalised word is a name too (a source that types it as a person says so).
        stated: the text is a structured author field (JSON-LD, meta), so a name in a script without
            capitals (CJK, Hangul) is taken as one; in the markup such a word is as likely a button.
    """
    own = {outlet_key(name) for name in outlets if name}
    people: list[str] = []
    dropped: list[str] = []
    wire: str | None = None
    for printed in _SPLIT.split(_without_label(_COMMA_SUFFIX.sub(r" \g<suffix>", _one_line(text, own)))):
        part = _without_label(printed.strip(" .:·•"))
        if _DOTTED_SUFFIX.search(printed.rstrip(" :·•")) and part.endswith(("Jr", "Sr")):
            part += "."  # 'Jr.' as printed: the dot is the name's, not the credit's end
        part, aside = _without_aside(part)
        if aside and is_wire_service(aside):
            wire = wire or aside
        if (employer := _employer(part)) is not None:  # 'Ana Ruiz for Reuters': who she wrote for
            part = employer["name"]
            if is_wire_service(employer["for"]):
                wire = wire or employer["for"]
            else:
                dropped.append(employer["for"])
        if aside and _WEB_ADDRESS.fullmatch(aside):  # 'Harbour Wave (www.harbourwave.example)': an outlet
            dropped.append(part)
            continue
        if not part:
            continue
        if stated:
            part = _without_caseless_role(part)
        name = (
            part
            if is_person_name(part) or (single and _is_single_name(part)) or (stated and _caseless_name(part))
            else _leading_name(part)
        )
        if is_wire_service(part) or (agency := _agency(part)):
            wire = wire or (part if is_wire_service(part) else agency)
        elif dated_wire := _leading_wire(part):
            wire = wire or dated_wire
            dropped.append(part[len(dated_wire) :].strip())
        elif name and outlet_key(name) not in own and not is_known_outlet(name):
            people.append(name.title() if name.isupper() else name)
            if name != part:
                dropped.append(part[len(name) :].strip())
        else:
            dropped.append(part)
    return Credit(people=tuple(people), wire=wire, dropped=tuple(dropped))


def _one_line(text: str, own: set[str]) -> str:
    """The credit on one line, unless each of its lines is a full name or an outlet, one of them a name
    ('Ana Ruiz\nTom Berg', 'Ana Ruiz\nReuters': names printed in elements of their own, with no separator
    between them): those stay apart. (Keeping apart every credit that opens with a full name, so that a
    role line after it goes too, lowered the English publisher check half's authors and was dropped.)"""
    lines = [line for line in (" ".join(line.split()) for line in text.splitlines()) if line]
    named = [is_person_name(line) for line in lines]
    apart = all(is_name or _is_outlet_line(line, own) for is_name, line in zip(named, lines, strict=True))
    return "\n".join(lines) if len(lines) > 1 and any(named) and apart else " ".join(lines)


def _is_outlet_line(line: str, own: set[str]) -> bool:
    """The line names the page's own outlet or a known outlet or wire."""
    return outlet_key(line) in own or is_known_outlet(line)


def _employer(part: str) -> re.Match[str] | None:
    """'Ana Ruiz for Reuters' (any name before a lowercase 'for'), 'Ana Ruiz For Quaymail.com' (a person's
    full name before a capitalised one: 'For' is no word of a name)."""
    if (match := _EMPLOYER.match(part)) is not None:
        return match
    match = _CAPITAL_EMPLOYER.match(part)
    return match if match is not None and is_person_name(match["name"]) else None


def outlet_key(name: str) -> str:
    """An outlet's canonical id without a leading 'the' ('The Upland Record' and 'uplandrecord' agree)."""
    key = normalize_outlet(name)
    return key.removeprefix("the") if len(key) > 6 else key


def _without_label(part: str) -> str:
    """The credit without its label ('By', 'Written by', 'Text:', 'von', 'par'); empty when the label says the
    credit is not the writer's ('Photo: Ana Ruiz')."""
    part = _LABEL.sub("", part)
    if (match := _BY_LABEL.match(part)) is not None and match["label"].casefold() in _OTHER_CREDITS:
        return ""
    if (match := _COLON_LABEL.match(part)) is not None:
        if match["label"].casefold() in _OTHER_CREDITS:
            return ""
        part = _LABEL.sub("", part[match.end() :])
    return _without_lowercase_label(part)


def _without_aside(part: str) -> tuple[str, str | None]:
    """'Ana Ruiz (ar)' -> ('Ana Ruiz', 'ar'): what a credit puts in brackets after a name."""
    match = _ASIDE.match(part)
    return (match["name"].strip(), match["aside"].strip()) if match else (part, None)


def _agency(part: str) -> str | None:
    """'Kestrel Nachrichtenagentur' -> 'Kestrel': a credit that calls itself a news agency is a wire,
    named by its other words (the whole credit when they are more than a short name)."""
    words = part.split()
    rest = [word for word in words if word.casefold().strip(".,") not in _AGENCY_WORDS]
    if len(rest) == len(words) or any(word.casefold() in _NOT_AGENCY for word in rest):
        return None
    return " ".join(rest) if 1 <= len(rest) <= 3 else part


def _without_lowercase_label(part: str) -> str:
    """'von Ana Ruiz', 'par Ana Ruiz' -> 'Ana Ruiz': up to two lowercase words before a name are the
    byline's label in the page's language (a particle starts a surname, not a full name)."""
    words = part.split()
    for start, word in enumerate(words[:3]):
        if word[:1].isupper():
            rest = " ".join(words[start:])
            return rest if start and is_person_name(rest) else part
        if not word.isalpha():
            return part
    return part


def _caseless_name(text: str) -> bool:
    """'松岡大地': two to eight letters of a script without capitals, no space (a name as CJK and Hangul
    pages state it)."""
    return 2 <= len(text) <= 8 and text.isalpha() and not any(c.isupper() or c.islower() for c in text)


def _without_caseless_role(part: str) -> str:
    """'김하늘 기자' -> '김하늘': a name in a script without capitals followed by its role word."""
    words = part.split()
    if len(words) >= 2 and _caseless_name(words[0]) and all(word in _CASELESS_ROLES for word in words[1:]):
        return words[0]
    return part


def _date_word(folded: list[str], index: int) -> bool:
    """A weekday, or a month next to a number ('March 3', '3 May 2024', 'Jan. 5')."""
    word = folded[index]
    if word in _WEEKDAYS:
        return True
    if word not in _MONTHS:
        return False
    near = folded[max(0, index - 1) : index] + folded[index + 1 : index + 2]
    return any(any(c.isdigit() for c in other) for other in near)


def _leading_name(text: str) -> str | None:
    """'Ana Ruiz Updated March 3' -> 'Ana Ruiz': a name followed, with no separator, by a date or label.

    None when the text names an organisation ('Granite State Wire', 'AP Auto Writer').
    """
    words = text.split()
    folded = [word.casefold().strip(".,") for word in words]
    if any(word in _ORG_WORDS for word in folded) or any(is_wire_service(word) for word in words):
        return None
    for stop, word in enumerate(words):
        if (
            any(c.isdigit() for c in word)
            or _is_address(word)
            or folded[stop] in _NOT_NAME
            or _date_word(folded, stop)
            or _plural_role(folded[stop])
            or _dated_preposition(words, folded, stop)
        ):
            if _shared_affiliation(folded[stop:]):
                return None
            head = " ".join(words[:stop])
            return head if stop >= 2 and is_person_name(head) else None
    return None


def _dated_preposition(words: list[str], folded: list[str], index: int) -> bool:
    """'on' or 'at' before a date, a weekday or a time ('Ana Ruiz on March 4', 'Ana Ruiz at 10:40')."""
    if words[index] not in ("on", "at") or index + 1 >= len(words):
        return False
    following = words[index + 1]
    return any(c.isdigit() for c in following) or _date_word(folded, index + 1)


def _leading_wire(text: str) -> str | None:
    """'Reuters Jan 14, 2025' -> 'Reuters': a wire's name followed, with no separator, by a date."""
    words = text.split()
    folded = [word.casefold().strip(".,") for word in words]
    for stop in range(1, len(words)):
        if any(c.isdigit() for c in words[stop]) or _date_word(folded, stop):
            head = " ".join(words[:stop])
            return head if is_wire_service(head) else None
    return None


def _is_address(word: str) -> bool:
    """An e-mail address, a web address or a social handle printed after a name."""
    return "@" in word or "://" in word or word.casefold().startswith("www.")


def _plural_role(word: str) -> bool:
    return word.endswith("s") and word[:-1] in _ROLE_WORDS


def _shared_affiliation(tail: list[str]) -> bool:
    """'Staff Writers', 'Correspondents', a bare 'Staff': the words before them name the employer of a
    group ('Valley Courier Staff Writers'), not a person."""
    return bool(tail) and (_plural_role(tail[-1]) or tail == ["staff"])


def is_person_name(text: str) -> bool:
    """True for two to five capitalised words (lowercase particles allowed), none a role, widget or date."""
    words = text.split()
    if not 2 <= len(words) <= _MAX_WORDS or len(text) > 60:
        return False
    if not all(_WORD.match(word) for word in words):
        return False
    folded = [word.casefold().strip(".") for word in words]
    if folded[0] in _NOT_FIRST:
        return False
    if any(word in _NOT_NAME for word in folded):
        return False
    capitals = [word for word in words if word[0].isupper()]
    lowers_ok = all(word[0].isupper() or word.casefold() in _PARTICLES for word in words)
    return (lowers_ok and len(capitals) >= 2 and not text.isupper()) or _all_caps_name(words)


def _is_single_name(text: str) -> bool:
    """'Regan': one capitalised word of letters, no role, widget, date or account name ('admin')."""
    folded = text.casefold()
    return (
        text.isalpha()
        and 2 < len(text) <= 20
        and text[0].isupper()
        and not text.isupper()
        and folded not in _NOT_NAME
        and folded not in _MONTHS
        and "admin" not in folded
    )


def _all_caps_name(words: list[str]) -> bool:
    """'JANE DOE' in an uppercase byline style: a name when every word is a plain uppercase word."""
    return all(word.isupper() and word.isalpha() and len(word) > 1 for word in words)


def unique_names(names: list[str]) -> tuple[str, ...]:
    """Names de-duplicated case-insensitively, keeping the first mixed-case spelling seen."""
    chosen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key not in chosen or (chosen[key].isupper() and not name.isupper()):
            chosen[key] = name
    return tuple(chosen.values())
