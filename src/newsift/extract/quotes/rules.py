"""Dependency rules that turn a cue word into an attribution: its source, cue, content and addressee.

Works on the Tree of one article and the quoted spans of its text; resolves no speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.extract.quotes.lexicon import Lexicon
from newsift.extract.quotes.marks import QuotedSpan
from newsift.extract.quotes.shapes import clause_read_as_object, root_of
from newsift.extract.syntax import Tree
from newsift.model import Token

__all__ = ["Found", "find_cue_relations"]

Span = tuple[int, int]
_VERB_POS = ("VERB",)
_CONTENT_PREPS = ("against", "for", "on", "about", "of", "to", "that")
_PLAIN_SAY = ("say", "add", "tell", "write", "ask", "reply", "explain", "note")
_JOINERS = ("", ",", ":", "—", "-")


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution as written. Spans are char offsets; ``source_tokens`` is inclusive."""

    cue: Span
    cue_token: int
    source: Span | None
    source_tokens: Span | None
    content: tuple[Span, ...]
    addressee: Span | None = None
    lemma: str = ""
    head: Span | None = None

    @property
    def word(self) -> Span:
        """The cue word as shown to readers ('said'), where ``cue`` is PolNeAR's wider span ('has said:')."""
        return self.head or self.cue


def find_cue_relations(tree: Tree, text: str, quotes: Sequence[QuotedSpan], lexicon: Lexicon) -> list[Found]:
    """Every cue outside quotation marks that has a source, or content, or both (agreement verbs)."""
    found = []
    for i, token in enumerate(tree.tokens):
        if any(q.start < token.start < q.end for q in quotes):
            continue
        relation = _phrase(tree, text, i, lexicon) or _verb(tree, text, i, quotes, lexicon)
        if relation is not None:
            found.append(relation)
    return found


def _word(tree: Tree, text: str, i: int) -> str:
    return text[tree.tokens[i].start : tree.tokens[i].end].lower()


def _phrase(tree: Tree, text: str, i: int, lexicon: Lexicon) -> Found | None:
    """'according to X, Y': X is the source and the clause the phrase hangs on is the content."""
    for phrase in lexicon.phrases:
        n = len(phrase)
        if i + n > len(tree.tokens) or tuple(_word(tree, text, i + k) for k in range(n)) != phrase:
            continue
        objects = [c for k in range(n) for c in tree.kids(i + k, "pobj")]
        if not objects:
            return None
        source = tree.subtree(objects[-1])
        head = tree.tokens[i].head
        outer = tree.span(*tree.subtree(head, without=[i]))
        content = _minus(outer, tree.span(tree.left[i], max(tree.right[i], source[1])))
        return Found(
            cue=_with_colon(tree, text, i, i + n - 1),
            cue_token=i,
            source=tree.span(*source),
            source_tokens=source,
            content=(content,) if content else (),
            lemma=" ".join(phrase),
        )
    return None


def _minus(outer: Span, cut: Span) -> Span | None:
    """``outer`` without ``cut``: the part after a leading cut, else the part before it."""
    if cut[0] <= outer[0] + 1:
        return (cut[1], outer[1]) if cut[1] < outer[1] else None
    return (outer[0], cut[0]) if outer[0] < cut[0] else None


