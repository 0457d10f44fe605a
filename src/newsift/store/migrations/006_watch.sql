-- Watches: saved filters over events and claims (JSON), and the records each has already reported.
CREATE TABLE IF NOT EXISTS watches (
    id TEXT PRIMARY KEY,
    filter TEXT NOT NULL,
    created_at TEXT NOT NULL,
    checked_at TEXT
);

CREATE TABLE IF NOT EXISTS watch_seen (
    watch_id TEXT NOT NULL REFERENCES watches(id),
    record_id TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (watch_id, record_id)
);
