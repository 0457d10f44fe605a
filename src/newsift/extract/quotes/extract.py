"""Quotes and attribution (quotes.rules.v7): who said what, to whom, as written, from annotated articles.

Pure functions over AnnotatedArticle records (tokens, sentences, mentions, entities); never runs spaCy.
Speaker resolution (names, surnames, pronouns, roles) is the salience model of ``speakers``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from newsift.extract.quotes.after import named_after
from newsift.extract.quotes.labels import all_caps, find_label_relations
from newsift.extract.quotes.lexicon import load_lexicon
from newsift.extract.quotes.marks import QuotedSpan, find_quoted_spans, normalize_quote_text
from newsift.extract.quotes.rules import Found, find_cue_relations
from newsift.extract.quotes.shapes import (
    asks_anonymity,
    dateline_end,
    in_headline,
    names_an_act,
    reports_words,
)
from newsift.extract.quotes.sources import SourceIndex, Speaker
from newsift.extract.quotes.speakers import SpeakerResolver
from newsift.extract.syntax import Tree
from newsift.model import AnnotatedArticle, Evidence, Quote, QuoteKind, SpeakerKind, make_id

__all__ = ["EXTRACTOR", "Attribution", "extract_attributions", "extract_quotes"]

logger = logging.getLogger(__name__)

EXTRACTOR = "quotes.rules.v7"
Span = tuple[int, int]
_MIN_WORDS = 3
_SENTENCE_END = ".!?:…\"'”’»"
_TRIM = " \t\n\r\xa0,;:"


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution with its spans as written (the source may be a pronoun) and its speaker.

    ``content`` has several parts when a quote goes on after the cue ('"A," she said. "B."').
    """

    sentence: int
    cue: Span | None
    source: Span | None
    content: tuple[Span, ...]
    kind: QuoteKind
    speaker: Speaker | None = None
    addressee: Span | None = None
    cue_lemma: str = ""
    cue_word: Span | None = None


def extract_attributions(annotated: AnnotatedArticle, *, channels: bool = False) -> tuple[Attribution, ...]:
    """Every attribution of an article in text order, with spans in PolNeAR's conventions.

    With ``channels``, a speaker's own cue inside the content of 'according to <outlet>' is kept and the
    outlet's attribution dropped: the outlet is the channel, the speaker said it.
    """
    text = annotated.article.text
    if not annotated.tokens:
        return ()
    tree = Tree.build(annotated.tokens)
    quotes = [q for q in find_quoted_spans(text) if q.depth == 0]
    lexicon = load_lexicon()
    found = [
        replace(f, content=tuple(c for c in (_snap(text, part, quotes) for part in f.content) if c))
        for f in [
            *find_cue_relations(tree, text, quotes, lexicon),
            *find_label_relations(tree, text, quotes, annotated.mentions, lexicon),
        ]
    ]
    found = [_past_dateline(tree, text, f) for f in _no_dateline_label(text, found)]
    found += _aged_sources(tree, text, quotes, found, lexicon.speech)
    found = [_past_claim_noun(tree, text, f, quotes, channels) for f in found]
    if channels:
        found = _claim_denials(tree, text, found, quotes, lexicon.verdict_verbs)
    sources = SourceIndex(annotated, tree, [(q.start, q.end) for q in quotes], lexicon)
    found = _univocal(text, found, quotes, lexicon.speech, sources if channels else None)
    resolver = SpeakerResolver(annotated, tree, [(q.start, q.end) for q in quotes], lexicon)
    later = _Later(annotated, tree, resolver, lexicon.speech | lexicon.agreement)
    out: list[Attribution] = []
    issued: list[tuple[str, Speaker]] = []
    for item in found:
        content = item.content
        speaker = resolver.resolve(*item.source_tokens, content=content) if item.source_tokens else None
        if speaker is None and item.source_tokens and item.content and _is_personal(text, tree, item):
            speaker = later.speaker(item.content[-1][1], after=tree.span(*item.source_tokens)[1])
        if item.source_tokens and speaker is None:
            speaker = _UNRESOLVED
        sentence = tree.tokens[item.cue_token].sentence
        speaker = _author(text, _issuer(text, speaker, issued), out, sentence)
        if speaker is not None and speaker.kind is not SpeakerKind.DOCUMENT and item.addressee:
            issued.append((text[item.addressee[0] : item.addressee[1]].lower(), speaker))
        kind = _kind(content, quotes)
        out.append(
            Attribution(
                sentence, item.cue, item.source, content, kind, speaker, item.addressee, item.lemma, item.word
            )
        )
    return tuple(_continue_quotes(annotated, tree, out, quotes, later))