def _verb(tree: Tree, text: str, i: int, quotes: Sequence[QuotedSpan], lexicon: Lexicon) -> Found | None:
    token = tree.tokens[i]
    lemma = token.lemma.lower()
    if token.pos not in _VERB_POS or lemma not in lexicon.cues or text[token.start : token.end].isupper():
        return None
    if _relays(tree, i):
        return None
    subject = _subject(tree, i, lexicon.speech)
    if subject is None and lemma in lexicon.speech:
        subject = _stranded_subject(tree, i)
    agent = _agent(tree, i) if subject is None else None
    content = _content(tree, text, i, lemma, lexicon)
    if content is None:
        content = _as_clause(tree, i)
    if content is None:
        content = _adjacent_quote(tree, text, i, subject, quotes)
    if content is None and agent is not None:
        content = _passive_subject(tree, i)
    parts = _around(tree, text, i, subject, content)
    if content is not None and not parts and content[0] > tree.tokens[i].start:
        opening = _quote_before(tree, text, i, subject, content, quotes)
        parts = (opening,) if opening else ()
    if content is None and not parts and lemma not in lexicon.agreement:
        return None
    if (content is None or _imperative(tree, i)) and subject is None and agent is None:
        return None
    who = subject if subject is not None else agent
    source = tree.subtree(who, without=_right_clauses(tree, who)) if who is not None else None
    if source is not None and subject is not None:
        source = _with_split_subject(tree, subject, source)
    if source is not None:
        source = _outside_quotes(tree, source, quotes)
        if source is None:
            return None
        source = _with_name_before(tree, text, source, quotes)
        source = _past_lead_in(tree, text, source)
    return Found(
        cue=_cue_span(tree, text, i, content, agent),
        cue_token=i,
        source=_source_span(tree, text, _with_relative(tree, text, source, i)) if source else None,
        source_tokens=source,
        content=tuple(sorted({*parts, *((content,) if content else ())})),
        addressee=_addressee(tree, i, lemma, lexicon),
        lemma=lemma,
        head=tree.span(i, _particle_end(tree, i)),
    )


def _source_span(tree: Tree, text: str, tokens: Span) -> Span:
    """A source with an apposition keeps the comma that closes it ('Ann Lee, a lawyer, said')."""
    start, end = tree.span(*tokens)
    nxt = tokens[1] + 1
    if "," in text[start:end] and nxt < len(tree.tokens) and text[tree.tokens[nxt].start] == ",":
        end = tree.tokens[nxt].end
    return start, end


def _outside_quotes(tree: Tree, tokens: Span, quotes: Sequence[QuotedSpan]) -> Span | None:
    """Drop a quote glued to the front of a source ("'...' Bhandari, who ..."); None if all quoted."""
    first, last = tokens
    for q in quotes:
        while first <= last and q.start <= tree.tokens[first].start < q.end:
            first += 1
    return tree.trim(first, last) if first <= last else None


def _with_split_subject(tree: Tree, subject: int, source: Span) -> Span:
    """'The diplomat Paolo Conti said', parsed as two subjects side by side: one source; 'Yossi Ben-David
    said', parsed as three ('Ben', '-', 'David'): one source too."""
    others = [k for k in tree.kids(tree.tokens[subject].head, "nsubj") if k != subject]
    grown = True
    while grown:
        grown = False
        for other in others:
            if tree.left[other] == source[1] + 1:
                source, grown = (source[0], tree.right[other]), True
    return source


def _with_name_before(tree: Tree, text: str, source: Span, quotes: Sequence[QuotedSpan]) -> Span:
    """'"...," Rear Admiral Ann Lee, the navy's spokeswoman, said', parsed with the name hung on the
    quote and the apposition as the subject: a proper-noun run between a closing quote and the comma
    before the subject is the source's head."""
    first = source[0]
    if first < 2 or text[tree.tokens[first - 1].start : tree.tokens[first - 1].end] != ",":
        return source
    k = first - 1
    while k > 0 and tree.tokens[k - 1].pos == "PROPN":
        k -= 1
    if k == first - 1 or not any(q.end == tree.tokens[k - 1].end for q in quotes):
        return source
    run_head = root_of(tree, k, first - 2)
    if (
        tree.tokens[run_head].dep in ("nsubj", "nsubjpass")
        or tree.tokens[run_head].sentence != tree.tokens[first].sentence
    ):
        return source
    return k, source[1]


_DASHES = frozenset(("-", "--", "–", "—", "―"))


