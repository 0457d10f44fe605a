"""Format sniffing and text decoding for raw inputs: content decides, the file extension only breaks ties."""

from __future__ import annotations

import codecs
import re

from newsift.errors import InputError
from newsift.model import ContentType

__all__ = ["decode_text", "detect_content_type"]

HTML = ContentType.HTML
TEXT = ContentType.TEXT
FEED = ContentType.FEED
JSONL = ContentType.JSONL
WARC = ContentType.WARC

_HTML_START = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<title|<article|<div|<p[\s>])", re.I
)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml", re.I)


def detect_content_type(content: bytes, uri: str = "") -> ContentType:
    """Guess the format from the bytes; the aggregator shape is decided later from decoded text."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"WARC/"):
        return WARC
    if head[:2] == b"\x1f\x8b" and uri.endswith((".warc.gz", ".warc")):
        return WARC
    if _FEED_ROOT.search(head) and (_XML_DECL.match(head) or not _HTML_START.match(head)):
        return FEED
    if _HTML_START.match(head) or b"<html" in head.lower():
        return HTML
    if _XML_DECL.match(head):
        return FEED
    if head.lstrip().startswith(b"{"):
        return JSONL
    return TEXT


def decode_text(content: bytes, uri: str, declared: str | None = None) -> str:
    """Decode bytes to text: BOM, then strict UTF-8, then the charset the document declares (``declared``,
    from HTTP, else a ``<meta>`` charset or the XML declaration) when it decodes cleanly, then a detected
    legacy charset.

    Raises:
        InputError: the input is empty (nothing visible: only spaces of any kind, zero-width
            characters and byte-order marks), binary, or in no detectable text encoding.
    """
    if not content or content.isspace():  # the same test as ``not content.strip()``, without a copy
        raise InputError(uri, "empty input")
    text = _decode(content, uri, declared)
    if _VISIBLE.search(text) is None:
        raise InputError(uri, "empty input (only spaces and invisible characters)")
    return text


# Anything but whitespace (Unicode's, NBSP and U+3000 included), zero-width characters, BOM, soft hyphen.
_VISIBLE = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff\u00ad\u180e]")


def _decode(content: bytes, uri: str, declared: str | None) -> str:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return _strip_controls(content.decode(name, errors="replace"))
    if _looks_utf16(content):
        # No BOM: the NUL pattern tells the byte order; a cut or lone surrogate becomes U+FFFD.
        encoding = "utf-16-le" if content[1] == 0 else "utf-16-be"
        return _strip_controls(content.decode(encoding, errors="replace"))
    if _looks_binary(content):
        raise InputError(uri, "binary content (not text, HTML, a feed or JSONL)")
    try:
        return _strip_controls(content.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for charset in (declared, _declared_in_markup(content[:4096])):
        text = _decode_declared(content, charset)
        if text is not None:
            return _strip_controls(text)
    if _UTF8_SEQUENCE.search(content[:1_000_000]):
        # Valid multi-byte UTF-8 next to invalid bytes: a file pasted together from two encodings.
        # Keep the UTF-8 and read the stray bytes as Windows-1252, the usual other half.
        return _strip_controls(content.decode("utf-8", errors=_CP1252_FALLBACK))
    return _strip_controls(_decode_legacy(content, uri))


_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9._-]+)""", re.I)
# Labels as browsers read them (WHATWG Encoding): the superset each older label stands for.
_SUPERSETS = {
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j"), "cp932"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312"), "gb18030"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean"), "cp949"),
    **dict.fromkeys(("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"), "cp1252"),
}


def _declared_in_markup(head: bytes) -> str | None:
    """The charset a ``<meta>`` tag or the XML declaration names in the document's first bytes."""
    found = _META_CHARSET.search(head) or _XML_ENCODING.match(head)
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    return None if label.startswith(("utf-16", "utf-32")) else label  # ASCII markup cannot be UTF-16


def _decode_declared(content: bytes, label: str | None) -> str | None:
    """``content`` in the declared charset, or None when unknown or when a byte does not fit it."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        return content.decode(_SUPERSETS.get(label, label))
    except (LookupError, UnicodeDecodeError):
        return None


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CP1252_FALLBACK = "newsift.cp1252-fallback"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _decode_legacy(content: bytes, uri: str) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(content[:1_000_000])
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError(uri, "invalid UTF-8 and no other text encoding detected")
    # Short Western text is ambiguous between the single-byte Latin code pages; English news is
    # far more often Windows-1252 than Central European or Cyrillic ones, so prefer it when plausible.
    if any(m.encoding in _WESTERN for m in matches):
        return content.decode("cp1252", errors="replace")
    return content.decode(best.encoding, errors="replace")


_WESTERN = {"cp1252", "latin_1", "iso8859_15"}


def _looks_utf16(content: bytes) -> bool:
    sample = content[:2000]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) / 2
    return (zeros_odd > 0.4 * half and zeros_even < 0.05 * half) or (
        zeros_even > 0.4 * half and zeros_odd < 0.05 * half
    )


def _looks_binary(content: bytes) -> bool:
    sample = content[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls > 0.05 * len(sample)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _strip_controls(text: str) -> str:
    """Drop NULs, C0 controls and bidi overrides: they carry no meaning and can disguise text."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
