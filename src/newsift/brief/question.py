"""A question read into a query: the entities it names (found by ``entityforms``), the direction
between two of them, event types from PLOVER trigger words, a claim status and a time window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsift.brief.entityforms import (
    POSSESSIVE_END,
    QUESTION_WORD,
    entity_forms,
    find_entities,
    item_ids,
    name_index,
    named_non_persons,
    place_ids,
    seat_forms,
)
from newsift.model import Entity

__all__ = [
    "AID_FAMILY",
    "PERSON_NAME",
    "Question",
    "asks_about_speech",
    "asks_for_person",
    "counted_noun",
    "drop_slot_noun",
    "drop_status_words",
    "entity_forms",
    "has_status_cue",
    "holds_wanted",
    "is_answer_shaped",
    "is_type_word",
    "names_a_party",
    "names_a_person",
    "parse_question",
    "seat_forms",
    "time_words",
]

_MAX_SUFFIX = 5
# Question words → (PLOVER type or None, defence subtype or None). Stems: 'suppli' matches supplied.
_TYPE_WORDS: tuple[tuple[str, str | None, str | None], ...] = (
    *(
        (stem, "AID", "arms_transfer")
        for stem in ("suppl", "deliver", "sell", "sold", "transfer", "export", "provid", "bought", "buy")
    ),
    ("acqui", "AID", "arms_transfer"), ("purchas", "AID", "arms_transfer"), ("upgrad", "AID", "upgrade"),
    ("exercis", "COOPERATE", "exercise"), ("drill", "COOPERATE", "exercise"),
    ("co-develop", "COOPERATE", "co_development"), ("develop", "COOPERATE", "co_development"),
    ("pact", None, "defence_pact"), ("alliance", None, "defence_pact"), ("ban", "SANCTION", None),
    ("embargo", "SANCTION", None), ("sanction", "SANCTION", None), ("strike", "ASSAULT", None),
    ("attack", "ASSAULT", None), ("deploy", "MOBILIZE", None), ("land", "MOBILIZE", "movement"),
    ("accus", "ACCUSE", None), ("agree", "AGREE", None), ("sign", "AGREE", None),
)  # fmt: skip
# Subtypes that answer 'what has X supplied / sold / upgraded for Y': one family of military aid.
AID_FAMILY = frozenset({"arms_transfer", "upgrade"})
# 'What did X say (about Y)?': the speaker and the topic, for an answer from X's quotes.
_SAY = re.compile(
    r"^\s*what\s+(?:did|does|do|has|have|had)\s+(?P<speaker>.+?)\s+"
    r"(?:say|said|tell|told|think|thought|warn|warned|argue|argued|add|added|stress|stressed)\b"
    r"(?:\s+\w+)?(?:\s+(?:about|on|of|regarding)\s+(?P<topic>.+?))?\s*\??\s*$",
    re.IGNORECASE,
)
# 'What happened between X and Y (since T)?': everything the store holds between two actors.
_BETWEEN = re.compile(r"\bbetween\s+\S.*?\s+and\s+\S", re.IGNORECASE)
# 'What / which ... supplied' asks for the items: the list. 'Who supplied ... to B' asks for the suppliers:
# the list too, when a party is given a side ('Who has offered to buy <firm>?' is a takeover question).
_LIST_WH = frozenset({"what", "which"})
# 'What has A sold B?': a verb of giving right before the second party makes it the receiver.
_GIVEN_TO = re.compile(
    r"\b(?:sold|sell|supplied|supply|delivered|deliver|sent|send|offered|offer|provided|provide|exported|export)$"
)
_STATUS_WORDS = (("deni", "denied"), ("deny", "denied"), ("alleg", "alleged"), ("confirm", "confirmed"),
                 ("specul", "speculated"), ("rumo", "speculated"))  # fmt: skip
# Words that carry a status in a sentence: a passage answering 'who denied' must hold one.
_STATUS_CUES = {
    "denied": re.compile(
        r"\b(?:den(?:y|ied|ies|ial)|dismiss\w*|reject\w*|refut\w*|inaccurate|false|groundless|baseless|"
        r"untrue|not|never|no)\b|n't\b",
        re.IGNORECASE,
    ),
    "alleged": re.compile(r"\b(?:alleg\w*|accus\w*|claim\w*|charg\w*|reportedly)\b", re.IGNORECASE),
}
_YEAR = r"((?:19|20)\d\d)"
_SINCE = re.compile(rf"\b(?:since|after|from)\s+{_YEAR}\b", re.IGNORECASE)
_UNTIL = re.compile(rf"\b(?:before|until|till|by|to)\s+{_YEAR}\b", re.IGNORECASE)
_IN = re.compile(rf"\bin\s+{_YEAR}\b", re.IGNORECASE)
# What kind of answer the question wants, from its opening words: a quantity or a time.
# 'What stamp duty threshold ...', 'to what age ...': a measure noun after up to two words of its own.
_ASKS_NUMBER = re.compile(
    r"^\s*(?:how\s+(?:much|many|big|large|long|far|high|low)|(?:by|up\s+to)\s+how\s+(?:much|many|far)|"
    r"(?:by|up\s+to|to|at)?\s*what\s+(?:(?!(?:did|does|do|is|was|were|are|has|have|had|will|would|can)\b)"
    r"[\w-]+\s+){0,2}?(?:share|percentage|proportion|amount|number|price|value|rate|level|limit|extent|figure|"
    r"sum|stake|threshold|age|target|total|majority|margin|size|capacity|population|salary|wage|budget|cap|"
    r"ceiling))\b",
    re.IGNORECASE,
)
# 'How much is X worth / did X cost / does X earn': an amount of money, not any number; so is 'how much
# profit / revenue / net profit did X make' (a sum named right after 'how much').
_ASKS_MONEY = re.compile(
    r"^\s*(?:how\s+much\b.*\b(?:worth|cost|costs|value|valued|pay|paid|earn|earns|earned|spend|spent|charge|"
    r"charged|fetch|fetched|invest|invests|invested|investing|lend|lent|borrow\w*|owe[sd]?|fined?|aid|"
    r"funding|compensation|debt|debts|loans?|subsid\w*)\b|how\s+much\s+(?:money|"
    r"(?:[a-z-]+\s+)?(?:profits?|revenues?|turnover|income|earnings|losses|cash))\b|"
    r"what\s+(?:price|sum|fee|salary)|at\s+what\s+price)",
    re.IGNORECASE,
)
# An amount of money: a currency sign or code before a number, or a currency word after one ('40 million
# euros'); a bare 'million' is a count ('1.6 million vehicles').
_MONEY = re.compile(
    r"(?:[$€£¥₹]|\b(?:Rs\.?|USD|EUR|GBP|INR)\s?)\s?\d|\d[\d,.]*\s*(?:(?:bn|m|k|billion|million|crore|lakh)"
    r"\s*)?(?:dollars?|euros?|pounds?|rupees?|yen|yuan|pence|cents?)\b",
    re.IGNORECASE,
)
_PER = re.compile(r"\bper\s+([a-z]+)", re.IGNORECASE)
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
# Nouns for a person: 'which <noun>' asks for someone's name.
_PERSON_NOUNS = (
    "man|woman|men|women|person|people|businessman|businesswoman|tycoon|mogul|magnate|executive|boss|chief|"
    "minister|secretary|official|politician|leader|president|chairman|chairwoman|spokesman|spokeswoman|"
    "spokesperson|analyst|commander|general|officer|judge|lawyer|mp|senator|candidate|founder|banker|"
    "economist|author|player|coach|actor|actress|singer|star|director|governor|mayor|ambassador|envoy"
)
_ASKS_PERSON = re.compile(
    rf"^\s*(?:who\b|(?:which|what)\s+(?:(?!(?:did|does|do|is|was|were|are|has|have|had|will|would|can)\b)\w+\s+)"
    rf"{{0,2}}?(?:{_PERSON_NOUNS})\b)",
    re.IGNORECASE,
)
PERSON_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.?\s+[A-Z][\w'’-]+|[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)+)"
)
# 'How much / how far did X grow / fall ...' asks for the size of a change: a figure or a share, not any
# number word ('in the three months to September' is when, not how much).
_ASKS_CHANGE = re.compile(
    r"^\s*(?:by\s+)?how\s+(?:much|far)\b.*\b(?:grow|grew|grown|rise|rises|rose|risen|fall|falls|fell|fallen|"
    r"drop\w*|increas\w*|decreas\w*|shr[iau]nk\w*|climb\w*|slid\w*|slump\w*|jump\w*|gain\w*|lift\w*|cut|"
    r"rais\w*|lower\w*|expand\w*|contract\w*|declin\w*|plung\w*|soar\w*|surg\w*|widen\w*|narrow\w*)\b",
    re.IGNORECASE,
)
# A figure: digits that are not a year alone, or a share in words.
_MEASURE = re.compile(
    r"(?<![\w.])(?!(?:19|20)\d\d(?![\d%]|[.,]\d))\d[\d,.]*|\b(?:a\s+third|two-thirds|a\s+quarter|half|halved|"
    r"double[ds]?|twice|tripled?|threefold|fourfold|tenfold)\b",
    re.IGNORECASE,
)
# 'Where ...?' and 'in which city ...?' ask for a place; 'which court / firm / party ...?' for a name.
_ASKS_PLACE = re.compile(
    r"^\s*(?:where\b|(?:in|at|from)\s+(?:which|what)\s+(?:city|town|country|region|place|state|province|port|"
    r"village|area|county|capital)\b)",
    re.IGNORECASE,
)
_NAME_NOUNS = (
    "company|companies|firm|firms|business|group|institute|institution|think-tank|court|bank|banks|airline|"
    "carrier|party|parties|union|unions|body|agency|organisation|organization|university|newspaper|paper|"
    "broadcaster|country|countries|nation|nations|city|cities|town|state|states|region|team|club|fund|ministry|"
    "department|committee|brand|retailer|maker|carmaker|manufacturer|exchange|regulator|watchdog|shipyard|yard|"
    "network|channel|chain|supermarket|insurer|lender|council|government|charity|publisher|studio|label"
)
_ASKS_NAME = re.compile(
    rf"^\s*(?:which|what)\s+(?:(?!(?:did|does|do|is|was|were|are|has|have|had|will|would|can)\b)[\w-]+\s+)"
    rf"{{0,2}}?(?:{_NAME_NOUNS})\b",
    re.IGNORECASE,
)
# A place in a sentence: a capitalised word after a preposition of place ('in Chennai', 'off the Egyptian
# coast', 'south of England').
_PLACE = re.compile(
    r"\b(?:in|at|near|off|outside|inside|from|across|around|of|into|to)\s+(?:the\s+)?([A-Z][\w'’-]+)"
)
# 'Why ...?' asks for a cause; a sentence giving one holds a word of cause or purpose.
# 'What did X blame (for Y)?' asks for the cause X gave.
_ASKS_CAUSE = re.compile(
    r"^\s*(?:why|for\s+what\s+reason|what\s+(?:caused|led\s+to|prompted)|"
    r"what\s+(?:did|does|do|has|have|had)\s+.+?\s+blame(?:d|s)?)\b",
    re.IGNORECASE,
)
_CAUSE = re.compile(
    r"\b(?:because|since|as\s+a\s+result|result(?:ed|s|ing)?\s+(?:of|from)|due\s+to|owing\s+to|thanks\s+to|"
    r"after(?:math)?|following|in\s+(?:response|reaction|protest|retaliation)|over|amid|blam\w*|caus\w*|"
    r"reasons?|so\s+that|in\s+order\s+to|aimed\s+at|in\s+the\s+face\s+of|"
    # A purpose ('in an effort to save money', 'designed to'), and a market's cause ('rose on speculation').
    r"in\s+(?:an?\s+)?(?:effort|bid|attempt|drive)\s+to|(?:designed|intended|meant)\s+to|so\s+as\s+to|"
    r"with\s+the\s+aim\s+of|on\s+(?:speculation|hopes?|fears?|news|reports?|concerns?|expectations?|worries|"
    r"rumou?rs?|talk)|to\s+(?:curb|stop|prevent|protect|punish|counter|meet|"
    r"cut|boost|avoid)|led\s+to|prompt\w*|triggered|(?:hit|hurt|dampened|dented|affected|driven|fuell?ed|"
    r"helped|boosted|squeezed)\s+by|attribut\w*\s+(?:\w+\s+){0,4}?to|put\s+(?:\w+\s+){0,4}?down\s+to|as\s+(?!well\b|part\b|much\b|many\b|far\b|long\b|soon\b|a\s+whole\b)(?:\w+\s+)"
    r"{0,4}?(?:was|were|fell|rose|grew|dropped|slowed|weakened|increased|remains?|remained|stays?|stayed|"
    r"continues?|continued|rises|falls|grows|slows|weakens))\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<![\w'’-])([A-Z][\w'’&-]*)")
_ASKS_TIME = re.compile(
    r"^\s*(?:when|by\s+when|since\s+when|(?:in|on|by|from)?\s*(?:what|which)\s+(?:year|date|day|month))\b",
    re.IGNORECASE,
)
_ASKS_COUNT = re.compile(r"^\s*how\s+many\b", re.IGNORECASE)
# Digits that count nothing: a year standing alone, or a designator joining letters and digits.
_NOT_COUNTS = re.compile(
    r"(?<![\w.,])(?:19|20)\d\d(?![\w%]|[.,]\d)|\b[A-Za-z]+-?\d[\w-]*|\b\d+[A-Za-z][\w-]*"
)
# A vague amount, no figure: 'millions of workers', 'a multi-billion dollar campaign'.
_VAGUE = re.compile(
    r"\b(?:dozens|hundreds|thousands|millions|billions)\s+of\b|\bmulti-?(?:million|billion)\b", re.IGNORECASE
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|"
    r"millions?|billions?|half|double|twice)\b",
    re.IGNORECASE,
)
# A unit of time is a number only for a question of length ('how long', 'how old', 'for how many years'):
# 'this week' holds no figure for 'how much profit'.
# A length of time: units in the plural ('decades of trust', '29 years'), a unit counted ('a week', 'one
# day') or a '-long' span ('a year-long inquiry'); 'later in the year' names a time and '£30,000 a year'
# a rate, not a length.
_DURATION = re.compile(
    r"\b(?:decades|years|months|weeks|days|hours|centuries)\b|(?<![\d%]\s)(?<![\d][mk]\s)(?<!bn\s)"
    r"\b(?:a|an|one|half\s+a)\s+(?:[a-z]+\s+)?"
    r"(?:decade|year|month|week|day|hour|century)\b|\b(?:decade|year|month|week|day|hour|century)-long\b",
    re.IGNORECASE,
)
_ASKS_DURATION = re.compile(r"^\s*(?:for\s+)?how\s+(?:long|old|soon)\b", re.IGNORECASE)
# 'How long ...?' asks a length of time: a sum or a count ('£30,000 a year', '30 staff') gives none.
_ASKS_LENGTH = re.compile(r"^\s*(?:for\s+)?how\s+long\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today|ago|last\s+(?:week|month|year)|next\s+(?:week|month|year))\b"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """What a question asks for; ``entities`` are canonical ids (countries as ISO alpha-3) in text order."""

    text: str
    entities: tuple[str, ...] = ()
    source: str | None = None
    target: str | None = None
    types: tuple[tuple[str | None, str | None], ...] = ()
    status: str | None = None
    since_year: int | None = None
    until_year: int | None = None
    wh: str = ""
    expects: str | None = None  # "money", "number" or "time" when the question asks for one
    wants: str | None = None  # "place" ('where'), "name" ('which court'), "cause" ('why') when asked
    # What shape of answer: "say" (a speaker's quotes), "dyad" (all between two actors), "list" (every
    # transfer or upgrade), "status" (who denied / alleged), "when", or "" (one fact or passage).
    intent: str = ""
    speaker: str | None = None  # the entity id of the speaker, for "say"
    topic: str | None = None  # the words after 'about' in 'what did X say about ...'


def parse_question(text: str, stored: Iterable[Entity] = ()) -> Question:
    """Read a question; ``stored`` entities add their names and aliases to the gazetteer's forms."""
    stored = tuple(stored)
    found = find_entities(text, name_index(stored), place_ids(stored))
    entities = tuple(dict.fromkeys(e for _, e in found))
    words = [w.casefold() for w in QUESTION_WORD.findall(text)]
    since, until = _window(text)
    types = tuple(dict.fromkeys((t, s) for w in words for stem, t, s in _TYPE_WORDS if _stem_of(w, stem)))
    items = item_ids(stored)
    source, target = _direction(text, [(p, e) for p, e in found if e not in items])
    status = next((s for s in map(_status_of, words) if s), None)
    if not (source and target) and (status or not any(t == "AID" for t, _ in types)):
        source = target = None  # one side given: only in a question of who supplied whom
    expects = _expects(text)
    say = _SAY.match(text)
    speaker = _speaker(say, found) if say else None
    wh = words[0] if words else ""
    list_wh = wh if wh != "who" or source or target else ""  # 'who ... to B' lists B's suppliers
    return Question(
        text=text,
        entities=entities,
        source=source,
        target=target,
        types=types,
        status=status,
        since_year=since,
        until_year=until,
        wh=wh,
        expects=expects,
        wants=_wants(text),
        intent=_intent(text, list_wh, types, status, expects, speaker, len(entities)),
        speaker=speaker,
        topic=say.group("topic") if say else None,
    )