def _past_lead_in(tree: Tree, text: str, source: Span) -> Span:
    """'... were made public ― Trump boasted', '... one reason that Trump refuses': words the parse hung
    on the subject before a free-standing dash, or a complementiser 'that' before a name, are not the
    source."""
    first, last = source
    for k in range(min(root_of(tree, first, last), last - 1), first, -1):
        token = tree.tokens[k]
        word = text[token.start : token.end]
        if (
            word in _DASHES
            and text[token.start - 1 : token.start].isspace()
            and text[token.end : token.end + 1].isspace()
        ):
            first = k + 1
            break
    that = text[tree.tokens[first].start : tree.tokens[first].end] == "that"
    if first < last and that and tree.tokens[first + 1].pos == "PROPN":
        first += 1
    return first, last


_WH = frozenset(("who", "whose", "which"))


def _with_relative(tree: Tree, text: str, source: Span, cue: int) -> Span:
    """'Ann Lee, who heads the agency, said', 'said Ann Lee, whose office ...': a relative clause set off
    by a comma is written as part of the source (its span), though the speaker is found without it."""
    first, last = source
    root = root_of(tree, first, last)
    for clause in tree.kids(root, "relcl"):
        left, right = tree.left[clause], tree.right[clause]
        if left != last + 2 or text[tree.tokens[last + 1].start : tree.tokens[last + 1].end] != ",":
            continue
        if text[tree.tokens[left].start : tree.tokens[left].end].lower() not in _WH:
            continue
        if left < cue <= right:
            continue
        return first, right
    return source


def _right_clauses(tree: Tree, i: int) -> list[int]:
    return [c for c in tree.kids(i, "relcl", "acl") if c > i and not _issued_by(tree, c)]


_ISSUING = frozenset(("release", "publish", "issue", "prepare", "compile", "produce", "sign", "write"))


def _issued_by(tree: Tree, clause: int) -> bool:
    """'A report released by the institute said': a participle naming who issued a document keeps its
    author inside the source (the author speaks through the document)."""
    token = tree.tokens[clause]
    return token.tag == "VBN" and token.lemma.lower() in _ISSUING and bool(tree.kids(clause, "agent"))


# links a subject-less verb borrows its subject through: '..., adding', 'and added', 'took to Twitter
# to accuse', 'despite admitting', 'issued a statement calling'
_BORROW = ("conj", "advcl", "xcomp", "pcomp", "prep", "acl", "dobj", "pobj")
_MAX_BORROW = 4


def _subject(tree: Tree, i: int, speech: frozenset[str] = frozenset()) -> int | None:
    """The verb's subject, else the subject of the clause it hangs from; in 'quoted X as saying' X."""
    for _ in range(_MAX_BORROW):
        subjects = tree.kids(i, "nsubj")
        if subjects:
            return subjects[0]
        token = tree.tokens[i]
        relayed = _relayed_speaker(tree, i)
        if relayed is not None:
            return relayed
        if token.dep not in _BORROW or token.head == i or (i != token.head and tree.kids(i, "nsubjpass")):
            return None
        if token.tag == "VBN" and token.dep == "advcl" and not tree.kids(i, "aux", "auxpass"):
            return None  # 'Asked about the deal, Lee said': Lee was asked; who asked is not written
        i = _reporter(tree, i, speech) or _past_reported_clause(tree, i) or token.head
    return None


def _past_reported_clause(tree: Tree, i: int) -> int | None:
    """'She said her country would spend more and described the target as "..."': a finite past verb
    joined to a verb under a modal cannot share its modal, so it goes with the reporting verb above
    that clause (whose subject it borrows), not with the reported clause's subject ('her country')."""
    token = tree.tokens[i]
    head = tree.tokens[token.head]
    if token.dep != "conj" or token.tag != "VBD" or head.tag != "VB" or head.dep != "ccomp":
        return None
    if not any(tree.tokens[a].tag == "MD" for a in tree.kids(token.head, "aux")):
        return None
    return head.head


