-- Incidents in a mission's area, entered by mission staff or imported from open event data (the
-- UCDP Georeferenced Event Dataset). An imported event keeps its source's id, unique per source, so
-- importing the same file again inserts nothing; missions that share a host country (MINURCA and
-- MINUSCA) each hold their own copy, and its source's own code (`source_type`, GED's
-- `type_of_violence`) beside the category unpol files it under.

CREATE TABLE incident (
    id                  BIGSERIAL PRIMARY KEY,
    mission             TEXT NOT NULL REFERENCES mission (acronym),
    source              TEXT NOT NULL CHECK (source IN ('entered', 'ucdp_ged')),
    source_id           TEXT,
    source_type         TEXT CHECK (source_type IN ('state_based', 'non_state', 'one_sided')),
    category            TEXT NOT NULL CHECK (category IN
                            ('threat_to_personnel', 'protection_of_civilians', 'sgbv', 'organized_crime',
                             'public_order', 'hate_speech', 'armed_conflict', 'other')),
    started_on          DATE NOT NULL,
    ended_on            DATE NOT NULL,
    date_precision      INTEGER NOT NULL CHECK (date_precision BETWEEN 1 AND 5),
    adm1                TEXT NOT NULL DEFAULT '',
    adm2                TEXT NOT NULL DEFAULT '',
    place               TEXT NOT NULL DEFAULT '',
    latitude            DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude           DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    location_precision  INTEGER CHECK (location_precision BETWEEN 1 AND 7),
    side_a              TEXT NOT NULL DEFAULT '',
    side_b              TEXT NOT NULL DEFAULT '',
    deaths              INTEGER NOT NULL DEFAULT 0 CHECK (deaths >= 0),
    deaths_low          INTEGER CHECK (deaths_low >= 0),
    deaths_high         INTEGER CHECK (deaths_high >= 0),
    injuries            INTEGER CHECK (injuries >= 0),
    description         TEXT NOT NULL DEFAULT '',
    follow_up           TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'followed_up', 'closed')),
    CHECK (ended_on >= started_on),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK ((source = 'entered') = (source_id IS NULL)),
    UNIQUE (mission, source, source_id)
);
CREATE INDEX incident_mission ON incident (mission, started_on);

CREATE TABLE incident_victims (
    incident_id  BIGINT NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    sex          TEXT NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
    age_group    TEXT NOT NULL CHECK (age_group IN ('adult', 'child', 'unknown')),
    count        INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (incident_id, sex, age_group)
);
