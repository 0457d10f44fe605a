-- How many independent outlets report each happening (store/corroboration.py), kept by triggers so that
-- a claims or events list sorted by it reads one row per happening instead of counting every event of
-- the store on each request. An outlet is the article's outlet, else its source, else the article.
CREATE TABLE IF NOT EXISTS happening_outlets (happening TEXT PRIMARY KEY, n INTEGER NOT NULL);

CREATE OR REPLACE FUNCTION newsift_count_outlets(keys TEXT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO happening_outlets (happening, n)
    SELECT k.happening, (
        SELECT COUNT(DISTINCT COALESCE(a.outlet, a.source, a.id))
        FROM events x JOIN articles a ON a.id = x.article_id WHERE x.happening = k.happening)
    FROM (SELECT DISTINCT happening FROM unnest(keys) AS u(happening) WHERE happening IS NOT NULL) k
    ON CONFLICT (happening) DO UPDATE SET n = excluded.n
$$;

SELECT newsift_count_outlets(ARRAY(SELECT DISTINCT happening FROM events WHERE happening IS NOT NULL));

-- A new event, or one stored again (its key or article may change): the happenings it leaves and joins.
CREATE OR REPLACE FUNCTION newsift_event_outlets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM newsift_count_outlets(ARRAY[NEW.happening]);
    ELSIF OLD.happening IS DISTINCT FROM NEW.happening OR OLD.article_id IS DISTINCT FROM NEW.article_id THEN
        PERFORM newsift_count_outlets(ARRAY[OLD.happening, NEW.happening]);
    END IF;
    RETURN NULL;
END
$$;

-- An article whose outlet or source changes: the happenings of its events.
CREATE OR REPLACE FUNCTION newsift_article_outlets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.outlet IS DISTINCT FROM NEW.outlet OR OLD.source IS DISTINCT FROM NEW.source THEN
        PERFORM newsift_count_outlets(ARRAY(SELECT happening FROM events WHERE article_id = NEW.id));
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS happening_outlets_event ON events;
CREATE TRIGGER happening_outlets_event AFTER INSERT OR UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION newsift_event_outlets();
DROP TRIGGER IF EXISTS happening_outlets_article ON articles;
CREATE TRIGGER happening_outlets_article AFTER UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION newsift_article_outlets();