def _stranded_subject(tree: Tree, i: int) -> int | None:
    """'In remarks carried by the agency, the foreign minister, Ann Lee, said': the parse hung the speaker
    on the phrase before as an apposition and left the verb without a subject. The apposition that ends
    just before the verb (a comma between) is its subject."""
    if tree.kids(i, "nsubj", "nsubjpass", "expl") or tree.tokens[i].dep != "ROOT":
        return None
    k = i - 1
    if k > 0 and tree.tokens[k].pos == "PUNCT" and tree.tokens[k].tag == ",":
        k -= 1
    if k < 0 or tree.tokens[k].dep != "appos" or tree.tokens[k].pos not in ("PROPN", "NOUN"):
        return None
    while tree.tokens[tree.tokens[k].head].dep == "appos" and tree.tokens[k].head < k:
        k = tree.tokens[k].head
    top = tree.tokens[k].head if tree.tokens[k].dep == "appos" else k
    first = tree.left[k]
    if tree.right[k] >= i or tree.tokens[top].sentence != tree.tokens[i].sentence or first <= top:
        return None
    return k


def _reporter(tree: Tree, i: int, speech: frozenset[str]) -> int | None:
    """'Lee said the navy must choose, saying: "..."': a participle set off by a comma at the end of
    reported speech goes with the reporting verb, whose subject it borrows (not the reported clause's)."""
    token = tree.tokens[i]
    if token.tag != "VBG" or token.dep != "advcl" or i == 0 or tree.tokens[i - 1].pos != "PUNCT":
        return None
    if token.lemma.lower() not in speech:
        return None
    top = token.head
    while tree.tokens[top].dep == "xcomp" and tree.tokens[top].head != top:  # 'will have to choose'
        top = tree.tokens[top].head
    clause = tree.tokens[top]
    reporting = clause.head
    if clause.dep == "acl" and _says_what(tree, top):  # 'rejected reports that X did Y, calling them'
        noun = tree.tokens[reporting]
        reporting = noun.head if noun.dep in ("dobj", "nsubjpass") else reporting
    elif clause.dep != "ccomp":
        return None
    if reporting == top or tree.tokens[reporting].lemma.lower() not in speech:
        return None
    return reporting if tree.kids(reporting, "nsubj") and reporting < i else None


def _says_what(tree: Tree, clause: int) -> bool:
    """A clause hung on a noun with 'that' ('reports that X did Y'): what the noun says."""
    return any(tree.tokens[m].lemma.lower() == "that" for m in tree.kids(clause, "mark"))


def _relayed_speaker(tree: Tree, i: int) -> int | None:
    """'the agency quoted X as saying', 'X was cited as saying': the object of the relaying verb speaks."""
    token = tree.tokens[i]
    if token.dep != "pcomp" or tree.tokens[token.head].lemma.lower() != "as":
        return None
    relay = tree.tokens[token.head].head
    objects = tree.kids(relay, "dobj") or tree.kids(relay, "nsubjpass")  # 'X was quoted as saying'
    return objects[0] if objects and tree.tokens[relay].lemma.lower() in _RELAY else None


def _relays(tree: Tree, i: int) -> bool:
    """'quoted X as saying ...': the relaying verb itself attributes nothing; 'saying' does."""
    return tree.tokens[i].lemma.lower() in _RELAY and any(
        tree.tokens[p].lemma.lower() == "as" and tree.kids(p, "pcomp") for p in tree.kids(i, "prep")
    )


_RELAY = ("quote", "cite")


def _imperative(tree: Tree, i: int) -> bool:
    """'Note: ...', 'Consider the costs': a bare verb with no subject and no auxiliary asserts nothing."""
    return tree.tokens[i].tag == "VB" and not tree.kids(i, "aux", "auxpass", "nsubj", "nsubjpass")


def _agent(tree: Tree, i: int) -> int | None:
    """'was first reported by The Post': the agent of a passive cue is its source."""
    for agent in tree.kids(i, "agent"):
        for obj in tree.kids(agent, "pobj"):
            return obj
    return None


