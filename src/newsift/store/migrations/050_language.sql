-- Each article's language (ISO 639-1, detected at cleaning), for filtering; rows stored before it are English.
ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
CREATE INDEX IF NOT EXISTS articles_language ON articles(language);
