"""The clean stage: one raw document becomes one or more clean articles, noise removed and recorded."""

from newsift.clean.document import split_document
from newsift.clean.structured import CleanResult

__all__ = ["CleanResult", "split_document"]
