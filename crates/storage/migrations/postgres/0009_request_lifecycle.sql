-- A request has a life (draft, sent, nominations closed, selected, deployed, closed or cancelled),
-- each step dated by the decision it records; and no path may select or deploy more officers than
-- the request has posts.

ALTER TABLE fg_request ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'sent', 'nominations_closed', 'selected', 'deployed', 'closed', 'cancelled'));

CREATE TABLE fg_request_step (
    request_id  BIGINT NOT NULL REFERENCES fg_request (id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL CHECK (seq > 0),
    status      TEXT NOT NULL
                CHECK (status IN ('draft', 'sent', 'nominations_closed', 'selected', 'deployed', 'closed', 'cancelled')),
    on_date     DATE NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (request_id, seq)
);

-- Requests recorded before this migration were sent when they were created; their nominations
-- say how far they went.
INSERT INTO fg_request_step (request_id, seq, status, on_date)
    SELECT id, 1, 'draft', created_on FROM fg_request;
INSERT INTO fg_request_step (request_id, seq, status, on_date)
    SELECT id, 2, 'sent', created_on FROM fg_request;
INSERT INTO fg_request_step (request_id, seq, status, on_date)
    SELECT r.id, 3, 'nominations_closed', MIN(n.decided_on)
    FROM fg_request r JOIN fg_nomination n ON n.request_id = r.id
    WHERE n.decided_on IS NOT NULL GROUP BY r.id;
INSERT INTO fg_request_step (request_id, seq, status, on_date)
    SELECT r.id, 4, 'selected', MAX(n.decided_on)
    FROM fg_request r JOIN fg_nomination n ON n.request_id = r.id
    WHERE n.decided_on IS NOT NULL GROUP BY r.id;
INSERT INTO fg_request_step (request_id, seq, status, on_date)
    SELECT r.id, 5, 'deployed', MAX(n.deployed_on)
    FROM fg_request r JOIN fg_nomination n ON n.request_id = r.id
    WHERE n.deployed_on IS NOT NULL GROUP BY r.id;
UPDATE fg_request SET status = (
    SELECT s.status FROM fg_request_step s WHERE s.request_id = fg_request.id ORDER BY s.seq DESC LIMIT 1
);

-- A post is filled once: selected and deployed nominations never outnumber the posts. The
-- request's row is locked first, so that two transactions selecting for the same request count
-- one after the other.
CREATE FUNCTION fg_nomination_within_posts() RETURNS trigger AS $$
DECLARE
    capacity BIGINT;
    taken BIGINT;
BEGIN
    IF NEW.status NOT IN ('selected', 'deployed') THEN
        RETURN NEW;
    END IF;
    SELECT posts INTO capacity FROM fg_request WHERE id = NEW.request_id FOR UPDATE;
    SELECT COUNT(*) INTO taken FROM fg_nomination n
        WHERE n.request_id = NEW.request_id AND n.id <> NEW.id AND n.status IN ('selected', 'deployed');
    IF taken >= capacity THEN
        RAISE EXCEPTION 'more officers selected than the request has posts';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER fg_nomination_within_posts BEFORE INSERT OR UPDATE OF status ON fg_nomination
    FOR EACH ROW EXECUTE FUNCTION fg_nomination_within_posts();

CREATE FUNCTION fg_request_posts_cover_selection() RETURNS trigger AS $$
BEGIN
    IF (SELECT COUNT(*) FROM fg_nomination n
        WHERE n.request_id = NEW.id AND n.status IN ('selected', 'deployed')) > NEW.posts THEN
        RAISE EXCEPTION 'more officers selected than the request has posts';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER fg_request_posts_cover_selection BEFORE UPDATE OF posts ON fg_request
    FOR EACH ROW EXECUTE FUNCTION fg_request_posts_cover_selection();