def _intent(
    text: str,
    wh: str,
    types: tuple[tuple[str | None, str | None], ...],
    status: str | None,
    expects: str | None,
    speaker: str | None,
    n_entities: int,
) -> str:
    if speaker and not status:
        return "say"
    if status:
        return "status"
    if expects == "time":
        return "when"
    if expects is None and n_entities >= 2 and _BETWEEN.search(text):
        return "dyad"
    if (
        expects is None
        and wh in {*_LIST_WH, "who"}
        and n_entities
        and any(t == "AID" and s in AID_FAMILY for t, s in types)
    ):
        return "list"
    return ""


def _speaker(say: re.Match[str], found: list[tuple[int, str]]) -> str | None:
    """The entity named in the speaker slot of 'what did X say', if one is."""
    start, end = say.span("speaker")
    return next((e for p, e in found if start <= p < end), None)


# 'How many Ethiopians will ...', 'how much profit did ...', 'how many of its plants ...': the words of
# what is counted or measured, up to the question's verb.
_COUNTED = re.compile(
    r"^\s*(?:by\s+)?how\s+(?:many|much)\s+(?:of\s+(?:its|their|his|her|the)\s+)?"
    r"(?P<noun>(?:(?!(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could|may|might|should)\b)"
    r"[\w'’-]+\s+){1,3}?)(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could|may|might|should)\b",
    re.IGNORECASE,
)


