"""The clean stage: one raw document becomes one or more clean articles, noise removed and recorded."""

from newsift.clean.document import split_document
from newsift.clean.no_article import NoArticle
from newsift.clean.structured import CleanResult

__all__ = ["CleanResult", "NoArticle", "split_document"]
