-- Polling: conditional-GET validators of each source, and the feed entries already ingested.
CREATE TABLE IF NOT EXISTS poll_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    status INTEGER,
    checked_at TEXT NOT NULL,
    changed_at TEXT
);

CREATE TABLE IF NOT EXISTS poll_seen (
    url TEXT NOT NULL,
    entry TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (url, entry)
);
