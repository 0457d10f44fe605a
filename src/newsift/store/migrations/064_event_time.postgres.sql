-- The event's own time as a column (store/facts.py sorts, filters and counts by it): its stated
-- ``time.value`` unless that is only the report's date, else its year; NULL when it has neither. Written
-- with the event (store/sql.py); filled here for the events stored before. The dyad page counts a
-- dyad's events per year and type, and sorts its rows by this time, from the index alone.
ALTER TABLE events ADD COLUMN IF NOT EXISTS event_time TEXT;

UPDATE events SET event_time = COALESCE(
    CASE WHEN (record::jsonb) #>> '{time,source}' = 'report' THEN NULL
        ELSE (record::jsonb) #>> '{time,value}' END,
    CAST(year AS TEXT));

CREATE INDEX IF NOT EXISTS events_id_time ON events(id, event_time, type, status, article_id);
CREATE INDEX IF NOT EXISTS events_time ON events(event_time);
