-- The happening an event reports, as a key (store/corroboration.py writes it for new events): two
-- events with one key are one happening, and the outlets behind a key corroborate it. Filled here for
-- the events stored before. The item is folded to lower case in ASCII only, as SQLite's lower() does.
ALTER TABLE events ADD COLUMN IF NOT EXISTS happening TEXT;

UPDATE events SET happening = CASE
    WHEN NOT EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = events.id AND x.code IS NOT NULL)
        THEN 'event:' || id
    ELSE type || '|' || COALESCE(subtype, '') || '|' || COALESCE(translate((record::jsonb) #>> '{item}', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '')
        || '|' || COALESCE(substr(COALESCE(
            CASE WHEN (record::jsonb) #>> '{time,source}' = 'report' THEN NULL
                ELSE (record::jsonb) #>> '{time,value}' END,
            CAST(year AS TEXT)), 1, 4), '')
        || '|' || (SELECT string_agg(part, ',' ORDER BY part COLLATE "C") FROM (
            SELECT DISTINCT role || ':' || code AS part FROM event_actors x
            WHERE x.event_id = events.id AND x.code IS NOT NULL) parts)
    END;

-- Covering indexes: counting the outlets per happening, and a claim's happening, read no record.
CREATE INDEX IF NOT EXISTS events_happening ON events(happening, article_id);
CREATE INDEX IF NOT EXISTS events_id_happening ON events(id, happening);
CREATE INDEX IF NOT EXISTS articles_outlet_of ON articles(id, outlet, source);
-- Covering indexes for "events with this actor", which the dyad and actor filters ask twice per query.
CREATE INDEX IF NOT EXISTS event_actors_code_event ON event_actors(code, event_id);
CREATE INDEX IF NOT EXISTS event_actors_entity_event ON event_actors(entity_id, event_id);
