-- The roster: officers, units, posts and deployments (tours).

-- For the exclusion constraint below (officer id with =, dates with &&). Installed in public so
-- that every schema of the database shares it.
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;

CREATE TABLE officer (
    id           BIGSERIAL PRIMARY KEY,
    external_id  TEXT NOT NULL UNIQUE,
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    nationality  TEXT NOT NULL REFERENCES country (iso3),
    gender       TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    birth_date   DATE NOT NULL,
    rank         TEXT NOT NULL,
    vetting      TEXT NOT NULL DEFAULT 'pending' CHECK (vetting IN ('pending', 'cleared', 'refused'))
);
CREATE INDEX officer_nationality ON officer (nationality, id);

CREATE TABLE officer_language (
    officer_id   BIGINT NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (length(language) = 2),
    level        BIGINT NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (officer_id, language)
);

CREATE TABLE officer_skill (
    officer_id   BIGINT NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    skill        TEXT NOT NULL,
    PRIMARY KEY (officer_id, skill)
);

CREATE TABLE unit (
    id           BIGSERIAL PRIMARY KEY,
    external_id  TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('fpu', 'spt')),
    country      TEXT NOT NULL REFERENCES country (iso3),
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    designation  TEXT NOT NULL
);

CREATE TABLE post (
    id           BIGSERIAL PRIMARY KEY,
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
    id           BIGSERIAL PRIMARY KEY,
    external_id  TEXT NOT NULL UNIQUE,
    officer_id   BIGINT NOT NULL REFERENCES officer (id),
    unit_id      BIGINT REFERENCES unit (id),
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    post_id      BIGINT REFERENCES post (id),
    category     TEXT NOT NULL CHECK (category IN ('individual_police', 'formed_police_units')),
    nationality  TEXT NOT NULL REFERENCES country (iso3),
    gender       TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    start_date   DATE NOT NULL,
    planned_end  DATE NOT NULL,
    actual_end   DATE,
    end_reason   TEXT,
    end_date     DATE GENERATED ALWAYS AS (COALESCE(actual_end, planned_end)) STORED,
    CHECK (planned_end > start_date),
    CHECK (actual_end IS NULL OR actual_end > start_date),
    -- One officer never has two overlapping tours (both ends included).
    CONSTRAINT deployment_no_overlap EXCLUDE USING gist (
        officer_id WITH =,
        daterange(start_date, COALESCE(actual_end, planned_end), '[]') WITH &&
    )
);
CREATE INDEX deployment_officer ON deployment (officer_id, start_date);
CREATE INDEX deployment_active ON deployment (end_date, start_date, mission, nationality, category, gender);
