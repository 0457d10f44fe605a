-- A claims or events list sorted by outlets (store/facts.py) reads its rows one count of outlets at a
-- time, most first: from the counts (by their index) to the events of each happening, then to their
-- claims, so that a first page stops after the few most corroborated happenings.
CREATE INDEX IF NOT EXISTS happening_outlets_n ON happening_outlets(n, happening);
CREATE INDEX IF NOT EXISTS events_happening_desk ON events(happening, id);