def _passive_subject(tree: Tree, i: int) -> Span | None:
    subjects = tree.kids(i, "nsubjpass")
    return tree.span(*tree.subtree(subjects[0])) if subjects else None


def _around(tree: Tree, text: str, i: int, subject: int | None, content: Span | None) -> tuple[Span, ...]:
    """'X, she said, Y.' and 'X, experts say.': words set off by commas before a parenthetical cue
    are content too (with what follows it when the cue interrupts its clause)."""
    if subject is None or subject > i or (content is not None and content[0] < tree.tokens[i].start):
        return ()
    token = tree.tokens[i]
    # 'X, Ann Lee said' parsed as a second conjunct of X's verb (no 'and' between them) is parataxis too
    joined = token.dep == "conj" and not any(c < i for c in tree.kids(token.head, "cc"))
    outer = token.head if token.dep == "parataxis" or joined else i
    comma = tree.left[subject] - 1
    if comma <= tree.left[outer] or _word(tree, text, comma) != ",":
        return ()
    end = _particle_end(tree, i)
    if outer == i and end + 1 < len(tree.tokens) and _word(tree, text, end + 1) not in (",", ".", "?", "!"):
        return ()
    first, last = tree.trim(tree.left[outer], comma - 1)
    if last - first + 1 < _MIN_OBJECT_TOKENS or (outer == i and _only_modifiers(tree, i, first, last)):
        return ()
    parts = [tree.span(first, last)]
    if outer != i and tree.right[i] < tree.right[outer]:
        parts.append(tree.span(*tree.trim(tree.right[i] + 1, tree.right[outer])))
    return tuple(parts)


def _only_modifiers(tree: Tree, i: int, first: int, last: int) -> bool:
    """'On Monday, Ann Lee said', 'After the vote, Lee said': a phrase before the subject that only modifies
    the cue (when, where, after what) is not what was said (a clause may be: 'So when X, "...," Lee said')."""
    heads = [c for c in range(first, last + 1) if tree.tokens[c].head == i and c != i]
    return (
        bool(heads)
        and all(tree.tokens[c].dep in _CUE_MODIFIERS for c in heads)
        and all(
            any(tree.left[h] <= k <= tree.right[h] for h in heads) or tree.tokens[k].pos == "PUNCT"
            for k in range(first, last + 1)
        )
    )


_CUE_MODIFIERS = frozenset(("prep", "npadvmod", "advmod", "tmod"))


_MIN_OBJECT_TOKENS = 2
_MIN_VERDICT_OBJECT_TOKENS = 4


def _content(tree: Tree, text: str, i: int, lemma: str, lexicon: Lexicon) -> Span | None:
    for deps in (("ccomp",), ("xcomp",)):
        kids = [
            c
            for c in tree.kids(i, *deps)
            if tree.tokens[c].pos != "PUNCT" and not _adverbial(tree, c) and not _lone_name(tree, c)
        ]
        if kids:  # without a participle that goes with the cue ('..., saying: "..."')
            k = kids[-1]
            tail = [
                p for p in range(tree.left[k], tree.right[k] + 1) if _reporter(tree, p, lexicon.speech) == i
            ]
            return tree.span(*tree.subtree(k, without=tail))
    clause = _clause_on_medium(tree, i, lemma in lexicon.addressee_verbs)
    if clause is not None:
        return clause
    if lemma == "say" and tree.kids(i, "dobj"):
        clause = clause_read_as_object(tree, tree.kids(i, "dobj")[0])
        if clause is not None:
            return clause
    if lemma in ("say", "tell", "read") or lemma in lexicon.agreement:
        return None  # 'the statement reads: "..."' takes a quote, never an object ('read the report')
    named = tree.kids(i, "oprd")
    if named and tree.kids(i, "dobj"):  # 'called it "a milestone"': what the object is called
        return tree.span(*tree.subtree(named[0]))
    objects = tree.kids(i, "dobj")
    if objects and lemma not in lexicon.addressee_verbs:
        start, end = tree.subtree(objects[0])
        # "denied it", "denied the accusation": a bare object names a claim, it does not report one
        # "denied the accusation" names a claim; "dismissed the idea of a secret base" reports one
        least = _MIN_VERDICT_OBJECT_TOKENS if lemma in lexicon.verdict_verbs else _MIN_OBJECT_TOKENS
        quoted = _quoted_prep(tree, text, i)  # 'accused X of "..."': the charge is in the words quoted
        if end - start + 1 >= least and tree.tokens[objects[0]].pos != "PRON" and not quoted:
            return tree.span(start, end)
        if not quoted:
            return None
    for prep in tree.kids(i, "prep"):
        word = tree.tokens[prep].lemma.lower()
        objects = _prep_objects(tree, prep)
        if objects and lemma in _PLAIN_SAY and _on_medium(tree, prep, objects[0], lexicon):
            continue
        if objects and (word in _CONTENT_PREPS or (word == "as" and _opens_quoted(tree, text, objects[0]))):
            return tree.span(*tree.subtree(objects[0]))  # 'dismissed the report as "propaganda"'
    return None


