-- Whether a post is filled on a day is asked of its tours, post by post: without an index on the
-- post, every such question read every tour (0.9 s for the demo's vacancy list).
CREATE INDEX deployment_post ON deployment (post_id, start_date, end_date);