def counted_noun(text: str) -> str:
    """The words naming what a 'how many / how much' question counts or measures ('Ethiopians', 'net
    profit', 'plants'); empty for other questions and for 'how much did X grow'."""
    match = _COUNTED.match(text)
    return match.group("noun").strip() if match else ""


def asks_for_person(text: str) -> bool:
    """True for 'Who ...?' and 'Which/What <person noun> ...?' ('Which minister resigned?')."""
    return bool(_ASKS_PERSON.match(text))


def names_a_person(sentence: str, known: Iterable[str] = ()) -> bool:
    """True when the sentence holds a personal name other than the ``known`` forms: two or more capitalised
    words in a row, or a title with a capitalised name ('Mr Straw')."""
    for match in PERSON_NAME.finditer(sentence):
        name = match.group(0)
        known_name = any(form and (name in form or form in name) for form in known)
        if not known_name and not _TIME.search(name) and name not in named_non_persons():
            return True
    return False


# The speaker a sentence quotes: 'Jane Roe said', 'Shadow minister Jane Roe said:', 'said Jane Roe'.
_ATTRIBUTION = re.compile(
    r"(?:(?<![\w'’-])[A-Z][\w'’.-]*\s+){1,6}(?:said|says|told|added|warned|argued|insisted)\b"
    r"|\b(?:said|says|added|according\s+to)\s+(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.?\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"
)
# A question about what was said or claimed ('Who warned ...?', 'Who said ...?'): its speaker answers it.
_ASKS_SPEECH = re.compile(
    r"\b(?:say|says|said|tell|told|warn\w*|claim\w*|argu\w*|criticis\w*|criticiz\w*|urg\w*|call\w*\s+for|"
    r"describ\w*|accus\w*|announc\w*|blam\w*|deni\w*|deny|insist\w*|predict\w*|prais\w*|attack\w*|condemn\w*|"
    r"quot(?:e|es|ed|ing)|comment\w*|spoke|speak\w*)\b",
    re.IGNORECASE,
)


