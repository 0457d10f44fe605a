"""The kind of business happening an article's headline and lead report, from general vocabulary.

The event extractor's kinds (PLOVER) are political; on business news they are generic, so two reports of
one company or one economy share them whatever happened. This module reads the headline and the lead
(the sentence that says what happened) for the business kind: results, a takeover, job cuts, a strike,
a trial, a lawsuit, a regulator's step, an interest-rate decision, a price move, house prices, a share or
currency move, figures of growth, jobs, spending, output or trade, a boss coming or going, a launch, debt
or bankruptcy, a budget or tax, a deal. ``kind_keys`` turns the
kinds into plain keys for ``link.stories``: reports of one happening share a kind, two happenings of
one subject mostly do not. Reads no other stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = [
    "KIND_PREFIX",
    "MONTH_MARK",
    "SUBJECT_MARK",
    "business_keys",
    "business_kinds",
    "business_lead",
    "detect_business",
    "kind_keys",
    "lead_keys",
    "lead_months",
    "lead_of",
]

KIND_PREFIX = "%"  # a business kind: '%takeover'; a subject '%=ACME'; a month the lead names '%@11'
SUBJECT_MARK = "="
MONTH_MARK = "@"

_LEAD_CHARS = 400
_SUBJECTS = 2  # most mentioned entities taken as the happening's subjects
_BUSINESS_SHARE = 0.3  # least share of a report's sentences that talk business (firms, markets, money)

# Words of business talk anywhere in a report: its actors, markets, money and measures. General vocabulary.
_BUSINESS_WORDS = re.compile(
    r"\b(?:compan(?:y|ies)|firms?|shares?|shareholders?|investors?|markets?|profits?|losses|"
    r"econom(?:y|ies|ic|ists?)|banks?|billion|bn|million|sales|revenues?|prices?|chief executive|"
    r"analysts?|stocks?|customers|industry|business(?:es)?|dollars?|euros?|pounds?|sterling|yen|"
    r"inflation|per cent|percent|growth|earnings|debts?|deal|finance|financial|tax|interest rates?|"
    r"quarter|exports?|imports?|consumers?|retail|demand|jobs|workers|employees|output)\b|[$£€%]"
)

# Each kind: patterns over the lower-cased headline and lead. General vocabulary only.
_KINDS: dict[str, tuple[str, ...]] = {
    "results": (
        r"\b(?:pre-tax |annual |quarterly |half-year |full-year |first-half |net )?profits?\b",
        r"\bearnings\b",
        r"\brevenues?\b",
        r"\bturnover\b",
        r"\b(?:annual|quarterly|interim|trading|full-year|half-year) (?:results|figures|update)\b",
        r"\bdividends?\b",
        r"\b(?:net|pre-tax|annual|quarterly) loss(?:es)?\b",
        r"\b(?:made|posted|reported|swung to|slipped into|plunged into) (?:a |an )?(?:\w+ )?loss\b",
    ),
    "takeover": (
        r"\btake-?overs?\b",
        r"\bmergers?\b",
        r"\bmerg(?:e|es|ed|ing)\b",
        r"\bacqui(?:re|res|red|ring|sition|sitions)\b",
        r"\bbuy-?outs?\b",
        r"\b(?:bid|bids|offer|approach) for\b",
        r"\b(?:rival|hostile|formal|improved|fresh|new) (?:bid|offer|approach)\b",
        r"\bbidders?\b",
        r"\bstakes? in\b",
        r"\b(?:to buy|bought|buys|buying|sell-off|sale of|to sell|sells|sold) "
        r"(?:a |an |the |its |their |rival)",
    ),
    "jobs": (
        r"\bjob (?:cuts|losses|losing)\b",
        r"\b(?:cut|cuts|cutting|axe|axes|axing|shed|sheds|shedding|lose|losing|slash|slashes)\W+"
        r"(?:[\w,.]+ ){0,3}jobs\b",
        r"\bjobs (?:to go|are to go|will go|at risk)\b",
        r"\blay-?offs?\b",
        r"\bredundanc(?:y|ies)\b",
        r"\bworkforce\b",
        r"\b(?:close|closes|closing|closure of) (?:\w+ )?"
        r"(?:plant|plants|factory|factories|stores|branches)\b",
    ),
    "strike": (
        r"\bstrikes?\b",
        r"\bwalk-?outs?\b",
        r"\bindustrial action\b",
        r"\bunions?\b",
        r"\bpay (?:deal|dispute|offer|talks|row)\b",
    ),
    "trial": (
        r"\bcourts?\b",
        r"\bjudges?\b",
        r"\btrials?\b",
        r"\bjur(?:y|ors)\b",
        r"\bcharge[sd]? (?:of|with)\b|\bcharges\b",
        r"\bfraud\b",
        r"\bguilty\b",
        r"\barrest(?:s|ed)?\b",
        r"\bjail(?:ed)?\b|\bprison\b|\bsentenced?\b",
    ),
    "lawsuit": (
        r"\blaw-?suits?\b",
        r"\bsu(?:e|es|ed|ing)\b",
        r"\bclass action\b",
        r"\bdamages\b",
        r"\bsettle(?:s|d|ment)?\b",
        r"\bcompensation\b",
    ),
    "regulation": (
        r"\bfined?\b",
        r"\bfines\b",
        r"\bregulat(?:or|ors|ion|ions|ory)\b",
        r"\bwatchdog\b",
        r"\bprobes?\b",
        r"\binvestigat(?:e|es|ed|ing|ion)\b",
        r"\binquiry\b",
        r"\bantitrust\b",
        r"\bcompetition (?:rules|authorities|commission|inquiry)\b",
    ),
    "rates": (
        r"\binterest rates?\b",
        r"\b(?:base|benchmark|key|lending) rates?\b",
        r"\brates? (?:on hold|unchanged|rise|rises|cut|cuts|increase|decision)\b",
        r"\b(?:raise|raises|raised|raising|cut|cuts|cutting|hold|holds|held|keep|kept|leave|left) "
        r"(?:interest )?rates\b",
        r"\brate-setting\b",
        r"\bcentral bank\b",
    ),
    "prices": (
        r"\binflation\b",
        r"\b(?:oil|fuel|petrol|gas|energy|food|consumer|producer|commodity|metal|gold|steel) prices?\b",
        r"\bprice (?:rises?|increases?|cuts?|falls?|war)\b",
        r"\bprices? (?:rise|rises|rose|fall|falls|fell|increase|increased|climb|climbed|hit|soar|soared)\b",
        r"\bcost of living\b",
        r"\bper barrel\b|\bbarrels?\b|\bcrude\b",
    ),
    "housing": (
        r"\bhouse prices?\b",
        r"\bhome prices?\b",
        r"\bhousing (?:market|stock)\b",
        r"\bproperty (?:market|prices?)\b",
        r"\bmortgages?\b",
        r"\bhome loans?\b",
    ),
    "markets": (
        r"\bshares? (?:in|of|price|prices|rose|rise|rises|fell|fall|falls|jumped|slumped|climbed|closed)\b",
        r"\bshare prices?\b",
        r"\bstock ?markets?\b",
        r"\bstock exchange\b",
        r"\bstocks?\b",
        r"\b(?:index|indices)\b",
        r"\btrading\b",
        r"\b(?:dollar|euro|yen|sterling|pound|currency|currencies)\b",
        r"\bexchange rates?\b",
        r"\b(?:flotation|floated|listing|share issue|share sale|shares offer)\b",
    ),
    "growth": (
        r"\beconom(?:y|ies) (?:grew|grow|grows|growing|shrank|shrinks|contracted|expanded|rebound)",
        r"\beconomic growth\b",
        r"\bgrowth (?:rate|figures|forecast)\b",
        r"\bgdp\b|\bgross domestic product\b",
        r"\brecession\b",
    ),
    "employment": (
        r"\bunemploy(?:ment|ed)\b|\bjobless\b",
        r"\bout of work\b",
        r"\bjobs (?:growth|figures|data|market)\b",
        r"\b(?:created|added) (?:\w+ )?(?:\w+ )?jobs\b",
    ),
    "spending": (
        r"\b(?:retail|car|consumer|christmas|high street) sales\b",
        r"\bconsumer (?:spending|confidence)\b",
        r"\bhigh street\b",
        r"\bshoppers?\b",
    ),
    "output": (
        r"\b(?:industrial|manufacturing|factory) (?:output|production|orders)\b",
        r"\bmanufactur(?:ing|ers) (?:sector|activity|index)\b",
    ),
    "trade": (
        r"\btrade (?:deficit|surplus|gap|figures|balance)\b",
        r"\bcurrent account\b",
        r"\bexports?\b|\bimports?\b",
    ),
    "bosses": (
        r"\bappoint(?:s|ed|ing|ment)?\b",
        r"\bresign(?:s|ed|ing|ation)?\b",
        r"\b(?:quit|quits|steps? down|stepped down|ousted|sacked|replaced|successor|to succeed)\b",
        r"\bnew (?:chief|boss|chairman|chief executive|head)\b",
        r"\b(?:named|names) (?:as )?(?:its |the )?(?:new )?(?:chief|boss|chairman|head)\b",
    ),
    "launch": (
        r"\blaunch(?:es|ed|ing)?\b",
        r"\bunveil(?:s|ed|ing)?\b",
        r"\bnew (?:model|models|product|products|service|services|aircraft|plane|car|phone|range)\b",
        r"\bgo(?:es)? on sale\b",
    ),
    "debt": (
        r"\bbankrupt(?:cy)?\b",
        r"\b(?:into|in|entered|enters|exit|exits|out of) administration\b",
        r"\b(?:receivership|insolvency|insolvent|liquidation|collapse[ds]?)\b",
        r"\bdebts?\b",
        r"\bloans?\b",
        r"\bcreditors?\b",
        r"\brescue\b|\bbail-?out\b",
        r"\bpension (?:fund|deficit|scheme|black hole)s?\b",
    ),
    "budget": (
        r"\bbudgets?\b",
        r"\btax(?:es|ation)?\b",
        r"\b(?:public|government) (?:spending|finances|borrowing)\b",
        r"\bbudget deficit\b",
        r"\bsubsid(?:y|ies)\b",
        r"\btariffs?\b|\bquotas?\b",
    ),
    "deal": (
        r"\b(?:signed|signs|sign) (?:a |an )?(?:\w+ )?(?:deal|contract|agreement|pact)\b",
        r"\b(?:deal|contract|agreement|pact|order|orders) (?:with|for|worth)\b",
        r"\b(?:joint venture|partnership|alliance)\b",
        r"\btalks\b",
        r"\bdeals?\b",
    ),
}

_COMPILED: dict[str, re.Pattern[str]] = {
    kind: re.compile("|".join(f"(?:{p})" for p in patterns)) for kind, patterns in _KINDS.items()
}
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = re.compile(
    r"\b(?:in|for|during|since|of|to|last|this|early|late|mid-?)\s+(" + "|".join(_MONTHS) + r")\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[A-Z\"'“‘])")


def lead_of(body: str, standfirst: str | None = None) -> str:
    """The lead: the standfirst if there is one, else the body's first sentence (at most 400 characters)."""
    text = (standfirst or "").strip() or body.strip()
    first = text.split("\n", 1)[0] if text else ""
    return _SENTENCE_END.split(first, maxsplit=1)[0][:_LEAD_CHARS]


