-- The happening an event reports, as a key (store/corroboration.py writes it for new events): two
-- events with one key are one happening, and the outlets behind a key corroborate it. Filled here for
-- the events stored before.
ALTER TABLE events ADD COLUMN happening TEXT;

UPDATE events SET happening = CASE
    WHEN NOT EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = events.id AND x.code IS NOT NULL)
        THEN 'event:' || id
    ELSE type || '|' || COALESCE(subtype, '') || '|' || COALESCE(lower(json_extract(record, '$.item')), '')
        || '|' || COALESCE(substr(COALESCE(
            CASE WHEN json_extract(record, '$.time.source') = 'report' THEN NULL
                ELSE json_extract(record, '$.time.value') END,
            CAST(year AS TEXT)), 1, 4), '')
        || '|' || (SELECT group_concat(part, ',') FROM (
            SELECT DISTINCT role || ':' || code AS part FROM event_actors x
            WHERE x.event_id = events.id AND x.code IS NOT NULL ORDER BY part))
    END;

-- Covering indexes: counting the outlets per happening, and a claim's happening, read no record.
CREATE INDEX IF NOT EXISTS events_happening ON events(happening, article_id);
CREATE INDEX IF NOT EXISTS events_id_happening ON events(id, happening);
CREATE INDEX IF NOT EXISTS articles_outlet_of ON articles(id, outlet, source);
-- Covering indexes for "events with this actor", which the dyad and actor filters ask twice per query.
CREATE INDEX IF NOT EXISTS event_actors_code_event ON event_actors(code, event_id);
CREATE INDEX IF NOT EXISTS event_actors_entity_event ON event_actors(entity_id, event_id);
