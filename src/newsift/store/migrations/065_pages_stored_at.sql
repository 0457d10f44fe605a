-- The content mark (store/sqlite.py, store/sql.py: what the count cache and the header's watch counts
-- are keyed on) reads the newest page's time from this index instead of scanning every page, so a
-- read after another connection's commit (an ingest's batches and link writes) stays as cheap at
-- 200,000 pages as at 200.
CREATE INDEX IF NOT EXISTS pages_stored_at ON pages(stored_at);