def detect_business(body: str) -> bool:
    """Whether a report talks business: at least 30% of its sentences name firms, markets, money or their
    measures (a crime, a disaster or a match report rarely reaches a fifth)."""
    sentences = [s for line in body.splitlines() for s in _SENTENCE_END.split(line) if s.strip()]
    if not sentences:
        return False
    talking = sum(1 for s in sentences if _BUSINESS_WORDS.search(s.lower()))
    return talking >= _BUSINESS_SHARE * len(sentences)


def business_keys(
    title: str, standfirst: str | None, body: str, entity_ids: Sequence[str] = ()
) -> tuple[str, ...]:
    """``kind_keys`` of a business report's headline and lead (its subjects: the two most mentioned of
    ``entity_ids``); nothing for a report that does not talk business (``detect_business``)."""
    lead = business_lead(standfirst, body)
    return () if lead is None else lead_keys(title, lead, entity_ids)


def business_lead(standfirst: str | None, body: str) -> str | None:
    """The lead (``lead_of``) of a report that talks business (``detect_business``), else None."""
    text = "\n".join(p for p in (standfirst, body) if p)
    return lead_of(body, standfirst) if detect_business(text) else None


def lead_keys(title: str, lead: str, entity_ids: Sequence[str] = ()) -> tuple[str, ...]:
    """``kind_keys`` of a business report's headline and lead (``business_keys`` past the gate)."""
    return kind_keys(business_kinds(title, lead), entity_ids, lead_months(lead))


def business_kinds(title: str, lead: str) -> frozenset[str]:
    """The business kinds the headline and lead name (none for news that is not about business)."""
    text = f"{title}\n{lead}".lower().replace("’", "'")
    return frozenset(kind for kind, pattern in _COMPILED.items() if pattern.search(text))


def lead_months(lead: str) -> frozenset[int]:
    """The months (1-12) the lead says its figures or happening belong to ('rose in December')."""
    return frozenset(_MONTHS.index(m) + 1 for m in _MONTH.findall(lead.lower()))


def kind_keys(
    kinds: Iterable[str], entity_ids: Sequence[str] = (), months: Iterable[int] = ()
) -> tuple[str, ...]:
    """Plain keys of a business happening: each kind ('%results'), and, when there is a kind, its subjects
    (the two most mentioned of ``entity_ids``: '%=ACME') and the months its lead names ('%@12')."""
    keys = {KIND_PREFIX + kind for kind in kinds}
    if keys:
        keys.update(f"{KIND_PREFIX}{SUBJECT_MARK}{e}" for e in entity_ids[:_SUBJECTS])
        keys.update(f"{KIND_PREFIX}{MONTH_MARK}{m}" for m in months)
    return tuple(sorted(keys))
