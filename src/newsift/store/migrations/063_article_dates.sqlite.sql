-- Article lists newest first (web_queries.filtered_page without words: /api/articles, the home page,
-- search by date) read the first rows of this index instead of sorting every article's record.
-- The expression is the query's own, so the planner matches it.
CREATE INDEX IF NOT EXISTS articles_date_desk
    ON articles (COALESCE(COALESCE(published_at, fetched_at), '') DESC, page_id, idx);