def asks_about_speech(text: str) -> bool:
    """True when the question asks about something said ('Who warned that ...?', 'Who criticised ...?')."""
    return bool(_ASKS_SPEECH.search(text))


def names_a_party(sentence: str, known: Iterable[str] = ()) -> bool:
    """``names_a_person`` leaving out the speaker the sentence quotes: in 'Shadow minister Jane Roe said: "I
    am glad the minister will go."' the one who goes is not named, so 'who will go?' is not answered."""
    return names_a_person(_ATTRIBUTION.sub(" ", sentence), known)


def _wants(text: str) -> str | None:
    """What the question wants named: "place" ('where'), "name" ('which court / firm'), "cause" ('why')."""
    if _ASKS_PLACE.match(text):
        return "place"
    if _ASKS_CAUSE.match(text):
        return "cause"
    return "name" if _ASKS_NAME.match(text) and not asks_for_person(text) else None


def drop_slot_noun(text: str) -> str:
    """The question without the noun naming the class of what it asks for ('Which countries operate the K9?'
    -> 'Which operate the K9?'): the answer names an instance ('Estonia'), not the class."""
    match = _ASKS_NAME.match(text) or _ASKS_PLACE.match(text)
    if match is None:
        return text
    noun = re.search(r"[\w-]+\s*$", match.group(0))
    return (
        text
        if noun is None
        else " ".join((text[: match.start() + noun.start()] + text[match.end() :]).split())
    )


