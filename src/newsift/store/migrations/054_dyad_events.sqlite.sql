-- The events of each dyad (store/dyads.py), kept by triggers on event_actors, so that the dyad filter of
-- the claims, events and dyad views reads one index range instead of intersecting every event of each
-- actor. One row per ordered pair of different actor keys of an event (a key is an actor's country code
-- or its entity id, as the rule matches them), both ways round: (A, B) and (B, A).
CREATE TABLE IF NOT EXISTS dyad_events (
    first TEXT NOT NULL,
    second TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (first, second, event_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dyad_events_event ON dyad_events(event_id);

-- The keys of each event's actors.
CREATE VIEW IF NOT EXISTS event_actor_keys (event_id, actor) AS
    SELECT event_id, code FROM event_actors WHERE code IS NOT NULL
    UNION SELECT event_id, entity_id FROM event_actors WHERE entity_id IS NOT NULL;

INSERT INTO dyad_events (first, second, event_id)
SELECT DISTINCT x.actor, y.actor, x.event_id
FROM event_actor_keys x JOIN event_actor_keys y ON y.event_id = x.event_id AND y.actor <> x.actor
WHERE true ON CONFLICT DO NOTHING;

-- A new actor of an event: its keys paired with every key of the event, both ways round.
CREATE TRIGGER IF NOT EXISTS dyad_events_actor_new AFTER INSERT ON event_actors BEGIN
    INSERT INTO dyad_events (first, second, event_id)
    SELECT DISTINCT pair.first, pair.second, NEW.event_id FROM (
        SELECT n.actor AS first, o.actor AS second FROM (SELECT NEW.code AS actor UNION SELECT NEW.entity_id) n
            JOIN event_actor_keys o ON o.event_id = NEW.event_id AND o.actor <> n.actor
        UNION SELECT o.actor, n.actor FROM (SELECT NEW.code AS actor UNION SELECT NEW.entity_id) n
            JOIN event_actor_keys o ON o.event_id = NEW.event_id AND o.actor <> n.actor
    ) pair WHERE pair.first IS NOT NULL AND pair.second IS NOT NULL
    ON CONFLICT DO NOTHING;
END;

-- An actor removed (sql.py removes an event's actors before storing them again) or changed: the pairs of
-- the events concerned are made again from the actors they still have.
CREATE TRIGGER IF NOT EXISTS dyad_events_actor_gone AFTER DELETE ON event_actors BEGIN
    DELETE FROM dyad_events WHERE event_id = OLD.event_id;
    INSERT INTO dyad_events (first, second, event_id)
    SELECT DISTINCT x.actor, y.actor, x.event_id
    FROM event_actor_keys x JOIN event_actor_keys y ON y.event_id = x.event_id AND y.actor <> x.actor
    WHERE x.event_id = OLD.event_id ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER IF NOT EXISTS dyad_events_actor_changed AFTER UPDATE ON event_actors BEGIN
    DELETE FROM dyad_events WHERE event_id IN (OLD.event_id, NEW.event_id);
    INSERT INTO dyad_events (first, second, event_id)
    SELECT DISTINCT x.actor, y.actor, x.event_id
    FROM event_actor_keys x JOIN event_actor_keys y ON y.event_id = x.event_id AND y.actor <> x.actor
    WHERE x.event_id IN (OLD.event_id, NEW.event_id) ON CONFLICT DO NOTHING;
END;

-- The quotes filter by actor or dyad reads the articles that mention an entity: by index alone.
CREATE INDEX IF NOT EXISTS mentions_entity_article ON mentions(entity_id, article_id);
DROP INDEX IF EXISTS mentions_entity;
