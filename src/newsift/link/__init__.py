"""The link stage: duplicates, stories, related articles, keyphrases and summaries."""
