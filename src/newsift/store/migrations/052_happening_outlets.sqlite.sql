-- How many independent outlets report each happening (store/corroboration.py), kept by triggers so that
-- a claims or events list sorted by it reads one row per happening instead of counting every event of
-- the store on each request. An outlet is the article's outlet, else its source, else the article.
CREATE TABLE IF NOT EXISTS happening_outlets (happening TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;

INSERT OR REPLACE INTO happening_outlets (happening, n)
SELECT x.happening, COUNT(DISTINCT COALESCE(a.outlet, a.source, a.id))
FROM events x JOIN articles a ON a.id = x.article_id WHERE x.happening IS NOT NULL GROUP BY x.happening;

-- A new event: its happening is counted again. (An upsert: a trigger's OR REPLACE would give way to
-- the conflict policy of the statement that fired it.)
CREATE TRIGGER IF NOT EXISTS happening_outlets_event_new AFTER INSERT ON events
WHEN NEW.happening IS NOT NULL BEGIN
    INSERT INTO happening_outlets (happening, n)
    SELECT NEW.happening, COUNT(DISTINCT COALESCE(a.outlet, a.source, a.id))
    FROM events x JOIN articles a ON a.id = x.article_id WHERE x.happening = NEW.happening
    ON CONFLICT (happening) DO UPDATE SET n = excluded.n;
END;

-- An event stored again (its key or article may change): the happenings it leaves and joins.
CREATE TRIGGER IF NOT EXISTS happening_outlets_event_changed AFTER UPDATE OF happening, article_id ON events
BEGIN
    INSERT INTO happening_outlets (happening, n)
    SELECT k.happening, (
        SELECT COUNT(DISTINCT COALESCE(a.outlet, a.source, a.id))
        FROM events x JOIN articles a ON a.id = x.article_id WHERE x.happening = k.happening)
    FROM (SELECT OLD.happening AS happening UNION SELECT NEW.happening) k WHERE k.happening IS NOT NULL
    ON CONFLICT (happening) DO UPDATE SET n = excluded.n;
END;

-- An article whose outlet or source changes: the happenings of its events.
CREATE TRIGGER IF NOT EXISTS happening_outlets_article_changed AFTER UPDATE OF outlet, source ON articles
WHEN OLD.outlet IS NOT NEW.outlet OR OLD.source IS NOT NEW.source BEGIN
    INSERT INTO happening_outlets (happening, n)
    SELECT k.happening, (
        SELECT COUNT(DISTINCT COALESCE(a.outlet, a.source, a.id))
        FROM events x JOIN articles a ON a.id = x.article_id WHERE x.happening = k.happening)
    FROM (SELECT DISTINCT happening FROM events WHERE article_id = NEW.id AND happening IS NOT NULL) k WHERE true
    ON CONFLICT (happening) DO UPDATE SET n = excluded.n;
END;