class _Later:
    """The speaker named in the sentence after a quote (``after.named_after``), resolved."""

    def __init__(
        self, annotated: AnnotatedArticle, tree: Tree, resolver: SpeakerResolver, speech: frozenset[str]
    ) -> None:
        self._doc, self._tree, self._resolver, self._speech = annotated, tree, resolver, speech

    def speaker(self, end: int, *, after: int | None = None) -> Speaker | None:
        """The person the next sentence names as the speaker of a quote ending at ``end``, when the
        sentence holding the quote ends at ``after`` (the cue's end) or at the quote."""
        text = self._doc.article.text
        stop = max(end, after or end)
        cut = _SENTENCE_BREAK.search(text, stop - 2 if stop == end else stop)  # '."' closes the quote
        if cut is None or "\n" in text[stop : cut.end() - 1]:
            return None
        span = named_after(self._tree, text, self._doc.mentions, cut.end() - 1, self._speech)
        if span is None:
            return None
        found = self._resolver.resolve(*span)
        return found if found is not None and found.kind is SpeakerKind.PERSON else None


def _is_personal(text: str, tree: Tree, item: Found) -> bool:
    """A 'he' or 'she' source."""
    assert item.source_tokens is not None
    first, last = item.source_tokens
    return first == last and text[slice(*tree.span(first, last))].lower() in ("he", "she")


_LEAD_PARAGRAPHS = 3


def _no_dateline_label(text: str, found: list[Found]) -> list[Found]:
    """'RIYADH: Prince Ann Lee said ...': a capitalised label in the lead whose rest has its own speaker and
    cue is a dateline, when no other paragraph has such a label (a transcript names speakers again)."""
    upper = [f for f in found if f.lemma == ":" and f.source and all_caps(text[f.source[0] : f.source[1]])]
    if len(upper) != 1 or not upper[0].content:
        return found
    label = upper[0]
    lead = [m.start() for m in re.finditer(r"(?m)^(?=\S)", text)][:_LEAD_PARAGRAPHS]
    start, end = label.content[0]
    inner = any(f.lemma != ":" and f.source is not None and start <= f.cue[0] < end for f in found)
    return [f for f in found if f is not label] if inner and text.rfind("\n", 0, start) + 1 in lead else found


def _past_dateline(tree: Tree, text: str, found: Found) -> Found:
    """'KYIV, May 3 (Wire) - Minister Ann Lee said', 'HANOI - General Tran Minh said': a dateline that
    opens the paragraph is no part of the source; the source is what follows it up to the cue."""
    if found.source is None or found.source_tokens is None:
        return found
    start, end = found.source
    if text[text.rfind("\n", 0, start) + 1 : start].strip():
        return found
    cue = found.cue_token
    limit = tree.tokens[cue].start if cue > found.source_tokens[0] else end
    after = dateline_end(text, start, limit)
    if after == start:
        return found
    first = tree.token_at(after)
    last = found.source_tokens[1] if end > after else cue - 1
    while first <= last and not any(
        ch.isalnum() for ch in text[tree.tokens[first].start : tree.tokens[first].end]
    ):
        first += 1
    if first > last or tree.tokens[first].start < after:
        return found
    return replace(found, source=tree.span(first, last), source_tokens=(first, last))


_AGED = re.compile(r"\s*the (\d{1,3})-year-old (\w+)\b")


def _aged_sources(
    tree: Tree, text: str, quotes: list[QuotedSpan], found: list[Found], speech: frozenset[str]
) -> list[Found]:
    """'"...," the 58-year-old told reporters': the parse often reads the age and the verb as one noun
    phrase and finds no cue; a quote that ends in a comma, followed by 'the N-year-old' and a speech verb,
    is that source's."""
    taken = {part for f in found for part in f.content}
    out: list[Found] = []
    for q in quotes:
        match = _AGED.match(text, q.end)
        if match is None or (q.start, q.end) in taken or "," not in text[q.end - 3 : q.end]:
            continue
        first, verb = tree.token_at(match.start(1) - 4), tree.token_at(match.start(2))
        lemma = tree.tokens[verb].lemma.lower()
        if lemma not in speech or tree.tokens[verb].start != match.start(2):
            continue
        source = (first, verb - 1)
        out.append(
            Found(tree.span(verb, verb), verb, tree.span(*source), source, ((q.start, q.end),), lemma=lemma)
        )
    return out