def holds_wanted(sentence: str, wants: str | None, asked: str = "", known: Iterable[str] = ()) -> bool:
    """True when the sentence names what the question wants beyond the names it gives (``known``: every
    form of them, 'India' for 'Indian'): a place ('in Chennai') for "place", a capitalised name not at the
    sentence's start for "name", a word of cause ('because', 'in the aftermath of') for "cause"; True for
    None."""
    if wants is None:
        return True
    if wants == "cause":
        return bool(_CAUSE.search(sentence))
    given = {w.casefold() for w in QUESTION_WORD.findall(" ".join((asked, *known)))}

    def new(word: str) -> bool:
        word = POSSESSIVE_END.sub("", word)
        return word.casefold() not in given and not _TIME.fullmatch(word) and word not in {"I", "A", "The"}

    if wants == "place":
        return any(new(m.group(1)) for m in _PLACE.finditer(sentence))
    first = re.match(r"\W*[\w'’-]+", sentence)
    start = first.end() if first else 0
    return any(new(m.group(1)) for m in _CAPITALISED.finditer(sentence, start))


# 'What did the index fall to?', 'What has inflation risen to?': the level a measure reached, a figure.
_ASKS_LEVEL = re.compile(
    r"^\s*(?:what|which\s+level)\s+(?:did|does|do|has|have|had|will|is|was)\s+.+?\s+(?:fall|fallen|rise|risen|drop"
    r"(?:ped)?|climb(?:ed)?|grow|grown|slip(?:ped)?|jump(?:ed)?|slide|slid|sink|sunk|increase[sd]?|decrease[sd]?|"
    r"decline[sd]?|reach(?:ed)?|hit|edge(?:d)?\s+(?:up|down)|come\s+in)\s+(?:to|at)\b",
    re.IGNORECASE,
)


