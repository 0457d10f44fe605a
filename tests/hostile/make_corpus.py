"""Write the hostile and broken input corpus of issue 9 into a folder (generated, never committed).

Usage: ``python tests/hostile/make_corpus.py OUT [--full]``. Without ``--full`` the big inputs are
scaled down (a 2 MB file stands for the 200 MB one) so the corpus takes a second to write; the tests
use the same makers at both scales. Every case names the outcome it must have: ``refused`` with a
reason, or ``stored`` (legitimate if odd text: it is cleaned and kept).
"""

from __future__ import annotations

import argparse
import gzip
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CASES", "GOOD_JSONL", "GOOD_RSS", "Case", "make_corpus", "write_good_inputs"]

MB = 1024 * 1024
GOOD_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Defence Wire</title>
<item><title>Poland signs for K2 tanks</title><link>https://example.org/k2</link>
<pubDate>Fri, 26 Aug 2022 10:00:00 GMT</pubDate>
<description>Poland agreed to buy 180 K2 Black Panther tanks from Hyundai Rotem.</description></item>
</channel></rss>"""
GOOD_JSONL = (
    b'{"title": "India orders Rafale Marine", "text": "India signed for 26 Rafale Marine jets.", '
    b'"url": "https://example.org/r", "source": "The Print"}\n'
)


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input: its file name, how to write it, and the outcome it must have."""

    name: str
    make: Callable[[Path, bool], None]
    outcome: str  # "refused" (one error line naming the file) or "stored"
    reason: str = ""  # a substring of the error message when refused
    big: bool = False  # slow at full scale: only generated with --full
    known_bug: str = ""  # outside this suite's reach: covered by an xfail test instead


def _rng() -> random.Random:
    return random.Random(9)  # deterministic corpus: the same bytes on every run


def _empty(path: Path, full: bool) -> None:
    path.write_bytes(b"")


def _whitespace(path: Path, full: bool) -> None:
    path.write_bytes(b" \n\t\r\n" * 1000)


def _random_binary(path: Path, full: bool) -> None:
    path.write_bytes(_rng().randbytes(64 * 1024))


def _png(path: Path, full: bool) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _rng().randbytes(8 * 1024))


def _gzip_text(path: Path, full: bool) -> None:
    path.write_bytes(gzip.compress(b"Turkey and Pakistan held talks.\n" * 1000))


def _huge_text(path: Path, full: bool) -> None:
    """200 MB of prose (2 MB when not full), written in chunks to keep the writer's memory flat."""
    line = b"Turkey and Pakistan signed a defence pact in Ankara on Monday, officials said.\n"
    chunk = line * (MB // len(line))
    with path.open("wb") as handle:
        for _ in range(200 if full else 2):
            handle.write(chunk)


def _tiny_lines(path: Path, full: bool) -> None:
    path.write_bytes(b"Headline\n" + b"".join(b"w%d\n" % i for i in range(1_000_000 if full else 100_000)))


def _nested_html(path: Path, full: bool) -> None:
    depth = 100_000
    path.write_bytes(
        b"<!doctype html><html><head><title>Deep</title></head><body>"
        + b"<div>" * depth
        + b"<p>Turkey and Pakistan held talks in Ankara on drones and jets.</p>"
        + b"</div>" * depth
        + b"</body></html>"
    )


def _script_html(path: Path, full: bool) -> None:
    size = 50 * 1000 * 1000 if full else 2 * MB
    with path.open("wb") as handle:
        handle.write(b"<!doctype html><html><head><title>Script</title><script>var a = '")
        for _ in range(size // MB):
            handle.write(b"x" * MB)
        handle.write(
            b"';</script></head><body><article><h1>Jets</h1><p>Turkey and Pakistan held talks in "
            b"Ankara on the KAAN fighter jet programme, officials said on Monday.</p></article></body></html>"
        )


def _invalid_utf8(path: Path, full: bool) -> None:
    rng = _rng()
    path.write_bytes(bytes(rng.choice(b"\x80\x81\x8d\x8f\x90\x9d\xc0\xc1\xf5\xfe\xff") for _ in range(4096)))


def _mixed_encodings(path: Path, full: bool) -> None:
    path.write_bytes(
        "Türkiye and Pakistan\n".encode()
        + "Café talks in Ankara went well, officials said.\n".encode("cp1252")
        + "The “KAAN” jet — a joint programme.\n".encode()
    )


def _utf16_le(path: Path, full: bool) -> None:
    path.write_bytes("Ankara talks\nTurkey and Pakistan discussed drones.\n".encode("utf-16-le"))


def _utf16_be(path: Path, full: bool) -> None:
    path.write_bytes("Islamabad talks\nPakistan and Turkey discussed jets.\n".encode("utf-16-be"))


def _nul_bytes(path: Path, full: bool) -> None:
    path.write_bytes(b"Title\x00 of a page\nBody\x00 text with NUL bytes in it.\n" * 50)


def _bidi(path: Path, full: bool) -> None:
    path.write_text(
        "Ankara\u202e talks \u202cnews\nThe \u2067deal\u2069 was \u200fsigned\u200e by both sides"
        " in \u202bAnkara\u202c on Monday.\n",
        encoding="utf-8",
    )


def _billion_laughs(path: Path, full: bool) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>Laughs'
        "</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>",
        encoding="utf-8",
    )


def _quadratic_blowup(path: Path, full: bool) -> None:
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]><rss version="2.0"><channel>'
        f"<title>Blowup</title><item><title>t</title><description>{'&a;' * 20_000}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )


def _external_entity(path: Path, full: bool) -> None:
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>XXE</title><item><title>Leak &xxe;</title>'
        "<description>Secret: &xxe;</description></item></channel></rss>",
        encoding="utf-8",
    )


def _truncated_feed(path: Path, full: bool) -> None:
    path.write_bytes(b'<?xml version="1.0"?><rss><channel><item><title>cut')


def _broken_jsonl(path: Path, full: bool) -> None:
    path.write_bytes(
        b'{"title": "Good one", "text": "Turkey and Pakistan signed a pact."}\n'
        b'{"title": "cut off", "text": "no closing\n'
        b"\xff\xfe not even text\n"
        b"[1, 2, 3]\n"
        b'{"title": "wrong type", "text": 42}\n'
        + b'{"text": '
        + b"[" * 100_000
        + b"\n"
        + b'{"title": "Good two", "text": "The KAAN jet flew in Ankara."}\n'
    )


def _surrogate_jsonl(path: Path, full: bool) -> None:
    path.write_bytes(
        b'{"title": "Lone \\ud800 surrogate", "text": "Text with a lone \\udfff surrogate escape."}\n'
        b'{"title": "Fine", "text": "A normal line next to it."}\n'
    )


def _warc_record(uri: str, body: bytes, *, encoding: str = "") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2025-07-26T12:00:00Z"},
    )
    writer.write_record(record)
    return buf.getvalue()


def _page(title: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>Turkey and Pakistan held talks on the {title} programme in Ankara on Monday, officials "
        "said, and agreed to meet again next month.</p></article></body></html>"
    ).encode()


def _gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes gzip-compressed, written in chunks (a 10 GB bomb is about 10 MB)."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as out:
        zeros = b"\0" * MB
        for _ in range(size // MB):
            out.write(zeros)
    return buf.getvalue()


def _warc_bomb(path: Path, full: bool) -> None:
    bomb = _gzip_bomb((10 * 1024 if full else 200) * MB)
    path.write_bytes(
        _warc_record("https://news.example/before", _page("drone"))
        + _warc_record("https://news.example/bomb", bomb, encoding="gzip")
        + _warc_record("https://news.example/after", _page("jet"))
    )


def _warc_truncated(path: Path, full: bool) -> None:
    last = _warc_record("https://news.example/cut", _page("tank"))
    path.write_bytes(_warc_record("https://news.example/whole", _page("frigate")) + last[: len(last) // 2])


def _warc_junk(path: Path, full: bool) -> None:
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\n<html>short")


CASES: tuple[Case, ...] = (
    Case("empty.txt", _empty, "refused", "empty input"),
    Case("whitespace.txt", _whitespace, "refused", "empty input"),
    Case("random.bin", _random_binary, "refused", "binary content"),
    Case("image.png", _png, "refused", "binary content"),
    Case("text.gz", _gzip_text, "refused", "binary content"),
    Case("huge.txt", _huge_text, "refused", "too large", big=True),
    Case("tiny-lines.txt", _tiny_lines, "stored"),
    Case("nested.html", _nested_html, "stored"),
    Case("script.html", _script_html, "stored", big=True),
    Case("invalid-utf8.txt", _invalid_utf8, "refused", "encoding"),
    Case("mixed-encodings.txt", _mixed_encodings, "stored"),
    Case("utf16-le.txt", _utf16_le, "stored"),
    Case("utf16-be.txt", _utf16_be, "stored"),
    Case("nul-bytes.txt", _nul_bytes, "refused", "binary content"),
    Case("bidi.txt", _bidi, "stored"),
    Case("billion-laughs.xml", _billion_laughs, "refused", "feed"),
    Case("quadratic-blowup.xml", _quadratic_blowup, "refused", "feed"),
    Case("external-entity.xml", _external_entity, "stored"),
    Case("truncated-feed.xml", _truncated_feed, "refused", "feed"),
    Case("broken.jsonl", _broken_jsonl, "stored"),
    Case("surrogates.jsonl", _surrogate_jsonl, "stored"),
    Case("bomb.warc.gz", _warc_bomb, "refused", "larger than"),
    Case("truncated.warc.gz", _warc_truncated, "refused", "truncated"),
    Case("junk.warc", _warc_junk, "refused", "WARC record", known_bug="warc.py: AttributeError"),
)


def write_good_inputs(folder: Path) -> list[Path]:
    """Two well-formed inputs (a feed and a JSONL line) that must be stored next to the hostile ones."""
    folder.mkdir(parents=True, exist_ok=True)
    feed, jsonl = folder / "good-feed.xml", folder / "good.jsonl"
    feed.write_bytes(GOOD_RSS)
    jsonl.write_bytes(GOOD_JSONL)
    return [feed, jsonl]


def make_corpus(folder: Path, *, full: bool = False, names: set[str] | None = None) -> list[Path]:
    """Write the cases (all, or those named) into ``folder``; big ones scaled down unless ``full``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in CASES:
        if names is None or case.name in names:
            case.make(folder / case.name, full)
            written.append(folder / case.name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="Folder to write the corpus into.")
    parser.add_argument(
        "--full", action="store_true", help="Full size: 200 MB text, 50 MB script, 10 GB bomb."
    )
    args = parser.parse_args()
    for path in make_corpus(args.out, full=args.full) + write_good_inputs(args.out):
        print(f"{path.stat().st_size:>12}  {path}")


if __name__ == "__main__":
    main()