def _on_medium(tree: Tree, prep: int, obj: int, lexicon: Lexicon) -> bool:
    """'wrote on Telegram', 'said on television': where a plain cue was said is its channel, not what
    was said (a medium noun, or a lone proper noun after 'on')."""
    if tree.tokens[prep].lemma.lower() not in ("on", "in"):
        return False
    token = tree.tokens[obj]
    if token.lemma.lower() in lexicon.media:
        return True
    first, last = tree.subtree(obj)
    return token.pos == "PROPN" and first == last and tree.tokens[prep].lemma.lower() == "on"


def _quoted_prep(tree: Tree, text: str, i: int) -> bool:
    """A prepositional phrase of the cue opens with a quotation mark ('accused X of "trying to ..."')."""
    return any(
        _opens_quoted(tree, text, obj) for prep in tree.kids(i, "prep") for obj in _prep_objects(tree, prep)
    )


def _prep_objects(tree: Tree, prep: int) -> list[int]:
    """The objects of a preposition; for 'as' with none, the adjective the parse hung on it ('dismissed
    the claims as "baseless"')."""
    objects = tree.kids(prep, "pobj", "pcomp")
    if objects or tree.tokens[prep].lemma.lower() != "as":
        return objects
    return [k for k in tree.kids(prep, "amod", "acomp", "advmod") if k > prep]


def _opens_quoted(tree: Tree, text: str, obj: int) -> bool:
    """The phrase of ``obj`` opens with a quotation mark, inside it or just before it (the parse may hang
    the mark on the preposition)."""
    start = tree.tokens[tree.left[obj]].start
    return text[start : start + 1] in "\"“‘'" or text[:start].rstrip()[-1:] in ('"', "“", "‘")


def _as_clause(tree: Tree, i: int) -> Span | None:
    """'As the minister explained, the radars "will close the gap"': the clause an 'as' clause of the
    cue hangs on is what was said (the words after it, else those before it)."""
    token = tree.tokens[i]
    if token.dep != "advcl" or not any(tree.tokens[m].lemma.lower() == "as" for m in tree.kids(i, "mark")):
        return None
    first, last = tree.subtree(token.head)
    if tree.right[i] < last:
        return tree.span(*tree.trim(tree.right[i] + 1, last))
    if first < tree.left[i]:
        return tree.span(*tree.trim(first, tree.left[i] - 1))
    return None