def _expects(text: str) -> str | None:
    """The shape of answer asked for: "money", "number", "time" or None (anything)."""
    if _ASKS_MONEY.match(text):
        return "money"
    if _ASKS_NUMBER.match(text) or _ASKS_LEVEL.match(text):
        return "number"
    return "time" if _ASKS_TIME.match(text) else None


def time_words(text: str) -> set[str]:
    """The months, years and weekdays a text names, case-folded ('September', '2004')."""
    return {
        m.group(0).casefold()
        for m in _TIME.finditer(text)
        if not m.group(0).casefold().startswith(("ago", "last", "next", "today", "yesterday"))
    }


def is_answer_shaped(sentence: str, expects: str | None, asked: str = "") -> bool:
    """True when the sentence holds what the question asks for: an amount of money, a number, a time, or
    anything. A number the question itself states ('the deal for 26 jets') is not an answer to it."""
    if expects in {"number", "money"}:  # 'millions of workers', 'multi-billion campaigns' give no figure
        sentence = _VAGUE.sub(" ", sentence)
    if expects in {"number", "money"} and asked:
        given = set(_DIGITS.findall(asked))
        sentence = _DIGITS.sub(lambda m: " " if m.group(0) in given else m.group(0), sentence)
    if expects in {"number", "money"} and (rate := _PER.search(asked)):
        # 'What price per share ...': a rate answers, '310 pence a share', not the deal's total.
        unit = re.escape(rate.group(1))
        if not re.search(rf"\b(?:per|a|an|each)\s+{unit}s?\b", sentence, re.IGNORECASE):
            return False
    if expects == "money":
        return bool(_MONEY.search(sentence))
    if expects == "number":
        if _ASKS_COUNT.match(asked):  # a count: a year or a designator's digits ('K9', 'F-16') counts nothing
            sentence = _NOT_COUNTS.sub(" ", sentence)
        if _ASKS_CHANGE.match(asked):
            return bool(_MEASURE.search(sentence))
        if _ASKS_LENGTH.match(asked):  # a length, or the time it runs from or to ('since 1976')
            return bool(_DURATION.search(sentence) or _TIME.search(sentence))
        return bool(_NUMBER.search(sentence) or (_ASKS_DURATION.match(asked) and _DURATION.search(sentence)))
    if expects == "time":
        return bool(_TIME.search(sentence))
    return True


