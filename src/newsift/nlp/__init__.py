"""The nlp stage: spaCy annotation and entity resolution."""

from newsift.nlp.pipeline import annotate_articles, load_nlp

__all__ = ["annotate_articles", "load_nlp"]
