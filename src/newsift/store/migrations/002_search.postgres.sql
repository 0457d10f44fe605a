-- Full-text search over title and body (PostgreSQL tsvector, English stemming, GIN index).
CREATE TABLE IF NOT EXISTS articles_search (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
    ) STORED
);
CREATE INDEX IF NOT EXISTS articles_search_tsv ON articles_search USING GIN (tsv);
