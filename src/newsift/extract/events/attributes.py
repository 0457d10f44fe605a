"""Event attributes read from a sentence: money values, quantities, items, years and time, aspect.

Pure functions over text and the stored parse (``Tree``); no lexicon of names, no spaCy calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.extract.events.lexicon import AIRFRAMES, EventLexicon
from newsift.extract.parse import Parse
from newsift.model import EntityKind, Mention, Value

__all__ = [
    "COMMITTING",
    "armed_item",
    "extract_aspect",
    "extract_item",
    "extract_quantity",
    "extract_time",
    "extract_values",
    "is_designation",
    "item_heads",
    "item_phrase",
    "parse_number",
    "raised_subjects",
    "tree_distance",
]

_SYMBOLS = {
    "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "¥": "JPY", "jpy": "JPY", "₩": "KRW", "krw": "KRW",
    "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD", "pln": "PLN", "zł": "PLN", "₽": "RUB", "rub": "RUB",
}  # fmt: skip
_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "rupee": "INR", "yen": "JPY", "won": "KRW",
    "zloty": "PLN", "zlotys": "PLN", "rouble": "RUB", "ruble": "RUB", "lira": "TRY", "yuan": "CNY",
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "crore": 1e7, "cr": 1e7, "lakh": 1e5,
}  # fmt: skip
_NUM = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"thousand|million|billion|trillion|crore|lakh|mn|bn|tn|cr|k|m|b"
_SYMBOL_RE = re.compile(
    rf"(?P<sym>US\$|A\$|C\$|\$|€|£|₹|¥|₩|₽|zł|\bRs\.?|\b(?:USD|EUR|GBP|INR|JPY|KRW|AUD|CAD|PLN|RUB)\b)"
    rf"\s?(?P<num>{_NUM})(?:[\s-]*(?P<scale>{_SCALE})\b)?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(
    rf"(?P<num>{_NUM})(?:[\s-]*(?P<scale>{_SCALE})\b)?\s+(?:US\s+|U\.S\.\s+)?"
    r"(?P<word>dollars?|euros?|pounds?|rupees?|yen|won|zlotys?|roubles?|rubles?|lira|yuan)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "a dozen": 12,
}  # fmt: skip
_YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_DESIGNATION_RE = re.compile(r"^[A-Z][A-Za-z]{0,4}-?\d{1,4}[A-Za-z]{0,2}$|^[A-Z]{2,}[- ]?[A-Z]?\d+s?$")
_TIME_PREPS = frozenset({"in", "since", "by", "during", "until", "from", "before", "after", "on"})


def extract_values(text: str, offset: int = 0) -> list[tuple[int, int, Value]]:
    """Money amounts in ``text`` as (start, end, Value), offsets shifted by ``offset``.

    "$75 million" → 75e6 USD; "₹63,000-crore" → 6.3e11 INR; "2 billion euros" → 2e9 EUR.
    """
    found: list[tuple[int, int, Value]] = []
    for match in _SYMBOL_RE.finditer(text):
        currency = _SYMBOLS[match["sym"].lower()]
        found.append(_value(match, currency, offset))
    for match in _WORD_RE.finditer(text):
        if any(s <= match.start() + offset < e for s, e, _ in found):
            continue
        found.append(_value(match, _WORDS[match["word"].lower().rstrip("s") or "won"], offset))
    return sorted(found, key=lambda f: f[0])


def _value(match: re.Match[str], currency: str, offset: int) -> tuple[int, int, Value]:
    amount = float(match["num"].replace(",", ""))
    scale = (match["scale"] or "").lower()
    amount *= _SCALES.get(scale, 1.0)
    start, end = match.start() + offset, match.end() + offset
    return start, end, Value(amount=amount, currency=currency, text=match.group(0))


def parse_number(text: str) -> int | None:
    """'41' → 41, 'two' → 2, '1,200' → 1200; None for years, designations and anything else."""
    word = text.lower().replace(",", "")
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word.isdigit() and not _YEAR_RE.match(word):
        return int(word)
    return None


def is_designation(text: str) -> bool:
    """Model designations such as 'F-16s', 'K2', 'S-400', 'C-130', 'TB-2' (shape only, no names)."""
    return bool(_DESIGNATION_RE.match(text)) and any(c.isdigit() for c in text)


def armed_item(parse: Parse, i: int, lexicon: EventLexicon) -> bool:
    """A weak item noun made military by its modifier: 'patrol boats', 'armoured vehicles', 'landing
    ship', 'air-defence batteries', 'attack aircraft' (the modifier, a compound or adjective, or a
    hyphenated pair). Aircraft nouns civil aviation shares count as weak here."""
    if parse.lemma(i) not in lexicon.weak_items | AIRFRAMES:
        return False
    tree = parse.tree
    for kid in tree.kids(i, "compound", "amod", "nmod"):
        if is_designation(parse.text(kid)) and parse.lemma(i) in _DESIGNATED:  # 'S-400 systems'
            return True  # (not 'A320 planes': airliners carry designations too)
        words = {parse.lemma(k) for k in range(tree.left[kid], kid + 1)} | {parse.text(kid).lower()}
        joined = "".join(parse.text(k) for k in range(tree.left[kid], kid + 1)).lower()
        if words & lexicon.military_modifiers or joined in lexicon.military_modifiers:
            return True
    return False


def tree_distance(parse: Parse, a: int, b: int) -> int:
    """Edges between two tokens of one sentence (large when they are not connected)."""
    up_a, up_b = [a, *parse.tree.ancestors(a)], [b, *parse.tree.ancestors(b)]
    for i, node in enumerate(up_a):
        if node in up_b:
            return i + up_b.index(node)
    return 99


_DESIGNATED = frozenset({"system", "battery", "launcher", "vehicle", "gun"})

_BUSINESS = frozenset(
    {"company", "firm", "maker", "manufacturer", "producer", "corporation", "business", "industry",
     "sector", "stock", "share", "market", "factory", "plant", "startup", "giant"}
)  # fmt: skip


def _is_item_token(parse: Parse, i: int, lexicon: EventLexicon, products: set[int]) -> bool:
    token = parse.tree.tokens[i]
    if token.pos not in ("NOUN", "PROPN", "NUM", "X", "VERB"):
        # a weapon system the gazetteer names is one whatever its tag ('Yak-130 trainers', tagged ADJ)
        mention = parse.mention_at(i) if i in products else None
        return mention is not None and parse.kind_of(mention) == EntityKind.WEAPON_SYSTEM
    text = parse.text(i).lower()
    if token.dep == "compound" and parse.lemma(token.head) in _BUSINESS:
        return False  # 'the drone maker', 'shell companies': a business, not an item
    return (
        i in products
        or token.lemma.lower() in lexicon.items
        or text in lexicon.items
        or (is_designation(parse.text(i)))
    )


def item_heads(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon, products: set[int]) -> list[int]:
    """Heads of item phrases in a sentence: the rightmost item token of each noun run."""
    heads = []
    for i in tokens:
        if not _is_item_token(parse, i, lexicon, products):
            continue
        following = i + 1
        if (
            following in tokens
            and _is_item_token(parse, following, lexicon, products)
            and (
                parse.tree.tokens[i].head == following
                or parse.tree.tokens[following].head == parse.tree.tokens[i].head
            )
        ):
            continue
        heads.append(i)
    return heads


_NAME_LABELS = frozenset({"ORG", "PRODUCT", "NORP", "GPE", "WORK_OF_ART", "EVENT", "FAC", "LAW"})


def item_phrase(parse: Parse, head: int, *, adjectives: bool = False) -> tuple[int, int]:
    """Token range of an item phrase: the head and the contiguous modifiers on its left.

    Nouns, proper nouns, hyphens, designations and named words ('KAAN') join; with ``adjectives``
    so do adjectives ('electronic warfare training range').
    """
    first = head
    while first - 1 >= 0 and parse.tree.tokens[first - 1].sentence == parse.tree.tokens[head].sentence:
        if not _joins(parse, first - 1, adjectives=adjectives):
            break
        first -= 1
    while first < head and (parse.tree.tokens[first].pos == "PUNCT" or parse.text(first) == "-"):
        first += 1
    return first, head


def _joins(parse: Parse, i: int, *, adjectives: bool) -> bool:
    left, text = parse.tree.tokens[i], parse.text(i)
    if is_designation(text):
        return True
    if (
        left.dep in ("det", "poss", "case", "nummod", "quantmod", "cc", "prep", "punct", "dative")
        and text != "-"
    ):
        return False
    mention = parse.mention_at(i)
    named = mention is not None and mention.label in _NAME_LABELS and mention.label not in ("NORP", "GPE")
    return (
        left.pos in ("PROPN", "NOUN", "X")
        or text == "-"
        or named
        or (
            left.tag == "VBG" and left.dep in ("amod", "compound", "nmod")
        )  # not a gerund verb: "providing arms"
        or (adjectives and left.pos == "ADJ" and left.dep in ("amod", "compound"))
    )


def extract_item(
    parse: Parse, trigger: int, tokens: Sequence[int], lexicon: EventLexicon, products: set[int]
) -> tuple[int, int] | None:
    """The item of a trigger: an item phrase in its own phrase, else its object, else one nearby."""
    tree = parse.tree
    subjects = [s for s in tree.kids(trigger, "nsubj") if tree.tokens[trigger].pos == "VERB"]
    own = [
        h
        for h in item_heads(parse, tokens, lexicon, products)
        if h != trigger
        and tree.left[trigger] <= h <= tree.right[trigger]
        and not any(tree.left[s] <= h <= tree.right[s] for s in subjects)
        and not _means(parse, h)
    ]
    if own:
        return _cut(min(own, key=lambda h: tree_distance(parse, trigger, h)), parse, trigger)
    raised = [  # 'the rifles were due to be unloaded and transferred': the passive's subject sits above
        h
        for s in raised_subjects(parse, trigger)
        for h in item_heads(parse, range(tree.left[s], tree.right[s] + 1), lexicon, products)
    ]
    if raised:
        return _cut(raised[0], parse, trigger)
    objects = [o for o in tree.kids(trigger, "dobj") if tree.tokens[o].pos not in ("PRON", "DET")]
    if parse.lemma(trigger) == "reach":
        objects = []  # 'the jets reached Greece': the object is where they go, the item is what goes
    if tree.tokens[trigger].dep == "relcl":
        objects.append(tree.tokens[trigger].head)
    if objects:
        return _cut(objects[0], parse, trigger, adjectives=True)
    near = [h for h in item_heads(parse, tokens, lexicon, products) if h != trigger and not _means(parse, h)]
    near = [h for h in near if tree_distance(parse, trigger, h) <= 3]
    if not near:
        return None
    return _cut(min(near, key=lambda h: (tree_distance(parse, trigger, h), abs(h - trigger))), parse, trigger)


def raised_subjects(parse: Parse, head: int) -> list[int]:
    """The subject of a passive raised above it: 'the arms were due to be transferred', 'were due to be
    unloaded and from there transferred' (a participle sharing its conjunct's 'be')."""
    tree = parse.tree
    token = tree.tokens[head]
    if _participle_on_be(parse, head):  # the parser hangs '(and) from there transferred' on 'were'
        return tree.kids(token.head, "nsubj", "nsubjpass")
    shared = token.tag == "VBN" and bool(tree.kids(token.head, "auxpass"))
    if not (tree.kids(head, "auxpass") or shared) or token.dep not in ("xcomp", "conj"):
        return []
    node = head
    for _ in range(4):
        if tree.tokens[node].dep not in ("xcomp", "conj", "acomp") or tree.tokens[node].head == node:
            return []
        node = tree.tokens[node].head
        subjects = tree.kids(node, "nsubj", "nsubjpass")
        if subjects:
            return subjects
    return []


def _participle_on_be(parse: Parse, head: int) -> bool:
    """A bare past participle (no subject, no 'when'/'if') that the parser hangs as a clause on a
    'be' with a subject: 'the missiles were due to be unloaded and from there transferred'."""
    tree = parse.tree
    token = tree.tokens[head]
    if token.tag != "VBN" or token.dep != "advcl" or tree.kids(head, "nsubj", "nsubjpass", "mark"):
        return False
    return parse.lemma(token.head) == "be" and bool(tree.kids(token.head, "nsubj"))


def _means(parse: Parse, head: int) -> bool:
    """A bare noun after 'by' or 'via' is how something travels ('arrived by ship'), not what."""
    tree = parse.tree
    token = tree.tokens[head]
    return token.dep == "pobj" and parse.lemma(token.head) in ("by", "via") and not tree.children[head]


def _cut(head: int, parse: Parse, trigger: int, *, adjectives: bool = False) -> tuple[int, int]:
    """The item phrase of ``head``, never including the trigger itself ('co-developing fighter aircraft')."""
    first, last = item_phrase(parse, head, adjectives=adjectives)
    if first <= trigger < last:
        first = trigger + 1
    return first, last


def extract_quantity(parse: Parse, item_head: int) -> int | None:
    """'two ships' → 2 (a number on the item); '41 of Pakistan's F-16s' → 41 (a number the item is 'of')."""
    for child in parse.tree.kids(item_head, "nummod"):
        number = parse_number(parse.text(child))
        if number is not None:
            return number
        for inner in parse.tree.kids(child, "nummod"):  # '96 AH-64E helicopters': a model number between
            number = parse_number(parse.text(inner))
            if number is not None:
                return number
    # '24 Bayraktar TB2 drones', '66 F-16V fighter jets': the parser hangs the number on the model name
    for modifier in parse.tree.kids(item_head, "compound"):
        for child in parse.tree.kids(modifier, "nummod"):
            number = parse_number(parse.text(child))
            if number is not None and parse.tree.left[modifier] == child:
                return number
    token = parse.tree.tokens[item_head]
    if token.dep == "pobj" and parse.tree.tokens[token.head].lemma.lower() == "of":
        owner = parse.tree.tokens[token.head].head
        if parse.tree.tokens[owner].pos == "NUM":  # '41 of Pakistan's F-16s', 'a dozen of the warplanes'
            return parse_number(parse.text(owner))
        if parse.lemma(owner) == "dozen":
            return 12
    for child in parse.tree.kids(item_head, "amod", "quantmod", "det"):  # 'a dozen jets'
        if parse.lemma(child) == "dozen":
            return 12
    return None


