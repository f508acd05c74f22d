-- Force generation: requests sent to contributing countries, their nominations, the selection.
-- Every step carries its date, so the time from request to deployment can be measured.

CREATE TABLE fg_request (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    mission      TEXT NOT NULL REFERENCES mission (acronym),
    title        TEXT NOT NULL CHECK (length(title) > 0),
    posts        INTEGER NOT NULL CHECK (posts > 0),
    min_rank     TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    tour_months  INTEGER NOT NULL CHECK (tour_months BETWEEN 1 AND 36),
    deadline     TEXT NOT NULL,
    country_cap  REAL CHECK (country_cap IS NULL OR (country_cap > 0 AND country_cap <= 1)),
    created_on   TEXT NOT NULL,
    CHECK (deadline <= start_date)
);
CREATE INDEX fg_request_mission ON fg_request (mission, id);

CREATE TABLE fg_request_language (
    request_id   INTEGER NOT NULL REFERENCES fg_request (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (length(language) = 2),
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (request_id, language)
);

CREATE TABLE fg_request_skill (
    request_id   INTEGER NOT NULL REFERENCES fg_request (id) ON DELETE CASCADE,
    skill        TEXT NOT NULL,
    PRIMARY KEY (request_id, skill)
);

-- The countries a request was sent to: their focal points see it and may nominate.
CREATE TABLE fg_request_country (
    request_id   INTEGER NOT NULL REFERENCES fg_request (id) ON DELETE CASCADE,
    country      TEXT NOT NULL REFERENCES country (iso3),
    PRIMARY KEY (request_id, country)
);
CREATE INDEX fg_request_country_country ON fg_request_country (country, request_id);

-- Nationality is the officer's, copied so that a country's scope reads one column.
CREATE TABLE fg_nomination (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id    INTEGER NOT NULL REFERENCES fg_request (id),
    officer_id    INTEGER NOT NULL REFERENCES officer (id),
    nationality   TEXT NOT NULL REFERENCES country (iso3),
    status        TEXT NOT NULL DEFAULT 'nominated'
                  CHECK (status IN ('nominated', 'selected', 'not_selected', 'deployed', 'withdrawn')),
    nominated_on  TEXT NOT NULL,
    decided_on    TEXT,
    deployed_on   TEXT,
    deployment_id INTEGER REFERENCES deployment (id),
    UNIQUE (request_id, officer_id),
    CHECK ((status = 'deployed') = (deployment_id IS NOT NULL))
);
CREATE INDEX fg_nomination_nationality ON fg_nomination (nationality, request_id);
