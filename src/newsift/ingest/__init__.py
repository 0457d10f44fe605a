"""The ingest stage: files, folders and URLs into RawDocuments, format sniffed from content."""

from newsift.ingest.fetch import Fetcher, HttpFetcher, check_url
from newsift.ingest.files import expand_inputs, read_file
from newsift.ingest.sniff import decode_text, detect_content_type

__all__ = [
    "Fetcher",
    "HttpFetcher",
    "check_url",
    "decode_text",
    "detect_content_type",
    "expand_inputs",
    "read_file",
]