# nouns for what someone else asserted: ', an allegation Minsk rejected', ', a charge the ministry denies'
_CLAIM_NOUNS = frozenset(("allegation", "claim", "charge", "accusation", "assertion", "suggestion"))


def _past_claim_noun(tree: Tree, text: str, found: Found, quotes: list[QuotedSpan], channels: bool) -> Found:
    """'Kyiv accused Minsk of X, an allegation Minsk rejected as "absurd"', parsed with 'an allegation
    Minsk' as the source: the claim noun is no part of the source, and the clause before it is what the
    source denied, not its words; its words are only what it put in quotation marks after the cue (with
    ``channels``, for quotes; PolNeAR's spans keep the content)."""
    if found.source_tokens is None:
        return found
    first, last = found.source_tokens
    k = first + (1 if tree.tokens[first].pos == "DET" else 0)
    if k >= last or tree.tokens[k].lemma.lower() not in _CLAIM_NOUNS or tree.tokens[k + 1].pos == "ADP":
        return found
    if not text[: tree.tokens[first].start].rstrip().endswith(","):
        return found
    source = (k + 1, last)
    found = replace(found, source=tree.span(*source), source_tokens=source)
    if not channels:
        return found
    sentence = tree.tokens[found.cue_token].sentence
    end = max(t.end for t in tree.tokens if t.sentence == sentence)
    own = tuple((q.start, q.end) for q in quotes if found.cue[1] <= q.start and q.end <= end + 1)
    return replace(found, content=own)


_APPOSED = ("appos", "dobj", "npadvmod")  # the parser's readings of ', a claim X denied'


def _claim_denials(
    tree: Tree, text: str, found: list[Found], quotes: list[QuotedSpan], verdicts: frozenset[str]
) -> list[Found]:
    """'X says Iran sent drones, a charge the ministry rejected as "baseless"': the claim noun in
    apposition ends X's content, and its clause is an attribution of its own whose words are what it
    puts in quotation marks ('baseless', the ministry's)."""
    out = list(found)
    for v, token in enumerate(tree.tokens):
        noun = token.head
        if token.dep != "relcl" or token.lemma.lower() not in verdicts:
            continue
        if tree.tokens[noun].lemma.lower() not in _CLAIM_NOUNS or tree.tokens[noun].dep not in _APPOSED:
            continue
        comma = tree.tokens[tree.left[noun]].start
        if not text[:comma].rstrip().endswith(","):
            continue
        cut = len(text[:comma].rstrip()) - 1
        out = [
            replace(f, content=tuple(((s, cut) if s < cut < e else (s, e)) for s, e in f.content))
            for f in out
        ]
        subjects = [k for k in tree.kids(v, "nsubj") if tree.tokens[k].pos != "PRON"]
        end = max(t.end for t in tree.tokens if t.sentence == token.sentence)
        own = tuple((q.start, q.end) for q in quotes if token.end <= q.start and q.end <= end + 1)
        if not subjects or not own:
            continue
        source = tree.subtree(subjects[0])
        out.append(
            Found(
                tree.span(v, v),
                v,
                tree.span(*source),
                source,
                own,
                lemma=token.lemma.lower(),
                head=tree.span(v, v),
            )
        )
    return out


def _issuer(text: str, speaker: Speaker | None, issued: list[tuple[str, Speaker]]) -> Speaker | None:
    """'X said in a statement ... "...," the statement reads': an authorless document speaks for the
    latest speaker who issued one of its kind."""
    if speaker is None or speaker.kind is not SpeakerKind.DOCUMENT:
        return speaker
    words = text[speaker.start : speaker.end].lower().split()
    if len(words) != 2 or words[0] != "the":
        return speaker
    for medium, issuer in reversed(issued):
        if words[1] in medium.split():
            return issuer
    return speaker


