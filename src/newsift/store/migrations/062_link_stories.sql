-- The story clusterer's open stories, one row each (issue 22, D4): ``position`` orders them from least to
-- most recently joined, ``last_at`` (microseconds since 1970, NULL when no member has a time) closes them
-- by time, ``record`` is the story's members (``link.stories.LiveStory``). ``link_story_postings`` indexes
-- each open story under its members' blocking keys at the story's position, so linking a batch reads the
-- stories its articles may join, never every open story.
CREATE TABLE IF NOT EXISTS link_stories (
    id TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    last_at BIGINT,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS link_stories_position ON link_stories (position);
CREATE INDEX IF NOT EXISTS link_stories_last_at ON link_stories (last_at);
CREATE TABLE IF NOT EXISTS link_story_postings (
    key TEXT NOT NULL,
    position BIGINT NOT NULL,
    story_id TEXT NOT NULL,
    PRIMARY KEY (key, position)
);
CREATE INDEX IF NOT EXISTS link_story_postings_story ON link_story_postings (story_id);
