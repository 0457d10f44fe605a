-- Article lists newest first (web_queries.filtered_page without words: /api/articles, the home page,
-- search by date) read the first rows of this index instead of sorting every article's record.
-- The expression and collations are the query's own (dialect.collate), so the planner matches them.
CREATE INDEX IF NOT EXISTS articles_date_desk
    ON articles ((COALESCE(COALESCE(published_at, fetched_at), '') COLLATE "C") DESC, page_id COLLATE "C", idx);
