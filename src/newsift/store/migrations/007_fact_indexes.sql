-- Indexes for the claims, events and quotes views and the dyad counts (store/facts.py).
CREATE INDEX IF NOT EXISTS claims_status ON claims(status);
CREATE INDEX IF NOT EXISTS claims_event ON claims(event_id);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE INDEX IF NOT EXISTS events_subtype ON events(subtype);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);
CREATE INDEX IF NOT EXISTS event_actors_entity ON event_actors(entity_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_id);
