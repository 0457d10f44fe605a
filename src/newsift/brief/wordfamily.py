"""Word families for passage retrieval: a question may say one word where the news says another of the
same family ('investor' / 'investment', 'rival' / 'competitor', 'lay off' / 'cut'). Two sources, both
general vocabulary: derivations (a stem less a derivational suffix, when the index holds the root's
family) and a small hand-written list of news synonyms and near-synonyms.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping

__all__ = ["derivation_root", "families", "related", "roots", "synonyms"]

# Groups of general news words that stand for one another in a question and its answer.
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("buy", "purchase", "acquire", "acquisition", "takeover"),
    ("sell", "sale", "fetch", "offload", "dispose"),
    ("cut", "shed", "axe", "slash", "trim", "reduce", "reduction", "lay", "curb"),
    ("job", "staff", "worker", "employee", "workforce"),
    ("rise", "increase", "grow", "growth", "climb", "gain", "jump", "surge"),
    ("fall", "drop", "decline", "slide", "slump", "decrease", "shrink"),
    ("fine", "penalty"),
    ("sack", "dismiss", "fire"),
    ("rival", "competitor"),
    ("problem", "issue", "trouble", "difficulty"),
    ("represent", "speak"),
    ("sue", "lawsuit", "litigation", "court"),
    # Economy and business.
    ("economy", "gdp"),
    ("profit", "earnings"),
    ("revenue", "turnover", "sales"),
    ("price", "cost", "fare"),
    ("tax", "levy", "duty"),
    ("company", "firm", "business", "corporation"),
    ("plant", "factory"),
    ("boss", "chief", "head", "chairman"),
    ("share", "stock"),
    ("investor", "shareholder"),
    ("bank", "lender"),
    ("debt", "borrowing", "loan"),
    ("fund", "funding", "finance"),
    ("customer", "consumer", "client", "shopper"),
    ("shop", "store", "retailer"),
    ("unemployment", "jobless"),
    ("forecast", "estimate", "projection", "prediction"),
    ("statistics", "figures", "data"),
    ("office", "agency", "bureau", "body", "institute"),
    ("year", "annual", "annually"),
    ("oil", "crude", "petroleum"),
    ("fuel", "petrol", "gasoline", "diesel", "kerosene"),
    ("harvest", "crop", "grain"),
    ("aid", "assistance", "relief", "help"),
    # Politics and law.
    ("government", "administration", "cabinet"),
    ("election", "poll", "vote", "ballot"),
    ("law", "legislation", "bill"),
    ("deal", "agreement", "accord", "pact", "contract"),
    ("plan", "proposal", "scheme"),
    ("strike", "walkout", "stoppage"),
    ("quit", "resign", "resignation"),
    ("oppose", "opposition", "object", "resist", "reject"),
    ("blame", "fault", "responsible", "attribute"),
    ("ban", "prohibit", "outlaw"),
    ("warn", "caution"),
    # Crime and conflict.
    ("kill", "dead", "death", "fatality"),
    ("injure", "wound", "hurt"),
    ("attack", "assault", "raid"),
    ("arrest", "detain", "custody"),
    ("charge", "accuse", "indict"),
    ("jail", "prison", "imprison"),
    ("soldier", "troop"),
    ("rebel", "insurgent", "militant"),
    # Sport, culture, technology and everyday nouns.
    ("win", "victory", "triumph", "beat"),
    ("match", "game", "fixture"),
    ("player", "athlete"),
    ("award", "prize", "honour"),
    ("film", "movie"),
    ("car", "vehicle", "automobile"),
    ("plane", "aircraft", "jet", "airliner"),
    ("ship", "vessel", "boat"),
    ("phone", "handset", "mobile"),
    ("website", "site"),
    ("country", "nation"),
    ("start", "begin", "launch"),
    ("build", "construct", "construction"),
)
# Derivational suffixes, longest first; the root must keep at least _MIN_ROOT letters.
_DERIVATIONS = (
    "ability", "ation", "ments", "ment", "ness", "ship", "ance", "ence", "able", "ible", "ity", "ers", "ors",
    "ion", "ist", "er", "or", "al",
)  # fmt: skip
_MIN_ROOT = 4


def derivation_root(term: str) -> str:
    """A stemmed term less one derivational suffix ('investment' → 'invest', 'supplier' → 'supply',
    'profitability' → 'profit'); the term itself when none fits or the root would be too short."""
    for suffix in _DERIVATIONS:
        if term.endswith(suffix) and len(term) - len(suffix) >= _MIN_ROOT:
            root = term[: -len(suffix)]
            return root[:-1] + "y" if root.endswith("i") else root
    return term


# Suffixes that make a noun of a verb or adjective ('unemployment', 'prediction', 'assistance'): the word
# they are built on joins the noun's group ('unemployed' asked, 'jobless' written).
_NOMINAL = ("ation", "ment", "ance", "ence", "ion", "ity")
# Bases with a common sense of their own, outside the group ('a project' is no forecast).
_OWN_SENSE = frozenset({"project"})


@functools.cache
def _synonym_table(stem: Callable[[str], str]) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for group in _GROUPS:
        stems = frozenset(stem(w) for w in group)
        for s in stems:
            table[s] = table.get(s, frozenset()) | stems
    return table


@functools.cache
def _base_table(stem: Callable[[str], str]) -> dict[str, frozenset[str]]:
    """The base of each nominalisation of the groups ('unemploy' of 'unemployment') -> its group."""
    table: dict[str, frozenset[str]] = {}
    for noun, group in _synonym_table(stem).items():
        base = derivation_root(noun)
        if noun.endswith(_NOMINAL) and base != noun and base not in _OWN_SENSE:
            table[base] = table.get(base, frozenset()) | group
    return table


def synonyms(term: str, stem: Callable[[str], str]) -> frozenset[str]:
    """The stemmed terms of the hand-written groups that hold ``term`` (itself included), or, for a word
    no group holds, the group of a noun built on it ('unemployed' takes 'unemployment' / 'jobless')."""
    found = _synonym_table(stem).get(term) or _base_table(stem).get(term)
    return found | {term} if found else frozenset({term})


def roots(vocabulary: Iterable[str]) -> dict[str, frozenset[str]]:
    """Derivation root -> the vocabulary terms that share it."""
    by_root: dict[str, set[str]] = {}
    for word in vocabulary:
        by_root.setdefault(derivation_root(word), set()).add(word)
    return {r: frozenset(ws) for r, ws in by_root.items()}


def families(
    terms: Iterable[str], by_root: Mapping[str, frozenset[str]], stem: Callable[[str], str]
) -> dict[str, frozenset[str]]:
    """Each term -> itself, its synonyms, and the indexed terms (``by_root``, from ``roots``) sharing a
    derivation root with any of them ('investor' asked: 'invest' and 'investment' in the index)."""
    out: dict[str, frozenset[str]] = {}
    for term in terms:
        near = synonyms(term, stem)
        out[term] = near.union(*(by_root.get(derivation_root(t), frozenset()) for t in near))
    return out


def related(term: str, held: Iterable[str], stem: Callable[[str], str]) -> set[str]:
    """The terms of ``held`` in ``term``'s family: itself, a synonym, or one sharing a derivation root."""
    near = synonyms(term, stem)
    near_roots = {derivation_root(t) for t in near}
    return {w for w in held if w in near or derivation_root(w) in near_roots}
