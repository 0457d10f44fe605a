"""Line rules for what HTML extractors leave in a body: sign-up and share prompts, contributor credits,
timestamps, related-link teasers, list headers and markup residue. Rules judge one paragraph's shape only.
"""

from __future__ import annotations

import re

from newsift.clean.noise import IMAGE_URL, classify_noise_line

__all__ = [
    "CREDIT",
    "MARKUP",
    "PROMPT",
    "RELATED",
    "TIMESTAMP",
    "classify_line",
    "is_list_header",
    "is_timestamp_line",
]

PROMPT = "prompt"
CREDIT = "credit"
RELATED = "related headlines"
TIMESTAMP = "timestamp"
MARKUP = "markup residue"

_TEXT_DUMP_ONLY = frozenset({IMAGE_URL})  # a bare link in an HTML body may be the content

# Whole-paragraph openings of prompts (checked on paragraphs under _PROMPT_MAX characters).
_PROMPT_START = re.compile(
    r"^(?:sign up\b|subscribe\b|get (?:our|the) [\w ]{0,40}newsletter|"
    r"join our [\w ]{0,30}(?:newsletter|channel)|"
    r"follow us\b|share (?:this|on|via|it with)\b|click here\b|tap here\b|download (?:our|the) app\b|"
    r"(?:also|read) (?:read|more|next)\b|advertisement$|sponsored\b|"
    r"related(?: articles| stories| coverage| content| posts?)?:?$|recommended(?: for you| stories)?:?$|"
    r"most (?:read|popular|viewed)\b|trending now\b|more (?:from|on|stories)\b.{0,60}$|"
    r"(?:copyright|©|\(c\))\s.{0,60}\b(?:19|20)\d\d\b|all rights reserved|"
    r"this (?:article|story) (?:was|has been) (?:updated|corrected)\b|"
    r"we use cookies\b|accept (?:all )?cookies\b|enable javascript\b|"
    r"you (?:have|’ve|'ve) reached your\b|already a subscriber\b|log ?in to\b|create (?:a )?free account\b|"
    r"(?:like|liked|enjoy|enjoyed|love) this (?:story|article|post)\?|tell us what you think\b|"
    r"(?:have|got) a (?:news )?tip\?|get (?:unlimited |full |digital )?access\b|"
    r"listen (?:to|live|back)\b.{0,80}$|you (?:may|might) also (?:like|enjoy)\b|don[’']?t miss\b|"
    r"filed under\b|(?:tags|topics|categories)\s*:|\d+\s*min(?:ute)?s? read$|"
    r"(?:reading time|read time|lesezeit|tempo de leitura|temps de lecture|tiempo de lectura)"
    r"\s*:?\s*\d+\s*\w+$)",
    re.IGNORECASE,
)
# Prompts anywhere in a short paragraph: newsletters, inbox delivery, social follows, promo codes.
_PROMPT_INSIDE = re.compile(
    r"\b(?:sign up|subscribe)\b[^.!?]{0,80}\bnewsletters?\b|"
    r"\bnewsletters?\b[^.!?]{0,60}\b(?:sign up|subscribe)\b|"
    r"\b(?:in|into|to) your inbox\b|\bdelivered (?:to|through) your (?:inbox|letterbox|door)\b|"
    r"\bfollow (?:us|him|her|them|[\w.' ]{2,60}) on (?:twitter|facebook|instagram|youtube|linkedin)\b|"
    r"\bclick here (?:for|to) (?:more|subscribe|sign|read|download)\b|"
    r"\bfor as little as\b",
    re.IGNORECASE,
)
_NEWSLETTER_NAME = re.compile(r"^[\w’' &+-]{0,40}\bnewsletters?$", re.IGNORECASE)
_PROMPT_MAX = 300