def _clause_on_medium(tree: Tree, i: int, addressed: bool) -> Span | None:
    """'said in a statement that X', 'told a briefing that X': a parse may hang the 'that' clause on the
    medium noun or on the audience of a verb that addresses one; it is still what was said (a relative
    clause, whose 'that' is no mark, is not, nor the 'that' clause of a claim noun: 'denied claims that')."""
    nouns = [n for prep in tree.kids(i, "prep") for n in tree.kids(prep, "pobj")]
    nouns += tree.kids(i, "dobj") if addressed else []  # 'denied claims that X': X is the claim's
    for noun in nouns:  # 'said in a statement that X', 'told a briefing that X'
        for clause in tree.kids(noun, "acl", "relcl"):
            marks = [tree.tokens[m].lemma.lower() for m in tree.kids(clause, "mark")]
            if "that" in marks and clause > noun:
                return tree.span(*tree.subtree(clause))
    return None


def _lone_name(tree: Tree, i: int) -> bool:
    """'said in a statement carried by the state news agency IRNA': a proper noun alone, hung on the cue as
    its clause by the parse, is the end of a name (an agency's), not what was said."""
    return tree.tokens[i].pos == "PROPN" and tree.left[i] == tree.right[i] == i


def _adverbial(tree: Tree, i: int) -> bool:
    """'said Monday, weeks after the jet crashed': a clause opened by 'after', 'when', 'as' ... tells when
    or why, it does not report words (a parse may still hang it on the cue as a complement)."""
    marks = {tree.tokens[c].lemma.lower() for c in tree.kids(i, "mark")}
    return bool(marks & _ADVERBIAL_MARKS) and "that" not in marks


_ADVERBIAL_MARKS = frozenset(
    ("after", "before", "when", "while", "as", "since", "until", "because", "although", "though", "once")
)


def _adjacent_quote(
    tree: Tree, text: str, i: int, subject: int | None, quotes: Sequence[QuotedSpan]
) -> Span | None:
    """A quote just before the attribution ('"...," she said') or just after it ('said: "..."')."""
    first = min(i, tree.left[subject]) if subject is not None else i
    if _relayed_speaker(tree, i) is not None:  # '"...," the agency quoted X as saying'
        relay = tree.tokens[tree.tokens[i].head].head
        first = min([first, relay, *(tree.left[k] for k in tree.kids(relay, "nsubj"))])
    for q in quotes:
        before, after = tree.tokens[first].start, tree.tokens[i].end
        if _quote_ends_at(text, q, before) and _open_ended(text, q, i, tree):
            return q.start, q.end
        after = _colon_after(tree, text, i) or after
        gap = text[after : q.start]
        if after <= q.start and gap.strip() in _JOINERS and ("\n" not in gap or gap.strip() == ":"):
            return q.start, q.end
    return _next_paragraph(tree, text, i)


_COLON_WORDS = 6
_COLON_DEPS = frozenset(
    ("prep", "pobj", "npadvmod", "det", "amod", "compound", "nummod", "dative", "advmod", "poss", "punct")
)


def _colon_after(tree: Tree, text: str, i: int) -> int | None:
    """'said on Monday:', 'told reporters in Kyiv:': the cue's own short modifiers (a time, a place, an
    audience) up to a colon; the offset just before the colon, or None when anything else comes first."""
    k, last = i + 1, min(len(tree.tokens), i + 1 + _COLON_WORDS)
    while k < last and tree.tokens[k].sentence == tree.tokens[i].sentence:
        token = tree.tokens[k]
        if text[token.start : token.end] == ":":
            return tree.tokens[k - 1].end if k > i + 1 else None
        if not tree.left[i] <= k <= tree.right[i] or token.dep not in _COLON_DEPS or token.pos == "VERB":
            return None
        if text[token.start : token.end] in ('"', "“", "”", "'"):
            return None
        k += 1
    return None


def _next_paragraph(tree: Tree, text: str, i: int) -> Span | None:
    """'He said:' (or 'said on Monday:') closing a paragraph introduces the whole next paragraph."""
    colon = _colon_after(tree, text, i) or tree.tokens[i].end
    while colon < len(text) and text[colon] in " \t":
        colon += 1
    if text[colon : colon + 1] != ":" or not text[colon + 1 :].lstrip(" \t").startswith("\n"):
        return None
    start = colon + 1
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    return (start, len(text) if end < 0 else end) if start < len(text) else None