_ISSUED = ("statement", "communique", "communiqué", "release")
_AUTHOR_SENTENCES = 2


def _author(text: str, speaker: Speaker | None, out: list[Attribution], sentence: int) -> Speaker | None:
    """'X said ... The statement said ...' with no medium named: 'the statement' is the latest named
    speaker's, if one spoke in this or the last two sentences."""
    if speaker is None or speaker.kind is not SpeakerKind.DOCUMENT:
        return speaker
    if text[speaker.start : speaker.end].lower().split() not in (["the", w] for w in _ISSUED):
        return speaker
    for previous in reversed(out):
        if previous.sentence < sentence - _AUTHOR_SENTENCES:
            break
        found = previous.speaker
        if found is not None and found.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
            return found
    return speaker


_UNRESOLVED = Speaker("", 0, 0)  # a pronoun source with no antecedent: the quote has no speaker


def _univocal(
    text: str,
    found: list[Found],
    quotes: list[QuotedSpan],
    speech: frozenset[str],
    channels: SourceIndex | None = None,
) -> list[Found]:
    """One role per word, as in PolNeAR: a cue inside another attribution's content is dropped,
    unless it introduces a whole quote of its own, which then ends the outer content.

    With ``channels`` (quotes, not PolNeAR's spans), a partial quote inside reported speech ('Lee said
    Tokyo wanted "a free region"') stays the outer speaker's words: the marks quote who is reported."""
    kept = list(found)
    for item in found:
        for other in found:
            if other is item or item not in kept or other not in kept:
                continue
            host = next(((s, e) for s, e in other.content if s <= item.cue[0] < e), None)
            if host is None:
                continue
            if channels and _is_channel(other, channels) and item.source is not None and item.content:
                kept.remove(other)  # 'X, Ann Lee said, according to Y': Y is the channel
                continue
            if channels and _relays(text, host, item, other, channels, speech):
                kept.remove(other)  # 'According to X, General Y said Z': Y's words, as X relays them
                continue
            if (
                {item.lemma, other.lemma} <= speech
                and _opens_with(text, host, item)
                and other.cue[0] >= host[1]
                and _same_voice(text, item, other)
            ):
                kept.remove(other)  # 'Lee said that X, because Y, he said': the trailing cue repeats Lee's
                continue
            absolute = _absolute(text, host, item)
            if absolute is None and (
                not _quotes_itself(item, quotes)
                or (channels and _partial_in_report(text, item, other, channels))
            ):
                kept.remove(item)
                continue
            stop = absolute if absolute is not None else item.content[0][0]
            cut = (host[0], stop) if stop > host[0] else None
            parts = tuple(c for c in ((cut if c == host else c) for c in other.content) if c)
            if parts:
                kept[kept.index(other)] = replace(other, content=parts)
            else:
                kept.remove(other)
    return kept


def _relays(
    text: str, host: Span, inner: Found, outer: Found, sources: SourceIndex, speech: frozenset[str]
) -> bool:
    """'According to X, General Y said the jets were "ready"': the content of 'according to' opens with a
    named person's own speech cue; that person said the words (X relays them), as with an outlet."""
    return (
        outer.lemma == "according to"
        and inner.lemma in speech
        and inner.source_tokens is not None
        and any(set(text[s:e]) & set(_OPENING) for s, e in inner.content)  # words it quotes
        and sources.names_person(*inner.source_tokens)
        and _opens_with(text, host, inner)
    )


def _absolute(text: str, host: Span, inner: Found) -> int | None:
    """'The ministry denied it, with spokeswoman Ann Lee telling reporters X': a 'with' phrase whose own
    subject speaks is an attribution of its own; the outer content ends before 'with' (its offset)."""
    if inner.source is None or not inner.content or not host[0] < inner.source[0] < host[1]:
        return None
    before = text[host[0] : inner.source[0]].rstrip()
    if not before.lower().endswith(" with") or before[-5:-4].isalnum():
        return None
    stop = len(before) - 4 + host[0]
    return stop if text[host[0] : stop].rstrip(" ,") else None


