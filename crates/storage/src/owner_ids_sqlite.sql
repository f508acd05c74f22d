-- External ids per owner on SQLite: officers' unique within their country, tours' and posts'
-- within their mission. SQLite cannot drop a column's UNIQUE, so each table is rebuilt as SQLite's
-- documentation says: with foreign keys off (on its own connection, see migrate.rs), in one
-- transaction, new table, copy, drop the old, rename, indexes and triggers again.

CREATE TABLE officer_0007 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  TEXT NOT NULL,
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    nationality  TEXT NOT NULL REFERENCES country (iso3),
    gender       TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    birth_date   TEXT NOT NULL,
    rank         TEXT NOT NULL,
    vetting      TEXT NOT NULL DEFAULT 'pending' CHECK (vetting IN ('pending', 'cleared', 'refused')),
    UNIQUE (nationality, external_id)
);
INSERT INTO officer_0007 (id, external_id, given_name, family_name, nationality, gender, birth_date, rank, vetting)
    SELECT id, external_id, given_name, family_name, nationality, gender, birth_date, rank, vetting
    FROM officer;
DROP TABLE officer;
ALTER TABLE officer_0007 RENAME TO officer;
CREATE INDEX officer_nationality ON officer (nationality, id);

CREATE TABLE post_0007 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  TEXT NOT NULL,
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    title        TEXT NOT NULL,
    category     TEXT NOT NULL CHECK (category IN ('ipo', 'fpu', 'spt')),
    location     TEXT NOT NULL DEFAULT '',
    UNIQUE (mission, external_id)
);
INSERT INTO post_0007 (id, external_id, mission, title, category, location)
    SELECT id, external_id, mission, title, category, location FROM post;
DROP TABLE post;
ALTER TABLE post_0007 RENAME TO post;
CREATE INDEX post_mission ON post (mission, id);

CREATE TABLE deployment_0007 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  TEXT NOT NULL,
    officer_id   INTEGER NOT NULL REFERENCES officer (id),
    unit_id      INTEGER REFERENCES unit (id),
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    post_id      INTEGER REFERENCES post (id),
    category     TEXT NOT NULL CHECK (category IN ('individual_police', 'formed_police_units')),
    nationality  TEXT NOT NULL REFERENCES country (iso3),
    gender       TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    start_date   TEXT NOT NULL,
    planned_end  TEXT NOT NULL,
    actual_end   TEXT,
    end_reason   TEXT,
    end_date     TEXT GENERATED ALWAYS AS (COALESCE(actual_end, planned_end)) VIRTUAL,
    CHECK (planned_end > start_date),
    CHECK (actual_end IS NULL OR actual_end > start_date),
    UNIQUE (mission, external_id)
);
INSERT INTO deployment_0007 (id, external_id, officer_id, unit_id, mission, post_id, category, nationality,
                        gender, start_date, planned_end, actual_end, end_reason)
    SELECT id, external_id, officer_id, unit_id, mission, post_id, category, nationality,
           gender, start_date, planned_end, actual_end, end_reason
    FROM deployment;
DROP TABLE deployment;
ALTER TABLE deployment_0007 RENAME TO deployment;
CREATE INDEX deployment_officer ON deployment (officer_id, start_date);
CREATE INDEX deployment_active ON deployment (end_date, start_date, mission, nationality, category, gender);
-- Migration 8's index: on a database created before this rebuild ran, it went with the old table.
CREATE INDEX deployment_post ON deployment (post_id, start_date, end_date);

-- One officer never has two overlapping tours (both ends included).
CREATE TRIGGER deployment_no_overlap_insert BEFORE INSERT ON deployment
WHEN EXISTS (
    SELECT 1 FROM deployment d
    WHERE d.officer_id = NEW.officer_id
      AND d.start_date <= COALESCE(NEW.actual_end, NEW.planned_end)
      AND NEW.start_date <= d.end_date
)
BEGIN
    SELECT RAISE(ABORT, 'tour overlaps another tour of the same officer');
END;

CREATE TRIGGER deployment_no_overlap_update BEFORE UPDATE ON deployment
WHEN EXISTS (
    SELECT 1 FROM deployment d
    WHERE d.officer_id = NEW.officer_id AND d.id <> NEW.id
      AND d.start_date <= COALESCE(NEW.actual_end, NEW.planned_end)
      AND NEW.start_date <= d.end_date
)
BEGIN
    SELECT RAISE(ABORT, 'tour overlaps another tour of the same officer');
END;