def drop_status_words(text: str) -> str:
    """The question without its status words ('denied', 'alleged'): a sentence answering it may say
    'inaccurate' or 'accused' instead, and ``has_status_cue`` checks that it says one."""
    return QUESTION_WORD.sub(lambda m: "" if _status_of(m.group(0).casefold()) else m.group(0), text)


def is_type_word(word: str) -> bool:
    """True for a word that names an event type in a question ('exercise', 'supplied', 'sanctions')."""
    return any(_stem_of(word.casefold(), stem) for stem, _, _ in _TYPE_WORDS)


def _status_of(word: str) -> str | None:
    return next((s for stem, s in _STATUS_WORDS if _stem_of(word, stem)), None)


def has_status_cue(sentence: str, status: str | None) -> bool:
    """True when the sentence holds a word of the asked status ('denied', 'inaccurate' for a denial), or
    when no status is asked."""
    cues = _STATUS_CUES.get(status or "")
    return cues is None or bool(cues.search(sentence))


def _stem_of(word: str, stem: str) -> bool:
    """A short inflection of the stem ('banned' of 'ban'), not a longer word ('Bangladesh')."""
    return word.startswith(stem) and len(word) - len(stem) <= _MAX_SUFFIX


def _window(text: str) -> tuple[int | None, int | None]:
    since = _SINCE.search(text)
    until = _UNTIL.search(text)
    single = _IN.search(text)
    if single and not since and not until:
        year = int(single.group(1))
        return year, year
    return (int(since.group(1)) if since else None), (int(until.group(1)) if until else None)


def _direction(text: str, found: list[tuple[int, str]]) -> tuple[str | None, str | None]:
    """'X ... to Y' (or 'X sold Y') makes X the source and Y the target; 'X ... from Y' the other way round;
    with one party, 'to Y' makes Y the target and 'from Y' the source ('Who sold jets to India?')."""
    ids = list(dict.fromkeys(e for _, e in found))
    if not 0 < len(ids) <= 2:
        return None, None
    positions = {e: p for p, e in reversed(found)}
    second = max(ids, key=lambda e: positions[e])
    first = (ids[0] if ids[1] == second else ids[1]) if len(ids) == 2 else None
    before = text[: positions[second]].rstrip().casefold()
    if before.endswith(("to", "for", "with")) and (first or not before.endswith("with")):
        return first, second
    if before.endswith("from"):
        return second, first
    if first and _GIVEN_TO.search(before):
        return first, second
    return None, None