def _partial_in_report(text: str, inner: Found, outer: Found, sources: SourceIndex) -> bool:
    """'Lee said Tokyo wanted "a free region"': a quoted fragment (it opens in lower case, mid-sentence)
    whose cue sits inside the indirect content of a named speaker's cue quotes that speaker. A naming
    verb ('said Lee called it "a farce"') keeps its own speaker, and an anonymous or media outer speaker
    reports what someone else said."""
    if inner.lemma in _NAMING or outer.source_tokens is None or outer.lemma == ":":
        return False
    start, end = inner.content[0]
    words = text[start + 1 : end - 1].strip()
    if not words[:1].islower() or text[start - 1 : start] not in (" ", "\xa0"):
        return False
    if any(s <= start < e and (s, e) != (start, end) and text[s] in "\"'“‘«" for s, e in outer.content):
        return False  # the outer content is itself a quote
    return sources.classify(*outer.source_tokens) is None and not sources.is_channel(*outer.source_tokens)


def _opens_with(text: str, host: Span, inner: Found) -> bool:
    """The content part ``host`` opens with the inner attribution's own source and its content: with a
    speech verb it is a whole attribution, not words of the outer speaker."""
    return (
        inner.source is not None
        and bool(inner.content)
        and inner.source[0] >= host[0]
        and not text[host[0] : inner.source[0]].strip(" \t\n\"'“‘,")
    )


_PERSONAL = frozenset(("he", "she", "it", "they", "we", "i"))


def _same_voice(text: str, inner: Found, outer: Found) -> bool:
    """'Lee said that X, because Y, he said' repeats Lee; 'Greece has agreed to buy X, the ministry said'
    does not: the trailing cue's source is a pronoun or shares a capitalised word with the inner one."""
    if outer.source is None or inner.source is None:
        return True
    trailing = text[outer.source[0] : outer.source[1]]
    if trailing.lower() in _PERSONAL:
        return True
    return bool(_capitalised(text[inner.source[0] : inner.source[1]]) & _capitalised(trailing))


def _capitalised(phrase: str) -> set[str]:
    return {w for w in re.findall(r"\w+", phrase) if w[:1].isupper() and w.lower() not in ("the", "a", "an")}


def _is_channel(found: Found, sources: SourceIndex) -> bool:
    return found.source_tokens is not None and sources.is_channel(*found.source_tokens)


def _quotes_itself(item: Found, quotes: list[QuotedSpan]) -> bool:
    return bool(item.content) and any((q.start, q.end) == item.content[0] for q in quotes)


def _snap(text: str, span: Span, quotes: list[QuotedSpan]) -> Span | None:
    """Trim a content span, and widen it to whole quotes where it covers part of one."""
    start, end = span
    for q in quotes:
        if q.start < end and start < q.end:
            start, end = min(start, q.start), max(end, q.end)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or (text[end - 1] == "." and not _in_quote(end, quotes))):
        end -= 1
    return (start, end) if start < end else None


def _in_quote(end: int, quotes: list[QuotedSpan]) -> bool:
    return any(q.start < end <= q.end for q in quotes)


def _kind(content: tuple[Span, ...], quotes: list[QuotedSpan]) -> QuoteKind:
    covered = [q for q in quotes for s, e in content if s <= q.start and q.end <= e]
    if not covered:
        return QuoteKind.INDIRECT
    if all(any((q.start, q.end) == part for q in covered) for part in content):
        return QuoteKind.DIRECT
    return QuoteKind.MIXED


def _continue_quotes(
    annotated: AnnotatedArticle,
    tree: Tree,
    found: list[Attribution],
    quotes: list[QuotedSpan],
    later: _Later,
) -> list[Attribution]:
    """A quote standing alone as a sentence or paragraph continues the latest speaker before it, unless
    the next sentence of its paragraph names who said it ('"A." The warning came from Ann Lee.')."""
    text = annotated.article.text
    used = [part for a in found for part in a.content]
    out = sorted(found, key=lambda a: _first(a))
    for q in quotes:
        if any(s <= q.start and q.end <= e for s, e in used):
            continue
        named = (
            later.speaker(q.end)
            if _opens_sentence(text, q) and text[q.end - 2 : q.end - 1] in ".!?…"
            else None
        )
        if named is not None:
            sentence = tree.tokens[tree.token_at(q.start)].sentence
            out.append(Attribution(sentence, None, None, ((q.start, q.end),), QuoteKind.DIRECT, named))
            out.sort(key=lambda a: _first(a))
            continue
        index = _latest_before(out, q.start)
        if index is None or not (_resumes(text, out[index], q) or _goes_on(annotated, out[index], q, quotes)):
            continue
        previous = out[index]
        out[index] = replace(previous, content=(*previous.content, (q.start, q.end)))
    return out


