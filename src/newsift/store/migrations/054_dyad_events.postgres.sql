-- The events of each dyad (store/dyads.py), kept by triggers on event_actors, so that the dyad filter of
-- the claims, events and dyad views reads one index range instead of intersecting every event of each
-- actor. One row per ordered pair of different actor keys of an event (a key is an actor's country code
-- or its entity id, as the rule matches them), both ways round: (A, B) and (B, A).
CREATE TABLE IF NOT EXISTS dyad_events (
    first TEXT NOT NULL,
    second TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (first, second, event_id)
);
CREATE INDEX IF NOT EXISTS dyad_events_event ON dyad_events(event_id);

-- The keys of each event's actors.
CREATE OR REPLACE VIEW event_actor_keys (event_id, actor) AS
    SELECT event_id, code FROM event_actors WHERE code IS NOT NULL
    UNION SELECT event_id, entity_id FROM event_actors WHERE entity_id IS NOT NULL;

-- The pairs of these events, made again from the actors they have now.
CREATE OR REPLACE FUNCTION newsift_pair_actors(ids TEXT[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM dyad_events WHERE event_id = ANY(ids);
    INSERT INTO dyad_events (first, second, event_id)
    SELECT DISTINCT x.actor, y.actor, x.event_id
    FROM event_actor_keys x JOIN event_actor_keys y ON y.event_id = x.event_id AND y.actor <> x.actor
    WHERE x.event_id = ANY(ids)
    ON CONFLICT DO NOTHING
$$;

INSERT INTO dyad_events (first, second, event_id)
SELECT DISTINCT x.actor, y.actor, x.event_id
FROM event_actor_keys x JOIN event_actor_keys y ON y.event_id = x.event_id AND y.actor <> x.actor
ON CONFLICT DO NOTHING;

-- An actor stored, removed (sql.py removes an event's actors before storing them again) or changed.
CREATE OR REPLACE FUNCTION newsift_event_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM newsift_pair_actors(ARRAY[NEW.event_id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM newsift_pair_actors(ARRAY[OLD.event_id]);
    ELSE
        PERFORM newsift_pair_actors(ARRAY[OLD.event_id, NEW.event_id]);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS dyad_events_actor ON event_actors;
CREATE TRIGGER dyad_events_actor AFTER INSERT OR UPDATE OR DELETE ON event_actors
    FOR EACH ROW EXECUTE FUNCTION newsift_event_pairs();

-- The quotes filter by actor or dyad reads the articles that mention an entity: by index alone.
CREATE INDEX IF NOT EXISTS mentions_entity_article ON mentions(entity_id, article_id);
DROP INDEX IF EXISTS mentions_entity;