_PEOPLE = frozenset(
    {"troop", "soldier", "serviceman", "servicemen", "personnel", "sailor", "marine", "airman"}
)


def people_count(parse: Parse, tokens: Sequence[int]) -> int | None:
    """'more than 14,000 servicemen', 'up to 12,700 troops': the first count of people in a sentence
    (the size of an exercise or a deployment)."""
    for i in tokens:
        if parse.lemma(i) in _PEOPLE or parse.text(i).lower() in _PEOPLE:
            for child in parse.tree.kids(i, "nummod"):
                number = parse_number(parse.text(child))
                if number is not None:
                    return number
    return None


def extract_time(
    parse: Parse, trigger: int, tokens: Sequence[int], dates: Sequence[Mention]
) -> tuple[str | None, int | None]:
    """The time as written and its year: the year token nearest the trigger in the parse.tree."""
    years = [
        i
        for i in tokens
        if _YEAR_RE.match(parse.text(i)) and parse.tree.tokens[i].pos in ("NUM", "PROPN", "NOUN")
    ]
    if not years:
        return _date_text(parse, trigger, tokens, dates), None
    best = min(years, key=lambda i: (tree_distance(parse, trigger, i), abs(i - trigger)))
    year = int(parse.text(best)[:4])
    head = parse.tree.tokens[best].head
    if (
        parse.tree.tokens[head].pos == "ADP"
        and parse.tree.tokens[head].lemma.lower() in _TIME_PREPS
        and head < best
    ):
        return f"{parse.text(head)} {_covering(parse, best, dates)}", year
    return _covering(parse, best, dates), year


