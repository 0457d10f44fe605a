-- The saved linker's postings: each linked article under each key it is indexed by (its related-article
-- blocking keys, and its duplicate keys: exact hash and LSH bands), at its link position. Linking a new
-- batch reads the postings of the batch's own keys and the states of the articles they name, not every
-- saved article state, so its cost does not grow with the store (issue 22, D4).
CREATE TABLE IF NOT EXISTS link_postings (
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (key, position)
);
CREATE INDEX IF NOT EXISTS link_postings_article ON link_postings (article_id);
