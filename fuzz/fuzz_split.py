"""atheris harness: raw bytes through sniffing, decoding and the clean stage (page splitter and HTML path).

Any exception but InputError is a crash. Run through fuzz/run.py, which bounds time and memory.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime

import atheris

with atheris.instrument_imports():
    from newsift.clean import noise, split_document
    from newsift.clean.aggregator import split_aggregator_page
    from newsift.clean.structured import html_to_text
    from newsift.errors import InputError
    from newsift.ingest import decode_text, detect_content_type
    from newsift.model import ContentType, RawDocument

WHEN = datetime(2025, 7, 26, 12, tzinfo=UTC)
HAS_HTML = importlib.util.find_spec("newsift.clean.html") is not None  # being built in parallel


def _clean(content: bytes, content_type: str) -> None:
    if content_type == ContentType.HTML and not HAS_HTML:
        html_to_text(content.decode("utf-8", errors="replace"))
        return
    raw = RawDocument(uri="fuzz", content=content, content_type=content_type, fetched_at=WHEN)
    try:
        text = None if content_type == ContentType.FEED else decode_text(content, "fuzz")
        split_document(raw, text)
    except InputError:
        pass


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    mode = provider.ConsumeIntInRange(0, 3)
    content = provider.ConsumeBytes(provider.remaining_bytes())
    if mode == 0:  # whatever the sniffer makes of it
        detected = detect_content_type(content, "fuzz")
        if detected != ContentType.WARC:
            _clean(content, detected)
    elif mode == 1:  # the aggregator splitter on any text
        text = content.decode("utf-8", errors="replace")
        split_aggregator_page(text, page_id="p", uri="fuzz", fetched_at=WHEN)
        for line in text.splitlines():
            noise.find_inline_noise(line)
            noise.split_run_on(line)
    elif mode == 2:  # the HTML path: the full extractor when built, else the feed-fragment one
        _clean(b"<html><body>" + content, ContentType.HTML)
    else:
        html_to_text(content.decode("utf-8", errors="replace"))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
