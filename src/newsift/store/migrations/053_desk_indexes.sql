-- Covering indexes for the claims and events views (store/facts.py): the facet counts, the outlet counts
-- and the sort keys of a page read these narrow rows instead of the records. A claim by its article
-- (status, event) and by its event; an event by its article and by its id (happening, type, subtype,
-- status); an article by its id (outlet, dates) and by its outlet; an event's actors (the relationships
-- matrix and an entity's counterparts pair them). Each takes over the narrower index it starts with,
-- which is dropped.
CREATE INDEX IF NOT EXISTS claims_article_desk ON claims(article_id, status, event_id, id);
CREATE INDEX IF NOT EXISTS claims_event_desk ON claims(event_id, status, article_id, id);
CREATE INDEX IF NOT EXISTS events_article_desk ON events(article_id, happening, status, type, subtype, id);
CREATE INDEX IF NOT EXISTS events_id_desk ON events(id, happening, type, subtype, status, article_id);
CREATE INDEX IF NOT EXISTS articles_id_desk ON articles(id, outlet, source, published_at, fetched_at);
CREATE INDEX IF NOT EXISTS articles_outlet_desk ON articles(outlet, id);
CREATE INDEX IF NOT EXISTS event_actors_desk ON event_actors(event_id, code, entity_id);
DROP INDEX IF EXISTS claims_article;
DROP INDEX IF EXISTS claims_event;
DROP INDEX IF EXISTS events_article;
DROP INDEX IF EXISTS events_id_happening;
DROP INDEX IF EXISTS articles_outlet_of;
DROP INDEX IF EXISTS articles_outlet;
DROP INDEX IF EXISTS event_actors_event;
-- Statistics, so that the planner knows these indexes are as selective as the primary keys (without
-- them SQLite prefers a primary key and reads the record). The web server refreshes them at start.
ANALYZE;
