-- The events of each dyad (store/dyads.py), so that the dyad filter of the claims, events and dyad views
-- reads one index range instead of intersecting every event of each actor. One row per ordered pair of
-- different actor keys of an event (a key is an actor's country code or its entity id, as the rule
-- matches them), both ways round: (A, B) and (B, A). Written with the event's actors (store/sql.py),
-- in the same transaction; here filled once for the events already stored.
CREATE TABLE IF NOT EXISTS dyad_events (
    first TEXT NOT NULL,
    second TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (first, second, event_id)
);
CREATE INDEX IF NOT EXISTS dyad_events_event ON dyad_events(event_id);

INSERT INTO dyad_events (first, second, event_id)
SELECT DISTINCT x.actor, y.actor, x.event_id FROM (
    SELECT event_id, code AS actor FROM event_actors WHERE code IS NOT NULL
    UNION SELECT event_id, entity_id FROM event_actors WHERE entity_id IS NOT NULL
) x JOIN (
    SELECT event_id, code AS actor FROM event_actors WHERE code IS NOT NULL
    UNION SELECT event_id, entity_id FROM event_actors WHERE entity_id IS NOT NULL
) y ON y.event_id = x.event_id AND y.actor <> x.actor
WHERE true ON CONFLICT DO NOTHING;

-- The quotes filter by actor or dyad reads the articles that mention an entity: by index alone.
CREATE INDEX IF NOT EXISTS mentions_entity_article ON mentions(entity_id, article_id);
DROP INDEX IF EXISTS mentions_entity;
