-- Articles stored and not linked yet, in the order they were stored (``seq``). The runner links them in
-- units of ``pipeline.batch_size`` taken from the front, so a run stopped anywhere and run again links
-- the same units as an uninterrupted run (issue 22, D4). Filled by ``store_batch``, emptied by linking.
CREATE TABLE IF NOT EXISTS link_pending (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS link_pending_article ON link_pending (article_id);