def _covering(parse: Parse, i: int, dates: Sequence[Mention]) -> str:
    token = parse.tree.tokens[i]
    for mention in dates:
        if mention.start <= token.start and token.end <= mention.end:
            return mention.text
    return parse.text(i)


def _date_text(parse: Parse, trigger: int, tokens: Sequence[int], dates: Sequence[Mention]) -> str | None:
    near = []
    for mention in dates:
        i = parse.tree.token_at(mention.start)
        if i in tokens and tree_distance(parse, trigger, i) <= 3:
            near.append((tree_distance(parse, trigger, i), mention.text))
    return min(near)[1] if near else None


def extract_aspect(parse: Parse, trigger: int, future: frozenset[str], plans: frozenset[str]) -> str | None:
    """done / ongoing / planned / expected, from the trigger's verb group and the verbs above it."""
    verb = _governing_verb(parse, trigger)
    if verb is None:
        return None
    if verb == trigger and parse.tree.tokens[verb].lemma.lower() in COMMITTING:
        return "planned"  # 'pledged 19 jets to X', 'selected the Gripen': the transfer is still to come
    if verb != trigger and verb in parse.tree.ancestors(trigger)[:1] and _approving(parse, verb):
        return "planned"  # 'the cabinet approved the purchase of 12 jets': approved, not yet bought
    auxes = {parse.tree.tokens[a].lemma.lower() for a in parse.tree.kids(verb, "aux", "auxpass")}
    above = parse.tree.ancestors(verb)[:2]
    lemmas = {parse.tree.tokens[v].lemma.lower() for v in above}
    if lemmas & {"due", "poised", "schedule"}:  # 'is due to arrive': scheduled, a plan
        return "planned"
    if lemmas & {"expect", "likely", "anticipate"}:  # a forecast
        return "expected"
    if auxes & future or lemmas & plans or _going_to(parse, verb):
        return "planned"
    if "to" in auxes:  # 'continued to send', 'marched to protest': as the verb it completes, else planned
        head = parse.tree.tokens[verb].head
        governed = head != verb and parse.tree.tokens[verb].dep in ("xcomp", "advcl")
        if governed and parse.tree.tokens[head].lemma.lower() == "be":
            return "planned"  # 'Russia is to deploy', 'the jets are to be delivered'
        return extract_aspect(parse, head, future, plans) if governed else "planned"
    tag = parse.tree.tokens[verb].tag
    if (tag == "VBG" and auxes & {"be"}) or parse.tree.tokens[verb].lemma.lower() in ("continue", "remain"):
        return "ongoing"
    if tag in ("VBD", "VBN") or auxes & {"have"}:
        return "done"
    if tag in ("VBZ", "VBP"):
        return "ongoing"
    return None


_APPROVING = frozenset({"approve", "authorise", "authorize", "endorse", "greenlight", "sanction", "clear"})


def _approving(parse: Parse, verb: int) -> bool:
    return parse.tree.tokens[verb].lemma.lower() in _APPROVING


# transfer verbs of a choice or a promise: the transfer is still to come
COMMITTING = frozenset({"pledge", "promise", "select", "choose", "opt"})


def _governing_verb(parse: Parse, i: int) -> int | None:
    for node in [i, *parse.tree.ancestors(i)][:5]:
        if parse.tree.tokens[node].pos in ("VERB", "AUX"):
            return node
    return None


def _going_to(parse: Parse, verb: int) -> bool:
    head = parse.tree.tokens[verb].head
    return parse.tree.tokens[verb].dep == "xcomp" and parse.tree.tokens[head].lemma.lower() == "go"