_CREDIT = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|research) by\b|"
    r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)(?: from [^.]{0,40})?\.?\)?$|"
    r"^(?:source|sources|via)\s*:\s*\S.{0,60}$|"
    r"^\(?(?:photo|image|picture|video|file photo|illustration)s?(?: credit)?\s*(?:by|:|/|\|)|"
    r"(?:^|\s)(?:getty images|reuters/|ap photo|afp via getty|shutterstock|istock)\b.{0,80}$",
    re.IGNORECASE,
)
_CREDIT_MAX = 300

_RELATED_LINK = re.compile(
    r"^(?:\[\s*)?(?:related(?: (?:post|article|story|link|reading|video)s?)?|see also|see more|read more|"
    r"also read|also|more)\s*[:|-]\s*\S|^also on \S+\.\w{2,6}\b|"
    r"^(?:more|also|related|see also|further reading|read more|must read|editor[’']?s picks?)\s*:?$",
    re.IGNORECASE,
)
# A teaser tagged [VIDEO], [INSIGHT], [PICTURES].
_BRACKET_TAG = re.compile(r"\w.{8,}\[[A-Z]{3,12}(?: [A-Z]{2,12})?\]\W{0,2}$")
_RELATED_MAX = 200

_SHORTCODE = re.compile(r"^\[\w+(?:\s[^\]]*)?\].*\[/\w+\]$|^\[/?\w+(?:\s+\w+=[^\]]*)+\]$")

_LIST_HEADER = re.compile(
    r"^(?:related|recommended|more (?:from|on|stories|news)|read (?:more|next)|also read|see also|"
    r"most (?:read|popular)|trending|you (?:may|might) (?:also )?like|top stories|latest news|"
    r"further reading|don[’']?t miss|story timeline)\b.{0,40}$",
    re.IGNORECASE,
)

_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
_YEAR_OR_MERIDIEM = re.compile(r"\b(?:19|20)\d\d\b|\b[ap]\.?m\b\.?|\b(?:GMT|UTC|[ECMP][SD]T|BST|IST)\b")
_UPDATED = re.compile(r"^(?:updated|published|posted|last (?:updated|modified))\b", re.IGNORECASE)
_TIMESTAMP_WORDS = 12


def classify_line(paragraph: str) -> str | None:
    """Why one body paragraph is furniture rather than article text, or None when it may be prose."""
    noise = classify_noise_line(paragraph)
    if noise and noise not in _TEXT_DUMP_ONLY:
        return noise
    if _SHORTCODE.match(paragraph):
        return MARKUP
    if len(paragraph) < _PROMPT_MAX and _is_prompt(paragraph):
        return PROMPT
    if len(paragraph) < _CREDIT_MAX and _CREDIT.search(paragraph):
        return CREDIT
    if len(paragraph) < _RELATED_MAX and _is_related_link(paragraph):
        return RELATED
    if _UPDATED.match(paragraph) and is_timestamp_line(paragraph):
        return TIMESTAMP
    return None


def is_list_header(paragraph: str) -> bool:
    """True for the label that opens a list of other headlines ('Related stories', 'More from ...')."""
    return bool(_LIST_HEADER.match(paragraph))


def is_timestamp_line(paragraph: str) -> bool:
    """A short line with a clock time and a date or zone ('5:45 AM PST 11/19/2019', 'Updated 1:23 p.m.')."""
    if len(paragraph.split()) > _TIMESTAMP_WORDS or not _CLOCK.search(paragraph):
        return False
    return bool(_YEAR_OR_MERIDIEM.search(paragraph)) or bool(_UPDATED.match(paragraph))


def _is_prompt(paragraph: str) -> bool:
    return bool(
        _PROMPT_START.match(paragraph)
        or _PROMPT_INSIDE.search(paragraph)
        or _NEWSLETTER_NAME.match(paragraph)
    )


def _is_related_link(paragraph: str) -> bool:
    return bool(_BRACKET_TAG.search(paragraph) or _RELATED_LINK.match(paragraph))
