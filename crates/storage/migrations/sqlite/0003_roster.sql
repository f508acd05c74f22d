-- The roster: officers, units, posts and deployments (tours).

CREATE TABLE officer (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  TEXT NOT NULL UNIQUE,
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    nationality  TEXT NOT NULL REFERENCES country (iso3),
    gender       TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    birth_date   TEXT NOT NULL,
    rank         TEXT NOT NULL,
    vetting      TEXT NOT NULL DEFAULT 'pending' CHECK (vetting IN ('pending', 'cleared', 'refused'))
);
CREATE INDEX officer_nationality ON officer (nationality, id);

CREATE TABLE officer_language (
    officer_id   INTEGER NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (length(language) = 2),
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (officer_id, language)
) WITHOUT ROWID;

CREATE TABLE officer_skill (
    officer_id   INTEGER NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    skill        TEXT NOT NULL,
    PRIMARY KEY (officer_id, skill)
) WITHOUT ROWID;

CREATE TABLE unit (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('fpu', 'spt')),
    country      TEXT NOT NULL REFERENCES country (iso3),
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    designation  TEXT NOT NULL
);

CREATE TABLE post (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  TEXT NOT NULL UNIQUE,
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    title        TEXT NOT NULL,
    category     TEXT NOT NULL CHECK (category IN ('ipo', 'fpu', 'spt')),
    location     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX post_mission ON post (mission, id);

-- A tour. Nationality and gender are the officer's, copied so that the monthly report reads one
-- index; storage keeps them equal to the officer's when an officer changes.
CREATE TABLE deployment (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  TEXT NOT NULL UNIQUE,
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
    CHECK (actual_end IS NULL OR actual_end > start_date)
);
CREATE INDEX deployment_officer ON deployment (officer_id, start_date);
CREATE INDEX deployment_active ON deployment (end_date, start_date, mission, nationality, category, gender);

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
