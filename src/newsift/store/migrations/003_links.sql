-- Link-stage results (duplicates, stories, related articles, tags), recomputed and replaced as a whole
-- per kind. ``record`` is the JSON of the link record; ``article_id`` is NULL for a story row.
CREATE TABLE IF NOT EXISTS links (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    article_id TEXT,
    rank INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS links_article ON links (kind, article_id);
