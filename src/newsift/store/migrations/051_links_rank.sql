-- Link rows in (kind, rank, key) order: a saved linker's article states are read back a page at a time.
CREATE INDEX IF NOT EXISTS links_rank ON links (kind, rank, key);