def _goes_on(annotated: AnnotatedArticle, a: Attribution, q: QuotedSpan, quotes: list[QuotedSpan]) -> bool:
    """A quote standing alone as a sentence or paragraph near the attribution before it."""
    text = annotated.article.text
    return _stands_alone(text, q) and (
        _close_enough(text, a, q, quotes) or _past_one_paragraph(annotated, a, q)
    )


def _resumes(text: str, a: Attribution, q: QuotedSpan) -> bool:
    """'"A," Ann Lee said, "and B."': a quote that ends in a comma inside its marks, is interrupted by its
    attribution and goes on after a comma is one quote in two parts."""
    if not a.content or a.speaker is None:
        return False
    start, end = a.content[0]
    opened = text[start : start + 1] in _OPENING and text[end - 1 : end] in _CLOSING
    return (
        opened
        and text[start:end].rstrip("\"'”’»").endswith(",")
        and start < q.start
        and text[_last(a) : q.start].strip() == ","
    )


_OPENING = "\"'“‘«"
_CLOSING = "\"'”’»"


def _first(a: Attribution) -> int:
    return min([s for s, _ in a.content] + [a.cue[0] if a.cue else 0])


def _last(a: Attribution) -> int:
    ends = [e for _, e in a.content] + [a.cue[1] if a.cue else 0] + [a.source[1] if a.source else 0]
    return max([*ends, a.addressee[1] if a.addressee else 0])


def _opens_sentence(text: str, q: QuotedSpan) -> bool:
    before = text[: q.start].rstrip()
    return len(text[q.start : q.end].split()) >= _MIN_WORDS and (
        not before or "\n" in text[len(before) : q.start] or before[-1] in _SENTENCE_END
    )


def _stands_alone(text: str, q: QuotedSpan) -> bool:
    if len(text[q.start : q.end].split()) < _MIN_WORDS:
        return False
    before = text[: q.start].rstrip()
    after = text[q.end :].lstrip()
    opens = not before or text[len(before) : q.start].count("\n") > 0 or before[-1] in _SENTENCE_END
    closes = not after or after[0] in "\n" or text[q.end - 2] in ".!?…" or text[q.end] == "\n"
    return opens and closes


def _latest_before(found: list[Attribution], offset: int) -> int | None:
    best = None
    for index, a in enumerate(found):
        if a.speaker is not None and _last(a) <= offset:
            best = index
    return best


def _close_enough(text: str, a: Attribution, q: QuotedSpan, quotes: list[QuotedSpan]) -> bool:
    """Nothing but other quotes and punctuation between the attribution and this quote, or both in
    one paragraph ('"A," Ann said as she left. "B."')."""
    gap = text[_last(a) : q.start]
    return "\n" not in gap or _only_quotes(text, _last(a), q.start, quotes) or _next_paragraph(gap)


def _next_paragraph(gap: str) -> bool:
    """'"A," the minister said at a news conference.' then '"B."' as the next paragraph: the words
    after the cue end its own sentence and paragraph, and the quote opens the very next one."""
    rest, _, between = gap.partition("\n")
    return not between.strip() and not _SENTENCE_BREAK.search(rest.rstrip())


_GOES_ON = (SpeakerKind.ORGANISATION, SpeakerKind.DOCUMENT, SpeakerKind.PERSON)


