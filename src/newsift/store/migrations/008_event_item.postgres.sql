-- An event's item, lower-cased, as the claims and events views match it to an entity's names.
CREATE INDEX IF NOT EXISTS events_item ON events(lower((record::jsonb) #>> '{item}'));
