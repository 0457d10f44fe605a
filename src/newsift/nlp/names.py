"""People's names the model mislabels in a speaker's slot, repaired into PERSON mentions.

The small model often reads a name right after a closing quote mark or a speech cue as a work, an
organisation or a product ("'...,' said Mohan Das" as WORK_OF_ART), glues a title onto it
("Secretary of State Antony Blake" as ORG "State Antony Blake"), or misses it. A span in a speaker's
slot (subject of 'said/told/added', after a closing quote, in apposition with a person's title) that
is shaped like a personal name becomes a PERSON mention with the title left outside it. Pure
functions over token and mention records; runs before resolution.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsift.model import Mention, Resolution, Token
from newsift.nlp.lexicon import ResolveLexicon

__all__ = ["repair_speaker_names"]

# Labels the model gives a name it misreads; PERSON only has a title split off.
_REPAIRABLE = frozenset(
    {"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT", "NORP", "GPE", "LOC", "PERSON"}
)
# Labels whose misreading needs a person's title as evidence (an organisation speaks too).
_NEEDS_TITLE = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})
_QUOTE_MARKS = frozenset({"'", '"', "‘", "’", "“", "”", "«", "»", "''", "``"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MAX_NAME = 4
_MAX_APPOSITIVE = 6
_OPENERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "former", "then"})
# A name that modifies another noun is not the speaker ("Swiss Re's spokesman", "Acme chief X").
_MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class _Doc:
    text: str
    tokens: Sequence[Token]
    lex: ResolveLexicon
    starts: tuple[int, ...]

    def word(self, i: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[i].end]

    def lower(self, i: int) -> str:
        return self.word(i).lower()

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_left(self.starts, end) - 1)
        return first, last

    def is_title(self, i: int) -> bool:
        word = self.lower(i)
        return word in self.lex.title_words or word in self.lex.honorifics

    def is_title_part(self, i: int) -> bool:
        """A word a title is made of: a title word, an office ('of State'), a connector."""
        word = self.lower(i)
        return self.is_title(i) or word in self.lex.office_words or word in self.lex.connectors


def repair_speaker_names(
    text: str,
    tokens: Sequence[Token],
    mentions: Sequence[Mention],
    lex: ResolveLexicon,
    *,
    article_id: str = "",
) -> tuple[Mention, ...]:
    """The mentions with names in a speaker's slot relabelled PERSON (titles split off) and the
    unlabelled subject names of speech cues that follow a title added; in text order."""
    if not tokens:
        return tuple(mentions)
    doc = _Doc(text, tokens, lex, tuple(t.start for t in tokens))
    repaired = [_repair(doc, m) or m for m in mentions]
    repaired += _unlabelled(doc, repaired, article_id)
    return tuple(sorted(repaired, key=lambda m: (m.start, m.end)))


def _repair(doc: _Doc, mention: Mention) -> Mention | None:
    if mention.label not in _REPAIRABLE or mention.entity_id:
        return None  # the gazetteer named it surely
    first, last = doc.token_range(mention.start, mention.end)
    core = _name_core(doc, first, last)
    if core is None:
        return None
    titled = core[0] > first and any(doc.is_title(i) for i in range(first, core[0]))
    titled = titled or _title_before(doc, core[0]) or _title_after(doc, core[1]) or _apposed(doc, *core)
    if not _in_speaker_slot(doc, *core) and not _title_after(doc, core[1]):
        return None
    if _modifies_noun(doc, *core):
        return None
    if mention.label == "PERSON" and not (
        _title_before(doc, first) and any(doc.lower(i) in doc.lex.office_words for i in range(first, core[0]))
    ):
        return None  # honorifics alone are stripped by the resolver; 'Air Deccan' keeps its 'Air'
    if mention.label in _NEEDS_TITLE and not titled:
        return None
    if not titled and core[1] == core[0]:
        return None  # one bare word ('Hezbollah said') is as likely a body as a person
    return _person(doc, mention, *core)


def _person(doc: _Doc, mention: Mention, first: int, last: int) -> Mention:
    start, end = doc.tokens[first].start, doc.tokens[last].end
    return replace(mention, start=start, end=end, text=doc.text[start:end], label="PERSON",
                   resolution=Resolution.NER, sentence=doc.tokens[first].sentence)  # fmt: skip


def _name_core(doc: _Doc, first: int, last: int) -> tuple[int, int] | None:
    """The tokens of the personal name inside ``first..last`` after a leading title, or None when
    what is left is not shaped like a name (an organisation's head noun, 'the', lower-case words)."""
    while first <= last and (doc.word(first) in _QUOTE_MARKS or doc.tokens[first].pos == "PUNCT"):
        first += 1
    if (
        first <= last
        and doc.word(first).islower()
        and doc.tokens[first].lemma.lower() in doc.lex.speech_verbs
    ):
        first += 1  # the cue swallowed with the closing mark ("’ said Mohan Das")
    while last >= first and (doc.lower(last) in ("'s", "’s") or doc.tokens[last].pos == "PUNCT"):
        last -= 1
    if first > last or doc.lower(first) == "the":
        return None
    while first < last and doc.is_title_part(first):
        first += 1
    words = [doc.word(i) for i in range(first, last + 1)]
    if not 1 <= len(words) <= _MAX_NAME or not all(_name_word(doc, w) for w in words):
        return None
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return None
    return first, last


def _name_word(doc: _Doc, word: str) -> bool:
    lower = word.lower()
    if lower in doc.lex.name_particles:
        return True
    if lower in doc.lex.organisation_heads or lower in doc.lex.office_words or doc.lex.title_words & {lower}:
        return False
    if word.isupper() and len(word.rstrip(".")) > 1:
        return False  # an acronym
    letters = word.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
    return word[:1].isupper() and letters.isalpha()


def _title_before(doc: _Doc, first: int) -> bool:
    """A person's title written just before the name ('Secretary of State', 'Defence Minister')."""
    i = first - 1
    sentence = doc.tokens[first].sentence
    while i >= 0 and doc.tokens[i].sentence == sentence and doc.is_title_part(i):
        if doc.is_title(i):
            return True
        i -= 1
    return False


def _title_after(doc: _Doc, last: int) -> bool:
    """An appositive led by a person's title ('Mohan Das, the defence minister, ...'); not one whose
    title belongs to a name after it ('Bosch, the firm's chief executive Ann Roe') nor a list
    ('Yamaha, General Motors and ...')."""
    i = last + 1
    if i >= len(doc.tokens) or doc.word(i) != ",":
        return False
    sentence = doc.tokens[last].sentence
    j = i + 1
    while j < len(doc.tokens) and doc.lower(j) in _OPENERS:
        j += 1
    for k in range(j, min(j + _MAX_APPOSITIVE, len(doc.tokens))):
        token = doc.tokens[k]
        if token.sentence != sentence or token.pos in ("PUNCT", "VERB", "AUX"):
            return False
        if doc.lower(k) in doc.lex.title_words:
            while k + 1 < len(doc.tokens) and doc.lower(k + 1) in doc.lex.title_words:
                k += 1
            return k + 1 >= len(doc.tokens) or doc.tokens[k + 1].pos != "PROPN"
    return False


def _modifies_noun(doc: _Doc, first: int, last: int) -> bool:
    for i in range(first, last + 1):
        token = doc.tokens[i]
        if not first <= token.head <= last:
            return token.dep in _MODIFIER_DEPS
    return False


def _in_speaker_slot(doc: _Doc, first: int, last: int) -> bool:
    return _cue_subject(doc, first, last) or _after_quote(doc, first) or _apposed(doc, first, last)


def _apposed(doc: _Doc, first: int, last: int) -> bool:
    """The name is in apposition to a title that is the subject of a speech verb ('Its spokesman,
    General Ann Roe, insisted ...', 'The group's leader, Tom Reed, said ...')."""
    for i in range(first, last + 1):
        token = doc.tokens[i]
        if not first <= token.head <= last:
            title = doc.tokens[token.head]
            return (
                token.dep == "appos"
                and title.lemma.lower() in doc.lex.title_words
                and title.dep in _SUBJECTS
                and doc.tokens[title.head].lemma.lower() in doc.lex.speech_verbs
            )
    return False


def _cue_subject(doc: _Doc, first: int, last: int) -> bool:
    """The name's head is the subject of a speech verb ('... Antony Blake said')."""
    for i in range(first, last + 1):
        token = doc.tokens[i]
        if not first <= token.head <= last:
            head = doc.tokens[token.head]
            return token.dep in _SUBJECTS and head.lemma.lower() in doc.lex.speech_verbs
    return False


def _after_quote(doc: _Doc, first: int) -> bool:
    """A closing quote mark comes before the name, past its title and a speech verb ("...,' said X")."""
    i = first - 1
    while i >= 0 and doc.is_title_part(i):
        i -= 1
    if i >= 0 and doc.tokens[i].lemma.lower() in doc.lex.speech_verbs:
        i -= 1
    if i < 1 or doc.word(i) not in _QUOTE_MARKS or doc.tokens[i - 1].pos != "PUNCT":
        return False
    return doc.tokens[i].end < doc.tokens[i + 1].start  # an opening mark is glued to its first word


def _unlabelled(doc: _Doc, mentions: Sequence[Mention], article_id: str) -> list[Mention]:
    """Names the model left unlabelled in a speech verb's subject slot, after a person's title
    ('Minister of Defence Rajnath Sinha told ...')."""
    covered = {i for m in mentions for i in range(*_span(doc, m))}
    found = []
    for i, token in enumerate(doc.tokens):
        if token.dep not in _SUBJECTS or token.pos != "PROPN" or i in covered:
            continue
        if doc.tokens[token.head].lemma.lower() not in doc.lex.speech_verbs:
            continue
        first = i
        while first > 0 and doc.tokens[first - 1].pos == "PROPN" and first - 1 not in covered:
            first -= 1
        core = _name_core(doc, first, i)
        if (
            core is not None
            and core[1] == i
            and (_title_before(doc, core[0]) or _titled_run(doc, first, core))
        ):
            start, end = doc.tokens[core[0]].start, doc.tokens[i].end
            found.append(Mention(article_id=article_id, start=start, end=end, text=doc.text[start:end],
                                 entity_id=None, label="PERSON", resolution=Resolution.NER,
                                 sentence=token.sentence))  # fmt: skip
    return found


def _titled_run(doc: _Doc, first: int, core: tuple[int, int]) -> bool:
    return any(doc.is_title(j) for j in range(first, core[0]))


def _span(doc: _Doc, mention: Mention) -> tuple[int, int]:
    first, last = doc.token_range(mention.start, mention.end)
    return first, last + 1