def _past_one_paragraph(annotated: AnnotatedArticle, a: Attribution, q: QuotedSpan) -> bool:
    """'The ministry said in a statement: "A."', one paragraph of background naming no person, then a
    paragraph that is wholly a quote: a body's statement goes on. A person's words go on past one paragraph
    that names the speaker and no one else ('Lee, 52, has led the army since 2023.'); after a paragraph
    about something else they may be anyone's."""
    if a.speaker is None or a.speaker.kind not in _GOES_ON:
        return False
    text = annotated.article.text
    gap = text[_last(a) : q.start]
    rest, _, between = gap.partition("\n")
    middle = [p for p in between.split("\n") if p.strip()]
    opens = not text[text.rfind("\n", 0, q.start) + 1 : q.start].strip()
    closes = not text[q.end : (text.find("\n", q.end) + 1 or len(text) + 1) - 1].strip()
    named = [m for m in annotated.mentions if m.label == "PERSON" and _last(a) <= m.start < q.start]
    if a.speaker.kind is SpeakerKind.PERSON:
        words = re.findall(r"[\w'’-]+", middle[0].lower()) if len(middle) == 1 else []
        surname = a.speaker.text.lower().split()[-1:]
        about = words[:1] in (["he"], ["she"]) or bool(surname and surname[0] in words)
        people = not about or not all(_names_speaker(text[m.start : m.end], a.speaker.text) for m in named)
    else:
        people = bool(named)
    return (
        len(middle) == 1
        and middle[0].lstrip()[:1] not in "\"“'‘«"
        and not _SENTENCE_BREAK.search(rest.rstrip())
        and opens
        and closes
        and not people
    )


def _names_speaker(mention: str, name: str) -> bool:
    """'Lee' or 'Ann Lee' for the speaker 'Ann Lee': a mention whose last word ends the speaker's name."""
    words, theirs = mention.lower().split(), name.lower().split()
    return bool(words and theirs) and words[-1].removesuffix("'s").removesuffix("’s") == theirs[-1]


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+\S")


def _only_quotes(text: str, start: int, end: int, quotes: list[QuotedSpan]) -> bool:
    chars = list(text[start:end])
    for q in quotes:
        for k in range(max(q.start, start), min(q.end, end)):
            chars[k - start] = " "
    return not any(ch.isalnum() for ch in chars)


def extract_quotes(annotated: AnnotatedArticle) -> tuple[Quote, ...]:
    """The quotes of one article: direct, indirect and mixed, each with its speaker and evidence.

    Args:
        annotated: an article with sentences, tokens (with a dependency parse) and mentions.

    Returns:
        One Quote per content part, in text order; offsets slice ``annotated.article.text``.
    """
    text = annotated.article.text
    lexicon = load_lexicon()
    spoken = lexicon.speech | lexicon.agreement | {" ".join(p) for p in lexicon.phrases}
    tree = Tree.build(annotated.tokens)
    quotes: list[Quote] = []
    marked = [(q.start, q.end) for q in find_quoted_spans(text) if q.depth == 0]
    for a in extract_attributions(annotated, channels=True):
        if a.speaker is None or a.speaker is _UNRESOLVED:
            continue
        if a.cue and in_headline(text, a.cue[0], annotated.article.title):
            continue
        if a.cue_lemma in _ASKING and any(asks_anonymity(text[s:e]) for s, e in a.content):
            continue  # 'the general, who asked that his name not be used, said': no words of his
        carried = [  # 'X defended the deal.' then a quote on its own: X's words (not after 'X plans to')
            _to_quote(annotated, a, part, text)
            for part in a.content[1:]
            if part in marked and a.cue_lemma in spoken
        ]
        if a.cue_lemma in _NAMING and not _reports(tree, a):
            quotes += [_to_quote(annotated, a, part, text) for part in _named_as(tree, text, a, marked)]
            quotes += carried
            continue
        if a.kind is QuoteKind.INDIRECT and (a.cue_lemma not in spoken or not _reports(tree, a)):
            quotes += carried
            continue
        if a.kind is QuoteKind.MIXED and any(names_an_act(tree, part) for part in a.content):
            quotes += [_to_quote(annotated, a, part, text) for part in _fragments_in(text, a, marked)]
            quotes += carried
            continue
        for part in a.content:
            quotes.append(_to_quote(annotated, a, part, text))
    logger.debug("article %s: %d quotes", annotated.article.id, len(quotes))
    return tuple(sorted(_one_per_span(quotes), key=lambda q: (q.start, q.end)))


_ASKING = frozenset(("ask", "request", "demand", "insist"))

# verbs that name something in the speaker's words: 'called the report "misleading"'
_NAMING = frozenset(
    ("call", "describe", "brand", "label", "term", "dub", "dismiss", "characterize", "characterise")
)
_MAX_NAMING_WORDS = 16  # a partial quote, not a paragraph