def _quote_ends_at(text: str, q: QuotedSpan, before: int) -> bool:
    """The quote closes just before offset ``before`` (nothing but a comma between, in one paragraph)."""
    gap = text[q.end : before]
    return q.end <= before and gap.strip() in _JOINERS[:2] and "\n" not in gap


def _quote_before(
    tree: Tree, text: str, i: int, subject: int | None, content: Span, quotes: Sequence[QuotedSpan]
) -> Span | None:
    """'"A," Ann Lee said, "B."' parsed with B as the verb's clause: A, closed by a comma just before the
    attribution, is the first part of the same quote."""
    if (
        subject is None
        or tree.tokens[subject].head != i
        or not any(q.start <= content[0] < q.end for q in quotes)
    ):
        return None  # the verb's own subject, and a quote after it
    before = tree.tokens[min(i, tree.left[subject])].start
    for q in quotes:
        if _quote_ends_at(text, q, before) and q.end <= content[0] and text[q.end - 2 : q.end - 1] == ",":
            return q.start, q.end
    return None


def _open_ended(text: str, q: QuotedSpan, i: int, tree: Tree) -> bool:
    """'"...," she said' — a quote closed by a full stop takes only a plain saying verb after it."""
    if text[q.end - 2] != ".":
        return True
    return tree.tokens[i].lemma.lower() in _PLAIN_SAY


_CUE_LEFT = ("aux", "auxpass", "neg", "advmod")


def _cue_span(tree: Tree, text: str, i: int, content: Span | None, agent: int | None = None) -> Span:
    """The verb with its auxiliaries, negation and adverbs just before it ('has not yet said'), its
    particle, a preposition that opens the content ('called for') and a colon after it ('said:')."""
    first = i
    while first > 0 and _joins_cue(tree.tokens[first - 1], i):
        first -= 1
    last = _particle_end(tree, i)
    nxt = last + 1
    if content is not None and nxt < len(tree.tokens) and _opens_content(tree.tokens[nxt], i, content):
        last = nxt
    elif agent is not None and tree.tokens[agent].head == nxt:
        last = nxt  # 'was reported by'
    return _with_colon(tree, text, first, last)


def _particle_end(tree: Tree, i: int) -> int:
    """The verb's last token: its particle when it has one ('pointed out')."""
    return max([i, *tree.kids(i, "prt")])


def _opens_content(token: Token, i: int, content: Span) -> bool:
    return token.head == i and token.dep == "prep" and token.end <= content[0]


def _joins_cue(token: Token, i: int) -> bool:
    # 'when he said' is a clause marker, not part of the saying
    return token.head == i and token.dep in _CUE_LEFT and token.tag != "WRB"


def _with_colon(tree: Tree, text: str, first: int, last: int) -> Span:
    start, end = tree.span(first, last)
    if last + 1 < len(tree.tokens) and _word(tree, text, last + 1) == ":":
        end = tree.tokens[last + 1].end
    return start, end


def _addressee(tree: Tree, i: int, lemma: str, lexicon: Lexicon) -> Span | None:
    """'told ThePrint', 'said to reporters', 'in a social media post'."""
    if lemma in lexicon.addressee_verbs:
        for obj in tree.kids(i, "dobj", "dative"):
            return tree.span(*tree.subtree(obj))
    for prep in tree.kids(i, "prep"):
        objects = tree.kids(prep, "pobj")
        if not objects:
            continue
        word, noun = tree.tokens[prep].lemma.lower(), tree.tokens[objects[0]].lemma.lower()
        if (word == "to" and noun in lexicon.addressee_nouns) or (
            word in ("in", "on") and noun in lexicon.media
        ):
            return tree.span(*tree.subtree(prep))
    return None
