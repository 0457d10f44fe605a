-- Watches in the web UI: an owner (a user's name; NULL for watches saved from the command line), a name
-- people read instead of the id, and the records each watch showed when its owner last opened it.
ALTER TABLE watches ADD COLUMN owner TEXT;
ALTER TABLE watches ADD COLUMN name TEXT;
ALTER TABLE watches ADD COLUMN visited_at TEXT;

CREATE INDEX IF NOT EXISTS watches_owner ON watches (owner);

CREATE TABLE IF NOT EXISTS watch_visited (
    watch_id TEXT NOT NULL REFERENCES watches(id),
    record_id TEXT NOT NULL,
    PRIMARY KEY (watch_id, record_id)
);