def _named_as(tree: Tree, text: str, a: Attribution, marked: list[Span]) -> list[Span]:
    """Short quoted words after a naming verb are the speaker's own (a partial quote); the object they
    name ('the report') is not a quote."""
    if a.cue_word is None:
        return []
    verb = tree.token_at(a.cue_word[0])
    end = tree.tokens[tree.right[verb]].end
    return [
        (start, stop)
        for start, stop in marked
        if a.cue_word[1] <= start < end
        and len(text[start:stop].split()) <= _MAX_NAMING_WORDS
        and any(w[:1].islower() for w in text[start + 1 : stop - 1].split())  # words, not a name in quotes
    ]


_MIN_FRAGMENT_WORDS = 3


def _fragments_in(text: str, a: Attribution, marked: list[Span]) -> list[Span]:
    """'accused X of "trying to hide the cost" and ...': the content names an act, but the words in
    quotation marks inside it are the speaker's own (a partial quote of at least three words, in lower case,
    so not a title or a name in quotes)."""
    return [
        (start, stop)
        for start, stop in marked
        if any(s <= start and stop <= e and (start, stop) != (s, e) for s, e in a.content)
        and len(text[start + 1 : stop - 1].split()) >= _MIN_FRAGMENT_WORDS
        and text[start + 1 : stop - 1].lstrip()[:1].islower()
    ]


def _reports(tree: Tree, a: Attribution) -> bool:
    """An indirect content reports words, not a thing ('denied the report', 'called his counterpart')."""
    return all(reports_words(tree, part) for part in a.content) if a.content else False


def _one_per_span(quotes: list[Quote]) -> list[Quote]:
    """'quoted X as saying "..."': two cues, one quote; the one with a named speaker stays."""
    best: dict[tuple[int, int], Quote] = {}
    for q in quotes:
        held = best.get((q.start, q.end))
        if held is None or (held.speaker_id is None and q.speaker_id is not None):
            best[q.start, q.end] = q
    return list(best.values())


def _to_quote(annotated: AnnotatedArticle, a: Attribution, part: Span, text: str) -> Quote:
    start, end = part
    start = dateline_end(text, start, end)
    opened = text[start] in "\"'“‘«‹"
    marked = opened and (text[end - 1] in "\"'”’»›" or _lost_close(text, start, end))
    kind = QuoteKind.DIRECT if marked and a.kind is not QuoteKind.MIXED else a.kind
    if marked:
        start, end = start + 1, end - 1 if text[end - 1] in "\"'”’»›" else end
        start = dateline_end(text, start, end)
    display = normalize_quote_text(text[start:end]).rstrip(",").strip()
    sentence = a.sentence if a.cue and part == a.content[0] else _sentence_at(annotated, start)
    speaker = a.speaker
    assert speaker is not None
    is_named = speaker.kind not in (SpeakerKind.ANONYMOUS, SpeakerKind.MEDIA, SpeakerKind.DOCUMENT)
    word = a.cue_word or a.cue
    return Quote(
        id=make_id(annotated.article.id, "quote", str(start), str(end)),
        article_id=annotated.article.id,
        speaker_id=speaker.entity_id if is_named else None,
        speaker_text=speaker.text,
        text=display,
        start=start,
        end=end,
        kind=kind,
        evidence=Evidence(
            article_id=annotated.article.id,
            sentence=sentence,
            start=start,
            end=end,
            text=annotated.sentence_text(sentence) if annotated.sentences else "",
        ),
        affiliation=speaker.affiliation,
        cue=text[word[0] : word[1]] if word else None,
        addressee=text[a.addressee[0] : a.addressee[1]] if a.addressee else None,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        cue_start=word[0] if word else None,
        cue_end=word[1] if word else None,
        extractor=EXTRACTOR,
        speaker_kind=speaker.kind,
        speaks_for=speaker.speaks_for,
    )


def _lost_close(text: str, start: int, end: int) -> bool:
    """A quote that opens its paragraph and ends with it, its closing mark lost (marks.find_quoted_spans)."""
    return any(q.start == start and q.end == end for q in find_quoted_spans(text) if q.depth == 0)


def _sentence_at(annotated: AnnotatedArticle, offset: int) -> int:
    for sentence in annotated.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.index
    return 0
