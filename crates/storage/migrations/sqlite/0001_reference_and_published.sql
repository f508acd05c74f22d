-- Reference data (rows are loaded from crates/storage/reference by the migration step in Rust)
-- and the UN's published monthly figures.

CREATE TABLE country (
    iso3        TEXT PRIMARY KEY CHECK (length(iso3) = 3),
    iso2        TEXT NOT NULL UNIQUE CHECK (length(iso2) = 2),
    m49         TEXT NOT NULL UNIQUE CHECK (length(m49) = 3),
    name_en     TEXT NOT NULL,
    name_fr     TEXT NOT NULL,
    region_m49  TEXT,
    region      TEXT,
    subregion   TEXT
);

-- Spellings that resolve to a country, normalised (lower case, single spaces, plain apostrophes).
CREATE TABLE country_alias (
    alias       TEXT PRIMARY KEY,
    iso3        TEXT NOT NULL REFERENCES country (iso3)
);

CREATE TABLE mission (
    acronym     TEXT PRIMARY KEY,
    name_en     TEXT NOT NULL,
    name_fr     TEXT NOT NULL,
    host_iso3   TEXT NOT NULL REFERENCES country (iso3),
    kind        TEXT NOT NULL CHECK (kind IN ('peacekeeping', 'political', 'support')),
    start_year  INTEGER NOT NULL,
    start_month INTEGER CHECK (start_month BETWEEN 1 AND 12),
    end_year    INTEGER CHECK (end_year IS NULL OR end_year >= start_year),
    note        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE mission_alias (
    alias       TEXT PRIMARY KEY,
    acronym     TEXT NOT NULL REFERENCES mission (acronym)
);

CREATE TABLE personnel_category (
    code        TEXT PRIMARY KEY,
    name_en     TEXT NOT NULL,
    name_fr     TEXT NOT NULL,
    is_police   BOOLEAN NOT NULL
);

CREATE TABLE parity_target (
    year        INTEGER NOT NULL CHECK (year BETWEEN 2018 AND 2100),
    category    TEXT NOT NULL REFERENCES personnel_category (code),
    women_share REAL NOT NULL CHECK (women_share >= 0 AND women_share <= 1),
    source      TEXT NOT NULL,
    PRIMARY KEY (year, category)
);

-- Which version of each embedded reference file was last loaded (by SHA-256).
CREATE TABLE reference_data_version (
    name        TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
);

-- One row per imported file: where the figures came from.
CREATE TABLE published_import (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    source         TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    level          TEXT NOT NULL CHECK (level IN ('mission', 'country')),
    imported_at    TEXT NOT NULL,
    rows_read      INTEGER NOT NULL,
    rows_inserted  INTEGER NOT NULL,
    rows_unchanged INTEGER NOT NULL,
    rows_rejected  INTEGER NOT NULL
);

-- The reports by mission, contributing country and category. Imported, never edited.
CREATE TABLE published_contribution (
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    mission     TEXT NOT NULL REFERENCES mission (acronym),
    country     TEXT NOT NULL REFERENCES country (iso3),
    category    TEXT NOT NULL REFERENCES personnel_category (code),
    women       INTEGER NOT NULL CHECK (women >= 0),
    men         INTEGER NOT NULL CHECK (men >= 0),
    import_id   INTEGER NOT NULL REFERENCES published_import (id),
    PRIMARY KEY (month, mission, country, category)
) WITHOUT ROWID;

-- The reports by contributing country and category only (March 2018 to August 2019).
CREATE TABLE published_contribution_by_country (
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    country     TEXT NOT NULL REFERENCES country (iso3),
    category    TEXT NOT NULL REFERENCES personnel_category (code),
    women       INTEGER NOT NULL CHECK (women >= 0),
    men         INTEGER NOT NULL CHECK (men >= 0),
    import_id   INTEGER NOT NULL REFERENCES published_import (id),
    PRIMARY KEY (month, country, category)
) WITHOUT ROWID;
